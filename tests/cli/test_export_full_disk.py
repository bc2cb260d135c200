"""`tally export` onto a full disk: one line says why, and no file is left behind, neither the
export nor its part file, though the export is written a conversation at a time. On a real
(small, tmpfs) file system that fills up."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core.history.store import HistoryStore
from tests.support.mounts import fill


@pytest.mark.parametrize("name", ["all.json", "all.md"])
def test_export_with_the_disk_full(
    small_disk: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    data = tmp_path / "tally"  # the history on a disk with room
    monkeypatch.setenv("TALLY_DATA_DIR", str(data))
    with HistoryStore(data / "history.sqlite3") as store:
        for n in range(40):  # more than the room left: some conversations get out first
            conversation = store.create_conversation(f"Conversation {n}").id
            store.add_message(conversation, role="user", content=f"Question {n} " * 400)
    assert main(["backup"]) == 0  # today's backup is taken: none to take afterwards
    capsys.readouterr()
    filler = fill(small_disk)
    filler.write_bytes(filler.read_bytes()[: -64 * 1024])  # 64 KiB free: a few conversations
    target = small_disk / name

    assert main(["export", "--output", str(target)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line,) = [line for line in err.splitlines() if line.startswith("tally: error:")]
    assert line.startswith(f"tally: error: Cannot write {target}:")
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"], "nothing left behind"

    filler.unlink()  # room again: the same export is written whole
    assert main(["export", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8").count("Question 39") >= 1
