"""A listener of a chat session and its conversation that keeps what it was told."""

from __future__ import annotations

from desktop_app.core.conversation import ChatMessage
from desktop_app.core.errors import TallyError


class Recorder:
    """Listens to a session and a conversation, keeping what it was told."""

    def __init__(self) -> None:
        self.started: list[ChatMessage] = []
        self.waiting: list[str] = []
        self.finished: list[tuple[ChatMessage, TallyError | None]] = []
        self.added: list[ChatMessage] = []
        self.asides: list[ChatMessage] = []
        self.changes = 0
        self.resets = 0

    def reply_started(self, message: ChatMessage) -> None:
        self.started.append(message)

    def reply_waiting(self, message: ChatMessage, note: str) -> None:
        self.waiting.append(note)

    def reply_finished(self, message: ChatMessage, error: TallyError | None) -> None:
        self.finished.append((message, error))

    def message_added(self, message: ChatMessage) -> None:
        self.added.append(message)

    def version_added(self, message: ChatMessage) -> None:
        self.asides.append(message)

    def message_changed(self, message: ChatMessage) -> None:
        self.changes += 1

    def messages_reset(self) -> None:
        self.resets += 1
