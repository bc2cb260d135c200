"""A conversation in memory as a tree: versions, the path shown, and the context each request
sends."""

from __future__ import annotations

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.providers.base import Message


class _Heard:
    def __init__(self) -> None:
        self.events: list[str] = []

    def message_added(self, message: ChatMessage) -> None:
        self.events.append(f"added {message.content}")

    def version_added(self, message: ChatMessage) -> None:
        self.events.append(f"aside {message.content}")

    def message_changed(self, message: ChatMessage) -> None:
        self.events.append(f"changed {message.content}")

    def messages_reset(self) -> None:
        self.events.append("reset")


def test_a_version_replaces_the_end_of_the_path_and_keeps_the_old_one() -> None:
    conversation = Conversation()
    heard = _Heard()
    conversation.subscribe(heard)
    question = conversation.add(ChatMessage("user", "Q"))
    old = conversation.add(ChatMessage("assistant", "old"))
    later = conversation.add(ChatMessage("user", "later"))
    conversation.cut_before(old)
    new = conversation.add(ChatMessage("assistant", "new"))
    assert conversation.messages == [question, new]
    assert conversation.versions(new) == [old, new]
    assert conversation.children(old) == [later]
    assert heard.events[-2:] == ["reset", "added new"]
    conversation.show(old)
    assert conversation.messages == [question, old, later], "the path goes on below the version"
    assert conversation.context() == (Message("user", "Q"), Message("assistant", "old"),
                                      Message("user", "later"))  # fmt: skip


def test_answers_aside_are_in_the_tree_not_on_the_path_and_send_the_path_above() -> None:
    conversation = Conversation()
    heard = _Heard()
    conversation.subscribe(heard)
    first = conversation.add(ChatMessage("user", "Q1"))
    conversation.add(ChatMessage("assistant", "A1"))
    question = conversation.add(ChatMessage("user", "Q2"))
    left = conversation.add_aside(ChatMessage("assistant", "left"), question)
    right = conversation.add_aside(ChatMessage("assistant", "right"), question)
    assert conversation.messages[-1] is question
    assert heard.events[-2:] == ["aside left", "aside right"]
    assert conversation.versions(left) == [left, right]
    assert [m.content for m in conversation.context(before=right)] == ["Q1", "A1", "Q2"]
    assert conversation.prompt_chars(right) == len("Q1A1Q2")
    conversation.show(right)
    assert conversation.messages[-1] is right
    assert conversation.versions(first) == [first]


def test_an_edited_question_sends_only_what_is_above_it() -> None:
    conversation = Conversation()
    conversation.add(ChatMessage("user", "Q1"))
    conversation.add(ChatMessage("assistant", "A1"))
    second = conversation.add(ChatMessage("user", "Q2"))
    conversation.add(ChatMessage("assistant", "A2"))
    assert [m.content for m in conversation.context(before=second)] == ["Q1", "A1"]


def test_the_files_above_an_answer_count_in_its_estimated_prompt() -> None:
    from desktop_app.core.attachments.reading import attachment_from_bytes
    from desktop_app.core.attachments.tokens import attachment_tokens
    from tests.support.attachment_files import image_bytes

    picture = attachment_from_bytes("chart.png", image_bytes(1024, 1024))
    notes = attachment_from_bytes("notes.md", b"# Plan\n" + b"- step\n" * 100)
    conversation = Conversation()
    conversation.add(ChatMessage("user", "What changed?", attachments=(picture, notes)))
    answer = conversation.add(ChatMessage("assistant", model="gpt-4o", status="streaming"))
    image_part = attachment_tokens(picture, "openai", "gpt-4o")
    assert image_part == 765  # 85 + 170 x 4 tiles: OpenAI's published example for 1024 x 1024
    expected = len("What changed?") + 4 * (
        image_part + attachment_tokens(notes, "openai", "gpt-4o")
    )
    assert conversation.prompt_chars(answer) == expected
