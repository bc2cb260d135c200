"""Opening the history from an entry point (a `tally` command): checked first, so a damaged
file is reported in one line (exit 2) and never written into. The window checks on a worker
instead (ui/history_health.py), so the check never holds its first frame."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.history import checks
from desktop_app.core.history.store import HistoryStore


def open_history(path: Path) -> HistoryStore:
    """The history at `path`, once it passed checks.check(); raises the HistoryError that
    says what is wrong with it (damaged, unreadable, from a newer Tally)."""
    checks.check(path)
    store = HistoryStore(path)
    store.verified = True
    return store
