"""The window's File menu actions on the history: export a conversation or all of them (JSON
or Markdown), import a Tally export or a ChatGPT conversations.json. The export and import code
is loaded when first used, not with the window. An export reads the history and writes its file
off the GUI thread (HistoryReads); an import, a write, runs on it under a wait cursor."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.core.errors import TallyError
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.providers_file import Provider
from desktop_app.ui.history.reads import HistoryReads, present

MARKDOWN_FILTER = "Markdown (*.md)"
JSON_FILTER = "Tally JSON export (*.json)"
IMPORT_FILTER = "Conversations (*.json);;All files (*)"

# (parent, caption, folder or file, filters) -> (path, chosen filter); "" when cancelled.
FileChooser = Callable[[QWidget, str, str, str], tuple[str, str]]


class HistoryFiles(QObject):
    """Runs the export and import dialogs; says what happened through its two signals."""

    done = Signal(str)
    """A short report for the status bar ("Exported 3 conversations to …")."""
    failed = Signal(object)
    """A TallyError that says what is wrong with the file."""
    imported = Signal()

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

    def export_conversation(self, conversation_id: str | None) -> None:
        """Export the open conversation; Markdown is offered first, as the one to read."""
        if conversation_id is None:
            self.done.emit("Nothing to export yet: this conversation has no messages.")
            return
        from desktop_app.core.transfer.export import markdown_file_name

        summary = self.store.conversation(conversation_id)
        name = markdown_file_name(summary) if summary else "conversation.md"
        self._export([conversation_id], "Export conversation", name)

    def export_all(self) -> None:
        """Export every conversation, archived ones included; JSON is offered first, as the
        one `tally import` and this menu read back."""
        self._export(None, "Export all conversations", "tally-export.json", json_first=True)

    def import_conversations(self) -> None:
        path, _ = self.choose_open(self.window, "Import conversations", _documents(), IMPORT_FILTER)
        if not path:
            return
        from desktop_app.core.transfer.importer import import_file

        try:
            with _busy():
                result = import_file(self.store, path, self.providers())
        except TallyError as exc:
            self.failed.emit(exc)
            return
        report = f"Imported {_plural(result.conversations_added, 'conversation')}"
        if result.conversations_skipped:
            report += f"; {result.conversations_skipped} already in the history, skipped"
        self.done.emit(report + ".")
        self.imported.emit()

    def _export(
        self, ids: Sequence[str] | None, caption: str, name: str, *, json_first: bool = False
    ) -> None:
        filters = [JSON_FILTER, MARKDOWN_FILTER] if json_first else [MARKDOWN_FILTER, JSON_FILTER]
        suggested = str(
            Path(_documents()) / Path(name).with_suffix(".json" if json_first else ".md")
        )
        path, chosen = self.choose_save(self.window, caption, suggested, ";;".join(filters))
        if not path:
            return
        target = _with_suffix(Path(path), ".json" if chosen == JSON_FILTER else ".md")
        from desktop_app.core.transfer.export import load_conversations, save_export

        providers = self.providers()  # here: the op runs on a worker, away from the window

        def write(history: HistoryStore) -> int:
            conversations = load_conversations(history, ids, providers)
            save_export(conversations, target, markdown=target.suffix.lower() != ".json")
            return len(conversations)

        self.done.emit(self.tr("Exporting to {0}…").format(target))
        self.reads.run(
            "export",
            write,
            lambda count: self.done.emit(f"Exported {_plural(count, 'conversation')} to {target}."),
            self._export_failed,
        )

    def _export_failed(self, error: Exception) -> None:
        if isinstance(error, TallyError):
            self.failed.emit(error)  # what is wrong with the file, said in the banner
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


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class _busy:
    """A wait cursor while the history is read or written."""

    def __enter__(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc: object) -> None:
        QApplication.restoreOverrideCursor()
