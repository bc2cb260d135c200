"""The message box grows with its text, from two lines up to ten, and shrinks back."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.ui.chat.message_input import FEWEST_LINES, MOST_LINES, MessageInput


def test_the_box_grows_with_its_lines_up_to_a_limit(qtbot: QtBot) -> None:
    box = MessageInput()
    qtbot.addWidget(box)
    box.resize(400, 50)
    box.show()
    line = box.fontMetrics().lineSpacing()
    empty = box.height()
    assert empty == line * FEWEST_LINES + 16
    box.setPlainText("one\ntwo\nthree\nfour\nfive")
    assert box.height() == line * 5 + 16
    box.setPlainText("line\n" * 40)
    assert box.height() == line * MOST_LINES + 16, "then it scrolls"
    box.clear()
    assert box.height() == empty
