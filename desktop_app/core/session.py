"""The chat session: owns the task of the reply that is streaming, and keeps the conversation
up to date as events arrive. One reply at a time; Stop cancels it and keeps what arrived.

BlockingChatSession is the same in the calling thread, for `tally ask`: no event loop, and
Ctrl+C in place of Stop.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from contextlib import aclosing, closing
from typing import TYPE_CHECKING, Protocol

from desktop_app.core.attachments.attachment import Attachment
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
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import text_of

if TYPE_CHECKING:
    import asyncio

    from desktop_app.core.network.blocking_clients import BlockingClients
    from desktop_app.core.network.clients import Clients
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


class _Replies:
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

    def _failed(self, provider: Provider, message: ChatMessage, exc: TallyError) -> None:
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


class ChatSession(_Replies):
    """Sends the user's messages and streams the answers into a Conversation."""

    def __init__(
        self,
        conversation: Conversation,
        client: Clients,
        key_for: Callable[[Provider], str | None],
        *,
        retry: RetryPolicy | None = None,
    ) -> None:
        super().__init__(conversation, key_for, retry)
        self.client = client
        self.tasks: dict[ChatMessage, asyncio.Task[None]] = {}
        """The answers streaming now, each with its task (several in a comparison)."""

    @property
    def busy(self) -> bool:
        return any(not task.done() for task in self.tasks.values())

    def send(
        self,
        provider: Provider,
        model: str,
        text: str,
        attachments: Sequence[Attachment] = (),
        *,
        rule: str | None = None,
    ) -> asyncio.Task[None]:
        """Add the user's message (with the files attached to it) and start streaming the
        answer; `rule`: the routing rule that picked the model, which the answer records."""
        self._check_idle()
        self.conversation.add(ChatMessage("user", text, attachments=tuple(attachments)))
        return self._start(provider, model, rule=rule)

    def compare(
        self,
        choices: Sequence[tuple[Provider, str]],
        text: str,
        attachments: Sequence[Attachment] = (),
    ) -> list[asyncio.Task[None]]:
        """Add the user's message and stream an answer from each (provider, model) at once,
        side by side: the answers are versions of one another under the question, none on the
        path shown until one is chosen (Conversation.show)."""
        self._check_idle()
        if len(choices) < 2:
            raise ValueError("a comparison needs two models or more")
        self.conversation.add(ChatMessage("user", text, attachments=tuple(attachments)))
        return [self._start(provider, model, aside=True) for provider, model in choices]

    def regenerate(
        self, provider: Provider, model: str, answer: ChatMessage | None = None
    ) -> asyncio.Task[None]:
        """A new version of an answer (the last one by default), from this provider and
        model; the old one stays, as a version."""
        self._check_idle()
        if answer is None:
            answer = self.conversation.messages[-1] if self.conversation.messages else None
        if answer is None or answer.role != "assistant":
            raise ValueError("there is no answer to regenerate")
        self.conversation.cut_before(answer)
        return self._start(provider, model)

    def escalate(self, answer: ChatMessage, provider: Provider, model: str) -> asyncio.Task[None]:
        """Ask `answer`'s question again of a stronger model (routing's `stronger()` names
        it): a new version of the answer, recorded as escalated from it. Both stay, and each
        is billed once, as any regenerated answer."""
        self._check_idle()
        if answer.role != "assistant" or answer not in self.conversation.every_message():
            raise ValueError("there is no such answer to escalate")
        self.conversation.show(answer)
        self.conversation.cut_before(answer)
        return self._start(provider, model, escalated_from=answer)

    def edit(
        self,
        question: ChatMessage,
        text: str,
        provider: Provider,
        model: str,
        attachments: Sequence[Attachment] | None = None,
    ) -> asyncio.Task[None]:
        """A new version of a question, with this text, and its answer; the old question and
        what followed it stay, as a version. The new version keeps the question's files unless
        `attachments` says otherwise."""
        self._check_idle()
        if question.role != "user" or question not in self.conversation.messages:
            raise ValueError("there is no such message to edit")
        kept = question.attachments if attachments is None else tuple(attachments)
        self.conversation.cut_before(question)
        return self.send(provider, model, text, kept)

    def edit_last(self, text: str, provider: Provider, model: str) -> asyncio.Task[None]:
        """edit() of the last question."""
        question = self.conversation.last("user")
        if question is None:
            raise ValueError("there is no message to edit")
        return self.edit(question, text, provider, model)

    def stop(self, answer: ChatMessage | None = None) -> None:
        """Cancel the answers streaming (or only `answer`); what arrived stays, marked
        cancelled."""
        for message, task in list(self.tasks.items()):
            if answer is None or message is answer:
                task.cancel()

    def stop_now(self) -> None:
        """Stop every answer streaming and mark it cancelled now, not when its task next runs:
        the conversation is about to be left, and its recorder writes (and bills) the answers
        as they are before it lets go of them."""
        for message, task in self.tasks.items():
            if task.done():
                continue
            task.cancel()
            if message.status == "streaming":
                message.status = "cancelled"
                self.conversation.changed(message)

    async def wait(self) -> None:
        """Wait for the running replies, if any, to end (however they end)."""
        if self.tasks:
            import asyncio

            await asyncio.gather(*self.tasks.values(), return_exceptions=True)

    def _check_idle(self) -> None:
        if self.busy:
            raise RuntimeError("a reply is still streaming; stop it first")

    def _start(
        self,
        provider: Provider,
        model: str,
        *,
        aside: bool = False,
        rule: str | None = None,
        escalated_from: ChatMessage | None = None,
    ) -> asyncio.Task[None]:
        import asyncio  # loaded after the window's first frame (ui/first_frame.py)

        self.tasks = {m: t for m, t in self.tasks.items() if not t.done()}
        message = self._new_answer(
            provider, model, aside=aside, rule=rule, escalated_from=escalated_from
        )
        task = asyncio.get_running_loop().create_task(self._reply(provider, model, message))
        self.tasks[message] = task
        return task

    async def _reply(self, provider: Provider, model: str, message: ChatMessage) -> None:
        import asyncio

        loop = asyncio.get_running_loop()
        started = loop.time()
        self._started(message)
        error: TallyError | None = None
        hiding = AnswerRedaction(None)
        try:
            key = await asyncio.to_thread(self.key_for, provider)
            hiding = AnswerRedaction(key)
            chat = self._chat_request(provider, model, message)
            # Here, not with the app: the chat brings httpx (some 20-60 ms, once).
            from desktop_app.core.chat import stream_chat

            stream = stream_chat(self.client, provider, key, chat, retry=self.retry)
            async with aclosing(stream) as events:
                async for event in events:
                    self._apply_all(hiding.shown(event), message, loop.time() - started)
        except asyncio.CancelledError:
            self._apply_all(hiding.held(), message, loop.time() - started)
            message.status = "cancelled"
            raise
        except TallyError as exc:
            self._apply_all(hiding.held(), message, loop.time() - started)
            error = exc
            self._failed(provider, message, exc)
        finally:
            self._ended(message, loop.time() - started, error)


class BlockingChatSession(_Replies):
    """ChatSession in the calling thread (`tally ask`): send() returns when the answer has
    ended. Ctrl+C (KeyboardInterrupt) stops it as ChatSession.stop() does: what arrived stays,
    marked cancelled, and the interrupt goes on up."""

    def __init__(
        self,
        conversation: Conversation,
        clients: BlockingClients,
        key_for: Callable[[Provider], str | None],
        *,
        retry: RetryPolicy | None = None,
    ) -> None:
        super().__init__(conversation, key_for, retry)
        self.clients = clients

    def send(
        self,
        provider: Provider,
        model: str,
        text: str,
        attachments: Sequence[Attachment] = (),
        *,
        rule: str | None = None,
    ) -> None:
        """Add the user's message (with the files attached to it) and stream the answer;
        `rule`: the routing rule that picked the model, which the answer records."""
        self.conversation.add(ChatMessage("user", text, attachments=tuple(attachments)))
        message = self._new_answer(provider, model, rule=rule)
        started = time.monotonic()
        self._started(message)
        error: TallyError | None = None
        hiding = AnswerRedaction(None)
        try:
            key = self.key_for(provider)
            hiding = AnswerRedaction(key)
            chat = self._chat_request(provider, model, message)
            from desktop_app.core.chat_blocking import stream_chat_blocking

            stream = stream_chat_blocking(self.clients, provider, key, chat, retry=self.retry)
            with closing(stream) as events:
                for event in events:
                    self._apply_all(hiding.shown(event), message, time.monotonic() - started)
        except KeyboardInterrupt:
            self._apply_all(hiding.held(), message, time.monotonic() - started)
            message.status = "cancelled"
            raise
        except TallyError as exc:
            self._apply_all(hiding.held(), message, time.monotonic() - started)
            error = exc
            self._failed(provider, message, exc)
        finally:
            self._ended(message, time.monotonic() - started, error)


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
