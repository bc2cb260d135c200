"""A message's rendered markdown: a long text in parts, each its own text document, stacked so that
they look like one.

Qt's cost of adding a table to a text document grows with everything already in the document
(it scans the whole document for frames), so an answer streamed into one document costs more
per frame the longer it gets. In parts of about PART_CHARS characters of markdown (the rule is
core.text.markdown's), each frame of a streaming answer edits only its last part. A selection
spans parts as it would one document: dragging from one part into others selects across them,
and copying takes the whole selection.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPoint, QSizeF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QFrame, QSizePolicy, QTextBrowser, QWidget

PART_CHARS = 20_000
"""About how many characters of markdown one part holds."""

# Qt merges the first block of inserted HTML into the block at the cursor, losing that block's
# format; a throw-away first paragraph takes that place and its one character is removed after.
_SPACER_CHAR = "\u200b"
_SPACER = f"<p>{_SPACER_CHAR}</p>"


class InertDocument(QTextDocument):
    """A document that loads no resource: no image, no style sheet, no file, no data: URL."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        # QTextDocument's own version would read local files and decode data: URLs itself
        # whenever the widget's loadResource returns nothing.
        return None


class MessageBrowser(QTextBrowser):
    """Rich text that fetches nothing, opens only clicked web links, and is as tall as its text."""

    heightChanged = Signal()
    pressed = Signal()
    """The left mouse button went down in it."""
    dragged = Signal(QPoint)
    """The mouse moved, at this global point, with the left button down since a press in it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocument(InertDocument(self))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)  # the chat's own background shows through
        # growing at the bottom repaints only the new strip, not the whole visible text
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.document().setDocumentMargin(2)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_to)
        self.empty = True
        """Whether nothing was shown yet: then it takes no room in a MessageBody."""
        self.copy_all: Callable[[], bool] | None = None
        """Asked first on the copy key: true when it copied (a selection across parts)."""
        self.setFixedHeight(self._height_for(0.0))

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Nothing is ever loaded: no images, no style sheets, local or remote."""
        return None  # the document does not ask (see InertDocument); this is a second lock

    def show_html(self, html: str) -> None:
        """Show a whole rendered text."""
        html = html.rstrip()
        self.empty = not html
        self.document().setHtml(html)
        self.fit()

    def append_html(self, html: str) -> None:
        """Add rendered blocks after the text shown, leaving that text as it is."""
        html = html.rstrip()  # a newline after the last tag would become a trailing space
        if not html:
            return
        if self.empty:
            self.show_html(html)
            return
        document = self.document()
        at = document.characterCount() - 1
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        cursor.setPosition(at)
        cursor.insertHtml(_SPACER + html)
        if document.characterAt(at) == _SPACER_CHAR:
            cursor.setPosition(at)
            cursor.deleteChar()
        cursor.endEditBlock()
        self.fit()

    def fit(self) -> None:
        """Lay the whole document out now and take its height."""
        self._fit_to(self.document().size())

    def _fit_to(self, size: QSizeF) -> None:
        height = self._height_for(size.height())
        if height != self.height():
            self.setFixedHeight(height)
            self.heightChanged.emit()

    def _height_for(self, document_height: float) -> int:
        return math.ceil(document_height) + 2 * self.frameWidth()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()  # the chat's scroll area scrolls; this widget never does

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.pressed.emit()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.dragged.emit(event.globalPosition().toPoint())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        copying = event.matches(QKeySequence.StandardKey.Copy)
        if copying and self.copy_all is not None and self.copy_all():
            event.accept()
            return
        super().keyPressEvent(event)


class MessageBody(QWidget):
    """The parts of a rendered text, one MessageBrowser each, placed where one document would
    have put their blocks.

    While a text streams, its unfinished tail is a browser of its own, below the parts and set
    anew each time: finished blocks are only ever appended to a part, never taken out again.
    """

    anchorClicked = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.parts: list[MessageBrowser] = []
        self._tail: MessageBrowser | None = None
        self._pressed: MessageBrowser | None = None
        """The part a mouse press started a selection in."""
        self._arranging = False
        self._keep(1)

    def show_parts(self, parts: list[str]) -> None:
        """Show a whole rendered text, in its parts."""
        self._arranging = True  # once at the end, not once for each part
        try:
            self._drop_tail()
            self._keep(max(len(parts), 1))
            for browser, html in zip(self.parts, parts or [""], strict=True):
                browser.show_html(html)
        finally:
            self._arranging = False
        self._arrange()

    def show_update(self, stable_parts: list[str], tail_parts: list[str], *, final: bool) -> None:
        """Append newly finished blocks and show the new tail (core.text.markdown's
        MarkdownUpdate): the first item of each list goes on in the last part, each further one
        is a new part. The final tail joins the parts, as a whole render has it."""
        changed = len(self.parts) - 1  # the parts above it stay where they are
        self._arranging = True
        try:
            self.parts[-1].append_html(stable_parts[0])
            for html in stable_parts[1:]:
                self._add().show_html(html)
            if not final and tail_parts[0].strip():
                if self._tail is None:
                    self._tail = MessageBrowser(self)
                    self._connect(self._tail)
                self._tail.show_html(tail_parts[0])
            else:
                self._drop_tail()
                self.parts[-1].append_html(tail_parts[0])
                for html in tail_parts[1:]:
                    self._add().show_html(html)
        finally:
            self._arranging = False
        self._arrange(changed)

    def clear(self) -> None:
        """Show nothing, in one part."""
        self.show_parts([])

    def browsers(self) -> list[MessageBrowser]:
        """The parts, and the tail while a text streams."""
        return [*self.parts, *([self._tail] if self._tail is not None else [])]

    def to_plain_text(self) -> str:
        """The text shown, as one document's toPlainText() would give it."""
        shown = [b.document().toPlainText() for b in self.browsers() if not b.empty]
        return "\n".join(shown)

    def has_selection(self) -> bool:
        return any(browser.textCursor().hasSelection() for browser in self.browsers())

    def selected_text(self) -> str:
        """The selection of every part, in order, as one document would give it."""
        pieces = [b.textCursor().selection().toPlainText() for b in self.browsers()]
        return "\n".join(piece for piece in pieces if piece)

    # -- a selection across parts ---------------------------------------------------------------

    def _pressed_in(self) -> None:
        """A mouse press in a part starts a selection there: the other parts' go."""
        pressed = self.sender()
        self._pressed = pressed if isinstance(pressed, MessageBrowser) else None
        for browser in self.browsers():
            if browser is not pressed:
                _select(browser, 0, 0)

    def _copy_all(self) -> bool:
        """Copy a selection that spans parts; false when it is within one (the part copies)."""
        if sum(b.textCursor().hasSelection() for b in self.browsers()) < 2:
            return False
        QApplication.clipboard().setText(self.selected_text())
        return True

    def _select_to(self, point: QPoint) -> None:
        """The drag that started in the pressed part is at `point` (global): select the parts
        between whole, and the one under it up to the point (the pressed part selects itself)."""
        shown = [b for b in self.browsers() if not b.empty]
        if self._pressed not in shown:
            return
        start = shown.index(self._pressed)
        y = self.mapFromGlobal(point).y()
        end = next((i for i, b in enumerate(shown) if y < b.y() + b.height()), len(shown) - 1)
        for index, browser in enumerate(shown):
            length = browser.document().characterCount() - 1
            if index == start:
                continue
            if min(start, end) < index < max(start, end):
                _select(browser, 0, length)
            elif index == end:
                at = browser.cursorForPosition(browser.viewport().mapFromGlobal(point)).position()
                _select(browser, 0 if end > start else length, at)
            else:
                _select(browser, 0, 0)

    def _keep(self, count: int) -> None:
        """Exactly `count` parts, the first ones kept."""
        while len(self.parts) > count:
            self._delete(self.parts.pop())
        while len(self.parts) < count:
            self._add()

    def _add(self) -> MessageBrowser:
        browser = MessageBrowser(self)
        browser.setObjectName("messageBodyPart")
        self._connect(browser)
        self.parts.append(browser)
        return browser

    def _connect(self, browser: MessageBrowser) -> None:
        browser.anchorClicked.connect(self.anchorClicked)
        browser.heightChanged.connect(self._arrange)  # a new width, outside any update
        browser.pressed.connect(self._pressed_in)
        browser.dragged.connect(self._select_to)
        browser.copy_all = self._copy_all
        browser.resize(self.width(), browser.height())
        browser.setVisible(True)

    def _drop_tail(self) -> None:
        if self._tail is not None:
            self._delete(self._tail)
            self._tail = None

    def _delete(self, browser: MessageBrowser) -> None:
        browser.hide()
        browser.deleteLater()

    def _arrange(self, start: int = 0) -> None:
        """Each browser from `start` on below the one before, the space between as one document
        would leave it, and this widget as tall as all of them. An empty browser takes no room."""
        if self._arranging:
            return
        browsers = self.browsers()
        y, width, previous = 0, self.width(), None
        for browser in reversed(browsers[:start]):  # the last one shown above `start`
            if not browser.empty:
                y, previous = browser.y() + browser.height(), browser.document()
                break
        for browser in browsers[start:]:
            if browser.empty:
                browser.setVisible(False)
                continue
            document = browser.document()
            if previous is not None:
                y += _gap(previous, document) - 2 * round(document.documentMargin())
            browser.setGeometry(0, y, width, browser.height())
            browser.setVisible(True)
            y += browser.height()
            previous = document
        if previous is None:  # nothing at all: one empty line, as an empty document shows
            y = self.parts[0].height()
        if y != self.height():
            self.setFixedHeight(y)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._arranging = True  # each part takes the width, and its height with it
            try:
                for browser in self.browsers():
                    browser.resize(self.width(), browser.height())
            finally:
                self._arranging = False
            self._arrange()


def _select(browser: MessageBrowser, anchor: int, position: int) -> None:
    cursor = browser.textCursor()
    if (cursor.anchor(), cursor.position()) == (anchor, position):
        return
    cursor.setPosition(anchor)
    cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)


def _gap(above: QTextDocument, below: QTextDocument) -> int:
    """The space one document leaves between the last block of `above` and the first of `below`:
    the larger of the two margins (Qt drops a document's first top and last bottom margin)."""
    bottom = above.lastBlock().blockFormat().bottomMargin()
    top = below.firstBlock().blockFormat().topMargin()
    return round(max(bottom, top))
