"""History stores for the export and import tests: `store`, filled by `ids` (which names its
conversations), and an empty `fresh` one to import into."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.history.store import HistoryStore
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
