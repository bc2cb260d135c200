"""The spending view's two bar charts: spend per day and spend per model.

Amounts arrive in USD (Decimal) and are drawn in the user's currency; floats appear only here,
for the drawing. A bar's tip says its amount as the table does (format_money), and what part
of it was estimated.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop_app.core.currency import Currency
from desktop_app.core.money.prices import format_money
from desktop_app.core.money.spending import ModelUsage, Totals
from desktop_app.ui.dates import month_name
from desktop_app.ui.spending.bar_chart import Bar, BarChart

WEEKDAYS = (
    str(QT_TRANSLATE_NOOP("DailyChart", "Mon")),
    str(QT_TRANSLATE_NOOP("DailyChart", "Tue")),
    str(QT_TRANSLATE_NOOP("DailyChart", "Wed")),
    str(QT_TRANSLATE_NOOP("DailyChart", "Thu")),
    str(QT_TRANSLATE_NOOP("DailyChart", "Fri")),
    str(QT_TRANSLATE_NOOP("DailyChart", "Sat")),
    str(QT_TRANSLATE_NOOP("DailyChart", "Sun")),
)
"""The days of the week, short, in English (strftime would follow the system's locale)."""


class _MoneyChart(BarChart):
    """A BarChart of Totals in the user's currency."""

    def __init__(self, currency: Currency, horizontal: bool, parent: QWidget | None) -> None:
        super().__init__(currency.symbol, horizontal=horizontal, parent=parent)
        self.currency = currency

    def set_currency(self, currency: Currency) -> None:
        """Show money in `currency` from the next figures on; the axis follows at once."""
        self.currency = currency
        self.set_symbol(currency.symbol)

    def _bar(self, label: str, totals: Totals, about: str, note: str = "") -> Bar:
        amount = format_money(totals.usd, self.currency, estimated=totals.estimated)
        # Not self.tr: its context would be the subclass's name.
        tip = QCoreApplication.translate("MoneyChart", "{about}: {amount}")
        tip = tip.format(about=about, amount=amount)
        if totals.estimated_usd:
            guessed = format_money(totals.estimated_usd, self.currency, estimated=True)
            tip += QCoreApplication.translate("MoneyChart", " ({} of it estimated)").format(guessed)
        exact = self._amount(totals.usd - totals.estimated_usd)
        return Bar(label, exact, self._amount(totals.estimated_usd), tip, note)

    def _amount(self, usd: Decimal) -> float:
        return float(self.currency.from_usd(usd))


class DailyChart(_MoneyChart):
    """Spend per day, one vertical bar a day, oldest on the left."""

    def __init__(self, currency: Currency, parent: QWidget | None = None) -> None:
        super().__init__(currency, False, parent)
        self.setObjectName("dailyChart")
        self.setAccessibleName(self.tr("Spend per day"))

    def show_days(self, days: Sequence[tuple[date, Totals]]) -> None:
        """Draw the days, or say there was no spending in them."""
        if not any(totals.usd for _, totals in days):
            self.show_message(self.tr("Nothing was spent on these days."))
            return
        labelled = _labelled_days(len(days))
        self.set_bars(
            [
                self._bar(_short(day) if i in labelled else "", totals, _long(day))
                for i, (day, totals) in enumerate(days)
            ]
        )


class ModelChart(_MoneyChart):
    """Spend per model, one horizontal bar a model, the most expensive on top."""

    def __init__(self, currency: Currency, parent: QWidget | None = None) -> None:
        super().__init__(currency, True, parent)
        self.setObjectName("modelChart")
        self.setAccessibleName(self.tr("Spend per model"))

    def show_models(self, rows: Sequence[ModelUsage]) -> None:
        """Draw the priced models (an unknown price has no bar to draw), or say why not."""
        priced = [row for row in rows if not row.cost.all_unpriced]
        if not any(row.usd for row in priced):
            self.show_message(self.tr("No answer with a known price in this month."))
            return
        bars = []
        for row in priced:
            amount = format_money(row.usd, self.currency, estimated=row.cost.estimated)
            count = f"{row.answers:,}"
            answers = self.tr("{} answer").format(count)
            if row.answers != 1:
                answers = self.tr("{} answers").format(count)
            about = self.tr("{model}, {answers}").format(model=row.model or "?", answers=answers)
            bars.append(self._bar(row.model or "?", row.cost, about, note=amount))
        self.set_bars(bars)


def _labelled_days(count: int) -> set[int]:
    """A label every few days, counted back from the last so that the latest day has one."""
    step = 1 if count <= 10 else 5
    return set(range(count - 1, -1, -step))


def _short(day: date) -> str:
    """A bar's label: "Mar 5"."""
    text = QCoreApplication.translate("DailyChart", "{month} {day}")
    return text.format(month=month_name(day.month)[:3], day=day.day)


def _long(day: date) -> str:
    """A bar's tip: "Thu 5 Mar 2026"."""
    text = QCoreApplication.translate("DailyChart", "{weekday} {day} {month} {year}")
    weekday = QCoreApplication.translate("DailyChart", WEEKDAYS[day.weekday()])
    return text.format(weekday=weekday, day=day.day, month=month_name(day.month)[:3], year=day.year)
