"""The spending view's table: a month per model (answers, tokens, cost) with a column for each
model the user re-prices on, and the month's total at the bottom."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.core.currency import Currency
from desktop_app.core.money.prices import format_price
from desktop_app.core.money.repricing import PricedModel, format_repriced
from desktop_app.core.money.spending import ModelUsage, combined, format_totals
from desktop_app.core.settings.provider_names import shown_name
from desktop_app.core.settings.providers_file import Provider

HEADERS = (
    str(QT_TRANSLATE_NOOP("SpendingTable", "Model")),
    str(QT_TRANSLATE_NOOP("SpendingTable", "Provider")),
    str(QT_TRANSLATE_NOOP("SpendingTable", "Answers")),
    str(QT_TRANSLATE_NOOP("SpendingTable", "Input")),
    str(QT_TRANSLATE_NOOP("SpendingTable", "Cached")),
    str(QT_TRANSLATE_NOOP("SpendingTable", "Output")),
    str(QT_TRANSLATE_NOOP("SpendingTable", "Cost")),
)
"""The columns' headings in English, marked for translation."""
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class SpendingTable(QTableWidget):
    """Read-only; one row a provider and model, the most expensive first, then the total."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spendingTable")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def show_rows(
        self,
        rows: Sequence[ModelUsage],
        targets: Sequence[PricedModel],
        currency: Currency,
        providers: Sequence[Provider] = (),
    ) -> None:
        """Fill the table: `rows` and their total, each beside its cost on every target; a
        provider by its name in `providers` (the rows hold its id)."""
        self.clearContents()
        self.setColumnCount(len(HEADERS) + len(targets))
        for column, name in enumerate(HEADERS):
            heading = QCoreApplication.translate("SpendingTable", name)
            self.setHorizontalHeaderItem(column, QTableWidgetItem(heading))
        for column, target in enumerate(targets, start=len(HEADERS)):
            header = QTableWidgetItem(self.tr("On {}").format(target.name))
            header.setToolTip(
                self.tr("{price}, from {origin}").format(
                    price=format_price(target.price, currency), origin=target.origin
                )
            )
            self.setHorizontalHeaderItem(column, header)
        self.setRowCount(len(rows) + 1 if rows else 0)
        for index, row in enumerate(rows):
            provider = shown_name(providers, row.provider) or "?"
            self._fill(index, row, provider, targets, currency)
        if rows:
            total = combined(rows, self.tr("Total"))
            self._fill(len(rows), total, "", targets, currency, bold=True)

    def _fill(
        self,
        index: int,
        row: ModelUsage,
        provider: str,
        targets: Sequence[PricedModel],
        currency: Currency,
        *,
        bold: bool = False,
    ) -> None:
        usage = row.usage
        counts = [row.answers, usage.input_tokens, usage.cached_input_tokens, usage.output_tokens]
        cells = [
            row.model or "?",
            provider,
            *(f"{n:,}" for n in counts),
            format_totals(row.cost, currency),
            *(format_repriced([row], target, currency) for target in targets),
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column >= 2:
                item.setTextAlignment(_RIGHT)
            if bold:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.setItem(index, column, item)


def table_notes(rows: list[ModelUsage]) -> list[str]:
    """What the figures of the table hold, and what is estimated or unpriced among `rows`."""
    notes = [
        QCoreApplication.translate(
            "SpendingDialog", "Input counts cached input too; output counts reasoning too."
        )
    ]
    if any(row.estimated for row in rows):
        notes.append(
            QCoreApplication.translate(
                "SpendingDialog",
                "≈ and lighter bars: estimated from the length of the text, where the provider "
                "reported no usage.",
            )
        )
    unpriced = combined(rows).unpriced
    if unpriced == 1:
        notes.append(
            QCoreApplication.translate(
                "SpendingDialog",
                "1 answer had no known price: not in the cost, but their tokens are in the "
                "re-priced columns.",
            )
        )
    elif unpriced:
        notes.append(
            QCoreApplication.translate(
                "SpendingDialog",
                "{} answers had no known price: not in the cost, but their tokens are in the "
                "re-priced columns.",
            ).format(f"{unpriced:,}")
        )
    return notes
