"""The conversation sidebar's list over a real history file: groups, paging, signals."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from desktop_app.core.history.records import ConversationSummary
from desktop_app.core.history.store import HistoryStore
from desktop_app.ui.sidebar.conversation_groups import IdRole, group_of
from desktop_app.ui.sidebar.conversation_pages import PAGE_SIZE
from tests.support.ui.sidebar_helpers import (
    NOW,
    add,
    click,
    days_ago,
    index_of,
    listed,
    make_sidebar,
    scroll_to_the_end,
    settle,
    shown,
    titles,
)

# Every read of the history happens off the GUI thread (desktop_app/ui/history/reads.py).
pytestmark = pytest.mark.usefixtures("no_reads_on_the_gui_thread")

# -- groups -----------------------------------------------------------------------------------


def test_conversations_are_grouped_by_local_day_newest_first_pinned_on_top(
    qtbot: QtBot, store: HistoryStore
) -> None:
    add(store, "Last year", datetime(2025, 10, 5, 9).astimezone())
    add(store, "August", datetime(2026, 8, 15, 9).astimezone())
    add(store, "Three weeks", days_ago(21))
    add(store, "Three days", days_ago(3))
    add(store, "Yesterday late", days_ago(1, hour=23))
    add(store, "Yesterday", days_ago(1, hour=8))
    add(store, "Morning", NOW.replace(hour=9))
    add(store, "Just now", NOW - timedelta(minutes=1))
    old = add(store, "Pinned long ago", datetime(2026, 3, 2, 9).astimezone())
    store.set_pinned(old.id, True)

    sidebar = make_sidebar(qtbot, store)

    assert shown(sidebar) == [
        "Pinned",
        "- Pinned long ago",
        "Today",
        "- Just now",
        "- Morning",
        "Yesterday",
        "- Yesterday late",
        "- Yesterday",
        "Previous 7 days",
        "- Three days",
        "Previous 30 days",
        "- Three weeks",
        "August 2026",
        "- August",
        "October 2025",
        "- Last year",
    ]
    header = sidebar.list.index(0)
    assert not header.flags() & Qt.ItemFlag.ItemIsSelectable
    assert isinstance(header.data(Qt.ItemDataRole.FontRole), QFont)


@pytest.fixture
def tokyo_time() -> Iterator[None]:
    """Local time nine hours ahead of UTC for the test (a POSIX TZ needs no tz database)."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "JST-9"
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


@pytest.mark.usefixtures("tokyo_time")
def test_groups_follow_the_local_day_not_the_utc_day() -> None:
    today = date(2026, 10, 20)
    late_utc = datetime(2026, 10, 19, 22, 30, tzinfo=UTC)  # 07:30 on the 20th in Tokyo
    summary = ConversationSummary("c", "t", late_utc, late_utc, False, False, None, None)

    assert group_of(summary, today) == "Today"
    assert group_of(replace_time(summary, late_utc - timedelta(hours=8)), today) == "Yesterday"


def replace_time(summary: ConversationSummary, moment: datetime) -> ConversationSummary:
    return ConversationSummary(summary.id, summary.title, moment, moment, False, False, None, None)


def test_a_row_shows_the_title_on_one_line_and_the_last_model_in_its_tooltip(
    qtbot: QtBot, store: HistoryStore
) -> None:
    # Control characters and direction marks (an old import's title) are no text to show.
    summary = add(store, "Plan\nthe \x1b\u202e  trip", NOW, text="hello")
    store.add_message(summary.id, role="assistant", content="hi", model="deepseek-chat")
    sidebar = make_sidebar(qtbot, store)

    index = index_of(sidebar, summary.id)
    assert index.data() == "Plan the trip"
    assert "deepseek-chat" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert sidebar.view.textElideMode() == Qt.TextElideMode.ElideRight
    assert sidebar.sizeHint().width() == 260


# -- paging -----------------------------------------------------------------------------------


def test_only_the_first_page_loads_and_scrolling_down_loads_the_next(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(250):
        add(store, f"Conversation {n}", NOW - timedelta(minutes=n))
    calls: list[dict[str, Any]] = []
    original = HistoryStore.conversations

    def spy(self: HistoryStore, **kwargs: Any) -> list[ConversationSummary]:
        calls.append(kwargs)
        return original(self, **kwargs)

    monkeypatch.setattr(HistoryStore, "conversations", spy)  # the readers' too
    sidebar = make_sidebar(qtbot, store)

    assert sidebar.list.conversation_count() == PAGE_SIZE == 100
    assert calls == [{"limit": 100, "archived": False}]
    last_loaded = sidebar.list.rows[-1]
    assert isinstance(last_loaded, ConversationSummary)

    bar = sidebar.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    settle(sidebar)

    assert sidebar.list.conversation_count() == 200
    assert calls[1] == {"limit": 100, "after": last_loaded, "archived": False}
    assert titles(sidebar) == [f"Conversation {n}" for n in range(200)]

    sidebar.pages.load_more()  # what the next scroll to the bottom does
    settle(sidebar)
    assert sidebar.list.conversation_count() == 250
    sidebar.pages.load_more()
    settle(sidebar)
    assert len(calls) == 3, "no query once the last, short page has come"


def test_scrolling_lists_each_conversation_once_when_many_share_a_time(
    qtbot: QtBot, store: HistoryStore
) -> None:
    # As after an import: paging by time alone showed the first page of these and lost the rest.
    made = [add(store, f"Imported {n}", NOW - timedelta(hours=1)) for n in range(250)]
    add(store, "Older", NOW - timedelta(hours=2))
    sidebar = make_sidebar(qtbot, store)
    assert sidebar.list.conversation_count() == PAGE_SIZE

    scroll_to_the_end(qtbot, sidebar)

    ids = [conversation.id for conversation in listed(sidebar)]
    assert ids[:-1] == sorted((c.id for c in made), reverse=True)
    assert titles(sidebar)[-1] == "Older"
    assert shown(sidebar).count("Today") == 1


def test_more_pinned_conversations_than_a_page_are_all_listed(
    qtbot: QtBot, store: HistoryStore
) -> None:
    for n in range(130):
        store.set_pinned(add(store, f"Pinned {n}", NOW - timedelta(minutes=n)).id, True)
    for n in range(20):
        add(store, f"Recent {n}", NOW - timedelta(seconds=n))
    sidebar = make_sidebar(qtbot, store)
    assert titles(sidebar) == [f"Pinned {n}" for n in range(100)]

    scroll_to_the_end(qtbot, sidebar)

    assert titles(sidebar) == [f"Pinned {n}" for n in range(130)] + [
        f"Recent {n}" for n in range(20)
    ]
    assert [row for row in shown(sidebar) if not row.startswith("- ")] == ["Pinned", "Today"]


def test_refresh_keeps_the_selection_and_the_rows_loaded(qtbot: QtBot, store: HistoryStore) -> None:
    for n in range(150):
        add(store, f"Conversation {n}", NOW - timedelta(minutes=n))
    sidebar = make_sidebar(qtbot, store)
    sidebar.pages.load_more()
    settle(sidebar)
    deep = sidebar.list.rows[-1]
    assert isinstance(deep, ConversationSummary)
    sidebar.select(deep.id)

    add(store, "Brand new", NOW + timedelta(minutes=1))
    sidebar.refresh()
    settle(sidebar)

    assert shown(sidebar)[:2] == ["Today", "- Brand new"]
    assert sidebar.list.conversation_count() == 151
    assert sidebar.view.currentIndex().data(IdRole) == deep.id
    assert sidebar.view.selectionModel().isSelected(sidebar.view.currentIndex())


def test_refresh_keeps_a_deep_scroll_position(qtbot: QtBot, store: HistoryStore) -> None:
    for n in range(350):
        add(store, f"Conversation {n}", NOW - timedelta(minutes=n))
    sidebar = make_sidebar(qtbot, store)
    scroll_to_the_end(qtbot, sidebar)
    bar = sidebar.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 300)  # rows are laid out a batch per turn
    bar.setValue(bar.maximum() - 40)
    deep = bar.value()

    sidebar.refresh()
    settle(sidebar)

    qtbot.waitUntil(lambda: bar.value() == deep)
    assert sidebar.list.conversation_count() == 350


# -- signals ----------------------------------------------------------------------------------


def test_clicking_a_row_opens_it_and_new_asks_for_a_new_conversation(
    qtbot: QtBot, store: HistoryStore
) -> None:
    first = add(store, "First", NOW - timedelta(hours=1))
    add(store, "Second", NOW - timedelta(hours=2))
    sidebar = make_sidebar(qtbot, store)

    with qtbot.waitSignal(sidebar.conversationSelected) as opened:
        click(qtbot, sidebar, first.id)
    assert opened.args == [first.id]
    assert sidebar.selected() == first.id

    with qtbot.waitSignal(sidebar.newConversationRequested):
        qtbot.mouseClick(sidebar.new_button, Qt.MouseButton.LeftButton)
    assert sidebar.new_button.objectName() == "newConversationButton"
    assert "Ctrl+N" in sidebar.new_button.toolTip()
    assert sidebar.view.objectName() == "conversationList"


def test_select_highlights_without_emitting(qtbot: QtBot, store: HistoryStore) -> None:
    summary = add(store, "Quiet", NOW)
    sidebar = make_sidebar(qtbot, store)

    with qtbot.assertNotEmitted(sidebar.conversationSelected):
        sidebar.select(summary.id)
        sidebar.refresh()
    assert sidebar.view.currentIndex().data(IdRole) == summary.id
    sidebar.select(None)
    assert not sidebar.view.selectionModel().hasSelection()


def test_enter_on_a_row_opens_it(qtbot: QtBot, store: HistoryStore) -> None:
    summary = add(store, "By keyboard", NOW)
    sidebar = make_sidebar(qtbot, store)
    sidebar.view.setCurrentIndex(index_of(sidebar, summary.id))

    with qtbot.waitSignal(sidebar.conversationSelected) as opened:
        qtbot.keyClick(sidebar.view, Qt.Key.Key_Return)
    assert opened.args == [summary.id]


def test_an_empty_history_says_so(qtbot: QtBot, store: HistoryStore) -> None:
    sidebar = make_sidebar(qtbot, store)
    assert sidebar.stack.currentWidget() is sidebar.empty
    add(store, "First", NOW)
    sidebar.refresh()
    settle(sidebar)
    assert sidebar.stack.currentWidget() is sidebar.view


def test_the_keyboard_never_stops_on_a_heading_and_enter_opens_the_row_it_is_on(
    qtbot: QtBot, store: HistoryStore
) -> None:
    newest = add(store, "Newest", NOW - timedelta(hours=1))
    older = add(store, "Older", days_ago(3))
    sidebar = make_sidebar(qtbot, store)
    view = sidebar.view
    view.setCurrentIndex(index_of(sidebar, older.id))
    view.selectionModel().clearSelection()  # a new conversation is open: current, unselected
    for key in (Qt.Key.Key_Home, Qt.Key.Key_PageUp):
        view.setCurrentIndex(index_of(sidebar, older.id))
        qtbot.keyClick(view, key)
        assert view.currentIndex().data(IdRole) == newest.id, "the row under the heading"
    view.setCurrentIndex(index_of(sidebar, older.id))
    view.selectionModel().clearSelection()
    with qtbot.waitSignal(sidebar.conversationSelected) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == [older.id]
