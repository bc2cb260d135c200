"""The history database file: connection settings, applying the schema's ordered, named steps
(migrations.py), and the full-text index that follows the messages table.

Migrations are recorded in a `migrations` table, one row (name, applied_at) per step, in the
order they ran. Opening a database applies the steps it lacks, all in one transaction, so an
interrupted upgrade leaves the previous version intact. Steps are never edited once released:
a change of schema is a new step at the end of MIGRATIONS.

Attached files are kept in this file too, as BLOBs keyed by their SHA-256 (010_attachments),
not as files beside it: a question and its files are then written in one transaction (a kill -9
keeps both or neither), a backup or a check still sees one file, and bytes sent twice are kept
once; attachment_rows.py gives the whole reasoning.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.core.errors import HistoryVersionError
from desktop_app.core.files import private_file
from desktop_app.core.history import short_terms
from desktop_app.core.history.migrations import FTS, FTS_TRIGGERS, Migration
from desktop_app.core.text.messages import t

BUSY_TIMEOUT_MS = 5000
"""How long a write waits for another connection's (the GUI and `tally ask` share the file)."""


def time_to_text(moment: datetime) -> str:
    """ISO-8601 in UTC with microseconds: one fixed width, so text order is time order."""
    if moment.tzinfo is None:
        raise ValueError(f"a naive datetime has no time zone: {moment!r}")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def time_from_text(text: str) -> datetime:
    """An aware datetime (UTC) from time_to_text()'s text."""
    return datetime.fromisoformat(text)


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection with the settings the store relies on; transactions are explicit.
    `read_only`: one that refuses every write (PRAGMA query_only), for readers."""
    private_file(path)  # before SQLite makes it 0644: the history is nobody else's to read
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        # In WAL mode, NORMAL writes each commit to the WAL file without waiting for fsync;
        # fsync happens at checkpoints. A commit that returned is in the OS's file cache, so
        # killing the process (a crash, kill -9) loses nothing: the next open replays the WAL,
        # and integrity_check passes. Only an OS crash or power cut can lose the last commits,
        # and even then the database stays consistent. FULL would fsync every commit, once a
        # second for each streaming answer, for no gain against the failure that matters here.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        short_terms.register(conn)  # the function the short-term index's triggers call
        if read_only:
            conn.execute("PRAGMA query_only = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def fts5_available(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (3.34 or later)."""
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5 (x, tokenize = 'trigram')")
    except sqlite3.OperationalError:
        return False
    conn.execute("DROP TABLE temp.fts5_probe")
    return True


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """The names of the steps this database has had, in the order they ran."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
    ).fetchone()
    if exists is None:
        return []
    return [name for (name,) in conn.execute("SELECT name FROM migrations ORDER BY rowid")]


def migrate(
    conn: sqlite3.Connection, migrations: tuple[Migration, ...], *, use_fts: bool
) -> list[str]:
    """Apply the steps the database lacks, in one transaction; returns the names applied."""
    if _pending(applied_migrations(conn), migrations) == ():
        return []  # the usual open: a read, no write lock
    with transaction(conn):
        conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations"
            " (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        # Read again under the write lock: another process may have upgraded meanwhile.
        pending = _pending(applied_migrations(conn), migrations)
        now = time_to_text(datetime.now(UTC))
        for step in pending:
            if use_fts or not step.needs_fts:
                for statement in step.statements:
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (step.name, now)
            )
    return [step.name for step in pending]


def _pending(applied: list[str], migrations: tuple[Migration, ...]) -> tuple[Migration, ...]:
    known = [step.name for step in migrations]
    if applied != known[: len(applied)]:
        newer = [name for name in applied if name not in known]
        raise HistoryVersionError(
            t(
                "The history database was upgraded by a newer version of Tally (steps"
                " {steps}): update Tally to open it.",
                steps=", ".join(newer),
            )
            if newer
            else t(
                "The history database was upgraded by a newer version of Tally: update Tally"
                " to open it."
            )
        )
    return migrations[len(applied) :]


def ensure_search_index(conn: sqlite3.Connection, *, use_fts: bool, fts_available: bool) -> None:
    """Keep the full-text index in step with the messages whatever build opens the file.

    With FTS5 in use and the index or its triggers missing (002_fts_search ran on a build
    without FTS5, or the triggers were dropped), build it. With no FTS5 at all, drop the
    triggers: they could not run, and every write to messages would fail. The index is then
    rebuilt by the next open that has FTS5.
    """
    applied = applied_migrations(conn)
    indexes: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
        ("002_fts_search", "messages_fts", FTS_TRIGGERS, FTS)
    ]
    if "007_short_terms" in applied:
        indexes.append(
            ("007_short_terms", "messages_short", short_terms.TRIGGERS, short_terms.REBUILD)
        )
    for step, table, triggers, statements in indexes:
        if step not in applied:
            continue  # a first-version database (tests open one): there is no index to keep
        names = (table, *triggers)
        present = {
            name
            for (name,) in conn.execute(
                f"SELECT name FROM sqlite_master WHERE name IN ({', '.join('?' * len(names))})",
                names,
            )
        }
        if use_fts and len(present) < len(names):
            with transaction(conn):
                for statement in statements:
                    conn.execute(statement)
        elif not fts_available and present & set(triggers):
            with transaction(conn):
                for trigger in triggers:
                    conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK when the block raises. Inside a transaction
    already open on `conn` (an import writes every conversation in one), a savepoint instead:
    the block's writes are undone if it raises, and kept with the outer transaction if not.

    IMMEDIATE takes the write lock at the start, so a transaction that reads and then writes
    never fails half-way with SQLITE_BUSY; it waits up to the busy timeout instead.
    """
    if conn.in_transaction:
        yield from _savepoint(conn)
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _savepoint(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("SAVEPOINT nested")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK TO nested")
        conn.execute("RELEASE nested")
        raise
    conn.execute("RELEASE nested")


def features(conn: sqlite3.Connection) -> tuple[bool, bool]:
    """Whether the messages name their parents (the database had 009_message_tree), and
    whether it keeps attached files (010_attachments): one read of the steps it had."""
    steps = applied_migrations(conn)
    return "009_message_tree" in steps, "010_attachments" in steps


def keeps_origins(conn: sqlite3.Connection) -> bool:
    """Whether answers keep the rule that picked their model and the answer they escalated
    (the database had 012_routing: history/answer_origins.py)."""
    return "012_routing" in applied_migrations(conn)
