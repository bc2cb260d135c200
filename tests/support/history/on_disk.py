"""A history file read on a second, plain connection, as the store's tests check what it wrote;
and, through the store, a count of rows and a deletion dated in the past."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from desktop_app.core.history.schema import time_to_text
from desktop_app.core.history.store import HistoryStore


def sql(path: Path, statement: str, *args: object) -> list[tuple[object, ...]]:
    """Run a statement on a second, plain connection: what is really on disk."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        return conn.execute(statement, args).fetchall()
    finally:
        conn.close()


def check_fts_index(path: Path) -> None:
    """FTS5's check of the index against the messages table (none may be "streaming")."""
    sql(path, "INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)")


def count(store: HistoryStore, statement: str, *args: object) -> int:
    """The number a `SELECT count(*) ...` gives, on the store's own connection."""
    with store.reading() as conn:
        (n,) = conn.execute(statement, args).fetchone()
    return int(n)


def deleted_at(store: HistoryStore, conversation_id: str, moment: datetime) -> None:
    """Delete a conversation as if at `moment` (a purge removes it by then)."""
    store.delete(conversation_id)
    with store.writing() as conn:
        conn.execute(
            "UPDATE conversations SET deleted_at = ? WHERE id = ?",
            (time_to_text(moment), conversation_id),
        )
