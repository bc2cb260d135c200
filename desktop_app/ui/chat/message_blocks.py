"""The chat's messages in blocks: near the screen a message is its widget, away from it only a
space as tall as the widget was, or is estimated to be.

Blocks keep the number of items side by side small: in Qt, a layout pass and showing a widget
cost time in proportion to the number of widgets in the same layout. A space is a QSpacerItem,
not a widget: it holds no text document and costs a few bytes; a block none of whose messages
was ever made is one space, so that opening a conversation makes one item per BLOCK messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from desktop_app.core.conversation import ChatMessage

if TYPE_CHECKING:
    from desktop_app.ui.chat.message_widget import MessageWidget

BLOCK = 25
"""Messages per block."""

SPACING = 6
"""Pixels between two messages."""

MARGIN = 1.0
"""Messages this many screens above or below the view are made before they scroll in."""

FAR = 2.0
"""Messages further than this many screens from the view are dropped (hysteresis over MARGIN)."""

_CHROME = 46  # a message's header, margins and the body's own margins, in pixels
_FOLDED_REASONING = 24  # the "Reasoning ▸" button of a finished answer with reasoning
_MIN_CHARS = 10


class MessageBlock(QWidget):
    """The messages from `first` on, up to BLOCK of them, in order.

    Until one of them gets a widget, the block is one space as tall as all of them (their
    heights in `heights`); after, each message is one layout item, its widget or its space.
    """

    def __init__(self, parent: QWidget, first: int, heights: list[int]) -> None:
        super().__init__(parent)
        self.setObjectName("chatBlock")
        # growing at the bottom (a streaming answer) repaints only the new strip
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.first = first
        self.heights = heights
        """The estimated heights of its messages, while the block is one space."""
        self.built = 0
        """How many of its messages have a widget now."""
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(SPACING)
        self._whole: QSpacerItem | None = _space(self._total())
        self.column.addItem(self._whole)

    def _total(self) -> int:
        return sum(self.heights) + SPACING * (len(self.heights) - 1)

    def count(self) -> int:
        return len(self.heights) if self._whole is not None else self.column.count()

    def add_space(self, height: int) -> None:
        """Room for one more message, at the end, that has no widget yet."""
        if self._whole is None:
            self.column.addItem(_space(height))
            return
        self.heights.append(height)
        self._whole.changeSize(0, self._total(), *_POLICY)
        self.column.invalidate()

    def _split(self) -> None:
        """One space per message, in place of the one for the whole block."""
        if self._whole is not None:
            self.column.takeAt(0)
            self._whole = None
            for height in self.heights:
                self.column.addItem(_space(height))

    def put_widget(self, at: int, widget: QWidget) -> None:
        """The message at `at` gets its widget, in place of its space."""
        self._split()
        self.column.takeAt(at)
        self.column.insertWidget(at, widget)
        self.built += 1

    def put_space(self, widget: QWidget) -> None:
        """The widget goes, and a space of its height keeps its place (the caller deletes it)."""
        at = self.column.indexOf(widget)
        height = widget.height()
        self.column.removeWidget(widget)
        self.column.insertItem(at, _space(height))
        self.built -= 1

    def remove_from(self, at: int) -> None:
        """Forget the messages from `at` on (their widgets are already taken out)."""
        if self._whole is not None:
            del self.heights[at:]
            self._whole.changeSize(0, self._total(), *_POLICY)
            self.column.invalidate()
            return
        while self.column.count() > at:
            self.column.takeAt(self.column.count() - 1)

    def span(self, at: int) -> tuple[int, int]:
        """Where the message at `at` is in the content: its top and its height, in pixels."""
        if self._whole is not None:
            return self.y() + sum(self.heights[:at]) + SPACING * at, self.heights[at]
        item = self.column.itemAt(at)
        assert item is not None
        widget = item.widget()
        rect = widget.geometry() if widget is not None else item.geometry()
        if not rect.isValid():  # not laid out yet: a space's own height
            return self.y(), item.sizeHint().height()
        return self.y() + rect.y(), rect.height()


_POLICY = (QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)


def _space(height: int) -> QSpacerItem:
    return QSpacerItem(0, max(height, 1), *_POLICY)


class HeightEstimate:
    """About how tall a message's widget will be at a width: the lines of its text when wrapped
    (a wide character, such as Chinese, counted as two), plus its header and margins. Only the
    scroll bar sees an estimate; the widget's real height replaces it when the message is made."""

    def __init__(self, width: int, metrics: QFontMetrics) -> None:
        self.per_line = max(width // max(metrics.averageCharWidth(), 1), _MIN_CHARS)
        self.line = metrics.lineSpacing()

    def __call__(self, message: ChatMessage) -> int:
        per_line, lines = self.per_line, 0
        for paragraph in message.content.split("\n"):
            if 2 * len(paragraph) <= per_line:
                lines += 1  # one line, however many of its characters are wide
                continue
            # UTF-8 takes 3 bytes for a wide character, 1 for ASCII: a cheap count of the wide
            wide = (len(paragraph.encode()) - len(paragraph)) // 2
            lines += -(-(len(paragraph) + wide) // per_line)
        height = _CHROME + lines * self.line
        if message.reasoning:
            height += _FOLDED_REASONING
        if message.error:
            height += self.line
        return height


@dataclass
class Plan:
    """What one pass over the blocks found to do."""

    make: list[int] = field(default_factory=list)
    """The messages, by index, that are near the screen and have no widget."""
    drop: list[MessageWidget] = field(default_factory=list)
    """Widgets of messages far from the screen."""
    anchor: tuple[int, int] | None = None
    """A message on screen, by index, and its top's distance from the view's: to keep in
    place. One with a widget when there is one, since its height will not change."""


def plan(
    blocks: list[MessageBlock],
    messages: list[ChatMessage],
    widgets: dict[ChatMessage, MessageWidget],
    top: int,
    screen: int,
) -> Plan:
    """The messages to make and to drop with the view at `top`, `screen` pixels tall."""
    near = (top - MARGIN * screen, top + (1 + MARGIN) * screen)
    far = (top - FAR * screen, top + (1 + FAR) * screen)
    todo, on_widget = Plan(), False
    for block in blocks:
        if not block.built and not _overlaps(block.y(), block.height(), far):
            continue  # nothing to make or drop, and not on screen
        for at in range(block.count()):
            y, height = block.span(at)
            index = block.first + at
            widget = widgets.get(messages[index])
            better = todo.anchor is None or (widget is not None and not on_widget)
            if better and y + height > top:
                todo.anchor, on_widget = (index, y - top), widget is not None
            if widget is None and _overlaps(y, height, near):
                todo.make.append(index)
            elif widget is not None and not _overlaps(y, height, far) and _droppable(widget):
                todo.drop.append(widget)
    return todo


def _overlaps(y: int, height: int, span: tuple[float, float]) -> bool:
    return y < span[1] and y + height > span[0]


def _droppable(widget: MessageWidget) -> bool:
    """A streaming answer, and a message with selected text or the focus, keep their widgets."""
    return widget.message.status != "streaming" and not widget.holds_selection()
