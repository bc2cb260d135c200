"""What the window does while the history cannot be written (a full disk, a folder made
read-only): the conversation goes on, the banner says what is not saved, and the writes are
tried again every few seconds until they go through, then the banner goes.

A recorder with unsaved messages is kept until they are written, also after the window has
moved on to another conversation: what it holds is the only copy.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from desktop_app.core.errors import HistoryError
from desktop_app.core.history.recorder import HistoryRecorder
from desktop_app.core.text.messages import message_of
from desktop_app.ui.error_banner import ErrorBanner

RETRY_MS = 3000


class UnsavedWrites(QObject):
    """Tells of writes the history refused, and tries them again."""

    def __init__(self, banner: ErrorBanner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.banner = banner
        self.waiting: list[HistoryRecorder] = []
        """Recorders with something not yet written, the window's current one included."""
        self.timer = QTimer(self)
        self.timer.setInterval(RETRY_MS)
        self.timer.timeout.connect(self.retry)
        self._shown = ""

    def watch(self, recorder: HistoryRecorder) -> None:
        """Follow a recorder the window has just started."""
        recorder.problems.append(lambda problem: self._told(recorder, problem))

    def retry(self) -> None:
        """Write again what could not be written; the banner goes once all of it is saved."""
        for recorder in list(self.waiting):
            recorder.retry()  # one that saves all it had tells _told(), which lets it go
        self._update()

    def _told(self, recorder: HistoryRecorder, problem: HistoryError | None) -> None:
        if problem is None:
            if recorder in self.waiting:
                self.waiting.remove(recorder)
        elif recorder not in self.waiting:
            self.waiting.append(recorder)
            self.timer.start()
        self._update()

    def _update(self) -> None:
        """The banner says what is still not saved, or goes once all of it is."""
        problem = next((r.unsaved for r in self.waiting if r.unsaved is not None), None)
        if problem is not None:
            if self.banner.label.text() != message_of(problem):  # new, or a send cleared it
                self._show(problem)
            return
        self.timer.stop()
        if self._shown and self.banner.label.text() == self._shown:
            self.banner.clear()
        self._shown = ""

    def _show(self, problem: HistoryError) -> None:
        self._shown = message_of(problem)  # as the banner shows it, in the window's language
        self.banner.show_error(problem)
