"""The window's File menu actions on the history: export a conversation or all of them (JSON
or Markdown), import a Tally export or a ChatGPT conversations.json. The export and import code
is loaded when first used, not with the window. An export reads the history and writes its file
off the GUI thread (HistoryReads); an import, a write, runs on a thread of its own
(importing.py) with a dialog that shows how far it is and can cancel it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.core.errors import TallyError
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.providers_file import Provider
from desktop_app.ui.history.reads import HistoryReads, present

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

    from desktop_app.core.transfer.importer import ImportResult
    from desktop_app.ui.history.importing import ImportRun

log = logging.getLogger(__name__)

MARKDOWN_FILTER = str(QT_TRANSLATE_NOOP("HistoryFiles", "Markdown (*.md)"))
JSON_FILTER = str(QT_TRANSLATE_NOOP("HistoryFiles", "Tally JSON export (*.json)"))
"""The file dialog's filters in English (as a test chooses them), translated where shown."""


# (parent, caption, folder or file, filters) -> (path, chosen filter); "" when cancelled.
FileChooser = Callable[[QWidget, str, str, str], tuple[str, str]]


class HistoryFiles(QObject):
    """Runs the export and import dialogs; says what happened through its two signals."""

    done = Signal(str)
    """A short report for the status bar ("Exported 3 conversations to …")."""
    failed = Signal(object)
    """A TallyError that says what is wrong with the file."""
    imported = Signal()
    writes_made = Signal()
    """The writes asked for during an import (a rename, a pin) were made once it ended."""

    def __init__(
        self, store: HistoryStore, providers: Callable[[], list[Provider]], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.providers = providers
        """The providers now: the Markdown shows their names, an old export's names get ids."""
        self.window = parent
        self.reads = HistoryReads(parent, store)
        self.choose_save: FileChooser = _save_file_name
        self.choose_open: FileChooser = _open_file_name
        self.importing: ImportRun | None = None
        """The import running, if one is."""
        self._dialog: QProgressDialog | None = None

    def export_conversation(self, conversation_id: str | None) -> None:
        """Export the open conversation; Markdown is offered first, as the one to read."""
        if conversation_id is None:
            self.done.emit(self.tr("Nothing to export yet: this conversation has no messages."))
            return
        from desktop_app.core.transfer.export_markdown import markdown_file_name

        summary = self.store.conversation(conversation_id)
        name = markdown_file_name(summary) if summary else "conversation.md"
        self._export([conversation_id], self.tr("Export conversation"), name)

    def export_all(self) -> None:
        """Export every conversation, archived ones included; JSON is offered first, as the
        one `tally import` and this menu read back."""
        self._export(
            None, self.tr("Export all conversations"), "tally-export.json", json_first=True
        )

    def import_conversations(self) -> None:
        """Import a file the user picks, off the GUI thread, with a dialog that shows how far
        it is and can cancel it."""
        if self.importing is not None:
            self.done.emit(self.tr("An import is running already."))
            return
        caption = self.tr("Import conversations")
        filters = self.tr("Conversations (*.json);;All files (*)")
        path, _ = self.choose_open(self.window, caption, _documents(), filters)
        if not path:
            return
        from PySide6.QtWidgets import QProgressDialog  # named when first used, as the dialogs

        from desktop_app.ui.history.importing import ImportRun

        run = ImportRun(self.store.path, self.store.uses_fts, path, self.providers())
        self.importing = run
        self._dialog = dialog = QProgressDialog(
            self.tr("Importing {0}…").format(Path(path).name),
            self.tr("Cancel"),
            0,
            0,
            self.window,
        )
        dialog.setObjectName("importProgress")
        dialog.setWindowTitle(self.tr("Import conversations"))
        dialog.setMinimumDuration(500)  # a small file is done before it would show
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.canceled.connect(run.cancel)
        run.progressed.connect(self._import_progressed)
        run.finished.connect(self._import_finished)
        run.failed.connect(self._import_failed)
        self.window.destroyed.connect(run.cancel)
        # The import writes in one transaction: the window's own writes (an answer streaming
        # meanwhile, a rename) wait in memory rather than for its lock on this thread
        # (recorder.py, held_writes.py).
        self.store.held.hold()
        run.start()

    def _import_progressed(self, done: int, total: int) -> None:
        if self._dialog is None:
            return
        if total:  # writing: a share of the whole; reading the file: a busy bar
            self._dialog.setMaximum(1000)
            self._dialog.setValue(done * 1000 // total)

    def _import_finished(self, result: ImportResult) -> None:
        self._import_ended()
        added, skipped = result.conversations_added, result.conversations_skipped
        if skipped:
            report = (
                self.tr("Imported 1 conversation; {skipped} already in the history, skipped.")
                if added == 1
                else self.tr(
                    "Imported {added} conversations; {skipped} already in the history, skipped."
                )
            )
        else:
            report = (
                self.tr("Imported 1 conversation.")
                if added == 1
                else self.tr("Imported {added} conversations.")
            )
        self.done.emit(report.format(added=added, skipped=skipped))
        self.imported.emit()
        self._fill_short_terms()

    def _import_failed(self, error: Exception) -> None:
        from desktop_app.core.transfer.importer import ImportCancelled

        self._import_ended()
        if isinstance(error, ImportCancelled):
            self.done.emit(self.tr("Import cancelled: nothing was imported."))
        else:
            self._failed(error)

    def _import_ended(self) -> None:
        self.importing = None
        if self._dialog is not None:
            self._dialog.canceled.disconnect()
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        self._release_writes()

    def end_import(self) -> None:
        """The window is closing: stop an import running and wait for it (its transaction
        rolled back), then make the writes kept meanwhile, which the window's store would
        otherwise close with unmade."""
        run = self.importing
        if run is None:
            return
        run.cancel()
        run.wait(10)
        self.importing = None
        self._release_writes()

    def _release_writes(self) -> None:
        kept = self.store.held.kept
        try:
            self.store.held.release()
        except Exception as error:  # said, not raised: the window may be closing
            self._failed(error)
        if kept:
            self.writes_made.emit()

    def _fill_short_terms(self) -> None:
        """An import may leave its messages to the index of short terms' background fill
        (history/bulk.py), which may have ended before it: start one (two at once take turns,
        a batch each, so one already running does no harm)."""
        from desktop_app.core.history import short_fill

        stop = threading.Event()
        self.window.destroyed.connect(stop.set)
        threading.Thread(
            target=_fill_quietly, args=(short_fill, self.store.path, stop), daemon=True
        ).start()

    def _export(
        self, ids: Sequence[str] | None, caption: str, name: str, *, json_first: bool = False
    ) -> None:
        json_filter = self.tr(JSON_FILTER)
        markdown_filter = self.tr(MARKDOWN_FILTER)
        filters = [json_filter, markdown_filter] if json_first else [markdown_filter, json_filter]
        suggested = str(
            Path(_documents()) / Path(name).with_suffix(".json" if json_first else ".md")
        )
        path, chosen = self.choose_save(self.window, caption, suggested, ";;".join(filters))
        if not path:
            return
        target = _with_suffix(Path(path), ".json" if chosen == json_filter else ".md")
        from desktop_app.core.transfer.export import save_export
        from desktop_app.core.transfer.exported import Counted, each_conversation

        providers = self.providers()  # here: the op runs on a worker, away from the window

        def write(history: HistoryStore) -> int:
            conversations = Counted(each_conversation(history, ids, providers))
            save_export(conversations, target, markdown=target.suffix.lower() != ".json")
            return conversations.conversations

        self.done.emit(self.tr("Exporting to {0}…").format(target))
        self.reads.run(
            "export",
            write,
            lambda count: self.done.emit(self._exported(count, target)),
            self._failed,
        )

    def _exported(self, count: int, target: Path) -> str:
        if count == 1:
            return self.tr("Exported 1 conversation to {}.").format(target)
        return self.tr("Exported {count} conversations to {target}.").format(
            count=count, target=target
        )

    def _failed(self, error: Exception) -> None:
        """An export's, an import's or a kept write's failure: a TallyError (what is wrong with
        the file, the disk) said in the banner, anything else as any unexpected error."""
        if isinstance(error, TallyError):
            self.failed.emit(error)
        else:
            present(error)


def _with_suffix(path: Path, suffix: str) -> Path:
    """The chosen name, with the format's extension when the user typed none."""
    return path if path.suffix else path.with_suffix(suffix)


# The Qt classes of the dialogs are named when first used: PySide makes a class's Python type
# when it is first named, and the window's start needs none of these.


def _save_file_name(parent: QWidget, caption: str, where: str, filters: str) -> tuple[str, str]:
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getSaveFileName(parent, caption, where, filters)


def _open_file_name(parent: QWidget, caption: str, where: str, filters: str) -> tuple[str, str]:
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getOpenFileName(parent, caption, where, filters)


def _documents() -> str:
    from PySide6.QtCore import QStandardPaths

    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def _fill_quietly(short_fill: ModuleType, history: Path, stop: threading.Event) -> None:
    try:
        short_fill.fill(history, stop)
    except Exception as exc:  # a full disk, say: the next start goes on from there
        log.warning("the index of short search terms was not filled: %s", exc)
