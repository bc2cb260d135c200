"""The conversation sidebar over a real history file: groups, paging, actions, undo, search."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.core.history import HistoryStore
from desktop_app.core.history_records import ConversationSummary, SearchHit
from desktop_app.ui.conversation_groups import IdRole, group_of
from desktop_app.ui.conversation_list import PAGE_SIZE, ConversationSidebar
from desktop_app.ui.search_results import HitRole, SnippetHtmlRole, short_date, snippet_html

NOW = datetime(2026, 10, 20, 15, 0).astimezone()
"""The injected "now", in local time: a Tuesday afternoon."""


def clock() -> datetime:
    return NOW


@pytest.fixture
def store(data_dir: Path) -> Iterator[HistoryStore]:
    data_dir.mkdir(parents=True, exist_ok=True)
    history = HistoryStore(data_dir / "history.sqlite3")
    yield history
    history.close()


def add(
    store: HistoryStore, title: str, updated_at: datetime, text: str = ""
) -> ConversationSummary:
    """A conversation last active at `updated_at` (the store sets it from created_at, and from
    each message's created_at)."""
    summary = store.create_conversation(title, created_at=updated_at)
    if text:
        store.add_message(summary.id, role="user", content=text, created_at=updated_at)
    return summary


def make_sidebar(qtbot: QtBot, store: HistoryStore) -> ConversationSidebar:
    sidebar = ConversationSidebar(store, clock=clock)
    qtbot.addWidget(sidebar)
    sidebar.resize(280, 560)
    sidebar.show()
    qtbot.waitExposed(sidebar)
    return sidebar


def shown(sidebar: ConversationSidebar) -> list[str]:
    """The list's rows as text: headers as they are, conversations as "- title"."""
    model = sidebar.view.model()
    rows = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        prefix = "- " if index.data(IdRole) else ""
        rows.append(prefix + index.data())
    return rows


def index_of(sidebar: ConversationSidebar, conversation_id: str) -> QModelIndex:
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


def search(qtbot: QtBot, sidebar: ConversationSidebar, text: str) -> None:
    sidebar.search_box.clear()
    if text.isascii():
        qtbot.keyClicks(sidebar.search_box, text)
    else:  # as an input method commits it (QTest cannot type these keys)
        sidebar.search_box.insert(text)
    qtbot.waitUntil(lambda: sidebar.searching() and not sidebar._search_timer.isActive())


def hits(sidebar: ConversationSidebar) -> list[SearchHit]:
    model = sidebar.results.model()
    return [model.index(row, 0).data(HitRole) for row in range(model.rowCount())]


def days_ago(days: int, hour: int = 12) -> datetime:
    return (NOW - timedelta(days=days)).replace(hour=hour)


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
    summary = add(store, "Plan\nthe   trip", NOW, text="hello")
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
    original = store.conversations

    def spy(**kwargs: Any) -> list[ConversationSummary]:
        calls.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(store, "conversations", spy)
    sidebar = make_sidebar(qtbot, store)

    assert sidebar.list.conversation_count() == PAGE_SIZE == 100
    assert calls == [{"limit": 100}]
    last_loaded = sidebar.list.rows[-1]
    assert isinstance(last_loaded, ConversationSummary)

    bar = sidebar.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())

    assert sidebar.list.conversation_count() == 200
    assert calls[1] == {"limit": 100, "before": last_loaded.updated_at}
    titles = [row.title for row in sidebar.list.rows if isinstance(row, ConversationSummary)]
    assert titles == [f"Conversation {n}" for n in range(200)]

    sidebar.load_more()  # what the next scroll to the bottom does
    assert sidebar.list.conversation_count() == 250
    sidebar.load_more()
    assert len(calls) == 3, "no query once the last, short page has come"


def test_refresh_keeps_the_selection_and_the_rows_loaded(qtbot: QtBot, store: HistoryStore) -> None:
    for n in range(150):
        add(store, f"Conversation {n}", NOW - timedelta(minutes=n))
    sidebar = make_sidebar(qtbot, store)
    sidebar.load_more()
    deep = sidebar.list.rows[-1]
    assert isinstance(deep, ConversationSummary)
    sidebar.select(deep.id)

    add(store, "Brand new", NOW + timedelta(minutes=1))
    sidebar.refresh()

    assert shown(sidebar)[:2] == ["Today", "- Brand new"]
    assert sidebar.list.conversation_count() == 151
    assert sidebar.view.currentIndex().data(IdRole) == deep.id
    assert sidebar.view.selectionModel().isSelected(sidebar.view.currentIndex())


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


# -- actions ----------------------------------------------------------------------------------


def test_rename_from_the_menu_edits_the_title_in_place(qtbot: QtBot, store: HistoryStore) -> None:
    summary = add(store, "Old title", NOW)
    sidebar = make_sidebar(qtbot, store)

    trigger(sidebar, summary.id, "Rename…")
    editor = sidebar.view.findChild(QLineEdit)
    assert editor is not None
    assert editor.text() == "Old title"
    editor.selectAll()
    qtbot.keyClicks(editor, "New title")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on its next turn

    qtbot.waitUntil(lambda: index_of(sidebar, summary.id).data() == "New title")
    assert store.conversations()[0].title == "New title"


def test_a_refresh_waits_until_the_title_is_edited(qtbot: QtBot, store: HistoryStore) -> None:
    summary = add(store, "Old title", NOW)
    sidebar = make_sidebar(qtbot, store)
    sidebar.start_rename(summary.id)
    editor = sidebar.view.findChild(QLineEdit)
    assert editor is not None
    editor.end(False)
    qtbot.keyClicks(editor, " (edited)")

    add(store, "Arrived meanwhile", NOW + timedelta(minutes=1))
    sidebar.refresh()
    assert sidebar.view.editing()
    assert "Arrived meanwhile" not in "".join(shown(sidebar))

    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: shown(sidebar) == ["Today", "- Arrived meanwhile", "- Old title (edited)"]
    )


def test_rename_ignores_a_blank_title(qtbot: QtBot, store: HistoryStore) -> None:
    summary = add(store, "Kept", NOW)
    sidebar = make_sidebar(qtbot, store)

    sidebar.rename(summary.id, "   ")
    assert store.conversations()[0].title == "Kept"
    sidebar.rename(summary.id, "  Trimmed\n title ")
    assert store.conversations()[0].title == "Trimmed title"
    assert index_of(sidebar, summary.id).data() == "Trimmed title"


def test_pin_and_unpin(qtbot: QtBot, store: HistoryStore) -> None:
    add(store, "Newer", NOW)
    older = add(store, "Older", days_ago(3))
    sidebar = make_sidebar(qtbot, store)

    trigger(sidebar, older.id, "Pin")
    assert shown(sidebar) == ["Pinned", "- Older", "Today", "- Newer"]
    trigger(sidebar, older.id, "Unpin")
    assert shown(sidebar) == ["Today", "- Newer", "Previous 7 days", "- Older"]


def test_archive_removes_the_row_and_undo_brings_it_back(qtbot: QtBot, store: HistoryStore) -> None:
    kept = add(store, "Kept", NOW)
    gone = add(store, "Archived", NOW - timedelta(hours=1))
    sidebar = make_sidebar(qtbot, store)

    trigger(sidebar, gone.id, "Archive")
    assert shown(sidebar) == ["Today", "- Kept"]
    assert [c.id for c in store.conversations(archived=True)] == [gone.id]
    assert sidebar.undo_bar.isVisible()

    sidebar.undo_bar.button.click()
    assert [c.id for c in store.conversations()] == [kept.id, gone.id]
    assert shown(sidebar) == ["Today", "- Kept", "- Archived"]


def test_delete_offers_undo(qtbot: QtBot, store: HistoryStore) -> None:
    add(store, "Kept", NOW)
    gone = add(store, "Deleted", NOW - timedelta(hours=1))
    sidebar = make_sidebar(qtbot, store)

    with qtbot.waitSignal(sidebar.conversationDeleted) as deleted:
        trigger(sidebar, gone.id, "Delete")
    assert deleted.args == [gone.id]
    assert shown(sidebar) == ["Today", "- Kept"]
    assert sidebar.undo_bar.isVisible()
    assert "deleted" in sidebar.undo_bar.label.text()

    qtbot.mouseClick(sidebar.undo_bar.button, Qt.MouseButton.LeftButton)
    assert shown(sidebar) == ["Today", "- Kept", "- Deleted"]
    assert not sidebar.undo_bar.isVisible()
    sidebar.undo_bar.undo()  # a second undo does nothing
    assert shown(sidebar) == ["Today", "- Kept", "- Deleted"]


def test_the_undo_bar_goes_away_by_itself(qtbot: QtBot, store: HistoryStore) -> None:
    gone = add(store, "Deleted", NOW)
    sidebar = make_sidebar(qtbot, store)
    sidebar.undo_bar._timer.setInterval(10)  # 8 s in the app

    sidebar.delete(gone.id)
    qtbot.waitUntil(lambda: not sidebar.undo_bar.isVisible())
    assert store.conversations() == []


def test_the_delete_key_deletes_the_selected_row(qtbot: QtBot, store: HistoryStore) -> None:
    add(store, "Kept", NOW)
    gone = add(store, "Deleted", NOW - timedelta(hours=1))
    sidebar = make_sidebar(qtbot, store)
    click(qtbot, sidebar, gone.id)

    qtbot.keyClick(sidebar.view, Qt.Key.Key_Delete)
    assert shown(sidebar) == ["Today", "- Kept"]
    assert sidebar.undo_bar.isVisible()


def test_the_context_menu_belongs_to_rows_only(qtbot: QtBot, store: HistoryStore) -> None:
    pinned = add(store, "Pinned", NOW)
    store.set_pinned(pinned.id, True)
    sidebar = make_sidebar(qtbot, store)

    texts = [a.text() for a in sidebar.menu_for(pinned.id).actions() if a.text()]
    assert texts == ["Rename…", "Unpin", "Archive", "Delete"]
    assert sidebar.view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    below = QPoint(5, sidebar.view.visualRect(index_of(sidebar, pinned.id)).bottom() + 5)
    assert not sidebar.view.indexAt(below).isValid()
    sidebar._show_menu(below)  # returns at once: a menu would wait for the user


# -- search -----------------------------------------------------------------------------------


def test_typing_finds_a_message_by_a_word_and_highlights_it(
    qtbot: QtBot, store: HistoryStore
) -> None:
    older = add(store, "Foxes", days_ago(2), text="the quick brown fox jumps")
    newer = add(store, "Bears", NOW, text="a brown bear sleeps")
    add(store, "Other", NOW, text="nothing to see")
    sidebar = make_sidebar(qtbot, store)

    search(qtbot, sidebar, "brown")

    assert sidebar.stack.currentWidget() is sidebar.results
    assert [(h.conversation_id, h.conversation_title) for h in hits(sidebar)] == [
        (newer.id, "Bears"),
        (older.id, "Foxes"),
    ]
    document = QTextDocument()
    document.setHtml(sidebar.results.model().index(1, 0).data(SnippetHtmlRole))
    assert "the quick brown fox jumps" in document.toPlainText()
    assert bold_words(document) == ["brown"]
    assert not sidebar.results.grab().isNull()  # the delegate paints


def bold_words(document: QTextDocument) -> list[str]:
    words = []
    block = document.begin()
    while block.isValid():
        piece = block.begin()
        while not piece.atEnd():
            fragment = piece.fragment()
            if fragment.charFormat().fontWeight() >= QFont.Weight.Bold:
                words.append(fragment.text())
            piece += 1
        block = block.next()
    return words


@pytest.mark.parametrize("query", ["北京", "去北京看"])
def test_a_chinese_substring_is_found(qtbot: QtBot, store: HistoryStore, query: str) -> None:
    summary = add(store, "旅行", NOW, text="我们明天去北京看长城，然后吃烤鸭。")
    add(store, "Other", NOW, text="上海的天气")
    sidebar = make_sidebar(qtbot, store)

    search(qtbot, sidebar, query)

    assert [h.conversation_id for h in hits(sidebar)] == [summary.id]
    document = QTextDocument()
    document.setHtml(sidebar.results.model().index(0, 0).data(SnippetHtmlRole))
    assert "".join(bold_words(document)) == query


def test_markup_in_a_message_is_shown_as_text(qtbot: QtBot, store: HistoryStore) -> None:
    add(store, "Markup", NOW, text="please show <b>x</b> & <i>y</i> literally")
    sidebar = make_sidebar(qtbot, store)

    search(qtbot, sidebar, "literally")

    document = QTextDocument()
    document.setHtml(sidebar.results.model().index(0, 0).data(SnippetHtmlRole))
    assert "<b>x</b> & <i>y</i>" in document.toPlainText()
    assert bold_words(document) == ["literally"]


def test_snippet_markers_become_bold_and_only_them() -> None:
    assert snippet_html("a [[<b>]] b [[c]]") == "a <b>&lt;b&gt;</b> b <b>c</b>"
    assert snippet_html("unbalanced [[ marker") == "unbalanced [[ marker"
    assert snippet_html("line\nbreak") == "line break"


def test_a_hit_says_when_in_local_time() -> None:
    today = NOW.date()
    assert short_date(NOW.replace(hour=9, minute=5), today) == "09:05"
    assert short_date(datetime(2026, 3, 7, 12).astimezone(), today) == "7 Mar"
    assert short_date(datetime(2025, 12, 31, 12).astimezone(), today) == "31 Dec 2025"


def test_activating_a_result_opens_its_conversation_at_the_message(
    qtbot: QtBot, store: HistoryStore
) -> None:
    summary = add(store, "Target", NOW, text="find the needle here")
    sidebar = make_sidebar(qtbot, store)
    search(qtbot, sidebar, "needle")
    hit = hits(sidebar)[0]
    center = sidebar.results.visualRect(sidebar.results.model().index(0, 0)).center()

    with (
        qtbot.waitSignal(sidebar.conversationSelected) as opened,
        qtbot.waitSignal(sidebar.messageSelected) as at_message,
    ):
        qtbot.mouseClick(sidebar.results.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert opened.args == [summary.id]
    assert at_message.args == [summary.id, hit.message_id]

    with qtbot.waitSignal(sidebar.messageSelected) as by_keyboard:
        qtbot.keyClick(sidebar.search_box, Qt.Key.Key_Return)
    assert by_keyboard.args == [summary.id, hit.message_id]


def test_keys_in_the_search_box_lead_to_the_rows(qtbot: QtBot, store: HistoryStore) -> None:
    summary = add(store, "Target", NOW, text="find the needle here")
    sidebar = make_sidebar(qtbot, store)

    qtbot.keyClick(sidebar.search_box, Qt.Key.Key_Down)
    assert sidebar.view.currentIndex().data(IdRole) == summary.id  # the first row, not a header

    qtbot.keyClicks(sidebar.search_box, "needle")
    with qtbot.waitSignal(sidebar.messageSelected):  # Enter does not wait for the pause
        qtbot.keyClick(sidebar.search_box, Qt.Key.Key_Return)
    assert sidebar.results.currentIndex().row() == 0


@pytest.mark.parametrize(
    "query", ['"unbalanced AND (', "NEAR(", "*", "a OR", "'; DROP TABLE x; --", "^-:"]
)
def test_hostile_input_shows_no_error(qtbot: QtBot, store: HistoryStore, query: str) -> None:
    add(store, "Plain", NOW, text="an unbalanced sentence")
    sidebar = make_sidebar(qtbot, store)

    search(qtbot, sidebar, query)

    assert sidebar.stack.currentWidget() in (sidebar.results, sidebar.empty)


def test_no_match_says_so(qtbot: QtBot, store: HistoryStore) -> None:
    add(store, "Plain", NOW, text="hello")
    sidebar = make_sidebar(qtbot, store)

    search(qtbot, sidebar, "zebra")

    assert sidebar.stack.currentWidget() is sidebar.empty
    assert "zebra" in sidebar.empty.text()


def test_clearing_the_search_returns_to_the_list(qtbot: QtBot, store: HistoryStore) -> None:
    add(store, "Plain", NOW, text="hello world")
    sidebar = make_sidebar(qtbot, store)
    search(qtbot, sidebar, "hello")

    sidebar.search_box.clear()
    assert sidebar.stack.currentWidget() is sidebar.view

    search(qtbot, sidebar, "hello")
    qtbot.keyClick(sidebar.search_box, Qt.Key.Key_Escape)
    assert sidebar.search_box.text() == ""
    assert sidebar.stack.currentWidget() is sidebar.view


def test_esc_clears_the_search_before_the_window_sees_it(qtbot: QtBot, store: HistoryStore) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    stops: list[bool] = []
    QShortcut(QKeySequence(Qt.Key.Key_Escape), window, lambda: stops.append(True))
    sidebar = ConversationSidebar(store, window, clock=clock)
    window.show()
    qtbot.waitExposed(window)
    sidebar.search_box.setFocus()
    search(qtbot, sidebar, "anything")

    qtbot.keyClick(sidebar.search_box, Qt.Key.Key_Escape)
    assert sidebar.search_box.text() == ""
    assert stops == []
    qtbot.keyClick(sidebar.search_box, Qt.Key.Key_Escape)  # nothing to clear: the window's Esc
    assert stops == [True]


def test_the_search_box_is_ready_for_ctrl_k(qtbot: QtBot, store: HistoryStore) -> None:
    sidebar = make_sidebar(qtbot, store)
    sidebar.search_box.setText("old query")
    sidebar.activateWindow()

    sidebar.focus_search()

    qtbot.waitUntil(lambda: QApplication.focusWidget() is sidebar.search_box)
    assert sidebar.search_box.selectedText() == "old query"
    assert sidebar.search_box.objectName() == "searchBox"
    assert sidebar.search_box.placeholderText() == "Search (Ctrl+K)"
    assert sidebar.search_box.isClearButtonEnabled()


def test_an_empty_history_says_so(qtbot: QtBot, store: HistoryStore) -> None:
    sidebar = make_sidebar(qtbot, store)
    assert sidebar.stack.currentWidget() is sidebar.empty
    add(store, "First", NOW)
    sidebar.refresh()
    assert sidebar.stack.currentWidget() is sidebar.view
