"""Searching from the sidebar: hits, highlighting, keys, hostile input, the empty states."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.core.history.store import HistoryStore
from desktop_app.ui.sidebar.conversation_groups import IdRole
from desktop_app.ui.sidebar.conversation_list import ConversationSidebar
from desktop_app.ui.sidebar.search_results import (
    SearchResults,
    SnippetRunsRole,
    short_date,
    snippet_runs,
)
from tests.support.ui.sidebar_helpers import (
    NOW,
    add,
    click_first_hit,
    clock,
    days_ago,
    hits,
    make_sidebar,
    search,
)

# Every read of the history happens off the GUI thread (desktop_app/ui/history/reads.py).
pytestmark = pytest.mark.usefixtures("no_reads_on_the_gui_thread")

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
    assert "the quick brown fox jumps" in plain_text(sidebar.results, 1)
    assert bold_words(sidebar.results, 1) == ["brown"]
    assert not sidebar.results.grab().isNull()  # the delegate paints


def plain_text(results: SearchResults, row: int) -> str:
    return "".join(piece for piece, _ in results.model().index(row, 0).data(SnippetRunsRole))


def bold_words(results: SearchResults, row: int) -> list[str]:
    """The snippet's bold words as the delegate lays them out for painting."""
    index = results.model().index(row, 0)
    layout = results.snippets.snippet_layout(index, results.font(), 400)
    text = layout.text()
    words = []
    for marked in layout.formats():
        assert marked.format.fontWeight() >= QFont.Weight.Bold
        units = text.encode("utf-16-le")[2 * marked.start : 2 * (marked.start + marked.length)]
        words.append(units.decode("utf-16-le"))
    return words


def test_a_long_snippet_is_laid_out_in_two_lines_at_most(qtbot: QtBot, store: HistoryStore) -> None:
    add(store, "Long", NOW, text=" ".join(["filler words here"] * 60 + ["🦊🦊 needle end"]))
    sidebar = make_sidebar(qtbot, store)
    search(qtbot, sidebar, "needle")
    layout = sidebar.results.snippets.snippet_layout(
        sidebar.results.model().index(0, 0), sidebar.results.font(), 200
    )
    assert 1 <= layout.lineCount() <= 2
    assert bold_words(sidebar.results, 0) == ["needle"]


def test_the_hits_in_sight_are_laid_out_before_they_are_painted(
    qtbot: QtBot, store: HistoryStore
) -> None:
    for n in range(30):
        add(store, f"Chat {n}", NOW, text=f"message {n} with the needle inside it")
    sidebar = make_sidebar(qtbot, store)
    search(qtbot, sidebar, "needle")
    results = sidebar.results
    qtbot.waitUntil(results.updatesEnabled)  # painted once the rows in sight are laid out
    kept = results.snippets.kept()
    rows = results.model().rowCount()
    assert rows == 30
    assert 1 < kept < rows, "the rows in sight, not all"
    results.viewport().repaint()
    assert results.snippets.kept() == kept, "the paint found every snippet it drew laid out"
    assert len(hits(sidebar)) == rows


@pytest.mark.parametrize("query", ["北京", "去北京看"])
def test_a_chinese_substring_is_found(qtbot: QtBot, store: HistoryStore, query: str) -> None:
    summary = add(store, "旅行", NOW, text="我们明天去北京看长城，然后吃烤鸭。")
    add(store, "Other", NOW, text="上海的天气")
    sidebar = make_sidebar(qtbot, store)

    search(qtbot, sidebar, query)

    assert [h.conversation_id for h in hits(sidebar)] == [summary.id]
    assert "".join(bold_words(sidebar.results, 0)) == query


def test_markup_in_a_message_is_shown_as_text(qtbot: QtBot, store: HistoryStore) -> None:
    add(store, "Markup", NOW, text="please show <b>x</b> & <i>y</i> literally")
    sidebar = make_sidebar(qtbot, store)

    search(qtbot, sidebar, "literally")

    assert "<b>x</b> & <i>y</i>" in plain_text(sidebar.results, 0)
    assert bold_words(sidebar.results, 0) == ["literally"]


def test_snippet_markers_become_bold_and_only_them() -> None:
    assert snippet_runs("a [[<b>]] b [[c]]") == [
        ("a ", False),
        ("<b>", True),
        (" b ", False),
        ("c", True),
    ]
    assert snippet_runs("unbalanced [[ marker") == [("unbalanced [[ marker", False)]
    assert snippet_runs("line\nbreak") == [("line break", False)]
    assert snippet_runs("🦊 [[狐狸]]") == [("🦊 ", False), ("狐狸", True)]


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
    opened, at_message = click_first_hit(qtbot, sidebar)
    assert opened == [summary.id]
    assert at_message == [summary.id, hit.message_id]

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


def test_the_results_page_is_made_at_the_first_key_not_at_start_nor_with_the_hits(
    qtbot: QtBot, store: HistoryStore
) -> None:
    add(store, "Foxes", NOW, text="the quick brown fox")
    sidebar = make_sidebar(qtbot, store)
    pages = sidebar.stack.count()  # the list and the empty-state text
    sidebar.search_box.setText("b")
    assert sidebar.stack.count() == pages + 1  # the results page, before the search has run
    assert not sidebar.search_done()  # the search waits for a pause in typing
    search(qtbot, sidebar, "brown")
    assert sidebar.stack.currentWidget() is sidebar.results
    assert sidebar.stack.count() == pages + 1
