"""The archive in the sidebar: the toggle, its list, unarchiving, and search across both."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desktop_app.core.history.records import ConversationSummary
from desktop_app.core.history.store import HistoryStore
from desktop_app.ui.sidebar.conversation_list import ConversationSidebar
from desktop_app.ui.sidebar.conversation_pages import PAGE_SIZE
from tests.support.ui.gui_thread_guard import checking_the_store
from tests.support.ui.sidebar_helpers import (
    NOW,
    add,
    click,
    click_first_hit,
    days_ago,
    hits,
    index_of,
    listed,
    make_sidebar,
    menu_texts,
    scroll_to_the_end,
    search,
    settle,
    shown,
    titles,
    trigger,
)

# Every read of the history happens off the GUI thread (desktop_app/ui/history/reads.py).
pytestmark = pytest.mark.usefixtures("no_reads_on_the_gui_thread")


def archived(store: HistoryStore, title: str, text: str = "", days: int = 0) -> ConversationSummary:
    summary = add(store, title, days_ago(days), text=text)
    store.set_archived(summary.id, True)
    return summary


def open_archive(qtbot: QtBot, sidebar: ConversationSidebar) -> None:
    qtbot.mouseClick(sidebar.archive_button, Qt.MouseButton.LeftButton)
    assert sidebar.showing_archived()
    settle(sidebar)


def test_the_toggle_switches_to_the_archive_and_back(qtbot: QtBot, store: HistoryStore) -> None:
    add(store, "Current", NOW)
    archived(store, "Old plan", days=3)
    archived(store, "Older plan", days=40)
    sidebar = make_sidebar(qtbot, store)
    button = sidebar.archive_button
    assert button.objectName() == "archivedButton"
    assert (button.isVisible(), button.text(), button.isChecked()) == (True, "Archived (2)", False)
    assert not sidebar.archive_heading.isVisible()

    open_archive(qtbot, sidebar)

    assert shown(sidebar) == ["Previous 7 days", "- Old plan", "September 2026", "- Older plan"]
    assert (button.text(), button.isChecked()) == ("Back to conversations", True)
    assert sidebar.archive_heading.isVisible()
    assert sidebar.archive_heading.objectName() == "archivedHeading"

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(sidebar)

    assert not sidebar.showing_archived()
    assert shown(sidebar) == ["Today", "- Current"]
    assert (button.text(), button.isChecked()) == ("Archived (2)", False)
    assert not sidebar.archive_heading.isVisible()


def test_the_toggle_appears_with_the_first_archived_conversation(
    qtbot: QtBot, store: HistoryStore
) -> None:
    kept = add(store, "Kept", NOW)
    sidebar = make_sidebar(qtbot, store)
    assert not sidebar.archive_button.isVisible()

    trigger(sidebar, kept.id, "Archive")

    assert sidebar.archive_button.isVisible()
    assert sidebar.archive_button.text() == "Archived (1)"
    sidebar.undo_bar.undo()
    settle(sidebar)
    assert not sidebar.archive_button.isVisible()


def test_the_archive_menu_offers_unarchive_rename_and_delete(
    qtbot: QtBot, store: HistoryStore
) -> None:
    old = archived(store, "Old")
    sidebar = make_sidebar(qtbot, store)
    open_archive(qtbot, sidebar)

    assert menu_texts(sidebar, old.id) == ["Rename…", "Unarchive", "Delete"]


def test_unarchive_moves_a_conversation_back_to_the_list(qtbot: QtBot, store: HistoryStore) -> None:
    add(store, "Current", NOW)
    old = archived(store, "Old", days=2)
    sidebar = make_sidebar(qtbot, store)
    open_archive(qtbot, sidebar)

    trigger(sidebar, old.id, "Unarchive")

    assert sidebar.stack.currentWidget() is sidebar.empty
    assert sidebar.empty.text() == "No archived conversations."
    assert sidebar.archive_button.isVisible(), "the way back stays"
    assert sidebar.undo_bar.label.text() == "Conversation unarchived"
    qtbot.mouseClick(sidebar.archive_button, Qt.MouseButton.LeftButton)
    assert shown(sidebar) == ["Today", "- Current", "Previous 7 days", "- Old"]
    assert not sidebar.archive_button.isVisible()

    sidebar.undo_bar.undo()  # archived again
    assert shown(sidebar) == ["Today", "- Current"]
    with checking_the_store():
        assert [c.id for c in store.conversations(archived=True)] == [old.id]


def test_an_archived_conversation_opens_as_any_other(qtbot: QtBot, store: HistoryStore) -> None:
    old = archived(store, "Old")
    other = archived(store, "Other", days=1)
    sidebar = make_sidebar(qtbot, store)
    open_archive(qtbot, sidebar)

    with qtbot.waitSignal(sidebar.conversationSelected) as opened:
        click(qtbot, sidebar, old.id)
    assert opened.args == [old.id]
    assert sidebar.selected() == old.id

    sidebar.view.setCurrentIndex(index_of(sidebar, other.id))
    with qtbot.waitSignal(sidebar.conversationSelected) as by_keyboard:
        qtbot.keyClick(sidebar.view, Qt.Key.Key_Return)
    assert by_keyboard.args == [other.id]


def test_rename_and_delete_in_the_archive(qtbot: QtBot, store: HistoryStore) -> None:
    old = archived(store, "Old title")
    gone = archived(store, "Gone", days=1)
    sidebar = make_sidebar(qtbot, store)
    open_archive(qtbot, sidebar)

    trigger(sidebar, old.id, "Rename…")
    editor = sidebar.view.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "New title")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: index_of(sidebar, old.id).data() == "New title")

    with qtbot.waitSignal(sidebar.conversationDeleted) as deleted:
        trigger(sidebar, gone.id, "Delete")
    assert deleted.args == [gone.id]
    assert titles(sidebar) == ["New title"]
    assert sidebar.archive_button.isChecked()
    sidebar.undo_bar.undo()
    assert titles(sidebar) == ["New title", "Gone"], "back in the archive, where it was"


def test_search_covers_archived_conversations_from_either_list(
    qtbot: QtBot, store: HistoryStore
) -> None:
    current = add(store, "Current", NOW, text="the walrus in the zoo")
    old = archived(store, "Old", text="a walrus on the ice", days=2)
    sidebar = make_sidebar(qtbot, store)

    search(qtbot, sidebar, "walrus")
    assert [h.conversation_id for h in hits(sidebar)] == [old.id, current.id]  # newest first
    opened, at_message = click_first_hit(qtbot, sidebar)
    assert opened == [old.id]
    assert at_message == [old.id, hits(sidebar)[0].message_id]

    sidebar.search_box.clear()
    open_archive(qtbot, sidebar)
    search(qtbot, sidebar, "walrus")
    assert [h.conversation_id for h in hits(sidebar)] == [old.id, current.id]

    qtbot.keyClick(sidebar.search_box, Qt.Key.Key_Escape)
    assert sidebar.stack.currentWidget() is sidebar.view
    assert titles(sidebar) == ["Old"], "back to the archive, not to the list"


def test_each_list_loads_a_page_at_a_time_from_its_top(qtbot: QtBot, store: HistoryStore) -> None:
    for n in range(150):
        add(store, f"Current {n}", NOW - timedelta(minutes=n))
    made = [archived(store, f"Archived {n}", days=5) for n in range(230)]  # one time for all
    sidebar = make_sidebar(qtbot, store)
    scroll_to_the_end(qtbot, sidebar)
    assert sidebar.list.conversation_count() == 150
    assert sidebar.archive_button.text() == "Archived (230)"

    open_archive(qtbot, sidebar)
    assert sidebar.list.conversation_count() == PAGE_SIZE
    assert sidebar.view.verticalScrollBar().value() == 0
    scroll_to_the_end(qtbot, sidebar)
    ids = [conversation.id for conversation in listed(sidebar)]
    assert ids == sorted((c.id for c in made), reverse=True)

    qtbot.mouseClick(sidebar.archive_button, Qt.MouseButton.LeftButton)
    assert titles(sidebar) == [f"Current {n}" for n in range(PAGE_SIZE)]
    assert sidebar.view.verticalScrollBar().value() == 0


def test_new_conversation_from_the_archive_returns_to_the_list(
    qtbot: QtBot, store: HistoryStore
) -> None:
    add(store, "Current", NOW - timedelta(hours=1))
    archived(store, "Old")
    sidebar = make_sidebar(qtbot, store)
    open_archive(qtbot, sidebar)

    with qtbot.waitSignal(sidebar.newConversationRequested):
        qtbot.mouseClick(sidebar.new_button, Qt.MouseButton.LeftButton)

    assert not sidebar.showing_archived()
    assert titles(sidebar) == ["Current"]
