"""A guard for widget tests: any read of the history on the GUI thread fails the test, so the
promise that widgets read off the GUI thread (desktop_app/ui/history/reads.py) is checked."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

import pytest

from desktop_app.core.history.store import HistoryStore

READS = ("conversations", "conversation_count", "conversation", "messages", "search", "reading")
"""HistoryStore's reads that grow with the history (reading() is the spending queries' way in)."""


class ReadOnGuiThread(AssertionError):
    """A history read ran on the GUI thread while the guard was on."""


_test_reading = threading.Event()


@contextmanager
def checking_the_store() -> Iterator[None]:
    """Let the test itself read the history on the GUI thread, to check what was stored."""
    _test_reading.set()
    try:
        yield
    finally:
        _test_reading.clear()


@pytest.fixture
def no_reads_on_the_gui_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every HistoryStore read raise ReadOnGuiThread when called on the GUI thread."""
    for name in READS:
        monkeypatch.setattr(HistoryStore, name, _guarded(getattr(HistoryStore, name)))


def _guarded(read: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(read)
    def checked(*args: Any, **kwargs: Any) -> Any:
        on_gui_thread = threading.current_thread() is threading.main_thread()
        if on_gui_thread and not _test_reading.is_set():
            raise ReadOnGuiThread(f"HistoryStore.{read.__name__} ran on the GUI thread")
        return read(*args, **kwargs)

    return checked
