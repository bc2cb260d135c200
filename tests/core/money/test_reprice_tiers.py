"""Re-pricing a month onto a tiered price bills each answer in its own tier: a month's row keeps
its tokens split by prompt size, so a long prompt among short ones is not billed at the base
rates, nor the short ones at the long-prompt rates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.catalog import bundled_catalog
from desktop_app.core.money.prices import cost_usd
from desktop_app.core.money.repricing import find_price, reprice
from desktop_app.core.money.spending import PROMPT_THRESHOLDS, Month, by_model, combined
from desktop_app.core.settings.presets import PRESETS
from desktop_app.core.settings.providers_file import ModelPrice
from tests.support.history.spending_samples import SEED, answer, time_zone

MARCH = Month(2025, 3)
ON = "claude-sonnet-4-5"


@pytest.fixture(autouse=True)
def in_utc() -> Iterator[None]:
    with time_zone("UTC0"):
        yield


def _at(day: int) -> datetime:
    return datetime(2025, 3, day, 12, tzinfo=UTC)


def _sonnet() -> ModelPrice:
    found = find_price(ON, [])
    assert found is not None
    assert found.price.tiers, "the catalog prices Sonnet 4.5 in two tiers"
    return found.price


def _long_and_short(store: HistoryStore) -> None:
    """March: one answer with a prompt of 250k tokens and one of 10k, on the same model."""
    answer(store, _at(3), cost="0.08", tokens=(250_000, 2_000, 0, 0))
    answer(store, _at(4), cost="0.01", tokens=(10_000, 1_000, 0, 0))


def test_a_long_prompt_among_short_ones_is_billed_at_the_long_prompt_rates(
    store: HistoryStore,
) -> None:
    _long_and_short(store)
    (row,) = by_model(store, MARCH)
    assert row.answers == 2
    # 250k x $6 + 2k x $22.50 = 1.5 + 0.045; then 10k x $3 + 1k x $15 = 0.03 + 0.015
    assert reprice([row], _sonnet()) == Decimal("1.545") + Decimal("0.045")
    # At the base rates, as the summed row was priced before: 260k x $3 + 3k x $15.
    assert reprice([replace(row, bands=())], _sonnet()) == Decimal("0.825")


def test_the_threshold_is_strict_and_counts_cached_input(store: HistoryStore) -> None:
    answer(store, _at(3), cost="0.01", tokens=(200_000, 0, 0, 0))  # not over 200k: base
    answer(store, _at(4), cost="0.01", tokens=(200_001, 0, 150_000, 0))  # over, most cached
    (row,) = by_model(store, MARCH)
    # 200,000 x $3; then 50,001 x $6 + 150,000 x $0.60 (the long-prompt cache price)
    expected = Decimal("0.6") + Decimal("0.300006") + Decimal("0.09")
    assert reprice([row], _sonnet()) == expected


def test_a_flat_price_gives_what_it_gave_before(store: HistoryStore) -> None:
    _long_and_short(store)
    answer(store, _at(5), cost="0.02", model="gpt-4.1", tokens=(300_000, 5_000, 100_000, 0))
    rows = by_model(store, MARCH)
    for price in SEED.values():
        assert reprice(rows, price) == sum((cost_usd(price, row.usage) for row in rows), Decimal(0))
    # 260k x $2 + 3k x $8; then 200k x $2 + 100k x $0.50 + 5k x $8
    assert reprice(rows, SEED["gpt-4.1"]) == Decimal("0.544") + Decimal("0.49")


def test_the_total_line_is_repriced_band_by_band(store: HistoryStore) -> None:
    _long_and_short(store)
    answer(store, _at(5), cost="0.02", model="gpt-4.1", tokens=(210_000, 1_000, 0, 0))
    rows = by_model(store, MARCH)
    total = combined(rows)
    # 210k x $6 + 1k x $22.50 = 1.26 + 0.0225, beside the first test's month
    expected = Decimal("1.59") + Decimal("1.2825")
    assert reprice(rows, _sonnet()) == expected
    assert reprice([total], _sonnet()) == expected
    assert total.usage == combined([replace(row, bands=()) for row in rows]).usage


def test_every_threshold_of_the_catalog_and_the_relays_is_a_band_boundary() -> None:
    prices = [entry.price for entry in bundled_catalog().entries()]
    prices += [price for preset in PRESETS for price in preset.prices.values()]
    thresholds = {above for price in prices for above, _ in price.tiers}
    assert thresholds <= set(PROMPT_THRESHOLDS), "add the new ones to PROMPT_THRESHOLDS"
    assert list(PROMPT_THRESHOLDS) == sorted(set(PROMPT_THRESHOLDS))


def test_tally_spend_reprice_shows_the_exact_figures(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with HistoryStore(paths.history_db()) as store:
        _long_and_short(store)
    assert main(["spend", "--month", "2025-03", "--reprice", ON]) == 0
    lines = capsys.readouterr().out.splitlines()
    side = lines.index("The same tokens on other models:")
    cells = {
        parts[0]: parts
        for parts in (re.split(r"\s{2,}", line.strip()) for line in lines[side + 1 :])
    }
    assert cells["deepseek-chat"][2:] == ["$0.09", "$1.59"]
    assert cells["Total"][1:] == ["$0.09", "$1.59"]
