"""Filling the index of short terms (short_terms.py) for the messages written before it: from
the newest down, a batch at a time, each batch its own short transaction, so the app's own
writes wait at most one batch and search finds the newest messages first.

The app runs fill() on a thread of its own once its window is up; `tally` commands do not (a
search meanwhile reads the messages not yet indexed with LIKE, as before the index). An answer
still "streaming" below the mark when the fill passes it (a crash that start-up has not marked
yet) is left out: start-up marks such answers first (HistoryStore.mark_interrupted()).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from desktop_app.core.history.schema import connect, transaction
from desktop_app.core.history.short_terms import FUNCTION, filled_below

BATCH = 100
"""Messages per transaction: 25 to 50 ms of the write lock on this machine (some 0.4 ms a
message with a busy machine), the longest the app's own writes wait for it."""
MERGE_PAGES = 64
"""Pages of merging after each batch: a few ms (37 ms at most in a 150 s trial), enough to keep
the index's segments few."""
AUTOMERGE = 4
"""FTS5's own setting, put back once the fill ends."""
PAUSE = 0.15
"""Seconds between batches. Longer than the 100 ms SQLite's busy handler sleeps between tries
once it has waited a while: a write of the app that found the lock taken gets it in the next
pause, never starved by a fill that takes the lock again at once."""


def fill_step(conn: sqlite3.Connection, batch: int = BATCH) -> bool:
    """Index the next `batch` messages under the mark; True once all of them are indexed
    (also for a history with no index of short terms)."""
    with transaction(conn):
        below = filled_below(conn)
        if below is None or below <= 1:
            return True
        rows = conn.execute(
            "SELECT id, content FROM messages WHERE id < ? AND status <> 'streaming'"
            " ORDER BY id DESC LIMIT ?",
            (below, batch),
        ).fetchall()
        conn.executemany(
            f"INSERT INTO messages_short (rowid, terms) VALUES (?, {FUNCTION}(?))", rows
        )
        lowest = rows[-1][0] if len(rows) == batch else 1
        conn.execute("UPDATE short_terms_state SET filled_below = ?", (lowest,))
    return lowest <= 1


def fill(history: Path, stop: threading.Event, *, batch: int = BATCH) -> bool:
    """Fill the index until it is whole or `stop` is set; True if it is whole."""
    conn = connect(history)
    try:
        if filled_below(conn) in (None, 1):
            return True
        # FTS5 merges the index's segments as it grows, inside the transaction that wrote
        # them; late in a fill one such merge held the write lock for seconds. Its automatic
        # merging is off until the fill ends, and a bounded merge follows each batch instead.
        _set(conn, "automerge", 0)
        while not stop.is_set():
            if fill_step(conn, batch):
                _set(conn, "automerge", AUTOMERGE)
                return True
            with transaction(conn):
                _set(conn, "merge", MERGE_PAGES)
            stop.wait(PAUSE)
        return False
    finally:
        conn.close()


def _set(conn: sqlite3.Connection, command: str, value: int) -> None:
    """One of FTS5's special inserts on the index: a setting, or a merge step."""
    conn.execute(
        "INSERT INTO messages_short (messages_short, rank) VALUES (?, ?)", (command, value)
    )
