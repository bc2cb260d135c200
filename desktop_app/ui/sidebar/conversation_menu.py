"""The context menu of a conversation in the sidebar: rename, pin or unpin, archive or
unarchive, delete; shown on a right click, the row outlined but not selected."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtWidgets import QMenu

from desktop_app.core.history.records import ConversationSummary
from desktop_app.ui.sidebar.conversation_groups import IdRole

if TYPE_CHECKING:
    from desktop_app.ui.sidebar.conversation_list import ConversationSidebar


def conversation_menu(sidebar: ConversationSidebar, conversation_id: str) -> QMenu:
    """The menu of a listed conversation, its actions on `sidebar` (the caller shows it)."""
    row = sidebar.list.row_of(conversation_id)
    item = sidebar.list.rows[row] if row is not None else None
    pinned = isinstance(item, ConversationSummary) and item.pinned
    menu = QMenu(sidebar)
    menu.addAction(
        QCoreApplication.translate("ConversationMenu", "Rename…"),
        lambda: sidebar.start_rename(conversation_id),
    )
    if sidebar.showing_archived():
        menu.addAction(
            QCoreApplication.translate("ConversationMenu", "Unarchive"),
            lambda: sidebar.unarchive(conversation_id),
        )
    else:
        pin = (
            QCoreApplication.translate("ConversationMenu", "Unpin")
            if pinned
            else QCoreApplication.translate("ConversationMenu", "Pin")
        )
        menu.addAction(pin, lambda: sidebar.pin(conversation_id, not pinned))
        menu.addAction(
            QCoreApplication.translate("ConversationMenu", "Archive"),
            lambda: sidebar.archive(conversation_id),
        )
    menu.addSeparator()
    menu.addAction(
        QCoreApplication.translate("ConversationMenu", "Delete"),
        lambda: sidebar.delete(conversation_id),
    )
    return menu


def show_menu(sidebar: ConversationSidebar, position: QPoint) -> None:
    """The menu of the row at `position` in the list's viewport, if it is a conversation's, shown
    there until it closes. The row is outlined, not selected: the selection is the open one."""
    index = sidebar.view.indexAt(position)
    conversation_id = index.data(IdRole)
    if isinstance(conversation_id, str):
        menu = sidebar.menu_for(conversation_id)
        sidebar.view.outline(index)
        menu.exec(sidebar.view.viewport().mapToGlobal(position))
        sidebar.view.outline(None)
        menu.deleteLater()
