"""The search box's keys: Esc clears it, Down moves to the rows below it, Enter opens the first
search result, once the search for the text typed has come back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListView

if TYPE_CHECKING:
    from desktop_app.ui.sidebar.conversation_list import ConversationSidebar


class SearchBoxKeys(QObject):
    """An event filter on the sidebar's search box."""

    def __init__(self, sidebar: ConversationSidebar) -> None:
        super().__init__(sidebar)
        self.sidebar = sidebar
        sidebar.search_box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        box = self.sidebar.search_box
        kind = event.type()
        if watched is not box or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if key == Qt.Key.Key_Escape and box.text():
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()  # Esc clears the search here, before the window's Esc stops
            elif kind == QEvent.Type.KeyPress:
                box.clear()
            return True
        if kind == QEvent.Type.KeyPress and key == Qt.Key.Key_Down:
            return self.leave_search_box(open_first=False)
        if kind == QEvent.Type.KeyPress and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self.leave_search_box(open_first=True)
        return super().eventFilter(watched, event)

    def leave_search_box(self, *, open_first: bool) -> bool:
        """Move to the first row (open it, for Enter); with a search on its way, when it
        arrives: Enter does not wait for the pause in typing, nor act on older hits."""
        sidebar = self.sidebar
        if not sidebar.search_done():
            sidebar.run_search()
            sidebar.after_search = lambda: self.leave_search_box(open_first=open_first)
            return True
        target: QListView = (
            sidebar.results if sidebar.stack.currentWidget() is sidebar.results else sidebar.view
        )
        model = target.model()
        rows = (model.index(row, 0) for row in range(model.rowCount()))
        first = next((index for index in rows if model.flags(index)), None)  # not a header
        if first is None or (open_first and target is not sidebar.results):
            return False
        target.setFocus()
        target.setCurrentIndex(first)
        if open_first:
            sidebar.results.activate(first)
        return True
