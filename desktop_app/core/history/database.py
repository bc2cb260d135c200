"""The history's SQLite file as the store holds it open: one connection, used by one thread at
a time under a lock, its write transactions (refused at once while another writer of this app
holds the file), and read-only readers for worker threads. HistoryStore (store.py) builds on it
with what the history holds."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from types import TracebackType
from typing import Self

from desktop_app.core.history import checks
from desktop_app.core.history.failures import busy, history_errors
from desktop_app.core.history.held_writes import HeldWrites
from desktop_app.core.history.migrations import MIGRATIONS, Migration
from desktop_app.core.history.readers import ReaderPool
from desktop_app.core.history.schema import (
    connect,
    ensure_search_index,
    features,
    fts5_available,
    migrate,
    transaction,
)


class HistoryDatabase:
    """The history file opened (creating or upgrading it), with its connection and its lock."""

    def __init__(
        self: Self,  # so its readers are typed as what it is (a HistoryStore)
        path: Path,
        *,
        fts: bool | None = None,
        migrations: tuple[Migration, ...] = MIGRATIONS,
        read_only: bool = False,
    ) -> None:
        """Open (creating or upgrading) the database at `path`.

        `fts`: None uses FTS5 when this SQLite has it; False searches with LIKE as a build
        without FTS5 would; True requires FTS5. `migrations` is for tests that build a database
        as an older version did. `read_only`: a reader() of a store that opened the file.
        """
        self.path = path
        self._read_only = read_only
        self._lock = threading.RLock()  # re-entered by writes inside writing()
        self._readers: ReaderPool[Self] = ReaderPool(self._open_reader)
        self.verified = False
        """The file passed its check at start (checks.py): close() then records it as checked."""
        self.held = HeldWrites()
        """While held, every write raises HistoryBusy at once: another writer of this app holds
        the write lock (the window's import), and a write here would wait for it, for seconds,
        on the thread that made it. The window's small writes go through held.run(), which
        keeps them until the hold ends."""
        with history_errors(path):
            self._conn = connect(path, read_only=read_only)
            if read_only:  # the store that lends it has brought the file up to date
                self.uses_fts = bool(fts)
                self._tree, self._attached = features(self._conn)
                return
            try:
                available = fts5_available(self._conn)
                if fts and not available:
                    raise RuntimeError("this SQLite has no FTS5 with the trigram tokenizer")
                self.uses_fts = available if fts is None else fts
                migrate(self._conn, migrations, use_fts=self.uses_fts)
                ensure_search_index(self._conn, use_fts=self.uses_fts, fts_available=available)
                self._tree, self._attached = features(self._conn)
            except BaseException:
                self._conn.close()
                raise

    def close(self) -> None:
        """Close the database and its readers; the store cannot be used afterwards."""
        self._readers.close()
        with self._lock:
            self._conn.close()
        if self.verified:
            checks.record_checked(self.path)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection, for read-only queries of other core modules (spending): held under
        the store's lock so no write of this process runs in between."""
        with self._lock:
            yield self._conn

    def writing(self) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction under the store's lock, for other core modules (the ledger,
        the provider ids)."""
        return self._write()

    def reader(self) -> AbstractContextManager[Self]:
        """This store for reads on a worker thread, with a read-only connection no other thread
        is using: a long read there neither waits for this store's writes nor holds them up
        (WAL lets readers run beside the writer). Kept for the next read; closed by close()."""
        return self._readers.borrow()

    def _open_reader(self) -> Self:
        """A read-only store of the same kind on this file, for the readers."""
        return type(self)(self.path, fts=self.uses_fts, read_only=True)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        # A reader's write is a mistake in Tally, not a read-only folder: left untranslated.
        failures = nullcontext() if self._read_only else history_errors(self.path)
        if self.held.active:
            raise busy(self.path)
        with self._lock, failures, transaction(self._conn) as conn:
            yield conn
