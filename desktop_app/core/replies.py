"""What the chat sessions share: the answer a reply streams into, the request it is sent as,
and what each event does to it. ChatSession (core/session.py) drives a reply on the event loop,
BlockingChatSession (core/session_blocking.py) in the calling thread, for `tally ask`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.errors import TallyError
from desktop_app.core.events import (
    ChatEvent,
    Finish,
    KeepAlive,
    ReasoningDelta,
    Retrying,
    TextDelta,
    Usage,
)
from desktop_app.core.network.redaction import AnswerRedaction
from desktop_app.core.parameters import Parameters
from desktop_app.core.providers.base import ChatRequest, Message
from desktop_app.core.providers.think_tags import ThinkTags
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import text_of

if TYPE_CHECKING:
    from desktop_app.core.response_reader import RetryPolicy

log = logging.getLogger(__name__)


class SessionListener(Protocol):
    """What the window implements to follow replies beyond the messages themselves."""

    def reply_started(self, message: ChatMessage) -> None:
        """A reply began (the request is being sent)."""

    def reply_waiting(self, message: ChatMessage, note: str) -> None:
        """The reply is delayed: queued at the provider, or about to be retried."""

    def reply_finished(self, message: ChatMessage, error: TallyError | None) -> None:
        """The reply ended: complete, stopped, or failed with `error`."""


class AnswerShown:
    """An answer's events as they are shown: reasoning a local server left between <think>
    tags told apart (ThinkTags), then the key hidden (AnswerRedaction). held() gives what both
    hold back, for an answer that ends otherwise than with its Finish (stopped, failed)."""

    def __init__(self, provider: Provider) -> None:
        self.provider = provider
        self._think = ThinkTags()
        self._hiding = AnswerRedaction(None, provider)

    def with_key(self, key: str | None) -> None:
        """Hide `key`, the one sent to the provider, from now on (it is read before anything
        arrives)."""
        self._hiding = AnswerRedaction(key, self.provider)

    def shown(self, event: ChatEvent) -> list[ChatEvent]:
        return [out for told in self._think.shown(event) for out in self._hiding.shown(told)]

    def held(self) -> list[ChatEvent]:
        told = [out for event in self._think.end() for out in self._hiding.shown(event)]
        return [*told, *self._hiding.held()]


class Replies:
    """What both sessions do with a reply, whatever drives its I/O."""

    def __init__(
        self,
        conversation: Conversation,
        key_for: Callable[[Provider], str | None],
        retry: RetryPolicy | None,
    ) -> None:
        self.conversation = conversation
        self.key_for = key_for
        self.retry = retry
        self.parameters = Parameters()
        """What each question is sent with: the conversation's assistant's, or its own."""
        self.listeners: list[SessionListener] = []

    def _new_answer(
        self,
        provider: Provider,
        model: str,
        *,
        aside: bool = False,
        rule: str | None = None,
        escalated_from: ChatMessage | None = None,
    ) -> ChatMessage:
        """An answer about to stream: at the end of the path shown, or beside it (`aside`: one
        of a comparison's, under the question at the end of the path); `rule` names the routing
        rule that picked the model, `escalated_from` the answer it is a stronger version of."""
        answer = ChatMessage(
            "assistant",
            provider=provider.id,
            provider_name=provider.name,
            model=model,
            status="streaming",
            rule=rule,
            escalated_from=escalated_from,
        )
        if aside:
            question = self.conversation.messages[-1] if self.conversation.messages else None
            return self.conversation.add_aside(answer, question)
        return self.conversation.add(answer)

    def _chat_request(self, provider: Provider, model: str, answer: ChatMessage) -> ChatRequest:
        chosen = self.parameters
        budget = chosen.thinking_budget
        return ChatRequest(
            model=model,
            messages=recent_turns(self.conversation.context(before=answer), chosen.context_turns),
            system=chosen.system,
            temperature=chosen.temperature,
            top_p=chosen.top_p,
            max_tokens=chosen.max_tokens,
            thinking_budget=provider.thinking_budget if budget is None else budget,
        )

    def _started(self, message: ChatMessage) -> None:
        for listener in list(self.listeners):
            listener.reply_started(message)

    def _stopped(self, shaping: AnswerShown, message: ChatMessage, elapsed: float) -> None:
        """Stop, or Ctrl+C: what arrived stays, held back parts too, the answer cancelled."""
        self._apply_all(shaping.held(), message, elapsed)
        message.status = "cancelled"

    def _failed(
        self,
        provider: Provider,
        message: ChatMessage,
        exc: TallyError,
        shaping: AnswerShown,
        elapsed: float,
    ) -> None:
        """The answer failed: what arrived stays, held back parts too, with the error."""
        self._apply_all(shaping.held(), message, elapsed)
        message.status = "partial" if message.content else "error"
        message.error = text_of(exc)  # shown in the user's language, stored in English
        log.info("reply from %s failed: %s", provider.id, type(exc).__name__)

    def _ended(self, message: ChatMessage, seconds: float, error: TallyError | None) -> None:
        message.duration_seconds = seconds
        self.conversation.changed(message)
        for listener in list(self.listeners):
            listener.reply_finished(message, error)

    def _apply_all(self, events: list[ChatEvent], message: ChatMessage, elapsed: float) -> None:
        for event in events:
            self._apply(event, message, elapsed)

    def _apply(self, event: object, message: ChatMessage, elapsed: float) -> None:
        if isinstance(event, TextDelta | ReasoningDelta):
            if message.first_token_seconds is None:
                message.first_token_seconds = elapsed
            if isinstance(event, TextDelta):
                message.append_text(event.text)
            else:
                message.append_reasoning(event.text)
        elif isinstance(event, Usage):
            message.usage = event.after(message.usage)
        elif isinstance(event, Finish):
            message.finish_reason = event.reason
            # No reason at all: the stream ended without saying the answer was complete.
            message.status = "complete" if event.reason is not None else "partial"
        elif isinstance(event, KeepAlive | Retrying):
            note = (
                f"{message.provider_name} has queued the request; waiting…"
                if isinstance(event, KeepAlive)
                else f"{message.provider_name}: {event.reason}; retrying {_wait(event.delay)}…"
            )
            for listener in list(self.listeners):
                listener.reply_waiting(message, note)
            return
        self.conversation.changed(message)


def recent_turns(messages: tuple[Message, ...], turns: int | None) -> tuple[Message, ...]:
    """The context cut to the last `turns` past turns before the newest question, which always
    goes (None: all of it). A turn starts at a question; system turns (an imported
    conversation's instructions) are kept wherever they are."""
    if turns is None:
        return messages
    questions = [i for i, m in enumerate(messages) if m.role == "user"]
    if len(questions) <= turns + 1:
        return messages
    start = questions[-(turns + 1)]
    kept_system = tuple(m for m in messages[:start] if m.role == "system")
    return kept_system + messages[start:]


def _wait(delay: float) -> str:
    """When a retry comes, as a note says it: "in 0.4 s" and "in 1.5 s" as they are (not "in
    0 s", nor "in 2 s" where the server asked for 1.5), whole seconds from 10 up, "now" for a
    wait too short to say."""
    if delay < 0.05:
        return "now"
    return f"in {delay:.0f} s" if delay >= 10 else f"in {delay:.1f} s"
