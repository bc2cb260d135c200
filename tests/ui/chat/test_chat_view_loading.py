"""A long conversation in the chat view: its end is shown at once, older messages are made
afterwards, and reading, scrolling, search results, streaming, Edit and Regenerate all work
while they load."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.ui.chat.chat_view import BLOCK, ChatView
from desktop_app.ui.chat.message_widget import MessageWidget

LONG = 2 * BLOCK + 20  # three blocks of older messages


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


def widget_of(view: ChatView, message: ChatMessage) -> MessageWidget:
    widget = view.widget_for(message)
    assert widget is not None
    return widget


def top_in_viewport(view: ChatView, widget: QWidget) -> int:
    """Where a widget is, in pixels from the top of what the view shows."""
    return widget.mapTo(view.scroll_area.viewport(), QPoint(0, 0)).y()


def in_view(view: ChatView, widget: QWidget) -> bool:
    top = top_in_viewport(view, widget)
    return top < view.scroll_area.viewport().height() and top + widget.height() > 0


def at_bottom(view: ChatView) -> bool:
    bar = view.scroll_area.verticalScrollBar()
    return bar.maximum() > 0 and bar.value() == bar.maximum()


def test_the_end_is_shown_at_once_and_older_messages_follow(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    messages = turns(LONG)
    conversation.replace_all(messages)
    assert view.loading
    made = [m for m in messages if view.widget_for(m) is not None]
    assert 0 < len(made) < 20
    assert made == messages[-len(made) :]  # the end, and all of it
    qtbot.waitUntil(lambda: not view.loading)
    tops = [widget_of(view, m).mapTo(view.content, QPoint(0, 0)).y() for m in messages]
    assert tops == sorted(set(tops))  # every message, in order
    assert in_view(view, widget_of(view, messages[-1]))
    assert at_bottom(view)


def test_what_the_user_reads_stays_in_place_while_older_messages_load(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    messages = turns(LONG)
    conversation.replace_all(messages)
    qtbot.waitUntil(lambda: at_bottom(view))
    bar = view.scroll_area.verticalScrollBar()
    bar.setValue(bar.value() - 150)  # the user scrolls up a little
    reading = next(m for m in messages if view.widget_for(m) and in_view(view, widget_of(view, m)))
    place = top_in_viewport(view, widget_of(view, reading))
    qtbot.waitUntil(lambda: not view.loading)
    assert top_in_viewport(view, widget_of(view, reading)) == place
    assert not at_bottom(view)


def test_a_search_result_not_made_yet_is_made_and_shown(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    messages = turns(LONG)
    conversation.replace_all(messages)
    target = messages[3]
    assert view.widget_for(target) is None
    view.scroll_to(target)
    assert in_view(view, widget_of(view, target))
    place = top_in_viewport(view, widget_of(view, target))
    qtbot.waitUntil(lambda: not view.loading)
    assert top_in_viewport(view, widget_of(view, target)) == place


def test_load_all_makes_every_message_now(view: ChatView, conversation: Conversation) -> None:
    messages = turns(LONG)
    conversation.replace_all(messages)
    view.load_all()
    assert not view.loading
    assert all(view.widget_for(m) is not None for m in messages)


def test_an_answer_streams_in_while_older_messages_load(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    conversation.replace_all(turns(LONG))
    conversation.add(ChatMessage("user", "One more question"))
    reply = conversation.add(ChatMessage("assistant", status="streaming"))
    for n in range(30):
        reply.append_text(f"Streamed line {n}.\n\n")
        conversation.changed(reply)
        view.flush()
    qtbot.waitUntil(lambda: not view.loading)
    reply.status = "complete"
    conversation.changed(reply)
    view.flush()
    assert "Streamed line 29." in widget_of(view, reply).body.document().toPlainText()
    qtbot.waitUntil(lambda: at_bottom(view))
    assert in_view(view, widget_of(view, reply))
    assert not widget_of(view, reply).regenerate_button.isHidden()


def test_edit_is_offered_on_a_last_question_made_after_the_first_screen(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    # an answer taller than the view: its question is not on the first screen
    messages = turns(LONG, last_answer="A very long answer.\n\n" * 80)
    conversation.replace_all(messages)
    question = messages[-2]
    assert view.widget_for(question) is None
    qtbot.waitUntil(lambda: not view.loading)
    assert not widget_of(view, question).edit_button.isHidden()
    assert not widget_of(view, messages[-1]).regenerate_button.isHidden()
    others = [widget_of(view, m) for m in messages[:-2]]
    assert all(w.edit_button.isHidden() and w.regenerate_button.isHidden() for w in others)


def test_removing_the_last_turn_keeps_the_other_widgets(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    messages = turns(LONG, last_answer="A very long answer.\n\n" * 80)
    conversation.replace_all(messages)
    qtbot.waitUntil(lambda: not view.loading)
    kept = {m: widget_of(view, m) for m in messages[:-2]}
    removed = [widget_of(view, m) for m in messages[-2:]]
    conversation.remove_from(messages[-2])  # as Edit does: the question and its answer go
    assert all(view.widget_for(m) is w for m, w in kept.items())
    assert all(view.widget_for(m) is None for m in messages[-2:])
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(w) for w in removed))
    assert not widget_of(view, messages[-3]).regenerate_button.isHidden()
    again = conversation.add(ChatMessage("user", "Edited question"))
    qtbot.waitUntil(lambda: in_view(view, widget_of(view, again)))


def test_opening_another_conversation_mid_load_shows_only_it(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    first = turns(LONG)
    conversation.replace_all(first)
    shown_before = [w for m in first if (w := view.widget_for(m)) is not None]
    second = turns(LONG)
    conversation.replace_all(second)
    qtbot.waitUntil(lambda: not view.loading)
    assert all(view.widget_for(m) is None for m in first)
    assert all(view.widget_for(m) is not None for m in second)
    # the first conversation's widgets are deleted, a few at a time
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(w) for w in shown_before))
    assert len(view.content.findChildren(MessageWidget)) == len(second)
