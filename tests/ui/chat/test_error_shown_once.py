"""An answer's error is on screen once: in the banner, with its action, while the banner shows
it (the answer itself then says only "Cut off" or "Failed"); in the answer once the banner has
gone, as it is when the conversation is opened again later."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from desktop_app.ui.main_window import MainWindow
from tests.support.ui.window_actions import type_and_send
from tests.support.ui.window_helpers import Run
from tests.support.waiting import until


def _answer_error(window: MainWindow, qtbot: QtBot, run: Run, model: str) -> str:
    window.picker.select("sim", model)

    async def body() -> None:
        type_and_send(qtbot, window, "Tell me something")
        await until(lambda: not window.session.busy)

    run(body)
    answer = window.conversation.messages[-1]
    assert answer.error
    return answer.error


def test_a_cut_off_answer_says_its_error_once(window: MainWindow, qtbot: QtBot, run: Run) -> None:
    error = _answer_error(window, qtbot, run, "sim-drop")
    answer = window.conversation.messages[-1]
    widget = window.chat_view.widget_for(answer)
    assert widget is not None
    assert window.banner.isVisible()
    assert error in window.banner.label.text()
    assert widget.status.text() == "Cut off"  # not the error a second time

    dismiss = next(b for b in window.banner.findChildren(QToolButton) if b.text() == "✕")
    dismiss.click()
    assert not window.banner.isVisible()
    assert widget.status.text() == f"Cut off: {error}"  # the banner gone, the answer says it


def test_a_failed_answer_before_any_text(window: MainWindow, qtbot: QtBot, run: Run) -> None:
    error = _answer_error(window, qtbot, run, "sim-error-402")
    widget = window.chat_view.widget_for(window.conversation.messages[-1])
    assert widget is not None
    assert widget.status.text() == "Failed"
    assert error in window.banner.label.text()
    window.banner.clear()  # as sending the next question does
    assert widget.status.text() == error
