"""Adding many messages in one transaction (an import): the rows with one statement per batch,
and the search indexes brought up to date once for all of them instead of a row at a time.

Each index is kept by triggers on `messages` (migrations.py's `FTS_TRIGGERS`, short_terms.py's
`TRIGGERS`). add_messages() drops the ones the database has, inserts the rows, indexes them with
one INSERT ... SELECT per index (in slices, so a caller can report progress and stop), and
creates the triggers again from the very text the database held, all inside the caller's
transaction: a failure or a crash at any point leaves the rows, the indexes and the triggers as
they were before it began.

The index of short terms calls Python (short_terms.FUNCTION) once per message, which is most of
the cost of an import when done inline. When the messages at or above its mark are fewer than
the ones added (always so in a fresh history), those few leave the index and the mark goes above
the new rows, and short_fill.py indexes them all in the background, newest first, as it does a
history older than the index; search meanwhile reads them with LIKE, as it reads any message
below the mark. Otherwise the new rows are indexed here, in the transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from desktop_app.core.history import migrations, short_terms
from desktop_app.core.history.records import MessageStatus, StoredUsage
from desktop_app.core.history.rows import cost_text, usage_columns
from desktop_app.core.history.schema import time_to_text
from desktop_app.core.providers.base import Role

MESSAGE_FIELDS = (
    "conversation_id",
    "role",
    "content",
    "reasoning",
    "provider",
    "provider_name",
    "model",
    "status",
    "error",
    "input_tokens",
    "output_tokens",
    "cached_input_tokens",
    "reasoning_tokens",
    "cache_write_tokens",
    "usage_source",
    "cost_usd",
    "first_token_seconds",
    "duration_seconds",
    "created_at",
    "parent_id",
)
"""The columns of message_row()'s tuples, in their order."""

INSERT_MESSAGE = (
    f"INSERT INTO messages ({', '.join(MESSAGE_FIELDS)})"
    f" VALUES ({', '.join('?' * len(MESSAGE_FIELDS))})"
)

INSERT_MESSAGE_BEFORE_TREE = (
    f"INSERT INTO messages ({', '.join(MESSAGE_FIELDS[:-1])})"
    f" VALUES ({', '.join('?' * (len(MESSAGE_FIELDS) - 1))})"
)
"""INSERT_MESSAGE without parent_id, for a history from before 009_message_tree."""

INSERT_CONVERSATION = (
    "INSERT INTO conversations (id, title, created_at, updated_at, pinned, archived,"
    " last_provider, last_model, branched_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
"""A conversation with every column it has once its messages are written (an import's)."""

SLICE = 20_000
"""Messages indexed per statement: progress is reported, and a stop is seen, between two."""

HASH_BYTES = 64 * 2**20
"""The terms FTS5 gathers in memory before it writes them as a segment of the index, while an
import indexes its messages: fewer, larger segments leave less merging to do, which halved the
time to index 100,000 messages (docs/performance.md, "Importing an export")."""
FTS5_HASH_BYTES = 2**20
"""FTS5's own size, put back afterwards (the setting is kept in the database)."""

Progress = Callable[[int, int], None]
"""(work done, work to do), in messages written or indexed; it may raise to stop the import,
which the caller's rollback then undoes."""


def message_row(
    conversation_id: str,
    *,
    role: Role,
    content: str,
    reasoning: str,
    provider: str | None,
    provider_name: str | None,
    model: str | None,
    status: MessageStatus,
    error: str | None,
    usage: StoredUsage | None,
    cost_usd: Decimal | None,
    first_token_seconds: float | None,
    duration_seconds: float | None,
    created_at: datetime,
    parent_id: int | None,
) -> tuple[object, ...]:
    """A message as the row INSERT_MESSAGE writes (MESSAGE_FIELDS): the one converter of a new
    message's fields to columns, for HistoryStore.add_message() and imports alike."""
    # Never NULL beside a provider: NULL marks the rows from before ids (provider_ids.py).
    usage_values = usage_columns(usage)
    return (
        conversation_id,
        role,
        content,
        reasoning,
        provider,
        provider if provider_name is None else provider_name,
        model,
        status,
        error,
        usage_values["input_tokens"],
        usage_values["output_tokens"],
        usage_values["cached_input_tokens"],
        usage_values["reasoning_tokens"],
        usage_values["cache_write_tokens"],
        usage_values["usage_source"],
        cost_text(cost_usd),
        first_token_seconds,
        duration_seconds,
        time_to_text(created_at),
        parent_id,
    )


class StoredFields(Protocol):
    """A message's fields as a row stores them (a MessageRecord; an imported message)."""

    @property
    def role(self) -> Role: ...
    @property
    def content(self) -> str: ...
    @property
    def reasoning(self) -> str: ...
    @property
    def provider(self) -> str | None: ...
    @property
    def provider_name(self) -> str | None: ...
    @property
    def model(self) -> str | None: ...
    @property
    def status(self) -> MessageStatus: ...
    @property
    def error(self) -> str | None: ...
    @property
    def usage(self) -> StoredUsage | None: ...
    @property
    def cost_usd(self) -> Decimal | None: ...
    @property
    def first_token_seconds(self) -> float | None: ...
    @property
    def duration_seconds(self) -> float | None: ...
    @property
    def created_at(self) -> datetime: ...


def row_of(
    conversation_id: str, message: StoredFields, parent_id: int | None
) -> tuple[object, ...]:
    """message_row() of a message that has all its fields already: a copy (a branch) or an
    imported one."""
    return message_row(
        conversation_id,
        role=message.role,
        content=message.content,
        reasoning=message.reasoning,
        provider=message.provider,
        provider_name=message.provider_name,
        model=message.model,
        status=message.status,
        error=message.error,
        usage=message.usage,
        cost_usd=message.cost_usd,
        first_token_seconds=message.first_token_seconds,
        duration_seconds=message.duration_seconds,
        created_at=message.created_at,
        parent_id=parent_id,
    )


def parent_moved(row: tuple[object, ...], offset: int) -> tuple[object, ...]:
    """The row with its parent_id (the last field) moved by `offset`, unless it has none."""
    parent = row[-1]
    if parent is None:
        return row
    assert isinstance(parent, int)
    return (*row[:-1], parent + offset)


def add_messages(
    conn: sqlite3.Connection,
    batches: Iterable[Sequence[tuple[object, ...]]],
    count: int,
    progress: Progress | None = None,
) -> range:
    """Insert `count` message rows (MESSAGE_FIELDS), given in batches, and index them; returns
    their ids. A row's parent_id is the position of its parent among the rows added (0: the
    first), or None, and becomes that row's id. Must run inside a transaction, which the caller
    commits, or rolls back if this raises. `progress` hears of the rows written and indexed, out
    of `count` per pass."""
    if not conn.in_transaction:
        raise RuntimeError("add_messages() needs a transaction open on the connection")
    report = progress or _quiet
    # AUTOINCREMENT: the new ids run on from the highest ever given, in sqlite_sequence (a
    # purge may have removed the rows that had it).
    (last_before,) = conn.execute(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'messages'), 0),"
        " coalesce((SELECT max(id) FROM messages), 0))"
    ).fetchone()
    triggers = _index_triggers(conn)
    for name in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    passes: list[tuple[str, str]] = []
    if triggers.keys() & set(migrations.FTS_TRIGGERS):
        passes.append(("messages_fts", _FTS_ROWS))
    short = bool(triggers.keys() & set(short_terms.TRIGGERS))
    total = count * (1 + len(passes) + short)
    done = 0
    report(done, total)
    first = last_before + 1
    for batch in batches:
        conn.executemany(INSERT_MESSAGE, (parent_moved(row, first) for row in batch))
        done += len(batch)
        report(done, total)
    (last,) = conn.execute("SELECT coalesce(max(id), 0) FROM messages").fetchone()
    added = range(last_before + 1, last + 1)
    if short and not _leave_short_terms_to_fill(conn, added):
        passes.append(("messages_short", _SHORT_TERM_ROWS))
    total = done + len(passes) * len(added)
    for table, sql in passes:
        kept = _hash_size(conn, table)
        _set_hash_size(conn, table, HASH_BYTES)
        for start in range(added.start, added.stop, SLICE):
            end = min(start + SLICE, added.stop) - 1
            conn.execute(sql, (start, end))
            done += end - start + 1
            report(done, total)
        _set_hash_size(conn, table, kept)
    for sql in triggers.values():
        conn.execute(sql)
    report(total, total)
    return added


_FTS_ROWS = (
    "INSERT INTO messages_fts (rowid, content) SELECT id, content FROM messages"
    " WHERE id BETWEEN ? AND ? AND status <> 'streaming'"
)
_SHORT_TERM_ROWS = (
    f"INSERT INTO messages_short (rowid, terms) SELECT id, {short_terms.FUNCTION}(content)"
    " FROM messages WHERE id BETWEEN ? AND ? AND status <> 'streaming'"
)


def _hash_size(conn: sqlite3.Connection, table: str) -> int:
    row = conn.execute(f"SELECT v FROM {table}_config WHERE k = 'hashsize'").fetchone()
    return FTS5_HASH_BYTES if row is None else int(row[0])


def _set_hash_size(conn: sqlite3.Connection, table: str, size: int) -> None:
    conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', ?)", (size,))


def _index_triggers(conn: sqlite3.Connection) -> dict[str, str]:
    """The index triggers this database has, by name, with the statement that made each."""
    names = (*migrations.FTS_TRIGGERS, *short_terms.TRIGGERS)
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        f" AND name IN ({', '.join('?' * len(names))})",
        names,
    ).fetchall()
    return {name: sql for name, sql in rows}


def _leave_short_terms_to_fill(conn: sqlite3.Connection, added: range) -> bool:
    """Move the mark of the index of short terms above the rows `added` when that costs less
    than indexing them (see the module's docstring); True if it did."""
    below = short_terms.filled_below(conn)
    if below is None or not added:
        return below is not None
    before = added.start - 1
    (indexed, streaming) = conn.execute(
        "SELECT count(*) FILTER (WHERE status <> 'streaming'),"
        " count(*) FILTER (WHERE status = 'streaming')"
        " FROM messages WHERE id BETWEEN ? AND ?",
        (below, before),
    ).fetchone()
    # An answer still streaming above the mark is indexed by its trigger when it ends; with the
    # mark moved above it, that would be left to a fill that may pass it before it ends.
    if streaming or indexed >= len(added):
        return False
    conn.execute(
        "INSERT INTO messages_short (messages_short, rowid, terms)"
        f" SELECT 'delete', id, {short_terms.FUNCTION}(content) FROM messages"
        " WHERE id BETWEEN ? AND ? AND status <> 'streaming'",
        (below, before),
    )
    conn.execute("UPDATE short_terms_state SET filled_below = ?", (added.stop,))
    return True


def _quiet(done: int, total: int) -> None:
    pass
