"""Started in a fresh process by startup.py: show a window, report when it was first painted.

Run: python benchmarks/startup_probe.py bare | widgets | tally | reopen | open LONG_ID OTHER_ID RUNS

- bare: a plain PySide6 QMainWindow of Tally's default size, shown as any Qt app shows one.
- widgets: a window of the kinds of widgets Tally's first frame shows, with none of its code.
- tally: the real app, through `desktop_app.cli.main.main([])` (argument parsing, `run_app`, the
  services, the window, qasync), with the data directory from $TALLY_DATA_DIR.
- reopen: as tally, with a conversation to reopen: also reports when the frame that shows it
  was done. The app reopens it once the window's first frame is painted, then paints it at once
  (`desktop_app.ui.app.run_app`: `reopen_last_conversation`, then `paint_pending`).
- open: as tally; once the window is painted, it opens the conversation LONG_ID from the
  sidebar's slot (`MainWindow.open_conversation`), then OTHER_ID, RUNS times, and times each
  open to the end of the first frame that paints the conversation's last message (the view
  shows a conversation from its end), and to the end of loading its older messages, which it
  waits for before the next open.

The only hook is a subclass of the window class that watches for its first paint (for Tally's
window, an event filter installed as it is shown, after the app's own), put in place of
`desktop_app.ui.app.MainWindow` before the app starts (for reopen, also a wrapper of
`desktop_app.ui.app.paint_pending` that notes when it is done): nothing in the product knows
about the benchmark. The end of a paint is taken by a zero timer started in the first paint
event, which fires once Qt has painted every widget of that frame and flushed it, and before
any other zero timer started during that frame (the last filter installed sees an event first).

Prints one JSON line: `painted` (time.perf_counter(), a system-wide monotonic clock on Linux,
macOS and Windows, so the parent can subtract the moment it started this process), `rss_kib`
(peak resident memory so far; None on Windows), `cpu_ms` (the processor time this process had
used by the end of the first frame, the interpreter's start included; for open, by its
report), for reopen `shown` (the same clock: the end of the frame that painted the reopened
conversation's last message) and for open the timings in ms. Then it exits at once with
os._exit: tearing down is not what is measured.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn, TypeVar

if sys.argv[1:2] in (["tally"], ["reopen"], ["open"]):
    # As the `tally` command does: its command line is imported before PySide6, which, once
    # loaded, wraps every import that follows (desktop_app/ui/__init__.py).
    import desktop_app.cli.main  # noqa: F401

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

if TYPE_CHECKING:  # not named at run time: the bare window would pay for its Python type
    from PySide6.QtGui import QShowEvent

W = TypeVar("W", bound=QMainWindow)

WIDTH, HEIGHT = 980, 760  # MainWindow's default size
POLL_MS = 5


def peak_rss_kib() -> int | None:
    """This process's peak resident memory so far, in KiB."""
    try:  # Linux: the high-water mark of this program (ru_maxrss keeps the parent's across exec)
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # macOS counts bytes


def report(**fields: object) -> NoReturn:
    """Print the result, with the processor time used so far (every thread's), and leave
    without tearing anything down."""
    fields.setdefault("cpu_ms", time.process_time() * 1000)
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()
    os._exit(0)


def on_first_paint(window: type[W], then: Callable[[QMainWindow, float], None]) -> type[W]:
    """A subclass of `window` that calls `then(window, time)` once its first frame is painted:
    a zero timer started in its first paint event."""

    class FirstPaint(window):  # type: ignore[valid-type, misc]
        _painted = False

        def paintEvent(self, event: QPaintEvent) -> None:
            super().paintEvent(event)
            if not self._painted:
                self._painted = True
                # fires after Qt has painted the children too and flushed the frame
                QTimer.singleShot(0, lambda: then(self, time.perf_counter()))

    return FirstPaint


def on_first_paint_before_the_app(
    window: type[W], then: Callable[[QMainWindow, float], None]
) -> type[W]:
    """As on_first_paint, for Tally's window, whose own first-paint watch (an event filter)
    starts a zero timer for the rest of the start: the timer here is started by a filter too,
    installed as the window is shown, after the app's, so that Qt hands it the paint first and
    its timer fires first. (Not for the other windows: a filter in Python makes PySide build
    the Python types of Qt's event classes, some 3 ms, which they would not pay otherwise;
    Tally's window has filters of its own.)"""

    class FirstPaint(window):  # type: ignore[valid-type, misc]
        _watch: PaintWatch | None = None

        def showEvent(self, event: QShowEvent) -> None:
            if self._watch is None:
                self._watch = PaintWatch(self, lambda at: then(self, at))
            super().showEvent(event)

    return FirstPaint


def run_bare() -> None:
    app = QApplication(sys.argv[:1])
    window = on_first_paint(QMainWindow, lambda _, at: report(painted=at, rss_kib=peak_rss_kib()))()
    window.setWindowTitle("Bare")
    window.resize(WIDTH, HEIGHT)
    window.show()
    app.exec()


def run_widgets() -> None:
    """A window of the kinds of Qt widgets Tally's first frame shows with a conversation
    reopened, laid out alike, made with none of Tally's code (no asyncio either: Tally loads
    it after the first frame)."""
    # Named here, not at the top: PySide6 makes each class's Python type when first named,
    # which the bare window must not pay for.
    from PySide6 import QtWidgets as qt
    from PySide6.QtCore import Qt

    app = QApplication(sys.argv[:1])
    window = on_first_paint(QMainWindow, lambda _, at: report(painted=at, rss_kib=peak_rss_kib()))()
    toolbar = window.addToolBar("Main")
    picker = qt.QComboBox()
    picker.setEditable(True)
    picker.addItems(["model-a", "model-b"])
    toolbar.addWidget(picker)
    refresh = qt.QToolButton()
    refresh.setText("⟳")
    toolbar.addWidget(refresh)
    toolbar.addAction("Spending")
    toolbar.addAction("Settings")
    for menu in ("File", "View", "Help"):
        window.menuBar().addMenu(menu).addAction(f"{menu} item")
    sidebar = QWidget()
    side = qt.QVBoxLayout(sidebar)
    side.addWidget(qt.QLineEdit(placeholderText="Search"))
    side.addWidget(qt.QPushButton("New conversation"))
    conversations = qt.QListWidget()
    conversations.addItems([f"Conversation {number}" for number in range(40)])
    side.addWidget(conversations)
    icon = window.style().standardIcon(qt.QStyle.StandardPixmap.SP_DirIcon)
    side.addWidget(qt.QPushButton(icon, "Archived"))
    messages = QWidget()
    column = qt.QVBoxLayout(messages)
    for number in range(6):
        header = qt.QLabel(f"model-a · $0.00{number}", alignment=Qt.AlignmentFlag.AlignLeft)
        column.addWidget(header)
        text = qt.QTextBrowser()
        text.setHtml(f"<p>Message <b>{number}</b>, with <code>some code</code> in it.</p>")
        column.addWidget(text)
    scroll = qt.QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(messages)
    chat = QWidget()
    layout = qt.QVBoxLayout(chat)
    layout.addWidget(scroll, 1)
    composer = qt.QHBoxLayout()
    composer.addWidget(qt.QPlainTextEdit(placeholderText="Message"), 1)
    composer.addWidget(qt.QPushButton("Send"))
    composer.addWidget(qt.QPushButton("Stop"))
    layout.addLayout(composer)
    splitter = qt.QSplitter()
    splitter.addWidget(sidebar)
    splitter.addWidget(chat)
    splitter.setSizes([260, 720])
    window.setCentralWidget(splitter)
    window.statusBar().addWidget(qt.QLabel("Ready"), 1)
    window.statusBar().addPermanentWidget(qt.QLabel("This answer $0.00 · month $0.00"))
    window.resize(WIDTH, HEIGHT)
    window.show()
    app.exec()


def run_tally(
    then: Callable[[QMainWindow, float], None], window: type[QMainWindow] | None = None
) -> None:
    from desktop_app.cli import main as cli
    from desktop_app.ui import app
    from desktop_app.ui.main_window import MainWindow

    # the name run_app makes its window from, replaced for this process only
    watched: type[QMainWindow] = on_first_paint_before_the_app(window or MainWindow, then)
    setattr(app, "MainWindow", watched)  # noqa: B010
    cli.main([])


def run_reopen() -> None:
    """As run_tally; reports once the reopened conversation is painted too."""
    from desktop_app.ui import app
    from desktop_app.ui.first_frame import paint_pending as painting
    from desktop_app.ui.main_window import MainWindow

    first: list[float] = []  # the end of the first frame, and the processor time by then
    watches: list[PaintWatch] = []

    class Reopening(MainWindow):
        def reopen_last_conversation(self) -> None:
            super().reopen_last_conversation()
            messages = self.conversation.messages
            last = self.chat_view.widget_for(messages[-1]) if messages else None
            if last is None:  # nothing to reopen: the first frame is all there is
                report(painted=first[0], cpu_ms=first[1], rss_kib=peak_rss_kib())
            watches.append(PaintWatch(last))

    def paint_pending() -> None:
        painting()
        done = time.perf_counter()
        if not watches or watches[0].painted is None:
            sys.exit("the reopened conversation was not painted by paint_pending")
        report(painted=first[0], cpu_ms=first[1], shown=done, rss_kib=peak_rss_kib())

    setattr(app, "paint_pending", paint_pending)  # noqa: B010
    run_tally(lambda _, at: first.extend((at, time.process_time() * 1000)), Reopening)


class PaintWatch(QObject):
    """Notes when the frame in which a widget is first painted is done."""

    def __init__(self, widget: QWidget, then: Callable[[float], None] | None = None) -> None:
        super().__init__(widget)
        self.done: float | None = None
        self.painted: float | None = None  # when its paint event came
        self.then = then  # called with `done`
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted is None:
            self.painted = time.perf_counter()
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._frame_done)
        return False

    def _frame_done(self) -> None:
        self.done = time.perf_counter()
        if self.then is not None:
            self.then(self.done)


class Opener:
    """Opens two conversations in turn from the window's slot; for each open, the time to the
    end of the first frame that paints its last message, and to the end of loading."""

    def __init__(self, window: QMainWindow, ids: list[str], runs: int) -> None:
        from desktop_app.ui.main_window import MainWindow

        assert isinstance(window, MainWindow)
        self.window = window
        self.view = window.chat_view
        self.plan = [ids[0], ids[1]] * runs
        self.opens: dict[str, dict[str, list[float]]] = {
            cid: {"painted": [], "loaded": [], "messages": []} for cid in ids
        }
        self.began = 0.0
        self.current = ""
        self.watch: PaintWatch | None = None
        self.painted = 0.0

    def next(self) -> None:
        if self.watch is None and self.view.loading:  # the conversation reopened at start
            QTimer.singleShot(POLL_MS, self.next)
            return
        if not self.plan:
            report(rss_kib=peak_rss_kib(), opens=self.opens)
        self.current = self.plan.pop(0)
        self.began = time.perf_counter()
        self.window.open_conversation(self.current)
        # The view follows the end of a conversation: the frame that first paints its last
        # message is the one that shows the conversation as the user sees it.
        last = self.view.widget_for(self.window.conversation.messages[-1])
        assert last is not None
        self.watch = PaintWatch(last)
        self._poll()

    def _poll(self) -> None:
        assert self.watch is not None
        if self.watch.done is None or self.view.loading:
            QTimer.singleShot(POLL_MS, self._poll)
            return
        record = self.opens[self.current]
        record["painted"].append((self.watch.done - self.began) * 1000)
        record["loaded"].append((time.perf_counter() - self.began) * 1000)
        record["messages"].append(len(self.window.conversation.messages))
        self.next()


def main() -> None:
    mode = sys.argv[1]
    if mode == "bare":
        run_bare()
    elif mode == "widgets":
        run_widgets()
    elif mode == "tally":
        run_tally(lambda _, at: report(painted=at, rss_kib=peak_rss_kib()))
    elif mode == "reopen":
        run_reopen()
    elif mode == "open":
        ids, runs = sys.argv[2:4], int(sys.argv[4])
        openers: list[Opener] = []

        def start(window: QMainWindow, at: float) -> None:
            openers.append(Opener(window, ids, runs))
            QTimer.singleShot(POLL_MS, openers[0].next)

        run_tally(start)
    else:
        sys.exit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
