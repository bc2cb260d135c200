"""One message of the chat: who wrote it, its reasoning, its markdown, its status and actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.conversation import ChatMessage
from desktop_app.core.currency import USD, Currency
from desktop_app.core.money.prices import format_money, usage_summary
from desktop_app.core.text.markdown import IncrementalMarkdown, render_markdown
from desktop_app.core.text.messages import shown
from desktop_app.core.text.palette import COPY_CODE_SCHEME, DARK, LIGHT
from desktop_app.ui.chat.message_body import PART_CHARS, MessageBody, MessageBrowser
from desktop_app.ui.chat.message_header import build_header, role_text
from desktop_app.ui.chat.render_cache import RenderCache
from desktop_app.ui.chat.text_colour import set_text_colour

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

_STATUS_COLOURS = {
    False: {"error": "#c9252d", "partial": "#9a6700", "cancelled": LIGHT.dim},
    True: {"error": "#ff7b72", "partial": "#d29922", "cancelled": DARK.dim},
}


class MessageWidget(QFrame):
    """Shows one ChatMessage; `refresh()` shows it, and brings it up to date after it changed.

    The owner calls the first `refresh()` once the widget has its width, so that the text is laid
    out once, at that width.
    """

    regenerateRequested = Signal(object)
    """Ask for a new version of this answer (the ChatMessage)."""
    editRequested = Signal(object)
    """Edit this question into a new version (the ChatMessage)."""
    branchRequested = Signal(object)
    """Start a new conversation holding the path down to this message."""
    escalateRequested = Signal(object)
    """Ask this answer again of a stronger model (routing's ladder)."""
    versionRequested = Signal(object, int)
    """Show another version: the message, and -1 for the one before or 1 for the next."""

    # the header row and the actions, made by build_header (message_header.py)
    role: QLabel
    cost: QLabel
    previous_button: QToolButton
    version_label: QLabel
    next_button: QToolButton
    copy_button: QToolButton
    edit_button: QToolButton
    regenerate_button: QToolButton
    branch_button: QToolButton
    stronger_button: QToolButton

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
        # The user's turns are a tinted card (paintEvent), with room inside its rounded edge.
        inset = 10 if self.message.role == "user" else 4
        layout.setContentsMargins(inset, 6, inset, 6)
        layout.setSpacing(2)
        layout.addLayout(build_header(self))

        self.reasoning_toggle = QToolButton(self)
        self.reasoning_toggle.setObjectName("reasoningToggle")
        self.reasoning_toggle.setAutoRaise(True)
        set_text_colour(self.reasoning_toggle, palette.dim)
        self.reasoning_toggle.clicked.connect(self.toggle_reasoning)
        self.reasoning = MessageBrowser(self)
        self.reasoning.setObjectName("reasoning")
        set_text_colour(self.reasoning, palette.dim)
        layout.addWidget(self.reasoning_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.reasoning)

        self.body = MessageBody(self)
        self.body.setObjectName("messageBody")
        self.body.anchorClicked.connect(self.open_link)
        layout.addWidget(self.body)
        if self.message.attachments:
            from desktop_app.ui.chat.message_files import MessageFiles

            self.files = MessageFiles(self.message.attachments, self)
            layout.addWidget(self.files)

        self.status = QLabel(self)
        self.status.setObjectName("messageStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        layout.addWidget(self.stronger_button, 0, Qt.AlignmentFlag.AlignLeft)
        # Shown or hidden now, as refresh() will want them, while this widget is not on screen:
        # showing or hiding a part of a message on screen costs much more (Qt lays out the
        # widgets around it and works out what to repaint), and refresh() then changes nothing.
        for part in (self.reasoning_toggle, self.reasoning, self.status):
            part.setVisible(False)
        self.body.setVisible(bool(self.message.content))

    def paintEvent(self, event: QPaintEvent) -> None:
        """The user's turns on a tinted card with rounded corners; answers on the chat's own
        background."""
        if self.message.role == "user":
            from PySide6.QtGui import QPainter  # named at the first paint, not at the start

            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor((DARK if self.dark else LIGHT).user_card))
            painter.drawRoundedRect(self.rect(), 8, 8)
            painter.end()
        super().paintEvent(event)

    def show_role(self) -> None:
        """Show who wrote the message again (its provider was renamed)."""
        self.role.setText(role_text(self.message))
        self.role.setToolTip(self.role.text())

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
                rendered = (
                    cache.render(text)
                    if cache
                    else render_markdown(text, dark=self.dark, part_chars=PART_CHARS)
                )
                self.body.show_parts(rendered.parts)
                self.code_blocks = rendered.code_blocks
        elif text is not self._shown_text or not streaming:
            if self._stream is None or len(text) < len(self._shown_text or ""):
                # a new text: start afresh
                self._stream = IncrementalMarkdown(dark=self.dark, part_chars=PART_CHARS)
                self.body.clear()
            update = self._stream.update(text, final=not streaming)
            self.body.show_update(update.stable_parts, update.tail_parts, final=not streaming)
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
        self.reasoning_toggle.setText(
            self.tr("Reasoning ▾") if self._reasoning_open else self.tr("Reasoning ▸")
        )
        self.reasoning.setVisible(has_reasoning and self._reasoning_open)

    def _show_status(self) -> None:
        message = self.message
        if message.status == "cancelled":
            note = self.tr("Stopped")
        elif message.status == "partial":
            full = message.error and not self.error_in_banner
            note = (
                self.tr("Cut off: {}").format(shown(message.error or ""))
                if full
                else self.tr("Cut off")
            )
        elif message.status == "error":
            note = (
                self.tr("Failed")
                if self.error_in_banner
                else shown(message.error or "") or self.tr("The request failed.")
            )
        else:
            note = ""
        colour = _STATUS_COLOURS[self.dark].get(message.status, "")
        if (note, colour) == self._shown_status:
            return
        self._shown_status = (note, colour)
        self.status.setText(note)
        self.status.setVisible(bool(note))
        if colour:
            set_text_colour(self.status, colour)
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

    def set_actions(self, *, edit: bool, regenerate: bool, branch: bool) -> None:
        """Offer Edit (on a question), Regenerate (on an answer) and Branch."""
        self.edit_button.setVisible(edit)
        self.regenerate_button.setVisible(regenerate)
        self.branch_button.setVisible(branch)

    def set_stronger(self, label: str | None) -> None:
        """Offer "Try a stronger model" with this label (None: do not)."""
        if label is None:
            self.stronger_button.setVisible(False)
            return
        self.stronger_button.setText(label)
        self.stronger_button.setVisible(True)

    def set_versions(self, number: int, count: int, *, can_move: bool) -> None:
        """Show `number/count` between two arrows when the message has versions; the arrows
        move between them unless `can_move` is false (an answer is streaming)."""
        shown = count > 1
        self.version_label.setText(f"{number}/{count}")
        self.version_label.setVisible(shown)
        self.previous_button.setVisible(shown)
        self.next_button.setVisible(shown)
        self.previous_button.setEnabled(can_move and number > 1)
        self.next_button.setEnabled(can_move and number < count)

    def holds_selection(self) -> bool:
        """Whether text of the message is selected, or it has the keyboard focus."""
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            return True
        return self.body.has_selection() or self.reasoning.textCursor().hasSelection()

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
