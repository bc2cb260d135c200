"""HistoryStore.reader(): read-only stores on the same file for worker threads, each used by one
thread at a time, kept for the next read and closed with the store."""

from __future__ import annotations

import sqlite3

import pytest

from desktop_app.core.history.store import HistoryStore


def test_a_reader_sees_the_stores_writes_and_cannot_write(store: HistoryStore) -> None:
    summary = store.create_conversation("Trip")
    store.add_message(summary.id, role="user", content="去北京看长城")
    with store.reader() as reader:
        assert reader is not store
        assert [c.title for c in reader.conversations()] == ["Trip"]
        assert [hit.conversation_id for hit in reader.search("北京")] == [summary.id]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.rename(summary.id, "Renamed")
        store.rename(summary.id, "Renamed")  # the writer goes on beside it
        assert [c.title for c in reader.conversations()] == ["Renamed"]


def test_readers_in_use_at_once_are_different_and_are_kept_for_the_next_read(
    store: HistoryStore,
) -> None:
    with store.reader() as first, store.reader() as second:
        assert first is not second
    with store.reader() as again:
        assert again in (first, second)


def test_closing_the_store_closes_its_readers(store: HistoryStore) -> None:
    with store.reader() as reader:
        pass
    store.close()
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        reader.conversation_count()
    with pytest.raises(sqlite3.ProgrammingError, match="closed"), store.reader():
        pass
