"""The status line: time to first token and speed of the answer streaming (its cost is on the
cost meter beside it)."""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.money.prices import estimate_tokens

_REFRESH_MS = 100
_ENDED_EARLY = {
    "error": str(QT_TRANSLATE_NOOP("StatusLine", "failed before the first token")),
    "cancelled": str(QT_TRANSLATE_NOOP("StatusLine", "stopped before the first token")),
}


def tokens_out(message: ChatMessage) -> tuple[int, bool]:
    """The tokens an answer has given: the provider's count once it reported one, else an
    estimate from its text and reasoning (True: estimated)."""
    usage = message.usage
    if usage is not None and usage.source == "reported":
        return usage.output_tokens, False
    return estimate_tokens(message.content) + estimate_tokens(message.reasoning), True


class StatusLine(QLabel):
    """Follows the answer that is streaming in a conversation, refreshed ten times a second."""

    def __init__(self, conversation: Conversation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusLine")
        self.conversation = conversation
        conversation.subscribe(self)
        self.message: ChatMessage | None = None
        self.note = ""
        self._full = ""
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
            self._full = ""
            self.clear()
            self.setToolTip("")

    def refresh(self) -> None:
        message = self.message
        if message is None:
            return
        self._full = " · ".join(self._parts(message))
        self._fit()

    def _fit(self) -> None:
        """The line elided to the room there is, whole in its tooltip: never cut mid-word."""
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width())
        self.setText(shown)
        self.setToolTip(self._full if shown != self._full else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._full:
            self._fit()

    def _parts(self, message: ChatMessage) -> list[str]:
        parts = [message.model or ""]
        streaming = message.status == "streaming"
        elapsed = (
            time.monotonic() - self.started if streaming else (message.duration_seconds or 0.0)
        )
        first = message.first_token_seconds
        if first is None:
            if streaming:
                waiting = self.tr("waiting for the first token… {:.1f} s").format(elapsed)
                parts.append(self.note or waiting)
            else:
                ended = _ENDED_EARLY.get(message.status)
                parts.append(self.tr(ended) if ended else self.tr("no answer"))
            return parts
        parts.append(self.tr("first token {:.2f} s").format(first))
        tokens, estimated = tokens_out(message)
        approx = "≈" if estimated else ""
        generating = max(elapsed - first, 1e-3)
        parts.append(self.tr("{}{:.0f} tokens/s").format(approx, tokens / generating))
        parts.append(self.tr("{}{} tokens out").format(approx, tokens))
        if not streaming:
            parts.append(self.tr("{:.1f} s").format(elapsed))
        return parts
