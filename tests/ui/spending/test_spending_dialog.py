"""The spending view built on a real history: charts holding the right amounts, the table per
model, months, re-pricing side by side, the user's currency, and an empty history."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.app_settings import AppSettings
from desktop_app.core.settings.presets import HOLYSHEEP
from desktop_app.core.settings.providers_file import ModelPrice
from desktop_app.ui.spending.bar_chart import ESTIMATED, EXACT, BarChart
from desktop_app.ui.spending.spending_dialog import SpendingDialog
from tests.support.history.spending_samples import answer, march_answers, time_zone
from tests.support.ui.spending_view import money_labels, shown, table, texts
from tests.support.waiting import reads_shown

# Every read of the history happens off the GUI thread (desktop_app/ui/history/reads.py).
pytestmark = pytest.mark.usefixtures("no_reads_on_the_gui_thread")

NOW = datetime(2025, 3, 20, 12, tzinfo=UTC)
YUAN = AppSettings(currency_code="CNY", cny_per_usd=Decimal("7.3"))


@pytest.fixture(autouse=True)
def in_utc() -> Iterator[None]:
    with time_zone("UTC0"):
        yield


@pytest.fixture
def history(store: HistoryStore) -> HistoryStore:
    """January to March 2025; March is the sample one (spending_samples.march_answers)."""
    answer(store, datetime(2025, 1, 5, 9, tzinfo=UTC), cost="2", model="claude-sonnet-4.5")
    answer(store, datetime(2025, 2, 20, 9, tzinfo=UTC), cost="1", tokens=(2_000_000, 0, 0, 0))
    march_answers(store)
    return store


def catalog(model: str, base_url: str) -> tuple[ModelPrice, str] | None:
    if model == "claude-opus-4-1":
        return ModelPrice(Decimal(15), Decimal(75)), "test catalog"
    return None


def opened(
    qtbot: QtBot, store: HistoryStore, settings: AppSettings | None = None
) -> SpendingDialog:
    dialog = SpendingDialog(
        store, settings or AppSettings(), [HOLYSHEEP.provider()], now=NOW, catalog=catalog
    )
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    return dialog


def stacks(chart: BarChart) -> tuple[list[float], list[float]]:
    """The exact and the estimated part of each bar (test_bar_chart checks that the second is
    drawn on the first)."""
    return [bar.exact for bar in chart.bars], [bar.estimated for bar in chart.bars]


def test_the_month_in_charts_and_a_table(qtbot: QtBot, history: HistoryStore) -> None:
    dialog = opened(qtbot, history)
    assert dialog.objectName() == "spendingDialog"
    picker = dialog.month_picker
    assert [picker.itemText(i) for i in range(picker.count())] == [
        "March 2025",
        "February 2025",
        "January 2025",
    ]
    exact, estimated = stacks(dialog.daily_chart)
    assert len(exact) == 30, "the last 30 days: 19 February to 20 March"
    day = {d: (d - date(2025, 2, 19)).days for d in (date(2025, 2, 20), date(2025, 3, 3))}
    assert {i: h for i, h in enumerate(exact) if h} == {
        day[date(2025, 2, 20)]: 1.0,
        day[date(2025, 3, 3)]: 0.48,
    }
    assert {i: h for i, h in enumerate(estimated) if h} == {26: 12.0}, "17 March"
    assert stacks(dialog.model_chart) == ([0.0, 0.48], [12.0, 0.0]), "no bar for no price"
    assert texts(dialog.model_chart) == ["≈$12.00", "$0.48"]
    assert [bar.label for bar in dialog.model_chart.bars] == ["gpt-4.1", "deepseek-chat"]
    assert dialog.model_chart.bars[0].tip == (
        "gpt-4.1, 1 answer: ≈$12.00 (≈$12.00 of it estimated)"
    )
    assert dialog.daily_chart.bars[day[date(2025, 3, 3)]].tip == "Mon 3 Mar 2025: $0.48"
    labels = [(i, bar.label) for i, bar in enumerate(dialog.daily_chart.bars) if bar.label]
    assert labels == [
        (4, "Feb 23"),
        (9, "Feb 28"),
        (14, "Mar 5"),
        (19, "Mar 10"),
        (24, "Mar 15"),
        (29, "Mar 20"),
    ], "every 5th day, back from today"
    assert table(dialog) == [
        ["Model", "Provider", "Answers", "Input", "Cached", "Output", "Cost"],
        ["gpt-4.1", "HolySheep relay", "1", "2,000,000", "0", "1,000,000", "≈$12.00"],
        ["deepseek-chat", "HolySheep relay", "1", "1,000,000", "0", "500,000", "$0.48"],
        ["mystery-model", "HolySheep relay", "1", "800,000", "0", "700,000", "price unknown"],
        ["Total", "", "3", "3,800,000", "0", "2,200,000", "≈$12.48 + 1 unpriced"],
    ]
    summary = dialog.summary.text()
    assert "March 2025: <b>≈$12.48 + 1 unpriced</b> in 3 answers" in summary
    assert "Today: <b>$0.00</b>" in summary
    assert "1 answer had no known price" in dialog.notes.text()
    assert "≈ and lighter bars: estimated" in dialog.notes.text()


def test_reprice_on_listed_and_typed_models(qtbot: QtBot, history: HistoryStore) -> None:
    dialog = opened(qtbot, history)
    listed = dialog.picker.models
    names = [listed.item(i).text() for i in range(listed.count())]
    assert names[:4] == [f"holysheep/{m}" for m in HOLYSHEEP.models]
    listed.item(names.index("holysheep/gpt-4.1")).setCheckState(Qt.CheckState.Checked)
    dialog.picker.other.setText("claude-opus-4-1")
    QTest.keyClick(dialog.picker.other, Qt.Key.Key_Return)
    rows = table(dialog)
    assert rows[0][7:] == ["On holysheep/gpt-4.1", "On claude-opus-4-1"]
    # 1M in + 0.5M out: $2 + $4 on gpt-4.1, $15 + $37.50 on Opus
    assert rows[2][7:] == ["$6.00", "$52.50"]
    assert rows[3][7:] == ["$7.20", "$64.50"], "an unknown price's tokens are re-priced too"
    assert rows[4][7:] == ["≈$25.20", "≈$222.00"]
    assert dialog.picker.other.text() == ""
    assert [m.name for m in dialog.repriced_on()] == ["holysheep/gpt-4.1", "claude-opus-4-1"]

    dialog.picker.other.setText("no-such-model")
    QTest.keyClick(dialog.picker.other, Qt.Key.Key_Return)
    assert not dialog.picker.problem.isHidden()
    assert dialog.picker.problem.text() == "No price is known for “no-such-model”."
    assert len(table(dialog)[0]) == 9


def test_money_in_the_user_s_currency(qtbot: QtBot, history: HistoryStore) -> None:
    dialog = opened(qtbot, history, YUAN)
    assert stacks(dialog.model_chart) == ([0.0, pytest.approx(3.504)], [87.6, 0.0])
    assert texts(dialog.model_chart) == ["≈¥87.60", "¥3.50"]
    assert table(dialog)[-1][-1] == "≈¥91.10 + 1 unpriced"
    assert money_labels(dialog.model_chart) == [
        "¥0.00",
        "¥20.00",
        "¥40.00",
        "¥60.00",
        "¥80.00",
        "¥100.00",
    ]
    assert dialog.model_chart.bars[1].tip == "deepseek-chat, 1 answer: ¥3.50"
    assert "Today: <b>¥0.00</b>" in dialog.summary.text()


def test_another_month(qtbot: QtBot, history: HistoryStore) -> None:
    dialog = opened(qtbot, history)
    dialog.month_picker.setCurrentIndex(1)
    reads_shown(qtbot, dialog.reads)
    assert dialog.month.label == "February 2025"
    assert dialog.daily_title.text() == "Spend per day"
    exact, estimated = stacks(dialog.daily_chart)
    assert len(exact) == 28
    assert {i: h for i, h in enumerate(exact) if h} == {19: 1.0}, "20 February"
    assert not any(estimated)
    assert texts(dialog.model_chart) == ["$1.00"]
    assert table(dialog)[1][:3] == ["deepseek-chat", "HolySheep relay", "1"]
    assert dialog.model_title.text() == "Spend per model, February 2025"


def test_a_month_of_unknown_prices_says_so_instead_of_empty_axes(
    qtbot: QtBot, store: HistoryStore
) -> None:
    answer(store, datetime(2025, 3, 10, tzinfo=UTC), cost=None, model="mystery-model")
    dialog = opened(qtbot, store)
    assert dialog.model_chart.bars == []
    assert dialog.model_chart.message == "No answer with a known price in this month."
    assert dialog.daily_chart.bars == []
    assert dialog.daily_chart.message == "Nothing was spent on these days."
    assert table(dialog)[1][-1] == "price unknown"


def test_an_empty_history_gets_a_friendly_message(qtbot: QtBot, store: HistoryStore) -> None:
    dialog = opened(qtbot, store)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.pages.currentWidget() is dialog.empty
    assert dialog.empty.isVisible()
    assert dialog.empty.text().startswith("Nothing spent yet.")
    assert not dialog.daily_chart.isVisible()
    # In the middle of the view, not flush against its left edge.
    assert dialog.empty.alignment() & Qt.AlignmentFlag.AlignHCenter
    assert dialog.empty.alignment() & Qt.AlignmentFlag.AlignVCenter


def test_the_view_draws_its_bars(qtbot: QtBot, history: HistoryStore) -> None:
    dialog = opened(qtbot, history)
    dialog.show()
    qtbot.waitExposed(dialog)
    image = dialog.grab().toImage()
    chart = dialog.model_chart
    exact, _ = chart.bar_rects(1)  # deepseek-chat: $0.48, exact
    _, estimated = chart.bar_rects(0)  # gpt-4.1: ≈$12.00, all of it estimated
    for rect, color in ((exact, EXACT), (estimated, ESTIMATED)):
        inside = chart.mapTo(dialog, rect.center().toPoint())
        assert image.pixelColor(inside) == color
    assert money_labels(dialog.daily_chart) == [
        "$0.00",
        "$2.50",
        "$5.00",
        "$7.50",
        "$10.00",
        "$12.50",
    ], "up to the largest day's $12.00, at a round step"


def test_opening_the_module_loads_no_chart_library() -> None:
    probe = (
        "import sys, desktop_app.ui.spending.spending_dialog; "
        "print(sorted(m for m in ('pyqtgraph', 'numpy', 'PySide6.QtOpenGL') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n", "the charts are painted by the view itself"


def test_a_typed_model_is_completed_from_the_bundled_catalog(
    qtbot: QtBot, history: HistoryStore
) -> None:
    dialog = SpendingDialog(history, AppSettings(), [HOLYSHEEP.provider()], now=NOW)
    qtbot.addWidget(dialog)
    reads_shown(qtbot, dialog.reads)  # the catalog's models are read on a worker too
    completer = dialog.picker.other.completer()
    assert completer is not None
    completer.setCompletionPrefix("gpt-4.1")
    shown = completer.completionModel()
    found = [shown.index(row, 0).data() for row in range(shown.rowCount())]
    assert "gpt-4.1" in found
