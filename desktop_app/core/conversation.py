"""A conversation as the app holds it in memory, observed by the views that show it."""

from __future__ import annotations

import itertools
from dataclasses import InitVar, dataclass, field
from decimal import Decimal
from typing import Literal, Protocol

from desktop_app.core.events import Usage
from desktop_app.core.providers.base import Message, Role

Status = Literal["streaming", "complete", "partial", "cancelled", "error"]
"""streaming while it arrives; then complete, partial (cut short by a failure or an unknown
end), cancelled (stopped by the user) or error (failed before any text)."""

_ids = itertools.count(1)


@dataclass(frozen=True, slots=True)
class AnswerCost:
    """An answer's tokens and cost; `usd` is None when the price is unknown (never 0)."""

    usage: Usage
    usd: Decimal | None

    @property
    def estimated(self) -> bool:
        return self.usage.source != "reported"


@dataclass(eq=False)
class ChatMessage:
    """One message of a conversation, with what the app knows about how it was made.

    While an answer streams, its pieces are kept in lists and joined only when read, so that
    appending stays cheap however long the answer grows.
    """

    role: Role
    initial_content: InitVar[str] = ""
    initial_reasoning: InitVar[str] = ""
    provider: str | None = None
    """The provider's id (providers.toml `id`), for answers."""
    provider_name: str | None = None
    """The provider's name as shown: its name when it answered, or, for an answer loaded from
    the history, its current one (history/recorder.py's open_conversation)."""
    model: str | None = None
    status: Status = "complete"
    error: str | None = None
    usage: Usage | None = None
    cost: AnswerCost | None = None
    """An ended answer's tokens and cost as recorded in the history (the recorder sets it)."""
    finish_reason: str | None = None
    first_token_seconds: float | None = None
    duration_seconds: float | None = None
    id: int = field(default_factory=lambda: next(_ids))
    _text: list[str] = field(default_factory=list, repr=False)
    _reasoning: list[str] = field(default_factory=list, repr=False)

    def __post_init__(self, initial_content: str, initial_reasoning: str) -> None:
        if initial_content:
            self._text.append(initial_content)
        if initial_reasoning:
            self._reasoning.append(initial_reasoning)

    @property
    def content(self) -> str:
        return _joined(self._text)

    @content.setter
    def content(self, value: str) -> None:
        self._text[:] = [value] if value else []

    @property
    def reasoning(self) -> str:
        return _joined(self._reasoning)

    def append_text(self, text: str) -> None:
        self._text.append(text)

    def append_reasoning(self, text: str) -> None:
        self._reasoning.append(text)


def _joined(pieces: list[str]) -> str:
    """The pieces as one string, kept as the only piece so the next read is free."""
    if len(pieces) > 1:
        pieces[:] = ["".join(pieces)]
    return pieces[0] if pieces else ""


class ConversationListener(Protocol):
    """What a view implements to follow a conversation."""

    def message_added(self, message: ChatMessage) -> None:
        """A message was appended at the end."""

    def message_changed(self, message: ChatMessage) -> None:
        """A message's text, reasoning, status or figures changed."""

    def messages_reset(self) -> None:
        """Messages were removed or replaced; show them all again."""


class Conversation:
    """The messages of one conversation; tells its listeners about every change."""

    def __init__(self, messages: list[ChatMessage] | None = None) -> None:
        self.messages: list[ChatMessage] = list(messages or [])
        self._listeners: list[ConversationListener] = []

    def subscribe(self, listener: ConversationListener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: ConversationListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def add(self, message: ChatMessage) -> ChatMessage:
        self.messages.append(message)
        for listener in list(self._listeners):
            listener.message_added(message)
        return message

    def changed(self, message: ChatMessage) -> None:
        """Tell the listeners that `message` was changed in place."""
        for listener in list(self._listeners):
            listener.message_changed(message)

    def remove_from(self, message: ChatMessage) -> None:
        """Drop `message` and everything after it (to regenerate or edit)."""
        index = self.messages.index(message)
        del self.messages[index:]
        for listener in list(self._listeners):
            listener.messages_reset()

    def replace_all(self, messages: list[ChatMessage]) -> None:
        self.messages = list(messages)
        for listener in list(self._listeners):
            listener.messages_reset()

    def last(self, role: Role) -> ChatMessage | None:
        """The last message with this role, if any."""
        for message in reversed(self.messages):
            if message.role == role:
                return message
        return None

    def prompt_chars(self, message: ChatMessage) -> int:
        """How much text went to the model with the request that `message` answers: the
        context before it, for estimating its input tokens."""
        index = self.messages.index(message) if message in self.messages else len(self.messages)
        return sum(len(m.content) for m in self.messages[:index] if m.status != "streaming")

    def context(self) -> tuple[Message, ...]:
        """The messages to send as context: every turn with text, in order.

        A failed answer with no text is left out, so the model never sees an empty turn.
        """
        return tuple(
            Message(m.role, m.content)
            for m in self.messages
            if m.content and m.status != "streaming"
        )
