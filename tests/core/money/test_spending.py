"""Spending read from the history: exact sums, local days and months, estimated and unpriced
answers, per model, and the same tokens re-priced on the seed's models."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from desktop_app.core.currency import Currency
from desktop_app.core.events import Usage
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.repricing import find_price, reprice, reprice_candidates, seed_models
from desktop_app.core.money.spending import (
    ModelUsage,
    Month,
    Totals,
    by_model,
    combined,
    conversation_spent,
    daily,
    first_answer_month,
    format_totals,
    month_days,
    spent,
    spent_this_month,
    spent_today,
)
from desktop_app.core.settings.presets import HOLYSHEEP, OLLAMA
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from tests.support.history.spending_samples import SEED, answer, time_zone

UTC_PLUS_8 = "CST-8"
NEW_YORK = "EST5EDT,M3.2.0,M11.1.0"  # DST from the second Sunday of March


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


# -- exact sums --------------------------------------------------------------------------------


def test_many_small_costs_add_up_exactly(store: HistoryStore) -> None:
    costs = ["0.1", "0.2", "0.0000567"] * 100
    conversation = None
    for n, cost in enumerate(costs):
        conversation = answer(
            store, utc(2025, 3, 1) + timedelta(seconds=n), cost=cost, conversation=conversation
        )
    totals = spent(store, utc(2025, 3, 1), utc(2025, 3, 2))
    assert totals.usd == Decimal("30.00567")
    assert sum(float(c) for c in costs) != 30.00567, "floats would have drifted"
    assert totals == Totals(Decimal("30.00567"), estimated=False, unpriced=0, answers=300)


def test_estimated_and_unpriced_answers_are_flagged(store: HistoryStore) -> None:
    at = utc(2025, 3, 1, 12)
    answer(store, at, cost="0.002")
    answer(store, at, cost="0.001", source="estimated")
    answer(store, at, cost=None, model="mystery-model")
    failed = store.create_conversation("Failed", created_at=at).id
    store.add_message(failed, role="assistant", status="error", error="401", created_at=at)
    totals = spent(store, at, at + timedelta(seconds=1))
    assert totals == Totals(
        Decimal("0.003"), estimated=True, unpriced=1, answers=3, estimated_usd=Decimal("0.001")
    )
    assert format_totals(totals, Currency("USD")) == "≈$0.0030 + 1 unpriced"


def test_an_estimate_without_a_price_does_not_make_the_money_estimated(
    store: HistoryStore,
) -> None:
    at = utc(2025, 3, 1, 12)
    answer(store, at, cost="0.002")
    answer(store, at, cost=None, source="estimated", model="mystery-model")
    totals = spent(store, at, at + timedelta(seconds=1))
    assert (totals.usd, totals.estimated, totals.unpriced) == (Decimal("0.002"), False, 1)
    assert not totals.all_unpriced
    only_unknown = Totals(unpriced=2, answers=2)
    assert format_totals(only_unknown, Currency("CNY", Decimal("7.3"))) == "price unknown"


def test_deleted_and_purged_conversations_still_count(store: HistoryStore) -> None:
    now = datetime.now(UTC)
    kept = answer(store, now, cost="0.25")
    deleted = answer(store, now, cost="0.5")
    store.delete(deleted)
    assert spent_today(store).usd == Decimal("0.75"), "the money was spent"
    assert conversation_spent(store, deleted).usd == Decimal("0.5")
    assert store.purge_deleted(older_than=timedelta(0)) == 1
    assert store.messages(deleted) == []
    assert spent_today(store).usd == Decimal("0.75"), "purging never lowers what was spent"
    assert conversation_spent(store, deleted).usd == Decimal("0.5")
    assert conversation_spent(store, kept).usd == Decimal("0.25")


def test_a_conversation_s_answers_only(store: HistoryStore) -> None:
    at = utc(2025, 3, 1, 12)
    first = answer(store, at, cost="0.0001")
    answer(store, at, cost="0.0002", conversation=first, source="estimated")
    answer(store, at, cost="0.3")
    assert conversation_spent(store, first) == Totals(
        Decimal("0.0003"), True, 0, 2, estimated_usd=Decimal("0.0002")
    )
    assert conversation_spent(store, "no-such-conversation") == Totals()


# -- local days and months ---------------------------------------------------------------------


def test_days_and_months_are_local(store: HistoryStore) -> None:
    with time_zone(UTC_PLUS_8):
        answer(store, utc(2025, 2, 28, 15, 59, 59), cost="1")  # 23:59:59 on 28 February there
        answer(store, utc(2025, 2, 28, 16), cost="2")  # midnight: 1 March
        answer(store, utc(2025, 3, 1, 15, 59), cost="4")  # 23:59 on 1 March
        answer(store, utc(2025, 3, 1, 16, 1), cost="8")  # 00:01 on 2 March
        now = utc(2025, 3, 2, 3)  # 11:00 on 2 March there
        assert [(day, t.usd) for day, t in daily(store, 3, now)] == [
            (date(2025, 2, 28), Decimal(1)),
            (date(2025, 3, 1), Decimal(6)),
            (date(2025, 3, 2), Decimal(8)),
        ]
        assert spent_today(store, now).usd == Decimal(8)
        assert spent_this_month(store, now).usd == Decimal(14)
        assert combined(by_model(store, Month(2025, 2))).usd == Decimal(1)
        assert first_answer_month(store) == Month(2025, 2)


def test_each_day_has_its_own_offset_across_a_dst_change(store: HistoryStore) -> None:
    with time_zone(NEW_YORK):  # 9 March 2025: clocks go from 02:00 EST to 03:00 EDT
        answer(store, utc(2025, 3, 9, 4, 30), cost="1")  # 23:30 EST on 8 March
        answer(store, utc(2025, 3, 9, 5, 30), cost="2")  # 00:30 EST on 9 March
        answer(store, utc(2025, 3, 10, 3, 30), cost="4")  # 23:30 EDT on 9 March
        answer(store, utc(2025, 3, 10, 4, 30), cost="8")  # 00:30 EDT on 10 March
        days = daily(store, 3, utc(2025, 3, 10, 16))
        assert [t.usd for _, t in days] == [Decimal(1), Decimal(6), Decimal(8)]
        assert [t.answers for _, t in days] == [1, 2, 1]


def test_daily_includes_empty_days_oldest_first(store: HistoryStore) -> None:
    with time_zone("UTC0"):
        answer(store, utc(2025, 3, 1, 12), cost="0.5")  # 31 days back: outside
        answer(store, utc(2025, 3, 3, 12), cost="0.25")
        days = daily(store, 30, utc(2025, 3, 31, 12))
    assert len(days) == 30
    assert days[0] == (date(2025, 3, 2), Totals())
    assert days[1] == (date(2025, 3, 3), Totals(Decimal("0.25"), answers=1))
    assert days[-1] == (date(2025, 3, 31), Totals())
    assert sum((t.usd for _, t in days), Decimal(0)) == Decimal("0.25")


def test_month_days_cover_a_past_month_and_this_month_up_to_today(store: HistoryStore) -> None:
    now = utc(2025, 3, 10, 12)
    with time_zone("UTC0"):
        answer(store, utc(2025, 2, 28, 12), cost="0.5")
        february = month_days(store, Month(2025, 2), now)
        march = month_days(store, Month(2025, 3), now)
        april = month_days(store, Month(2025, 4), now)
    assert [day for day, _ in february] == [date(2025, 2, d) for d in range(1, 29)]
    assert february[-1][1].usd == Decimal("0.5")
    assert [day for day, _ in march] == [date(2025, 3, d) for d in range(1, 11)]
    assert april == []


def test_month_parsing_and_arithmetic() -> None:
    assert Month.parse("2025-03") == Month(2025, 3)
    assert str(Month(2025, 3)) == "2025-03"
    assert Month(2024, 12).next() == Month(2025, 1)
    assert Month(2025, 1).previous() == Month(2024, 12)
    assert Month(2024, 2).last_day == date(2024, 2, 29)
    assert Month(2025, 3).label == "March 2025"
    for bad in ("2025-13", "2025-3", "March", "2025/03", "25-03", ""):
        with pytest.raises(ValueError, match="month"):
            Month.parse(bad)


# -- per model ---------------------------------------------------------------------------------


def test_by_model_groups_and_sums_tokens_per_kind(store: HistoryStore) -> None:
    at = utc(2025, 3, 5, 12)
    answer(store, at, cost="0.0003", tokens=(1200, 300, 200, 0))
    answer(store, at, cost="0.0004", tokens=(800, 700, 0, 200), source="estimated")
    answer(store, at, cost="0.01", model="gpt-4.1", tokens=(1000, 1000, 0, 0))
    answer(store, at, cost=None, model="mystery-model", tokens=(10, 5, 0, 0))
    answer(store, utc(2025, 4, 1, 12), cost="9", model="gpt-4.1")  # April: not in March
    rows = by_model(store, Month(2025, 3))
    assert [(r.model, r.answers, r.usd) for r in rows] == [
        ("gpt-4.1", 1, Decimal("0.01")),
        ("deepseek-chat", 2, Decimal("0.0007")),
        ("mystery-model", 1, Decimal(0)),
    ]
    deepseek = rows[1]
    assert deepseek.provider == "HolySheep relay"
    assert deepseek.usage == Usage(2000, 1000, 200, 200, source="estimated")
    assert (deepseek.estimated, deepseek.cost.estimated, deepseek.unpriced) == (1, True, 0)
    assert rows[2].cost.all_unpriced
    month = combined(rows)
    assert (month.answers, month.usd, month.unpriced) == (4, Decimal("0.0107"), 1)
    assert month.usage.input_tokens == 3010


# -- re-pricing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        # input 2000 (200 of them cached), output 1000 (200 of them reasoning), per million:
        ("deepseek-chat", Decimal("0.000920")),  # 1800 x 0.27 + 200 x 0.07 + 1000 x 0.42
        ("gemini-2.5-flash", Decimal("0.002800")),  # 2000 x 0.15 + 1000 x 2.50 (no cache price)
        ("gpt-4.1", Decimal("0.011700")),  # 1800 x 2.00 + 200 x 0.50 + 1000 x 8.00
        ("claude-sonnet-4.5", Decimal("0.020460")),  # 1800 x 3.00 + 200 x 0.30 + 1000 x 15.00
    ],
)
def test_reprice_the_month_on_the_seed_models(
    store: HistoryStore, model: str, expected: Decimal
) -> None:
    at = utc(2025, 3, 5, 12)
    answer(store, at, cost="0.0003", tokens=(1200, 300, 200, 0))
    answer(store, at, cost=None, model="mystery-model", tokens=(800, 700, 0, 200))
    rows = by_model(store, Month(2025, 3))
    assert reprice(rows, SEED[model]) == expected
    assert sum((reprice([row], SEED[model]) for row in rows), Decimal(0)) == expected


def test_reprice_bills_cache_writes_and_reasoning_at_their_own_prices() -> None:
    usage = Usage(10_000, 2_000, cached_input_tokens=4_000, reasoning_tokens=1_500)
    row = ModelUsage("p", "m", usage, Totals(answers=1), 0)
    price = ModelPrice(Decimal(3), Decimal(15), cached_input=Decimal("0.3"), reasoning=Decimal(20))
    # 6000 x 3 + 4000 x 0.3 + 500 x 15 + 1500 x 20 = 18000 + 1200 + 7500 + 30000, per million
    assert reprice([row], price) == Decimal("0.0567")


def test_seed_models_are_the_seed_table() -> None:
    table = {(s.name, s.price.input, s.price.output) for s in seed_models()}
    assert table == {
        ("deepseek-chat", Decimal("0.27"), Decimal("0.42")),
        ("gemini-2.5-flash", Decimal("0.15"), Decimal("2.50")),
        ("gpt-4.1", Decimal("2.00"), Decimal("8.00")),
        ("claude-sonnet-4.5", Decimal("3.00"), Decimal("15.00")),
    }


def _catalog(model: str, base_url: str) -> tuple[ModelPrice, str] | None:
    if model in ("claude-opus-4-1", "openai/gpt-4.1"):
        return ModelPrice(Decimal(15), Decimal(75)), f"test catalog ({model}, {base_url!r})"
    return None


def test_find_price_through_the_providers_then_the_catalog() -> None:
    relay = HOLYSHEEP.provider()
    own = Provider(
        id="mine",
        name="Mine",
        kind="openai",
        base_url="https://llm.example.com/v1",
        models=("deepseek-chat",),
        prices={"deepseek-chat": ModelPrice(Decimal("0.2"), Decimal("0.3"))},
    )
    providers = [own, relay]
    by_relay = find_price("holysheep/gpt-4.1", providers, _catalog)
    assert by_relay is not None
    assert (by_relay.price.output, by_relay.origin) == (
        Decimal("8.00"),
        "HolySheep relay's price list",
    )
    first = find_price("deepseek-chat", providers, _catalog)
    assert first is not None
    assert (first.price.input, first.origin) == (Decimal("0.2"), "your price in the settings")
    listed = find_price("claude-opus-4-1", providers, _catalog)
    assert listed is not None
    assert listed.origin == "test catalog (claude-opus-4-1, '')"
    slashed = find_price("openai/gpt-4.1", providers, _catalog)
    assert slashed is not None, "no provider is called openai: the whole name is a model"
    assert slashed.name == "openai/gpt-4.1"
    assert find_price("no-such-model", providers, _catalog) is None


def test_reprice_candidates_are_the_providers_models_then_the_other_seeds() -> None:
    relay = replace(HOLYSHEEP.provider(), models=("gpt-4.1", "deepseek-chat"))
    local = replace(OLLAMA.provider(), models=("qwen3:8b",))
    names = [c.name for c in reprice_candidates([relay, local], _catalog)]
    assert names == [
        "holysheep/gpt-4.1",
        "holysheep/deepseek-chat",
        "gemini-2.5-flash",
        "claude-sonnet-4.5",
    ], "a free local model is no comparison; the seeds not offered already come last"


# -- the index ---------------------------------------------------------------------------------


def test_totals_are_read_from_the_ledger_s_indexes_alone(store: HistoryStore) -> None:
    answer(store, utc(2025, 3, 5, 12), cost="0.5")
    questions = {
        "ledger_by_time": "SELECT created_at, usage_source, cost_usd FROM ledger"
        " WHERE created_at >= ? AND created_at < ?",
        "ledger_by_conversation": "SELECT created_at, usage_source, cost_usd FROM ledger"
        " WHERE conversation_id = ?",
    }
    for index, sql in questions.items():
        args = ("a", "b") if "created_at >=" in sql else ("a",)
        plan = str(store._conn.execute(f"EXPLAIN QUERY PLAN {sql}", args).fetchall())
        assert f"COVERING INDEX {index}" in plan, plan
    assert spent_this_month(store, utc(2025, 3, 20)).usd == Decimal("0.5")
