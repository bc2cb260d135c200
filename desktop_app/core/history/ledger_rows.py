"""The ledger table (migrations.py's 005_ledger): one row per billed answer, written as the
answer is billed and never lowered after. It lives apart from `messages`: deleting,
regenerating, editing or purging messages never reaches it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from desktop_app.core.events import Usage
from desktop_app.core.history.records import MessageRecord, StoredUsage
from desktop_app.core.history.rows import cost_text, usage_columns
from desktop_app.core.history.schema import time_from_text, time_to_text
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.provider_names import DEMO_ID, DEMO_NAME

DEMO_PROVIDERS = (DEMO_ID, DEMO_NAME)
"""The offline demo (ui/demo.py), as answers name it: by id, or by name as they did until now."""

_COLUMNS = (
    "message_id, conversation_id, provider, model, created_at, usage_source, cost_usd,"
    " input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cache_write_tokens"
)


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One billed answer: who answered, when, its tokens and its cost (None: price unknown)."""

    message_id: int
    conversation_id: str
    provider: str | None
    model: str | None
    created_at: datetime
    usage: Usage
    cost_usd: Decimal | None

    def outranks(self, other: LedgerEntry) -> bool:
        """Whether this entry may replace `other` without lowering what was spent: a known
        cost never gives way to an unknown or a smaller one."""
        if other.cost_usd is None:
            return True
        return self.cost_usd is not None and self.cost_usd >= other.cost_usd


@dataclass(frozen=True, slots=True)
class LedgerChange:
    """What billing an answer did to its row: `before` None for a new row; `after` is the row
    as it now stands (`before` again when the new figures would have lowered it)."""

    before: LedgerEntry | None
    after: LedgerEntry

    @property
    def changed(self) -> bool:
        return self.before != self.after


def bill(store: HistoryStore, entry: LedgerEntry) -> LedgerChange:
    """Write `entry`, or raise the answer's row to it; a row is never lowered."""
    with store.writing() as conn:
        row = conn.execute(
            f"SELECT {_COLUMNS} FROM ledger WHERE message_id = ?", (entry.message_id,)
        ).fetchone()
        before = None if row is None else entry_from_row(row)
        if before is not None and not entry.outranks(before):
            return LedgerChange(before, before)
        _insert(conn, entry)
    return LedgerChange(before, entry)


class Billable(Protocol):
    """What billing reads of a message: a stored one (MessageRecord) or one being imported."""

    @property
    def role(self) -> str: ...
    @property
    def provider(self) -> str | None: ...
    @property
    def model(self) -> str | None: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def usage(self) -> StoredUsage | None: ...
    @property
    def cost_usd(self) -> Decimal | None: ...


def billed_record(record: MessageRecord) -> LedgerEntry | None:
    """The ledger entry of a stored answer with usage or a cost (None for anything else, and
    for the offline demo's answers, which were never money)."""
    return billed_entry(record, record.id, record.conversation_id)


def billed_entry(message: Billable, message_id: int, conversation_id: str) -> LedgerEntry | None:
    """billed_record() of a message that is to have `message_id` in `conversation_id`."""
    billed = message.usage is not None or message.cost_usd is not None
    if message.role != "assistant" or not billed or message.provider in DEMO_PROVIDERS:
        return None
    return LedgerEntry(
        message_id=message_id,
        conversation_id=conversation_id,
        provider=message.provider,
        model=message.model,
        created_at=message.created_at,
        usage=message.usage or Usage(0, 0),
        cost_usd=message.cost_usd,
    )


def bill_imported(store: HistoryStore, entry: LedgerEntry) -> bool:
    """Bill an imported answer, unless its conversation has a row of that moment already: a
    conversation imported again after it was purged was billed the first time. False then."""
    with store.writing() as conn:
        found = conn.execute(
            "SELECT 1 FROM ledger WHERE conversation_id = ? AND created_at = ?",
            (entry.conversation_id, time_to_text(entry.created_at)),
        ).fetchone()
        if found is None:
            _insert(conn, entry)
    return found is None


def bill_imported_rows(conn: sqlite3.Connection, entries: Iterable[LedgerEntry]) -> None:
    """bill_imported() for many answers, in one statement, inside the caller's transaction:
    each is skipped when its conversation has a row of that moment, one of these included.
    The entries are taken one at a time, never all held at once."""
    columns = [name.strip() for name in _COLUMNS.split(",")]
    conn.executemany(
        f"INSERT OR REPLACE INTO ledger ({_COLUMNS}) SELECT {', '.join('?' * len(columns))}"
        " WHERE NOT EXISTS (SELECT 1 FROM ledger WHERE conversation_id = ? AND created_at = ?)",
        (
            (*(row[name] for name in columns), row["conversation_id"], row["created_at"])
            for row in map(_row, entries)
        ),
    )


def entries(store: HistoryStore, conversation_id: str) -> list[LedgerEntry]:
    """A conversation's billed answers, in the order they were written."""
    with store.reading() as conn:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM ledger WHERE conversation_id = ? ORDER BY message_id",
            (conversation_id,),
        ).fetchall()
    return [entry_from_row(row) for row in rows]


def _insert(conn: sqlite3.Connection, entry: LedgerEntry) -> None:
    columns = _row(entry)
    marks = ", ".join("?" * len(columns))
    conn.execute(
        f"INSERT OR REPLACE INTO ledger ({', '.join(columns)}) VALUES ({marks})",
        list(columns.values()),
    )


def _row(entry: LedgerEntry) -> dict[str, object]:
    return {
        "message_id": entry.message_id,
        "conversation_id": entry.conversation_id,
        "provider": entry.provider,
        "model": entry.model,
        "created_at": time_to_text(entry.created_at),
        **usage_columns(entry.usage),
        "cost_usd": cost_text(entry.cost_usd),
    }


def entry_from_row(row: Any) -> LedgerEntry:
    """A row of the ledger, its columns in the order of _COLUMNS."""
    message_id, conversation_id, provider, model, created_at, source, cost, *counts = row
    input_tokens, cached, output_tokens, reasoning, written = counts
    return LedgerEntry(
        message_id=message_id,
        conversation_id=conversation_id,
        provider=provider,
        model=model,
        created_at=time_from_text(created_at),
        # A row migrated from an answer with a cost but no usage has no source: nothing to
        # estimate from, so its figures are what was reported.
        usage=Usage(
            input_tokens,
            output_tokens,
            cached,
            reasoning,
            "estimated" if source == "estimated" else "reported",
            written,
        ),
        cost_usd=None if cost is None else Decimal(cost),
    )
