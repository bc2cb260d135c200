"""A long conversation in the chat view: only the messages near the screen have widgets, made
as they scroll near and dropped as they go far, without moving what the user reads; search
results, streaming, selection, Edit and Regenerate work all the same."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.text import markdown
from desktop_app.ui.chat.chat_view import ChatView
from desktop_app.ui.chat.message_blocks import BLOCK
from desktop_app.ui.chat.message_widget import MessageWidget
from tests.support.ui.chat_messages import widget_of

LONG = 2 * BLOCK + 20  # three blocks
VERY_LONG = 1_000


def turns(count: int, *, last_answer: str = "") -> list[ChatMessage]:
    """Questions and answers, each answer a few lines long; optionally a given last answer."""
    messages = []
    for n in range(count):
        if n % 2 == 0:
            messages.append(ChatMessage("user", f"Question {n}?"))
        else:
            text = f"Answer {n}.\n\nA second paragraph of answer {n}, long enough to wrap. " * 2
            messages.append(
                ChatMessage("assistant", text, provider="relay", provider_name="Relay", model="m")
            )
    if last_answer:
        messages[-1] = ChatMessage(
            "assistant", last_answer, provider="relay", provider_name="Relay", model="m"
        )
    return messages


def documents(widget: MessageWidget) -> list[QTextDocument]:
    return [part.document() for part in widget.body.parts]


def top_in_viewport(view: ChatView, widget: QWidget) -> int:
    """Where a widget is, in pixels from the top of what the view shows."""
    return widget.mapTo(view.scroll_area.viewport(), QPoint(0, 0)).y()


def in_view(view: ChatView, widget: QWidget) -> bool:
    top = top_in_viewport(view, widget)
    return top < view.scroll_area.viewport().height() and top + widget.height() > 0


def at_bottom(view: ChatView) -> bool:
    bar = view.scroll_area.verticalScrollBar()
    return bar.maximum() > 0 and bar.value() == bar.maximum()


def scroll_by(qtbot: QtBot, view: ChatView, pixels: int) -> None:
    """Scroll as a user does, and let the view catch up."""
    bar = view.scroll_area.verticalScrollBar()
    bar.setValue(bar.value() + pixels)
    qtbot.wait(1)


def visible_widget(view: ChatView) -> MessageWidget:
    """A message widget wholly on screen, to watch."""
    height = view.scroll_area.viewport().height()
    for widget in view.widgets():
        top = top_in_viewport(view, widget)
        if top >= 0 and top + widget.height() <= height:
            return widget
    return next(w for w in view.widgets() if in_view(view, w))


def test_the_end_is_shown_at_once_and_only_it_has_widgets(
    view: ChatView, conversation: Conversation
) -> None:
    messages = turns(VERY_LONG)
    conversation.replace_all(messages)
    made = [m for m in messages if view.widget_for(m) is not None]
    assert 0 < len(made) < 20
    assert made == messages[-len(made) :]  # the end, and all of it
    assert in_view(view, widget_of(view, messages[-1]))
    assert not view.loading  # nothing is left to make in the background


def test_widgets_stay_few_while_scrolling_through_a_long_conversation(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    messages = turns(VERY_LONG // 4)
    conversation.replace_all(messages)
    qtbot.waitUntil(lambda: at_bottom(view))
    bar, page = view.scroll_area.verticalScrollBar(), view.scroll_area.viewport().height()
    most, first_seen = 0, set[int]()
    while bar.value() > 0:
        scroll_by(qtbot, view, -page)
        most = max(most, len(view.widgets()))
        first_seen.update(w.message.id for w in view.widgets())
    assert most < 4 * BLOCK  # a few screens' worth, not the conversation
    assert len(first_seen) == len(messages)  # every message had its widget on the way up
    assert in_view(view, widget_of(view, messages[0]))
    old = view.widgets()
    while not at_bottom(view):
        scroll_by(qtbot, view, page)
    assert len(view.widgets()) < 4 * BLOCK
    dropped = [w for w in old if view.widget_for(w.message) is not w]
    assert dropped
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(w) for w in dropped))


def test_what_the_user_reads_stays_in_place_as_messages_are_made_and_dropped(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    conversation.replace_all(turns(VERY_LONG // 4))
    qtbot.waitUntil(lambda: at_bottom(view))
    for _ in range(40):  # up, through messages made from estimated heights
        reading = visible_widget(view)
        place = top_in_viewport(view, reading)
        scroll_by(qtbot, view, -90)
        assert view.widget_for(reading.message) is reading
        assert top_in_viewport(view, reading) == place + 90
    for _ in range(10):  # and down again, over messages dropped and made again
        reading = visible_widget(view)
        place = top_in_viewport(view, reading)
        scroll_by(qtbot, view, 250)
        assert top_in_viewport(view, reading) == place - 250


def test_a_far_search_result_is_made_and_stays_in_place(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    messages = turns(VERY_LONG)
    conversation.replace_all(messages)
    target = messages[3]
    assert view.widget_for(target) is None
    view.scroll_to(target)
    assert in_view(view, widget_of(view, target))
    place = top_in_viewport(view, widget_of(view, target))
    qtbot.wait(20)  # the view settles: made neighbours correct their estimated heights
    assert top_in_viewport(view, widget_of(view, target)) == place
    assert len(view.widgets()) < 4 * BLOCK


def test_a_message_made_again_is_not_rendered_again(
    qtbot: QtBot, view: ChatView, conversation: Conversation, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: list[str] = []
    original = markdown.render_markdown

    def counting(
        text: str, *, dark: bool = False, part_chars: int | None = None
    ) -> markdown.RenderedMarkdown:
        rendered.append(text)
        return original(text, dark=dark, part_chars=part_chars)

    monkeypatch.setattr(markdown, "render_markdown", counting)  # as the cache imports it
    messages = turns(VERY_LONG // 4)
    conversation.replace_all(messages)
    last = widget_of(view, messages[-1])
    html = [document.toHtml() for document in documents(last)]
    view.scroll_to(messages[0])
    qtbot.waitUntil(lambda: view.widget_for(messages[-1]) is None)
    view.scroll_to(messages[-1])
    again = widget_of(view, messages[-1])
    assert again is not last
    assert [document.toHtml() for document in documents(again)] == html
    assert rendered.count(messages[-1].content) == 1


def test_a_streaming_answer_keeps_its_widget_while_the_user_reads_far_above(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    conversation.replace_all(turns(VERY_LONG // 4))
    conversation.add(ChatMessage("user", "One more question"))
    reply = conversation.add(ChatMessage("assistant", status="streaming"))
    view.scroll_to(conversation.messages[0])
    for n in range(30):
        reply.append_text(f"Streamed line {n}.\n\n")
        conversation.changed(reply)
        view.flush()
        scroll_by(qtbot, view, 5)
    reply.status = "complete"
    conversation.changed(reply)
    view.flush()
    assert "Streamed line 29." in widget_of(view, reply).body.to_plain_text()
    view.scroll_to(reply)
    assert in_view(view, widget_of(view, reply))
    assert not widget_of(view, reply).regenerate_button.isHidden()


def test_selected_text_keeps_its_message_while_scrolled_away(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    messages = turns(VERY_LONG // 4)
    conversation.replace_all(messages)
    chosen = widget_of(view, messages[-1])
    part = chosen.body.parts[0]
    cursor = part.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    part.setTextCursor(cursor)
    view.scroll_to(messages[0])
    qtbot.waitUntil(lambda: view.widget_for(messages[-3]) is None)
    assert view.widget_for(messages[-1]) is chosen
    assert part.textCursor().selectedText().startswith("Answer")


def test_actions_are_offered_on_a_question_made_after_the_first_screen(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    # an answer taller than the view: its question is not on the first screen
    messages = turns(LONG, last_answer="A very long answer.\n\n" * 80)
    conversation.replace_all(messages)
    question = messages[-2]
    assert view.widget_for(question) is None
    view.scroll_to(question)
    assert not widget_of(view, question).edit_button.isHidden()
    assert not widget_of(view, messages[-1]).regenerate_button.isHidden()
    assert all(w.edit_button.isHidden() for w in view.widgets() if w.message.role != "user")
    assert all(not w.branch_button.isHidden() for w in view.widgets())


def test_cutting_the_last_turn_for_a_version_keeps_the_other_widgets(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    messages = turns(LONG, last_answer="A very long answer.\n\n" * 80)
    conversation.replace_all(messages)
    view.scroll_to(messages[-3])
    kept = {w.message: w for w in view.widgets() if w.message in messages[:-2]}
    removed = [widget_of(view, m) for m in messages[-2:]]
    conversation.cut_before(messages[-2])  # as Edit does: the question and its answer go
    assert all(view.widget_for(m) is w for m, w in kept.items())
    assert all(view.widget_for(m) is None for m in messages[-2:])
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(w) for w in removed))
    assert not widget_of(view, messages[-3]).regenerate_button.isHidden()
    again = conversation.add(ChatMessage("user", "Edited question"))
    qtbot.waitUntil(lambda: in_view(view, widget_of(view, again)))


def test_opening_another_conversation_shows_only_it(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    first = turns(VERY_LONG)
    conversation.replace_all(first)
    view.scroll_to(first[len(first) // 2])  # the user reads in the middle, then switches
    shown_before = view.widgets()
    second = turns(LONG)
    conversation.replace_all(second)
    assert in_view(view, widget_of(view, second[-1]))  # its end, as any conversation opens
    qtbot.wait(1)
    assert in_view(view, widget_of(view, second[-1]))
    assert all(view.widget_for(m) is None for m in first)
    assert view.widgets() == [widget_of(view, m) for m in second[-len(view.widgets()) :]]
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(w) for w in shown_before))
    # and any the second made and dropped again
    qtbot.waitUntil(lambda: len(view.content.findChildren(MessageWidget)) == len(view.widgets()))


def owner(part: QWidget | None) -> MessageWidget | None:
    """The message widget `part` is a part of, if any."""
    parent: QWidget | None = part
    while parent is not None and not isinstance(parent, MessageWidget):
        parent = parent.parentWidget()
    return parent


def test_tab_goes_through_the_messages_from_the_top_however_they_were_made(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    # An opened conversation is made from its end up, and more as it scrolls: the focus chain
    # (the order of making, by default) read bottom-up to a keyboard or screen-reader user.
    messages = turns(LONG)
    conversation.replace_all(messages)
    scroll_by(qtbot, view, -2_000)  # some more made, above the first ones

    def order() -> list[int]:
        seen: list[int] = []
        part: QWidget | None = view.scroll_area
        for _ in range(400):
            assert part is not None
            part = part.nextInFocusChain()
            widget = owner(part)
            if widget is not None and (not seen or seen[-1] != messages.index(widget.message)):
                seen.append(messages.index(widget.message))
        return seen

    made = sorted(messages.index(w.message) for w in view.widgets())
    assert len(made) > 4
    walked = order()
    assert walked[: len(made)] == made, "each message once, top down, right after the view"


def test_a_part_of_a_message_focused_off_screen_scrolls_into_view(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    # Tab from the message box lands on a message above the screen (made, within MARGIN).
    messages = turns(LONG)
    conversation.replace_all(messages)
    qtbot.waitUntil(lambda: any(not in_view(view, w) for w in view.widgets()))  # the margin's
    above = next(w for w in view.widgets() if not in_view(view, w))
    assert at_bottom(view)
    above.copy_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: in_view(view, above.copy_button))
    assert not at_bottom(view)
