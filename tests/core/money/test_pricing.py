"""Cost of usage records at the seed's prices, exactly, in decimals."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from desktop_app.core.currency import USD, Currency
from desktop_app.core.events import Usage
from desktop_app.core.money.prices import (
    answer_cost,
    cost_usd,
    estimated_usage,
    format_money,
    format_price,
    format_usd,
    price_of,
    quote,
)
from desktop_app.core.settings.presets import HOLYSHEEP, OLLAMA
from desktop_app.core.settings.providers_file import ModelPrice, Provider

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


def test_anthropic_cache_writes_and_reads_at_their_own_prices() -> None:
    # Claude Sonnet 4.5 as Anthropic bills it: writes at 1.25x input, reads at 0.1x.
    sonnet = ModelPrice(
        Decimal("3.00"), Decimal("15.00"), cached_input=Decimal("0.30"), cache_write=Decimal("3.75")
    )
    # Normalized as DESIGN.md says: input 10,000 = 2,000 fresh + 5,000 read + 3,000 written.
    usage = Usage(10_000, 1_000, cached_input_tokens=5_000, cache_write_tokens=3_000)
    # 2000x3.00 + 5000x0.30 + 3000x3.75 + 1000x15.00 = 6000 + 1500 + 11250 + 15000 per million.
    assert cost_usd(sonnet, usage) == Decimal("0.03375")


def test_reasoning_at_its_own_price_when_billed_apart() -> None:
    price = ModelPrice(Decimal(1), Decimal(4), reasoning=Decimal(2))
    usage = Usage(input_tokens=0, output_tokens=1_000_000, reasoning_tokens=250_000)
    assert cost_usd(price, usage) == Decimal("3.5")  # 750k x 4 + 250k x 2


def test_parts_larger_than_their_whole_are_clamped() -> None:
    # A provider that reports more cached tokens than input must not make a negative cost.
    usage = Usage(input_tokens=100, output_tokens=10, cached_input_tokens=500, reasoning_tokens=50)
    assert cost_usd(SEED["deepseek-chat"], usage) == Decimal("0.0000112")  # 100x0.07 + 10x0.42


def test_answer_cost_estimates_until_usage_is_reported() -> None:
    price = SEED["gpt-4.1"]
    streaming = answer_cost(price, None, prompt_chars=4_000, answer_chars=400)
    assert streaming.estimated
    assert streaming.usage.input_tokens == 1_000
    assert streaming.usd == Decimal("0.0028")  # 1000 x 2 + 100 x 8, per million
    reported = answer_cost(price, Usage(1_200, 90), prompt_chars=4_000, answer_chars=400)
    assert not reported.estimated
    assert reported.usd == Decimal("0.00312")
    assert answer_cost(None, Usage(1, 1), 0, 0).usd is None  # unknown, never 0


def test_where_each_price_comes_from() -> None:
    relay = HOLYSHEEP.provider()
    assert not relay.prices  # the relay's table is not copied into the user's settings
    found = quote(relay, "gpt-4.1", catalog=lambda *_: None)
    assert found is not None
    assert (found.price.output, found.source) == (Decimal("8.00"), "relay")
    assert "HolySheep" in found.origin
    mine = ModelPrice(Decimal("1.5"), Decimal("6"))
    overridden = dataclasses.replace(relay, prices={"gpt-4.1": mine})
    found = quote(overridden, "gpt-4.1", catalog=lambda *_: None)
    assert found is not None
    assert (found.price, found.source) == (mine, "user")
    local = quote(OLLAMA.provider(), "llama3.2", catalog=lambda *_: None)
    assert local is not None
    assert (local.source, format_price(local.price)) == ("local", "free")
    catalog_price = ModelPrice(Decimal("0.3"), Decimal("2.5"))
    other = Provider(id="x", name="X", kind="openai", base_url="https://x.example/v1")
    found = quote(other, "m", catalog=lambda model, url: (catalog_price, f"data for {model}"))
    assert found is not None
    assert (found.source, found.origin) == ("catalog", "data for m")
    assert quote(other, "m", catalog=lambda *_: None) is None


@pytest.mark.parametrize(
    "base_url",
    [
        "http://127.0.0.1:11434/v1",
        "http://[::1]:11434/v1/",
        "HTTP://LocalHost:11434/v1",
        "http://[::ffff:127.0.0.1]:11434/v1",
    ],
)
def test_ollama_is_on_this_computer_however_its_address_is_written(base_url: str) -> None:
    # Not a hosted DeepSeek's price for a distilled model because of how localhost was spelled
    ollama = dataclasses.replace(OLLAMA.provider(), base_url=base_url)
    borrowed = ModelPrice(Decimal("0.55"), Decimal("2.19"))
    local = quote(ollama, "deepseek-r1:8b", catalog=lambda *_: (borrowed, "deepseek-reasoner"))
    assert local is not None
    assert (local.source, format_price(local.price)) == ("local", "free")
    elsewhere = dataclasses.replace(ollama, base_url="http://127.0.0.1:8000/v1")  # not its port
    assert quote(elsewhere, "deepseek-r1:8b", catalog=lambda *_: (borrowed, "x")) is not None
    assert quote(elsewhere, "deepseek-r1:8b", catalog=lambda *_: None) is None


def test_money_in_yuan_at_either_rate() -> None:
    relay_rate, bank_rate = Currency("CNY", Decimal(1)), Currency("CNY", Decimal("7.3"))
    assert format_money(Decimal("1.374"), relay_rate) == "¥1.37"
    assert format_money(Decimal("1.374"), bank_rate) == "¥10.03"
    assert format_money(Decimal("0.0000393"), bank_rate, estimated=True) == "≈¥0.00029"
    assert format_money(None, bank_rate) == "price unknown"
    assert format_money(Decimal("2"), USD) == "$2.00"
    assert bank_rate.to_usd(Decimal("73")) == Decimal(10)
    assert format_price(SEED["gpt-4.1"], bank_rate) == "¥14.60 / ¥58.40 per M"
