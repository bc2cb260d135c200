"""The SQLite history store on a real file: its settings, conversations, messages."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.core.errors import ConversationExists, TallyError
from desktop_app.core.history.records import StoredUsage
from desktop_app.core.history.store import MIGRATIONS, HistoryStore
from tests.support.history.history_samples import at
from tests.support.history.on_disk import check_fts_index, sql

# -- the file ---------------------------------------------------------------------------------


def test_opening_creates_the_database_with_its_settings_and_migrations(
    store: HistoryStore, data_dir: Path
) -> None:
    path = data_dir / "history.sqlite3"
    assert store.path == path
    assert path.exists()
    assert sql(path, "PRAGMA journal_mode") == [("wal",)]
    names = [name for (name,) in sql(path, "SELECT name FROM migrations ORDER BY rowid")]
    assert names == [step.name for step in MIGRATIONS]
    assert names[:2] == ["001_initial", "002_fts_search"]  # released steps keep their place
    assert store.uses_fts
    assert store._conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert store._conn.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
    assert store._conn.execute("PRAGMA busy_timeout").fetchone() == (5000,)


def test_reopening_applies_nothing_and_keeps_the_data(store: HistoryStore) -> None:
    conversation = store.create_conversation("Kept")
    store.add_message(conversation.id, role="user", content="still here")
    store.close()
    with HistoryStore(store.path) as again:
        assert [m.content for m in again.messages(conversation.id)] == ["still here"]
        assert len(sql(store.path, "SELECT * FROM migrations")) == len(MIGRATIONS)


# -- conversations ----------------------------------------------------------------------------


def test_a_new_conversation_reads_back_as_created(store: HistoryStore) -> None:
    created = store.create_conversation("Trip to Kyoto", created_at=at(0))
    assert len(created.id) == 32
    assert int(created.id, 16) >= 0
    assert created.created_at == created.updated_at == at(0)
    assert created.created_at.tzinfo is not None
    assert (created.pinned, created.archived) == (False, False)
    assert store.conversation(created.id) == created
    assert store.conversation("no-such-id") is None
    imported = store.create_conversation("Imported", id="abc123", created_at=at(-60))
    assert store.conversation("abc123") == imported


def test_a_taken_id_is_refused_with_a_tally_error(store: HistoryStore) -> None:
    first = store.create_conversation("First", id="abc123", created_at=at(0))
    with pytest.raises(ConversationExists, match="abc123") as raised:
        store.create_conversation("Second", id="abc123")
    assert isinstance(raised.value, TallyError)
    assert isinstance(raised.value.__cause__, sqlite3.IntegrityError)
    assert store.conversation("abc123") == first

    store.delete("abc123")  # in the trash, the id stays taken until purged
    with pytest.raises(ConversationExists):
        store.create_conversation("Third", id="abc123")
    store.purge_deleted(timedelta(0))
    assert store.create_conversation("Fourth", id="abc123").title == "Fourth"


def test_rename_pin_and_archive(store: HistoryStore) -> None:
    conversation = store.create_conversation("Old title")
    store.rename(conversation.id, "New title")
    store.set_pinned(conversation.id, True)
    found = store.conversation(conversation.id)
    assert found is not None
    assert (found.title, found.pinned) == ("New title", True)
    assert found.updated_at == conversation.updated_at  # not activity: the order stays

    store.set_archived(conversation.id, True)
    assert store.conversations() == []
    assert [c.id for c in store.conversations(archived=True)] == [conversation.id]
    store.set_archived(conversation.id, False)
    assert [c.id for c in store.conversations()] == [conversation.id]
    with pytest.raises(KeyError):
        store.rename("missing", "x")
    with pytest.raises(KeyError):
        store.add_message("missing", role="user", content="x")


def test_adding_a_message_bumps_updated_at_and_the_last_model(store: HistoryStore) -> None:
    conversation = store.create_conversation("x", created_at=at(0))
    store.add_message(conversation.id, role="user", content="hi", created_at=at(5))
    store.add_message(
        conversation.id, role="assistant", provider="relay", model="gpt-4.1", created_at=at(6)
    )
    store.add_message(conversation.id, role="user", content="again", created_at=at(7))
    found = store.conversation(conversation.id)
    assert found is not None
    assert found.updated_at == at(7)
    assert (found.last_provider, found.last_model) == ("relay", "gpt-4.1")
    # An imported older message does not move the conversation back in time.
    store.add_message(conversation.id, role="user", content="old", created_at=at(1))
    found = store.conversation(conversation.id)
    assert found is not None
    assert found.updated_at == at(7)


def test_delete_hides_undelete_restores_and_purge_removes_for_good(
    store: HistoryStore, data_dir: Path
) -> None:
    keep = store.create_conversation("keep")
    gone = store.create_conversation("gone")
    for conversation in (keep, gone):
        store.add_message(conversation.id, role="user", content="the zebra question")
        store.add_message(conversation.id, role="assistant", content="zebra answer")
    store.delete(gone.id)
    assert [c.id for c in store.conversations()] == [keep.id]
    assert store.conversation(gone.id) is None
    assert {h.conversation_id for h in store.search("zebra")} == {keep.id}

    store.undelete(gone.id)
    assert {c.id for c in store.conversations()} == {keep.id, gone.id}
    assert {h.conversation_id for h in store.search("zebra")} == {keep.id, gone.id}

    store.delete(gone.id)
    assert store.purge_deleted(timedelta(days=30)) == 0  # deleted just now: still undoable
    store.undelete(gone.id)
    store.delete(gone.id)
    assert store.purge_deleted(timedelta(0)) == 1
    with pytest.raises(KeyError):
        store.undelete(gone.id)
    path = data_dir / "history.sqlite3"
    assert sql(path, "SELECT count(*) FROM messages WHERE conversation_id = ?", gone.id) == [(0,)]
    assert sql(path, "SELECT count(*) FROM messages") == [(2,)]
    check_fts_index(path)


# -- messages ---------------------------------------------------------------------------------


def test_a_message_round_trips_every_field(store: HistoryStore) -> None:
    conversation = store.create_conversation("x")
    usage = StoredUsage(1200, 340, cached_input_tokens=1000, reasoning_tokens=120)
    added = store.add_message(
        conversation.id,
        role="assistant",
        content="答案 with emoji 🎉",
        reasoning="thinking…",
        provider="relay",
        model="deepseek-chat",
        status="partial",
        error="The connection dropped.",
        usage=usage,
        cost_usd=Decimal("0.000123456789012345"),
        first_token_seconds=0.25,
        duration_seconds=3.5,
        created_at=at(0),
    )
    (stored,) = store.messages(conversation.id)
    assert stored == added
    assert stored.cost_usd == Decimal("0.000123456789012345")
    assert stored.usage == usage
    assert stored.usage.source == "reported"
    assert stored.created_at == at(0)
    assert stored.created_at.tzinfo is not None


def test_unknown_cost_and_usage_are_null_not_zero(store: HistoryStore, data_dir: Path) -> None:
    conversation = store.create_conversation("x")
    unknown = store.add_message(conversation.id, role="assistant", content="a")
    free = store.add_message(
        conversation.id,
        role="assistant",
        usage=StoredUsage(10, 5, source="estimated"),
        cost_usd=Decimal("0"),
    )
    rows = sql(
        data_dir / "history.sqlite3",
        "SELECT cost_usd, usage_source, input_tokens FROM messages ORDER BY id",
    )
    assert rows == [(None, None, None), ("0", "estimated", 10)]
    first, second = store.messages(conversation.id)
    assert (first.cost_usd, first.usage) == (None, None)
    assert second.cost_usd == Decimal("0")
    assert second.usage is not None
    assert second.usage.source == "estimated"
    assert (unknown.id, free.id) == (first.id, second.id)


def test_update_message_changes_only_the_given_fields(store: HistoryStore) -> None:
    conversation = store.create_conversation("x")
    message = store.add_message(
        conversation.id,
        role="assistant",
        status="streaming",
        error="old error",
        cost_usd=Decimal("0.5"),
        usage=StoredUsage(1, 2),
    )
    store.update_message(message.id, content="Hello, wor")
    (stored,) = store.messages(conversation.id)
    assert (stored.content, stored.status, stored.error) == ("Hello, wor", "streaming", "old error")
    assert stored.cost_usd == Decimal("0.5")
    assert stored.usage == StoredUsage(1, 2)

    store.update_message(
        message.id,
        content="Hello, world",
        reasoning="r",
        status="complete",
        error=None,
        usage=None,
        cost_usd=None,
        first_token_seconds=0.1,
        duration_seconds=2.0,
    )
    (stored,) = store.messages(conversation.id)
    assert (stored.content, stored.reasoning, stored.status) == ("Hello, world", "r", "complete")
    assert (stored.error, stored.usage, stored.cost_usd) == (None, None, None)
    assert (stored.first_token_seconds, stored.duration_seconds) == (0.1, 2.0)
    store.update_message(message.id)  # nothing given: nothing to do
    with pytest.raises(KeyError):
        store.update_message(10_000, content="x")


def test_bad_values_are_refused(store: HistoryStore) -> None:
    conversation = store.create_conversation("x")
    with pytest.raises(ValueError, match="status"):
        store.add_message(conversation.id, role="user", status="done")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="naive"):
        store.add_message(conversation.id, role="user", created_at=datetime(2025, 1, 1))
    with pytest.raises(ValueError, match="finite"):
        store.add_message(conversation.id, role="assistant", cost_usd=Decimal("NaN"))
    assert store.messages(conversation.id) == []


def test_delete_messages_from_removes_that_message_and_the_later_ones_only(
    store: HistoryStore, data_dir: Path
) -> None:
    one = store.create_conversation("one")
    two = store.create_conversation("two")
    ids = {}
    for n in range(4):  # interleaved: the other conversation's ids lie in between
        ids[("one", n)] = store.add_message(one.id, role="user", content=f"one {n}").id
        ids[("two", n)] = store.add_message(two.id, role="user", content=f"two {n}").id
    store.delete_messages_from(ids[("one", 2)])
    assert [m.content for m in store.messages(one.id)] == ["one 0", "one 1"]
    assert [m.content for m in store.messages(two.id)] == ["two 0", "two 1", "two 2", "two 3"]
    with pytest.raises(KeyError):
        store.delete_messages_from(ids[("one", 3)])
    # Ids are not reused: a new message comes after every id ever given.
    again = store.add_message(one.id, role="user", content="one again")
    assert again.id > max(ids.values())
    check_fts_index(data_dir / "history.sqlite3")


def test_mark_interrupted_turns_streaming_answers_into_partial_ones(store: HistoryStore) -> None:
    a = store.create_conversation("a")
    b = store.create_conversation("b")
    store.add_message(a.id, role="user", content="q")
    store.add_message(a.id, role="assistant", content="cut off walrus", status="streaming")
    store.add_message(b.id, role="assistant", content="also cut walrus", status="streaming")
    store.add_message(b.id, role="assistant", content="fine walrus", status="complete")
    assert [h.snippet for h in store.search("walrus")] == ["fine [[walrus]]"]
    assert store.mark_interrupted() == 2
    assert [m.status for m in store.messages(a.id)] == ["complete", "partial"]
    assert [m.status for m in store.messages(b.id)] == ["partial", "complete"]
    assert store.mark_interrupted() == 0
    assert len(store.search("walrus")) == 3  # indexed once no longer streaming


def test_the_store_can_be_used_from_other_threads(store: HistoryStore) -> None:
    conversation = store.create_conversation("threads")

    def write(n: int) -> None:
        for i in range(20):
            store.add_message(conversation.id, role="user", content=f"thread {n} line {i}")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.messages(conversation.id)) == 80


def test_two_stores_on_one_file_see_each_others_writes(store: HistoryStore) -> None:
    with HistoryStore(store.path) as other:
        conversation = other.create_conversation("from the command line")
        other.add_message(conversation.id, role="user", content="shared")
    assert [m.content for m in store.messages(conversation.id)] == ["shared"]


def test_a_new_conversation_id_is_a_random_version_4_uuid_in_hex(tmp_path: Path) -> None:
    import uuid

    from desktop_app.core.history.rows import new_id

    ids = {new_id() for _ in range(1000)}
    assert len(ids) == 1000
    for made in ids:
        parsed = uuid.UUID(hex=made)
        assert parsed.hex == made  # 32 lower-case hex digits, as uuid4().hex
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        assert uuid.UUID(hex=store.create_conversation("Hi").id).version == 4
