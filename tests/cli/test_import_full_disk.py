"""`tally import` on a full disk: one line says nothing was imported, and the history is as it
was. On a real (small, tmpfs) file system that fills up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core.history.store import HistoryStore
from tests.support.history.history_samples import chatgpt_export
from tests.support.mounts import fill


def test_import_with_the_disk_full(
    small_disk: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = small_disk / "tally"
    monkeypatch.setenv("TALLY_DATA_DIR", str(data))
    with HistoryStore(data / "history.sqlite3") as store:
        store.create_conversation("Before the disk filled")
    assert main(["backup"]) == 0  # today's backup is there: none to take afterwards
    export = chatgpt_export()
    source = tmp_path / "conversations.json"
    source.write_text(json.dumps(export), encoding="utf-8")  # on another disk
    capsys.readouterr()
    filler = fill(small_disk)

    assert main(["import", str(source)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line,) = [line for line in err.splitlines() if line.startswith("tally: error:")]
    assert line.startswith("tally: error: The disk holding the history (")
    assert "is full: nothing was imported, the history is as it was" in line

    filler.unlink()
    with HistoryStore(data / "history.sqlite3") as store:
        assert [c.title for c in store.conversations()] == ["Before the disk filled"]
        assert store.conversations(archived=True) == []
    assert main(["import", str(source)]) == 0  # room again: the same file imports whole
    with HistoryStore(data / "history.sqlite3") as store:
        listed = [*store.conversations(), *store.conversations(archived=True)]
        assert len(listed) == 1 + len(export)
