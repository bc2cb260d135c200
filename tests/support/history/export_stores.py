"""History stores for the export and import tests: `store`, filled by `ids` (which names its
conversations), and an empty `fresh` one to import into; what an export holds of one
(`snapshot`), and an import's progress that meets a full disk (`disk_fills_up`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.history.store import HistoryStore
from desktop_app.core.transfer.export import export_json
from tests.support.history.history_samples import fill


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    history = HistoryStore(tmp_path / "store.sqlite3")
    yield history
    history.close()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[HistoryStore]:
    history = HistoryStore(tmp_path / "fresh.sqlite3")
    yield history
    history.close()


@pytest.fixture
def ids(store: HistoryStore) -> dict[str, str]:
    return fill(store)


def without_row_ids(conversations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Exported conversations with each message's "id" and "parent_id" made its position in
    the conversation: what an import keeps (a history numbers its messages its own way)."""
    kept = []
    for conversation in conversations:
        positions = {m["id"]: n for n, m in enumerate(conversation["messages"])}
        messages = [
            {**m, "id": n, "parent_id": positions.get(m["parent_id"])}
            for n, m in enumerate(conversation["messages"])
        ]
        kept.append({**conversation, "messages": messages})
    return kept


def snapshot(store: HistoryStore) -> list[dict[str, Any]]:
    """Everything an export holds, without the moment of the export."""
    return without_row_ids(export_json(store)["conversations"])


def disk_fills_up(done: int, total: int) -> None:
    """An import's progress that finds the disk full once the first messages are written, as
    SQLite says it in the middle of the import's transaction."""
    if done:
        raise sqlite3.OperationalError("database or disk is full")
