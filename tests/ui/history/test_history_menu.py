"""The menus driven as a user does: export and import (menu action, file dialog, result), and
the dialogs the window loads when first opened (spending, about)."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QProgressDialog
from pytestqt.qtbot import QtBot

from desktop_app.core.errors import HistoryBusy
from desktop_app.core.history.records import ConversationSummary
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.parameters import Parameters
from desktop_app.ui.history.files import JSON_FILTER, MARKDOWN_FILTER
from desktop_app.ui.history.importing import ImportRun
from desktop_app.ui.main_window import MainWindow
from tests.support.history.history_samples import chatgpt_export, fill
from tests.support.ui.held_import import held_progress
from tests.support.ui.window_actions import answer_dialog, menu_action
from tests.support.waiting import reads_shown


def test_export_all_writes_the_json_export(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    ids = fill(window.services.store)
    target = tmp_path / "backup"  # no extension typed: the chosen format's is added
    captions = answer_dialog(window, target, JSON_FILTER)
    menu_action(window, "Export all conversations").trigger()
    assert "Exporting to" in window.statusBar().currentMessage()
    reads_shown(qtbot, window.files.reads)  # read and written off the GUI thread
    data = json.loads((tmp_path / "backup.json").read_text(encoding="utf-8"))
    assert data["format"] == "tally-export"
    assert {c["id"] for c in data["conversations"]} == set(ids.values())
    assert captions == ["Export all conversations"]
    assert "Exported 3 conversations" in window.statusBar().currentMessage()


def test_export_the_open_conversation_as_markdown(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    ids = fill(window.services.store)
    window.open_conversation(ids["sorting"])
    answer_dialog(window, tmp_path / "sorting.md", MARKDOWN_FILTER)
    menu_action(window, "Export conversation").trigger()
    reads_shown(qtbot, window.files.reads)
    text = (tmp_path / "sorting.md").read_text(encoding="utf-8")
    assert text.startswith("# Sorting in Python")
    assert "How do I sort a list?" in text
    assert not (tmp_path / "sorting.md.part").exists()


def test_an_export_that_cannot_be_written_says_why_in_the_banner(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    fill(window.services.store)
    target = tmp_path / "backup.json"
    target.mkdir()  # a folder of that name: the file cannot take its place
    answer_dialog(window, target, JSON_FILTER)
    menu_action(window, "Export all conversations").trigger()
    qtbot.waitUntil(lambda: not window.banner.isHidden())
    assert f"Cannot write {target}" in window.banner.label.text()
    assert not window.files.reads.pending()


def test_export_with_nothing_open_says_so(window: MainWindow, tmp_path: Path) -> None:
    captions = answer_dialog(window, tmp_path / "x.md")
    window.new_conversation()
    menu_action(window, "Export conversation").trigger()
    assert captions == []  # no dialog for nothing
    assert "Nothing to export" in window.statusBar().currentMessage()


def test_cancelling_the_dialog_writes_nothing(window: MainWindow, tmp_path: Path) -> None:
    fill(window.services.store)
    answer_dialog(window, Path(""))
    window.files.choose_save = lambda *_: ("", "")
    menu_action(window, "Export all conversations").trigger()
    assert [p.name for p in tmp_path.iterdir()] == ["tally-data"]  # the app's own, no export
    assert window.banner.isHidden()


def test_import_adds_conversations_to_the_sidebar_once(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    export = chatgpt_export()
    source = tmp_path / "conversations.json"
    source.write_text(json.dumps(export), encoding="utf-8")
    answer_dialog(window, source)
    menu_action(window, "Import conversations").trigger()
    assert window.files.importing is not None  # on a thread of its own
    imported(qtbot, window)
    store = window.services.store
    assert f"Imported {len(export)} conversations." == window.statusBar().currentMessage()
    reads_shown(qtbot, window.sidebar.reads)
    model = window.sidebar.list
    titles = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert export[0]["title"] in titles  # the sidebar was refreshed
    listed = [*store.conversations(limit=100), *store.conversations(limit=100, archived=True)]
    assert len(listed) == len(export)
    menu_action(window, "Import conversations").trigger()
    imported(qtbot, window)
    again = [*store.conversations(limit=100), *store.conversations(limit=100, archived=True)]
    assert len(again) == len(export)
    assert "already in the history, skipped" in window.statusBar().currentMessage()


def test_a_malformed_file_is_explained_in_the_banner(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    source = tmp_path / "broken.json"
    source.write_text('{"format": "tally-export", "version": 1, "conversations": [{}]}')
    answer_dialog(window, source)
    menu_action(window, "Import conversations").trigger()
    imported(qtbot, window)
    assert not window.banner.isHidden()
    assert "broken.json" in window.banner.label.text()
    assert window.services.store.conversations(limit=10) == []


def test_an_import_shows_its_progress_and_can_be_cancelled(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "conversations.json"
    source.write_text(json.dumps(chatgpt_export()), encoding="utf-8")
    gate = threading.Event()
    progress = ImportRun._progress

    def held(run: ImportRun, done: int, total: int) -> None:
        gate.wait(10)  # the worker waits here until the user has pressed Cancel
        progress(run, done, total)

    monkeypatch.setattr(ImportRun, "_progress", held)
    answer_dialog(window, source)
    menu_action(window, "Import conversations").trigger()
    dialog = window.findChild(QProgressDialog, "importProgress")
    assert dialog is not None
    menu_action(window, "Import conversations").trigger()  # one at a time
    assert window.statusBar().currentMessage() == "An import is running already."
    dialog.canceled.emit()
    gate.set()
    imported(qtbot, window)
    assert window.statusBar().currentMessage() == "Import cancelled: nothing was imported."
    store = window.services.store
    assert store.conversations(limit=10) == store.conversations(limit=10, archived=True) == []
    assert window.findChild(QProgressDialog, "importProgress") is None or not dialog.isVisible()


def test_the_window_reads_the_history_while_an_import_writes_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = fill(window.services.store)
    export = chatgpt_export()
    gate = import_held(qtbot, window, tmp_path, monkeypatch, export)
    store = window.services.store  # the window's own connection is free: not the import's
    listed = [*store.conversations(limit=100), *store.conversations(limit=100, archived=True)]
    assert {c.id for c in listed} == set(ids.values())
    assert store.search("sort")  # and the import's rows are not seen before they are whole
    window.open_conversation(ids["sorting"])
    with pytest.raises(HistoryBusy):  # at once, not after waiting for the import's lock
        store.rename(ids["sorting"], "Renamed meanwhile")
    gate.set()
    imported(qtbot, window)
    listed = [*store.conversations(limit=100), *store.conversations(limit=100, archived=True)]
    assert len(listed) == len(ids) + len(export)
    store.rename(ids["sorting"], "Renamed after")  # the window writes again
    summary = store.conversation(ids["sorting"])
    assert summary is not None
    assert summary.title == "Renamed after"


def test_conversations_renamed_pinned_or_deleted_during_an_import_are_saved_after_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = window.services.store
    ids = fill(store)
    sidebar = window.sidebar
    reads_shown(qtbot, sidebar.reads)
    gate = import_held(qtbot, window, tmp_path, monkeypatch, chatgpt_export())
    sidebar.rename(ids["sorting"], "Renamed meanwhile")  # no error: kept for later
    sidebar.pin(ids["sorting"])
    assert sidebar.undo_bar.label.text() == "Pinned once the import is done"
    assert whole_text_shown(qtbot, sidebar.undo_bar.label)
    sidebar.delete(ids["pinned"])
    reads_shown(qtbot, sidebar.reads)  # the list read again meanwhile shows the changes
    assert listed_titles(window) == ["Renamed meanwhile"]
    summary = store.conversation(ids["sorting"])
    assert summary is not None
    assert (summary.title, summary.pinned) == ("Sorting in Python", False)  # not written yet
    window.open_conversation(ids["sorting"])
    window.branch(window.conversation.messages[-1])
    assert window.statusBar().currentMessage() == (
        "An import is writing the history: branch once it is done."
    )
    gate.set()
    imported(qtbot, window)
    summary = store.conversation(ids["sorting"])
    assert summary is not None
    assert (summary.title, summary.pinned) == ("Renamed meanwhile", True)
    assert store.conversation(ids["pinned"]) is None  # deleted, softly
    assert not store.held.active
    assert store.held.kept == 0
    reads_shown(qtbot, sidebar.reads)
    titles = listed_titles(window)
    assert titles[0] == "Renamed meanwhile"  # pinned: on top
    assert "置顶: notes" not in titles
    assert titles == [c.title for c in store.conversations(limit=100)]  # the import's too
    assert len(titles) == 2


def test_an_assistant_chosen_during_an_import_is_kept_for_the_conversation_after_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.core.history.conversation_parameters import remembered_parameters

    store = window.services.store
    ids = fill(store)
    window.open_conversation(ids["sorting"])
    store.held.hold()  # as the window's import does while it writes
    window.assistant.edit(Parameters(temperature=0.3))
    assert remembered_parameters(store, ids["sorting"]) is None
    store.held.release()
    kept = remembered_parameters(store, ids["sorting"])
    assert kept is not None
    assert kept.parameters.temperature == 0.3


def test_a_rename_and_an_undone_delete_during_an_import_cancelled_are_saved_all_the_same(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = window.services.store
    ids = fill(store)
    gate = import_held(qtbot, window, tmp_path, monkeypatch, chatgpt_export())
    window.sidebar.rename(ids["sorting"], "Renamed while importing")
    dialog = window.findChild(QProgressDialog, "importProgress")
    assert dialog is not None
    window.sidebar.delete(ids["pinned"])
    reads_shown(qtbot, window.sidebar.reads)
    assert "置顶: notes" not in listed_titles(window)
    window.sidebar.undo_bar.undo()  # taken back before the import ends: kept too
    reads_shown(qtbot, window.sidebar.reads)
    assert "置顶: notes" in listed_titles(window)
    dialog.canceled.emit()
    gate.set()
    imported(qtbot, window)
    assert window.statusBar().currentMessage() == "Import cancelled: nothing was imported."
    assert store.conversation(ids["pinned"]) is not None  # deleted, then brought back
    summary = store.conversation(ids["sorting"])
    assert summary is not None
    assert summary.title == "Renamed while importing"
    assert len(store.conversations(limit=100)) == 2  # the import's own: none
    reads_shown(qtbot, window.sidebar.reads)
    assert "Renamed while importing" in listed_titles(window)


def test_closing_the_window_during_an_import_writes_what_waited_for_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = window.services.store
    ids = fill(store)
    gate = import_held(qtbot, window, tmp_path, monkeypatch, chatgpt_export())
    window.sidebar.rename(ids["sorting"], "Renamed before closing")
    gate.set()  # the import goes on to its next step, where it sees it was cancelled
    window.files.end_import()  # what the window's close does before closing the history
    listed = HistoryStore(store.path)
    try:
        summary = listed.conversation(ids["sorting"])
        assert summary is not None
        assert summary.title == "Renamed before closing"
        assert len(listed.conversations(limit=100)) == 2  # the import rolled back
    finally:
        listed.close()


def import_held(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    export: list[dict[str, Any]],
) -> threading.Event:
    """Start importing `export` from the File menu, and hold the import inside its transaction
    (the history's write lock taken) until the event returned is set."""
    source = tmp_path / "conversations.json"
    source.write_text(json.dumps(export), encoding="utf-8")
    writing, gate = threading.Event(), threading.Event()
    monkeypatch.setattr(ImportRun, "_progress", held_progress(writing, gate))
    answer_dialog(window, source)
    menu_action(window, "Import conversations").trigger()
    qtbot.waitUntil(writing.is_set)
    return gate


def whole_text_shown(qtbot: QtBot, label: QLabel) -> bool:
    """Whether a label is big enough for all of its text, laid out as it lays it out."""
    qtbot.waitUntil(label.isVisible)
    QApplication.processEvents()  # laid out
    room = label.contentsRect()
    flags = Qt.TextFlag.TextWordWrap if label.wordWrap() else Qt.TextFlag(0)
    page = QRect(0, 0, room.width(), 10_000)
    needed = label.fontMetrics().boundingRect(page, flags, label.text())
    return needed.width() <= room.width() and needed.height() <= room.height()


def listed_titles(window: MainWindow) -> list[str]:
    """The titles of the conversations the sidebar's list shows, top to bottom."""
    return [row.title for row in window.sidebar.list.rows if isinstance(row, ConversationSummary)]


def imported(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the import running off the GUI thread has ended."""
    qtbot.waitUntil(lambda: window.files.importing is None, timeout=20_000)


def test_the_view_menu_opens_the_spending_view(window: MainWindow) -> None:
    fill(window.services.store)
    action = menu_action(window, "Spending", "&View")
    assert action.shortcut().toString() == "Ctrl+Shift+S"
    action.trigger()
    dialog = window.findChild(QDialog, "spendingDialog")
    assert dialog is not None
    assert dialog.isVisible()
    dialog.close()


def test_the_help_menu_opens_the_about_dialog(window: MainWindow) -> None:
    menu_action(window, "About Tally", "&Help").trigger()
    dialog = window.findChild(QDialog, "aboutDialog")
    assert dialog is not None
    assert dialog.isVisible()
    dialog.close()
