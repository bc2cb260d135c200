"""The data step after migration 006_provider_ids: answers, conversations (and the ledger, where
there is one) recorded the provider's display name before they kept its id. Where a provider of
that name exists, the name becomes its id, and an answer keeps the name in `provider_name`.

It needs the providers file, which a schema step cannot read, so the app and the command line
run it once they have read the providers; the `data_steps` table records that it ran, once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime

from desktop_app.core.history.schema import applied_migrations, time_to_text
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.provider_names import ids_by_name
from desktop_app.core.settings.providers_file import Provider

STEP = "006_provider_ids: names to ids"
_SCHEMA_STEP = "006_provider_ids"


def adopt_provider_ids(store: HistoryStore, providers: Sequence[Provider]) -> bool:
    """Turn the provider names of rows from before ids into ids, once per database; True when
    it ran now. With no providers at all (no providers file yet, or a broken one) it waits:
    nothing could match, and running it would use it up."""
    if not providers:
        return False
    with store.reading() as conn:
        if _done(conn):
            return False  # the usual case: one small read
    pairs = [(name, id_) for name, id_ in ids_by_name(providers).items() if name != id_]
    with store.writing() as conn:
        if _done(conn):  # another process (the app, `tally ask`) ran it meanwhile
            return False
        if pairs:
            _rename(conn, pairs)
        conn.execute(
            "INSERT INTO data_steps (name, applied_at) VALUES (?, ?)",
            (STEP, time_to_text(datetime.now(UTC))),
        )
    return True


def _done(conn: sqlite3.Connection) -> bool:
    if _SCHEMA_STEP not in applied_migrations(conn):
        return True  # a database kept at an older schema (tests make them): nothing to do
    return conn.execute("SELECT 1 FROM data_steps WHERE name = ?", (STEP,)).fetchone() is not None


def _rename(conn: sqlite3.Connection, pairs: list[tuple[str, str]]) -> None:
    """One pass over each table: a name of `pairs` becomes its id."""
    renamed = "WITH renamed (name, id) AS (VALUES " + ", ".join(["(?, ?)"] * len(pairs)) + ")"
    args = [part for pair in pairs for part in pair]

    def rename(table: str, column: str, *, keep_name: str = "", only: str = "") -> None:
        new_id = f"(SELECT id FROM renamed WHERE renamed.name = {table}.{column})"
        conn.execute(
            f"{renamed} UPDATE {table} SET {keep_name}{column} = {new_id}"
            f" WHERE {column} IN (SELECT name FROM renamed){only}",
            args,
        )

    # Only the rows from before 006 hold names: every later answer has a provider_name, and a
    # conversation with such an answer has its last provider's id (so this goes first).
    rename(
        "conversations",
        "last_provider",
        only=" AND NOT EXISTS (SELECT 1 FROM messages WHERE conversation_id = conversations.id"
        " AND provider_name IS NOT NULL)",
    )
    rename(
        "messages",
        "provider",
        keep_name="provider_name = provider, ",
        only=" AND provider_name IS NULL",
    )
    # The ledger (migration 005_ledger, where this build has it) records what messages.provider
    # held when it was built from the history: the names too.
    has_ledger = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger'"
    ).fetchone()
    if has_ledger is not None:
        rename("ledger", "provider")
