"""The provider form's Thinking field: whether to ask the model to think before answering, and
with how many tokens at most (Provider.thinking_budget; None when off). Anthropic and Gemini
need to be asked; OpenAI-compatible reasoning models think on their own."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from desktop_app.core.settings.providers_file import Kind
from desktop_app.ui.settings.provider_draft import ANTHROPIC_MIN_THINKING, ProviderDraft

DEFAULT_BUDGET = 8192
MAX_BUDGET = 1_000_000
PROBLEM_STYLE = "color: #8a1c13;"
_HINTS: dict[Kind, str] = {
    "anthropic": str(
        QT_TRANSLATE_NOOP("ThinkingField", "Billed as output tokens; Anthropic needs {} at least.")
    ),
    "gemini": str(
        QT_TRANSLATE_NOOP(
            "ThinkingField", "Billed as output tokens; the model uses as much of it as it needs."
        )
    ),
    "openai": str(
        QT_TRANSLATE_NOOP(
            "ThinkingField",
            "For Anthropic and Gemini providers; OpenAI-compatible servers ignore it.",
        )
    ),
}


class ThinkingField(QWidget):
    """Edits a ProviderDraft's thinking budget in place."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft: ProviderDraft | None = None
        self.check = QCheckBox(self.tr("Ask for the model's thinking"), self)
        self.check.setObjectName("thinkingCheck")
        self.budget = QSpinBox(self)
        self.budget.setObjectName("thinkingBudgetSpin")
        self.budget.setAccessibleName(self.tr("Thinking budget"))
        self.budget.setRange(1, MAX_BUDGET)
        self.budget.setSingleStep(1024)
        self.budget.setSuffix(self.tr(" tokens"))
        self.budget.setGroupSeparatorShown(True)
        self.budget.setValue(DEFAULT_BUDGET)
        self.hint = QLabel(self)
        self.hint.setObjectName("thinkingHint")
        self.hint.setEnabled(False)  # drawn dimmer, as a note
        self.check.setToolTip(
            self.tr(
                "Ask the model to think before answering, in up to this many tokens (Anthropic's "
                "thinking, Gemini's thoughts), shown above the answer and billed as output. "
                "Reasoning models of OpenAI-compatible servers think on their own."
            )
        )
        self.problem = QLabel(self)
        self.problem.setObjectName("thinkingProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.budget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(self.hint)
        self.check.toggled.connect(self._toggled)
        self.budget.valueChanged.connect(self._budget_changed)

    def show_draft(self, draft: ProviderDraft | None) -> None:
        """Fill the field from a draft (None: off)."""
        self.draft = None  # no edits flow back while the widgets are filled in
        budget = draft.thinking_budget if draft else None
        self.check.setChecked(budget is not None)
        self.budget.setValue(budget or DEFAULT_BUDGET)
        self.budget.setEnabled(budget is not None)
        self.draft = draft
        self.set_kind(draft.kind if draft else "openai")

    def set_kind(self, kind: Kind) -> None:
        """The hint and the checks for the provider's kind."""
        hint = QCoreApplication.translate("ThinkingField", _HINTS[kind])
        self.hint.setText(hint.format(f"{ANTHROPIC_MIN_THINKING:,}"))
        self._check()

    def focus(self) -> None:
        self.budget.setFocus()
        self.budget.selectAll()

    def _toggled(self, on: bool) -> None:
        self.budget.setEnabled(on)
        self._store()

    def _budget_changed(self, _: int) -> None:
        self._store()

    def _store(self) -> None:
        if self.draft is None:
            return
        self.draft.thinking_budget = self.budget.value() if self.check.isChecked() else None
        self._check()
        self.edited.emit()

    def _check(self) -> None:
        draft = self.draft
        budget = draft.thinking_budget if draft else None
        anthropic = draft is not None and draft.kind == "anthropic"
        low = anthropic and budget is not None and budget < ANTHROPIC_MIN_THINKING
        self.problem.setText(
            self.tr("Anthropic needs at least {} tokens.").format(f"{ANTHROPIC_MIN_THINKING:,}")
            if low
            else ""
        )
        self.problem.setVisible(low)
