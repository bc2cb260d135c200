"""The history's upkeep once the window is up, each off the GUI thread: the deleted conversations
removed for good, then today's backup (which so holds none of them), and the index of short
terms filled. Loaded after the first frame (ui/app.py)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop_app.core.errors import TallyError
from desktop_app.core.text.messages import shown, text_of

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def take_daily_backup(window: MainWindow) -> None:
    """Today's backup of the history, if it is still to be taken, on a worker thread (a
    million messages take seconds to copy); the banner says so if it cannot be made."""
    from desktop_app.core.history import backups  # after the first frame, as the backup

    history = window.services.store.path

    def failed(error: Exception) -> None:
        log.warning("no backup today: %s", error)
        if isinstance(error, TallyError):
            said = QCoreApplication.translate(
                "MainWindow", "Today's backup of the history was not made: {0}"
            )
            window.banner.show_error(said.format(shown(text_of(error))))

    window.reads.run("backup", lambda _: backups.take_if_due(history), lambda _: None, failed)


UNDO_MARGIN = timedelta(hours=1)
"""A conversation deleted less than this before a start is left for the next one: another window
of the app, started earlier, may still offer its Undo."""


class _BackupAfterPurge(QObject):
    """Takes today's backup when `ended` is emitted: by the purge's thread, and carried to the
    GUI thread, where this object lives (a queued connection), as take_daily_backup needs."""

    ended = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ended.connect(self._take_backup)

    def _take_backup(self) -> None:
        take_daily_backup(self.window)


def start_upkeep(window: MainWindow, started: datetime) -> threading.Event:
    """The upkeep of the window's history (tidy_history), with today's backup taken once the
    purge has ended; set the event returned to stop it."""
    backup = _BackupAfterPurge(window)
    return tidy_history(window.services.store.path, started, then=backup.ended.emit)


def tidy_history(
    history: Path, started: datetime, then: Callable[[], object] = lambda: None
) -> threading.Event:
    """On a thread of its own, a batch at a time: remove for good the conversations deleted
    before this start (purge.py), call `then` (there), then index the short terms of the
    messages written before that index (short_fill.py); set the event returned to stop it."""
    from desktop_app.core.history import purge, short_fill  # after the first frame, as the backup

    stop = threading.Event()

    def run() -> None:
        try:
            if purged := purge.purge(history, started - UNDO_MARGIN, stop):
                log.info("deleted conversations removed for good: %d", purged)
        except Exception as exc:  # a full disk, say: the next start tries again
            log.warning("the deleted conversations were not removed: %s", exc)
        if stop.is_set():
            return  # the window is closing
        try:
            then()
        except RuntimeError as exc:  # the window closed meanwhile, and what `then` told with it
            log.info("the upkeep after the purge was not started: %s", exc)
            return
        try:
            if short_fill.fill(history, stop):
                log.info("the index of short search terms is complete")
        except Exception as exc:  # a full disk, say: the next start goes on from there
            log.warning("the index of short search terms was not filled: %s", exc)

    threading.Thread(target=run, name="tidy-history", daemon=True).start()
    return stop
