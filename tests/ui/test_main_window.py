"""The real main window against the simulator: send, stream, stop, switch model, errors."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.simulator import Simulator
from desktop_app.ui.app import UnexpectedErrorPresenter
from desktop_app.ui.error_banner import Action
from desktop_app.ui.main_window import MainWindow
from tests.support.ui.window_actions import send_and_wait, type_and_send
from tests.support.ui.window_helpers import (
    Run,
    make_window,
    shut_down,
    sim_key,
    write_providers,
)
from tests.support.waiting import until


def test_window_opens_ready_to_type(window: MainWindow) -> None:
    assert window.windowTitle() == "Tally"
    assert window.input.hasFocus() or window.focusWidget() is window.input
    assert window.picker.current() is not None
    provider, model = window.picker.current()  # type: ignore[misc]
    assert (provider.id, model) == ("sim", "sim-normal")
    labels = window.picker.labels()
    assert labels[0] == "Simulator"  # the provider's header
    assert any("sim-normal" in label and "$0.27 / $0.42 per M" in label for label in labels)
    assert any("sim-echo" in label and "price unknown" in label for label in labels)
    for name in (
        "modelPicker",
        "messageInput",
        "sendButton",
        "stopButton",
        "chatView",
        "errorBanner",
    ):
        assert window.findChild(QWidget, name) is not None, name


def test_ctrl_enter_sends_and_the_answer_streams_in(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    async def body() -> None:
        type_and_send(qtbot, window, "Hello there")
        assert window.input.toPlainText() == ""
        await until(lambda: window.stop_button.isEnabled())
        assert not window.send_button.isEnabled()
        await until(lambda: not window.session.busy)

    run(body)
    question, answer = window.conversation.messages
    assert question.content == "Hello there"
    assert answer.status == "complete"
    assert answer.content.startswith("## Simulated answer")
    assert window.send_button.isEnabled()
    assert not window.stop_button.isEnabled()
    status = window.status.text()
    assert "first token" in status
    assert "tokens/s" in status
    assert "≈" not in status  # exact, from the reported usage
    meter = window.meter.text()
    assert meter.startswith("This answer $0.0")  # exact too: no "≈"
    assert "Conversation $0.0" in meter


def test_enter_alone_makes_a_new_line(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.input, "line one")
    qtbot.keyClick(window.input, Qt.Key.Key_Return)
    qtbot.keyClicks(window.input, "line two")
    assert window.input.toPlainText() == "line one\nline two"
    assert window.conversation.messages == []


@pytest.mark.parametrize("how", ["button", "escape"])
def test_stop_keeps_the_partial_answer(
    window: MainWindow, qtbot: QtBot, run: Run, simulator: Simulator, how: str
) -> None:
    window.picker.select("sim", "sim-slow")

    async def body() -> None:
        type_and_send(qtbot, window, "Tell me a long story")
        await until(
            lambda: (
                len(window.conversation.messages) == 2 and window.conversation.messages[1].content
            )
        )
        if how == "button":
            qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(window.input, Qt.Key.Key_Escape)
        await until(lambda: not window.session.busy)

    run(body)
    answer = window.conversation.messages[1]
    assert answer.status == "cancelled"
    assert answer.content
    assert simulator.wait_for_disconnect(timeout=5)
    assert window.send_button.isEnabled()
    assert window.banner.isHidden()


def test_switching_model_mid_conversation(
    window: MainWindow, qtbot: QtBot, run: Run, simulator: Simulator
) -> None:
    async def body() -> None:
        type_and_send(qtbot, window, "first")
        await until(lambda: not window.session.busy and len(window.conversation.messages) == 2)
        assert window.picker.select("sim", "sim-echo")
        type_and_send(qtbot, window, "second")
        await until(lambda: not window.session.busy and len(window.conversation.messages) == 4)

    run(body)
    answers = [m for m in window.conversation.messages if m.role == "assistant"]
    assert [a.model for a in answers] == ["sim-normal", "sim-echo"]
    assert answers[1].content == "You said: second"
    sent = simulator.requests[-1].body
    assert sent is not None
    assert [m["role"] for m in sent["messages"]] == ["user", "assistant", "user"]


@pytest.mark.parametrize(
    ("model", "words", "action"),
    [
        ("sim-error-402", "out of balance", Action.SWITCH_MODEL),
        ("sim-error-429", "rate-limiting", Action.RETRY),
        ("sim-drop", "dropped in the middle", Action.RETRY),
        ("sim-hang-headers", "sent nothing back within 0.5 s", Action.RETRY),
    ],
)
def test_errors_appear_in_the_banner_with_an_action(
    window: MainWindow, qtbot: QtBot, run: Run, model: str, words: str, action: Action
) -> None:
    window.picker.select("sim", model)

    async def body() -> None:
        type_and_send(qtbot, window, "hi")
        await until(lambda: len(window.conversation.messages) == 2 and not window.session.busy)

    run(body)
    assert window.banner.isVisible()
    assert words in window.banner.label.text()
    assert "Simulator" in window.banner.label.text()
    assert window.banner.action is action
    assert window.banner.button.text() == action.value
    assert "Traceback" not in window.banner.label.text()
    if model != "sim-drop":  # the others fail before any text arrives
        assert "failed before the first token" in window.status.text()


def test_wrong_key_offers_settings(
    qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path
) -> None:
    write_providers(data_dir, simulator, key="sk-wrong-0000000000")
    window = make_window(qtbot)

    async def body() -> None:
        type_and_send(qtbot, window, "hi")
        await until(lambda: window.banner.isVisible())

    run(body)
    assert "rejected the API key" in window.banner.label.text()
    assert "sk-wrong-0000000000" not in window.banner.label.text()
    assert window.banner.action is Action.SETTINGS
    shut_down(window, run)


def test_retry_from_the_banner_asks_again(window: MainWindow, qtbot: QtBot, run: Run) -> None:
    window.picker.select("sim", "sim-drop")

    async def body() -> None:
        type_and_send(qtbot, window, "hi")
        await until(lambda: window.banner.isVisible() and not window.session.busy)
        window.picker.select("sim", "sim-normal")  # retry, this time with a working model
        qtbot.mouseClick(window.banner.button, Qt.MouseButton.LeftButton)
        await until(
            lambda: (
                not window.session.busy and window.conversation.messages[-1].status == "complete"
            )
        )

    run(body)
    assert [m.role for m in window.conversation.messages] == ["user", "assistant"]
    assert window.conversation.messages[-1].model == "sim-normal"
    assert window.banner.isHidden()


def test_regenerate_and_edit(window: MainWindow, qtbot: QtBot, run: Run) -> None:
    window.picker.select("sim", "sim-echo")

    async def body() -> None:
        type_and_send(qtbot, window, "helo")
        await until(lambda: not window.session.busy and len(window.conversation.messages) == 2)
        window.picker.select("sim", "sim-normal")
        window.chat_view.regenerateRequested.emit(window.conversation.messages[-1])
        await until(
            lambda: (
                not window.session.busy and window.conversation.messages[-1].model == "sim-normal"
            )
        )
        window.picker.select("sim", "sim-echo")
        window.chat_view.editRequested.emit(window.conversation.messages[0])
        assert window.input.toPlainText() == "helo"
        assert not window.composer.edit_bar.isHidden()
        assert "Editing “helo”" in window.composer.edit_note.text()
        qtbot.keyClick(window.input, Qt.Key.Key_Backspace)  # from the end, as one types
        qtbot.keyClicks(window.input, "lo")
        assert window.input.toPlainText() == "hello"
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
        await until(
            lambda: (
                not window.session.busy
                and window.conversation.messages[-1].content == "You said: hello"
            )
        )

    run(body)
    assert [m.content for m in window.conversation.messages] == ["hello", "You said: hello"]
    assert window.composer.edit_bar.isHidden()
    first, edited = window.conversation.versions(window.conversation.messages[0])
    assert first.content == "helo"
    answers = window.conversation.children(first)
    assert [m.model for m in answers] == ["sim-echo", "sim-normal"], "regenerated: both kept"
    assert [m.content for m in window.conversation.children(edited)] == ["You said: hello"]


def test_window_remembers_size_and_model(
    qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path
) -> None:
    write_providers(data_dir, simulator, key=sim_key(simulator))
    first = make_window(qtbot)
    first.resize(700, 500)  # within the offscreen screen (800 x 600)
    first.picker.select("sim", "sim-echo")

    async def body() -> None:
        type_and_send(qtbot, first, "x")
        await until(lambda: not first.session.busy and len(first.conversation.messages) == 2)

    run(body)
    shut_down(first, run)
    second = make_window(qtbot)
    assert (second.width(), second.height()) == (700, 500)
    assert second.picker.current() is not None
    assert second.picker.current()[1] == "sim-echo"  # type: ignore[index]
    shut_down(second, run)


def test_unexpected_errors_go_to_the_banner_and_the_log(
    window: MainWindow, caplog: pytest.LogCaptureFixture
) -> None:
    presenter = UnexpectedErrorPresenter(window.banner)
    caplog.set_level(logging.ERROR)
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError as exc:
        presenter.excepthook(type(exc), exc, exc.__traceback__)
    assert "Something unexpected went wrong (ZeroDivisionError: boom)" in window.banner.label.text()
    assert "tally.log" in window.banner.label.text()
    assert "Traceback" in caplog.text


def test_closing_during_a_reply_stops_it_cleanly(
    window: MainWindow, qtbot: QtBot, run: Run, simulator: Simulator
) -> None:
    window.picker.select("sim", "sim-slow")

    async def body() -> None:
        type_and_send(qtbot, window, "long")
        await until(lambda: window.session.busy and window.conversation.messages[-1].content)
        window.close()
        await until(lambda: window._closed)
        await asyncio.sleep(0)

    run(body)
    assert window.conversation.messages[-1].status == "cancelled"
    assert window.services.client.is_closed
    assert simulator.wait_for_disconnect(timeout=5)


def test_quit_action_closes_cleanly(window: MainWindow, run: Run) -> None:
    # Offscreen windows are never active, so the shortcut itself is checked, then triggered.
    (action,) = [a for a in window.findChildren(QAction) if a.text() == "&Quit"]
    assert action.shortcut() == QKeySequence("Ctrl+Q")

    async def body() -> None:
        action.trigger()
        await until(lambda: window._closed)

    run(body)
    assert not window.isVisible()
    assert window.services.client.is_closed


def test_the_conversation_is_kept_and_reopened_at_the_next_start(
    qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path
) -> None:
    write_providers(data_dir, simulator, key=sim_key(simulator))
    first = make_window(qtbot)
    first.picker.select("sim", "sim-echo")

    async def body() -> None:
        type_and_send(qtbot, first, "remember me")
        await until(lambda: not first.session.busy and len(first.conversation.messages) == 2)

    run(body)
    shut_down(first, run)
    second = make_window(qtbot)
    assert [m.content for m in second.conversation.messages] == [
        "remember me",
        "You said: remember me",
    ]
    assert second.conversation.messages[1].model == "sim-echo"
    assert second.picker.current() is not None
    assert second.picker.current()[1] == "sim-echo"  # type: ignore[index]
    shut_down(second, run)


def test_ctrl_n_starts_a_new_conversation_and_keeps_the_old(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    window.picker.select("sim", "sim-echo")

    async def body() -> None:
        type_and_send(qtbot, window, "first topic")
        await until(lambda: not window.session.busy and len(window.conversation.messages) == 2)
        window.new_conversation()
        assert window.conversation.messages == []
        type_and_send(qtbot, window, "second topic")
        await until(lambda: not window.session.busy and len(window.conversation.messages) == 2)

    run(body)
    titles = [c.title for c in window.services.store.conversations()]
    assert titles == ["second topic", "first topic"]


def test_a_notice_gives_way_to_the_answer_that_starts(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    # A notice in the status bar hides the status line while it shows (Qt's rule): a slow
    # model's "waiting for the first token…" must not wait ten seconds behind it.
    window.picker.select("sim", "sim-slow")
    window.statusBar().showMessage("Models refreshed: Simulator 9", 10_000)
    assert window.status.isHidden()

    async def body() -> None:
        type_and_send(qtbot, window, "hi")
        await until(lambda: window.status.message is not None)  # the answer has started
        assert window.statusBar().currentMessage() == ""
        assert window.status.isVisible()
        assert "sim-slow" in window.status.text()
        window.stop()

    run(body)


def test_a_screen_reader_can_tell_the_pickers_and_the_version_arrows(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    labels = {label.text().strip(): label for label in window.findChildren(QLabel)}
    assert labels["Model:"].buddy() is window.picker
    assert labels["Assistant:"].buddy() is window.assistant.picker
    window.picker.select("sim", "sim-echo")
    send_and_wait(window, run, "hello")
    answer = window.chat_view.widget_for(window.conversation.messages[-1])
    assert answer is not None
    names = {answer.previous_button.accessibleName(), answer.next_button.accessibleName()}
    assert names == {"The version before", "The next version"}, "not the arrows themselves"
    assert answer.copy_button.accessibleName() == "Copy"
