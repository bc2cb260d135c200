"""Read-only stores for worker threads, kept between reads and closed with the store that lends
them (HistoryStore.reader()). One reader is used by one thread at a time, so a long read on a
worker never waits for the writer's lock nor holds it."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, Protocol, TypeVar


class Closeable(Protocol):
    def close(self) -> None: ...


R = TypeVar("R", bound=Closeable)


class ReaderPool(Generic[R]):
    """Readers made by `open` when every one made is in use; all closed by close()."""

    def __init__(self, open: Callable[[], R]) -> None:
        self._open = open
        self._lock = threading.Lock()
        self._made: list[R] = []
        self._idle: list[R] = []
        self._closed = False

    @contextmanager
    def borrow(self) -> Iterator[R]:
        """A reader no other thread is using, until the block ends."""
        with self._lock:
            _check_open(self._closed)
            reader = self._idle.pop() if self._idle else None
        if reader is None:
            reader = self._open()  # outside the lock: opening a file may take a moment
            with self._lock:
                if self._closed:
                    reader.close()
                    _check_open(self._closed)
                self._made.append(reader)
        try:
            yield reader
        finally:
            with self._lock:
                self._idle.append(reader)

    def close(self) -> None:
        """Close every reader; one in use closes once its current query ends (its own lock)."""
        with self._lock:
            self._closed = True
            made, self._made, self._idle = self._made, [], []
        for reader in made:
            reader.close()


def _check_open(closed: bool) -> None:
    if closed:
        # What the sqlite3 module says of a closed connection: the same error either way.
        raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
