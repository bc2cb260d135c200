"""A short-lived bar under the conversation list that offers to take back what just happened."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QShortcut

UNDO_MS = 8000


class UndoBar(QFrame):
    """A short-lived bar at the bottom: what just happened, and a button to take it back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 2, 2)
        self.label = QLabel(self)
        self.label.setWordWrap(True)  # a longer text (in Chinese too) takes a second line
        self.button = QPushButton(self.tr("Undo"), self)
        self.button.setFlat(True)
        self.button.clicked.connect(self.undo)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self._undo: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(UNDO_MS)
        self._timer.timeout.connect(self.dismiss)
        self._shortcut: QShortcut | None = None
        self.hide()

    def offer(self, text: str, undo: Callable[[], None]) -> None:
        """Show `text` with an Undo button that calls `undo`, for a few seconds; Ctrl+Z (the
        system's Undo keys) in the bar's parent (the sidebar, not the message box) does too."""
        self.label.setText(text)
        self._undo = undo
        self._timer.start()
        self.show()
        if self._shortcut is None and (parent := self.parentWidget()) is not None:
            from PySide6.QtGui import QKeySequence, QShortcut  # with the first undo offered

            self._shortcut = QShortcut(QKeySequence.StandardKey.Undo, parent, self.undo)
            self._shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if self._shortcut is not None:
            self._shortcut.setEnabled(True)

    def undo(self) -> None:
        """Take back what the bar offers to undo, once."""
        undo, self._undo = self._undo, None
        self.dismiss()
        if undo is not None:
            undo()

    def dismiss(self) -> None:
        """Hide the bar; its undo is no longer offered."""
        self._timer.stop()
        self._undo = None
        self.hide()
        if self._shortcut is not None:
            self._shortcut.setEnabled(False)
