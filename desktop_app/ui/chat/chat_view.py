"""The chat pane: the messages of a conversation, in order, kept up to date as answers stream.

Its cost follows the screen, not the conversation: only the messages on screen or near it have a
widget; the others are a space as tall as their widget was, or is estimated to be (blocks and
the plan of each pass: message_blocks.py). As the view scrolls, messages that come near are
made, from their kept rendering (render_cache.py) or by rendering them then, and those gone far
are dropped, widgets and text documents deleted. A made message that is taller or shorter than
its estimate moves the view by the difference: what the user reads stays in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.currency import USD, Currency
from desktop_app.ui.chat.message_blocks import BLOCK, SPACING, HeightEstimate, MessageBlock, plan
from desktop_app.ui.chat.render_cache import RenderCache
from desktop_app.ui.icons import palette_is_dark

if TYPE_CHECKING:  # imported with the first message shown: an empty view needs neither
    from desktop_app.ui.chat.compare_columns import CompareColumns, CostText
    from desktop_app.ui.chat.message_widget import MessageWidget

FRAME_MS = 16
"""Changes are gathered and shown at most once per frame."""

_FEW = 8  # removing more messages than this from the end is done by making the rest anew
_BOTTOM_SLACK = 4  # pixels from the end that still count as "at the bottom"
_PASSES = 4  # estimates corrected in one go: made messages can bring others near
_SIDE_MARGINS = 8 + 8 + 4 + 4  # the content's and a message's own, left and right


class ChatView(QWidget):
    """Shows a Conversation: a MessageWidget for each message near the screen, updated at most
    once per frame."""

    regenerateRequested = Signal(object)
    """A new version of this answer (a ChatMessage) is asked for."""
    editRequested = Signal(object)
    """This question (a ChatMessage) is to be edited into a new version."""
    branchRequested = Signal(object)
    escalateRequested = Signal(object)
    """An answer to ask again of a stronger model (routing's ladder)."""
    """A new conversation holding the path down to this message is asked for."""
    stopAnswerRequested = Signal(object)
    """Stop this answer of a comparison alone."""
    continueRequested = Signal(object)
    """Go on from this answer of a comparison."""

    def __init__(self, conversation: Conversation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatView")
        self.conversation = conversation
        self.dark = palette_is_dark()
        self._widgets: dict[ChatMessage, MessageWidget] = {}
        self._blocks: list[MessageBlock] = []
        self._error_in_banner: ChatMessage | None = None
        self.currency = USD
        self._cache = RenderCache(self.dark)
        self._shown: list[ChatMessage] = []  # the messages as last shown, to tell a truncation
        self._changed: dict[ChatMessage, None] = {}  # a dict keeps the order, a set would not
        self._follow = True
        self._placing = False
        self._actions: tuple[bool, ChatMessage | None] | None = None
        """(busy, last message): what the messages' actions and versions were set for."""
        self.comparison: CompareColumns | None = None
        """The answers of the comparison under the last question, side by side, until one is
        chosen (or the path changes)."""
        self._compared: list[ChatMessage] = []  # answers of a comparison not in columns yet
        self.cost_text: CostText = lambda message: ""
        self.stronger_text: Callable[[ChatMessage], str | None] = lambda message: None
        """The label of "Try a stronger model" on an answer; None: none to offer."""
        """How a comparison's columns show an answer's cost (the window gives the ledger's)."""
        self._timer = _timer(self, FRAME_MS, self.flush)
        self._placer = _timer(self, 0, self.place)
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
        self.scroll_area.setWidget(self.content)
        bar = self.scroll_area.verticalScrollBar()
        bar.rangeChanged.connect(self._range_changed)
        bar.valueChanged.connect(self._scrolled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    def _new_content(self) -> None:
        """An empty widget for the messages, to put in the scroll area."""
        self.content = QWidget(self.scroll_area)
        self.content.setObjectName("chatContent")
        self.content.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.content.setBackgroundRole(QPalette.ColorRole.Base)  # the text's own background
        self.messages_layout = QVBoxLayout(self.content)
        self.messages_layout.setContentsMargins(8, 4, 8, 4)
        self.messages_layout.setSpacing(SPACING)
        self.messages_layout.addStretch(1)

    # -- ConversationListener ---------------------------------------------------------------

    def message_added(self, message: ChatMessage) -> None:
        self._end_comparison()
        if message.role == "user":
            self._follow = True  # the user just sent something: show where the answer will come
        self._append(message)

    def version_added(self, message: ChatMessage) -> None:
        messages = self.conversation.messages
        if message.status == "streaming" and messages and message.parent is messages[-1]:
            self._compared.append(message)  # in columns at the next frame, with the others
            self.message_changed(message)
        self._update_actions(force=True)  # the shown version's count went up

    def _append(self, message: ChatMessage) -> None:
        self._shown.append(message)
        block = self._blocks[-1] if self._blocks else None
        if block is None or block.count() >= BLOCK:
            block = self._add_block(len(self._shown) - 1, [])
            block.setVisible(True)
        block.add_space(1)
        self._make_widgets([len(self._shown) - 1])
        self._update_actions(force=True)
        self._place_soon()

    def message_changed(self, message: ChatMessage) -> None:
        self._changed[message] = None
        if not self._timer.isActive():
            self._timer.start()

    def messages_reset(self) -> None:
        self._end_comparison()
        messages = self.conversation.messages
        kept = 0  # messages compare by identity
        while kept < min(len(messages), len(self._shown)) and messages[kept] is self._shown[kept]:
            kept += 1
        if kept and len(self._shown) - kept <= _FEW and len(messages) - kept <= _FEW:
            # the end changed (a new version is coming, another version is shown): keep the rest
            follow = self._follow or len(messages) == kept
            self._truncate(kept)
            for message in messages[kept:]:
                self._append(message)
            self._follow = follow
        else:
            self._rebuild()

    answer_costed = message_changed  # CostListener: a stored cost shows as any change does

    # -- showing ----------------------------------------------------------------------------

    def flush(self) -> None:
        """Show every change gathered since the last frame (a message without a widget shows
        its changes when it gets one)."""
        self._timer.stop()
        if self._compared:
            self._begin_comparison()
        changed, self._changed = self._changed, {}
        for message in changed:
            widget = self._widgets.get(message)
            if widget is not None:
                widget.refresh()
            elif self.comparison is not None:
                self.comparison.refresh(message)
        if changed:
            self._update_actions()

    def set_currency(self, currency: Currency) -> None:
        """Show the answers' costs in this currency from now on."""
        self.currency = currency
        for widget in self._widgets.values():
            widget.set_currency(currency)
        if self.comparison is not None:
            self.comparison.set_currency(currency)

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
        """The message's widget; None while it has none (it is far from the screen)."""
        return self._widgets.get(message)

    def widgets(self) -> list[MessageWidget]:
        """The widgets there are now, in the order of their messages."""
        return [w for m in self._shown if (w := self._widgets.get(m)) is not None]

    @property
    def loading(self) -> bool:
        """Always false: nothing is made in the background (startup_probe.py waits for it)."""
        return False

    def scroll_to(self, message: ChatMessage) -> None:
        """Bring a message into view (a search result), and stop following the bottom."""
        self._follow = False
        index = next((i for i, m in enumerate(self._shown) if m is message), None)
        if index is None:
            return
        self._placing = True  # no pass until it is on screen: the view is elsewhere yet
        try:
            if message not in self._widgets:
                self._make_widgets([index])
                self._settle()
            self.scroll_area.ensureWidgetVisible(self._widgets[message], 0, 40)
        finally:
            self._placing = False
        self.place()

    def _begin_comparison(self) -> None:
        """Show the answers of the comparison that began, in columns below its question."""
        from desktop_app.ui.chat.compare_columns import CompareColumns

        answers, self._compared = self._compared, []
        self._end_comparison()
        self.comparison = CompareColumns(
            answers, self.dark, self.cost_text, self.currency, self.content
        )
        self.comparison.stopRequested.connect(self.stopAnswerRequested)
        self.comparison.continueRequested.connect(self.continueRequested)
        self.messages_layout.insertWidget(len(self._blocks), self.comparison)
        self.comparison.setVisible(True)
        self.comparison.start()
        self._follow = True
        self._place_soon()

    def _end_comparison(self) -> None:
        """Take the columns away (an answer was chosen, or the path changed)."""
        self._compared.clear()
        if self.comparison is not None:
            self.comparison.hide()
            self.messages_layout.removeWidget(self.comparison)
            self.comparison.deleteLater()
            self.comparison = None

    def _rebuild(self) -> None:
        self._end_comparison()
        self._timer.stop()
        self._placer.stop()
        self._changed.clear()
        old = self.scroll_area.takeWidget()
        old.hide()  # at most a few screens of widgets: deleting them is quick
        old.deleteLater()
        self._new_content()
        self._widgets.clear()
        self._blocks.clear()
        self._actions = None
        self._cache = RenderCache(self.dark)
        self._shown = list(self.conversation.messages)
        self._placing = True  # no pass before the end is made: it would make what is shown now
        estimate = HeightEstimate(self._text_width(), QFontMetrics(self.font()))
        for first in range(0, len(self._shown), BLOCK):
            self._add_block(first, [estimate(m) for m in self._shown[first : first + BLOCK]])
        # shown with the content, at once: showing each block on screen would lay out the rest
        self.scroll_area.setWidget(self.content)
        # the end first, one message at a time, until the view is full
        height, wanted, index = 0, self._height_to_fill(), len(self._shown)
        while index and height < wanted:
            index -= 1
            height += self._make_widgets([index])[0].sizeHint().height() + SPACING
        # the end in view (new content scrolled the old position away, unfollowing it), and the
        # scroll bar's range right now, for a scroll that comes before a pass
        self._follow = True
        self._settle()
        self._range_changed(0, self.scroll_area.verticalScrollBar().maximum())
        self._placing = False
        self._update_actions(force=True)
        self._place_soon()

    def _text_width(self) -> int:
        width = self.scroll_area.viewport().width() if self.isVisible() else self.width()
        return max(width - _SIDE_MARGINS, 100)

    def _height_to_fill(self) -> int:
        """The view's height; before it is laid out, the screen's."""
        if self.isVisible():
            return self.scroll_area.viewport().height()
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry().height()

    def _truncate(self, kept: int) -> None:
        for message in self._shown[kept:]:
            self._changed.pop(message, None)
            if (widget := self._widgets.get(message)) is not None:
                self._drop(widget)
        del self._shown[kept:]
        while self._blocks and self._blocks[-1].first >= kept:
            block = self._blocks.pop()
            block.hide()
            self.messages_layout.removeWidget(block)
            block.deleteLater()
        if self._blocks:
            self._blocks[-1].remove_from(kept - self._blocks[-1].first)
        self._follow = True  # as after any reset: an answer is coming at the end
        self._update_actions(force=True)
        self._place_soon()

    # -- following the screen -----------------------------------------------------------------

    def place(self) -> None:
        """Make the messages near the screen and drop those far from it, keeping what the user
        reads in place."""
        self._placer.stop()
        # Nothing to place in an empty pane, as in the first frame: the pass would ask for the
        # scroll area's viewport, whose first call makes PySide build the Python types of every
        # widget class (some 8 ms; benchmarks/startup.py), for nothing.
        if self._placing or not self.isVisible() or not self._shown:
            return
        self._placing = True
        try:
            for _ in range(_PASSES):
                if not self._place_once():
                    break
        finally:
            self._placing = False

    def _place_soon(self) -> None:
        self._placer.start()  # restarting a zero timer leaves it one pass

    def _place_once(self) -> bool:
        """One pass; true when it made messages (which may bring others near)."""
        bar = self.scroll_area.verticalScrollBar()
        # The viewport's height (no horizontal bar), without viewport(): see ErrorBanner.
        screen = self.scroll_area.maximumViewportSize().height()
        todo = plan(self._blocks, self._shown, self._widgets, bar.value(), screen)
        if not todo.make and not todo.drop:
            return False
        for block in {self._drop(widget) for widget in todo.drop}:
            block.column.activate()  # the spaces take the widgets' places now
        self._make_widgets(todo.make)
        self._settle(todo.anchor)
        return bool(todo.make)

    def _settle(self, anchor: tuple[int, int] | None = None) -> None:
        """Lay the content out now, before anything paints, and put the anchor message back
        where it was on screen (unless the view follows the end, which stays in view)."""
        # The scroll area sizes the content on a posted event: now.
        QCoreApplication.sendEvent(self.scroll_area, QEvent(QEvent.Type.LayoutRequest))
        if anchor is not None and not self._follow:
            index, offset = anchor
            y, _height = self._blocks[index // BLOCK].span(index % BLOCK)
            self.scroll_area.verticalScrollBar().setValue(y - offset)

    # -- making and dropping widgets ----------------------------------------------------------

    def _add_block(self, first: int, heights: list[int]) -> MessageBlock:
        block = MessageBlock(self.content, first, heights)
        self.messages_layout.insertWidget(len(self._blocks), block)
        self._blocks.append(block)
        return block

    def _make(self, message: ChatMessage, parent: QWidget) -> MessageWidget:
        from desktop_app.ui.chat.message_widget import MessageWidget

        widget = MessageWidget(message, self.dark, parent)
        widget.currency = self.currency
        widget.cache = self._cache
        widget.error_in_banner = message is self._error_in_banner
        widget.regenerateRequested.connect(self.regenerateRequested)
        widget.editRequested.connect(self.editRequested)
        widget.branchRequested.connect(self.branchRequested)
        widget.escalateRequested.connect(self.escalateRequested)
        widget.versionRequested.connect(self.show_version)
        self._widgets[message] = widget
        return widget

    def _make_widgets(self, indexes: Iterable[int]) -> list[MessageWidget]:
        """Make the widgets of these messages, in their places, and show them."""
        made: list[MessageWidget] = []
        by_block: dict[MessageBlock, list[int]] = {}
        for index in indexes:
            by_block.setdefault(self._blocks[index // BLOCK], []).append(index)
        for block, chosen in by_block.items():
            # Showing a widget lays out the widgets around it: once for the lot, not once each.
            block.column.setEnabled(False)
            for index in chosen:
                widget = self._make(self._shown[index], block)
                block.put_widget(index - block.first, widget)
                widget.setVisible(True)
                made.append(widget)
            block.column.setEnabled(True)
            block.column.activate()  # the new widgets get their width: each text is laid out once
        self.messages_layout.activate()
        for widget in made:
            widget.refresh()
            if self._actions is not None:
                self._offer_actions(widget)
            if (layout := widget.layout()) is not None:
                layout.activate()
        for block in by_block:
            block.column.activate()
        self.messages_layout.activate()
        return made

    def _drop(self, widget: MessageWidget) -> MessageBlock:
        """Put a space of its height in a widget's place, and delete it (later: it may be
        sending a signal)."""
        self._widgets.pop(widget.message, None)
        block = widget.parentWidget()
        assert isinstance(block, MessageBlock)
        block.put_space(widget)
        widget.hide()
        widget.deleteLater()
        return block

    # -- actions and versions ---------------------------------------------------------------

    def show_version(self, message: ChatMessage, step: int) -> None:
        """Show the version before (`step` -1) or after (1) `message`, and the conversation
        below it as it went on from that version."""
        if self._busy():
            return
        versions = self.conversation.versions(message)
        index = versions.index(message) + step
        if 0 <= index < len(versions):
            self.conversation.show(versions[index])

    def _busy(self) -> bool:
        """Whether an answer is streaming: at the end of the path, or beside it (a comparison
        under its last question)."""
        messages = self.conversation.messages
        if not messages:
            return False
        ends = [messages[-1], *self.conversation.children(messages[-1])]
        return any(m.status == "streaming" for m in ends)

    def refresh_actions(self) -> None:
        """Offer each message's actions again (the rules behind Try a stronger model changed)."""
        self._update_actions(force=True)

    def _update_actions(self, *, force: bool = False) -> None:
        messages = self.conversation.messages
        key = (self._busy(), messages[-1] if messages else None)
        if not force and key == self._actions:
            return  # nothing moved: do not touch every message while an answer streams
        self._actions = key
        for widget in self._widgets.values():
            self._offer_actions(widget)

    def _offer_actions(self, widget: MessageWidget) -> None:
        assert self._actions is not None
        busy = self._actions[0]
        message = widget.message
        widget.set_actions(
            edit=not busy and message.role == "user",
            regenerate=not busy and message.role == "assistant",
            branch=not busy,
        )
        widget.set_stronger(None if busy else self.stronger_text(message))
        versions = self.conversation.versions(message)
        number = next((n for n, v in enumerate(versions, 1) if v is message), 1)
        widget.set_versions(number, len(versions), can_move=not busy)

    # -- following the end while it grows -----------------------------------------------------

    def _scrolled(self, value: int) -> None:
        self._follow = value >= self.scroll_area.verticalScrollBar().maximum() - _BOTTOM_SLACK
        self.place()  # at once: a message scrolled into view is made before it is painted

    def _range_changed(self, minimum: int, maximum: int) -> None:
        if self._follow:
            self.scroll_area.verticalScrollBar().setValue(maximum)
        self._place_soon()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._place_soon()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_soon()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and palette_is_dark() != self.dark:
            self.dark = not self.dark
            self._rebuild()


def _timer(parent: QWidget, interval: int, slot: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval)
    timer.timeout.connect(slot)
    return timer
