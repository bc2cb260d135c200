"""Cost of usage records at the seed's prices, exactly, in decimals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.core.config import ModelPrice, Provider
from desktop_app.core.events import Usage
from desktop_app.core.pricing import (
    cost_usd,
    estimated_usage,
    format_price,
    format_usd,
    price_of,
)

SEED = {
    "deepseek-chat": ModelPrice(Decimal("0.27"), Decimal("0.42"), Decimal("0.07")),
    "gemini-2.5-flash": ModelPrice(Decimal("0.15"), Decimal("2.50")),
    "gpt-4.1": ModelPrice(Decimal("2.00"), Decimal("8.00")),
    "claude-sonnet-4.5": ModelPrice(Decimal("3.00"), Decimal("15.00")),
}


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("deepseek-chat", Decimal("0.000690")),  # 1000 x 0.27 + 1000 x 0.42, per million
        ("gemini-2.5-flash", Decimal("0.002650")),
        ("gpt-4.1", Decimal("0.010")),
        ("claude-sonnet-4.5", Decimal("0.018")),
    ],
)
def test_seed_models(model: str, expected: Decimal) -> None:
    assert cost_usd(SEED[model], Usage(1000, 1000)) == expected


def test_cache_hits_at_the_cached_price() -> None:
    usage = Usage(input_tokens=1000, output_tokens=0, cached_input_tokens=800)
    assert cost_usd(SEED["deepseek-chat"], usage) == Decimal("0.000110")  # 200x0.27 + 800x0.07
    # No cached price: cached tokens cost the input price.
    assert cost_usd(SEED["gpt-4.1"], usage) == Decimal("0.002")


def test_reasoning_tokens_are_billed_as_output() -> None:
    with_reasoning = Usage(input_tokens=0, output_tokens=500, reasoning_tokens=400)
    assert cost_usd(SEED["gpt-4.1"], with_reasoning) == Decimal("0.004")


def test_totals_do_not_drift() -> None:
    total = sum((cost_usd(SEED["deepseek-chat"], Usage(7, 3)) for _ in range(100_000)), Decimal())
    assert total == Decimal("0.315")


def test_formats() -> None:
    assert format_usd(Decimal("0.00069")) == "$0.00069"
    assert format_usd(Decimal("0.0000393")) == "$0.000039"  # a short DeepSeek answer
    assert format_usd(Decimal("0.0012")) == "$0.0012"
    assert format_usd(Decimal("0.009999")) == "$0.01"
    assert format_usd(Decimal("1.374")) == "$1.37"
    assert format_usd(Decimal(0)) == "$0.00"
    assert format_price(SEED["gpt-4.1"]) == "$2.00 / $8.00 per M"
    assert format_price(None) == "price unknown"


def test_price_of_and_estimates() -> None:
    provider = Provider(id="r", name="R", kind="openai", base_url="https://r/v1", prices=SEED)
    assert price_of(provider, "gpt-4.1") == SEED["gpt-4.1"]
    assert price_of(provider, "unknown-model") is None
    estimate = estimated_usage(prompt_chars=400, answer_chars=41)
    assert (estimate.input_tokens, estimate.output_tokens, estimate.source) == (
        100,
        11,
        "estimated",
    )
