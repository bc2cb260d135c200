"""A history file read on a second, plain connection, as the store's tests check what it wrote."""

from __future__ import annotations

import sqlite3
from pathlib import Path


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
