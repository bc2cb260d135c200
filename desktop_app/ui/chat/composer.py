"""The bottom of the chat pane: the message box, Send and Stop, and what the typed prompt will
cost to send."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.conversation import Conversation
from desktop_app.core.settings.providers_file import ModelPrice
from desktop_app.ui.chat.cost_meter import PromptEstimate
from desktop_app.ui.chat.message_input import MessageInput

FIRST_REPLY = (
    "keyring.backends.SecretService",  # keyring; on Linux its Secret Service client: 40-70 ms
    "desktop_app.core.chat",  # with httpx: 20-60 ms
    "desktop_app.core.providers.openai_compat",  # the protocol most providers speak: 1 ms
    "desktop_app.core.text.rendering",  # markdown-it, if no message was shown yet: 20 ms
)
"""What the first answer needs that the window does not load to start (SecretService imports the
Secret Service client only where it is installed)."""

IMPORTS_AFTER_MS = 1000
"""How long after the first frame those imports start. They take the interpreter's lock from
the GUI thread a few ms at a time: started at once, they made the first conversations opened
after start twice as slow (90 ms instead of 38 for 1,000 messages in benchmarks/startup.py), and
a first message takes the user longer than this to type (sent before, it imports them itself)."""


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
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._get_ready)  # once the window's first frame is painted

    def _get_ready(self) -> None:
        """What sending needs and the first frame did not, loaded before the user is done typing:
        the picked model's price, for the estimate (it may be the bundled catalog's, some 15 ms
        to load), then the code of the first reply."""
        self.estimate.price()
        QTimer.singleShot(IMPORTS_AFTER_MS, self._import_first_reply)

    def _import_first_reply(self) -> None:
        threading.Thread(
            target=import_all, args=(FIRST_REPLY,), name="first-reply-imports", daemon=True
        ).start()

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        return button


def import_all(modules: Sequence[str]) -> None:
    """Import `modules`, on a thread of its own: the interpreter gives the GUI thread its turn
    every few ms meanwhile, where one module imported on it (the Secret Service client: 40-70
    ms) held every click and key for as long, before the window's event loop even ran."""
    for module in modules:
        importlib.import_module(module)
