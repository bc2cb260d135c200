"""The status line: time to first token, speed and running cost of the answer streaming."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.core.config import ModelPrice
from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.pricing import cost_usd, estimated_usage, format_usd

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
        self.price: ModelPrice | None = None
        self.prompt_chars = 0
        self.note = ""
        self.started = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(_REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

    def follow(self, message: ChatMessage, price: ModelPrice | None, prompt_chars: int) -> None:
        """Show this answer's figures from now on."""
        self.message = message
        self.price = price
        self.prompt_chars = prompt_chars
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
        answered = len(message.content) + len(message.reasoning)
        if usage is None or usage.source != "reported":
            usage = estimated_usage(self.prompt_chars, answered)
        exact = usage.source == "reported"
        generating = max(elapsed - first, 1e-3)
        approx = "" if exact else "≈"
        parts.append(f"{approx}{usage.output_tokens / generating:.0f} tokens/s")
        parts.append(f"{approx}{usage.output_tokens} tokens out")
        if self.price is None:
            parts.append("price unknown")
        else:
            parts.append(approx + format_usd(cost_usd(self.price, usage)))
        if not streaming:
            parts.append(f"{elapsed:.1f} s")
        return parts
