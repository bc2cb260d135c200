"""ChatSession in the calling thread, for `tally ask`: no event loop, a blocking httpx client
(core/chat_blocking.py), and Ctrl+C in place of Stop.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import closing
from typing import TYPE_CHECKING

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.errors import TallyError
from desktop_app.core.replies import AnswerShown, Replies
from desktop_app.core.settings.providers_file import Provider

if TYPE_CHECKING:
    from desktop_app.core.network.blocking_clients import BlockingClients
    from desktop_app.core.response_reader import RetryPolicy


class BlockingChatSession(Replies):
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
        shaping = AnswerShown(provider)
        try:
            key = self.key_for(provider)
            shaping.with_key(key)
            chat = self._chat_request(provider, model, message)
            from desktop_app.core.chat_blocking import stream_chat_blocking

            stream = stream_chat_blocking(self.clients, provider, key, chat, retry=self.retry)
            with closing(stream) as events:
                for event in events:
                    self._apply_all(shaping.shown(event), message, time.monotonic() - started)
        except KeyboardInterrupt:
            self._stopped(shaping, message, time.monotonic() - started)
            raise
        except TallyError as exc:
            error = exc
            self._failed(provider, message, exc, shaping, time.monotonic() - started)
        finally:
            self._ended(message, time.monotonic() - started, error)
