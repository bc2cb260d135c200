"""Comparing models in the window: the answers stream side by side, each with its figures, its
own Stop and its own errors; one is chosen to go on from and the others stay as versions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat.compare_columns import CompareColumns
from desktop_app.ui.main_window import MainWindow
from tests.support.ui.window_helpers import Run
from tests.support.waiting import until


def _columns(window: MainWindow) -> CompareColumns:
    columns = window.chat_view.comparison
    assert columns is not None
    return columns


def compared(window: MainWindow, run: Run, first: str, second: str) -> str:
    """Ask `first` and `second` side by side and wait until both have ended, none chosen; the
    conversation's id."""
    assert window.picker.select("sim", first)
    window.compare.tick("sim", second)

    async def body() -> None:
        window.input.setPlainText("Which sort is stable?")
        window.send()
        await until(lambda: not window.session.busy and window.chat_view.comparison is not None)

    run(body)
    conversation_id = window.recorder.conversation_id
    assert conversation_id is not None
    return conversation_id


def test_three_models_answer_side_by_side_and_one_is_chosen(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    assert window.picker.select("sim", "sim-normal")
    window.compare.tick("sim", "sim-echo")
    window.compare.tick("sim", "sim-error-402")  # this one fails; the others do not care
    assert [model for _, model in window.compare.chosen()] == [
        "sim-normal",
        "sim-echo",
        "sim-error-402",
    ]
    window.input.setPlainText("Which sort is stable?")
    window.estimate.refresh()
    assert "to each of 3 models" in window.estimate.text()

    async def body() -> None:
        window.send()
        await until(lambda: window.chat_view.comparison is not None)
        await until(lambda: not window.session.busy, within=20)
        await until(lambda: all(not c.stop_button.isVisible() for c in columns().values()))

    def columns() -> dict:  # type: ignore[type-arg]
        return _columns(window).columns

    run(body)
    question = window.conversation.messages[-1]
    assert question.content == "Which sort is stable?"
    normal, echo, failed = window.conversation.children(question)
    assert (normal.status, echo.status, failed.status) == ("complete", "complete", "error")
    assert window.banner.isHidden(), "one model's error stays in its column"
    shown = {answer: column.figures.text() for answer, column in columns().items()}
    assert "first token" in shown[normal]
    assert "tokens/s" in shown[normal]
    assert "$" in shown[normal]
    assert "price unknown" in shown[echo]
    assert failed.error
    assert failed.error in columns()[failed].message.status.text()
    assert "waiting" not in shown[failed], "it ended without a token: not waiting"
    said = {column.continue_button.accessibleName() for column in columns().values()}
    assert said == {
        f"Continue with the answer of {m}" for m in ("sim-normal", "sim-echo", "sim-error-402")
    }
    assert not columns()[failed].continue_button.isEnabled()
    assert window.send_button.isEnabled()
    columns()[echo].continue_button.click()
    assert window.conversation.messages[-1] is echo
    assert window.chat_view.comparison is None
    widget = window.chat_view.widget_for(echo)
    assert widget is not None
    assert widget.version_label.text() == "2/3"
    stored = window.services.store.messages(window.recorder.conversation_id or "")
    assert [m.parent_id for m in stored[-3:]] == [stored[-4].id] * 3


def test_stop_on_one_column_stops_only_that_answer(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    assert window.picker.select("sim", "sim-slow")
    window.compare.tick("sim", "sim-normal")

    async def body() -> None:
        window.input.setPlainText("Tell me a story")
        window.send()
        await until(lambda: window.chat_view.comparison is not None)
        slow = window.conversation.children(window.conversation.messages[-1])[0]
        await until(lambda: len(slow.content) > 10)
        _columns(window).columns[slow].stop_button.click()
        await until(lambda: not window.session.busy, within=20)

    run(body)
    slow, normal = window.conversation.children(window.conversation.messages[-1])
    assert slow.status == "cancelled"
    assert normal.status == "complete"
    # sending again goes on from the first answer that has text
    window.compare.setChecked(False)

    async def again() -> None:
        window.input.setPlainText("And then?")
        window.send()
        await until(lambda: not window.session.busy, within=20)

    run(again)
    first, chosen, follow_up = window.conversation.messages[:3]
    assert (first.content, chosen) == ("Tell me a story", slow), "the first one with text"
    assert follow_up.content == "And then?"


def test_ctrl_click_in_the_model_list_adds_a_model_to_compare(
    window: MainWindow, qtbot: QtBot
) -> None:
    assert window.picker.select("sim", "sim-normal")
    window.picker.showPopup()
    view = window.picker.view()
    row = next(
        n
        for n, r in enumerate(window.picker.rows.rows)
        if r.entry is not None and r.entry.name == "sim-echo"
    )
    where = view.visualRect(window.picker.rows.index(row)).center()
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, where
    )
    assert view.isVisible(), "the list stays open for more"
    assert window.picker.current()[1] == "sim-normal"  # type: ignore[index]
    assert [model for _, model in window.compare.chosen()] == ["sim-normal", "sim-echo"]
    assert window.compare.text() == "Compare: 2"
    window.picker.hidePopup()


def test_continue_waits_until_every_answer_has_ended(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    assert window.picker.select("sim", "sim-normal")
    window.compare.tick("sim", "sim-slow")

    async def body() -> None:
        window.input.setPlainText("Tell me a story")
        window.send()
        await until(lambda: window.chat_view.comparison is not None)
        fast, slow = window.conversation.children(window.conversation.messages[-1])
        await until(lambda: fast.status == "complete" and slow.status == "streaming")
        columns = _columns(window).columns
        assert not columns[fast].continue_button.isEnabled(), "the other is still streaming"
        await until(lambda: not window.session.busy, within=20)
        await until(lambda: columns[fast].continue_button.isEnabled())

    run(body)


def test_leaving_a_comparison_while_it_streams_saves_and_bills_each_answer(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    assert window.picker.select("sim", "sim-slow")
    window.compare.tick("sim", "sim-normal")
    store = window.services.store

    async def body() -> None:
        window.input.setPlainText("Tell me a long story")
        window.send()
        await until(lambda: window.chat_view.comparison is not None)
        slow = window.conversation.children(window.conversation.messages[-1])[0]
        await until(lambda: len(slow.content) > 10)
        conversation_id = window.recorder.conversation_id
        window.new_conversation()  # the user opens another conversation meanwhile
        await until(lambda: not window.session.busy, within=20)
        answers = [m for m in store.messages(conversation_id or "") if m.role == "assistant"]
        assert answers[0].status == "cancelled"
        assert answers[0].content.startswith(slow.content[:10]), "what had arrived is kept"
        with store.reading() as conn:
            billed = {row[0] for row in conn.execute("SELECT message_id FROM ledger")}
        assert {m.id for m in answers} <= billed, "each answer is billed, stopped or not"

    run(body)


def test_a_comparison_none_was_chosen_from_shows_side_by_side_when_reopened(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    conversation_id = compared(window, run, "sim-normal", "sim-echo")
    window.new_conversation()
    assert window.chat_view.comparison is None
    window.open_conversation(conversation_id)
    question = window.conversation.messages[-1]
    assert question.content == "Which sort is stable?", "none was chosen: the path ends there"
    normal, echo = window.conversation.children(question)
    columns = _columns(window).columns
    assert list(columns) == [normal, echo]
    assert all(
        c.continue_button.isEnabled() and not c.stop_button.isVisible() for c in columns.values()
    )
    assert "$" in columns[normal].figures.text(), "the stored cost"
    assert window.meter.text().startswith("These 2 answers $"), "not 'This answer none yet'"
    columns[echo].continue_button.click()
    assert window.conversation.messages[-1] is echo
    assert window.chat_view.comparison is None
    assert window.meter.text().startswith("This answer price unknown")  # sim-echo's
    window.new_conversation()
    window.open_conversation(conversation_id)  # chosen: the answer, with its versions
    assert window.chat_view.comparison is None
    assert window.conversation.messages[-1].model == "sim-echo"


def test_sending_after_a_reopened_comparison_goes_on_from_its_first_answer(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    conversation_id = compared(window, run, "sim-normal", "sim-echo")

    async def body() -> None:
        window.new_conversation()
        window.open_conversation(conversation_id)
        assert window.chat_view.comparison is not None
        window.compare.setChecked(False)  # one model this time
        window.input.setPlainText("And why?")
        window.send()
        await until(lambda: not window.session.busy, within=20)

    run(body)
    _, first, question, answer = window.conversation.messages
    assert (first.role, first.model) == ("assistant", "sim-normal"), "the first with text"
    assert (question.content, answer.status) == ("And why?", "complete")
    assert window.chat_view.comparison is None


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_the_menu_of_models_opens_from_the_keyboard_to_change_a_comparison(
    window: MainWindow, qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    # Space only turns Compare on or off once a model is ticked: the menu's arrow was a mouse's.
    assert window.picker.select("sim", "sim-normal")
    window.compare.tick("sim", "sim-echo")
    menu = window.compare.menu_of_models
    shown: list[list[str]] = []

    def look_and_close() -> None:
        shown.append([action.text() for action in menu.actions() if action.isVisible()])
        menu.close()

    QTimer.singleShot(100, menu, look_and_close)  # with the menu: never into a later test
    window.compare.setFocus()
    qtbot.keyClick(window.compare, key, modifier)
    assert shown, "the menu opened"
    assert any("sim-slow" in text for text in shown[0]), "with the models to tick"
    assert window.compare.isChecked(), "the key did not turn Compare off"


def test_ctrl_r_under_a_comparison_none_was_chosen_from_regenerates_its_first_answer(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    compared(window, run, "sim-echo", "sim-normal")

    async def body() -> None:
        window.compare.setChecked(False)
        qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        await until(lambda: window.session.busy)  # it did something
        await until(lambda: not window.session.busy)

    run(body)
    _, answer = window.conversation.messages
    assert window.chat_view.comparison is None
    assert [v.model for v in window.conversation.versions(answer)] == [
        "sim-echo",
        "sim-normal",
        "sim-echo",
    ], "a third version, of the first answer with text"
