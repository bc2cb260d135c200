"""The status line: time to first token and speed of the answer streaming (its cost is on the
cost meter beside it)."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.money.prices import estimate_tokens

_REFRESH_MS = 100
_ENDED_EARLY = {
    "error": "failed before the first token",
    "cancelled": "stopped before the first token",
}


class StatusLine(QLabel):
    """Follows the answer that is streaming in a conversation, refreshed ten times a second."""

    def __init__(self, conversation: Conversation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusLine")
        self.conversation = conversation
        conversation.subscribe(self)
        self.message: ChatMessage | None = None
        self.note = ""
        self.started = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(_REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

    def follow(self, message: ChatMessage) -> None:
        """Show this answer's figures from now on."""
        self.message = message
        self.note = ""
        self.started = time.monotonic()
        self._timer.start()
        self.refresh()

    def set_note(self, note: str) -> None:
        """A passing remark, such as "queued" or "retrying", until the first token arrives."""
        self.note = note
        self.refresh()

    def message_added(self, message: ChatMessage) -> None:
        pass

    def version_added(self, message: ChatMessage) -> None:
        pass

    def message_changed(self, message: ChatMessage) -> None:
        if message is self.message and message.status != "streaming":
            self._timer.stop()
            self.refresh()

    def messages_reset(self) -> None:
        if self.message is not None and self.message not in self.conversation.messages:
            self._timer.stop()
            self.message = None
            self.clear()

    def refresh(self) -> None:
        message = self.message
        if message is None:
            return
        self.setText(" · ".join(self._parts(message)))

    def _parts(self, message: ChatMessage) -> list[str]:
        parts = [message.model or ""]
        streaming = message.status == "streaming"
        elapsed = (
            time.monotonic() - self.started if streaming else (message.duration_seconds or 0.0)
        )
        first = message.first_token_seconds
        if first is None:
            if streaming:
                parts.append(self.note or f"waiting for the first token… {elapsed:.1f} s")
            else:
                parts.append(_ENDED_EARLY.get(message.status, "no answer"))
            return parts
        parts.append(f"first token {first:.2f} s")
        usage = message.usage
        if usage is not None and usage.source == "reported":
            approx, tokens = "", usage.output_tokens
        else:
            approx, tokens = (
                "≈",
                estimate_tokens(message.content) + estimate_tokens(message.reasoning),
            )
        generating = max(elapsed - first, 1e-3)
        parts.append(f"{approx}{tokens / generating:.0f} tokens/s")
        parts.append(f"{approx}{tokens} tokens out")
        if not streaming:
            parts.append(f"{elapsed:.1f} s")
        return parts
