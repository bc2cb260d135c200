"""The chat session: owns the task of the reply that is streaming, and keeps the conversation
up to date as events arrive. One reply at a time; Stop cancels it and keeps what arrived.

BlockingChatSession (core/session_blocking.py) is the same in the calling thread, for `tally
ask`: no event loop, and Ctrl+C in place of Stop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import aclosing
from typing import TYPE_CHECKING

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.errors import TallyError
from desktop_app.core.replies import AnswerShown, Replies
from desktop_app.core.settings.providers_file import Provider

if TYPE_CHECKING:
    import asyncio

    from desktop_app.core.network.clients import Clients
    from desktop_app.core.response_reader import RetryPolicy


class ChatSession(Replies):
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
        shaping = AnswerShown(provider)
        try:
            key = await asyncio.to_thread(self.key_for, provider)
            shaping.with_key(key)
            chat = self._chat_request(provider, model, message)
            # Here, not with the app: the chat brings httpx (some 20-60 ms, once).
            from desktop_app.core.chat import stream_chat

            stream = stream_chat(self.client, provider, key, chat, retry=self.retry)
            async with aclosing(stream) as events:
                async for event in events:
                    self._apply_all(shaping.shown(event), message, loop.time() - started)
        except asyncio.CancelledError:
            self._stopped(shaping, message, loop.time() - started)
            raise
        except TallyError as exc:
            error = exc
            self._failed(provider, message, exc, shaping, loop.time() - started)
        finally:
            self._ended(message, loop.time() - started, error)
