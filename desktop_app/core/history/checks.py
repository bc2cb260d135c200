"""The history's check at start: SQLite's `PRAGMA quick_check` before Tally writes into the
file, so that a damaged history is reported instead of written into.

quick_check reads every page (about 4 s for a million messages, 40 ms for ten thousand:
docs/performance.md), so a check that passed is recorded beside the file (`<history>.checked`:
the file's size and modification time) and not repeated while the file is as it was. A store
that started on a checked file records the file as it leaves it (HistoryStore.close()): its own
writes are no damage. A file changed by anything else is checked again at the next start.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

from desktop_app.core.files import replace_atomically
from desktop_app.core.history.failures import damaged, history_errors

_LISTED_PROBLEMS = 3
"""How many of quick_check's findings the message quotes."""


def checked_file(history: Path) -> Path:
    """Where the last check that passed is recorded."""
    return history.with_name(history.name + ".checked")


def needs_check(history: Path) -> bool:
    """Whether the file changed since the last check that passed (or never had one)."""
    try:
        recorded: object = json.loads(checked_file(history).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return history.exists()
    return bool(recorded != _state(history))


def check(history: Path) -> None:
    """Run quick_check on the file unless needs_check() says it is as it was; raise
    HistoryDamaged with what it found, or record that it passed. A history not made yet passes."""
    if not needs_check(history):
        return
    with history_errors(history):
        findings = quick_check(history)
    if findings != ["ok"]:
        quoted = "; ".join(findings[:_LISTED_PROBLEMS])
        raise damaged(history, f"its integrity check found: {quoted}")
    held = _recorded_size(history)
    if held and history.stat().st_size == 0:  # SQLite takes an empty file for a new database
        raise damaged(history, f"it is empty, and held {held:,} bytes when last checked")
    record_checked(history)


def _recorded_size(history: Path) -> int:
    """The size of the file at the last check that passed (0 if none is recorded)."""
    try:
        recorded: object = json.loads(checked_file(history).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    size = recorded.get("size") if isinstance(recorded, dict) else None
    return size if isinstance(size, int) else 0


def quick_check(database: Path) -> list[str]:
    """What PRAGMA quick_check says of the file, read-only: ["ok"], or what it found wrong.
    SQLite's own error (not a database, malformed beyond reading) is raised."""
    conn = sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("PRAGMA quick_check")]
    finally:
        conn.close()


def record_checked(history: Path) -> None:
    """Record the file, as it is now, as checked (quietly skipped if it cannot be written: the
    next start checks again)."""
    state = _state(history)
    if state is None:
        return
    with contextlib.suppress(OSError):
        # Not fsynced: lost in a power cut, it only costs one more check.
        replace_atomically(checked_file(history), json.dumps(state).encode(), durable=False)


def _state(history: Path) -> dict[str, int] | None:
    """What tells one version of the file from another without reading it. The -wal file holds
    commits not yet copied in; SQLite checks its frames itself on every open."""
    try:
        status = history.stat()
    except OSError:
        return None
    return {"size": status.st_size, "modified_ns": status.st_mtime_ns}
