"""The ledger table: built from a database of the previous schema, written as answers are billed,
never lowered, and never touched by deleting, regenerating, editing or purging messages."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from desktop_app.core.events import Usage
from desktop_app.core.history.ledger_rows import (
    LedgerEntry,
    bill,
    bill_imported,
    billed_record,
    entries,
)
from desktop_app.core.history.migrations import MIGRATIONS
from desktop_app.core.history.schema import applied_migrations, time_to_text
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.spending import Month, by_model, conversation_spent, spent

AT = datetime(2025, 3, 5, 12, tzinfo=UTC)


def entry(message_id: int, cost: str | None, conversation: str = "c1") -> LedgerEntry:
    usage = Usage(1000, 500, source="reported")
    return LedgerEntry(
        message_id, conversation, "sim", "m", AT, usage, None if cost is None else Decimal(cost)
    )


def old_message(path: Path, conversation_id: str, role: str, **columns: object) -> int:
    """A message written with the columns of the schema before 005 only (this build's store
    writes later ones); returns its id."""
    row: dict[str, object] = {
        "conversation_id": conversation_id,
        "role": role,
        "status": "complete",
    }
    row |= {"created_at": time_to_text(AT), **columns}
    names = ", ".join(row)
    marks = ", ".join("?" * len(row))
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        cursor = conn.execute(
            f"INSERT INTO messages ({names}) VALUES ({marks})", list(row.values())
        )
        return int(cursor.lastrowid or 0)
    finally:
        conn.close()


def test_a_database_of_the_previous_schema_builds_its_ledger(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    before = MIGRATIONS[: [m.name for m in MIGRATIONS].index("005_ledger")]
    assert before[-1].name == "004_cache_write_tokens"
    with HistoryStore(path, migrations=before) as old:
        kept = old.create_conversation("Kept", created_at=AT).id
        trashed = old.create_conversation("In the trash", created_at=AT).id
        demo = old.create_conversation("Demo", created_at=AT).id
    old_message(path, kept, "user", content="q")
    priced = old_message(
        path,
        kept,
        "assistant",
        content="a",
        provider="HolySheep relay",
        model="gpt-4.1",
        input_tokens=2000,
        output_tokens=300,
        cached_input_tokens=500,
        reasoning_tokens=100,
        cache_write_tokens=50,
        usage_source="reported",
        cost_usd="0.000123456789012345",
    )
    old_message(
        path,
        kept,
        "assistant",
        provider="HolySheep relay",
        model="mystery",
        input_tokens=10,
        output_tokens=5,
        usage_source="estimated",
    )
    old_message(path, kept, "assistant", status="error", error="401")
    old_message(path, trashed, "assistant", model="gpt-4.1", cost_usd="0.5")
    old_message(
        path,
        demo,
        "assistant",
        provider="Demo (offline, simulated answers)",
        model="sim-normal",
        input_tokens=10,
        output_tokens=5,
        usage_source="reported",
        cost_usd="0.001",
    )
    with HistoryStore(path, migrations=before) as old:
        old.delete(trashed)
        assert "ledger" not in _tables(old)
    with HistoryStore(path) as store:
        assert "005_ledger" in applied_migrations(store._conn)
        assert "messages_spending" not in _tables(store), "nothing reads it any more"
        rows = entries(store, kept)
        assert [row.message_id for row in rows] == [priced, priced + 1]
        assert rows[0] == LedgerEntry(
            priced,
            kept,
            "HolySheep relay",
            "gpt-4.1",
            AT,
            Usage(2000, 300, 500, 100, "reported", 50),
            Decimal("0.000123456789012345"),
        )
        assert rows[1].cost_usd is None
        assert rows[1].usage.source == "estimated"
        assert [row.cost_usd for row in entries(store, trashed)] == [Decimal("0.5")]
        assert entries(store, demo) == [], "the demo's answers were never money"
        month = spent(store, AT - timedelta(days=4), AT + timedelta(days=1))
        assert (month.usd, month.answers, month.unpriced) == (
            Decimal("0.500123456789012345"),
            3,
            1,
        )
        relay = [row for row in by_model(store, Month(2025, 3)) if row.provider]
        assert [(row.model, row.usage.cache_write_tokens) for row in relay] == [
            ("gpt-4.1", 50),
            ("mystery", 0),
        ]


def test_a_row_is_raised_never_lowered(store: HistoryStore) -> None:
    assert bill(store, entry(7, "0.2")).before is None
    lower = bill(store, entry(7, "0.1"))
    assert not lower.changed
    assert lower.after.cost_usd == Decimal("0.2")
    assert not bill(store, entry(7, None)).changed, "an unknown price does not undo a known one"
    raised = bill(store, replace(entry(7, "0.3"), usage=Usage(1200, 600)))
    assert raised.changed
    assert raised.before is not None
    assert raised.before.cost_usd == Decimal("0.2")
    assert [row.cost_usd for row in entries(store, "c1")] == [Decimal("0.3")]
    assert bill(store, entry(8, None)).changed
    assert bill(store, entry(8, "0.01")).changed, "a price found later is billed"


def test_deleting_and_purging_messages_leave_the_ledger_alone(store: HistoryStore) -> None:
    conversation = store.create_conversation("Regenerated", created_at=AT).id
    store.add_message(conversation, role="user", content="q", created_at=AT)
    for cost in ("0.25", "0.5"):
        record = store.add_message(
            conversation,
            role="assistant",
            content="a",
            usage=Usage(10, 10),
            cost_usd=Decimal(cost),
            created_at=AT,
        )
        found = billed_record(record)
        assert found is not None
        bill(store, found)
        store.delete_messages_from(record.id)  # regenerate: the answer goes
    assert conversation_spent(store, conversation).usd == Decimal("0.75")
    store.delete(conversation)
    store.purge_deleted(older_than=timedelta(0))
    assert store.messages(conversation) == []
    assert conversation_spent(store, conversation).usd == Decimal("0.75")


def test_an_import_is_billed_once_even_imported_again(store: HistoryStore) -> None:
    assert bill_imported(store, entry(1, "0.4"))
    assert not bill_imported(store, entry(2, "0.4")), "the same answer under a new message id"
    assert bill_imported(store, replace(entry(3, "0.4"), created_at=AT + timedelta(seconds=1)))
    assert conversation_spent(store, "c1").usd == Decimal("0.8")


def _tables(store: HistoryStore) -> set[str]:
    with store.reading() as conn:
        return {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
