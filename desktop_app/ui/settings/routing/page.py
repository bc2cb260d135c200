"""Settings → Routing: the rules of `<data dir>/routing.toml` as a table (first match wins, drag
to reorder), the ladder, "Restore the shipped rules", and "Try a prompt". It only edits; the
dialog saves it with everything else, and only when something changed.

A file that does not load is shown with its error (naming the line) and left as it is: the page
offers to start from the shipped rules, and the file is replaced only if the user does and saves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import ConfigError
from desktop_app.core.routing.rules import Routing
from desktop_app.core.routing.rules_file import default_routing, load_routing
from desktop_app.core.settings.assistants import load_assistants
from desktop_app.core.text.messages import language, message_of
from desktop_app.ui.error_banner import problem_style
from desktop_app.ui.settings.provider_draft import ProviderDraft
from desktop_app.ui.settings.routing.ladder import LadderEditor
from desktop_app.ui.settings.routing.rule_form import RuleForm
from desktop_app.ui.settings.routing.rules_model import RulesModel
from desktop_app.ui.settings.routing.try_prompt import TryPrompt


def read_routing(path: Path) -> tuple[Routing | None, str]:
    """The rules of the file (the shipped ones when there is none), or None and what is wrong."""
    try:
        return load_routing(path), ""
    except ConfigError as exc:
        return None, message_of(exc)


def routable_models(drafts: Sequence[ProviderDraft]) -> list[str]:
    """The saved providers' models as a rule or the ladder names them (provider/model)."""
    return [
        f"{draft.id}/{model}"
        for draft in drafts
        if draft.id
        for model in dict.fromkeys((*draft.models(), *draft.found_models))
    ]


def assistant_names(data_dir: Path) -> list[str]:
    """The assistants a rule can name (not Default: plain chat is asked as no assistant)."""
    try:
        found = load_assistants(data_dir, language())
    except ConfigError:
        return []  # the assistants' own page says what is wrong with that file
    return [assistant.name for assistant in found if not assistant.is_default]


class RoutingPage(QWidget):
    """Edits the routing rules and the ladder; `to_save()` gives what Save should write."""

    edited = Signal()

    def __init__(
        self,
        path: Path,
        models: Callable[[], Sequence[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("routingPage")
        self.path = path
        self.models = models
        self.loaded, problem = read_routing(path)
        self.assistants = assistant_names(path.parent)
        self.rules = RulesModel(parent=self)
        self.table = self._rules_table()
        self.add_button = self._button("ruleAdd", self.tr("Add…"), self.add_rule)
        self.edit_button = self._button("ruleEdit", self.tr("Edit…"), self.edit_rule)
        self.delete_button = self._button("ruleDelete", self.tr("Delete"), self.delete_rule)
        self.up_button = self._button("ruleUp", self.tr("Move up"), lambda: self.move_rule(-1))
        self.down_button = self._button("ruleDown", self.tr("Move down"), lambda: self.move_rule(1))
        self.ladder = LadderEditor(models, self)
        self.trial = TryPrompt(self.routing, self.assistants, self)
        self.restore_button = self._button(
            "routingRestore", self.tr("Restore the shipped rules"), self.restore_shipped
        )
        self.problem = QLabel(self)
        self.problem.setObjectName("routingProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(problem_style("routingProblem"))
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.start_over_button = self._button(
            "routingStartOver", self.tr("Start from the shipped rules"), self.restore_shipped
        )
        self.editor = QWidget(self)
        self.form: RuleForm | None = None
        self.changed = False
        """Whether the user changed anything (a file that did not load: started over)."""
        self._lay_out()
        routing = self.loaded or Routing()
        self.rules.set_rules(routing.rules)
        self.ladder.set_ladder(routing.ladder)
        self._show_problem(problem)
        self.rules.rowsMoved.connect(self._edited)
        self.ladder.edited.connect(self._edited)
        self.table.selectionModel().currentRowChanged.connect(self._enable)
        self.table.doubleClicked.connect(lambda index: self.edit_rule(index.row()))
        self._enable()

    def _rules_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("routingRules")
        table.setAccessibleName(self.tr("Routing rules, first match wins"))
        table.setModel(self.rules)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.setDragDropOverwriteMode(False)
        table.setDropIndicatorShown(True)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())
        return button

    def _lay_out(self) -> None:
        note = QLabel(
            self.tr(
                "The first rule whose conditions all hold picks the model of “Auto (rules)”. "
                "Drag a rule, or use Move up and Move down, to change the order."
            ),
            self,
        )
        note.setWordWrap(True)
        side = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            side.addWidget(button)
        side.addSpacing(12)
        side.addWidget(self.up_button)
        side.addWidget(self.down_button)
        side.addStretch(1)
        rules = QHBoxLayout()
        rules.addWidget(self.table, 1)
        rules.addLayout(side)
        lower = QHBoxLayout()
        lower.addWidget(self.ladder, 2)
        lower.addSpacing(16)
        lower.addWidget(self.trial, 3)
        column = QVBoxLayout(self.editor)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(note)
        column.addLayout(rules, 3)
        column.addLayout(lower, 4)
        offer = QHBoxLayout()
        offer.addWidget(self.problem, 1)
        offer.addWidget(self.start_over_button, 0, Qt.AlignmentFlag.AlignTop)
        bottom = QHBoxLayout()
        bottom.addWidget(self.restore_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(offer)
        layout.addWidget(self.editor, 1)
        layout.addLayout(bottom)

    # -- what the page holds -----------------------------------------------------------------

    def routing(self) -> Routing:
        """The rules and the ladder as the page shows them now."""
        return Routing(tuple(self.rules.rules), self.ladder.ladder())

    def to_save(self) -> Routing | None:
        """What Save writes to routing.toml: None when nothing changed (nothing is written, so a
        file that did not load stays as it is, and no file stays no file)."""
        if self.loaded is None and not self.changed:
            return None
        routing = self.routing()
        return routing if self.changed and routing != self.loaded else None

    # -- the user's actions -----------------------------------------------------------------

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def add_rule(self) -> RuleForm:
        """Open the form for a new rule; added above a last catch-all rule (which would hide
        it), else at the end."""
        return self._open_form(-1)

    def edit_rule(self, row: int | None = None) -> RuleForm | None:
        row = self.current_row() if row is None else row
        if not 0 <= row < len(self.rules.rules):
            return None
        return self._open_form(row)

    def _open_form(self, row: int) -> RuleForm:
        self.ladder.offer_models()
        taken = [r.name for r in self.rules.rules]
        existing = self.rules.rules[row] if row >= 0 else None
        form = RuleForm(existing, self.models(), self.assistants, taken, self)
        form.accepted.connect(lambda: self._apply(form, row))
        self.form = form
        form.open()
        return form

    def _apply(self, form: RuleForm, row: int) -> None:
        if form.rule is None:
            return
        if row >= 0:
            self.rules.replace(row, form.rule)
        else:
            rules = self.rules.rules
            last_catches_all = bool(rules) and not rules[-1].conditions
            if last_catches_all and form.rule.conditions:
                row = len(rules) - 1
                self.rules.append(form.rule)
                self.rules.moveRows(QModelIndex(), row + 1, 1, QModelIndex(), row)
            else:
                row = len(rules)
                self.rules.append(form.rule)
        self._select(row)
        self._edited()

    def delete_rule(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.rules.remove(row)
            self._select(min(row, len(self.rules.rules) - 1))
            self._edited()

    def move_rule(self, by: int) -> None:
        """Move the selected rule one place up (-1) or down (+1)."""
        row = self.current_row()
        to = row + by
        if row < 0 or not 0 <= to < len(self.rules.rules):
            return
        self.rules.moveRows(QModelIndex(), row, 1, QModelIndex(), to + 1 if by > 0 else to)
        self._select(to)

    def restore_shipped(self) -> None:
        """Put the rules Tally ships in the page (written when the dialog is saved)."""
        shipped = default_routing()
        self.rules.set_rules(shipped.rules)
        self.ladder.set_ladder(shipped.ladder)
        self._show_problem("")
        self._edited()

    # -- the page's own state ---------------------------------------------------------------

    def _select(self, row: int) -> None:
        if row < 0:
            self._enable()
            return
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(self.rules.index(row, 0), flags)
        self._enable()

    def _edited(self, *_: object) -> None:
        self.changed = True
        self.trial.refresh()
        self._enable()
        self.edited.emit()

    def _show_problem(self, problem: str) -> None:
        if problem:
            kept = self.tr(
                "The file is left as it is: fix it by hand and open Settings again, or start "
                "from the shipped rules (the file is replaced only when you then save)."
            )
            self.problem.setText(f"{problem}\n{kept}")
        self.problem.setVisible(bool(problem))
        self.start_over_button.setVisible(bool(problem))
        self.editor.setEnabled(not problem)
        self.restore_button.setVisible(not problem)

    def _enable(self, *_: object) -> None:
        row, count = self.current_row(), len(self.rules.rules)
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
