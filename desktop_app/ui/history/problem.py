"""The dialog shown instead of the window when the history cannot be opened: what is wrong, in
the error's own words, and what can be done about it.

A damaged history (or one from a newer Tally) can be replaced by one of its backups or by a
fresh, empty history; either way the file that was there is set aside beside it, never deleted.
A history that cannot be opened for another reason (permissions, a full disk) can be tried
again once that is fixed. Quitting is always there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import paths
from desktop_app.core.errors import HistoryDamaged, HistoryError, HistoryVersionError
from desktop_app.core.history import backups
from desktop_app.core.text.messages import message_of

Action = Literal["restore", "fresh", "retry", "quit"]


@dataclass(frozen=True, slots=True)
class Repair:
    """What the user chose; `backup` is the one to restore."""

    action: Action
    backup: backups.Backup | None = None


class HistoryProblemDialog(QDialog):
    """Says what is wrong with the history and returns the user's choice (choice())."""

    def __init__(self, error: HistoryError, history: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyProblemDialog")
        self.setWindowTitle(self.tr("Tally cannot open your history"))
        self._choice = Repair("quit")
        replaceable = isinstance(error, HistoryDamaged | HistoryVersionError)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(12)
        heading = QLabel(self.tr("Tally cannot open your history"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        message = QLabel(_what_is_wrong(error, history))
        message.setObjectName("historyProblem")
        message.setWordWrap(True)
        message.setMinimumWidth(520)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(message)
        self.backup_list = QComboBox()
        self.backup_list.setObjectName("backupList")
        found = backups.backups(history) if replaceable else []
        for backup in found:
            taken = backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
            self.backup_list.addItem(
                self.tr("Backup of {when} ({size} KiB)").format(
                    when=taken, size=round(backup.size / 1024)
                ),
                backup,
            )
        buttons = QDialogButtonBox()
        if replaceable:
            explain = QLabel(
                self.tr(
                    "Restore a backup, or start a fresh history. Either way the file there now "
                    "is kept beside it, renamed, so nothing is deleted."
                )
                if found
                else self.tr(
                    "There is no backup yet. You can start a fresh history: the file there now "
                    "is kept beside it, renamed, so nothing is deleted."
                )
            )
            explain.setWordWrap(True)
            layout.addWidget(explain)
            if found:
                layout.addWidget(self.backup_list)
                self._button(buttons, "restoreButton", self.tr("Restore this backup"), "restore")
            self._button(buttons, "freshButton", self.tr("Start a fresh history"), "fresh")
        else:
            self._button(buttons, "retryButton", self.tr("Try again"), "retry")
        self._button(buttons, "quitButton", self.tr("Quit"), "quit")
        layout.addWidget(buttons)

    def choice(self) -> Repair:
        """What the user chose (Quit if the dialog was closed)."""
        return self._choice

    def _button(self, box: QDialogButtonBox, name: str, text: str, action: Action) -> None:
        button = QPushButton(text)
        button.setObjectName(name)
        role = (
            QDialogButtonBox.ButtonRole.RejectRole
            if action == "quit"
            else QDialogButtonBox.ButtonRole.AcceptRole
        )
        box.addButton(button, role)
        button.clicked.connect(lambda: self._choose(action))

    def _choose(self, action: Action) -> None:
        backup = self.backup_list.currentData() if action == "restore" else None
        self._choice = Repair(action, backup)
        self.accept() if action != "quit" else self.reject()


def _what_is_wrong(error: HistoryError, history: Path) -> str:
    """The error in the dialog's words: the command line's advice (`tally backup`) is left to
    the buttons below it."""
    if isinstance(error, HistoryDamaged):
        return QCoreApplication.translate(
            "HistoryProblemDialog",
            "The file {path} is damaged ({detail}). Tally has not changed it.",
        ).format(
            path=history,
            detail=error.detail
            or QCoreApplication.translate("HistoryProblemDialog", "it cannot be read"),
        )
    return message_of(error)


def ask_about_history(error: HistoryError) -> Repair:
    """Show the dialog for `error` on the real history and wait for the user's choice."""
    dialog = HistoryProblemDialog(error, paths.history_db())
    dialog.exec()
    return dialog.choice()


def carry_out(repair: Repair, history: Path) -> str:
    """Do what the user chose; returns what the window says about it afterwards ("" for a
    retry). Raises BackupError if the backup cannot be restored."""
    if repair.action == "restore" and repair.backup is not None:
        aside = backups.restore(history, repair.backup)
        when = repair.backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        return QCoreApplication.translate(
            "HistoryProblemDialog",
            "Restored the backup of {when}; the history it replaced is kept as {aside}.",
        ).format(when=when, aside=aside)
    if repair.action == "fresh":
        aside = backups.set_aside(history, "damaged")
        return QCoreApplication.translate(
            "HistoryProblemDialog",
            "Started a fresh history; the one that could not be opened is kept as {}.",
        ).format(aside)
    return ""
