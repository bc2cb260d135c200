"""Answers with known tokens and costs, for the spending tests (core, `tally spend`, the view)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal

from desktop_app.core.history.ledger_rows import bill, billed_record
from desktop_app.core.history.records import StoredUsage, UsageSource
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.providers_file import ModelPrice, Provider

RELAY = "HolySheep relay"

PRICED_RELAY = Provider(
    "relay",
    "Relay",
    "openai",
    "http://127.0.0.1:9",
    prices={"gpt-4.1": ModelPrice(Decimal("2"), Decimal("8"))},
)
"""A provider whose gpt-4.1 costs $2 in and $8 out a million tokens: 1,000 tokens in and 2,000
out cost $0.018 (the full-disk and busy-history tests)."""

# The seed's table (PROTOCOLS.md), with the cached-input prices the vendors publish for three of
# them, so that re-pricing shows cache hits billed at the cache price.
SEED = {
    "deepseek-chat": ModelPrice(Decimal("0.27"), Decimal("0.42"), Decimal("0.07")),
    "gemini-2.5-flash": ModelPrice(Decimal("0.15"), Decimal("2.50")),
    "gpt-4.1": ModelPrice(Decimal("2.00"), Decimal("8.00"), Decimal("0.50")),
    "claude-sonnet-4.5": ModelPrice(Decimal("3.00"), Decimal("15.00"), Decimal("0.30")),
}


def answer(
    store: HistoryStore,
    at: datetime,
    *,
    cost: str | None,
    model: str = "deepseek-chat",
    tokens: tuple[int, int, int, int] = (1000, 500, 0, 0),
    source: UsageSource = "reported",
    conversation: str | None = None,
    provider: str = RELAY,
) -> str:
    """Store a question and its billed answer at `at`; returns the conversation's id. `tokens`:
    input, output, cached input, reasoning."""
    if conversation is None:
        conversation = store.create_conversation("Spending sample", created_at=at).id
    store.add_message(conversation, role="user", content="question", created_at=at)
    record = store.add_message(
        conversation,
        role="assistant",
        content="answer",
        provider=provider,
        model=model,
        usage=StoredUsage(*tokens, source=source),
        cost_usd=None if cost is None else Decimal(cost),
        created_at=at,
    )
    entry = billed_record(record)
    assert entry is not None
    bill(store, entry)  # as the recorder bills an answer
    return conversation


def march_answers(store: HistoryStore) -> None:
    """March 2025: a priced answer on the 3rd, an estimated and an unpriced one on the 17th.
    Tokens in millions so that the figures are round: 3.8M in and 2.2M out in all."""
    answer(store, _march(3, 10), cost="0.48", tokens=(1_000_000, 500_000, 0, 0))
    answer(
        store,
        _march(17, 9),
        cost="12",
        model="gpt-4.1",
        tokens=(2_000_000, 1_000_000, 0, 0),
        source="estimated",
    )
    answer(
        store,
        _march(17, 22),
        cost=None,
        model="mystery-model",
        tokens=(800_000, 700_000, 0, 200_000),
    )


def _march(day: int, hour: int) -> datetime:
    return datetime(2025, 3, day, hour, tzinfo=UTC)


@contextmanager
def time_zone(posix_tz: str) -> Iterator[None]:
    """The process's local time zone set to a POSIX TZ string ("CST-8" is UTC+8) for a block;
    POSIX strings need no time zone database on the machine."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = posix_tz
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
