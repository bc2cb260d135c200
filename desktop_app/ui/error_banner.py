"""The one place errors are shown: a banner above the input, with an action where one fits."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from desktop_app.core.errors import (
    AuthenticationError,
    ConfigError,
    ContextTooLong,
    InsufficientBalance,
    KeyringUnavailable,
    MissingKeyError,
    NotFoundError,
    ProviderError,
    TallyError,
    TLSFailure,
)
from desktop_app.core.text.messages import message_of, shown
from desktop_app.ui.icons import palette_is_dark

if TYPE_CHECKING:  # the type is built when Qt first hands one over, not at import
    from PySide6.QtGui import QResizeEvent


class Action(Enum):
    """What the banner's button offers."""

    NONE = ""
    SETTINGS = QT_TRANSLATE_NOOP("ErrorBanner", "Open settings")
    RETRY = QT_TRANSLATE_NOOP("ErrorBanner", "Retry")
    SWITCH_MODEL = QT_TRANSLATE_NOOP("ErrorBanner", "Switch model")
    SEND_ANYWAY = QT_TRANSLATE_NOOP("ErrorBanner", "Send anyway")


def action_for(error: BaseException) -> Action:
    """The most useful next step for an error."""
    fix_settings = (
        AuthenticationError,
        MissingKeyError,
        KeyringUnavailable,
        ConfigError,
        NotFoundError,
        TLSFailure,
    )
    if isinstance(error, fix_settings):
        return Action.SETTINGS
    if isinstance(error, InsufficientBalance | ContextTooLong):
        return Action.SWITCH_MODEL
    if isinstance(error, ProviderError):
        return Action.RETRY
    return Action.NONE


_PROBLEM_COLOURS = {
    False: ("#fdecea", "#e0a19b", "#5f1d17"),
    True: ("#4a2222", "#9c4a43", "#f6d3cf"),
}
"""A problem's background, border and text, on a light and on a dark palette."""


def problem_style(name: str, *, padded: bool = True) -> str:
    """The style sheet of the widget named `name` that states a problem (the banner, the
    settings' and the routing page's message), in the palette's light or dark colours."""
    background, border, text = _PROBLEM_COLOURS[palette_is_dark()]
    padding = " padding: 6px 8px;" if padded else ""
    return (
        f"#{name} {{ background: {background}; color: {text}; border: 1px solid {border};"
        f" border-radius: 6px;{padding} }}"
        f" #{name} QLabel, #{name} QToolButton {{ color: {text}; }}"
    )


class ErrorBanner(QFrame):
    """Shows one error message at a time; hidden when there is none."""

    actionRequested = Signal(Action)
    changed = Signal()
    """Another message is shown, or none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.setAccessibleName(self.tr("Error"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(problem_style("errorBanner", padded=False))
        self.row = layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # In a frameless scroll area: the window caps the banner's height (limit_height), and a
        # long message in a small window then scrolls instead of pushing the chat out.
        self.text_area = QScrollArea(self)
        self.text_area.setObjectName("errorText")
        self.text_area.setWidgetResizable(True)
        self.text_area.setFrameShape(QFrame.Shape.NoFrame)
        self.text_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A viewport made here, without the background Qt's own fills: asking Qt for its own
        # (viewport()) would be the process's first, for which PySide6 builds the Python types
        # of every QtWidgets class, some 10 ms of the first frame.
        viewport = QWidget(self.text_area)
        self.text_area.setViewport(viewport)
        viewport.setAutoFillBackground(False)
        self.text_area.setWidget(self.label)
        self.label.setAutoFillBackground(False)
        self.button = QPushButton(self)
        self.dismiss = close = QToolButton(self)
        close.setText("✕")
        close.setAccessibleName(self.tr("Dismiss error"))
        close.setAutoRaise(True)
        layout.addWidget(self.text_area, 1)
        layout.addWidget(self.button)
        layout.addWidget(close)
        # No taller than its message (sizeHint, for the width it has).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.action = Action.NONE
        self.button.clicked.connect(lambda: self.actionRequested.emit(self.action))
        close.clicked.connect(self.clear)
        self.hide()

    def show_error(self, error: TallyError | str, action: Action | None = None) -> None:
        """Show an error's message, with the action that fits it."""
        if isinstance(error, str):
            self.action = action or Action.NONE
            self.label.setText(shown(error))
        else:
            self.action = action or action_for(error)
            self.label.setText(message_of(error))
        self.button.setText(QCoreApplication.translate("ErrorBanner", self.action.value))
        self.button.setVisible(self.action is not Action.NONE)
        self.show()
        self.changed.emit()

    def limit_height(self, most: int) -> None:
        """Never taller than `most` pixels (the window gives a share of its height): a longer
        message scrolls within the banner."""
        self.setMaximumHeight(max(most, 40))
        self.updateGeometry()

    def heightForWidth(self, width: int) -> int:
        """As tall as the whole message at `width`, with room for the button, up to the
        banner's maximum height (a longer message scrolls)."""
        margins = self.row.contentsMargins()
        frame = 2 * self.frameWidth()
        beside = [self.dismiss] if self.button.isHidden() else [self.button, self.dismiss]
        others = sum(widget.sizeHint().width() + self.row.spacing() for widget in beside)
        text_width = max(width - margins.left() - margins.right() - frame - others, 80)
        text = self.label.heightForWidth(text_width)
        tallest = max([text, *(widget.sizeHint().height() for widget in beside)])
        return min(tallest + margins.top() + margins.bottom() + frame, self.maximumHeight())

    def sizeHint(self) -> QSize:
        """As tall as the whole message at the banner's width now (heightForWidth)."""
        width = self.width() if self.testAttribute(Qt.WidgetAttribute.WA_Resized) else 600
        return QSize(super().sizeHint().width(), self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        """A line of text and the button: the scroll area's own minimum (some 70 pixels)
        would keep a one-line message in a box twice its height."""
        return QSize(super().minimumSizeHint().width(), min(self.sizeHint().height(), 40))

    def follow_palette(self) -> None:
        """The system's theme changed to dark or light: the colours follow (the window calls
        this; the banner's own style sheet keeps palette changes from reaching it)."""
        self.setStyleSheet(problem_style("errorBanner", padded=False))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A new width is a new height for the same message: ask the layout again."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()

    def clear(self) -> None:
        self.label.clear()
        self.action = Action.NONE
        self.hide()
        self.changed.emit()
