"""Durability at the store level: a real process streaming an answer into the history is
killed (SIGKILL on POSIX) between or during writes; the database must pass integrity_check and
hold the answer up to the last write the process reported."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.history.store import HistoryStore
from tests.support.history.history_writer import expected_text

ROOT = Path(__file__).resolve().parents[3]
WRITES_BEFORE_KILL = 8


@pytest.mark.parametrize("chunk_size", [20, 50_000], ids=["small-chunks", "large-chunks"])
def test_a_killed_writer_leaves_the_answer_up_to_its_last_write(
    tmp_path: Path, chunk_size: int
) -> None:
    path = tmp_path / "history.sqlite3"
    command = [
        sys.executable,
        "-m",
        "tests.support.history.history_writer",
        str(path),
        str(chunk_size),
    ]
    with subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None
        first = child.stdout.readline()
        if not first.startswith("message "):
            child.kill()
            pytest.fail(f"the writer did not start: {first}{child.communicate()[1]}")
        message_id = int(first.split()[1])
        last = -1
        while last < WRITES_BEFORE_KILL - 1:
            line = child.stdout.readline()
            assert line.startswith("wrote "), line
            last = int(line.split()[1])
        child.kill()  # SIGKILL: no clean-up, no atexit, no closing of the database
        child.communicate()
    assert child.returncode != 0

    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        raw.close()

    with HistoryStore(path) as store:
        (conversation,) = store.conversations()
        _question, answer = store.messages(conversation.id)
        assert answer.id == message_id
        assert answer.status == "streaming"
        assert answer.content.startswith(expected_text(last, chunk_size))
        assert store.mark_interrupted() == 1
        after = store.messages(conversation.id)
        assert [m.status for m in after] == ["complete", "partial"]
        assert after[1].content == answer.content
        assert store.search("chunk 0")[0].message_id == message_id  # indexed once partial
    raw = sqlite3.connect(path)
    try:
        raw.execute("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        raw.close()
