"""The sidebar: conversations grouped by day and loaded a page at a time, search, rename, pin,
archive (and a view of the archive), and delete with undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QItemSelectionModel,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.history.records import SearchHit
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.text.one_line import one_line
from desktop_app.ui.history.reads import HistoryReads
from desktop_app.ui.sidebar.archive_toggle import ArchiveHeading, ArchiveToggle
from desktop_app.ui.sidebar.conversation_groups import (
    Clock,
    ConversationListModel,
    ConversationListView,
    local_now,
)
from desktop_app.ui.sidebar.conversation_menu import conversation_menu, show_menu
from desktop_app.ui.sidebar.conversation_pages import ConversationPages
from desktop_app.ui.sidebar.kept_changes import KeptChanges
from desktop_app.ui.sidebar.search_keys import SearchBoxKeys
from desktop_app.ui.sidebar.undo_bar import UndoBar

if TYPE_CHECKING:
    from desktop_app.ui.sidebar.search_results import SearchResults

SEARCH_DELAY_MS = 150


class ConversationSidebar(QWidget):
    """The conversations in a HistoryStore, newest first, with search and a context menu; the
    list shows either the conversations in use or, at the user's choice, the archived ones."""

    conversationSelected = Signal(str)
    """The user opened a conversation (a row or a search result): its id."""
    messageSelected = Signal(str, int)
    """The user opened a search result: the conversation id and the matching message's id."""
    newConversationRequested = Signal()
    conversationDeleted = Signal(str)
    """A conversation was deleted (softly; Undo may bring it back)."""

    def __init__(
        self, store: HistoryStore, parent: QWidget | None = None, *, clock: Clock = local_now
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.reads = HistoryReads(self, store)  # "list", "more" (a page) and "search"
        self._selected: str | None = None
        self._archived = False
        self._refresh_pending = False
        self._results: SearchResults | None = None  # made at the first search shown
        self.after_search: Callable[[], object] | None = None  # a key's, once the hits are in
        self.kept = KeptChanges()  # changes made while an import holds the history
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.new_button = QPushButton(self.tr("New conversation"), self)
        self.new_button.setObjectName("newConversationButton")
        self.new_button.setToolTip(self.tr("New conversation (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_conversation)
        self._build_search_box()
        self._build_pages()
        self._build_archive_controls()
        self.undo_bar = UndoBar(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search_box)
        layout.addWidget(self.archive_heading)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.archive_button)
        self.setMinimumWidth(180)

    def _build_search_box(self) -> None:
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("Search (Ctrl+K)"))
        self.search_box.setAccessibleName(self.tr("Search conversations"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._search_text_changed)
        self._keys = SearchBoxKeys(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)

    def _build_pages(self) -> None:
        """The list, the search results and the empty-state text, one shown at a time."""
        self.stack = QStackedWidget(self)
        self.list = ConversationListModel(self)
        self.list.renameRequested.connect(self.rename)
        self.view = ConversationListView(self.list, self.stack)
        self.view.customContextMenuRequested.connect(self._show_menu)
        self.view.openRequested.connect(self._open)
        self.view.deleteRequested.connect(self.delete)
        self.view.itemDelegate().closeEditor.connect(self._editor_closed)
        self.pages = ConversationPages(self)
        self.pages.reloaded.connect(self._list_shown)
        self.pages.pageAdded.connect(self._show_selection)
        self.empty = QLabel(self.stack)
        self.empty.setObjectName("sidebarEmpty")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty.setWordWrap(True)
        self.empty.setContentsMargins(8, 16, 8, 8)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        for page in (self.view, self.empty):
            self.stack.addWidget(page)

    @property
    def results(self) -> SearchResults:
        """The search results' page, made when first needed: a start shows none."""
        if self._results is None:
            from desktop_app.ui.sidebar.search_results import SearchResults

            self._results = SearchResults(self.stack, clock=self.clock)
            self._results.hitActivated.connect(self._open_hit)
            self.stack.addWidget(self._results)
        return self._results

    def _build_archive_controls(self) -> None:
        """The toggle at the bottom, and the heading that says the list is the archive."""
        self.archive_button = ArchiveToggle(self)
        self.archive_button.clicked.connect(self.show_archived)
        self.archive_heading = ArchiveHeading(self)

    def sizeHint(self) -> QSize:
        return QSize(260, super().sizeHint().height())

    # -- the list -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the list (as many pages as were loaded, read off the GUI thread), keeping the
        selection and the scroll position; while a title is edited, once the editing ends."""
        if self.view.editing():
            self._refresh_pending = True
            return
        self._refresh_pending = False
        self.pages.reload()

    def _list_shown(self, archived_count: int) -> None:
        self._show_selection()
        self._show_page()
        self.archive_button.show_state(archived=self._archived, count=archived_count)
        self.archive_heading.setVisible(self._archived)

    def _editor_closed(self) -> None:
        self._show_selection()  # the current row back on the open conversation
        if self._refresh_pending:
            QTimer.singleShot(0, self.refresh)  # after the view has finished closing the editor

    def select(self, conversation_id: str | None) -> None:
        """Highlight a conversation (None: no conversation) without emitting a signal, in the
        list and among the search results: a hit stays highlighted only while its conversation
        is the one open."""
        self._selected = conversation_id
        self._show_selection()
        if self.view.selectionModel().hasSelection():
            self.view.scrollTo(self.view.currentIndex())
        if self._results is None:
            return
        from desktop_app.ui.sidebar.search_results import HitRole

        hit = self._results.currentIndex().data(HitRole)
        if not isinstance(hit, SearchHit) or hit.conversation_id != conversation_id:
            self._results.selectionModel().clear()

    def selected(self) -> str | None:
        """The conversation highlighted in the list."""
        return self._selected

    def _show_selection(self) -> None:
        row = self.list.row_of(self._selected) if self._selected is not None else None
        selection = self.view.selectionModel()
        if row is None:
            selection.clear()
            return
        flag = QItemSelectionModel.SelectionFlag.ClearAndSelect
        selection.setCurrentIndex(self.list.index(row), flag)

    def _open(self, conversation_id: str) -> None:
        self._selected = conversation_id
        self.conversationSelected.emit(conversation_id)

    def _show_page(self) -> None:
        if self.search_box.text().strip():
            return
        if self.list.rowCount():
            self.stack.setCurrentWidget(self.view)
        else:
            text = (
                self.tr("No archived conversations.")
                if self._archived
                else self.tr("No conversations yet.")
            )
            self.empty.setText(text)
            self.stack.setCurrentWidget(self.empty)

    # -- the archive ------------------------------------------------------------------------

    def show_archived(self, archived: bool = True) -> None:
        """List the archived conversations instead of the others, or the others again; the
        list starts from its top, and search still covers every conversation."""
        if archived == self._archived:
            self.archive_button.setChecked(archived)
            return
        self._archived = archived
        self.pages.forget_place()  # the other list's place: no page to add
        self.list.reset([], self.clock().astimezone().date())
        self.view.verticalScrollBar().setValue(0)
        self.refresh()

    def showing_archived(self) -> bool:
        """Whether the list shows the archived conversations."""
        return self._archived

    def new_conversation(self) -> None:
        """Ask for a new conversation (the New button, Ctrl+N), showing the list where it will
        appear: the search is cleared, as a new conversation matches none, and the archive left."""
        self.search_box.clear()
        self.show_archived(False)
        self.newConversationRequested.emit()

    # -- actions on a conversation ----------------------------------------------------------

    def menu_for(self, conversation_id: str) -> QMenu:
        """The context menu of a listed conversation (the caller shows it)."""
        return conversation_menu(self, conversation_id)

    def _show_menu(self, position: QPoint) -> None:
        show_menu(self, position)

    def start_rename(self, conversation_id: str) -> None:
        """Edit a conversation's title in place; Enter renames it, Esc cancels."""
        row = self.list.row_of(conversation_id)
        if row is not None:  # the row current, for the keys, but not selected: it is not open
            current = QItemSelectionModel.SelectionFlag.NoUpdate
            self.view.selectionModel().setCurrentIndex(self.list.index(row), current)
            self.view.edit(self.list.index(row))

    def rename(self, conversation_id: str, title: str) -> None:
        """Give a conversation a new title (a blank one is ignored)."""
        title = one_line(title)
        if title:
            if not self.store.held.run(lambda: self.store.rename(conversation_id, title)):
                self.kept.retitle(conversation_id, title)
            self.list.retitle(conversation_id, title)

    def pin(self, conversation_id: str, pinned: bool = True) -> None:
        """Pin a conversation to the top of the list, or unpin it."""
        held = self.store.held.active
        self._set_pinned(conversation_id, pinned)
        if held:
            text = (
                self.tr("Pinned once the import is done")
                if pinned
                else self.tr("Unpinned once the import is done")
            )
            self.undo_bar.offer(text, lambda: self._set_pinned(conversation_id, not pinned))

    def _set_pinned(self, conversation_id: str, pinned: bool) -> None:
        """Pin or unpin now, the list read again; or, during an import, once it is done."""
        if self.store.held.run(lambda: self.store.set_pinned(conversation_id, pinned)):
            self.refresh()

    def archive(self, conversation_id: str) -> None:
        """Move a conversation to the archive, out of the list (Undo brings it back)."""
        self._set_archived(conversation_id, True)
        self.undo_bar.offer(
            self.tr("Conversation archived"), lambda: self._set_archived(conversation_id, False)
        )

    def unarchive(self, conversation_id: str) -> None:
        """Move a conversation from the archive back to the list (Undo archives it again)."""
        self._set_archived(conversation_id, False)
        self.undo_bar.offer(
            self.tr("Conversation unarchived"), lambda: self._set_archived(conversation_id, True)
        )

    def _set_archived(self, conversation_id: str, archived: bool) -> None:
        self._move(conversation_id, lambda: self.store.set_archived(conversation_id, archived))

    def delete(self, conversation_id: str) -> None:
        """Delete a conversation softly, offering Undo for a few seconds."""
        self._move(conversation_id, lambda: self.store.delete(conversation_id))
        self.undo_bar.offer(
            self.tr("Conversation deleted"), lambda: self._undelete(conversation_id)
        )
        self.conversationDeleted.emit(conversation_id)

    def _undelete(self, conversation_id: str) -> None:
        self._move(conversation_id, lambda: self.store.undelete(conversation_id))

    def _move(self, conversation_id: str, write: Callable[[], object]) -> None:
        """Make a write that takes a conversation off the page shown or brings it back; while an
        import holds the history, the write is kept for its end (core/history/held_writes.py)
        and the list shows it meanwhile."""
        if not self.store.held.run(write):
            self.kept.move(conversation_id)
        self.refresh()

    def kept_writes_made(self) -> None:
        """The writes kept during an import are in the history: show the list as it has it."""
        self.kept.clear()
        self.refresh()

    # -- search -----------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _search_text_changed(self, text: str) -> None:
        if text.strip():
            # The results page is made at the first key typed (some 10 ms, its import with it),
            # in a turn of its own, not in the one that shows the first hits.
            _ = self.results
            self._search_timer.start()
        else:
            self._search_timer.stop()
            self.reads.cancel("search")
            self.after_search = None
            self._show_page()

    def run_search(self) -> None:
        """Show the hits for the search box's text now (the box waits for a pause in typing)."""
        self._search_timer.stop()
        query = self.search_box.text().strip()
        if not query:
            self._show_page()
            return
        from desktop_app.ui.sidebar.search_results import SEARCH_LIMIT

        self.reads.run(
            "search",
            lambda history: history.search(query, limit=SEARCH_LIMIT),
            lambda found: self._show_hits(query, found),
        )

    def _show_hits(self, query: str, hits: list[SearchHit]) -> None:
        if query != self.search_box.text().strip():
            return  # the box was cleared, or changed back, while the search ran
        if hits:
            self.results.show_hits(hits)
            self.stack.setCurrentWidget(self.results)
        else:
            self.empty.setText(self.tr("No messages match “{0}”.").format(query))
            self.stack.setCurrentWidget(self.empty)
        then, self.after_search = self.after_search, None
        if then is not None:
            then()

    def searching(self) -> bool:
        """Whether search results (or their absence) are shown instead of the list."""
        return self.stack.currentWidget() is not self.view

    def search_done(self) -> bool:
        """Whether the hits shown are those of the search box's text (none waited for)."""
        return not self._search_timer.isActive() and not self.reads.pending("search")

    def _open_hit(self, conversation_id: str, message_id: int) -> None:
        self.select(conversation_id)  # highlighted in the list once the search is cleared
        self.conversationSelected.emit(conversation_id)
        self.messageSelected.emit(conversation_id, message_id)
