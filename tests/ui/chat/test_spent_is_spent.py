"""Spent is spent, through the real window: every billed answer counts once in the month's total,
`tally spend` and the budget, whatever is regenerated, edited, deleted or purged afterwards;
the offline demo's answers count nowhere as money."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.cli.main import main
from desktop_app.core.money.ledger import Ledger
from desktop_app.core.money.prices import format_money
from desktop_app.core.money.spending import spent_this_month
from desktop_app.core.settings.app_settings import AppSettings
from desktop_app.core.settings.keys import KeyStore
from desktop_app.simulator import Simulator
from desktop_app.ui.main_window import MainWindow
from tests.support.ui.window_helpers import Run, make_window, shut_down, sim_key
from tests.support.waiting import reads_shown, until

PROVIDERS = """\
[[provider]]
id = "sim"
name = "Simulator"
base_url = "{base_url}"
models = ["sim-slow", "sim-normal"]

[provider.prices."sim-slow"]
input = 2.00
output = 8.00

[provider.prices."sim-normal"]
input = 0.27
output = 0.42
"""


@pytest.fixture
def window(qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path) -> Iterator[MainWindow]:
    data_dir.mkdir(parents=True, exist_ok=True)
    text = PROVIDERS.format(base_url=simulator.base_url)
    (data_dir / "providers.toml").write_text(text, encoding="utf-8")
    KeyStore().set("sim", sim_key(simulator))
    made = make_window(qtbot)
    yield made
    shut_down(made, run)


def answered(window: MainWindow) -> bool:
    messages = window.conversation.messages
    return not window.session.busy and messages[-1].status != "streaming"


def billed(window: MainWindow) -> Decimal:
    """The cost of the answer on screen, as the recorder billed it."""
    cost = window.conversation.messages[-1].cost
    assert cost is not None
    assert cost.usd is not None
    assert cost.usd > 0
    return cost.usd


def month_figure(window: MainWindow) -> str:
    month = window.ledger.month.first_day.strftime("%B")
    found = re.search(rf"{month} (\S+)", window.meter.text())
    assert found, window.meter.text()
    return found.group(1)


def test_regenerate_edit_delete_and_purge_never_lower_the_month(
    window: MainWindow, run: Run, qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    costs: list[Decimal] = []

    async def body() -> None:
        # A stopped answer is billed (estimated) and stays billed once regenerated away.
        assert window.picker.select("sim", "sim-slow")
        window.input.setPlainText("Tell me a long story")
        window.send()
        await until(lambda: len(window.conversation.messages[-1].content) > 20)
        window.stop()
        await until(lambda: answered(window))
        assert window.conversation.messages[-1].status == "cancelled"
        costs.append(billed(window))
        assert window.picker.select("sim", "sim-normal")
        for _ in range(3):
            window.regenerate()
            await until(lambda: answered(window), within=20)
            costs.append(billed(window))
        for turn in range(3):
            window.edit(window.conversation.messages[0])
            window.input.setPlainText(f"Ask it another way, take {turn}")
            window.send()
            await until(lambda: answered(window), within=20)
            costs.append(billed(window))

    run(body)
    spent = sum(costs, Decimal(0))
    assert len(window.conversation.messages) == 2, "each answer is shown in place of the last"
    question = window.conversation.messages[0]
    assert len(window.conversation.versions(question)) == 4, "every edit stays, as a version"
    assert window.ledger.this_month.usd == spent
    assert window.ledger.this_month.answers == 7
    assert window.ledger.conversation.usd == spent, "the conversation's replaced answers count"
    assert month_figure(window) == format_money(spent, estimated=True)  # the stopped one

    store = window.services.store
    conversation_id = window.recorder.conversation_id
    assert conversation_id is not None
    window.new_conversation()
    store.delete(conversation_id)
    assert store.purge_deleted(older_than=timedelta(0)) == 1
    assert store.messages(conversation_id) == []
    window.ledger.load(Ledger(store).snapshot_reader()(store))  # nothing as it was read
    assert window.ledger.this_month.answers == 7
    window.refresh_totals()  # read again, on a worker, from the purged history
    reads_shown(qtbot, window.reads)
    assert window.ledger.this_month.usd == spent
    assert window.ledger.this_month.answers == 7
    assert spent_this_month(store).usd == spent

    window.apply_app_settings(AppSettings(monthly_budget=spent))
    stop = window.ledger.budget_stop()
    assert stop is not None, "the budget counts every answer: it is used up"
    assert stop.spent_usd == spent
    window.input.setPlainText("One more?")
    window.send()
    assert not window.session.busy, "sending waits for the user to say so"

    assert main(["spend"]) == 0
    out = capsys.readouterr().out
    total = next(line for line in out.splitlines() if line.startswith("Total"))
    assert total.split()[1] == "7", total  # every billed answer once
    assert total.split()[-1] == format_money(spent, estimated=True)


def test_a_demo_answer_shows_its_cost_but_counts_nowhere_as_money(
    window: MainWindow, run: Run, qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    window.start_demo()

    async def body() -> None:
        window.input.setPlainText("What does this cost?")
        window.send()
        await until(lambda: answered(window), within=20)

    run(body)
    answer = window.conversation.messages[-1]
    assert answer.cost is not None
    assert answer.cost.usd is not None
    assert answer.cost.usd > 0, "the would-be cost is shown on the message"
    window.chat_view.flush()
    widget = window.chat_view.widget_for(answer)
    assert widget is not None
    assert widget.cost.text() == format_money(answer.cost.usd)
    assert "(simulated, not spent)" in window.meter.text()
    window.refresh_totals()
    reads_shown(qtbot, window.reads)
    assert window.ledger.this_month.answers == 0
    assert window.ledger.conversation.answers == 0
    assert month_figure(window) == "$0.00"
    fresh = Ledger(window.services.store)  # what the command line and the budget read
    fresh.refresh()
    assert (fresh.today.answers, fresh.this_month.answers) == (0, 0)
    assert main(["spend"]) == 0
    assert "No answers with a cost" in capsys.readouterr().out


def test_a_reopened_conversation_keeps_todays_and_the_months_totals(
    window: MainWindow, run: Run, qtbot: QtBot, data_dir: Path
) -> None:
    async def body() -> None:
        assert window.picker.select("sim", "sim-normal")
        window.input.setPlainText("What does this cost?")
        window.send()
        await until(lambda: answered(window), within=20)

    run(body)
    cost = billed(window)

    again = make_window(qtbot)  # a second start: it reopens that conversation, totals on a worker
    try:
        assert again.recorder.conversation_id is not None
        qtbot.waitUntil(lambda: again.ledger.today.usd == cost)
        assert again.ledger.this_month.usd == cost
        assert again.ledger.conversation.usd == cost
        again.apply_app_settings(AppSettings(daily_budget=cost))
        assert again.ledger.budget_stop() is not None, "the budget sees what was spent today"
    finally:
        shut_down(again, run)
