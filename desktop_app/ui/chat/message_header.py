"""The header row of a message: who wrote it, its cost, its versions and its actions (Copy,
Edit, Regenerate, Branch; and Try a stronger model, made with them, shown under the answer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton

from desktop_app.core.conversation import ChatMessage
from desktop_app.core.text.palette import DARK, LIGHT
from desktop_app.ui.chat.text_colour import set_text_colour
from desktop_app.ui.icons import action_icon

if TYPE_CHECKING:  # the widget the header is made in: no import at run time
    from desktop_app.ui.chat.message_widget import MessageWidget


def build_header(widget: MessageWidget) -> QHBoxLayout:
    """The header row of a message: who wrote it, its cost, its versions and its actions; and
    the button of Try a stronger model, made with them, which shows under the answer."""
    palette = DARK if widget.dark else LIGHT
    header = QHBoxLayout()
    widget.role = ElidedLabel(role_text(widget.message), widget)
    widget.role.setObjectName("messageRole")
    # a long model and provider name gives way before the actions do (its tooltip has it)
    widget.role.setMinimumWidth(widget.fontMetrics().horizontalAdvance("You") + 24)
    widget.role.setToolTip(widget.role.text())
    font = widget.role.font()
    font.setBold(True)
    widget.role.setFont(font)
    header.addWidget(widget.role)
    widget.cost = QLabel(widget)
    widget.cost.setObjectName("messageCost")
    set_text_colour(widget.cost, palette.dim)
    widget.cost.setVisible(False)
    header.addSpacing(8)
    header.addWidget(widget.cost)
    header.addStretch(1)
    widget.previous_button = action_button(
        widget,
        "\u2039",
        QCoreApplication.translate("MessageWidget", "The version before"),
        name="previousVersion",
    )
    widget.previous_button.clicked.connect(lambda: widget.versionRequested.emit(widget.message, -1))
    widget.version_label = QLabel(widget)
    widget.version_label.setObjectName("versionLabel")
    set_text_colour(widget.version_label, palette.dim)
    widget.next_button = action_button(
        widget,
        "\u203a",
        QCoreApplication.translate("MessageWidget", "The next version"),
        name="nextVersion",
    )
    widget.next_button.clicked.connect(lambda: widget.versionRequested.emit(widget.message, 1))
    for item in (widget.previous_button, widget.version_label, widget.next_button):
        header.addWidget(item)
        item.setVisible(False)
    widget.copy_button = action_button(
        widget,
        QCoreApplication.translate("MessageWidget", "Copy"),
        QCoreApplication.translate("MessageWidget", "Copy the message as markdown"),
        name="copyButton",
        icon="copy",
    )
    widget.copy_button.clicked.connect(widget.copy_message)
    widget.edit_button = action_button(
        widget,
        QCoreApplication.translate("MessageWidget", "Edit"),
        QCoreApplication.translate(
            "MessageWidget", "Edit this message: its answer comes as a version"
        ),
        name="editButton",
        icon="edit",
    )
    widget.edit_button.clicked.connect(lambda: widget.editRequested.emit(widget.message))
    widget.regenerate_button = action_button(
        widget,
        QCoreApplication.translate("MessageWidget", "Regenerate"),
        QCoreApplication.translate(
            "MessageWidget", "Ask for another answer; this one stays as a version (Ctrl+R)"
        ),
        name="regenerateButton",
        icon="regenerate",
    )
    widget.regenerate_button.clicked.connect(
        lambda: widget.regenerateRequested.emit(widget.message)
    )
    widget.branch_button = action_button(
        widget,
        QCoreApplication.translate("MessageWidget", "Branch"),
        QCoreApplication.translate("MessageWidget", "Start a new conversation from here"),
        name="branchButton",
        icon="branch",
    )
    widget.branch_button.clicked.connect(lambda: widget.branchRequested.emit(widget.message))
    widget.stronger_button = QToolButton(widget)
    widget.stronger_button.setObjectName("strongerButton")
    widget.stronger_button.setAutoRaise(True)
    widget.stronger_button.setIcon(action_icon("regenerate", widget.dark))
    widget.stronger_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    widget.stronger_button.setToolTip(
        QCoreApplication.translate(
            "MessageWidget",
            "Ask again of the next model up the routing ladder (routing.toml); this answer"
            " stays, as a version. The figure is this answer's tokens on that model.",
        )
    )
    widget.stronger_button.clicked.connect(lambda: widget.escalateRequested.emit(widget.message))
    widget.stronger_button.setVisible(False)  # under the answer (see below): not in the header
    for button in (
        widget.copy_button,
        widget.edit_button,
        widget.regenerate_button,
        widget.branch_button,
    ):
        header.addWidget(button)
    widget.set_actions(edit=False, regenerate=False, branch=False)
    return header


class ElidedLabel(QLabel):
    """A one-line label that ends its text with "…" where it has less room than the text
    needs (Qt's own cuts it mid-letter); text() stays the whole of it."""

    def shown_text(self) -> str:
        """What the label shows at its width now."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def paintEvent(self, event: QPaintEvent) -> None:
        shown = self.shown_text()
        if shown == self.text():
            super().paintEvent(event)  # Qt's own drawing, while there is room
            return
        painter = QPainter(self)
        painter.setFont(self.font())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(self.alignment()), shown)
        painter.end()


def action_button(
    widget: MessageWidget, text: str, tip: str, *, name: str, icon: str | None = None
) -> QToolButton:
    """A flat button; with an `icon`, the icon alone, its text said by its tooltip (and
    kept as its accessible name); without, a glyph (an arrow), named by its tooltip."""
    button = QToolButton(widget)
    button.setText(text)
    button.setToolTip(f"{text}: {tip}" if icon else tip)
    button.setAutoRaise(True)
    button.setObjectName(name)
    button.setAccessibleName(text if icon else tip)  # what a screen reader says of it
    if icon is not None:
        button.setIcon(action_icon(icon, widget.dark))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    return button


def role_text(message: ChatMessage) -> str:
    """Who wrote the message: You, System, or the model and provider of an answer."""
    if message.role == "user":
        return QCoreApplication.translate("MessageWidget", "You")
    if message.role == "system":
        return QCoreApplication.translate("MessageWidget", "System")
    shown = [message.model, message.provider_name]
    if message.rule:
        shown.append(QCoreApplication.translate("MessageWidget", "rule: {}").format(message.rule))
    if message.escalated_from is not None:
        shown.append(QCoreApplication.translate("MessageWidget", "stronger model"))
    return " · ".join(part for part in shown if part) or QCoreApplication.translate(
        "MessageWidget", "Answer"
    )
