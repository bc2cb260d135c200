"""Adding or editing one routing rule: its name, the model it picks (a listed provider's, or typed
as provider/model) and each condition. The rule is checked as core builds it (rules.py), so the
form says what the rules file would say; a regular expression is checked as it is typed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import ConfigError
from desktop_app.core.routing.rules import ModelRef, Rule
from desktop_app.core.text.messages import message_of
from desktop_app.ui.settings.form_fields import line_edit, right_aligned_form

_PROBLEM_STYLE = "color: #b3261e;"
_MAX_TOKENS = 100_000_000


class RuleForm(QDialog):
    """A small form for one rule; after accept(), `rule` holds it."""

    def __init__(
        self,
        rule: Rule | None,
        models: Sequence[str],
        assistants: Sequence[str],
        taken: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ruleForm")
        self.setWindowTitle(self.tr("Edit rule") if rule else self.tr("Add rule"))
        self.taken = {name.casefold() for name in taken}
        self.rule: Rule | None = None
        self.name_edit = line_edit(self, "ruleName", self.tr("Name"), self.tr("e.g. Code"))
        self.model_box = QComboBox(self)
        self.model_box.setObjectName("ruleModel")
        self.model_box.setEditable(True)
        self.model_box.addItems(list(models))
        self.model_box.setAccessibleName(self.tr("Model"))
        edit = self.model_box.lineEdit()
        assert edit is not None
        edit.setPlaceholderText(self.tr("provider/model"))
        self.min_edit = self._tokens_edit("ruleMinTokens", self.tr("At least, tokens"))
        self.max_edit = self._tokens_edit("ruleMaxTokens", self.tr("At most, tokens"))
        self.image_box = self._choice("ruleHasImage", [self.tr("Yes"), self.tr("No")])
        self.code_box = self._choice("ruleHasCode", [self.tr("Yes"), self.tr("No")])
        self.matches_edit = line_edit(
            self, "ruleMatches", self.tr("Matches"), self.tr("any text (a regular expression)")
        )
        self.matches_problem = self._problem_label("ruleMatchesProblem")
        self.language_box = self._choice("ruleLanguage", [self.tr("Chinese"), self.tr("English")])
        self.assistant_box = self._choice("ruleAssistant", list(assistants))
        self.problem = self._problem_label("ruleProblem")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._lay_out()
        if rule is not None:
            self._show(rule)
        self.matches_edit.textChanged.connect(self._check_matches)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _tokens_edit(self, name: str, accessible: str) -> QLineEdit:
        edit = line_edit(self, name, accessible, self.tr("any"))
        edit.setValidator(QIntValidator(0, _MAX_TOKENS, edit))
        return edit

    def _choice(self, name: str, options: list[str]) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        box.addItem(self.tr("Any"), None)
        for option in options:
            box.addItem(option)
        return box

    def _problem_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(_PROBLEM_STYLE)
        label.hide()
        return label

    def _lay_out(self) -> None:
        form = right_aligned_form()
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Picks:"), self.model_box)
        note = QLabel(self.tr("Conditions (all must hold; none: every question):"), self)
        form.addRow(note)
        form.addRow(self.tr("At least:"), self.min_edit)
        form.addRow(self.tr("At most:"), self.max_edit)
        form.addRow(self.tr("Has an image:"), self.image_box)
        form.addRow(self.tr("Holds code:"), self.code_box)
        form.addRow(self.tr("Matches:"), self.matches_edit)
        form.addRow("", self.matches_problem)
        form.addRow(self.tr("Language:"), self.language_box)
        form.addRow(self.tr("Assistant:"), self.assistant_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _show(self, rule: Rule) -> None:
        self.taken.discard(rule.name.casefold())
        self.name_edit.setText(rule.name)
        self.model_box.setEditText(str(rule.choice))
        self.min_edit.setText("" if rule.min_tokens is None else str(rule.min_tokens))
        self.max_edit.setText("" if rule.max_tokens is None else str(rule.max_tokens))
        for box, value in ((self.image_box, rule.has_image), (self.code_box, rule.has_code)):
            box.setCurrentIndex(0 if value is None else 1 if value else 2)
        self.matches_edit.setText(rule.matches or "")
        self.language_box.setCurrentIndex({None: 0, "zh": 1, "en": 2}[rule.language])
        if rule.assistant is not None:
            found = self.assistant_box.findText(rule.assistant)
            if found < 0:  # a name the file has and assistants.toml no longer does
                self.assistant_box.addItem(rule.assistant)
                found = self.assistant_box.count() - 1
            self.assistant_box.setCurrentIndex(found)

    def _check_matches(self, text: str) -> None:
        """Say at once why a regular expression cannot be used, as the rules file would."""
        problem = ""
        if text:
            try:
                Rule("check", "p", "m", matches=text)
            except ConfigError as exc:
                problem = message_of(exc)
        self.matches_problem.setText(problem)
        self.matches_problem.setVisible(bool(problem))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)

    def built(self) -> Rule:
        """The rule the form describes; ConfigError says what is wrong."""
        name = self.name_edit.text().strip()
        if not name:
            raise ConfigError(self.tr("Give the rule a name."))
        if name.casefold() in self.taken:
            raise ConfigError(self.tr("Another rule is named “{}”.").format(name))
        choice = ModelRef.parse(self.model_box.currentText())
        has = {1: True, 2: False}
        languages = {1: "zh", 2: "en"}
        assistant = self.assistant_box.currentIndex()
        return Rule(
            name,
            choice.provider,
            choice.model,
            min_tokens=_number(self.min_edit),
            max_tokens=_number(self.max_edit),
            has_image=has.get(self.image_box.currentIndex()),
            has_code=has.get(self.code_box.currentIndex()),
            matches=self.matches_edit.text() or None,
            language=languages.get(self.language_box.currentIndex()),  # type: ignore[arg-type]
            assistant=self.assistant_box.currentText() if assistant > 0 else None,
        )

    def accept(self) -> None:
        try:
            self.rule = self.built()
        except ConfigError as exc:
            self.problem.setText(message_of(exc))
            self.problem.show()
            return
        super().accept()


def _number(edit: QLineEdit) -> int | None:
    text = edit.text().strip()
    return int(text) if text else None
