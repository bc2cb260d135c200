"""An import writes its messages in bulk and builds the search indexes once (history/bulk.py):
the indexes then hold what the triggers would have written a message at a time, deletes reach
them, the triggers come back as they were, and an import stopped part-way leaves everything as
it was before it began."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.history import short_fill, short_terms
from desktop_app.core.history.ledger_rows import billed_record
from desktop_app.core.history.ledger_rows import entries as ledger_entries
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.transfer.export import export_json
from desktop_app.core.transfer.importer import import_file
from tests.support.history.history_samples import at

TEXTS = [
    "我想养一只鹦鹉",
    "鹦鹉会说话吗？",
    "The zq-key on a Dvorak layout",
    "GPT-4o or 4o-mini? A xylophone answer",
    "養鸚鵡的人 play the xylophone",
    "nothing here",
]
TERMS = ["鹦鹉", "鹦", "zq", "4o", "鸚鵡", "xylophone", "layout", "nothing"]


def export_of(tmp_path: Path, conversations: int, name: str = "export.json") -> Path:
    """A Tally export of `conversations` conversations holding TEXTS, asked and answered."""
    with HistoryStore(tmp_path / f"source-{name}.sqlite3") as source:
        for number in range(conversations):
            conversation = source.create_conversation(f"Topic {number}", created_at=at(number))
            for index, text in enumerate(TEXTS):
                source.add_message(
                    conversation.id,
                    role="user" if index % 2 == 0 else "assistant",
                    content=f"{text} #{number}",
                    created_at=at(number),
                )
        data = export_json(source)
    file = tmp_path / name
    file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return file


def fill_short_terms(store: HistoryStore) -> None:
    with store.reading() as conn:
        while not short_fill.fill_step(conn):
            pass


def full_text_hits(store: HistoryStore, term: str) -> set[int]:
    with store.reading() as conn:
        return {
            rowid
            for (rowid,) in conn.execute(
                "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?", (f'"{term}"',)
            )
        }


def short_term_hits(store: HistoryStore, term: str) -> set[int]:
    with store.reading() as conn:
        return {
            rowid
            for (rowid,) in conn.execute(
                "SELECT rowid FROM messages_short WHERE messages_short MATCH ?", (f'"{term}"',)
            )
        }


def containing(store: HistoryStore, term: str) -> set[int]:
    """The messages whose text holds `term`, read from the table itself."""
    with store.reading() as conn:
        return {
            rowid
            for (rowid, content) in conn.execute("SELECT id, content FROM messages")
            if term.lower() in content.lower()
        }


def index_intact(store: HistoryStore) -> None:
    """FTS5's own check that the full-text index holds exactly the rows of `messages`."""
    with store.reading() as conn:
        conn.execute("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")
        conn.execute("INSERT INTO messages_short (messages_short) VALUES ('integrity-check')")


def triggers(store: HistoryStore) -> list[tuple[str, str]]:
    with store.reading() as conn:
        return conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        ).fetchall()


def everything(store: HistoryStore) -> dict[str, Any]:
    """Every table's rows (the indexes' own tables included) and the schema."""
    with store.reading() as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        found: dict[str, Any] = {
            "schema": conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
        }
        for table in tables:
            if table in ("messages_fts", "messages_short"):
                continue  # virtual: read through their shadow tables
            found[table] = sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
    return found


def test_a_fresh_history_finds_imported_messages_through_both_indexes(tmp_path: Path) -> None:
    file = export_of(tmp_path, 3)
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        before = triggers(store)
        assert import_file(store, file).messages_added == 18
        assert triggers(store) == before  # the very statements the database had
        index_intact(store)
        assert full_text_hits(store, "xylophone") == containing(store, "xylophone") != set()
        # The index of short terms is left to the background fill: the mark is above them all,
        # and search meanwhile reads them as it reads any message below the mark.
        with store.reading() as conn:
            assert short_terms.filled_below(conn) == 19
        assert short_term_hits(store, "鹦鹉") == set()
        assert {hit.message_id for hit in store.search("鹦鹉")} == containing(store, "鹦鹉")
        fill_short_terms(store)
        for term in TERMS:
            expected = containing(store, term)
            assert {hit.message_id for hit in store.search(term)} == expected, term
            if short_terms.term_of(term) is not None:
                assert short_term_hits(store, term) == expected, term
            else:
                assert full_text_hits(store, term) == expected, term


def test_an_import_indexed_inline_holds_every_term(tmp_path: Path) -> None:
    """More messages above the mark than the import brings: the import indexes its own."""
    file = export_of(tmp_path, 2)
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        mine = store.create_conversation("Mine", created_at=at(70))
        for n in range(20):
            store.add_message(mine.id, role="user", content=f"filler {n}")
        import_file(store, file)
        with store.reading() as conn:
            assert short_terms.filled_below(conn) == 1
        index_intact(store)
        for term in TERMS:
            expected = containing(store, term)
            assert expected, term
            if short_terms.term_of(term) is not None:
                assert short_term_hits(store, term) == expected, term
            elif len(term) >= 3:
                assert full_text_hits(store, term) == expected, term


def test_importing_into_a_history_with_messages(tmp_path: Path) -> None:
    """Few messages above the mark: they leave the index of short terms for the fill, with
    the imported ones. Many: the imported ones are indexed by the import itself."""
    few, many = export_of(tmp_path, 4, "few.json"), export_of(tmp_path, 1, "many.json")
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        mine = store.create_conversation("Mine", created_at=at(50))
        for _ in range(2):
            store.add_message(mine.id, role="user", content="我的鹦鹉 zq")
        with store.reading() as conn:
            assert short_terms.filled_below(conn) == 1
        import_file(store, few)
        with store.reading() as conn:
            assert short_terms.filled_below(conn) == 2 + 24 + 1  # all of them below it
        assert short_term_hits(store, "鹦鹉") == set()
        assert {hit.message_id for hit in store.search("鹦鹉")} == containing(store, "鹦鹉")
        fill_short_terms(store)
        assert short_term_hits(store, "鹦鹉") == containing(store, "鹦鹉")
        assert len(containing(store, "鹦鹉")) == 2 + 4 * 2

        import_file(store, many)  # 6 messages, under the 26 indexed: indexed here
        with store.reading() as conn:
            assert short_terms.filled_below(conn) == 1
        assert short_term_hits(store, "鹦鹉") == containing(store, "鹦鹉")
        assert full_text_hits(store, "xylophone") == containing(store, "xylophone")
        index_intact(store)


def test_an_answer_streaming_meanwhile_keeps_its_index(tmp_path: Path) -> None:
    file = export_of(tmp_path, 3)
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        mine = store.create_conversation("Mine")
        answer = store.add_message(mine.id, role="assistant", content="鹦", status="streaming")
        import_file(store, file)
        with store.reading() as conn:
            assert short_terms.filled_below(conn) == 1  # not moved above the answer
        store.update_message(answer.id, content="鹦鹉 at last", status="complete")
        assert answer.id in short_term_hits(store, "鹦鹉")
        assert short_term_hits(store, "鹦鹉") == containing(store, "鹦鹉")


def test_deleting_imported_messages_takes_them_out_of_the_indexes(tmp_path: Path) -> None:
    file = export_of(tmp_path, 2)
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        import_file(store, file)
        fill_short_terms(store)
        first = store.conversations(limit=10)[-1]
        (kept,) = [c for c in store.conversations(limit=10) if c.id != first.id]
        gone = {m.id for m in store.messages(first.id)}
        store.delete_messages_from(min(gone))
        index_intact(store)
        for term in TERMS:
            assert full_text_hits(store, term).isdisjoint(gone), term
            assert short_term_hits(store, term).isdisjoint(gone), term
        assert {hit.conversation_id for hit in store.search("鹦鹉")} == {kept.id}


@pytest.mark.parametrize("stop_at", ["writing", "indexing", "ledger"])
def test_an_import_stopped_part_way_leaves_the_history_as_it_was(
    tmp_path: Path, stop_at: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = export_of(tmp_path, 3)
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        mine = store.create_conversation("Mine", created_at=at(60))
        store.add_message(mine.id, role="user", content="我的鹦鹉 zq")
        before = everything(store)

        class Stop(Exception):
            pass

        def progress(done: int, total: int) -> None:
            # total is 3 passes of 18 messages: written, then indexed twice (or once).
            if (stop_at == "writing" and done) or (stop_at == "indexing" and done > 18):
                raise Stop

        def no_ledger(conn: sqlite3.Connection, entries: object) -> None:
            raise Stop

        if stop_at == "ledger":
            monkeypatch.setattr("desktop_app.core.transfer.importer.bill_imported_rows", no_ledger)
        with pytest.raises(Stop):
            import_file(store, file, progress=progress)
        assert everything(store) == before
        index_intact(store)
        monkeypatch.undo()
        assert import_file(store, file).messages_added == 18
        assert {hit.message_id for hit in store.search("xylophone")} == containing(
            store, "xylophone"
        )


def test_answers_of_one_moment_are_billed_once(tmp_path: Path) -> None:
    """Spent is spent, once: two billed answers of a conversation at the same moment were one
    answer billed (bill_imported()'s rule), and a conversation imported again after a purge
    was billed the first time."""
    document = {
        "format": "tally-export",
        "version": 1,
        "conversations": [
            {
                "id": "c1",
                "title": "Twice",
                "created_at": "2025-01-01T00:00:00+00:00",
                "messages": [
                    {
                        "role": "assistant",
                        "content": f"answer {n}",
                        "provider": "relay",
                        "model": "m",
                        "usage": {"input_tokens": 10, "output_tokens": 20},
                        "cost_usd": 0.5,
                        "created_at": "2025-01-01T00:00:01+00:00",
                    }
                    for n in range(2)
                ],
            }
        ],
    }
    file = tmp_path / "twice.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        import_file(store, file)
        store.delete("c1")
        store.purge_deleted(older_than=timedelta(0))
        assert import_file(store, file).conversations_added == 1
        with store.reading() as conn:
            assert conn.execute("SELECT count(*), sum(cost_usd) FROM ledger").fetchone() == (
                1,
                0.5,
            )


def test_the_ledger_holds_what_billing_each_stored_answer_gives(tmp_path: Path) -> None:
    """Each billed answer's row is billed_record() of the answer as stored: usage with or
    without a cost, a cost without usage; the demo's answers and questions are not money."""

    def answer(n: int, **fields: Any) -> dict[str, Any]:
        return {
            "role": "assistant",
            "content": f"answer {n}",
            "created_at": f"2025-01-01T00:00:{n:02d}+08:00",
            **fields,
        }

    usage = {"input_tokens": 1200, "output_tokens": 300, "cached_input_tokens": 200,
             "reasoning_tokens": 50, "cache_write_tokens": 7, "source": "estimated"}  # fmt: skip
    document = {
        "format": "tally-export",
        "version": 1,
        "conversations": [
            {
                "id": "money",
                "title": "Money",
                "created_at": "2025-01-01T00:00:00+08:00",
                "messages": [
                    {"role": "user", "content": "q", "created_at": "2025-01-01T00:00:00Z"},
                    answer(1, provider="relay", model="m", usage=usage, cost_usd="0.0123"),
                    answer(2, provider="relay", model="m", usage=usage),
                    answer(3, provider="relay", model="m", cost_usd=0.5),
                    answer(4, provider="demo", model="demo", usage=usage, cost_usd=1),
                    answer(5, provider="relay", model="m"),
                ],
            }
        ],
    }
    file = tmp_path / "money.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        import_file(store, file)
        expected = [
            entry for m in store.messages("money") if (entry := billed_record(m)) is not None
        ]
        assert [e.message_id for e in expected] == [m.id for m in store.messages("money")][1:4]
        assert ledger_entries(store, "money") == expected
