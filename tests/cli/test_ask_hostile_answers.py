"""`tally ask` against answers that hold what no text or ledger can: a lone surrogate, usage
that is nonsense, usage that shrinks. The answer is kept and billed all the same."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.core.history.store import HistoryStore
from desktop_app.simulator import Simulator
from desktop_app.simulator.hostile_scenarios import ECHO_START
from tests.support.history.on_disk import sql


@pytest.fixture
def priced(relay: Simulator) -> Simulator:
    """The relay with a price for each model used here."""
    prices = "".join(
        f'[provider.prices."{model}"]\ninput = 2.00\noutput = 8.00\n'
        for model in ("sim-lone-surrogate", "sim-usage-absurd", "sim-usage-shrinks")
    )
    with paths.providers_file().open("a", encoding="utf-8") as file:
        file.write(prices)
    return relay


def ledger() -> list[tuple[object, ...]]:
    return sql(
        paths.history_db(),
        "SELECT usage_source, input_tokens, output_tokens, cost_usd FROM ledger",
    )


def test_a_lone_surrogate_is_shown_and_kept_as_the_replacement_character(
    priced: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--model", "sim-lone-surrogate", "Hello"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("before \ufffd after")
    with HistoryStore(paths.history_db()) as store:
        (conversation,) = store.conversations(limit=5)
        answer = store.messages(conversation.id)[-1]
    assert (answer.content, answer.status) == ("before \ufffd after", "complete")


def test_usage_that_is_nonsense_is_estimated_rather_than_billed_as_it_says(
    priced: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    # 10**30 tokens in and -5 out: neither a crash nor an answer that cost nothing.
    assert main(["ask", "--model", "sim-usage-absurd", "Hello"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(ECHO_START)
    assert "estimated from the text" in err
    ((source, tokens_in, tokens_out, cost),) = ledger()
    assert source == "estimated"
    assert 0 < int(str(tokens_in)) < 100
    assert 0 < int(str(tokens_out)) < 100
    assert Decimal(str(cost)) > 0


def test_a_later_smaller_usage_report_does_not_lower_the_bill(
    priced: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--model", "sim-usage-shrinks", "Hello"]) == 0
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert "100,000 in · 900,000 out · $7.40" in summary  # as compare and spend write them
    ((source, tokens_in, tokens_out, cost),) = ledger()
    assert (source, tokens_in, tokens_out) == ("reported", 100_000, 900_000)
    assert Decimal(str(cost)) == Decimal("7.4")  # 0.1 M at $2 + 0.9 M at $8
