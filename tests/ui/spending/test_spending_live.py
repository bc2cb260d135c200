"""An open spending view follows the history, on the real window and the simulator: an answer
that ends and conversations imported show in it at once, keeping the month and the models the
user picked, while the window stays usable beside it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.spending import (
    Month,
    conversation_spent,
    first_answer_month,
    format_totals,
    local_now,
    spent_this_month,
    spent_today,
)
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.spending import month_read
from desktop_app.ui.spending.spending_dialog import SpendingDialog
from tests.support.history.history_samples import valid_export
from tests.support.history.spending_samples import answer
from tests.support.ui.spending_view import open_view, table
from tests.support.ui.window_actions import answer_dialog, menu_action, type_and_send
from tests.support.ui.window_helpers import Run
from tests.support.waiting import reads_shown, until


def answer_and_wait(qtbot: QtBot, window: MainWindow, run: Run, view: SpendingDialog) -> str:
    """Ask the simulator, let the answer end and the view refresh; returns the answer's cost as
    the view writes money."""
    before = view.summary.text()

    async def body() -> None:
        type_and_send(qtbot, window, "What does this cost?")
        await until(lambda: not window.session.busy)
        await until(lambda: view.summary.text() != before)

    run(body)
    conversation = window.recorder.conversation_id
    assert conversation is not None
    return format_totals(conversation_spent(window.services.store, conversation), view.currency)


def test_an_answer_that_ends_shows_in_the_open_view(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    answer(window.services.store, datetime.now(UTC), cost="0.0001")
    view = open_view(qtbot, window)
    assert QApplication.activeModalWidget() is None, "the window stays usable beside the view"
    assert table(view)[1:] == [
        ["deepseek-chat", "HolySheep relay", "1", "1,000", "0", "500", "$0.00010"],
        ["Total", "", "1", "1,000", "0", "500", "$0.00010"],
    ]

    cost = answer_and_wait(qtbot, window, run, view)
    assert cost.startswith("$0.000")  # sim-normal's price, tokens reported: exact
    rows = table(view)
    by_model = {row[0]: row for row in rows[1:-1]}
    assert by_model["deepseek-chat"][-1] == "$0.00010"
    assert by_model["sim-normal"][1:3] == ["Simulator", "1"]
    assert by_model["sim-normal"][-1] == cost
    store, currency = window.services.store, view.currency
    assert rows[-1][:3] == ["Total", "", "2"]
    assert rows[-1][-1] == format_totals(spent_this_month(store), currency)
    assert f"Today: <b>{format_totals(spent_today(store), currency)}</b>" in view.summary.text()

    # Deleted, the conversation's answer still counts: that money was spent (README, Spending).
    assert window.recorder.conversation_id is not None
    window.sidebar.delete(window.recorder.conversation_id)
    assert table(view) == rows

    window.open_spending()  # again: the open view comes forward, no second one
    assert window.findChildren(SpendingDialog) == [view]


def test_the_first_answer_replaces_the_empty_view(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    view = open_view(qtbot, window)
    assert view.pages.currentWidget() is view.empty

    cost = answer_and_wait(qtbot, window, run, view)

    async def replaced() -> None:  # the figures replace the empty page a turn after they come
        await until(lambda: view.pages.currentWidget() is not view.empty)

    run(replaced)
    this_month = Month.of(local_now())
    assert [view.month_picker.itemText(i) for i in range(view.month_picker.count())] == [
        this_month.label
    ]
    assert table(view)[1][:3] == ["sim-normal", "Simulator", "1"]
    assert table(view)[-1][-1] == cost


def test_the_month_and_the_models_picked_stay_through_a_refresh(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    last_month = Month.of(local_now()).previous()
    answer(window.services.store, last_month.start + timedelta(days=1), cost="2")
    view = open_view(qtbot, window)
    view.month_picker.setCurrentIndex(1)
    assert view.month == last_month
    reads_shown(qtbot, view.reads)
    view.picker.models.item(0).setCheckState(Qt.CheckState.Checked)
    picked = [model.name for model in view.repriced_on()]
    before = table(view)
    assert before[0][7:] == [f"On {picked[0]}"]
    assert "Today: <b>$0.00</b>" in view.summary.text()

    cost = answer_and_wait(qtbot, window, run, view)
    assert f"Today: <b>{cost}</b>" in view.summary.text()
    assert view.month == last_month
    assert view.month_picker.currentText() == last_month.label
    assert [model.name for model in view.repriced_on()] == picked
    assert table(view) == before, "last month's figures, re-priced on the same model"


def test_imported_conversations_show_in_the_open_view(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    view = open_view(qtbot, window)
    source = tmp_path / "tally-export.json"
    source.write_text(json.dumps(valid_export()), encoding="utf-8")  # March 2025, $0.001 each
    answer_dialog(window, source)
    menu_action(window, "Import conversations").trigger()
    march, picker = Month(2025, 3), view.month_picker
    qtbot.waitUntil(lambda: picker.findData(str(march)) >= 0)
    assert picker.itemText(picker.count() - 1) == march.label
    assert view.month == Month.of(local_now()), "the month shown stays the one shown"
    view.show_month(march)
    reads_shown(qtbot, view.reads)
    assert table(view)[-1][2:] == ["3", "9", "0", "12", "$0.0030"]


def test_a_burst_of_changes_reads_the_history_once(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = open_view(qtbot, window)
    answer(window.services.store, datetime.now(UTC), cost="1")
    reads: list[Month | None] = []

    def first_month(store: HistoryStore) -> Month | None:
        reads.append(first_answer_month(store))
        return reads[-1]

    monkeypatch.setattr(month_read, "first_answer_month", first_month)
    for _ in range(3):  # an answer ends, an import lands... in one turn of the event loop
        window.refresh_totals()
    assert view.pages.currentWidget() is view.empty, "not yet: once the turn is over"
    qtbot.waitUntil(lambda: view.pages.currentWidget() is not view.empty)
    QApplication.processEvents()
    assert reads == [Month.of(local_now())]


def test_a_closed_view_is_kept_and_shows_what_changed_when_opened_again(
    window: MainWindow, qtbot: QtBot, run: Run
) -> None:
    view = open_view(qtbot, window)
    assert view.pages.currentWidget() is view.empty
    view.close()
    assert not view.isVisible()

    async def body() -> None:
        type_and_send(qtbot, window, "Answered while the view is closed")
        await until(lambda: not window.session.busy)

    run(body)
    assert view.pages.currentWidget() is view.empty, "a closed view reads nothing"
    assert open_view(qtbot, window) is view  # the same dialog, its charts not built again
    qtbot.waitUntil(lambda: view.pages.currentWidget() is not view.empty)
    assert table(view)[-1][:3] == ["Total", "", "1"]
