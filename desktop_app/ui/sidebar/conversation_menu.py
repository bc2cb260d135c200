"""The context menu of a conversation in the sidebar: rename, pin or unpin, archive or
unarchive, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from desktop_app.core.history.records import ConversationSummary

if TYPE_CHECKING:
    from desktop_app.ui.sidebar.conversation_list import ConversationSidebar


def conversation_menu(sidebar: ConversationSidebar, conversation_id: str) -> QMenu:
    """The menu of a listed conversation, its actions on `sidebar` (the caller shows it)."""
    row = sidebar.list.row_of(conversation_id)
    item = sidebar.list.rows[row] if row is not None else None
    pinned = isinstance(item, ConversationSummary) and item.pinned
    menu = QMenu(sidebar)
    menu.addAction("Rename…", lambda: sidebar.start_rename(conversation_id))
    if sidebar.showing_archived():
        menu.addAction("Unarchive", lambda: sidebar.unarchive(conversation_id))
    else:
        pin = "Unpin" if pinned else "Pin"
        menu.addAction(pin, lambda: sidebar.pin(conversation_id, not pinned))
        menu.addAction("Archive", lambda: sidebar.archive(conversation_id))
    menu.addSeparator()
    menu.addAction("Delete", lambda: sidebar.delete(conversation_id))
    return menu
