"""Which messages of the chat view have a widget, and where: its cost follows the screen, not the
conversation.

Only the messages on screen or near it have a widget; the others are a space as tall as their
widget was, or is estimated to be (blocks and the plan of each pass: message_blocks.py). As the
view scrolls, messages that come near are made, from their kept rendering (render_cache.py) or by
rendering them then, and those gone far are dropped, widgets and text documents deleted. A made
message that is taller or shorter than its estimate moves the view by the difference: what the
user reads stays in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget

from desktop_app.core.conversation import ChatMessage
from desktop_app.ui.chat.message_blocks import BLOCK, SPACING, HeightEstimate, MessageBlock, plan

if TYPE_CHECKING:  # made by the view, with the first message shown
    from desktop_app.ui.chat.message_widget import MessageWidget

_BOTTOM_SLACK = 4  # pixels from the end that still count as "at the bottom"
_PASSES = 4  # estimates corrected in one go: made messages can bring others near
_SIDE_MARGINS = 8 + 8 + 4 + 4  # the content's and a message's own, left and right


class MessagePlaces(QObject):
    """The messages of a chat view in its scroll area: a widget for each message near the
    screen, a space for the others, and the end kept in view while it grows."""

    def __init__(
        self,
        view: QWidget,
        scroll_area: QScrollArea,
        make: Callable[[ChatMessage, QWidget], MessageWidget],
        made: Callable[[MessageWidget], None],
    ) -> None:
        super().__init__(view)
        self.view = view
        self.scroll_area = scroll_area
        self._make = make
        """Makes a message's widget in a block (the view connects it to its own signals)."""
        self._made = made
        """Called with each widget made, shown and refreshed (the view offers its actions)."""
        self.widgets: dict[ChatMessage, MessageWidget] = {}
        self.blocks: list[MessageBlock] = []
        self.messages: list[ChatMessage] = []  # the messages as last shown, to tell a truncation
        self.follow = True
        """Whether the view keeps the end in view (it does until the user scrolls up)."""
        self._placing = False
        self._placer = QTimer(self)
        self._placer.setSingleShot(True)
        self._placer.setInterval(0)
        self._placer.timeout.connect(self.place)
        self._new_content()
        self.scroll_area.setWidget(self.content)
        bar = self.scroll_area.verticalScrollBar()
        bar.rangeChanged.connect(self._range_changed)
        bar.valueChanged.connect(self._scrolled)
        app = QCoreApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focused)

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

    def append(self, message: ChatMessage) -> None:
        """A message at the end, made at once."""
        self.messages.append(message)
        block = self.blocks[-1] if self.blocks else None
        if block is None or block.count() >= BLOCK:
            block = self._add_block(len(self.messages) - 1, [])
            block.setVisible(True)
        block.add_space(1)
        self._make_widgets([len(self.messages) - 1])

    def scroll_to(self, message: ChatMessage) -> None:
        """Bring a message into view, and stop following the bottom."""
        self.follow = False
        index = next((i for i, m in enumerate(self.messages) if m is message), None)
        if index is None:
            return
        self._placing = True  # no pass until it is on screen: the view is elsewhere yet
        try:
            if message not in self.widgets:
                self._make_widgets([index])
                self._settle()
            self.scroll_area.ensureWidgetVisible(self.widgets[message], 0, 40)
        finally:
            self._placing = False
        self.place()

    def rebuild(self, messages: list[ChatMessage]) -> None:
        """Show these messages in a new content, with the end in view."""
        self._placer.stop()
        old = self.scroll_area.takeWidget()
        old.hide()  # at most a few screens of widgets: deleting them is quick
        old.deleteLater()
        self._new_content()
        self.widgets.clear()
        self.blocks.clear()
        self.messages = list(messages)
        self._placing = True  # no pass before the end is made: it would make what is shown now
        estimate = HeightEstimate(self._text_width(), QFontMetrics(self.view.font()))
        for first in range(0, len(self.messages), BLOCK):
            self._add_block(first, [estimate(m) for m in self.messages[first : first + BLOCK]])
        # shown with the content, at once: showing each block on screen would lay out the rest
        self.scroll_area.setWidget(self.content)
        # the end first, one message at a time, until the view is full
        height, wanted, index = 0, self._height_to_fill(), len(self.messages)
        while index and height < wanted:
            index -= 1
            height += self._make_widgets([index])[0].sizeHint().height() + SPACING
        # the end in view (new content scrolled the old position away, unfollowing it), and the
        # scroll bar's range right now, for a scroll that comes before a pass
        self.follow = True
        self._settle()
        self._range_changed(0, self.scroll_area.verticalScrollBar().maximum())
        self._placing = False

    def _text_width(self) -> int:
        view = self.view
        width = self.scroll_area.viewport().width() if view.isVisible() else view.width()
        return max(width - _SIDE_MARGINS, 100)

    def _height_to_fill(self) -> int:
        """The view's height; before it is laid out, the screen's."""
        if self.view.isVisible():
            return self.scroll_area.viewport().height()
        screen = self.view.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry().height()

    def truncate(self, kept: int) -> None:
        """Forget the messages from `kept` on, their widgets and their blocks."""
        for message in self.messages[kept:]:
            if (widget := self.widgets.get(message)) is not None:
                self._drop(widget)
        del self.messages[kept:]
        while self.blocks and self.blocks[-1].first >= kept:
            block = self.blocks.pop()
            block.hide()
            self.messages_layout.removeWidget(block)
            block.deleteLater()
        if self.blocks:
            self.blocks[-1].remove_from(kept - self.blocks[-1].first)
        self.follow = True  # as after any reset: an answer is coming at the end

    # -- following the screen -----------------------------------------------------------------

    def place(self) -> None:
        """Make the messages near the screen and drop those far from it, keeping what the user
        reads in place."""
        self._placer.stop()
        # Nothing to place in an empty pane, as in the first frame: the pass would ask for the
        # scroll area's viewport, whose first call makes PySide build the Python types of every
        # widget class (some 8 ms; benchmarks/startup.py), for nothing.
        if self._placing or not self.view.isVisible() or not self.messages:
            return
        self._placing = True
        try:
            for _ in range(_PASSES):
                if not self._place_once():
                    break
        finally:
            self._placing = False

    def place_soon(self) -> None:
        """Place the messages once the events waiting now are handled."""
        self._placer.start()  # restarting a zero timer leaves it one pass

    def _place_once(self) -> bool:
        """One pass; true when it made messages (which may bring others near)."""
        bar = self.scroll_area.verticalScrollBar()
        # The viewport's height (no horizontal bar), without viewport(): see ErrorBanner.
        screen = self.scroll_area.maximumViewportSize().height()
        todo = plan(self.blocks, self.messages, self.widgets, bar.value(), screen)
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
        if anchor is not None and not self.follow:
            index, offset = anchor
            y, _height = self.blocks[index // BLOCK].span(index % BLOCK)
            self.scroll_area.verticalScrollBar().setValue(y - offset)

    # -- making and dropping widgets ----------------------------------------------------------

    def _add_block(self, first: int, heights: list[int]) -> MessageBlock:
        block = MessageBlock(self.content, first, heights)
        self.messages_layout.insertWidget(len(self.blocks), block)
        self.blocks.append(block)
        return block

    def _make_widgets(self, indexes: Iterable[int]) -> list[MessageWidget]:
        """Make the widgets of these messages, in their places, and show them."""
        made: list[MessageWidget] = []
        by_block: dict[MessageBlock, list[int]] = {}
        for index in indexes:
            by_block.setdefault(self.blocks[index // BLOCK], []).append(index)
        for block, chosen in by_block.items():
            # Showing a widget lays out the widgets around it: once for the lot, not once each.
            block.column.setEnabled(False)
            for index in chosen:
                message = self.messages[index]
                widget = self._make(message, block)
                self.widgets[message] = widget
                block.put_widget(index - block.first, widget)
                widget.setVisible(True)
                made.append(widget)
            block.column.setEnabled(True)
            block.column.activate()  # the new widgets get their width: each text is laid out once
        self.messages_layout.activate()
        for widget in made:
            widget.refresh()
            self._made(widget)
            if (layout := widget.layout()) is not None:
                layout.activate()
        for block in by_block:
            block.column.activate()
        self.messages_layout.activate()
        if made:
            self._keep_tab_order()
        return made

    def _keep_tab_order(self) -> None:
        """Tab goes through the messages from the top down, after the scroll area, however
        their widgets were made: a widget joins the end of the window's focus chain when it is
        made, and a conversation's are made from its end up, or as they scroll in."""
        focusable = [
            part
            for message in self.messages
            if (widget := self.widgets.get(message)) is not None
            for part in widget.findChildren(QWidget)
            if part.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        previous: QWidget = self.scroll_area
        for part in focusable:
            QWidget.setTabOrder(previous, part)
            previous = part

    def _drop(self, widget: MessageWidget) -> MessageBlock:
        """Put a space of its height in a widget's place, and delete it (later: it may be
        sending a signal)."""
        self.widgets.pop(widget.message, None)
        block = widget.parentWidget()
        assert isinstance(block, MessageBlock)
        block.put_space(widget)
        widget.hide()
        widget.deleteLater()
        return block

    def _focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A part of a message that gets the focus off screen (Tab from the message box to the
        first message's Copy) is scrolled into view: the scroll area does so only for a Tab
        pressed inside it. A click is always on screen, and moves nothing."""
        if new is None or not self.content.isAncestorOf(new):
            return
        viewport = self.scroll_area.viewport()
        top = new.mapTo(viewport, QPoint(0, 0)).y()
        if top + new.height() <= 0 or top >= viewport.height():
            self.scroll_area.ensureWidgetVisible(new, 0, 40)

    # -- following the end while it grows -----------------------------------------------------

    def _scrolled(self, value: int) -> None:
        self.follow = value >= self.scroll_area.verticalScrollBar().maximum() - _BOTTOM_SLACK
        self.place()  # at once: a message scrolled into view is made before it is painted

    def _range_changed(self, minimum: int, maximum: int) -> None:
        if self.follow:
            self.scroll_area.verticalScrollBar().setValue(maximum)
        self.place_soon()
