"""One message of the chat: who wrote it, its reasoning, its markdown, its status and actions."""

from __future__ import annotations

import math

from PySide6.QtCore import QSizeF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QPalette,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.conversation import ChatMessage
from desktop_app.core.currency import USD, Currency
from desktop_app.core.money.prices import format_money, usage_summary
from desktop_app.core.text.markdown import IncrementalMarkdown, render_markdown
from desktop_app.core.text.palette import COPY_CODE_SCHEME, DARK, LIGHT
from desktop_app.ui.chat.render_cache import RenderCache

# Qt merges the first block of inserted HTML into the block at the cursor, losing that block's
# format; a throw-away first paragraph takes that place and its one character is removed after.
_SPACER_CHAR = "\u200b"
_SPACER = f"<p>{_SPACER_CHAR}</p>"

_STATUS_COLOURS = {
    False: {"error": "#c9252d", "partial": "#9a6700", "cancelled": LIGHT.dim},
    True: {"error": "#ff7b72", "partial": "#d29922", "cancelled": DARK.dim},
}


class InertDocument(QTextDocument):
    """A document that loads no resource: no image, no style sheet, no file, no data: URL."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        # QTextDocument's own version would read local files and decode data: URLs itself
        # whenever the widget's loadResource returns nothing.
        return None


class MessageBrowser(QTextBrowser):
    """Rich text that fetches nothing, opens only clicked web links, and is as tall as its text."""

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
        self._tail_start: int | None = None
        self.setFixedHeight(self._height_for(0.0))

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Nothing is ever loaded: no images, no style sheets, local or remote."""
        return None  # the document does not ask (see InertDocument); this is a second lock

    def show_html(self, html: str) -> None:
        """Show a whole rendered text."""
        self._tail_start = None
        self.document().setHtml(html.rstrip())
        self.fit()

    def show_update(self, stable_html: str, tail_html: str) -> None:
        """Append newly stable HTML once and replace the tail, leaving the rest untouched."""
        # a newline after the last tag would become a space at the end of the last block
        stable_html, tail_html = stable_html.rstrip(), tail_html.rstrip()
        document = self.document()
        if self._tail_start is None:
            if not stable_html:
                document.setHtml(tail_html)  # nothing stable yet: the tail is all there is
                self.fit()
                return
            document.setHtml(stable_html)
            self._tail_start = document.characterCount() - 1
            stable_html = ""
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        cursor.setPosition(self._tail_start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if stable_html:
            self._append(cursor, stable_html)
            self._tail_start = document.characterCount() - 1
        if tail_html:
            self._append(cursor, tail_html)
        cursor.endEditBlock()
        self.fit()

    def _append(self, cursor: QTextCursor, html: str) -> None:
        document = self.document()
        at = document.characterCount() - 1
        cursor.setPosition(at)
        cursor.insertHtml(_SPACER + html)
        if document.characterAt(at) == _SPACER_CHAR:
            cursor.setPosition(at)
            cursor.deleteChar()

    def fit(self) -> None:
        """Lay the whole document out now and take its height."""
        self._fit_to(self.document().size())

    def _fit_to(self, size: QSizeF) -> None:
        height = self._height_for(size.height())
        if height != self.height():
            self.setFixedHeight(height)

    def _height_for(self, document_height: float) -> int:
        return math.ceil(document_height) + 2 * self.frameWidth()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()  # the chat's scroll area scrolls; this widget never does


class MessageWidget(QFrame):
    """Shows one ChatMessage; `refresh()` shows it, and brings it up to date after it changed.

    The owner calls the first `refresh()` once the widget has its width, so that the text is laid
    out once, at that width.
    """

    regenerateRequested = Signal()
    editRequested = Signal(str)

    def __init__(self, message: ChatMessage, dark: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message")
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        # as tall as its contents, never stretched or squeezed by a layout: the space left in
        # its place when it is dropped is then its height, and nothing else moves
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.message = message
        self.dark = dark
        self.code_blocks: list[str] = []
        self._stream: IncrementalMarkdown | None = None
        self._shown_text: str | None = None
        self._shown_reasoning = 0
        self._reasoning_open = True
        self._reasoning_chosen = False  # the user's choice wins over the default
        self._shown_status: tuple[str, str] | None = None
        self.error_in_banner = False
        """Whether the banner shows this answer's error now: then the status says only "Failed"
        or "Cut off", so the error is on screen once (its full text is back here when the
        banner goes)."""
        self.currency = USD
        self.cache: RenderCache | None = None
        """Where a finished text's rendering is kept for the next widget of the message."""
        self._build()

    def _build(self) -> None:
        palette = DARK if self.dark else LIGHT
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 6)
        layout.setSpacing(2)
        header = QHBoxLayout()
        self.role = QLabel(self._role_text(), self)
        self.role.setObjectName("messageRole")
        font = self.role.font()
        font.setBold(True)
        self.role.setFont(font)
        header.addWidget(self.role)
        self.cost = QLabel(self)
        self.cost.setObjectName("messageCost")
        _colour(self.cost, palette.dim)
        self.cost.setVisible(False)
        header.addSpacing(8)
        header.addWidget(self.cost)
        header.addStretch(1)
        self.copy_button = self._action("Copy", "Copy the message as markdown")
        self.copy_button.clicked.connect(self.copy_message)
        self.edit_button = self._action("Edit", "Edit this message and ask again")
        self.edit_button.clicked.connect(lambda: self.editRequested.emit(self.message.content))
        self.regenerate_button = self._action("Regenerate", "Ask for another answer")
        self.regenerate_button.clicked.connect(self.regenerateRequested.emit)
        for button in (self.copy_button, self.edit_button, self.regenerate_button):
            header.addWidget(button)
        self.set_actions(edit=False, regenerate=False)
        layout.addLayout(header)

        self.reasoning_toggle = QToolButton(self)
        self.reasoning_toggle.setObjectName("reasoningToggle")
        self.reasoning_toggle.setAutoRaise(True)
        _colour(self.reasoning_toggle, palette.dim)
        self.reasoning_toggle.clicked.connect(self.toggle_reasoning)
        self.reasoning = MessageBrowser(self)
        self.reasoning.setObjectName("reasoning")
        _colour(self.reasoning, palette.dim)
        layout.addWidget(self.reasoning_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.reasoning)

        self.body = MessageBrowser(self)
        self.body.setObjectName("messageBody")
        self.body.anchorClicked.connect(self.open_link)
        layout.addWidget(self.body)

        self.status = QLabel(self)
        self.status.setObjectName("messageStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        # Shown or hidden now, as refresh() will want them, while this widget is not on screen:
        # showing or hiding a part of a message on screen costs much more (Qt lays out the
        # widgets around it and works out what to repaint), and refresh() then changes nothing.
        for part in (self.reasoning_toggle, self.reasoning, self.status):
            part.setVisible(False)
        self.body.setVisible(bool(self.message.content))

    def _action(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setObjectName(f"{text.lower()}Button")
        return button

    def show_role(self) -> None:
        """Show who wrote the message again (its provider was renamed)."""
        self.role.setText(self._role_text())

    def _role_text(self) -> str:
        message = self.message
        if message.role == "user":
            return "You"
        if message.role == "system":
            return "System"
        shown = (message.model, message.provider_name)
        return " · ".join(part for part in shown if part) or "Answer"

    # -- keeping up with the message ------------------------------------------------------

    def refresh(self) -> None:
        """Show what changed: new text and reasoning, the status. Finished text is kept as is."""
        self._show_reasoning()
        self._show_text()
        self._show_status()
        self._show_cost()

    def _show_text(self) -> None:
        text = self.message.content
        streaming = self.message.status == "streaming"
        if self._stream is None and not streaming:
            if text is not self._shown_text and text != self._shown_text:
                cache = self.cache
                rendered = cache.render(text) if cache else render_markdown(text, dark=self.dark)
                self.body.show_html(rendered.html)
                self.code_blocks = rendered.code_blocks
        elif text is not self._shown_text or not streaming:
            if self._stream is None or len(text) < len(self._shown_text or ""):
                self._stream = IncrementalMarkdown(dark=self.dark)  # a new text: start afresh
                self.body.show_html("")
            update = self._stream.update(text, final=not streaming)
            self.body.show_update(update.stable_html, update.tail_html)
            self.code_blocks = self._stream.code_blocks
            if not streaming:
                self._stream = None  # done: this text is never rendered again
        self._shown_text = text
        self.body.setVisible(bool(text))

    def _show_reasoning(self) -> None:
        reasoning = self.message.reasoning
        if len(reasoning) != self._shown_reasoning:
            if len(reasoning) < self._shown_reasoning:
                self.reasoning.clear()
                self._shown_reasoning = 0
            cursor = QTextCursor(self.reasoning.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(reasoning[self._shown_reasoning :])
            self._shown_reasoning = len(reasoning)
            self.reasoning.fit()
        if not self._reasoning_chosen:
            # open while the model thinks, folded away once the answer itself starts
            self._reasoning_open = not self.message.content
        self._show_reasoning_fold()

    def toggle_reasoning(self) -> None:
        """Fold or unfold the reasoning, and keep it so."""
        self._reasoning_chosen = True
        self._reasoning_open = not self._reasoning_open
        self._show_reasoning_fold()

    def _show_reasoning_fold(self) -> None:
        has_reasoning = self._shown_reasoning > 0
        self.reasoning_toggle.setVisible(has_reasoning)
        self.reasoning_toggle.setText("Reasoning ▾" if self._reasoning_open else "Reasoning ▸")
        self.reasoning.setVisible(has_reasoning and self._reasoning_open)

    def _show_status(self) -> None:
        message = self.message
        if message.status == "cancelled":
            note = "Stopped"
        elif message.status == "partial":
            full = message.error and not self.error_in_banner
            note = f"Cut off: {message.error}" if full else "Cut off"
        elif message.status == "error":
            note = "Failed" if self.error_in_banner else message.error or "The request failed."
        else:
            note = ""
        colour = _STATUS_COLOURS[self.dark].get(message.status, "")
        if (note, colour) == self._shown_status:
            return
        self._shown_status = (note, colour)
        self.status.setText(note)
        self.status.setVisible(bool(note))
        if colour:
            _colour(self.status, colour)
        else:
            self.status.setPalette(QPalette())  # the window's colours again

    def _show_cost(self) -> None:
        """An ended answer's cost as the history holds it, "≈" when estimated."""
        cost = self.message.cost
        if cost is None or self.message.status == "streaming":
            return
        money = format_money(cost.usd, self.currency, estimated=cost.estimated)
        if self.cost.text() != money:
            self.cost.setText(money)
            self.cost.setToolTip(usage_summary(cost.usage))
            self.cost.setVisible(True)

    def set_currency(self, currency: Currency) -> None:
        self.currency = currency
        self.cost.clear()  # shown again in the new currency
        self._show_cost()

    def set_actions(self, *, edit: bool, regenerate: bool) -> None:
        """Offer Edit (on the last question) and Regenerate (on the last answer)."""
        self.edit_button.setVisible(edit)
        self.regenerate_button.setVisible(regenerate)

    def holds_selection(self) -> bool:
        """Whether text of the message is selected, or it has the keyboard focus."""
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            return True
        return any(part.textCursor().hasSelection() for part in (self.body, self.reasoning))

    # -- actions --------------------------------------------------------------------------

    def copy_message(self) -> None:
        QApplication.clipboard().setText(self.message.content)

    def open_link(self, url: QUrl) -> None:
        """A clicked link: copy a code block, or open a web page in the browser."""
        scheme = url.scheme().lower()
        if scheme == COPY_CODE_SCHEME:
            index = url.path()
            if index.isdigit() and int(index) < len(self.code_blocks):
                QApplication.clipboard().setText(self.code_blocks[int(index)])
        elif scheme in ("http", "https"):
            QDesktopServices.openUrl(url)


def _colour(widget: QWidget, colour: str) -> None:
    """Give a part of the message its own text colour. A palette, not a style sheet: a style
    sheet on each part cost about a quarter of a message widget's memory and of its making."""
    palette = widget.palette()
    # which role a widget writes with depends on its kind and on its parent's background
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(role, QColor(colour))
    widget.setPalette(palette)
