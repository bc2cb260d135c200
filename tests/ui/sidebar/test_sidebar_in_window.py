"""The sidebar in the real window against the simulator: what it highlights as conversations
are opened, started and answered."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.main_window import MainWindow
from tests.support.ui.sidebar_helpers import click_first_hit, highlighted, search
from tests.support.ui.window_actions import type_and_send
from tests.support.ui.window_helpers import Run
from tests.support.waiting import reads_shown, until


def press_ctrl_n(qtbot: QtBot, window: MainWindow) -> None:
    focused = window.focusWidget()
    qtbot.keyClick(focused or window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)


def click_new_conversation(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.mouseClick(window.sidebar.new_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("start_new", [press_ctrl_n, click_new_conversation])
def test_a_new_conversation_started_from_a_search_is_the_one_highlighted(
    window: MainWindow,
    qtbot: QtBot,
    run: Run,
    start_new: Callable[[QtBot, MainWindow], None],
) -> None:
    # Issue 13: with a search shown, Ctrl+N and Send left the old conversation highlighted.
    sidebar = window.sidebar
    window.picker.select("sim", "sim-echo")

    async def ask(text: str) -> None:
        type_and_send(qtbot, window, text)
        await until(lambda: not window.session.busy and len(window.conversation.messages) == 2)

    run(lambda: ask("walrus facts"))
    old = window.recorder.conversation_id
    search(qtbot, sidebar, "walrus")
    opened, _ = click_first_hit(qtbot, sidebar)
    assert opened == [old]
    assert highlighted(sidebar) == [old]

    start_new(qtbot, window)
    assert window.conversation.messages == []
    assert highlighted(sidebar) == []  # no conversation yet, so none is highlighted
    # A new conversation matches no search: the search is cleared to show the list, where the
    # new conversation appears once it has its first message.
    assert sidebar.search_box.text() == ""
    assert sidebar.stack.currentWidget() is sidebar.view

    run(lambda: ask("penguin facts"))
    reads_shown(qtbot, sidebar.reads)
    new = window.recorder.conversation_id
    assert new is not None
    assert new != old
    assert highlighted(sidebar) == [new]
    assert sidebar.view.currentIndex().row() == 1  # the top row, under "Today"
