"""The chat pane: every message of a conversation, in order, kept up to date as answers stream.

A conversation is shown from its end. Opening one makes the widgets of the messages that fill
the view at once; the older ones are made afterwards, a few per turn of the event loop, newest
first, above the others, while the view keeps still whatever the user is looking at. They go
into blocks of up to BLOCK messages: in Qt, a layout pass and showing a widget both cost time in
proportion to the number of widgets side by side, and blocks keep that number small.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLayout, QScrollArea, QVBoxLayout, QWidget

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.currency import USD, Currency
from desktop_app.ui.chat.message_widget import MessageWidget

FRAME_MS = 16
"""Changes are gathered and shown at most once per frame."""

LOAD_SLICE_MS = 8.0
"""About how long one turn of loading older messages may take, leaving the rest of a frame."""

BLOCK = 25
"""Older messages are made in blocks of up to this many."""

_SPACING = 6
_FEW = 8  # removing more messages than this from the end is done by making the rest anew
_BOTTOM_SLACK = 4  # pixels from the end that still count as "at the bottom"


class ChatView(QWidget):
    """Shows a Conversation: one MessageWidget per message, updated at most once per frame.

    `messages[:unbuilt]` (the oldest) have no widget yet; `loading` is true until they all do.
    """

    regenerateRequested = Signal()
    editRequested = Signal(str)

    def __init__(self, conversation: Conversation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatView")
        self.conversation = conversation
        self.dark = _palette_is_dark()
        self._widgets: dict[ChatMessage, MessageWidget] = {}
        self._error_in_banner: ChatMessage | None = None
        self.currency = USD
        self._shown: list[ChatMessage] = []  # the messages as last shown, to tell a truncation
        self.unbuilt = 0
        """How many messages, from the first, have no widget yet."""
        self._changed: dict[ChatMessage, None] = {}  # a dict keeps the order, a set would not
        self._follow = True
        self._actions: tuple[bool, ChatMessage | None, ChatMessage | None] | None = None
        """(busy, last question, last message): what Edit and Regenerate were set for."""
        self._blocks: list[_Block] = []  # blocks of older messages, top first
        self._per_message = 0.002  # seconds to make an older message, as last measured
        self._discarded: list[QWidget] = []  # widgets of messages no longer shown
        self._timer = _timer(self, FRAME_MS, self.flush, single=True)
        self._loader = _timer(self, 0, self._load_older, single=True)
        self._sweeper = _timer(self, 0, self._sweep, single=False)
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
        self._new_content()
        bar = self.scroll_area.verticalScrollBar()
        bar.rangeChanged.connect(self._range_changed)
        bar.valueChanged.connect(self._scrolled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    def _new_content(self) -> None:
        """An empty widget for the messages, in the scroll area."""
        self.content = QWidget(self.scroll_area)
        self.content.setObjectName("chatContent")
        self.content.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.content.setBackgroundRole(QPalette.ColorRole.Base)  # the text's own background
        self.messages_layout = QVBoxLayout(self.content)
        self.messages_layout.setContentsMargins(8, 4, 8, 4)
        self.messages_layout.setSpacing(_SPACING)
        self.messages_layout.addStretch(1)
        self.scroll_area.setWidget(self.content)

    # -- ConversationListener ---------------------------------------------------------------

    def message_added(self, message: ChatMessage) -> None:
        if message.role == "user":
            self._follow = True  # the user just sent something: show where the answer will come
        self._shown.append(message)
        self._insert(self.messages_layout.count() - 1, message)
        self._update_actions(force=True)

    def message_changed(self, message: ChatMessage) -> None:
        self._changed[message] = None
        if not self._timer.isActive():
            self._timer.start()

    def messages_reset(self) -> None:
        messages = self.conversation.messages
        kept = len(messages)
        # messages compare by identity
        if len(self._shown) - kept <= _FEW and messages == self._shown[:kept]:
            self._truncate(kept)  # the last turn was removed (regenerate, edit): keep the rest
        else:
            self._rebuild()

    answer_costed = message_changed  # CostListener: a stored cost shows as any change does

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

    def set_currency(self, currency: Currency) -> None:
        """Show the answers' costs in this currency from now on."""
        self.currency = currency
        for widget in self._widgets.values():
            widget.set_currency(currency)

    def error_in_banner(self, message: ChatMessage | None) -> None:
        """The answer whose error the banner shows now (None: no answer's): its status is
        shortened meanwhile (MessageWidget.error_in_banner)."""
        self._error_in_banner = message
        for widget in self._widgets.values():
            shown = widget.message is message
            if widget.error_in_banner != shown:
                widget.error_in_banner = shown
                widget.refresh()

    def widget_for(self, message: ChatMessage) -> MessageWidget | None:
        """The message's widget; None while it has none yet."""
        return self._widgets.get(message)

    @property
    def loading(self) -> bool:
        """True while older messages are still being made."""
        return self.unbuilt > 0

    def load_all(self) -> None:
        """Make the widgets of every message that has none yet, now."""
        self._load_to(0)

    def scroll_to(self, message: ChatMessage) -> None:
        """Bring a message into view (a search result), and stop following the bottom."""
        self._follow = False
        if message not in self._widgets and message in self._shown[: self.unbuilt]:
            self._load_to(self._shown.index(message))
        widget = self._widgets.get(message)
        if widget is None:
            return
        self.content.adjustSize()
        self.scroll_area.ensureWidgetVisible(widget, 0, 40)

    def _rebuild(self) -> None:
        self._timer.stop()
        self._loader.stop()
        self._changed.clear()
        # Away with the old messages in one piece (hiding many one by one, on screen, costs time
        # in proportion to their number), deleted a few at a time once the new ones are shown.
        old = self.scroll_area.takeWidget()
        old.hide()
        self._discarded.append(old)
        self._discarded += [child for child in old.children() if isinstance(child, QWidget)]
        self._sweeper.start()
        self._new_content()
        self._widgets.clear()
        self._blocks.clear()
        self._actions = None
        self._shown = list(self.conversation.messages)
        self.unbuilt = len(self._shown)
        self._follow = True
        # the end first, one message at a time, until the view is full
        height, wanted = 0, self._height_to_fill()
        while self.unbuilt and height < wanted:
            self.unbuilt -= 1
            widget = self._insert(0, self._shown[self.unbuilt])
            height += widget.sizeHint().height() + _SPACING
        self._update_actions(force=True)
        if self.unbuilt:
            self._loader.start()

    def _height_to_fill(self) -> int:
        """The view's height; before it is laid out, the screen's."""
        if self.isVisible():
            return self.scroll_area.viewport().height()
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry().height()

    def _truncate(self, kept: int) -> None:
        for message in self._shown[kept:]:
            self._changed.pop(message, None)
            widget = self._widgets.pop(message, None)
            if widget is not None:
                self._remove(widget)
        del self._shown[kept:]
        self.unbuilt = min(self.unbuilt, kept)
        self._follow = True  # as after any reset: an answer is coming at the end
        self._update_actions(force=True)

    def _sweep(self) -> None:
        """Delete one discarded widget or block (a fraction of a millisecond per message)."""
        if self._discarded:
            widget = self._discarded.pop()
            # Qt may have deleted it: with a parent swept before it, or by _remove() (a reset)
            if shiboken6.isValid(widget):
                widget.deleteLater()
        if not self._discarded:
            self._sweeper.stop()

    # -- making widgets ---------------------------------------------------------------------

    def _make(self, message: ChatMessage, parent: QWidget) -> MessageWidget:
        widget = MessageWidget(message, self.dark, parent)
        widget.currency = self.currency
        widget.error_in_banner = message is self._error_in_banner
        widget.regenerateRequested.connect(self.regenerateRequested)
        widget.editRequested.connect(self.editRequested)
        self._widgets[message] = widget
        return widget

    def _insert(self, index: int, message: ChatMessage) -> MessageWidget:
        """Make a message's widget at this place among the content's widgets, and show it."""
        widget = self._make(message, self.content)
        self.messages_layout.insertWidget(index, widget)
        # showing it lays the content out, which gives it its width: its text is laid out once
        widget.setVisible(True)
        self._refresh_new([widget])
        return widget

    def _load_older(self) -> None:
        """Make as many older messages as fit in about LOAD_SLICE_MS, then let the loop go on."""
        made = min(max(1, int(LOAD_SLICE_MS / 1000 / self._per_message)), self.unbuilt)
        if not made:
            return  # all made already (load_all, scroll_to)
        began = time.perf_counter()
        self._load_to(self.unbuilt - made)
        self._per_message = max((time.perf_counter() - began) / made, 1e-4)
        if self.unbuilt:
            self._loader.start()

    def _load_to(self, first: int) -> None:
        """Make the widgets of messages[first:unbuilt], above the others, without moving what
        the user sees (unless the view follows the end, which stays in view)."""
        first = max(first, 0)
        if first >= self.unbuilt:
            return
        top = self._top_widget()
        bar = self.scroll_area.verticalScrollBar()
        offset = self._y_of(top) - bar.value() if top is not None else 0
        added: list[MessageWidget] = []
        while self.unbuilt > first:
            block = self._top_block()
            take = min(self.unbuilt - first, BLOCK - block.column.count())
            messages = self._shown[self.unbuilt - take : self.unbuilt]
            added += self._prepend(block, messages)
            self.unbuilt -= take
        self._refresh_new(added)
        if top is not None and not self._follow:
            # The scroll area sizes the content on a posted event: now, before anything paints.
            QCoreApplication.sendEvent(self.scroll_area, QEvent(QEvent.Type.LayoutRequest))
            bar.setValue(self._y_of(top) - offset)

    def _top_widget(self) -> MessageWidget | None:
        """The widget of the oldest message that has one."""
        if self.unbuilt < len(self._shown):
            return self._widgets.get(self._shown[self.unbuilt])
        return None

    def _top_block(self) -> _Block:
        """The block to put older messages in: the top one while it has room, else a new one."""
        if self._blocks and self._blocks[0].column.count() < BLOCK:
            return self._blocks[0]
        block = _Block(self.content)
        self.messages_layout.insertWidget(0, block)
        block.setVisible(True)
        self._blocks.insert(0, block)
        return block

    def _prepend(self, block: _Block, messages: list[ChatMessage]) -> list[MessageWidget]:
        """Make widgets for these messages at the top of a block, and show them."""
        layout = block.column
        # Showing a widget lays out the widgets around it: once for the lot, not once each.
        layout.setEnabled(False)
        added = []
        for at, message in enumerate(messages):
            widget = self._make(message, block)
            layout.insertWidget(at, widget)
            widget.setVisible(True)
            added.append(widget)
        layout.setEnabled(True)
        layout.activate()  # the new widgets get their width: each text is laid out once
        self.messages_layout.activate()
        return added

    def _refresh_new(self, added: list[MessageWidget]) -> None:
        """Show new widgets' messages, and lay everything out again with their heights now:
        the view keeps its place from the heights of the widgets above."""
        layouts: dict[QLayout, None] = {}  # inner first, in order, each once
        for widget in added:
            widget.refresh()
            if self._actions is not None:
                self._offer_actions(widget)
            if (layout := widget.layout()) is not None:
                layouts[layout] = None
        for widget in added:
            if isinstance(block := widget.parentWidget(), _Block):
                layouts[block.column] = None
        layouts[self.messages_layout] = None
        for layout in layouts:
            layout.activate()

    def _y_of(self, widget: QWidget) -> int:
        return widget.mapTo(self.content, QPoint(0, 0)).y()

    def _remove(self, widget: MessageWidget) -> None:
        """Take a widget out of its layout and delete it later (it may be sending a signal), and
        its block with it when it was the block's last message."""
        widget.hide()
        block = widget.parentWidget()
        if isinstance(block, _Block):
            block.column.removeWidget(widget)
            if block.column.count() == 0:
                self._blocks.remove(block)
                block.hide()
                self.messages_layout.removeWidget(block)
                block.deleteLater()
        else:
            self.messages_layout.removeWidget(widget)
        widget.deleteLater()

    # -- Edit and Regenerate ----------------------------------------------------------------

    def _update_actions(self, *, force: bool = False) -> None:
        messages = self.conversation.messages
        busy = bool(messages) and messages[-1].status == "streaming"
        last_user = self.conversation.last("user")
        last = messages[-1] if messages else None
        if not force and (busy, last_user, last) == self._actions:
            return  # nothing moved: do not touch every message while an answer streams
        self._actions = (busy, last_user, last)
        for widget in self._widgets.values():
            self._offer_actions(widget)

    def _offer_actions(self, widget: MessageWidget) -> None:
        assert self._actions is not None
        busy, last_user, last = self._actions
        message = widget.message
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


class _Block(QWidget):
    """Older messages, one above the other, as the content lays out the newer ones."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("chatBlock")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(_SPACING)


def _timer(parent: QWidget, interval: int, slot: Callable[[], None], *, single: bool) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(single)
    timer.setInterval(interval)
    timer.timeout.connect(slot)
    return timer


def _palette_is_dark() -> bool:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
