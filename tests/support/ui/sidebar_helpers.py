"""Driving the conversation sidebar in tests: a fixed "now", conversations made to measure,
and the list, menus and search as a user sees and uses them."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from desktop_app.core.history.records import ConversationSummary, SearchHit
from desktop_app.core.history.store import HistoryStore
from desktop_app.ui.sidebar.conversation_groups import IdRole
from desktop_app.ui.sidebar.conversation_list import ConversationSidebar
from desktop_app.ui.sidebar.search_results import HitRole
from tests.support.waiting import reads_shown

NOW = datetime(2026, 10, 20, 15, 0).astimezone()
"""The injected "now", in local time: a Tuesday afternoon."""


def clock() -> datetime:
    return NOW


def add(
    store: HistoryStore, title: str, updated_at: datetime, text: str = ""
) -> ConversationSummary:
    """A conversation last active at `updated_at` (the store sets it from created_at, and from
    each message's created_at)."""
    summary = store.create_conversation(title, created_at=updated_at)
    if text:
        store.add_message(summary.id, role="user", content=text, created_at=updated_at)
    return summary


_BOTS: weakref.WeakKeyDictionary[ConversationSidebar, QtBot] = weakref.WeakKeyDictionary()
"""The test's qtbot of each sidebar made here, for the helpers that wait for its reads."""


def make_sidebar(qtbot: QtBot, store: HistoryStore) -> ConversationSidebar:
    """A sidebar at a window's size, shown, with its first page read."""
    sidebar = ConversationSidebar(store, clock=clock)
    qtbot.addWidget(sidebar)
    _BOTS[sidebar] = qtbot
    sidebar.resize(280, 560)
    sidebar.show()
    qtbot.waitExposed(sidebar)
    settle(sidebar)
    return sidebar


def settle(sidebar: ConversationSidebar) -> None:
    """Wait until the reads the sidebar started (off the GUI thread) are shown."""
    reads_shown(_BOTS[sidebar], sidebar.reads)


def shown(sidebar: ConversationSidebar) -> list[str]:
    """The list's rows as text: headers as they are, conversations as "- title"."""
    settle(sidebar)
    model = sidebar.view.model()
    rows = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        prefix = "- " if index.data(IdRole) else ""
        rows.append(prefix + index.data())
    return rows


def index_of(sidebar: ConversationSidebar, conversation_id: str) -> QModelIndex:
    settle(sidebar)
    row = sidebar.list.row_of(conversation_id)
    assert row is not None, f"{conversation_id} is not listed"
    return sidebar.list.index(row)


def click(qtbot: QtBot, sidebar: ConversationSidebar, conversation_id: str) -> None:
    index = index_of(sidebar, conversation_id)
    sidebar.view.scrollTo(index)
    center = sidebar.view.visualRect(index).center()
    qtbot.mouseClick(sidebar.view.viewport(), Qt.MouseButton.LeftButton, pos=center)


def trigger(sidebar: ConversationSidebar, conversation_id: str, text: str) -> None:
    menu = sidebar.menu_for(conversation_id)
    action = next(a for a in menu.actions() if a.text() == text)
    action.trigger()
    menu.deleteLater()
    settle(sidebar)


def search(qtbot: QtBot, sidebar: ConversationSidebar, text: str) -> None:
    sidebar.search_box.clear()
    if text.isascii():
        qtbot.keyClicks(sidebar.search_box, text)
    else:  # as an input method commits it (QTest cannot type these keys)
        sidebar.search_box.insert(text)
    qtbot.waitUntil(lambda: sidebar.searching() and sidebar.search_done())


def hits(sidebar: ConversationSidebar) -> list[SearchHit]:
    settle(sidebar)
    model = sidebar.results.model()
    return [model.index(row, 0).data(HitRole) for row in range(model.rowCount())]


def click_first_hit(qtbot: QtBot, sidebar: ConversationSidebar) -> tuple[list[Any], list[Any]]:
    """Click the first search result; what conversationSelected and messageSelected said."""
    center = sidebar.results.visualRect(sidebar.results.model().index(0, 0)).center()
    with (
        qtbot.waitSignal(sidebar.conversationSelected) as opened,
        qtbot.waitSignal(sidebar.messageSelected) as at_message,
    ):
        qtbot.mouseClick(sidebar.results.viewport(), Qt.MouseButton.LeftButton, pos=center)
    return opened.args, at_message.args


def days_ago(days: int, hour: int = 12) -> datetime:
    return (NOW - timedelta(days=days)).replace(hour=hour)


def listed(sidebar: ConversationSidebar) -> list[ConversationSummary]:
    """The listed conversations, in order, without the headers."""
    settle(sidebar)
    return [row for row in sidebar.list.rows if isinstance(row, ConversationSummary)]


def titles(sidebar: ConversationSidebar) -> list[str]:
    return [conversation.title for conversation in listed(sidebar)]


def scroll_to_the_end(qtbot: QtBot, sidebar: ConversationSidebar) -> None:
    """Drag the scroll bar to the bottom, as often as that brings more rows."""
    while drag_to_the_bottom(qtbot, sidebar):
        pass


def drag_to_the_bottom(qtbot: QtBot, sidebar: ConversationSidebar) -> bool:
    """Whether dragging the scroll bar to the bottom brought more rows (then laid out)."""
    bar = sidebar.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    count, end = sidebar.list.conversation_count(), bar.maximum()
    bar.setValue(end)
    settle(sidebar)
    if sidebar.list.conversation_count() == count:
        return False
    qtbot.waitUntil(lambda: bar.maximum() > end)
    return True


def menu_texts(sidebar: ConversationSidebar, conversation_id: str) -> list[str]:
    """The context menu of a row, separators left out."""
    menu = sidebar.menu_for(conversation_id)
    texts = [action.text() for action in menu.actions() if action.text()]
    menu.deleteLater()
    return texts


def highlighted(sidebar: ConversationSidebar) -> list[str]:
    """The conversations whose rows are selected on the page the sidebar shows: the list's, or
    the search results' (a hit counts as its conversation); none on the empty page."""
    page = sidebar.stack.currentWidget()
    if page is sidebar.view:
        return [index.data(IdRole) for index in sidebar.view.selectionModel().selectedIndexes()]
    if page is sidebar.results:
        found = sidebar.results.selectionModel().selectedIndexes()
        return [index.data(HitRole).conversation_id for index in found]
    return []


def right_click(
    qtbot: QtBot,
    sidebar: ConversationSidebar,
    conversation_id: str,
    while_open: Callable[[QMenu], None],
) -> None:
    """Right-click a row as a mouse does (press, release, and the context menu event the window
    system sends); `while_open` gets the menu while it is shown, and must close it."""
    index = index_of(sidebar, conversation_id)
    sidebar.view.scrollTo(index)
    viewport = sidebar.view.viewport()
    center = sidebar.view.visualRect(index).center()
    qtbot.mousePress(viewport, Qt.MouseButton.RightButton, pos=center)
    qtbot.mouseRelease(viewport, Qt.MouseButton.RightButton, pos=center)
    shown_menus: list[QMenu] = []

    def when_shown() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, when_shown)  # not open yet
            return
        shown_menus.append(menu)
        while_open(menu)

    QTimer.singleShot(0, when_shown)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, center, viewport.mapToGlobal(center))
    QApplication.sendEvent(viewport, event)  # returns once the menu has closed
    assert shown_menus, "no menu was shown"
