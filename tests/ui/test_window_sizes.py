"""The window from 480 by 420 up: the sidebar folds away when narrow, the error banner never
outgrows the chat (nor its message) and follows a dark theme, and the status line elides with
its whole text in a tooltip."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.ui.main_window import NARROW, MainWindow
from tests.support.ui.window_actions import type_and_send
from tests.support.ui.window_helpers import Run
from tests.support.waiting import until


def test_a_small_window_keeps_the_chat_and_says_everything(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    assert window.picker.select("sim", "sim-error-402")

    async def body() -> None:
        type_and_send(qtbot, window, "Summarise this contract")
        await until(lambda: not window.session.busy and not window.banner.isHidden())

    run(body)
    for width in range(960, 479, -40):  # as a drag of the window's edge goes: step by step
        window.resize(width, 420)
        QApplication.processEvents()
    assert window.width() == 480, "nothing holds the window wider"
    assert window.sidebar.isHidden(), f"below {NARROW} px the sidebar folds away"
    assert window.banner.height() <= window.chat_view.height()
    status = window.status
    assert status.fontMetrics().horizontalAdvance(status.text()) <= status.width()
    if status.text().endswith("…"):
        assert status.toolTip().startswith("sim-error-402 · ")
    window.resize(980, 760)
    QApplication.processEvents()
    assert not window.sidebar.isHidden(), "and comes back when there is room"


def test_a_draft_and_its_estimate_do_not_hold_the_window_wide(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    window.resize(980, 760)
    window.input.setPlainText("How do I sort a list of tuples by their second item in Python?")

    async def body() -> None:
        await until(lambda: window.composer.estimate.text().startswith("To send:"))

    run(body)
    window.resize(480, 420)
    QApplication.processEvents()
    assert window.width() == 480
    assert window.sidebar.isHidden()
    estimate = window.composer.estimate
    assert estimate.height() >= 2 * estimate.fontMetrics().lineSpacing()  # wrapped, all shown


def test_the_error_banner_is_as_tall_as_its_message_at_every_width(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    window.resize(980, 760)
    QApplication.processEvents()
    banner = window.banner
    button_row = banner.button.sizeHint().height() + 2 * banner.frameWidth() + 12

    def settled_height(width: int) -> int:
        window.resize(width, 760)
        QApplication.processEvents()
        QApplication.processEvents()
        return banner.height()

    banner.show_error("The relay is busy.")
    QApplication.processEvents()
    assert banner.height() <= button_row + 2  # one line: the button's row, not a box twice it
    long = "The relay refused the request because the account is out of credits. " * 3
    banner.show_error(long)
    wide, narrow = settled_height(1600), settled_height(700)
    assert narrow > wide, "narrower, the same message takes more lines"
    assert settled_height(1600) == wide, "and wider again, it shrinks back"
    lines = banner.label.fontMetrics().lineSpacing()
    assert wide <= button_row + 2 * lines  # at 1600 px the message takes two lines at most


def test_the_first_run_panel_scrolls_in_a_small_window(qtbot: QtBot, run: Run) -> None:
    from PySide6.QtWidgets import QPushButton, QScrollArea

    from tests.support.ui.window_helpers import make_window, shut_down

    window = make_window(qtbot)  # no provider: the first-run panel
    try:
        for width in range(960, 479, -40):
            window.resize(width, 420)
            QApplication.processEvents()
        assert window.stack.currentWidget() is window.welcome
        area = window.welcome.findChild(QScrollArea)
        button = window.welcome.findChild(QPushButton, "addProviderButton")
        assert area is not None
        assert button is not None
        area.ensureWidgetVisible(button)
        QApplication.processEvents()
        assert not button.visibleRegion().isEmpty(), "scrolled to, the button is on screen"
    finally:
        shut_down(window, run)


def test_the_error_banner_follows_the_theme_to_dark_and_back(
    window: MainWindow, qapp: QApplication
) -> None:
    window.banner.show_error("The relay is busy.")
    light = qapp.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    try:
        qapp.setPalette(dark)
        QApplication.processEvents()
        assert "background: #4a2222" in window.banner.styleSheet()  # not a bright pink panel
    finally:
        qapp.setPalette(light)
        QApplication.processEvents()
    assert "background: #fdecea" in window.banner.styleSheet()
