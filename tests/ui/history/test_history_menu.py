"""The menus driven as a user does: export and import (menu action, file dialog, result), and
the dialogs the window loads when first opened (spending, about)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QProgressDialog
from pytestqt.qtbot import QtBot

from desktop_app.core.errors import HistoryBusy
from desktop_app.ui.history.files import JSON_FILTER, MARKDOWN_FILTER
from desktop_app.ui.history.importing import ImportRun
from desktop_app.ui.main_window import MainWindow
from tests.support.history.history_samples import chatgpt_export, fill
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
    held_progress = ImportRun._progress

    def held(run: ImportRun, done: int, total: int) -> None:
        gate.wait(10)  # the worker waits here until the user has pressed Cancel
        held_progress(run, done, total)

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
    source = tmp_path / "conversations.json"
    source.write_text(json.dumps(export), encoding="utf-8")
    writing, gate = threading.Event(), threading.Event()
    held_progress = ImportRun._progress

    def held(run: ImportRun, done: int, total: int) -> None:
        if total:  # inside the import's transaction
            writing.set()
            gate.wait(10)
        held_progress(run, done, total)

    monkeypatch.setattr(ImportRun, "_progress", held)
    answer_dialog(window, source)
    menu_action(window, "Import conversations").trigger()
    qtbot.waitUntil(writing.is_set)
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
