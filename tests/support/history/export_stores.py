"""History stores for the export and import tests: `store`, filled by `ids` (which names its
conversations), and an empty `fresh` one to import into."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
