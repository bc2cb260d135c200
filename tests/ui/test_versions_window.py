"""Versions and branches in the window: Ctrl+R keeps the old answer as a version, the arrows
move between versions, and Branch from here opens a copy of the path linked to its origin."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.core.history.records import ConversationSummary
from desktop_app.ui.chat.message_widget import MessageWidget
from desktop_app.ui.main_window import MainWindow
from tests.support.ui.window_actions import type_and_send
from tests.support.ui.window_helpers import Run
from tests.support.waiting import reads_shown, until


def _widget(window: MainWindow, index: int) -> MessageWidget:
    widget = window.chat_view.widget_for(window.conversation.messages[index])
    assert widget is not None
    return widget


def test_ctrl_r_adds_a_version_and_the_arrows_go_back(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    assert window.picker.select("sim", "sim-echo")

    async def body() -> None:
        type_and_send(qtbot, window, "Say hi")
        await until(lambda: not window.session.busy and len(window.conversation.messages) == 2)
        assert window.picker.select("sim", "sim-normal")
        qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        await until(lambda: window.session.busy)
        await until(lambda: not window.session.busy)

    run(body)
    answer = window.conversation.messages[1]
    assert answer.model == "sim-normal"
    assert _widget(window, 1).version_label.text() == "2/2"
    qtbot.waitUntil(_widget(window, 1).previous_button.isEnabled)  # once the answer has ended
    _widget(window, 1).previous_button.setFocus()
    qtbot.keyClick(_widget(window, 1).previous_button, Qt.Key.Key_Space)  # from the keyboard
    assert window.conversation.messages[1].model == "sim-echo"
    assert _widget(window, 1).version_label.text() == "1/2"
    # the arrow went with the old version's widget: focus stays on the new one's, not lost
    qtbot.waitUntil(lambda: QApplication.focusWidget() is _widget(window, 1).next_button)
    stored = window.services.store
    conversation_id = window.recorder.conversation_id
    assert conversation_id is not None
    echo_row = window.recorder.stored_ids[window.conversation.messages[1].id]
    assert stored.current_message(conversation_id) == echo_row, "the version shown is kept"


def test_branch_from_here_opens_a_copy_linked_to_the_original(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    async def body() -> None:
        type_and_send(qtbot, window, "Plan a trip")
        await until(lambda: not window.session.busy and len(window.conversation.messages) == 2)
        type_and_send(qtbot, window, "Make it cheaper")
        await until(lambda: not window.session.busy and len(window.conversation.messages) == 4)

    run(body)
    original = window.recorder.conversation_id
    assert original is not None
    assert window.branch_note.isHidden()

    async def branching() -> None:
        _widget(window, 1).branch_button.click()
        assert window.statusBar().currentMessage() == "Making the branch…"
        _widget(window, 1).branch_button.click()  # a second click meanwhile: one branch
        await until(lambda: window.recorder.conversation_id != original)

    run(branching)
    branch = window.recorder.conversation_id
    assert branch is not None
    assert branch != original
    assert [m.content for m in window.conversation.messages][:1] == ["Plan a trip"]
    assert len(window.conversation.messages) == 2
    summary = window.services.store.conversation(branch)
    assert summary is not None
    assert summary.title == "Plan a trip (branch)"
    assert not window.branch_note.isHidden()
    assert "Plan a trip" in window.branch_note.text()
    window.branch_note.setFocus(Qt.FocusReason.TabFocusReason)  # Tab reaches the note,
    qtbot.keyClick(window.branch_note, Qt.Key.Key_Tab)  # its link,
    assert window.branch_note.selectedText() == "Plan a trip"
    qtbot.keyClick(window.branch_note, Qt.Key.Key_Return)  # and Enter follows it
    assert window.recorder.conversation_id == original
    assert len(window.conversation.messages) == 4, "the original is left as it was"
    assert window.branch_note.isHidden()
    titles = [c.title for c in window.services.store.conversations()]
    assert titles.count("Plan a trip (branch)") == 1


def test_a_branch_is_copied_off_the_gui_thread_and_waits_for_no_one(
    window: MainWindow, qtbot: QtBot, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = window.services.store
    copied_on: list[threading.Thread] = []
    copy = store.branch

    def branch(conversation_id: str, message_id: int, title: str) -> ConversationSummary:
        copied_on.append(threading.current_thread())
        return copy(conversation_id, message_id, title)

    monkeypatch.setattr(store, "branch", branch)

    async def body() -> None:
        type_and_send(qtbot, window, "Plan a trip")
        await until(lambda: not window.session.busy and len(window.conversation.messages) == 2)
        _widget(window, 1).branch_button.click()
        window.new_conversation()  # the user goes on elsewhere while the copy is made
        await until(lambda: window.statusBar().currentMessage().startswith("Branch made"))

    run(body)
    assert copied_on
    assert copied_on[0] is not threading.main_thread()
    assert window.statusBar().currentMessage() == "Branch made: Plan a trip (branch)"
    assert window.recorder.conversation_id is None, "the new conversation stays shown"
    reads_shown(qtbot, window.sidebar.reads)
    titles = [c.title for c in store.conversations()]
    assert titles[0] == "Plan a trip (branch)", "and the list shows the branch"


def test_a_branch_overtaken_by_an_import_says_to_branch_after_it(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    store = window.services.store

    async def body() -> None:
        type_and_send(qtbot, window, "Plan a trip")
        await until(lambda: not window.session.busy and len(window.conversation.messages) == 2)
        _widget(window, 1).branch_button.click()
        store.held.hold()  # an import begins before the copy starts on its worker
        await until(lambda: window.statusBar().currentMessage() != "Making the branch…")

    run(body)
    assert window.statusBar().currentMessage() == (
        "An import is writing the history: branch once it is done."
    )
    assert window.banner.isHidden(), "no word of keeping a branch that was not kept"
    assert store.held.kept == 0
    store.held.release()
    assert [c.title for c in store.conversations()] == ["Plan a trip"], "and no branch was made"


def test_a_search_result_in_a_version_not_shown_shows_that_version(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    assert window.picker.select("sim", "sim-echo")

    async def body() -> None:
        type_and_send(qtbot, window, "Say pineapple")
        await until(lambda: not window.session.busy and len(window.conversation.messages) == 2)
        assert window.picker.select("sim", "sim-normal")
        window.regenerate()
        await until(lambda: not window.session.busy)

    run(body)
    conversation_id = window.recorder.conversation_id
    assert conversation_id is not None
    (hit,) = window.services.store.search("You said")
    window.new_conversation()
    window.sidebar.messageSelected.emit(conversation_id, hit.message_id)
    assert window.conversation.messages[1].content == "You said: Say pineapple"
    assert window.chat_view.widget_for(window.conversation.messages[1]) is not None


def test_an_edit_whose_question_is_no_longer_shown_is_not_sent_elsewhere(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    assert window.picker.select("sim", "sim-echo")

    async def body() -> None:
        type_and_send(qtbot, window, "Q1")
        await until(lambda: not window.session.busy and len(window.conversation.messages) == 2)
        window.regenerate()  # a second version of the answer to Q1
        await until(lambda: not window.session.busy)
        type_and_send(qtbot, window, "Q2")
        await until(lambda: not window.session.busy and len(window.conversation.messages) == 4)

    run(body)
    q2 = window.conversation.messages[2]
    window.edit(q2)
    window.chat_view.show_version(window.conversation.messages[1], -1)  # Q2 leaves the path
    assert q2 not in window.conversation.messages
    window.input.setPlainText("Q2 edited")
    window.send()
    assert not window.session.busy, "nothing was sent"
    assert window.composer.editing is None
    assert not window.banner.isHidden()
    assert window.input.toPlainText() == "Q2 edited", "the text is kept"
