"""The chat pane: every message of a conversation, in order, kept up to date as answers stream."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.ui.message_widget import MessageWidget

FRAME_MS = 16
"""Changes are gathered and shown at most once per frame."""

_BOTTOM_SLACK = 4  # pixels from the end that still count as "at the bottom"


class ChatView(QWidget):
    """Shows a Conversation: one MessageWidget per message, updated at most once per frame."""

    regenerateRequested = Signal()
    editRequested = Signal(str)

    def __init__(self, conversation: Conversation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatView")
        self.conversation = conversation
        self.dark = _palette_is_dark()
        self._widgets: dict[ChatMessage, MessageWidget] = {}
        self._changed: dict[ChatMessage, None] = {}  # a dict keeps the order, a set would not
        self._follow = True
        self._actions: tuple[object, ...] | None = None  # what Edit and Regenerate were set for
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.flush)
        self._build()
        self._rebuild()
        conversation.subscribe(self)

    def _build(self) -> None:
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # a scroll bar that comes and goes would change the width and lay every text out again
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.content = QWidget(self.scroll_area)
        self.content.setObjectName("chatContent")
        self.content.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.content.setBackgroundRole(QPalette.ColorRole.Base)  # the text's own background
        self.messages_layout = QVBoxLayout(self.content)
        self.messages_layout.setContentsMargins(8, 4, 8, 4)
        self.messages_layout.setSpacing(6)
        self.messages_layout.addStretch(1)
        self.scroll_area.setWidget(self.content)
        bar = self.scroll_area.verticalScrollBar()
        bar.rangeChanged.connect(self._range_changed)
        bar.valueChanged.connect(self._scrolled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    # -- ConversationListener ---------------------------------------------------------------

    def message_added(self, message: ChatMessage) -> None:
        if message.role == "user":
            self._follow = True  # the user just sent something: show where the answer will come
        self._add_widgets([message])
        self._update_actions(force=True)

    def message_changed(self, message: ChatMessage) -> None:
        self._changed[message] = None
        if not self._timer.isActive():
            self._timer.start()

    def messages_reset(self) -> None:
        self._rebuild()

    # -- showing ----------------------------------------------------------------------------

    def flush(self) -> None:
        """Show every change gathered since the last frame."""
        self._timer.stop()
        changed, self._changed = self._changed, {}
        for message in changed:
            widget = self._widgets.get(message)
            if widget is not None:
                widget.refresh()
        if changed:
            self._update_actions()

    def widget_for(self, message: ChatMessage) -> MessageWidget | None:
        return self._widgets.get(message)

    def scroll_to(self, message: ChatMessage) -> None:
        """Bring a message into view (a search result), and stop following the bottom."""
        widget = self._widgets.get(message)
        if widget is None:
            return
        self._follow = False
        self.content.adjustSize()
        self.scroll_area.ensureWidgetVisible(widget, 0, 40)

    def _rebuild(self) -> None:
        self._timer.stop()
        self._changed.clear()
        for widget in self._widgets.values():
            widget.hide()
            widget.deleteLater()
        self._widgets.clear()
        self._add_widgets(self.conversation.messages)
        self._update_actions(force=True)
        self._follow = True

    def _add_widgets(self, messages: list[ChatMessage]) -> None:
        added = []
        for message in messages:
            widget = MessageWidget(message, self.dark, self.content)
            widget.regenerateRequested.connect(self.regenerateRequested)
            widget.editRequested.connect(self.editRequested)
            self._widgets[message] = widget
            self.messages_layout.insertWidget(self.messages_layout.count() - 1, widget)
            widget.setVisible(True)
            added.append(widget)
        # give the new widgets their width now, so that each text is laid out once, at that width
        self.messages_layout.activate()
        for widget in added:
            widget.refresh()

    def _update_actions(self, *, force: bool = False) -> None:
        messages = self.conversation.messages
        busy = bool(messages) and messages[-1].status == "streaming"
        last_user = self.conversation.last("user")
        last = messages[-1] if messages else None
        if not force and (busy, last_user, last) == self._actions:
            return  # nothing moved: do not touch every message while an answer streams
        self._actions = (busy, last_user, last)
        for message, widget in self._widgets.items():
            widget.set_actions(
                edit=not busy and message is last_user,
                regenerate=not busy and message is last and message.role == "assistant",
            )

    # -- following the end while it grows -----------------------------------------------------

    def _scrolled(self, value: int) -> None:
        self._follow = value >= self.scroll_area.verticalScrollBar().maximum() - _BOTTOM_SLACK

    def _range_changed(self, minimum: int, maximum: int) -> None:
        if self._follow:
            self.scroll_area.verticalScrollBar().setValue(maximum)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and _palette_is_dark() != self.dark:
            self.dark = not self.dark
            self._rebuild()


def _palette_is_dark() -> bool:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
