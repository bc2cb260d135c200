"""The chat view's actions on each message (Edit, Regenerate, Branch) and its versions: offered
where they apply, not while an answer streams, and moving between versions shows what followed."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.ui.chat.chat_view import ChatView
from tests.support.ui.chat_messages import answer, plain, widget_of


def test_edit_and_regenerate_are_offered_on_every_turn(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    first = conversation.add(ChatMessage("user", "first question"))
    first_answer = conversation.add(answer("first answer"))
    conversation.add(ChatMessage("user", "last question"))
    last_answer = conversation.add(answer("last answer"))
    assert not widget_of(view, first).edit_button.isHidden()
    assert widget_of(view, first).regenerate_button.isHidden()
    assert not widget_of(view, first_answer).regenerate_button.isHidden()
    assert widget_of(view, last_answer).edit_button.isHidden()
    assert all(not w.branch_button.isHidden() for w in view.widgets())
    with qtbot.waitSignal(view.editRequested) as edit:
        widget_of(view, first).edit_button.click()
    assert edit.args == [first]
    with qtbot.waitSignal(view.regenerateRequested) as regenerate:
        widget_of(view, first_answer).regenerate_button.click()
    assert regenerate.args == [first_answer]
    with qtbot.waitSignal(view.branchRequested) as branch:
        widget_of(view, first_answer).branch_button.click()
    assert branch.args == [first_answer]


def test_versions_are_counted_and_moving_between_them_shows_what_followed_each(
    view: ChatView, conversation: Conversation
) -> None:
    question = conversation.add(ChatMessage("user", "question"))
    cheap = conversation.add(answer("cheap answer"))
    follow_up = conversation.add(ChatMessage("user", "follow-up"))
    conversation.cut_before(cheap)  # as Regenerate does
    strong = conversation.add(answer("strong answer"))
    shown = widget_of(view, strong)
    assert shown.version_label.text() == "2/2"
    assert not shown.previous_button.isHidden()
    assert shown.previous_button.isEnabled()
    assert not shown.next_button.isEnabled()
    assert widget_of(view, question).version_label.isHidden(), "one version: no counter"
    shown.previous_button.click()
    assert conversation.messages == [question, cheap, follow_up]
    assert view.widget_for(strong) is None
    assert widget_of(view, cheap).version_label.text() == "1/2"
    assert plain(widget_of(view, follow_up)) == "follow-up"
    widget_of(view, cheap).next_button.click()
    assert conversation.messages == [question, strong]


def test_no_regenerate_while_an_answer_streams(view: ChatView, conversation: Conversation) -> None:
    conversation.add(ChatMessage("user", "question"))
    reply = conversation.add(answer(status="streaming"))
    assert widget_of(view, reply).regenerate_button.isHidden()
    reply.status = "complete"
    conversation.changed(reply)
    view.flush()
    assert not widget_of(view, reply).regenerate_button.isHidden()
