"""Answers written straight to a history, billed as the app bills them, with the routing record
a test wants: the months the backtest reads, in core and window tests alike."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from desktop_app.core.events import Usage
from desktop_app.core.history.answer_origins import AnswerOrigin, set_origin
from desktop_app.core.history.ledger_rows import bill, billed_record
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.prices import cost_usd
from desktop_app.core.settings.providers_file import ModelPrice

MARCH = datetime(2025, 3, 10, 12, tzinfo=UTC)


def billed_answer(
    store: HistoryStore,
    conversation: str,
    parent: int | None,
    model: str,
    tokens: tuple[int, int],
    prices: Mapping[str, ModelPrice],
    *,
    at: datetime = MARCH,
    origin: AnswerOrigin | None = None,
) -> int:
    """A billed answer under `parent`, at the price `prices` give its model (none for a model
    they do not name); its row id."""
    usage = Usage(tokens[0], tokens[1], source="reported")
    price = prices.get(model)
    record = store.add_message(
        conversation,
        role="assistant",
        content="answer",
        provider="holysheep",
        model=model,
        usage=usage,
        cost_usd=None if price is None else cost_usd(price, usage),
        created_at=at,
        parent_id=parent,
    )
    entry = billed_record(record)
    assert entry is not None
    bill(store, entry)
    if origin is not None:
        with store.writing() as conn:
            set_origin(conn, record.id, origin)
    return record.id
