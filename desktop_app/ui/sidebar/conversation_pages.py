"""The sidebar's list read from the history a page at a time, off the GUI thread, as the user
scrolls to its bottom; a reload reads as many pages as were loaded and keeps the scroll position."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal

from desktop_app.core.history.records import ConversationSummary
from desktop_app.ui.history.reads import HistoryReads
from desktop_app.ui.sidebar.conversation_groups import (
    Clock,
    ConversationListModel,
    ConversationListView,
)
from desktop_app.ui.sidebar.kept_changes import KeptChanges

PAGE_SIZE = 100
"""Conversations loaded at start, and at each scroll to the bottom."""


class PagedSidebar(Protocol):
    """What ConversationPages reads and fills: the sidebar's (ConversationSidebar's) parts."""

    view: ConversationListView
    list: ConversationListModel
    reads: HistoryReads
    kept: KeptChanges
    clock: Clock

    def showing_archived(self) -> bool: ...


class ConversationPages(QObject):
    """The sidebar's list read from the history a page at a time, off the GUI thread: at a
    reload as many pages as were loaded, at each scroll to the bottom the next one; a reload
    keeps the scroll position."""

    reloaded = Signal(int)
    """The list read again is shown: the number of archived conversations."""
    pageAdded = Signal()
    """A page of older conversations was added below the rows."""

    def __init__(self, sidebar: PagedSidebar) -> None:
        super().__init__(sidebar.view)  # lives as long as the list it fills
        self.sidebar = sidebar
        self._cursor: ConversationSummary | None = None
        self._has_more = False
        self._loading = False
        self._scroll_to: int | None = None
        sidebar.view.verticalScrollBar().valueChanged.connect(self._near_bottom)
        sidebar.view.verticalScrollBar().rangeChanged.connect(self._keep_scroll)
        sidebar.view.verticalScrollBar().rangeChanged.connect(self._near_bottom)

    def reload(self) -> None:
        """Read the list again (as many pages as were loaded) and show it in place of the rows."""
        sidebar = self.sidebar
        limit = max(1, -(-sidebar.list.conversation_count() // PAGE_SIZE)) * PAGE_SIZE
        archived = sidebar.showing_archived()
        sidebar.reads.cancel("more")  # a page to add below rows about to be replaced
        sidebar.reads.run(
            "list",
            lambda history: (
                history.conversations(limit=limit, archived=archived),
                history.conversation_count(archived=True),
            ),
            lambda found: self._show_list(*found, limit),
        )

    def _show_list(self, page: list[ConversationSummary], archived_count: int, limit: int) -> None:
        sidebar = self.sidebar
        self._scroll_to = sidebar.view.verticalScrollBar().value()
        self._loading = True  # the reset moves the scroll bar: not a request for more
        sidebar.list.reset(sidebar.kept.apply(page), sidebar.clock().astimezone().date())
        self._has_more = len(page) >= limit
        self._cursor = page[-1] if page else None
        sidebar.view.doItemsLayout()
        self._keep_scroll()
        self._loading = False
        self.reloaded.emit(archived_count)

    def forget_place(self) -> None:
        """No page to add until the next reload (the list shown is about to change)."""
        self._has_more, self._cursor = False, None

    def load_more(self) -> None:
        """Add the next page of older conversations below the ones listed, once it is read."""
        reads = self.sidebar.reads
        busy = self._loading or reads.pending("list") or reads.pending("more")
        if not self._has_more or self._cursor is None or busy:
            return
        cursor, archived = self._cursor, self.sidebar.showing_archived()
        reads.run(
            "more",
            lambda history: history.conversations(limit=PAGE_SIZE, after=cursor, archived=archived),
            self._add_page,
        )

    def _add_page(self, page: list[ConversationSummary]) -> None:
        self._has_more = len(page) >= PAGE_SIZE
        if page:
            self._cursor = page[-1]
        self._loading = True  # appending moves the scroll bar too
        self.sidebar.list.append(self.sidebar.kept.apply(page))
        self._loading = False
        self.pageAdded.emit()

    def _near_bottom(self, *_: int) -> None:
        bar = self.sidebar.view.verticalScrollBar()
        if self._placed() and bar.maximum() > 0 and bar.value() >= bar.maximum() - bar.pageStep():
            self.load_more()

    def _keep_scroll(self, *_: int) -> None:
        """Back to the place of before a reload, as the view's range grows to it again."""
        bar = self.sidebar.view.verticalScrollBar()
        if self._scroll_to is not None:
            bar.setValue(self._scroll_to)
            if bar.value() == self._scroll_to or self._placed():
                self._scroll_to = None

    def _placed(self) -> bool:
        # The view lays out rows in batches, a turn of the event loop each: till the last is
        # placed its range is still growing, and the bottom of it is not the list's.
        view, rows = self.sidebar.view, self.sidebar.list
        return view.visualRect(rows.index(rows.rowCount() - 1)).isValid()
