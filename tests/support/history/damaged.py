"""Histories damaged the ways real ones are: cut short by a full disk or a failed copy, emptied,
overwritten, replaced by another file, written by a newer Tally, or with one bad page inside
that only an integrity check finds."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.history.checks import check
from desktop_app.core.history.store import HistoryStore

PAGE = 4096


def healthy(path: Path, conversations: int = 40) -> None:
    """A history with enough in it to span many pages."""
    with HistoryStore(path) as store:
        for number in range(conversations):
            conversation = store.create_conversation(f"Conversation {number}")
            for turn in range(5):
                store.add_message(
                    conversation.id, role="user", content=f"question {number}.{turn} " * 40
                )


def truncated(path: Path) -> None:
    """The first half of a history: the file ends where its pages say it goes on."""
    healthy(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def emptied(path: Path) -> None:
    """A history that passed its check at a start, then lost all its bytes (a copy that failed
    at once, a sync tool): SQLite would take the empty file for a new database."""
    healthy(path)
    check(path)
    path.write_bytes(b"")


def random_bytes_content() -> bytes:
    """What random_bytes() writes."""
    return bytes((number * 7919 + 13) % 256 for number in range(64 * 1024))


def random_bytes(path: Path) -> None:
    """Bytes that were never a database."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(random_bytes_content())


def text_file(path: Path) -> None:
    """A text file where the history should be (a note saved under the wrong name)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("These are my notes, not a database.\n" * 50, encoding="utf-8")


def newer(path: Path) -> None:
    """A history a later Tally upgraded with a step this one does not know."""
    healthy(path, conversations=2)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO migrations (name, applied_at) VALUES ('099_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()


def bad_page(path: Path) -> None:
    """A history that opens and answers its first queries, with one page of a message table
    overwritten: only PRAGMA quick_check (or reading that page) finds it."""
    healthy(path)
    conn = sqlite3.connect(path)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'messages'").fetchone()
    conn.close()
    with path.open("r+b") as file:
        file.seek((root - 1) * PAGE)
        file.write(b"\xa5" * PAGE)


KINDS: dict[str, Callable[[Path], None]] = {
    "truncated": truncated,
    "emptied": emptied,
    "random bytes": random_bytes,
    "a text file": text_file,
    "from a newer Tally": newer,
    "a bad page inside": bad_page,
}
"""Each way of damaging the history at a path, by what a test calls it."""
