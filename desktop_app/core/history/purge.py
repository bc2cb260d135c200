"""Removing deleted conversations for good: their messages, their attached files no other message
holds, and their rows in the search indexes. Deleting a conversation only marks it (store.py), so
that Undo can bring it back; the app purges the ones deleted before it started (ui/upkeep.py).

A batch of messages at a time, each batch its own short transaction, so the app's own writes wait
at most one batch. With SQLite's secure_delete, the pages the rows leave are overwritten with
zeros rather than left free with the text still in them. The search indexes (FTS5) stop
finding the purged messages at once, but keep their terms (the trigram index's are pieces of
three characters, with their places) in older segments until FTS5 merges those; merging the
whole index at once ('optimize') would hold the write lock for minutes on a large history.
SQLite 3.42's secure-delete option for FTS5 would remove them with the rows.

Spent is spent: the ledger's rows have no key into `messages`, so a purge takes nothing from
what was billed (migrations.py's `_LEDGER`).
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime
from pathlib import Path
from typing import Literal

from desktop_app.core.history.schema import connect, time_to_text, transaction

BATCH = 100
"""Messages per transaction: deleting a message updates three indexes by trigger, about what
short_fill.py measured for adding one."""
PAUSE = 0.15
"""Seconds between batches (short_fill.py's reason: the app's writes get the lock meanwhile)."""

_STILL_DELETED = "SELECT 1 FROM conversations WHERE id = ? AND deleted_at <= ?"


def purge(
    history: Path,
    deleted_before: datetime,
    stop: threading.Event | None = None,
    *,
    batch: int = BATCH,
    pause: float = PAUSE,
) -> int:
    """Remove for good the conversations deleted at or before `deleted_before`, until done or
    `stop` is set; returns how many were removed whole. One stopped half-way stays deleted,
    with fewer messages, and the next purge goes on with it."""
    stop = stop or threading.Event()
    cutoff = time_to_text(deleted_before)
    conn = connect(history)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        deleted = conn.execute(
            "SELECT id FROM conversations WHERE deleted_at <= ? ORDER BY deleted_at", (cutoff,)
        ).fetchall()
        purged = 0
        for (conversation_id,) in deleted:
            while (step := _purge_step(conn, conversation_id, cutoff, batch)) == "more":
                if stop.wait(pause):
                    return purged
            purged += step == "purged"
            if stop.is_set():
                break
        return purged
    finally:
        conn.close()


def _purge_step(
    conn: sqlite3.Connection, conversation_id: str, cutoff: str, batch: int
) -> Literal["more", "purged", "kept"]:
    """Delete the newest `batch` messages of a conversation still deleted at `cutoff` (a
    branch's messages before the ones they follow), or, once it has none, the conversation
    itself; "kept" for one brought back meanwhile (by Undo in another window of the app)."""
    with transaction(conn):
        if conn.execute(_STILL_DELETED, (conversation_id, cutoff)).fetchone() is None:
            return "kept"
        removed = conn.execute(
            "DELETE FROM messages WHERE id IN (SELECT id FROM messages"
            " WHERE conversation_id = ? ORDER BY id DESC LIMIT ?)",
            (conversation_id, batch),
        ).rowcount
        if removed:
            return "more"
        conn.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
        return "purged"
