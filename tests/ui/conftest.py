"""Fixtures of the sidebar tests (tests/ui/test_conversation_list.py and its neighbours)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.history import HistoryStore


@pytest.fixture
def store(data_dir: Path) -> Iterator[HistoryStore]:
    """A history store on a fresh file in the test's data directory."""
    data_dir.mkdir(parents=True, exist_ok=True)
    history = HistoryStore(data_dir / "history.sqlite3")
    yield history
    history.close()
