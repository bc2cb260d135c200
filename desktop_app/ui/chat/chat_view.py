"""The chat pane: the messages of a conversation, in order, kept up to date as answers stream.

Its cost follows the screen, not the conversation: only the messages on screen or near it have a
widget (which ones, and where the others are: message_places.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.currency import USD, Currency
from desktop_app.ui.chat.message_places import MessagePlaces
from desktop_app.ui.chat.render_cache import RenderCache
from desktop_app.ui.icons import palette_is_dark

if TYPE_CHECKING:  # imported with the first message shown: an empty view needs neither
    from desktop_app.ui.chat.compare_columns import CompareColumns, CostText
    from desktop_app.ui.chat.message_widget import MessageWidget

FRAME_MS = 16
"""Changes are gathered and shown at most once per frame."""

_FEW = 8  # removing more messages than this from the end is done by making the rest anew


class ChatView(QWidget):
    """Shows a Conversation: a MessageWidget for each message near the screen, updated at most
    once per frame."""

    regenerateRequested = Signal(object)
    """A new version of this answer (a ChatMessage) is asked for."""
    editRequested = Signal(object)
    """This question (a ChatMessage) is to be edited into a new version."""
    branchRequested = Signal(object)
    """A new conversation holding the path down to this message is asked for."""
    escalateRequested = Signal(object)
    """An answer to ask again of a stronger model (routing's ladder)."""
    stopAnswerRequested = Signal(object)
    """Stop this answer of a comparison alone."""
    continueRequested = Signal(object)
    """Go on from this answer of a comparison."""

    def __init__(self, conversation: Conversation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatView")
        self.conversation = conversation
        self.dark = palette_is_dark()
        self._error_in_banner: ChatMessage | None = None
        self.currency = USD
        self._cache = RenderCache(self.dark)
        self._changed: dict[ChatMessage, None] = {}  # a dict keeps the order, a set would not
        self._actions: tuple[bool, ChatMessage | None] | None = None
        """(busy, last message): what the messages' actions and versions were set for."""
        self.comparison: CompareColumns | None = None
        """The answers of the comparison under the last question, side by side, until one is
        chosen (or the path changes)."""
        self._compared: list[ChatMessage] = []  # answers of a comparison not in columns yet
        self.cost_text: CostText = lambda message: ""
        """How a comparison's columns show an answer's cost (the window gives the ledger's)."""
        self.stronger_text: Callable[[ChatMessage], str | None] = lambda message: None
        """The label of "Try a stronger model" on an answer; None: none to offer."""
        self._timer = _timer(self, FRAME_MS, self.flush)
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
        self._places = MessagePlaces(self, self.scroll_area, self._make, self._made)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    @property
    def content(self) -> QWidget:
        """The widget in the scroll area that holds the messages (made anew by each rebuild)."""
        return self._places.content

    # -- ConversationListener ---------------------------------------------------------------

    def message_added(self, message: ChatMessage) -> None:
        self._end_comparison()
        if message.role == "user":
            # the user just sent something: show where the answer will come
            self._places.follow = True
        self._append(message)

    def version_added(self, message: ChatMessage) -> None:
        messages = self.conversation.messages
        if message.status == "streaming" and messages and message.parent is messages[-1]:
            self._compared.append(message)  # in columns at the next frame, with the others
            self.message_changed(message)
        self._update_actions(force=True)  # the shown version's count went up

    def _append(self, message: ChatMessage) -> None:
        self._places.append(message)
        self._update_actions(force=True)
        self._places.place_soon()

    def message_changed(self, message: ChatMessage) -> None:
        self._changed[message] = None
        if not self._timer.isActive():
            self._timer.start()

    def messages_reset(self) -> None:
        self._end_comparison()
        messages, shown = self.conversation.messages, self._places.messages
        kept = 0  # messages compare by identity
        while kept < min(len(messages), len(shown)) and messages[kept] is shown[kept]:
            kept += 1
        if kept and len(shown) - kept <= _FEW and len(messages) - kept <= _FEW:
            # the end changed (a new version is coming, another version is shown): keep the rest
            follow = self._places.follow or len(messages) == kept
            self._truncate(kept)
            for message in messages[kept:]:
                self._append(message)
            self._places.follow = follow
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
            widget = self._places.widgets.get(message)
            if widget is not None:
                widget.refresh()
            elif self.comparison is not None:
                self.comparison.refresh(message)
        if changed:
            self._update_actions()

    def set_currency(self, currency: Currency) -> None:
        """Show the answers' costs in this currency from now on."""
        self.currency = currency
        for widget in self._places.widgets.values():
            widget.set_currency(currency)
        if self.comparison is not None:
            self.comparison.set_currency(currency)

    def error_in_banner(self, message: ChatMessage | None) -> None:
        """The answer whose error the banner shows now (None: no answer's): its status is
        shortened meanwhile (MessageWidget.error_in_banner)."""
        self._error_in_banner = message
        for widget in self._places.widgets.values():
            shown = widget.message is message
            if widget.error_in_banner != shown:
                widget.error_in_banner = shown
                widget.refresh()

    def widget_for(self, message: ChatMessage) -> MessageWidget | None:
        """The message's widget; None while it has none (it is far from the screen)."""
        return self._places.widgets.get(message)

    def widgets(self) -> list[MessageWidget]:
        """The widgets there are now, in the order of their messages."""
        made = self._places.widgets
        return [w for m in self._places.messages if (w := made.get(m)) is not None]

    @property
    def loading(self) -> bool:
        """Always false: nothing is made in the background (startup_probe.py waits for it)."""
        return False

    def scroll_to(self, message: ChatMessage) -> None:
        """Bring a message into view (a search result), and stop following the bottom."""
        self._places.scroll_to(message)

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
        self._places.messages_layout.insertWidget(len(self._places.blocks), self.comparison)
        self.comparison.setVisible(True)
        self.comparison.start()
        self._places.follow = True
        self._places.place_soon()

    def _end_comparison(self) -> None:
        """Take the columns away (an answer was chosen, or the path changed)."""
        self._compared.clear()
        if self.comparison is not None:
            self.comparison.hide()
            self._places.messages_layout.removeWidget(self.comparison)
            self.comparison.deleteLater()
            self.comparison = None

    def _rebuild(self) -> None:
        self._end_comparison()
        self._timer.stop()
        self._changed.clear()
        self._actions = None
        self._cache = RenderCache(self.dark)
        self._places.rebuild(self.conversation.messages)
        self._update_actions(force=True)
        self._places.place_soon()
        # a comparison none was chosen from (reopened, or shown again): its columns again
        self._compared = self.conversation.comparison()
        if self._compared:
            self._begin_comparison()

    def _truncate(self, kept: int) -> None:
        for message in self._places.messages[kept:]:
            self._changed.pop(message, None)
        self._places.truncate(kept)
        self._update_actions(force=True)
        self._places.place_soon()

    # -- making widgets -------------------------------------------------------------------------

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
        return widget

    def _made(self, widget: MessageWidget) -> None:
        """A widget made and shown: offer its actions, once they are set."""
        if self._actions is not None:
            self._offer_actions(widget)

    # -- actions and versions ---------------------------------------------------------------

    def show_version(self, message: ChatMessage, step: int) -> None:
        """Show the version before (`step` -1) or after (1) `message`, and the conversation
        below it as it went on from that version."""
        if self._busy():
            return
        versions = self.conversation.versions(message)
        index = versions.index(message) + step
        if 0 <= index < len(versions):
            focus = QApplication.focusWidget()
            had_focus = focus is not None and self.isAncestorOf(focus)
            self.conversation.show(versions[index])
            if had_focus:  # the arrow pressed went with its widget: the new version's instead
                QTimer.singleShot(0, self, lambda: self._focus_arrow(versions[index], step))

    def _focus_arrow(self, message: ChatMessage, step: int) -> None:
        """Focus the version arrow of `message` that goes the same way (`step`), else the
        other one (the first or last version has one only)."""
        widget = self._places.widgets.get(message)
        if widget is None:
            return
        arrows = (widget.previous_button, widget.next_button)
        same, other = arrows if step < 0 else arrows[::-1]
        (same if same.isEnabled() and same.isVisible() else other).setFocus()

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
        for widget in self._places.widgets.values():
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

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._places.place_soon()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._places.place_soon()

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
