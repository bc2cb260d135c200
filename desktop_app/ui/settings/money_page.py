"""The Money page of the settings dialog: the currency money is shown in, the yuan rate, and the
monthly and daily budgets. It only edits; the dialog saves with everything else.

A budget follows the currency: $10 becomes ¥73 when the user switches to yuan at 7.3, so the
limit stays the same money (budget.convert_budget). Each is converted from the amount and
currency it was set in, not from the last conversion, so switching back shows what was typed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.currency import USD, Currency
from desktop_app.core.errors import ConfigError
from desktop_app.core.money.budget import WARN_AT, convert_budget
from desktop_app.core.settings.app_settings import AppSettings, load_settings
from desktop_app.core.text.messages import message_of
from desktop_app.ui.settings.form_fields import line_edit
from desktop_app.ui.settings.price_rows import format_figure, parse_number

RELAY_RATE = Decimal(1)  # a relay that bills ¥1 for each $1 of its prices
BANK_RATE = Decimal("7.3")
_PROBLEM_STYLE = "color: #b3261e;"
_READABLE_WIDTH = 680  # pixels: notes wider than this are hard to read

Code = Literal["USD", "CNY"]


def read_app_settings(path: Path) -> tuple[AppSettings, str]:
    """The saved currency and budgets, or the defaults and what is wrong with the file."""
    try:
        return load_settings(path), ""
    except ConfigError as exc:
        note = QCoreApplication.translate(
            "MoneyPage",
            "The Money tab shows the defaults; saving a change there replaces the file.",
        )
        return AppSettings(), f"{message_of(exc)} {note}"


class SettingsProblem(ValueError):
    """A field of the Money page holds something that cannot be saved; `field` names it."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


class MoneyPage(QWidget):
    """Edits an AppSettings; `settings()` reads it back or says what to fix."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moneyPage")
        self.loaded = settings
        self.usd_radio = QRadioButton(self.tr("US dollars ($)"), self)
        self.usd_radio.setObjectName("usdRadio")
        self.cny_radio = QRadioButton(self.tr("Chinese yuan (¥)"), self)
        self.cny_radio.setObjectName("cnyRadio")
        self.currency_group = QButtonGroup(self)
        self.currency_group.addButton(self.usd_radio)
        self.currency_group.addButton(self.cny_radio)
        self.rate_edit = self._amount_edit(
            "cnyPerUsdEdit", self.tr("Yuan per US dollar"), self.tr("e.g. 7.3")
        )
        self.relay_rate_button = self._rate_button(
            "relayRateButton", RELAY_RATE, self.tr("relay billing")
        )
        self.bank_rate_button = self._rate_button("bankRateButton", BANK_RATE, self.tr("bank rate"))
        self.monthly_edit = self._amount_edit(
            "monthlyBudgetEdit", self.tr("Monthly budget"), self.tr("no budget")
        )
        self.daily_edit = self._amount_edit(
            "dailyBudgetEdit", self.tr("Daily budget"), self.tr("no budget")
        )
        self.unit_labels = [QLabel(self), QLabel(self)]
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("moneyProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(_PROBLEM_STYLE)
        self._set_in: dict[QLineEdit, tuple[Decimal | None, Code]] = {}
        """Each budget field's amount and the currency it was set in."""
        self._lay_out()
        self._connect()
        self.show_settings(settings)

    def _amount_edit(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = line_edit(self, name, accessible, placeholder)
        edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0") * 16)
        return edit

    def _rate_button(self, name: str, rate: Decimal, what: str) -> QPushButton:
        button = QPushButton(self.tr("{rate} ({what})").format(rate=rate, what=what), self)
        button.setObjectName(name)
        button.setToolTip(f"¥{rate} = $1")
        button.clicked.connect(lambda: self._use_rate(rate))
        return button

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        for group in (self._currency_group(), self._budget_group()):
            group.setMaximumWidth(_READABLE_WIDTH)
            layout.addWidget(group)
        self.problem_label.setMaximumWidth(_READABLE_WIDTH)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)

    def _currency_group(self) -> QGroupBox:
        rate_row = QHBoxLayout()
        rate_row.addWidget(QLabel("¥", self))
        rate_row.addWidget(self.rate_edit)
        rate_row.addWidget(QLabel("= $1", self))
        rate_row.addSpacing(12)
        rate_row.addWidget(self.relay_rate_button)
        rate_row.addWidget(self.bank_rate_button)
        rate_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Show money in:"), self.usd_radio)
        form.addRow("", self.cny_radio)
        form.addRow(_buddy(self, self.tr("&Rate:"), self.rate_edit), rate_row)
        note = QCoreApplication.translate("MoneyPage", _RATE_NOTE)
        return _group(self, self.tr("Currency"), form, note)

    def _budget_group(self) -> QGroupBox:
        form = QFormLayout()
        for label, edit, unit in (
            (self.tr("&Monthly budget:"), self.monthly_edit, self.unit_labels[0]),
            (self.tr("&Daily budget:"), self.daily_edit, self.unit_labels[1]),
        ):
            row = QHBoxLayout()
            row.addWidget(edit)
            row.addWidget(unit)
            row.addStretch(1)
            form.addRow(_buddy(self, label, edit), row)
        return _group(self, self.tr("Budgets"), form, _budget_note())

    def _connect(self) -> None:
        self.cny_radio.toggled.connect(self._currency_toggled)
        self.rate_edit.textEdited.connect(self._rate_edited)
        for edit in (self.monthly_edit, self.daily_edit):
            edit.textEdited.connect(lambda _text, edit=edit: self._budget_edited(edit))

    def show_settings(self, settings: AppSettings) -> None:
        """Fill the page from settings."""
        self.loaded = settings
        code = settings.currency_code
        self._set_in = {
            self.monthly_edit: (settings.monthly_budget, code),
            self.daily_edit: (settings.daily_budget, code),
        }
        self.rate_edit.setText(format(settings.cny_per_usd, "f"))
        self.monthly_edit.setText(_amount_text(settings.monthly_budget))
        self.daily_edit.setText(_amount_text(settings.daily_budget))
        (self.cny_radio if code == "CNY" else self.usd_radio).setChecked(True)
        self._currency_toggled(self.cny_radio.isChecked())

    def settings(self) -> AppSettings:
        """The settings the page shows; raises SettingsProblem naming the field to fix."""
        cny = self.cny_radio.isChecked()
        try:
            rate = _rate(self.rate_edit.text())
        except SettingsProblem:
            if cny:
                raise
            rate = self.loaded.cny_per_usd  # not used with dollars: keep the one last saved
        symbol = "¥" if cny else "$"
        return AppSettings(
            currency_code="CNY" if cny else "USD",
            cny_per_usd=rate,
            monthly_budget=_budget(self.monthly_edit.text(), "monthly", symbol),
            daily_budget=_budget(self.daily_edit.text(), "daily", symbol),
        )

    def show_problem(self, problem: SettingsProblem) -> None:
        """Say what to fix under the fields and put the cursor in the field it names."""
        self.problem_label.setText(str(problem))
        self.problem_label.show()
        edits = {"rate": self.rate_edit, "monthly": self.monthly_edit, "daily": self.daily_edit}
        edit = edits[problem.field]
        edit.setFocus()
        edit.selectAll()

    def _use_rate(self, rate: Decimal) -> None:
        self.rate_edit.setText(format(rate, "f"))
        self.cny_radio.setChecked(True)
        self._rate_edited()

    def _currency_toggled(self, cny: bool) -> None:
        self.rate_edit.setEnabled(cny)
        for unit in self.unit_labels:
            unit.setText(self.tr("yuan (¥)") if cny else self.tr("US dollars ($)"))
        self._convert_budgets()
        self._typed()

    def _rate_edited(self) -> None:
        self._convert_budgets()
        self._typed()

    def _budget_edited(self, edit: QLineEdit) -> None:
        """Remember a typed budget in the currency shown, to convert it from there later."""
        try:
            amount = parse_number(edit.text())
        except ValueError:
            amount = None  # said by _typed; nothing to convert
        self._set_in[edit] = (amount, "CNY" if self.cny_radio.isChecked() else "USD")
        self._typed()

    def _convert_budgets(self) -> None:
        """Show each budget as the same money in the currency and at the rate now chosen."""
        try:
            rate = _rate(self.rate_edit.text())
        except SettingsProblem:
            if self.cny_radio.isChecked():
                return  # until the rate is a number; the budgets then convert at it
            rate = self.loaded.cny_per_usd  # what settings() keeps for a dollar user
        shown = _currency("CNY" if self.cny_radio.isChecked() else "USD", rate)
        for edit, (amount, code) in self._set_in.items():
            if amount is not None:
                converted = convert_budget(amount, _currency(code, rate), shown)
                edit.setText(_amount_text(converted))

    def _typed(self) -> None:
        """Check the fields as the user types, so a mistake is seen before Save."""
        try:
            self.settings()
        except SettingsProblem as problem:
            self.problem_label.setText(str(problem))
        else:
            self.problem_label.clear()
        self.problem_label.setVisible(bool(self.problem_label.text()))


_RATE_NOTE = str(
    QT_TRANSLATE_NOOP(
        "MoneyPage",
        "Prices stay in US dollars, as providers publish them; costs and budgets are shown in "
        "yuan at this rate. A relay that bills ¥1 for each $1 of its prices (HolySheep) means 1; "
        "paying by card at the bank's rate means about 7.3.",
    )
)


def _budget_note() -> str:
    warn = int(WARN_AT * 100)
    return QCoreApplication.translate(
        "MoneyPage",
        "Leave a budget empty for none. Tally warns when {} % of a budget is spent; at "
        "100 % it stops sending, and you can still send one message at a time by confirming it.",
    ).format(warn)


def _group(parent: QWidget, title: str, form: QFormLayout, note: str) -> QGroupBox:
    """A titled box: the fields, then a dimmer note under them that explains them."""
    group = QGroupBox(title, parent)
    label = QLabel(note, group)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    layout = QVBoxLayout(group)
    layout.addLayout(form)
    layout.addWidget(label)
    return group


def _buddy(parent: QWidget, text: str, edit: QLineEdit) -> QLabel:
    """A field's label whose shortcut focuses it (a row holding a layout gets none by itself)."""
    label = QLabel(text, parent)
    label.setBuddy(edit)
    return label


def _currency(code: Code, cny_per_usd: Decimal) -> Currency:
    return Currency("CNY", cny_per_usd) if code == "CNY" else USD


def _amount_text(amount: Decimal | None) -> str:
    return "" if amount is None else format_figure(amount).removesuffix(".00")


def _rate(text: str) -> Decimal:
    try:
        rate = parse_number(text)
    except ValueError as reason:
        raise SettingsProblem(
            QCoreApplication.translate(
                "MoneyPage",
                "The rate “{text}” {reason}: type how many yuan one US dollar buys, "
                "like 7.3 (or 1 for a relay that bills ¥1 = $1).",
            ).format(text=text.strip(), reason=reason),
            "rate",
        ) from None
    if rate is None or rate <= 0:
        raise SettingsProblem(
            QCoreApplication.translate(
                "MoneyPage",
                "Type how many yuan one US dollar buys, more than 0: 7.3 at the bank's rate, "
                "or 1 for a relay that bills ¥1 = $1.",
            ),
            "rate",
        )
    return rate


def _budget(text: str, period: Literal["monthly", "daily"], symbol: str) -> Decimal | None:
    try:
        amount = parse_number(text)
    except ValueError as reason:
        raise SettingsProblem(
            _budget_problem(period, not_positive=False).format(
                text=text.strip(), reason=reason, symbol=symbol
            ),
            period,
        ) from None
    if amount is not None and amount <= 0:
        raise SettingsProblem(
            _budget_problem(period, not_positive=True).format(symbol=symbol), period
        )
    return amount


def _budget_problem(period: Literal["monthly", "daily"], not_positive: bool) -> str:
    """What is wrong with a budget: not a number, or (`not_positive`) not more than 0. A whole
    sentence per period, so that a translation puts no translated word into another sentence."""
    if not_positive:
        if period == "monthly":
            return QCoreApplication.translate(
                "MoneyPage",
                "A monthly budget must be more than {symbol}0: leave it empty for no budget.",
            )
        return QCoreApplication.translate(
            "MoneyPage", "A daily budget must be more than {symbol}0: leave it empty for no budget."
        )
    if period == "monthly":
        return QCoreApplication.translate(
            "MoneyPage",
            "The monthly budget “{text}” {reason}: type an amount like {symbol}20, "
            "or leave it empty for no budget.",
        )
    return QCoreApplication.translate(
        "MoneyPage",
        "The daily budget “{text}” {reason}: type an amount like {symbol}20, "
        "or leave it empty for no budget.",
    )
