"""The first frame before the event loop (desktop_app/ui/first_frame.py): the window is painted
before asyncio and qasync are loaded, and a close asked for meanwhile waits for the loop."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.exit_when_shown import ENV
from desktop_app.ui.first_frame import HeldClose, paint_pending, show_first_frame
from desktop_app.ui.main_window import MainWindow
from tests.support.ui.window_helpers import Run
from tests.support.waiting import until


class Counted(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1
        super().paintEvent(event)


def test_show_first_frame_returns_once_the_window_is_painted(qtbot: QtBot) -> None:
    widget = Counted()
    qtbot.addWidget(widget)
    show_first_frame(widget)
    assert widget.isVisible()
    assert widget.paints >= 1


def test_a_close_before_the_loop_is_held_until_released(window: MainWindow, run: Run) -> None:
    held = HeldClose(window)  # as show_first_frame leaves it until run_app has its loop
    window.close()
    assert window.isVisible()
    assert window._closing is None  # no shutdown task: there may be no loop to run it yet
    held.release()
    assert window._closing is not None

    async def closed() -> None:
        await until(lambda: window._closed)

    run(closed)
    assert not window.isVisible()


def test_without_a_close_asked_release_leaves_the_window_open(qtbot: QtBot) -> None:
    widget = Counted()
    qtbot.addWidget(widget)
    held = show_first_frame(widget)
    held.release()
    assert widget.isVisible()
    widget.close()  # no longer held
    assert not widget.isVisible()


def test_the_app_paints_then_loads_its_loop_and_closes_cleanly() -> None:
    # The real start (cli.main, run_app), closed by $TALLY_EXIT_WHEN_SHOWN right after the
    # first frame, as the built app's smoke test does; the data directory is the test's.
    code = (
        "import sys\n"
        "from desktop_app.cli import main as cli\n"
        "from desktop_app.ui import app\n"
        "shown = app.show_first_frame\n"
        "def watched(window, then=None):\n"
        "    held = shown(window, then)\n"
        "    print('loop modules at the first frame:', 'asyncio' in sys.modules,"
        " 'qasync' in sys.modules, flush=True)\n"
        "    return held\n"
        "app.show_first_frame = watched\n"
        "sys.exit(cli.main([]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", **{ENV: "window"}),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "loop modules at the first frame: False False" in lines
    assert [line.split()[0] for line in lines if line.startswith("shown ")] == ["shown"]


def test_paint_pending_paints_what_changed_since_the_first_frame(qtbot: QtBot) -> None:
    widget = Counted()
    qtbot.addWidget(widget)
    show_first_frame(widget)
    painted = widget.paints
    widget.update()  # as the conversation reopened after the first frame changes the window
    paint_pending()
    assert widget.paints == painted + 1


def test_then_is_called_once_the_first_frame_is_painted(qtbot: QtBot) -> None:
    widget = Counted()
    qtbot.addWidget(widget)
    paints_then: list[int] = []
    show_first_frame(widget, then=lambda: paints_then.append(widget.paints))
    assert len(paints_then) == 1  # once
    assert paints_then[0] >= 1  # after the first paint


def test_paint_pending_leaves_other_queued_work_to_the_event_loop(qtbot: QtBot) -> None:
    widget = Counted()
    qtbot.addWidget(widget)
    show_first_frame(widget)
    ran: list[str] = []
    QTimer.singleShot(0, lambda: ran.append("queued"))  # as the chat pane's preloading is
    painted = widget.paints
    widget.update()
    paint_pending()
    assert widget.paints == painted + 1
    assert ran == []
    qtbot.waitUntil(lambda: ran == ["queued"])
