"""The live cost meter and budgets in the real window, streaming from the simulator."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.core.currency import Currency
from desktop_app.core.money.prices import cost_usd, format_money
from desktop_app.core.settings.keys import KeyStore
from desktop_app.core.settings.providers_file import ModelPrice
from desktop_app.simulator import Simulator
from desktop_app.ui.error_banner import Action
from desktop_app.ui.main_window import MainWindow
from tests.support.ui.window_helpers import Run, make_window, shut_down, sim_key
from tests.support.waiting import until

PRICE = ModelPrice(Decimal("2.00"), Decimal("8.00"))
REASONING = ModelPrice(Decimal("0.27"), Decimal("0.42"), cached_input=Decimal("0.07"))

PROVIDERS = """\
[[provider]]
id = "sim"
name = "Simulator"
base_url = "{base_url}"
models = ["sim-slow", "sim-normal", "sim-reasoning", "sim-no-usage", "sim-echo"]

[provider.prices."sim-slow"]
input = 2.00
output = 8.00

[provider.prices."sim-normal"]
input = 2.00
output = 8.00

[provider.prices."sim-reasoning"]
input = 0.27
cached_input = 0.07
output = 0.42

[provider.prices."sim-no-usage"]
input = 2.00
output = 8.00
"""


@pytest.fixture
def priced(qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path) -> tuple[MainWindow, Path]:
    data_dir.mkdir(parents=True, exist_ok=True)
    text = PROVIDERS.format(base_url=simulator.base_url)
    (data_dir / "providers.toml").write_text(text, encoding="utf-8")
    KeyStore().set("sim", sim_key(simulator))
    return make_window(qtbot), data_dir


def send(window: MainWindow, model: str, text: str) -> None:
    assert window.picker.select("sim", model)
    window.input.setPlainText(text)
    window.send()


def answered(window: MainWindow) -> bool:
    return not window.session.busy and window.conversation.messages[-1].status != "streaming"


def figure(meter_text: str, name: str) -> str:
    match = re.search(rf"{name} (\S+)", meter_text)
    assert match, meter_text
    return match.group(1)


def test_the_answer_cost_rises_live_then_snaps_to_the_reported_figure(
    priced: tuple[MainWindow, Path], run: Run
) -> None:
    window, _ = priced
    seen: list[str] = []

    async def body() -> None:
        send(window, "sim-slow", "Tell me about sloths")
        await until(lambda: len(window.conversation.messages[-1].content) > 20)
        seen.append(window.meter.text())
        await until(lambda: len(window.conversation.messages[-1].content) > 60)
        seen.append(window.meter.text())
        await until(lambda: answered(window), within=20)

    run(body)
    assert all(figure(text, "This answer").startswith("≈$") for text in seen)
    early, later = (Decimal(figure(t, "This answer")[2:]) for t in seen)
    assert later > early  # it rises while the answer streams
    answer = window.conversation.messages[-1]
    assert answer.usage is not None
    assert answer.usage.source == "reported"
    exact = format_money(cost_usd(PRICE, answer.usage))
    final = window.meter.text()
    assert figure(final, "This answer") == exact  # no "≈" once usage is reported
    assert figure(final, "Conversation") == exact
    assert figure(final, "Today") == exact  # the history holds just this answer
    stored = window.services.store.messages(window.recorder.conversation_id or "")[-1]
    assert stored.cost_usd == cost_usd(PRICE, answer.usage)
    shut_down(window, run)


def test_cached_input_is_priced_at_the_cache_price(
    priced: tuple[MainWindow, Path], run: Run
) -> None:
    window, _ = priced

    async def body() -> None:
        send(window, "sim-reasoning", "Think first")
        await until(lambda: answered(window), within=20)

    run(body)
    usage = window.conversation.messages[-1].usage
    assert usage is not None
    assert usage.cached_input_tokens > 0  # DeepSeek cache hits
    assert usage.reasoning_tokens > 0
    cost = window.conversation.messages[-1].cost
    assert cost is not None
    assert cost.usd == cost_usd(REASONING, usage)
    uncached = ModelPrice(REASONING.input, REASONING.output)
    assert cost.usd < cost_usd(uncached, usage)
    shut_down(window, run)


def test_answers_without_usage_stay_marked_estimated(
    priced: tuple[MainWindow, Path], run: Run
) -> None:
    window, _ = priced

    async def body() -> None:
        send(window, "sim-no-usage", "Hello")
        await until(lambda: answered(window), within=20)

    run(body)
    text = window.meter.text()
    assert figure(text, "This answer").startswith("≈$")
    assert figure(text, "Today").startswith("≈$")
    stored = window.services.store.messages(window.recorder.conversation_id or "")[-1]
    assert stored.usage is not None
    assert stored.usage.source == "estimated"
    shut_down(window, run)


def test_conversation_and_period_totals_follow_the_history(
    priced: tuple[MainWindow, Path], run: Run
) -> None:
    window, _ = priced

    async def body() -> None:
        send(window, "sim-normal", "One")
        await until(lambda: answered(window), within=20)
        send(window, "sim-normal", "Two")
        await until(lambda: answered(window), within=20)

    run(body)
    costs = [m.cost.usd for m in window.conversation.messages if m.cost and m.cost.usd]
    assert len(costs) == 2
    both = format_money(sum(costs, Decimal(0)))
    assert figure(window.meter.text(), "Conversation") == both
    window.new_conversation()
    text = window.meter.text()
    assert "This answer none yet" in text
    assert figure(text, "Conversation") == "$0.00"
    assert figure(text, "Today") == both  # the day keeps what was spent
    shut_down(window, run)


def test_unknown_prices_are_said_not_zero(priced: tuple[MainWindow, Path], run: Run) -> None:
    window, _ = priced

    async def body() -> None:
        send(window, "sim-echo", "Echo this")
        await until(lambda: answered(window), within=20)

    run(body)
    assert "This answer price unknown" in window.meter.text()
    shut_down(window, run)


def test_yuan_and_the_prompt_estimate(
    priced: tuple[MainWindow, Path], run: Run, qtbot: QtBot
) -> None:
    window, data_dir = priced
    (data_dir / "settings.toml").write_text('[money]\ncurrency = "CNY"\ncny_per_usd = 7.3\n')
    window._load_app_settings()
    assert window.picker.select("sim", "sim-normal")
    window.input.setPlainText("x" * 4000)  # about 1,000 tokens
    qtbot.waitUntil(lambda: "tokens" in window.estimate.text(), timeout=2000)
    # 1,000 tokens at $2.00 per million, at ¥7.3 to the dollar.
    assert "≈1,000 tokens" in window.estimate.text()
    assert "≈¥0.01 on sim-normal" in window.estimate.text()  # ¥0.0146: two digits above a fen
    assert figure(window.meter.text(), "Today") == "¥0.00"
    shut_down(window, run)


def test_a_used_up_budget_stops_sending_until_overridden(
    priced: tuple[MainWindow, Path], run: Run
) -> None:
    window, data_dir = priced
    (data_dir / "settings.toml").write_text("[budget]\nmonthly = 0.00001\n")
    window._load_app_settings()

    async def body() -> None:
        send(window, "sim-normal", "Spend a little")
        await until(lambda: answered(window), within=20)

    run(body)
    assert window.meter.property("budgetLevel") == "over"
    assert "color: #c62828" in window.meter.text()
    light = QApplication.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    QApplication.setPalette(dark)
    try:
        window.meter.refresh()
        assert "color: #ff7b72" in window.meter.text()  # readable on a dark window
    finally:
        QApplication.setPalette(light)
    send(window, "sim-normal", "And more")
    assert not window.session.busy  # not sent
    assert window.banner.action is Action.SEND_ANYWAY
    assert "monthly budget of $0.000010 is used up" in window.banner.label.text()
    assert window.input.toPlainText() == "And more"  # the text is kept

    async def override() -> None:
        window.banner.button.click()
        await until(lambda: window.conversation.messages[-2].content == "And more")
        await until(lambda: answered(window), within=20)

    run(override)
    assert window.conversation.messages[-1].status == "complete"
    send(window, "sim-normal", "Once more")
    assert not window.session.busy  # the override was for one message
    shut_down(window, run)


def test_80_percent_of_the_budget_colours_the_meter(
    priced: tuple[MainWindow, Path], run: Run
) -> None:
    window, data_dir = priced

    async def body() -> None:
        send(window, "sim-normal", "Spend a little")
        await until(lambda: answered(window), within=20)

    run(body)
    cost = window.conversation.messages[-1].cost
    assert cost is not None
    assert cost.usd is not None
    budget = cost.usd * Decimal("1.25")  # 80 % used
    (data_dir / "settings.toml").write_text(f"[budget]\nmonthly = {budget:f}\n")
    window._load_app_settings()
    assert window.meter.property("budgetLevel") == "warning"
    assert "80 % of the monthly budget used" in window.meter.toolTip()
    shut_down(window, run)


def test_each_answer_shows_its_cost_where_it_stands(
    priced: tuple[MainWindow, Path], run: Run
) -> None:
    window, data_dir = priced

    async def body() -> None:
        send(window, "sim-normal", "Priced")
        await until(lambda: answered(window), within=20)
        send(window, "sim-no-usage", "Estimated")
        await until(lambda: answered(window), within=20)

    run(body)
    window.chat_view.flush()  # the recorder's costs arrive as changes, shown with the next frame
    exact, estimated = window.conversation.messages[1], window.conversation.messages[3]
    assert exact.cost is not None
    assert estimated.cost is not None
    label = window.chat_view.widget_for(exact)
    assert label is not None
    assert label.cost.text() == format_money(exact.cost.usd)
    assert "tokens in" in label.cost.toolTip()
    other = window.chat_view.widget_for(estimated)
    assert other is not None
    assert other.cost.text().startswith("≈$")
    (data_dir / "settings.toml").write_text('[money]\ncurrency = "CNY"\ncny_per_usd = 7.3\n')
    window._load_app_settings()
    assert label.cost.text() == format_money(exact.cost.usd, Currency("CNY", Decimal("7.3")))
    conversation = window.recorder.conversation_id
    assert conversation is not None
    window.new_conversation()
    window.open_conversation(conversation)  # read back from the history
    window.chat_view.scroll_to(window.conversation.messages[3])
    reopened = window.chat_view.widget_for(window.conversation.messages[3])
    assert reopened is not None
    assert reopened.cost.text().startswith("≈¥")
    shut_down(window, run)


def test_back_in_the_window_it_counts_what_a_tally_command_spent_meanwhile(
    window: MainWindow, run: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    # A budget counts what `tally ask` spent from a terminal while the window stayed open.
    from desktop_app.cli.main import main

    before = window.ledger.today.usd
    assert main(["ask", "--provider", "sim", "--model", "sim-normal", "From the terminal"]) == 0
    capsys.readouterr()
    terminal = QWidget()  # the user went to a terminal, and comes back
    terminal.show()
    terminal.activateWindow()
    QApplication.processEvents()
    assert not window.isActiveWindow()
    window.activateWindow()
    QApplication.processEvents()

    async def body() -> None:
        await until(lambda: window.ledger.today.usd > before)
        await until(lambda: "From the terminal" in str(window.sidebar.list.rows))  # listed too

    run(body)
