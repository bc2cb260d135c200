"""An import of conversations run off the GUI thread, which an import of a big export would
otherwise hold for a minute: a worker thread reads, checks and writes the file with a
HistoryStore of its own (the window's connection stays free for its reads and writes), and tells
how far it is through signals, which Qt delivers on the GUI thread. cancel() stops it at its
next step; the import's one transaction is then rolled back and nothing is imported."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.providers_file import Provider

REPORT_EVERY = 0.1
"""Seconds between two reports of progress: the dialog need not repaint more often."""


class ImportRun(QObject):
    """One import of a file into the history at `history`, on a thread of its own."""

    progressed = Signal(int, int)
    """(done, total) of the writing; (0, 0) while the file is read."""
    finished = Signal(object)
    """The ImportResult."""
    failed = Signal(object)
    """The exception that stopped it: a TallyError, or ImportCancelled after cancel()."""

    def __init__(
        self,
        history: Path,
        fts: bool,
        path: str,
        providers: Sequence[Provider],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self._history, self._fts, self._providers = history, fts, tuple(providers)
        self._stop = threading.Event()
        self._reported = 0.0
        self._thread = threading.Thread(target=self._run, name="import", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        """Stop at the next step; `failed` then gets ImportCancelled."""
        self._stop.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the thread to end (tests, and the window closing); True if it has."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:  # on the worker thread: no widget here
        from desktop_app.core.transfer.importer import import_file

        try:
            with HistoryStore(self._history, fts=self._fts) as store:
                result = import_file(store, self.path, self._providers, self._progress)
        except Exception as error:  # handed to the GUI thread, as reads.py does
            self.failed.emit(error)
        else:
            self.finished.emit(result)

    def _progress(self, done: int, total: int) -> None:
        from desktop_app.core.transfer.importer import ImportCancelled

        if self._stop.is_set():
            raise ImportCancelled
        now = time.monotonic()
        if now - self._reported >= REPORT_EVERY or done == total:
            self._reported = now
            self.progressed.emit(done, total)
