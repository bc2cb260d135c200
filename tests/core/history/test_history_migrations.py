"""The history's migrations on a real file: a first version's database upgraded with its data,
a newer one refused, and the search index made or rebuilt when FTS5 is there."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.core.errors import HistoryVersionError
from desktop_app.core.history.records import StoredUsage
from desktop_app.core.history.schema import ensure_search_index, time_to_text
from desktop_app.core.history.store import MIGRATIONS, HistoryStore
from tests.support.history.history_samples import at
from tests.support.history.on_disk import check_fts_index, sql


def test_a_first_version_database_is_upgraded_with_its_data_intact(data_dir: Path) -> None:
    path = data_dir / "history.sqlite3"
    with HistoryStore(path, migrations=MIGRATIONS[:1]) as first_version:
        conversation = first_version.create_conversation("Before the upgrade", created_at=at(0))
    # The rows as the first version wrote them: its columns only (today's code writes more).
    rows = [
        ("user", "complete", "早上好，价格表在哪里？", None, None, None, None, None, None),
        ("assistant", "complete", "The price list is attached.", 3, 4, 0, 0, "estimated", "0.0042"),
        ("assistant", "streaming", "", None, None, None, None, None, None),
    ]
    columns = (
        "conversation_id, role, status, content, created_at, input_tokens, output_tokens,"
        " cached_input_tokens, reasoning_tokens, usage_source, cost_usd"
    )
    with sqlite3.connect(path) as conn:
        conn.executemany(
            f"INSERT INTO messages ({columns}) VALUES ({', '.join('?' * 11)})",
            [(conversation.id, r[0], r[1], r[2], time_to_text(at(1)), *r[3:]) for r in rows],
        )
    conn.close()
    assert sql(path, "SELECT name FROM sqlite_master WHERE name = 'messages_fts'") == []

    with HistoryStore(path) as upgraded:
        names = [name for (name,) in sql(path, "SELECT name FROM migrations ORDER BY rowid")]
        assert names == [step.name for step in MIGRATIONS]
        messages = upgraded.messages(conversation.id)
        assert [(m.role, m.status, m.content) for m in messages] == [r[:3] for r in rows]
        assert messages[1].usage == StoredUsage(3, 4, source="estimated")  # no cache writes
        assert messages[1].cost_usd == Decimal("0.0042")
        assert upgraded.conversation(conversation.id) is not None
        assert [h.message_id for h in upgraded.search("价格表")] == [messages[0].id]
        assert [h.message_id for h in upgraded.search("price list")] == [messages[1].id]
        assert upgraded.mark_interrupted() == 1
    check_fts_index(path)


def test_a_database_from_a_newer_version_is_refused(store: HistoryStore) -> None:
    store.close()
    with pytest.raises(HistoryVersionError, match="newer version"):
        HistoryStore(store.path, migrations=MIGRATIONS[:1])


def test_the_index_is_rebuilt_after_a_build_without_fts5_wrote_to_the_file(
    store: HistoryStore,
) -> None:
    conversation = store.create_conversation("x")
    store.add_message(conversation.id, role="user", content="indexed before")
    # What opening on a SQLite without FTS5 does: drop the triggers it could not run.
    ensure_search_index(store._conn, use_fts=False, fts_available=False)
    store.add_message(conversation.id, role="user", content="written without the index")
    store.close()
    with HistoryStore(store.path) as again:
        assert len(again.search("without the index")) == 1
        assert len(again.search("indexed before")) == 1
    check_fts_index(store.path)


def test_a_file_made_without_fts5_gets_its_index_when_fts5_is_there(data_dir: Path) -> None:
    path = data_dir / "history.sqlite3"
    with HistoryStore(path, fts=False) as without:
        conversation = without.create_conversation("x")
        without.add_message(conversation.id, role="user", content="made without the index")
        assert [h.snippet for h in without.search("without")] == ["made [[without]] the index"]
    assert sql(path, "SELECT name FROM sqlite_master WHERE name = 'messages_fts'") == []
    with HistoryStore(path) as with_fts:
        assert with_fts.uses_fts
        assert [h.snippet for h in with_fts.search("without")] == ["made [[without]] the index"]
    check_fts_index(path)
