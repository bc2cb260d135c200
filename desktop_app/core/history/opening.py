"""Opening the history from an entry point (a `tally` command, and the app before its window):
checked first, so a damaged file is reported (one line and exit 2, or the app's dialog) and
never written into. The check is skipped while the file is as it was after the last one that
passed (checks.py); when it has to run, the window waits for it (3 s at 1.6 GB)."""

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
