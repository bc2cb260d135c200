"""Tiered prices from the bundled genai-prices snapshot: a long prompt is billed at the dearer
rates, every kind of token included; a flat price (the user's, a relay's) is not tiered.

Expected figures are worked out by hand from the published prices (genai-prices 0.2.3):
Claude Sonnet 4.5, USD per million tokens, up to / over 200k prompt tokens: input 3 / 6,
cache read 0.30 / 0.60, cache write 3.75 / 7.50, output 15 / 22.50. Gemini 2.5 Pro: input
1.25 / 2.50, cache read 0.125 / 0.25, output 10 / 15.
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.currency import Currency
from desktop_app.core.events import Usage
from desktop_app.core.money.catalog import bundled_catalog, catalog_file
from desktop_app.core.money.ledger import message_cost
from desktop_app.core.money.prices import answer_cost, cost_usd, format_price, format_tiers, quote
from desktop_app.core.money.repricing import reprice
from desktop_app.core.money.spending import ModelUsage, Totals
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from desktop_app.core.settings.providers_writer import dump_providers
from desktop_app.ui.settings.price_rows import price_rows, set_figure
from desktop_app.ui.settings.provider_draft import ProviderDraft

D = Decimal
ANTHROPIC = "https://api.anthropic.com"
RELAY = "https://relay.example/v1"  # no price list of its own: the catalog prices it


def _catalog_price(model: str, base_url: str = RELAY) -> ModelPrice:
    found = bundled_catalog().lookup(model, base_url)
    assert found is not None
    return found[0]


def _snapshot_prices(provider_id: str, model_id: str) -> dict[str, object]:
    data = json.loads(catalog_file().read_bytes())
    provider = next(p for p in data["providers"] if p["id"] == provider_id)
    prices: dict[str, object] = next(m for m in provider["models"] if m["id"] == model_id)["prices"]
    return prices


def test_the_snapshot_keeps_the_tiers_of_sonnet_4_5_and_gemini_2_5_pro() -> None:
    assert _snapshot_prices("anthropic", "claude-sonnet-4-5")["tiers"] == [
        {
            "start": 200_000,
            "input_mtok": "6",
            "cache_read_mtok": "0.6",
            "cache_write_mtok": "7.5",
            "output_mtok": "22.5",
        }
    ]
    assert _snapshot_prices("google", "gemini-2.5-pro")["tiers"] == [
        {"start": 200_000, "input_mtok": "2.5", "cache_read_mtok": "0.25", "output_mtok": "15"}
    ]


def test_the_catalog_reads_the_tiers_into_the_price() -> None:
    price = _catalog_price("claude-sonnet-4.5", ANTHROPIC)
    assert (price.input, price.cached_input, price.cache_write, price.output) == (
        D(3),
        D("0.3"),
        D("3.75"),
        D(15),
    )
    assert price.tiers == ((200_000, ModelPrice(D(6), D("22.5"), D("0.6"), D("7.5"))),)
    assert _catalog_price("gpt-4.1").tiers == ()  # a flat catalog price stays flat


@pytest.mark.parametrize(
    ("input_tokens", "expected"),
    [
        (150_000, D("0.48")),  # 150k x $3 + 2k x $15
        (200_000, D("0.63")),  # exactly 200k is not over it: 200k x $3 + 2k x $15
        (200_001, D("1.245006")),  # 200,001 x $6 + 2k x $22.50
        (250_000, D("1.545")),  # 250k x $6 + 2k x $22.50
    ],
)
def test_a_sonnet_4_5_answer_is_billed_in_the_tier_of_its_prompt(
    input_tokens: int, expected: Decimal
) -> None:
    usage = Usage(input_tokens=input_tokens, output_tokens=2_000)
    assert cost_usd(_catalog_price("claude-sonnet-4.5"), usage) == expected


def test_cached_tokens_follow_the_tier_and_count_towards_the_threshold() -> None:
    price = _catalog_price("claude-sonnet-4-5-20250929", ANTHROPIC)
    # 40k fresh x $6 + 200k read x $0.60 + 10k written x $7.50 + 1k out x $22.50
    long_prompt = Usage(250_000, 1_000, cached_input_tokens=200_000, cache_write_tokens=10_000)
    assert cost_usd(price, long_prompt) == D("0.4575")
    # Only 50k tokens are new, but the prompt is 210k: 50k x $6 + 160k x $0.60 + 1k x $22.50
    mostly_cached = Usage(210_000, 1_000, cached_input_tokens=160_000)
    assert cost_usd(price, mostly_cached) == D("0.4185")
    # Under the threshold, the base rates: 50k x $3 + 100k x $0.30 + 1k x $15
    assert cost_usd(price, Usage(150_000, 1_000, cached_input_tokens=100_000)) == D("0.195")


def test_gemini_2_5_pro_over_200k_with_thoughts() -> None:
    price = _catalog_price("gemini-2.5-pro", "https://generativelanguage.googleapis.com/v1beta")
    # 300k x $2.50 + 4k out (3k of them thinking, billed as output) x $15
    usage = Usage(300_000, 4_000, reasoning_tokens=3_000, cached_input_tokens=0)
    assert cost_usd(price, usage) == D("0.81")
    # 100k x $1.25 + 4k x $10
    assert cost_usd(price, Usage(100_000, 4_000, reasoning_tokens=3_000)) == D("0.165")


def test_an_answers_cost_reported_or_estimated_takes_the_tier() -> None:
    price = _catalog_price("claude-sonnet-4.5")
    conversation = Conversation()
    conversation.add(ChatMessage("user", "long question"))
    answer = conversation.add(ChatMessage("assistant", "answer", model="claude-sonnet-4.5"))
    answer.usage = Usage(250_000, 2_000, source="reported")
    assert message_cost(conversation, answer, price).usd == D("1.545")
    # While streaming: 1,000,000 characters of prompt make about 250k tokens, 4,000 of answer 1k.
    estimate = answer_cost(price, None, prompt_chars=1_000_000, answer_chars=4_000)
    assert (estimate.estimated, estimate.usd) == (True, D("1.5225"))  # 250k x $6 + 1k x $22.50


def test_a_flat_user_price_is_not_tiered() -> None:
    mine = ModelPrice(D(3), D(15))
    relay = Provider(
        id="relay", name="Relay", kind="openai", base_url=RELAY, prices={"claude-sonnet-4.5": mine}
    )
    found = quote(relay, "claude-sonnet-4.5")
    assert found is not None
    assert (found.source, found.price.tiers) == ("user", ())
    assert cost_usd(found.price, Usage(250_000, 2_000)) == D("0.78")  # 250k x $3 + 2k x $15


def test_a_figure_typed_over_a_tiered_catalog_price_makes_a_flat_user_price() -> None:
    draft = ProviderDraft(None, "Relay", "openai", RELAY, models_text="claude-sonnet-4.5")
    [row] = price_rows(draft)
    assert row.kind == "catalog"
    assert row.base is not None
    assert row.base.price.tiers
    set_figure(draft, row, "output", D(16))
    assert draft.prices["claude-sonnet-4.5"] == ModelPrice(D(3), D(16), D("0.3"), D("3.75"))


def test_tiers_never_reach_the_providers_file() -> None:
    tiered = _catalog_price("claude-sonnet-4.5")
    flat = ModelPrice(D(3), D(15), D("0.3"), D("3.75"))
    relay = Provider(id="relay", name="Relay", kind="openai", base_url=RELAY)

    def written(price: ModelPrice) -> str:
        return dump_providers([replace(relay, prices={"m": price})])

    assert written(tiered) == written(flat)


def test_the_price_shown_mentions_the_dearer_rate_of_long_prompts() -> None:
    price = _catalog_price("claude-sonnet-4.5")
    assert format_price(price) == "$3.00 / $15.00 per M; $6.00 / $22.50 above 200k input tokens"
    assert format_price(price, tiers=False) == "$3.00 / $15.00 per M"
    yuan = Currency("CNY", D("7.30"))
    assert format_tiers(price, yuan) == "¥43.80 / ¥164.25 above 200k input tokens"
    assert format_tiers(ModelPrice(D(2), D(8))) == ""
    two = ModelPrice(
        D(1), D(2), tiers=((32_000, ModelPrice(D(2), D(4))), (199_999, ModelPrice(D(3), D(6))))
    )
    assert format_price(two) == (
        "$1.00 / $2.00 per M; $2.00 / $4.00 above 32k input tokens; "
        "$3.00 / $6.00 above 199,999 input tokens"
    )


def test_repricing_one_answer_takes_its_tier_and_a_sum_of_answers_the_base_rates() -> None:
    price = _catalog_price("claude-sonnet-4.5")
    one = ModelUsage("p", "m", Usage(250_000, 2_000), Totals(answers=1), 0)
    assert reprice([one], price) == D("1.545")  # 250k x $6 + 2k x $22.50
    # Two answers of 125k each: neither prompt was over 200k, whatever their sum.
    two = ModelUsage("p", "m", Usage(250_000, 2_000), Totals(answers=2), 0)
    assert reprice([two], price) == D("0.78")  # 250k x $3 + 2k x $15
