"""The fields of a set of parameters: system prompt, temperature, top_p, most tokens, thinking
budget and how many past turns go with each message. Each number may be left to the default
(the model's own, or all turns): its spin box then reads "Default" (its lowest value)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop_app.core.parameters import Parameters


class ParametersForm(QWidget):
    """Edits a Parameters; `edited` on every change the user makes."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, system_lines: int = 4) -> None:
        super().__init__(parent)
        self.rows = form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        default = self.tr("Default")
        self.system = QPlainTextEdit(self)
        self.system.setObjectName("systemPromptEdit")
        self.system.setPlaceholderText(self.tr("None: plain chat"))
        self.system.setTabChangesFocus(True)
        # Whole lines: the document's margins and the frame's around them.
        margins = 2 * (self.system.document().documentMargin() + self.system.frameWidth())
        self.system.setFixedHeight(
            int(self.fontMetrics().lineSpacing() * system_lines + margins) + 2
        )
        self.temperature = _fraction(self, "temperatureSpin", 2.0, default)
        self.temperature.setToolTip(
            self.tr("Lower is steadier, higher more varied (0 to 2). Default: the model's own.")
        )
        self.top_p = _fraction(self, "topPSpin", 1.0, default)
        self.top_p.setToolTip(
            self.tr("Sample only from the likeliest tokens up to this share (0 to 1).")
        )
        self.max_tokens = _count(self, "maxTokensSpin", 1_000_000, default)
        self.max_tokens.setToolTip(self.tr("The longest answer, in tokens"))
        self.thinking = _count(self, "thinkingBudgetSpin", 1_000_000, self.tr("Provider's setting"))
        self.thinking.setToolTip(
            self.tr("The model's thinking, up to this many tokens (where the API asks for it)")
        )
        self.turns = _count(self, "contextTurnsSpin", 1000, self.tr("All"))
        self.turns.setToolTip(
            self.tr("How many past questions and answers go with each message; fewer cost less")
        )
        form.addRow(self.tr("&System prompt:"), self.system)
        form.addRow(self.tr("&Temperature:"), self.temperature)
        form.addRow(self.tr("To&p P:"), self.top_p)
        form.addRow(self.tr("Most to&kens:"), self.max_tokens)
        form.addRow(self.tr("T&hinking budget:"), self.thinking)
        form.addRow(self.tr("&Past turns sent:"), self.turns)
        self.system.textChanged.connect(self.edited)
        for spin in (self.temperature, self.top_p):
            spin.valueChanged.connect(self.edited)
        for box in (self.max_tokens, self.thinking, self.turns):
            box.valueChanged.connect(self.edited)

    def show_parameters(self, parameters: Parameters) -> None:
        """Fill the fields, without saying `edited`."""
        self.blockSignals(True)
        for field in (self.system, self.temperature, self.top_p):
            field.blockSignals(True)
        for box in (self.max_tokens, self.thinking, self.turns):
            box.blockSignals(True)
        try:
            self.system.setPlainText(parameters.system or "")
            _set_fraction(self.temperature, parameters.temperature)
            _set_fraction(self.top_p, parameters.top_p)
            _set_count(self.max_tokens, parameters.max_tokens)
            _set_count(self.thinking, parameters.thinking_budget)
            _set_count(self.turns, parameters.context_turns)
        finally:
            for field in (self.system, self.temperature, self.top_p):
                field.blockSignals(False)
            for box in (self.max_tokens, self.thinking, self.turns):
                box.blockSignals(False)
            self.blockSignals(False)

    def parameters(self) -> Parameters:
        """What the fields say."""
        system = self.system.toPlainText().strip()
        return Parameters(
            system=system or None,
            temperature=_fraction_of(self.temperature),
            top_p=_fraction_of(self.top_p),
            max_tokens=_count_of(self.max_tokens),
            thinking_budget=_count_of(self.thinking),
            context_turns=_count_of(self.turns),
        )


_UNSET = -0.05
"""A fraction box's lowest value, shown as "Default": just under 0, which is a real value."""


def _fraction(parent: QWidget, name: str, most: float, default: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox(parent)
    spin.setObjectName(name)
    spin.setDecimals(2)
    spin.setSingleStep(0.05)
    spin.setRange(_UNSET, most)
    spin.setSpecialValueText(default)
    spin.setValue(_UNSET)
    return spin


def _count(parent: QWidget, name: str, most: int, default: str) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(0, most)
    spin.setSpecialValueText(default)
    spin.setGroupSeparatorShown(True)
    return spin


def _set_fraction(spin: QDoubleSpinBox, value: float | None) -> None:
    spin.setValue(_UNSET if value is None else value)


def _set_count(spin: QSpinBox, value: int | None) -> None:
    spin.setValue(0 if value is None else value)


def _fraction_of(spin: QDoubleSpinBox) -> float | None:
    return None if spin.value() < 0 else round(spin.value(), 2)


def _count_of(spin: QSpinBox) -> int | None:
    return None if spin.value() == 0 else spin.value()
