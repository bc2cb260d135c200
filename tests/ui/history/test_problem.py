"""The double-clicked app on a damaged history: a dialog that says what is wrong and offers a
backup, a fresh history (the damaged file kept aside) or quitting, instead of no window."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.core import paths
from desktop_app.core.errors import HistoryDamaged, HistoryError, HistoryUnreadable
from desktop_app.core.history import backups
from desktop_app.core.history.store import HistoryStore
from desktop_app.ui import app
from desktop_app.ui.history.problem import HistoryProblemDialog, Repair
from tests.support.history import damaged

NOON = datetime(2026, 3, 10, 12, tzinfo=UTC)


def _with_a_backup_then_damaged(kind: str = "a bad page inside") -> backups.Backup:
    with HistoryStore(paths.history_db()) as store:
        store.create_conversation("From the backup")
    made = backups.take(paths.history_db(), NOON)
    paths.history_db().unlink()
    damaged.KINDS[kind](paths.history_db())
    return made


def _buttons(dialog: HistoryProblemDialog) -> list[str]:
    return sorted(b.objectName() for b in dialog.findChildren(QPushButton) if b.objectName())


def test_a_damaged_history_offers_its_backups_a_fresh_start_and_quit(
    qtbot: QtBot, data_dir: Path
) -> None:
    made = _with_a_backup_then_damaged()
    error = HistoryDamaged("The history is damaged (test)")
    dialog = HistoryProblemDialog(error, paths.history_db())
    qtbot.addWidget(dialog)
    assert _buttons(dialog) == ["freshButton", "quitButton", "restoreButton"]
    listed = dialog.findChild(QComboBox, "backupList")
    assert listed is not None
    assert listed.count() == 1
    assert "2026-03-10" in listed.itemText(0)
    restore = dialog.findChild(QPushButton, "restoreButton")
    assert restore is not None
    restore.click()
    assert dialog.choice() == Repair("restore", made)


def test_a_history_that_cannot_be_opened_offers_to_try_again(qtbot: QtBot, data_dir: Path) -> None:
    dialog = HistoryProblemDialog(HistoryUnreadable("no access"), paths.history_db())
    qtbot.addWidget(dialog)
    assert _buttons(dialog) == ["quitButton", "retryButton"]
    dialog.reject()  # closed: Quit
    assert dialog.choice() == Repair("quit")


@pytest.mark.parametrize("kind", ["a bad page inside", "truncated", "a text file"])
def test_restoring_opens_the_backup_and_keeps_the_damaged_file(
    kind: str, qapp: QApplication, data_dir: Path
) -> None:
    made = _with_a_backup_then_damaged(kind)
    ruined = paths.history_db().read_bytes()
    asked: list[HistoryError] = []

    def choose(error: HistoryError) -> Repair:
        asked.append(error)
        return Repair("restore", made)

    opened = app.open_services(choose)
    assert opened is not None
    services, done = opened
    try:
        assert [c.title for c in services.store.conversations()] == ["From the backup"]
    finally:
        services.store.close()
    assert [type(e) for e in asked] == [HistoryDamaged]
    assert done.startswith("Restored the backup of ")
    (aside,) = data_dir.glob("history.sqlite3.before-restore-*[0-9]Z")
    assert aside.read_bytes() == ruined
    assert str(aside) in done


def test_a_fresh_history_keeps_the_damaged_one_aside(qapp: QApplication, data_dir: Path) -> None:
    damaged.random_bytes(paths.history_db())
    opened = app.open_services(lambda error: Repair("fresh"))
    assert opened is not None
    services, done = opened
    services.store.close()
    (aside,) = data_dir.glob("history.sqlite3.damaged-*[0-9]Z")
    assert aside.read_bytes() == damaged.random_bytes_content()
    assert done.startswith("Started a fresh history; the one that could not be opened is kept")


def test_the_real_app_shows_the_dialog_and_quits_with_exit_2(
    qapp: QApplication, data_dir: Path
) -> None:
    damaged.text_file(paths.history_db())
    seen: list[str] = []

    def answer() -> None:
        dialog = qapp.activeModalWidget()
        if not isinstance(dialog, HistoryProblemDialog):
            QTimer.singleShot(20, answer)
            return
        label = dialog.findChild(QLabel, "historyProblem")
        assert label is not None
        seen.append(label.text())
        quit_button = dialog.findChild(QPushButton, "quitButton")
        assert quit_button is not None
        quit_button.click()

    QTimer.singleShot(0, answer)
    assert app.run_app([]) == 2
    assert len(seen) == 1
    assert "is damaged (file is not a database)" in seen[0]
    assert paths.history_db().read_text(encoding="utf-8").startswith("These are my notes")
    assert "the history cannot be opened" in paths.log_file().read_text(encoding="utf-8")
