"""The spending view: a month's spend per day and per model as charts, a table per model, and what
the same tokens would have cost on other models, side by side with what they did cost.

The reads are one month of answers through an index: a few milliseconds for a usual month, about
0.1 s for 20,000 answers (a million-message history), so they run off the GUI thread
(HistoryReads, one read named "month") when the view opens, when the month changes, and when the
window says what it shows changed (an answer ended, conversations were imported, the currency or
the providers' prices were changed in the settings); a newer read drops the older one's result.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.prices import CatalogLookup
from desktop_app.core.money.repricing import (
    PricedModel,
    catalog_model_names,
    find_price,
    reprice_candidates,
)
from desktop_app.core.money.spending import (
    ModelUsage,
    Month,
    Totals,
    combined,
    format_totals,
    local_now,
)
from desktop_app.core.settings.app_settings import AppSettings
from desktop_app.core.settings.providers_file import Provider
from desktop_app.ui.dates import month_of_year
from desktop_app.ui.history.reads import HistoryReads
from desktop_app.ui.spending.backtest_view import BacktestView
from desktop_app.ui.spending.month_read import MonthRead, read_month
from desktop_app.ui.spending.reprice_picker import RepricePicker
from desktop_app.ui.spending.spending_charts import DailyChart, ModelChart
from desktop_app.ui.spending.spending_table import SpendingTable, table_notes

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

_NEXT_TURN_MS = 1
"""Work left for a later turn of the event loop waits on a 1 ms timer: a 0 ms single shot is a
posted call, which can run before the timers, paints and input already due."""

NO_SPENDING = str(
    QT_TRANSLATE_NOOP(
        "SpendingDialog",
        "Nothing spent yet.\n\nEvery answer's cost is kept in the history, and this view shows "
        "it per day and per model once there is some.",
    )
)


class SpendingDialog(QDialog):
    """Shows what the history cost, month by month, in the user's currency.

    `now` is the moment taken as now (tests and screenshots; the clock by default); `catalog`
    replaces the bundled price catalog (tests).
    """

    def __init__(
        self,
        store: HistoryStore,
        settings: AppSettings,
        providers: list[Provider],
        parent: QWidget | None = None,
        *,
        now: datetime | None = None,
        catalog: CatalogLookup | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("spendingDialog")
        self.setWindowTitle(self.tr("Spending"))
        self.store = store
        self.reads = HistoryReads(self, store)
        self.currency, self.providers, self.catalog = settings.currency, providers, catalog
        self.follows: MainWindow | None = None
        """The window whose currency and providers each refresh takes (show_spending)."""
        self.clock = now  # None: the clock, read again at each refresh
        self.now = local_now(now)
        self.rows: list[ModelUsage] = []
        self.month_picker = QComboBox(self)
        self.month_picker.setObjectName("spendingMonth")
        self.summary = QLabel(self)
        self.summary.setObjectName("spendingSummary")
        self.daily_title, self.model_title = QLabel(self), QLabel(self)
        self.daily_chart = DailyChart(self.currency, self)
        self.model_chart = ModelChart(self.currency, self)
        self.table = SpendingTable(self)
        self.picker = self._new_picker()
        self.notes = QLabel(self)
        self.notes.setObjectName("spendingNotes")
        self.notes.setWordWrap(True)
        self.empty = QLabel(QCoreApplication.translate("SpendingDialog", NO_SPENDING), self)
        self.empty.setObjectName("spendingEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)  # in the middle of the view
        self.empty.setMargin(24)
        self.pages = QStackedWidget(self)
        self.rules_toggle = QPushButton(self.tr("With my rules"), self)
        self.rules_toggle.setObjectName("withMyRules")
        self.rules_toggle.setCheckable(True)
        self.rules_toggle.setToolTip(
            self.tr("The month again, each answer on the model your routing rules pick")
        )
        self.backtest = BacktestView(self.reads, self)
        self.views = QStackedWidget(self)  # as spent, or with the rules
        self._lay_out()
        self.rules_toggle.toggled.connect(self._with_rules)
        self._read(None)
        self.month_picker.currentIndexChanged.connect(self._month_picked)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self.refresh)
        self._holding = False
        self.has_figures = False
        """Whether the last read had figures to show (else the empty page is shown)."""
        self.resize(1240, 780)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month:"), self))
        top.addWidget(self.month_picker)
        top.addWidget(self.rules_toggle)
        top.addStretch(1)
        top.addWidget(self.summary)
        charts = QHBoxLayout()
        charts.addLayout(_titled(self.daily_title, self.daily_chart), 3)
        charts.addLayout(_titled(self.model_title, self.model_chart), 2)
        lower = self._lower = QHBoxLayout()
        lower.addWidget(self.table, 1)
        lower.addWidget(self.picker)
        spent = QWidget(self)
        column = QVBoxLayout(spent)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(charts, 3)
        column.addLayout(lower, 2)
        column.addWidget(self.notes)
        self.views.addWidget(spent)
        self.views.addWidget(self.backtest)
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.views, 1)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(content)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._paint_lower_later()

    def _paint_lower_later(self) -> None:
        """Leave the table and the picker out of the next paint, and paint them in the turn
        after it: the whole view painted at once, the first time, held the GUI thread some
        10-20 ms (docs/performance.md, No stalls)."""
        for part in (self.table, self.picker):
            part.setUpdatesEnabled(False)
        self._holding = True
        QTimer.singleShot(100, self, self._paint_lower)  # at the latest, whatever is painted

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._holding:
            QTimer.singleShot(_NEXT_TURN_MS, self, self._paint_lower)

    def _paint_lower(self) -> None:
        if self._holding:
            self._holding = False
            for part in (self.table, self.picker):
                part.setUpdatesEnabled(True)

    def refresh_soon(self) -> None:
        """Refresh once the events now queued are handled: a burst of changes reads once. A
        closed view (kept hidden for the next opening) reads when it is shown again."""
        if self.isVisible():
            self._refresh_timer.start(0)

    def refresh(self) -> None:
        """Read the history again for the month shown, keeping the models re-priced on, in the
        currency and at the prices of the window followed, if any."""
        if self.follows is not None:
            self.use(self.follows.app_settings, self.follows.providers)
        self.now = local_now(self.clock)
        shown = self.month_picker.currentData()
        self._read(None if shown is None else Month.parse(shown))

    def use(self, settings: AppSettings, providers: list[Provider]) -> None:
        """Show money in `settings`' currency and re-price at `providers`' prices from the next
        refresh on, with the same models ticked (those still priced)."""
        if (settings.currency, providers) == (self.currency, self.providers):
            return
        self.currency, self.providers = settings.currency, providers
        self.daily_chart.set_currency(self.currency)
        self.model_chart.set_currency(self.currency)
        old, self.picker = self.picker, self._new_picker()
        self.picker.heading.setText(old.heading.text())
        for model in old.chosen():
            self.picker.choose(model.name)
        self._lower.replaceWidget(old, self.picker)
        old.deleteLater()

    def _new_picker(self) -> RepricePicker:
        providers, catalog = self.providers, self.catalog
        picker = RepricePicker(
            reprice_candidates(providers, catalog),
            lambda name: find_price(name, providers, catalog),
            self.currency,
            self,
        )
        picker.setFixedWidth(230)  # the table gets the rest: a column per model ticked
        picker.chosenChanged.connect(self._show_table)
        if catalog is None:
            # Not the history, but as slow the first time (the bundled catalog read and every
            # entry priced): the one helper runs it on a worker all the same.
            self.reads.run("catalog", lambda _history: catalog_model_names(), picker.offer)
        return picker

    def _read(self, keep: Month | None) -> None:
        """Read the months offered and `keep`'s figures (else the newest month's); shown when
        the read comes back (reads.pending() says whether it has)."""
        now = self.now
        self.reads.run("month", lambda history: read_month(history, now, keep), self._show)

    def _show(self, read: MonthRead) -> None:
        offered = [self.month_picker.itemData(i) for i in range(self.month_picker.count())]
        with QSignalBlocker(self.month_picker):
            if offered != [str(m) for m in read.months]:  # a new month, an import, a first answer
                self.month_picker.clear()
                for m in read.months:
                    self.month_picker.addItem(month_of_year(m), str(m))
            if read.month is not None:
                self.month_picker.setCurrentIndex(self.month_picker.findData(str(read.month)))
        if read.month is None or read.days is None or read.rows is None or read.today is None:
            self.has_figures = False
            self.pages.setCurrentWidget(self.empty)
            return
        self.has_figures = True
        month, current = read.month, read.month == Month.of(self.now)
        self.rows = read.rows
        self.daily_title.setText(
            self.tr("Spend per day, last 30 days") if current else self.tr("Spend per day")
        )
        self.model_title.setText(self.tr("Spend per model, {}").format(month_of_year(month)))
        self.daily_chart.show_days(read.days)
        self.model_chart.show_models(self.rows)
        self.picker.heading.setText(
            self.tr("What would {} have cost on…").format(month_of_year(month))
        )
        self._show_summary(month, read.today)
        self._show_table()
        if self.rules_toggle.isChecked():
            self._with_rules(True)
        if self.pages.currentIndex() != 1:  # shown in the next turn: apart from the work above
            QTimer.singleShot(_NEXT_TURN_MS, self, self._reveal)

    def _reveal(self) -> None:
        """Put the figures in place of the empty page (the read of a first answer, or the view's
        first read), the table and the picker painted a turn later."""
        if self.has_figures and self.pages.currentIndex() != 1:
            self._paint_lower_later()
            self.pages.setCurrentIndex(1)

    @property
    def month(self) -> Month:
        """The month shown."""
        return Month.parse(self.month_picker.currentData())

    def show_month(self, month: Month) -> None:
        """Read `month`, one of the picker's, from the history and show it (once read)."""
        index = self.month_picker.findData(str(month))
        if index < 0:
            raise ValueError(f"the view offers no {month.label}")
        if index != self.month_picker.currentIndex():
            self.month_picker.setCurrentIndex(index)  # comes back here through the signal
            return
        self._read(month)

    def repriced_on(self) -> list[PricedModel]:
        """The models the table re-prices on now."""
        return self.picker.chosen()

    def _with_rules(self, on: bool) -> None:
        """Show the month as spent, or with the routing rules (worked out off the GUI thread)."""
        self.views.setCurrentIndex(1 if on else 0)
        if on and self.month_picker.currentData() is not None:
            self.backtest.show_month(self.month, self.currency, self.providers, self.catalog)

    def _month_picked(self, index: int) -> None:
        if index >= 0:
            self.show_month(self.month)

    def _show_summary(self, month: Month, today: Totals) -> None:
        month_total = combined(self.rows).cost
        count = f"{month_total.answers:,}"
        answers = self.tr("{} answer").format(count)
        if month_total.answers != 1:
            answers = self.tr("{} answers").format(count)
        self.summary.setText(
            self.tr("{month}: <b>{total}</b> in {answers} · Today: <b>{today}</b>").format(
                month=month_of_year(month),
                total=format_totals(month_total, self.currency),
                answers=answers,
                today=format_totals(today, self.currency),
            )
        )
        self.notes.setText(" ".join(table_notes(self.rows)))

    def _show_table(self) -> None:
        self.table.show_rows(self.rows, self.repriced_on(), self.currency, self.providers)


def show_spending(window: MainWindow) -> SpendingDialog:
    """Show `window`'s spending view, or bring forward the one already open. It leaves the
    window usable (modeless) and follows its spendingChanged while shown, taking its currency
    and providers at each refresh. Closed, it is hidden rather than destroyed: opening it again
    reads the month anew but builds nothing."""
    view = next(iter(window.findChildren(SpendingDialog)), None)
    if view is None:
        store, settings = window.services.store, window.app_settings
        view = SpendingDialog(store, settings, window.providers, window)
        view.follows = window
        window.spendingChanged.connect(view.refresh_soon)
    elif not view.isVisible():
        view.show()
        view.refresh_soon()  # what changed while it was closed
    view.show()
    view.raise_()
    view.activateWindow()
    return view


def _titled(title: QLabel, chart: QWidget) -> QVBoxLayout:
    column = QVBoxLayout()
    font = title.font()
    font.setBold(True)
    title.setFont(font)
    column.addWidget(title)
    column.addWidget(chart, 1)
    return column
