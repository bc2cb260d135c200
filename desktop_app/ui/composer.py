"""The bottom of the chat pane: the message box, Send and Stop, and what the typed prompt will
cost to send."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.config import ModelPrice
from desktop_app.core.conversation import Conversation
from desktop_app.ui.cost_meter import PromptEstimate
from desktop_app.ui.message_input import MessageInput


class Composer(QWidget):
    """Emits `sendRequested` (Send, Ctrl+Enter) and `stopRequested` (Stop)."""

    sendRequested = Signal()
    stopRequested = Signal()

    def __init__(
        self,
        conversation: Conversation,
        picked_price: Callable[[], tuple[str, ModelPrice | None] | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.input = MessageInput(self)
        self.input.submitted.connect(self.sendRequested)
        self.send_button = self._button("Send", "sendButton", "Send (Ctrl+Enter)")
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.sendRequested)
        self.stop_button = self._button("Stop", "stopButton", "Stop the answer (Esc)")
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stopRequested)
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        row.addWidget(self.input, 1)
        row.addLayout(buttons)
        layout.addLayout(row)
        self.estimate = PromptEstimate(conversation, self.input.toPlainText, picked_price, self)
        self.input.textChanged.connect(self.estimate.schedule)
        layout.addWidget(self.estimate)

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        return button
