"""Manage assistants (`assistantsDialog`): add, edit, duplicate, delete, import and export them.
The changes are a draft until Save writes assistants.toml."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import TallyError
from desktop_app.core.settings.assistants import (
    Assistant,
    duplicate_assistant,
    export_assistants,
    find_assistant,
    import_assistants,
    save_assistants,
    with_assistant,
)
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import text_of
from desktop_app.ui.assistants.parameters_form import ParametersForm


class AssistantsDialog(QDialog):
    """Emits `saved` with the assistants once they are written."""

    saved = Signal(list)

    def __init__(
        self,
        assistants: Sequence[Assistant],
        models: Sequence[tuple[Provider, str]],
        data_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assistantsDialog")
        self.setWindowTitle(self.tr("Assistants"))
        self.data_dir = data_dir
        self.draft = list(assistants)
        self._row = -1
        outer = QVBoxLayout(self)
        body = QHBoxLayout()
        left = QVBoxLayout()
        self.list = QListWidget(self)
        self.list.setObjectName("assistantList")
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.add_button = self._button(self.tr("Add"), "addAssistant", self.add)
        self.copy_button = self._button(self.tr("Duplicate"), "duplicateAssistant", self.duplicate)
        self.delete_button = self._button(self.tr("Delete"), "deleteAssistant", self.delete)
        for button in (self.add_button, self.copy_button, self.delete_button):
            buttons.addWidget(button)
        left.addLayout(buttons)
        transfer = QHBoxLayout()
        transfer.addWidget(self._button(self.tr("Import…"), "importAssistants", self.import_file))
        transfer.addWidget(self._button(self.tr("Export…"), "exportAssistants", self.export_file))
        left.addLayout(transfer)
        body.addLayout(left, 1)
        right = QVBoxLayout()
        self.name = QLineEdit(self)
        self.name.setObjectName("assistantName")
        self.model = QComboBox(self)
        self.model.setObjectName("assistantModel")
        self.model.addItem(self.tr("The model picked in the window"), None)
        for provider, model in models:
            self.model.addItem(f"{model} · {provider.name}", (provider.id, model))
        self.form = ParametersForm(self, system_lines=8)
        # In the parameters' own form, so that every field starts at one edge.
        self.form.rows.insertRow(0, self.tr("&Name:"), self.name)
        self.form.rows.insertRow(1, self.tr("&Model:"), self.model)
        right.addWidget(self.form)
        right.addStretch(1)  # the rows together at the top, not spread down the dialog
        self.problem = QLabel(self)
        self.problem.setObjectName("assistantsProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        right.addWidget(self.problem)
        body.addLayout(right, 2)
        outer.addLayout(body, 1)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        box.accepted.connect(self.save)
        box.rejected.connect(self.reject)
        outer.addWidget(box)
        self.list.currentRowChanged.connect(self._show_row)
        self._fill_list(0)
        self.resize(760, 520)

    # -- the user's actions ------------------------------------------------------------------

    def add(self) -> None:
        if not self._keep_row():
            return
        self.draft.append(Assistant(name=self._free_name(self.tr("New assistant")), system=""))
        self._fill_list(len(self.draft) - 1)
        self.name.setFocus()
        self.name.selectAll()

    def duplicate(self) -> None:
        if not self._keep_row() or self._row < 0:
            return
        copy = duplicate_assistant(self.draft, self.draft[self._row].name)
        self.draft.insert(self._row + 1, copy)
        self._fill_list(self._row + 1)

    def delete(self) -> None:
        if 0 <= self._row < len(self.draft):
            del self.draft[self._row]
            self._row = -1
            self._fill_list(min(self.list.currentRow(), len(self.draft) - 1))

    def import_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import assistants"), "", self.tr("Assistants (*.toml *.json)")
        )
        if not name or not self._keep_row():
            return
        try:
            imported = import_assistants(Path(name))
        except TallyError as exc:
            self.problem.setText(text_of(exc))
            return
        added = [a for a in imported if find_assistant(self.draft, a.name) is None]
        self.draft.extend(added)
        self.problem.setText(
            self.tr(
                "Imported {added} of {count}; those with a name already here were left out."
            ).format(added=len(added), count=len(imported))
        )
        self._fill_list(len(self.draft) - 1 if added else self._row)

    def export_file(self) -> None:
        if not self._keep_row():
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export assistants"),
            "assistants.toml",
            self.tr("TOML (*.toml);;JSON (*.json)"),
        )
        if not name:
            return
        try:
            export_assistants(Path(name), self.draft)
        except (TallyError, OSError) as exc:
            self.problem.setText(text_of(exc) if isinstance(exc, TallyError) else str(exc))

    def save(self) -> None:
        if not self._keep_row():
            return
        try:
            save_assistants(self.data_dir, self.draft)
        except (TallyError, OSError) as exc:
            self.problem.setText(text_of(exc) if isinstance(exc, TallyError) else str(exc))
            return
        self.saved.emit(list(self.draft))
        self.accept()

    # -- internals -----------------------------------------------------------------------------

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _fill_list(self, row: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([assistant.name for assistant in self.draft])
        self.list.blockSignals(False)
        self._row = -1
        self.list.setCurrentRow(row)
        if row < 0 or not self.draft:
            self._show_row(-1)

    def _show_row(self, row: int) -> None:
        if self._row >= 0 and self._row != row and not self._keep_row():
            self.list.blockSignals(True)
            self.list.setCurrentRow(self._row)
            self.list.blockSignals(False)
            return
        self._row = row
        shown = 0 <= row < len(self.draft)
        for part in (self.name, self.model, self.form, self.copy_button, self.delete_button):
            part.setEnabled(shown)
        if not shown:
            return
        assistant = self.draft[row]
        self.name.setText(assistant.name)
        chosen = (assistant.provider, assistant.model) if assistant.model else None
        found = self.model.findData(chosen) if chosen else 0
        if found < 0 and chosen is not None:  # a model not listed now: kept as it is
            self.model.addItem(f"{assistant.model} · {assistant.provider}", chosen)
            found = self.model.count() - 1
        self.model.setCurrentIndex(found)
        self.form.show_parameters(assistant.parameters())

    def _keep_row(self) -> bool:
        """Put the fields into the draft; False (with the problem shown) if they cannot be."""
        if not 0 <= self._row < len(self.draft):
            return True
        chosen = self.model.currentData()
        provider, model = chosen if chosen else (None, None)
        parameters = self.form.parameters()
        try:
            edited = Assistant(
                name=self.name.text().strip(),
                system=parameters.system or "",
                provider=provider,
                model=model,
                temperature=parameters.temperature,
                top_p=parameters.top_p,
                max_tokens=parameters.max_tokens,
                thinking_budget=parameters.thinking_budget,
                context_turns=parameters.context_turns,
            )
            self.draft = with_assistant(self.draft, edited, self.draft[self._row].name)
        except TallyError as exc:  # no name, or another one's, or Default
            self.problem.setText(text_of(exc))
            self.name.setFocus()
            return False
        item = self.list.item(self._row)
        if item is not None:
            item.setText(edited.name)
        self.problem.clear()
        return True

    def _free_name(self, wanted: str) -> str:
        name, number = wanted, 2
        while find_assistant(self.draft, name) is not None:
            name, number = f"{wanted} {number}", number + 1
        return name
