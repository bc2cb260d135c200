"""The spending view's two bar charts, drawn with pyqtgraph: spend per day and spend per model.

pyqtgraph brings numpy, so only the spending dialog imports this module, when it opens: the
app's start-up does not pay for either. Amounts arrive in USD (Decimal) and are drawn in the
user's currency; floats appear only here, for the drawing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from math import ceil, log10

# pyqtgraph would take whichever Qt binding it finds first (PyQt6 before PySide6); the app's
# widgets are PySide6, so say which.
os.environ["PYQTGRAPH_QT_LIB"] = "PySide6"

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from desktop_app.core.currency import Currency
from desktop_app.core.money.prices import format_money
from desktop_app.core.money.spending import ModelUsage, Totals

EXACT = QColor("#3b7dd8")
ESTIMATED = QColor("#a9c9f2")
"""Money priced from estimated usage (≈) is drawn lighter, stacked on the exact part."""


class MoneyAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph has no type hints
    """An axis whose ticks read as money in the user's currency: ¥0.50, $0.002."""

    def __init__(self, currency: Currency, orientation: str) -> None:
        super().__init__(orientation)
        self.currency = currency
        self.setStyle(maxTextLevel=0)  # amounts on the major ticks only: a label every cent crowds

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        places = max(2, ceil(-log10(spacing * scale))) if spacing > 0 else 2
        return [f"{self.currency.symbol}{value * scale:.{places}f}" for value in values]


class _BarChart(QStackedWidget):
    """Stacked bars, exact money then estimated, or a sentence in their place when there is
    nothing to draw (never empty axes)."""

    def __init__(self, currency: Currency, money_axis: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.currency = currency
        self.money_axis = money_axis
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.plot = pg.PlotWidget(axisItems={money_axis: MoneyAxis(currency, money_axis)})
        self.plot.setBackground(self.palette().color(QPalette.ColorRole.Base))
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.showGrid(x=money_axis == "bottom", y=money_axis == "left", alpha=0.25)
        text = self.palette().color(QPalette.ColorRole.Text)
        for name in ("left", "bottom"):
            self.plot.getAxis(name).setTextPen(text)
        self.addWidget(self.message)
        self.addWidget(self.plot)

    def set_currency(self, currency: Currency) -> None:
        """Show money in `currency` from the next drawing on; the money axis redraws its ticks."""
        self.currency = currency
        axis = self.plot.getAxis(self.money_axis)
        axis.currency = currency
        axis.setStyle()  # makes the axis draw its ticks again

    def show_message(self, text: str) -> None:
        self.plot.clear()
        self.message.setText(text)
        self.setCurrentWidget(self.message)

    def _draw(self, totals: Sequence[Totals], thickness: float) -> list[float]:
        """One stacked bar per total at 0, 1, 2...; returns the bars' full lengths."""
        self.plot.clear()
        exact = [self._amount(t.usd - t.estimated_usd) for t in totals]
        estimated = [self._amount(t.estimated_usd) for t in totals]
        places = list(range(len(totals)))
        for start, length, color in ((None, exact, EXACT), (exact, estimated, ESTIMATED)):
            if self.money_axis == "left":  # vertical bars
                item = pg.BarGraphItem(x=places, y0=start or 0, height=length, width=thickness)
            else:
                item = pg.BarGraphItem(y=places, x0=start or 0, width=length, height=thickness)
            item.setOpts(brush=color, pen=color.darker(130))
            self.plot.addItem(item)
        self.setCurrentWidget(self.plot)
        return [a + b for a, b in zip(exact, estimated, strict=True)]

    def _amount(self, usd: Decimal) -> float:
        return float(self.currency.from_usd(usd))


class DailyChart(_BarChart):
    """Spend per day, one vertical bar a day, oldest on the left."""

    def __init__(self, currency: Currency, parent: QWidget | None = None) -> None:
        super().__init__(currency, "left", parent)
        self.setObjectName("dailyChart")

    def show_days(self, days: Sequence[tuple[date, Totals]]) -> None:
        """Draw the days, or say there was no spending in them."""
        if not any(totals.usd for _, totals in days):
            self.show_message("Nothing was spent on these days.")
            return
        heights = self._draw([totals for _, totals in days], thickness=0.75)
        self.plot.getAxis("bottom").setTicks([_day_ticks([day for day, _ in days])])
        self.plot.setXRange(-0.7, len(days) + 0.7, padding=0)  # room for the last label
        self.plot.setYRange(0, max(heights) * 1.1, padding=0)


class ModelChart(_BarChart):
    """Spend per model, one horizontal bar a model, the most expensive on top."""

    def __init__(self, currency: Currency, parent: QWidget | None = None) -> None:
        super().__init__(currency, "bottom", parent)
        self.setObjectName("modelChart")
        self.plot.getPlotItem().invertY(True)  # row 0, the most expensive, at the top

    def show_models(self, rows: Sequence[ModelUsage]) -> None:
        """Draw the priced models (an unknown price has no bar to draw), or say why not."""
        priced = [row for row in rows if not row.cost.all_unpriced]
        if not any(row.usd for row in priced):
            self.show_message("No answer with a known price in this month.")
            return
        widths = self._draw([row.cost for row in priced], thickness=0.6)
        self.plot.getAxis("left").setTicks([[(y, row.model) for y, row in enumerate(priced)]])
        text = self.palette().color(QPalette.ColorRole.Text)
        for y, (row, width) in enumerate(zip(priced, widths, strict=True)):
            amount = format_money(row.usd, self.currency, estimated=row.cost.estimated)
            label = pg.TextItem(f" {amount}", color=text, anchor=(0, 0.5))
            label.setPos(width, y)
            self.plot.addItem(label)
        self.plot.setYRange(-0.6, len(priced) - 0.4, padding=0)
        self.plot.setXRange(0, max(widths) * 1.3, padding=0)


def _day_ticks(days: Sequence[date]) -> list[tuple[float, str]]:
    """A label every few days, counted back from the last so that the latest day has one."""
    step = 1 if len(days) <= 10 else 5
    last = len(days) - 1
    return [(i, f"{days[i]:%b} {days[i].day}") for i in range(last, -1, -step)]
