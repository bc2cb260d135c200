"""A child process for test_attachments_crash.py: sends a question with a file attached, as the
window does (ChatSession and HistoryRecorder), and says when the answer has begun to arrive,
then goes on streaming until it is killed.

Run: python -m tests.support.history.attachment_sender DB_PATH BASE_URL FILE
with the simulator's key in SIM_KEY. Prints "answering" once the first text has arrived.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.chat import make_client
from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.history.recorder import HistoryRecorder
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.ledger import Ledger
from desktop_app.core.session import ChatSession
from desktop_app.core.settings.providers_file import Provider

QUESTION = "What does this chart show?"


class _FirstText:
    """Says "answering" once, when an answer first has text."""

    def __init__(self) -> None:
        self.said = False

    def message_added(self, message: ChatMessage) -> None:
        pass

    def version_added(self, message: ChatMessage) -> None:
        pass

    def messages_reset(self) -> None:
        pass

    def message_changed(self, message: ChatMessage) -> None:
        if not self.said and message.role == "assistant" and message.content:
            self.said = True
            print("answering", flush=True)


async def main(path: Path, base_url: str, attachment: Attachment) -> None:
    provider = Provider("sim", "Simulator", "openai", base_url)
    store = HistoryStore(path)
    conversation = Conversation()
    HistoryRecorder(store, conversation, Ledger(store, [provider]))
    conversation.subscribe(_FirstText())
    async with make_client() as client:
        session = ChatSession(conversation, client, lambda _: os.environ["SIM_KEY"])
        await session.send(provider, "sim-slow", QUESTION, [attachment])


if __name__ == "__main__":
    file = Path(sys.argv[3])
    asyncio.run(
        main(Path(sys.argv[1]), sys.argv[2], Attachment(file.name, "image/png", file.read_bytes()))
    )
