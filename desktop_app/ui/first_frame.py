"""The window's first frame, painted before the event loop's modules are loaded.

Tally runs on asyncio's loop, driven by Qt through qasync. Importing asyncio (with ssl, socket
and subprocess) and qasync takes some 30 ms, a tenth of the start, and the window needs neither
to be built or painted: nothing asynchronous starts until the user acts. So the app builds the
window, runs Qt's own event loop until the window's first frame is on screen, and only then
loads asyncio and qasync and starts their loop (desktop_app/ui/app.py). Keyboard and mouse input
waits meanwhile (Qt keeps it for the next loop), so nothing can start a task before there is a
loop to run it; a close asked for meanwhile is held until then (HeldClose).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QWidget

# A window that is never exposed (started minimised, say) is never painted: stop waiting.
_LONGEST_WAIT_MS = 2000


class FirstPaint(QObject):
    """Calls `then` once the frame in which `widget` is first painted is done."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # A zero timer fires once Qt has painted the children too and flushed the frame.
            QTimer.singleShot(0, self.then)
        return False


class HeldClose(QObject):
    """Keeps `window` open while the app has no event loop: MainWindow's closeEvent starts its
    shutdown as an asyncio task, which needs one. A close asked for meanwhile (the window
    manager's close button, say) is carried out by release()."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.asked = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.asked = True
            event.ignore()  # a close event not accepted leaves the window open
            return True
        return False

    def release(self) -> None:
        """The loop is there: stop holding, and close the window if that was asked for."""
        self.window.removeEventFilter(self)
        if self.asked:
            self.window.close()
        self.deleteLater()


def show_first_frame(window: QWidget, then: Callable[[], None] | None = None) -> HeldClose:
    """Show `window` and return once its first frame is painted (or after two seconds), with
    closes held until the caller has an event loop and releases them. `then` is called as soon
    as that frame is done (or the wait given up), before whatever else waited for the frame:
    the rest of the start that the user sees (run_app reopens a conversation there)."""
    held = HeldClose(window)
    waiting = QEventLoop()
    called = False

    def done() -> None:
        nonlocal called
        waiting.quit()
        if not called:
            called = True
            if then is not None:
                then()

    watch = FirstPaint(window, done)
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(done)
    give_up.start(_LONGEST_WAIT_MS)
    window.show()
    waiting.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    give_up.stop()
    watch.deleteLater()
    return held


def paint_pending() -> None:
    """Lay out and paint now what changed since the first frame. Only layouts and paints: user
    input waits for the event loop (as in show_first_frame), and so does other queued work."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateRequest)
