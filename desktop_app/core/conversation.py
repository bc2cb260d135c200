"""A conversation as the app holds it in memory, observed by the views that show it."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import InitVar, dataclass, field
from decimal import Decimal
from typing import Literal, Protocol, TypeVar

from desktop_app.core.attachments.attachment import Attachment
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
    attachments: tuple[Attachment, ...] = field(default=(), repr=False)
    """Files sent with a question, in the order attached."""
    parent: ChatMessage | None = field(default=None, repr=False)
    """The message this one answers or follows (None: a first message); versions share it."""
    rule: str | None = None
    """The routing rule that picked an answer's model (None: the user picked it)."""
    escalated_from: ChatMessage | None = field(default=None, repr=False)
    """The answer this one is a stronger version of ("Try a stronger model"), a version of it."""
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
        """A message was appended at the end of the path shown."""

    def version_added(self, message: ChatMessage) -> None:
        """A message was added to the tree beside the path shown (an answer of a comparison)."""

    def message_changed(self, message: ChatMessage) -> None:
        """A message's text, reasoning, status or figures changed."""

    def messages_reset(self) -> None:
        """The path shown changed (another version, a cut for a new one, another
        conversation): show it all again."""


class Conversation:
    """The messages of one conversation, as a tree: each message names its parent, and the
    versions of a message (regenerated, edited, compared answers) share one. `messages` is the
    path shown, from a first message down; listeners hear of every change.
    """

    def __init__(self, messages: list[ChatMessage] | None = None) -> None:
        self.messages: list[ChatMessage] = []
        self._children: dict[int | None, list[ChatMessage]] = {}
        """A parent's id (None: no parent) -> its children, in the order they were made."""
        self._listeners: list[ConversationListener] = []
        self._link_path(list(messages or []), None)

    def subscribe(self, listener: ConversationListener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: ConversationListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    # -- changes ----------------------------------------------------------------------------

    def add(self, message: ChatMessage) -> ChatMessage:
        """Append a message to the path shown, after its last message."""
        self._adopt(message, self.messages[-1] if self.messages else None)
        self.messages.append(message)
        for listener in list(self._listeners):
            listener.message_added(message)
        return message

    def add_aside(self, message: ChatMessage, parent: ChatMessage | None) -> ChatMessage:
        """Add a message under `parent` without showing it on the path (an answer of a
        comparison until one is chosen)."""
        self._adopt(message, parent)
        for listener in list(self._listeners):
            listener.version_added(message)
        return message

    def changed(self, message: ChatMessage) -> None:
        """Tell the listeners that `message` was changed in place."""
        for listener in list(self._listeners):
            listener.message_changed(message)

    def cut_before(self, message: ChatMessage) -> None:
        """End the path shown just above `message`, to add a new version of it: `message` and
        what follows it stay in the tree."""
        index = self.messages.index(message)
        del self.messages[index:]
        self._reset()

    def show(self, message: ChatMessage) -> None:
        """Show the path through `message` (a version, or an answer of a comparison): the path
        down to it, then on down through the newest child of each message."""
        path = _down_to(message)
        while children := self._children.get(path[-1].id):
            path.append(children[-1])
        self.messages = path
        self._reset()

    def settle(self) -> None:
        """A comparison none was chosen from (the path ends at a question that has answers):
        go on from its first answer that has text, else its first; the others stay versions."""
        answers = self._unchosen()
        if answers:
            self.show(settled_answer(answers))

    def comparison(self) -> list[ChatMessage]:
        """The answers of a comparison none was chosen from, in the order they were asked: two
        or more under the question the path ends at ([] where it ends otherwise)."""
        answers = self._unchosen()
        return answers if len(answers) >= 2 else []

    def _unchosen(self) -> list[ChatMessage]:
        """The answers under the question the path ends at, if it ends at one."""
        if not self.messages or self.messages[-1].role != "user":
            return []
        return self.children(self.messages[-1])

    def replace_all(
        self, messages: list[ChatMessage], tree: list[ChatMessage] | None = None
    ) -> None:
        """Show another conversation: the path `messages`, in a tree of every message of
        `tree` (each with its parent set; by default the path alone, as a line)."""
        self._children = {}
        if tree is None:
            self._link_path(list(messages), None)
        else:
            for message in tree:
                self._children.setdefault(_key(message.parent), []).append(message)
            self.messages = list(messages)
        self._reset()

    # -- reading ----------------------------------------------------------------------------

    def versions(self, message: ChatMessage) -> list[ChatMessage]:
        """The message and its versions (the messages with its parent), in the order made."""
        return list(self._children.get(_key(message.parent), [message]))

    def every_message(self) -> list[ChatMessage]:
        """Every message of the tree, versions included, in no particular order."""
        return [message for children in self._children.values() for message in children]

    def children(self, message: ChatMessage) -> list[ChatMessage]:
        """The messages that follow `message` in the tree, in the order made."""
        return list(self._children.get(message.id, []))

    def last(self, role: Role) -> ChatMessage | None:
        """The last message of the path with this role, if any."""
        for message in reversed(self.messages):
            if message.role == role:
                return message
        return None

    def prompt_chars(self, message: ChatMessage) -> int:
        """How much text went to the model with the request that `message` answers: the
        context above it, for estimating its input tokens; files count as the text of their
        tokens' worth (an image by its provider's rule, read by its model's name)."""
        above = [m for m in self._above(message) if m.status != "streaming"]
        chars = sum(len(m.content) for m in above)
        files = [attachment for m in above for attachment in m.attachments]
        if files:
            from desktop_app.core.attachments.tokens import attachment_tokens

            model = message.model or ""
            chars += 4 * sum(attachment_tokens(file, "openai", model) for file in files)
        return chars

    def context(self, before: ChatMessage | None = None) -> tuple[Message, ...]:
        """The messages to send as context: every turn with text of the path shown, in order
        (or of the path above `before`, when asking for a version of it).

        A failed answer with no text is left out, so the model never sees an empty turn.
        """
        above = self.messages if before is None else self._above(before)
        return tuple(
            Message(m.role, m.content, m.attachments)
            for m in above
            if (m.content or m.attachments) and m.status != "streaming"
        )

    # -- internals --------------------------------------------------------------------------

    def _above(self, message: ChatMessage) -> list[ChatMessage]:
        """The path from a first message down to `message`'s parent."""
        if message in self.messages:
            return self.messages[: self.messages.index(message)]
        return [] if message.parent is None else _down_to(message.parent)

    def _adopt(self, message: ChatMessage, parent: ChatMessage | None) -> None:
        message.parent = parent
        self._children.setdefault(_key(parent), []).append(message)

    def _link_path(self, messages: list[ChatMessage], parent: ChatMessage | None) -> None:
        for message in messages:
            self._adopt(message, parent)
            parent = message
        self.messages = messages

    def _reset(self) -> None:
        for listener in list(self._listeners):
            listener.messages_reset()


def _down_to(message: ChatMessage) -> list[ChatMessage]:
    """The path from a first message down to `message`, through the parents."""
    path = [message]
    while path[-1].parent is not None:
        path.append(path[-1].parent)
    path.reverse()
    return path


def _key(parent: ChatMessage | None) -> int | None:
    return None if parent is None else parent.id


class _Written(Protocol):
    @property
    def content(self) -> str: ...


WrittenT = TypeVar("WrittenT", bound=_Written)


def settled_answer(answers: Sequence[WrittenT]) -> WrittenT:
    """The answer a comparison none was chosen from goes on from (in the window, an export,
    `ask --continue`): its first that has text, else its first."""
    return next((answer for answer in answers if answer.content), answers[0])
