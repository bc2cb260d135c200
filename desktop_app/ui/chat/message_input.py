"""The message box: it grows with its text; Ctrl+Enter sends, Enter starts a new line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

FEWEST_LINES = 2
MOST_LINES = 10


class MessageInput(QPlainTextEdit):
    """Emits `submitted` on Ctrl+Enter (Cmd+Enter on macOS); a pasted image or pasted files
    are attached (`imagePasted`, `filesPasted`), not put in the text."""

    submitted = Signal()
    filesPasted = Signal(list)  # list[Path]
    imagePasted = Signal(QImage)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageInput")
        self.setAccessibleName(self.tr("Message"))
        self.setPlaceholderText(self.tr("Message  (Ctrl+Enter to send)"))
        self.setTabChangesFocus(True)
        self._lines = 0
        # QPlainTextEdit's layout measures its document in lines: the box grows with them.
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_: object) -> None:
        """As tall as its text, from FEWEST_LINES up to MOST_LINES (then it scrolls)."""
        lines = int(self.document().documentLayout().documentSize().height())
        lines = min(max(lines, FEWEST_LINES), MOST_LINES)
        if lines != self._lines:
            self._lines = lines
            self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 16)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return (
            bool(local_files(source)) or source.hasImage() or super().canInsertFromMimeData(source)
        )

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = local_files(source)
        if files:
            self.filesPasted.emit(files)
        elif source.hasImage() and not source.hasText():
            image = source.imageData()
            if isinstance(image, QImage) and not image.isNull():
                self.imagePasted.emit(image)
        else:
            super().insertFromMimeData(source)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)


def local_files(source: QMimeData) -> list[Path]:
    """The local files a paste or a drop carries (none for a link to a web page)."""
    if not source.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in source.urls() if url.isLocalFile()]
