"""The history shared by processes (the window and `tally` commands on one data folder): a
connection open here keeps its lock however many more this process opens, so another process
that opens and closes the file never takes itself for the last one, folds the write-ahead log
into the file and deletes it under the connection (every write after it lost to the others)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop_app.core.history.store import HistoryStore


def other_process(path: Path, code: str) -> str:
    """Run `code` (a connection `db` to the history is open) in another process; its output."""
    script = f"import sqlite3\ndb = sqlite3.connect({str(path)!r})\n{code}\ndb.close()\n"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout


def test_another_process_that_opens_and_closes_the_history_leaves_its_log_alone(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    try:
        store.create_conversation("Kept open here")
        with store.reader() as reader:  # a reader's connection opened after the store's
            reader.conversations()
        other_process(path, "db.execute('SELECT count(*) FROM sqlite_master').fetchall()")
        assert path.with_name(path.name + "-wal").exists(), "the log is still this process's"
        store.create_conversation("Written after")
        seen = other_process(
            path, "print(sorted(t for (t,) in db.execute('SELECT title FROM conversations')))"
        )
        assert seen.strip() == "['Kept open here', 'Written after']"
    finally:
        store.close()
