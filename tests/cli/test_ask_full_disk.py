"""`tally ask` on a full disk: the answer still streams to the terminal, the history keeps what
it held, and one line says the disk is full; no traceback, not even the log's."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core.history.store import HistoryStore
from desktop_app.simulator import Simulator
from tests.support.mounts import fill
from tests.support.ui.window_helpers import sim_key, write_providers


def test_ask_with_the_disk_already_full(
    simulator: Simulator,
    small_disk: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = small_disk / "tally"
    monkeypatch.setenv("TALLY_DATA_DIR", str(data))
    write_providers(data, simulator, key=sim_key(simulator))
    with HistoryStore(data / "history.sqlite3") as store:
        store.create_conversation("Before the disk filled")
    assert main(["backup"]) == 0  # today's backup is there: none to take afterwards
    capsys.readouterr()
    filler = fill(small_disk)
    question = "Is the disk full? " * 200

    assert main(["ask", "--model", "sim-echo", question]) == 2
    out, err = capsys.readouterr()
    assert out == f"You said: {question}\n"  # the answer, all of it
    assert "Traceback" not in err
    assert "Logging error" not in err
    (line,) = [line for line in err.splitlines() if line.startswith("tally: error:")]
    assert line.startswith("tally: error: the disk holding the history (")
    assert "is full: the answer above is not saved in the history" in line
    assert "next write" not in line  # the window's promise: a command that ends keeps none

    filler.unlink()
    with HistoryStore(data / "history.sqlite3") as store:
        assert [c.title for c in store.conversations()] == ["Before the disk filled"]
