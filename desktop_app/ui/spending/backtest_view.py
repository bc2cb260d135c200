"""Spending → "With my rules": the month shown, as sent and with the routing rules of
routing.toml (money/backtest.py): "November 2025: ¥412 as sent, ¥96 with these rules", per rule
with how often its answers were escalated, and per model, in the user's currency.

The backtest reads every answer of the month and their questions, so it runs off the GUI thread
(HistoryReads, one read named "backtest"), rules file and all; the tables show when it is back.
A backtest writes nothing: a what-if figure, never money spent.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import paths
from desktop_app.core.currency import Currency
from desktop_app.core.errors import ConfigError
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.backtest import Backtest, Escalations, backtest
from desktop_app.core.money.prices import CatalogLookup, format_money
from desktop_app.core.money.spending import Month, Totals, format_totals
from desktop_app.core.routing.rules import Routing
from desktop_app.core.routing.rules_file import default_routing, load_routing
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import message_of
from desktop_app.ui.dates import month_of_year
from desktop_app.ui.history.reads import HistoryReads, present

OFTEN_SHARE = 0.2
"""A rule's answers are "often" escalated from one in five on..."""
OFTEN_LEAST = 2
"""... and at least this many: one escalated answer of two is not yet a pattern."""
_WARNING = QColor("#b3261e")
_NUMBERS = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def often_escalated(escalations: Escalations) -> bool:
    """Whether a rule's answers were escalated often enough to say its model is too cheap."""
    shared = escalations.escalated >= OFTEN_SHARE * escalations.answers
    return escalations.answers > 0 and escalations.escalated >= OFTEN_LEAST and shared


def run_backtest(
    history: HistoryStore,
    path: Path,
    month: Month,
    providers: Sequence[Provider],
    catalog: CatalogLookup | None,
) -> tuple[Routing, Backtest]:
    """The rules of `path` (the shipped ones when there is none) and the month with them (on a
    worker thread: no widget here)."""
    routing = load_routing(path)
    return routing, backtest(history, routing, month, providers, catalog)


class BacktestView(QWidget):
    """The month with the user's rules; `show_month` reads it, and it shows when ready."""

    def __init__(
        self,
        reads: HistoryReads,
        parent: QWidget | None = None,
        *,
        routing_path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backtestView")
        self.reads = reads
        self.routing_path = routing_path
        self.currency: Currency | None = None
        self.result: Backtest | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("backtestSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.rules_title = self._title(self.tr("Per rule"))
        self.rules = self._table(
            "backtestRules",
            [
                self.tr("Rule"),
                self.tr("Picks"),
                self.tr("Answers picked"),
                self.tr("As sent"),
                self.tr("With the rules"),
                self.tr("Escalated"),
            ],
        )
        escalated = self.rules.horizontalHeaderItem(5)
        assert escalated is not None
        escalated.setToolTip(
            self.tr(
                "Of the answers this rule picked when they were sent (with Auto), how many you "
                "asked a stronger model again"
            )
        )
        self.models_title = self._title(self.tr("Per model"))
        self.models = self._table(
            "backtestModels",
            [
                self.tr("Model"),
                self.tr("Answers as sent"),
                self.tr("As sent"),
                self.tr("Answers with the rules"),
                self.tr("With the rules"),
            ],
        )
        self.notes = QLabel(self)
        self.notes.setObjectName("backtestNotes")
        self.notes.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.rules_title)
        layout.addWidget(self.rules)
        layout.addWidget(self.models_title)
        layout.addWidget(self.models)
        layout.addWidget(self.notes)
        layout.addStretch(1)

    def _title(self, text: str) -> QLabel:
        title = QLabel(text, self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        return title

    def _table(self, name: str, headings: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headings), self)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headings)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    def show_month(
        self,
        month: Month,
        currency: Currency,
        providers: Sequence[Provider],
        catalog: CatalogLookup | None = None,
    ) -> None:
        """Work out `month` with the rules off the GUI thread; shown when it is back (a newer
        call drops the older one's result)."""
        self.currency = currency
        path = self.routing_path or paths.routing_file()
        providers = list(providers)
        self.summary.setText(
            self.tr("Working out {} with your rules…").format(month_of_year(month))
        )
        self._show_tables(False)
        self.reads.run(
            "backtest",
            lambda history: run_backtest(history, path, month, providers, catalog),
            self._show,
            self._failed,
        )

    def _show_tables(self, shown: bool) -> None:
        for part in (self.rules_title, self.rules, self.models_title, self.models, self.notes):
            part.setVisible(shown)

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ConfigError):
            present(error)
            return
        self.result = None
        fix = self.tr("Fix it in Settings → Routing to see the month with your rules.")
        self.summary.setText(f"{html.escape(message_of(error))}<br>{fix}")

    def _show(self, read: tuple[Routing, Backtest]) -> None:
        routing, result = read
        self.result = result
        month = month_of_year(result.month)
        if not result.as_sent.answers:
            self.summary.setText(
                self.tr("No answers with a cost in {}: nothing to try the rules on.").format(month)
            )
            return
        whose = (
            self.tr("with the shipped rules")
            if routing == default_routing()
            else self.tr("with these rules")
        )
        self.summary.setText(
            self.tr("{month}: <b>{sent}</b> as sent, <b>{routed}</b> {whose}. {change}").format(
                month=month,
                sent=self._money(result.as_sent),
                routed=self._money(result.with_rules),
                whose=whose,
                change=self._change(result),
            )
        )
        self._fill_rules(result)
        self._fill_models(result)
        self.notes.setText(" ".join(self._notes(result)))
        self._show_tables(True)
        for table in (self.rules, self.models):
            _fit(table)

    def _money(self, totals: Totals) -> str:
        assert self.currency is not None
        return format_totals(totals, self.currency) if totals.answers else "—"

    def _change(self, result: Backtest) -> str:
        assert self.currency is not None
        saved = result.saved
        if result.as_sent.usd <= 0 or saved == 0:
            return ""
        amount = format_money(abs(saved), self.currency, estimated=result.with_rules.estimated)
        if saved > 0:
            share = round(100 * saved / result.as_sent.usd)
            return self.tr("The rules would have saved {amount} ({share}%).").format(
                amount=amount, share=share
            )
        return self.tr("The rules would have cost {} more.").format(amount)

    def _fill_rules(self, result: Backtest) -> None:
        escalations = {e.rule: e for e in result.escalations}
        rows: list[tuple[list[str], Escalations | None]] = []
        for line in result.rules:
            name = line.rule if line.rule is not None else self.tr("(no rule matched: as sent)")
            cells = [
                name,
                str(line.choice) if line.choice is not None else "",
                f"{line.with_rules.answers:,}",
                self._money(line.as_sent),
                self._money(line.with_rules),
            ]
            rows.append((cells, escalations.pop(line.rule, None) if line.rule else None))
        for gone in escalations.values():  # recorded by rules no longer in the file
            name = self.tr("{} (not in the rules now)").format(gone.rule)
            rows.append(([name, "", "", "", ""], gone))
        self.rules.setRowCount(len(rows))
        for row, (cells, escalated) in enumerate(rows):
            for column, text in enumerate(cells):
                self.rules.setItem(row, column, _cell(text, column >= 2))
            self.rules.setItem(row, 5, self._escalated_cell(escalated))

    def _escalated_cell(self, escalations: Escalations | None) -> QTableWidgetItem:
        if escalations is None or not escalations.answers:
            item = _cell("—", True)
            item.setToolTip(self.tr("No answer of the month was sent by this rule."))
            return item
        share = round(100 * escalations.escalated / escalations.answers)
        text = self.tr("{escalated} of {answers} ({share}%)").format(
            escalated=f"{escalations.escalated:,}", answers=f"{escalations.answers:,}", share=share
        )
        if not often_escalated(escalations):
            return _cell(text, True)
        item = _cell(self.tr("⚠ {}: often").format(text), True)
        item.setForeground(QBrush(_WARNING))
        item.setToolTip(
            self.tr(
                "Its answers are often asked again of a stronger model: this rule's model is "
                "probably too cheap for its questions."
            )
        )
        return item

    def _fill_models(self, result: Backtest) -> None:
        self.models.setRowCount(len(result.models))
        for row, line in enumerate(result.models):
            cells = [
                str(line.model),
                f"{line.as_sent.answers:,}",
                self._money(line.as_sent),
                f"{line.with_rules.answers:,}",
                self._money(line.with_rules),
            ]
            for column, text in enumerate(cells):
                self.models.setItem(row, column, _cell(text, column >= 1))

    def _notes(self, result: Backtest) -> list[str]:
        notes = [
            self.tr(
                "A what-if figure: each answer's own tokens re-priced on the model the rules "
                "pick for its question; nothing is billed or written."
            )
        ]
        if result.as_sent.unpriced or result.with_rules.unpriced:
            notes.append(
                self.tr(
                    "Answers on a model of unknown price are not in the amounts (“+ N "
                    "unpriced”): an unknown price is never counted as 0."
                )
            )
        if result.unroutable == 1:
            notes.append(
                self.tr("1 answer whose question is no longer in the history counts as sent.")
            )
        elif result.unroutable:
            notes.append(
                self.tr(
                    "{} answers whose question is no longer in the history count as sent."
                ).format(f"{result.unroutable:,}")
            )
        return notes


def _fit(table: QTableWidget) -> None:
    """As tall as its rows (a scroll bar past a dozen), so that no blank band follows them."""
    table.resizeRowsToContents()
    rows = sum(table.rowHeight(row) for row in range(min(table.rowCount(), 12)))
    header = table.horizontalHeader().sizeHint().height()
    table.setFixedHeight(rows + header + 2 * table.frameWidth() + 2)


def _cell(text: str, number: bool) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if number:
        item.setTextAlignment(_NUMBERS)
    return item
