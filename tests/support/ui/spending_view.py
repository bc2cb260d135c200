"""The spending view as a test reads it: opened from the window, its table and its charts' labels
as text."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.spending.bar_chart import BarChart
from desktop_app.ui.spending.spending_dialog import SpendingDialog
from tests.support.ui.window_actions import menu_action
from tests.support.waiting import reads_shown


def texts(chart: BarChart) -> list[str]:
    """The amounts written at the bars' ends, top to bottom."""
    return [bar.note for bar in chart.bars if bar.note]


def money_labels(chart: BarChart) -> list[str]:
    """The money axis's labels, from 0 up."""
    return [label for _, label in chart.ticks()]


def table(dialog: SpendingDialog) -> list[list[str]]:
    """The table's header and rows as text."""
    view = dialog.table
    columns = range(view.columnCount())
    header = [_text(view.horizontalHeaderItem(c)) for c in columns]
    return [header, *([_text(view.item(r, c)) for c in columns] for r in range(view.rowCount()))]


def open_view(qtbot: QtBot, window: MainWindow) -> SpendingDialog:
    menu_action(window, "Spending", "&View").trigger()
    (view,) = window.findChildren(SpendingDialog)
    assert view.isVisible()
    shown(qtbot, view)
    return view


def shown(qtbot: QtBot, view: SpendingDialog) -> None:
    """Wait until the view's reads are in and their figures, if any, in place of the empty
    page (a turn after they came in)."""
    reads_shown(qtbot, view.reads)
    qtbot.waitUntil(lambda: not view.has_figures or view.pages.currentWidget() is not view.empty)


def _text(item: QTableWidgetItem | None) -> str:
    assert item is not None
    return item.text()
