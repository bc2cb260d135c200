"""The message box: several lines; Ctrl+Enter sends, Enter starts a new line."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class MessageInput(QPlainTextEdit):
    """Emits `submitted` on Ctrl+Enter (Cmd+Enter on macOS)."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageInput")
        self.setAccessibleName(self.tr("Message"))
        self.setPlaceholderText(self.tr("Message  (Ctrl+Enter to send)"))
        self.setTabChangesFocus(True)
        lines = 4
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 16)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)
