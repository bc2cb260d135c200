"""The bottom of the chat pane: the message box, Send and Stop, and what the typed prompt will
cost to send."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.settings.providers_file import ModelPrice
from desktop_app.ui.chat.attachment_tray import AttachmentTray
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
    editCancelled = Signal()

    def __init__(
        self,
        conversation: Conversation,
        picked_price: Callable[[], tuple[str, ModelPrice | None] | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editing: ChatMessage | None = None
        """The question being edited into a new version, if any."""
        self.edit_bar = QWidget(self)
        self.edit_bar.setObjectName("editBar")
        bar = QHBoxLayout(self.edit_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.edit_note = QLabel(self.edit_bar)
        self.edit_note.setObjectName("editNote")
        self.edit_note.setTextFormat(Qt.TextFormat.PlainText)
        cancel = QToolButton(self.edit_bar)
        cancel.setObjectName("cancelEditButton")
        cancel.setText(self.tr("Cancel"))
        cancel.setToolTip(self.tr("Stop editing (Esc); the message stays as it was"))
        cancel.clicked.connect(self.editCancelled)
        bar.addWidget(self.edit_note, 1)
        bar.addWidget(cancel)
        self.edit_bar.setVisible(False)
        layout.addWidget(self.edit_bar)
        self.tray = AttachmentTray(self)
        layout.addWidget(self.tray)
        row = QHBoxLayout()
        self.input = MessageInput(self)
        self.input.submitted.connect(self.sendRequested)
        self.input.filesPasted.connect(self.tray.add_files)
        self.input.imagePasted.connect(self.tray.add_image)
        self.attach_button = QToolButton(self)
        self.attach_button.setObjectName("attachButton")
        self.attach_button.setText(self.tr("Attach"))
        self.attach_button.setAccessibleName(self.tr("Attach"))
        self.attach_button.setToolTip(
            self.tr(
                "Attach: images, text and code files, PDF and DOCX (or drop them on the window,"
                " or paste)"
            )
        )
        self.attach_button.setAutoRaise(True)
        self.attach_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.attach_button.clicked.connect(self.choose_files)
        self.send_button = self._button(self.tr("Send"), "sendButton", self.tr("Send (Ctrl+Enter)"))
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.sendRequested)
        self.stop_button = self._button(
            self.tr("Stop"), "stopButton", self.tr("Stop the answer (Esc)")
        )
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stopRequested)
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        row.addWidget(self.attach_button, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.input, 1)
        row.addLayout(buttons)
        layout.addLayout(row)
        self.estimate = PromptEstimate(conversation, self.input.toPlainText, picked_price, self)
        self.input.textChanged.connect(self.estimate.schedule)
        self.tray.changed.connect(self.estimate.schedule)
        self.estimate.attached = self.tray.attachments
        layout.addWidget(self.estimate)
        self._painted = False

    def begin_edit(self, question: ChatMessage) -> None:
        """Edit `question`: its text in the box, a note saying so, and an estimate of only the
        context above it, which is what will be sent with it."""
        self.editing = question
        first_line = question.content.strip().splitlines()[0] if question.content.strip() else ""
        shown = first_line if len(first_line) <= 60 else first_line[:59] + "…"
        self.edit_note.setText(
            self.tr(
                "Editing “{}”: the edit and its answer come as a new version. Esc cancels."
            ).format(shown)
        )
        self.edit_bar.setVisible(True)
        self.estimate.replacing = question
        self.tray.clear_all()
        self.tray.add_existing(question.attachments)
        self.input.setPlainText(question.content)
        self.input.moveCursor(QTextCursor.MoveOperation.End)  # typing goes on from its end
        self.input.setFocus()

    def end_edit(self, *, clear: bool) -> None:
        """Leave editing; `clear` empties the box (a cancelled edit)."""
        self.editing = None
        self.edit_bar.setVisible(False)
        self.estimate.replacing = None
        if clear:
            self.input.clear()
            self.tray.clear_all()
        self.estimate.schedule()

    def choose_files(self) -> None:
        """Ask for files to attach."""
        from PySide6.QtWidgets import QFileDialog

        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach files"),
            "",
            self.tr(
                "Images, documents and text (*.png *.jpg *.jpeg *.webp *.gif *.pdf *.docx *.txt"
                " *.md *.csv *.json *.py *.js *.ts *.html *.css *.xml *.yaml *.yml *.toml);;"
                "All files (*)"
            ),
        )
        self.tray.add_files([Path(name) for name in names])

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
