"""Acting on a listed conversation: rename, pin, archive, delete, undo, the context menu."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QMenu
from pytestqt.qtbot import QtBot

from desktop_app.core.history.store import HistoryStore
from tests.support.ui.gui_thread_guard import checking_the_store
from tests.support.ui.sidebar_helpers import (
    NOW,
    add,
    click,
    days_ago,
    highlighted,
    index_of,
    make_sidebar,
    menu_texts,
    right_click,
    settle,
    shown,
    trigger,
)

# Every read of the history happens off the GUI thread (desktop_app/ui/history/reads.py).
pytestmark = pytest.mark.usefixtures("no_reads_on_the_gui_thread")

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
    with checking_the_store():
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
    with checking_the_store():
        assert store.conversations()[0].title == "Kept"
    sidebar.rename(summary.id, "  Trimmed\n title ")
    with checking_the_store():
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
    with checking_the_store():
        assert [c.id for c in store.conversations(archived=True)] == [gone.id]
    assert sidebar.undo_bar.isVisible()

    sidebar.undo_bar.button.click()
    settle(sidebar)
    with checking_the_store():
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
    with checking_the_store():
        assert store.conversations() == []


def test_the_delete_key_deletes_the_selected_row(qtbot: QtBot, store: HistoryStore) -> None:
    add(store, "Kept", NOW)
    gone = add(store, "Deleted", NOW - timedelta(hours=1))
    sidebar = make_sidebar(qtbot, store)
    click(qtbot, sidebar, gone.id)

    qtbot.keyClick(sidebar.view, Qt.Key.Key_Delete)
    assert shown(sidebar) == ["Today", "- Kept"]
    assert sidebar.undo_bar.isVisible()
    sidebar.view.setFocus()
    qtbot.keyClick(sidebar.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Undo's keys
    assert shown(sidebar) == ["Today", "- Kept", "- Deleted"]
    assert not sidebar.undo_bar.isVisible()


def test_the_context_menu_belongs_to_rows_only(qtbot: QtBot, store: HistoryStore) -> None:
    pinned = add(store, "Pinned", NOW)
    store.set_pinned(pinned.id, True)
    sidebar = make_sidebar(qtbot, store)

    assert menu_texts(sidebar, pinned.id) == ["Rename…", "Unpin", "Archive", "Delete"]
    assert sidebar.view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    below = QPoint(5, sidebar.view.visualRect(index_of(sidebar, pinned.id)).bottom() + 5)
    assert not sidebar.view.indexAt(below).isValid()
    sidebar._show_menu(below)  # returns at once: a menu would wait for the user


# -- the highlight is the open conversation ------------------------------------------------------


def choose(text: str) -> Callable[[QMenu], None]:
    """Pick a menu's item (an empty `text`: press Esc instead)."""

    def pick(menu: QMenu) -> None:
        if not text:
            QTest.keyClick(menu, Qt.Key.Key_Escape)
            return
        action = next(a for a in menu.actions() if a.text() == text)
        menu.setActiveAction(action)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    return pick


@pytest.mark.parametrize("item", ["", "Pin", "Rename…"])
def test_a_right_clicked_row_is_not_highlighted_as_if_it_were_open(
    qtbot: QtBot, store: HistoryStore, item: str
) -> None:
    # Issue 13: right-clicking a row moved the highlight to it, the open conversation unchanged.
    opened = add(store, "Open", NOW)
    other = add(store, "Other", NOW - timedelta(hours=1))
    sidebar = make_sidebar(qtbot, store)
    click(qtbot, sidebar, opened.id)
    during: list[tuple[list[str], str | None]] = []

    def look_then_choose(menu: QMenu) -> None:
        during.append((highlighted(sidebar), sidebar.view.outlined_id()))
        choose(item)(menu)

    with qtbot.assertNotEmitted(sidebar.conversationSelected):
        right_click(qtbot, sidebar, other.id, look_then_choose)
    assert during == [([opened.id], other.id)]  # the open one selected, the menu's outlined
    assert sidebar.view.outlined_id() is None
    editor = sidebar.view.findChild(QLineEdit)
    if item == "Rename…":
        assert editor is not None
        qtbot.keyClick(editor, Qt.Key.Key_Return)  # the title as it was
        qtbot.waitUntil(lambda: not sidebar.view.editing())
    settle(sidebar)
    assert sidebar.selected() == opened.id
    assert highlighted(sidebar) == [opened.id]
