"""`tally backup`: a backup now, the list, and the way back from a damaged history; `tally ask`
takes the day's backup by itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.core.history.store import HistoryStore
from desktop_app.simulator import Simulator
from tests.support.history import damaged
from tests.support.ui.window_helpers import sim_key, write_providers


def _titles() -> list[str]:
    with HistoryStore(paths.history_db()) as store:
        return [summary.title for summary in store.conversations()]


def test_backup_list_and_restore_after_damage(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup"]) == 2
    assert "There is no history to back up yet" in capsys.readouterr().err
    with HistoryStore(paths.history_db()) as store:
        store.create_conversation("Worth keeping")
    assert main(["backup"]) == 0
    assert "backed up the history to " in capsys.readouterr().err
    assert main(["backup", "--list"]) == 0
    out, err = capsys.readouterr()
    (line,) = out.splitlines()
    assert line.startswith("history-")
    assert line.endswith("KiB")
    assert "1 of the last 7 kept in " in err

    damaged.random_bytes(paths.history_db())
    assert main(["export"]) == 2
    capsys.readouterr()
    assert main(["backup"]) == 2  # a damaged file is not backed up
    assert "is damaged" in capsys.readouterr().err
    assert main(["backup", "--restore", line[:12]]) == 0
    err = capsys.readouterr().err
    assert "restored the backup of " in err
    assert "the history it replaced is kept as " in err
    assert _titles() == ["Worth keeping"]
    (aside,) = data_dir.glob("history.sqlite3.before-restore-*[0-9]Z")
    assert aside.read_bytes() == damaged.random_bytes_content()


def test_restore_with_no_backups_says_so(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", "--restore"]) == 2
    assert "There are no backups of the history" in capsys.readouterr().err


def test_ask_takes_the_days_backup_once(
    simulator: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_providers(data_dir, simulator, key=sim_key(simulator))
    assert main(["ask", "--model", "sim-echo", "first"]) == 0
    assert main(["ask", "--model", "sim-echo", "second"]) == 0
    assert "backup" not in capsys.readouterr().err  # quietly
    (backup,) = (data_dir / "backups").iterdir()  # once a day: the first answer's
    with HistoryStore(backup) as store:
        (conversation,) = store.conversations()
        assert [m.content for m in store.messages(conversation.id)] == ["first", "You said: first"]
