"""The history database file: connection settings, the schema as ordered named migrations, and
the full-text index that follows the messages table.

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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.core.errors import HistoryVersionError
from desktop_app.core.files import private_file
from desktop_app.core.history import attachment_rows, short_terms
from desktop_app.core.text.messages import t

BUSY_TIMEOUT_MS = 5000
"""How long a write waits for another connection's (the GUI and `tally ask` share the file)."""


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema: its statements run in order, in the upgrade's transaction."""

    name: str
    statements: tuple[str, ...]
    needs_fts: bool = False
    """Run only when the store uses FTS5; recorded either way, and ensure_search_index() adds
    the index on a later open by a build that has FTS5."""


_INITIAL = (
    """CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0,
        archived INTEGER NOT NULL DEFAULT 0,
        last_provider TEXT,
        last_model TEXT,
        deleted_at TEXT
    )""",
    # The list: pinned first, newest first, of the conversations not deleted. `id` makes the
    # order total, so the index gives the ORDER BY as it is, with no sorting.
    """CREATE INDEX conversations_list ON conversations (archived, pinned, updated_at, id)
        WHERE deleted_at IS NULL""",
    "CREATE INDEX conversations_deleted ON conversations (deleted_at) WHERE deleted_at IS NOT NULL",
    # Small columns first and the long texts last: reading a row's usage or status then never
    # follows the overflow pages of a long answer. No CHECK constraints on role or status:
    # SQLite cannot change one without copying the table, and the store validates both.
    # AUTOINCREMENT: an id is never reused after delete_messages_from(), so ids stay in the order
    # the messages were written (search ranks by it) and a stale id never names another message.
    """CREATE TABLE messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        status TEXT NOT NULL,
        provider TEXT,
        model TEXT,
        created_at TEXT NOT NULL,
        input_tokens INTEGER,
        output_tokens INTEGER,
        cached_input_tokens INTEGER,
        reasoning_tokens INTEGER,
        usage_source TEXT,
        cost_usd TEXT,
        first_token_seconds REAL,
        duration_seconds REAL,
        error TEXT,
        content TEXT NOT NULL DEFAULT '',
        reasoning TEXT NOT NULL DEFAULT ''
    )""",
    # Opening a conversation (its messages in order) and the cascade from conversations.
    "CREATE INDEX messages_by_conversation ON messages (conversation_id, id)",
    # mark_interrupted() at start-up reads this tiny index, never the whole table.
    "CREATE INDEX messages_streaming ON messages (id) WHERE status = 'streaming'",
)

# The full-text index. External content (content='messages'): the text is stored once, in
# messages, and the FTS5 table holds only the index. Tokenizer `trigram`: every run of three
# characters is a token, so a query matches any substring of 3+ characters, which is what
# Chinese and Japanese need (no spaces between words; unicode61 would make a whole sentence one
# token) and works as well for English, code and URLs. The price: an index about 2.7 times the
# size of the text (docs/performance.md), and terms under 3 characters go through LIKE.
# A message is indexed once it is no longer "streaming": an answer rewritten once a second while
# it arrives would otherwise have its whole text removed from and added to the index each time.
# One update trigger does both the removal and the addition, in that order.
_FTS = (
    """CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5 (
        content, content = 'messages', content_rowid = 'id', tokenize = 'trigram'
    )""",
    """CREATE TRIGGER IF NOT EXISTS messages_fts_insert AFTER INSERT ON messages
        WHEN new.status <> 'streaming' BEGIN
        INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
    END""",
    """CREATE TRIGGER IF NOT EXISTS messages_fts_delete AFTER DELETE ON messages
        WHEN old.status <> 'streaming' BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content)
            VALUES ('delete', old.id, old.content);
    END""",
    """CREATE TRIGGER IF NOT EXISTS messages_fts_update AFTER UPDATE OF content, status ON messages
        WHEN (old.status <> 'streaming' OR new.status <> 'streaming')
            AND (old.content IS NOT new.content OR old.status IS NOT new.status) BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content)
            SELECT 'delete', old.id, old.content WHERE old.status <> 'streaming';
        INSERT INTO messages_fts (rowid, content)
            SELECT new.id, new.content WHERE new.status <> 'streaming';
    END""",
    # Index what is already there (a database upgraded from 001_initial, or one written while
    # the index was off); an external-content table is emptied with 'delete-all'.
    "INSERT INTO messages_fts (messages_fts) VALUES ('delete-all')",
    """INSERT INTO messages_fts (rowid, content)
        SELECT id, content FROM messages WHERE status <> 'streaming'""",
)
_FTS_TRIGGERS = ("messages_fts_insert", "messages_fts_delete", "messages_fts_update")

BILLED_ANSWER = "role = 'assistant' AND (usage_source IS NOT NULL OR cost_usd IS NOT NULL)"
"""An answer that was billed (it has usage or a cost): the rows 005_ledger copies."""

# Spending per day and month read the billed answers of a range of times here until 005_ledger
# gave them a table of their own (and dropped this index, which every answer's write kept up).
_SPENDING = (
    "CREATE INDEX messages_spending ON messages (created_at, usage_source, cost_usd)"
    f" WHERE {BILLED_ANSWER}",
)

LEDGER_FROM_MESSAGES = f"""INSERT INTO ledger (message_id, conversation_id, provider, model,
            created_at, usage_source, cost_usd, input_tokens, cached_input_tokens, output_tokens,
            reasoning_tokens, cache_write_tokens)
        SELECT id, conversation_id, provider, model, created_at, usage_source, cost_usd,
            coalesce(input_tokens, 0), coalesce(cached_input_tokens, 0),
            coalesce(output_tokens, 0), coalesce(reasoning_tokens, 0),
            coalesce(cache_write_tokens, 0)
        FROM messages WHERE {BILLED_ANSWER}
            AND coalesce(provider, '') NOT IN ('demo', 'Demo (offline, simulated answers)')"""
"""The ledger's rows of the billed answers in `messages`, deleted conversations' included: how
005_ledger filled it (and how a benchmark bills a generated history). The offline demo's answers
were never money: its provider is known by its id or, as answers stored it until then, by its
name (written out: a released step never changes, whatever the demo is called later)."""

# The ledger: one row per billed answer, what spending, budgets and the meter count. Spent is
# spent: the row outlives its message, so it has no foreign key (no cascade from a purge) and
# `message_id` names a message that may be gone (AUTOINCREMENT never gives its id again). Token
# counts are kept one by one, as events.Usage normalizes them, for re-pricing (a row's input
# count is its prompt, which puts it in a prompt-length band). Costs are exact decimal text,
# NULL when the price was unknown.
_LEDGER = (
    """CREATE TABLE ledger (
        message_id INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        provider TEXT,
        model TEXT,
        created_at TEXT NOT NULL,
        usage_source TEXT,
        cost_usd TEXT,
        input_tokens INTEGER NOT NULL DEFAULT 0,
        cached_input_tokens INTEGER NOT NULL DEFAULT 0,
        output_tokens INTEGER NOT NULL DEFAULT 0,
        reasoning_tokens INTEGER NOT NULL DEFAULT 0,
        cache_write_tokens INTEGER NOT NULL DEFAULT 0
    )""",
    # Totals of a range of times (today, the month, each day) and of a conversation are read
    # from these indexes alone, never from the table (docs/performance.md).
    "CREATE INDEX ledger_by_time ON ledger (created_at, usage_source, cost_usd)",
    "CREATE INDEX ledger_by_conversation"
    " ON ledger (conversation_id, created_at, usage_source, cost_usd)",
    LEDGER_FROM_MESSAGES,
    "DROP INDEX IF EXISTS messages_spending",
)

# Providers are recorded by id, which a rename leaves alone, with the name they had when they
# answered beside it. Rows from before this step hold that name in `provider` and NULL in
# `provider_name`: turning those names into ids needs the providers file, so it is a data step
# (history/provider_ids.py) run once the providers are read, and recorded in `data_steps`.
_PROVIDER_IDS = (
    "ALTER TABLE messages ADD COLUMN provider_name TEXT",
    "CREATE TABLE data_steps (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
)

PARENTS_FROM_ORDER = """UPDATE messages SET parent_id = (SELECT max(before.id)
        FROM messages AS before
        WHERE before.conversation_id = messages.conversation_id AND before.id < messages.id)
    WHERE parent_id IS NULL"""
"""Each message without a parent follows the one written before it in its conversation: how
009_message_tree made a line of every conversation (and how a benchmark links a generated
history). One look-up of messages_by_conversation per message."""

# Every message names the one it answers or follows (NULL: a first message); the versions of a
# message share its parent. No foreign key: ids are never given again (AUTOINCREMENT), and a
# conversation's messages go together (the cascade from conversations). A conversation shows the
# path that ends at `current_id` (NULL: at its newest message); a branch names the conversation
# it was made from in `branched_from`.
_MESSAGE_TREE = (
    "ALTER TABLE messages ADD COLUMN parent_id INTEGER",
    "ALTER TABLE conversations ADD COLUMN current_id INTEGER",
    "ALTER TABLE conversations ADD COLUMN branched_from TEXT",
    PARENTS_FROM_ORDER,
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration("001_initial", _INITIAL),
    Migration("002_fts_search", _FTS, needs_fts=True),
    Migration("003_spending_index", _SPENDING),
    # Anthropic bills writes to its prompt cache apart (1.25x input): their count is kept.
    Migration(
        "004_cache_write_tokens", ("ALTER TABLE messages ADD COLUMN cache_write_tokens INTEGER",)
    ),
    Migration("005_ledger", _LEDGER),
    Migration("006_provider_ids", _PROVIDER_IDS),
    # Terms of one CJK character or two characters, which the trigram index cannot answer.
    Migration("007_short_terms", short_terms.SHORT_TERMS, needs_fts=True),
    # Word pairs in the same index, for phrases of common words: it starts again from empty
    # (its tokenizer keeps the `_` of a pair) and the app fills it from the newest message.
    Migration("008_word_pairs", short_terms.REBUILD, needs_fts=True),
    # Regenerate and Edit add versions beside a message instead of replacing it.
    Migration("009_message_tree", _MESSAGE_TREE),
    # Files attached to questions, as BLOBs in this file (attachment_rows.py says why).
    Migration("010_attachments", attachment_rows.ATTACHMENTS),
    # A conversation remembers the assistant it was started with, by name, and the parameters
    # it asks with, as JSON (history/conversation_parameters.py); NULL: plain chat.
    Migration(
        "011_assistants",
        (
            "ALTER TABLE conversations ADD COLUMN assistant TEXT",
            "ALTER TABLE conversations ADD COLUMN parameters TEXT",
        ),
    ),
    # An answer names the routing rule that picked its model, and the answer it is a stronger
    # version of (history/answer_origins.py); NULL: the user picked, nothing escalated.
    Migration(
        "012_routing",
        (
            "ALTER TABLE messages ADD COLUMN rule TEXT",
            "ALTER TABLE messages ADD COLUMN escalated_from INTEGER",
            # Whether an answer was escalated: a look-up by its id in a tiny partial index.
            "CREATE INDEX messages_escalated ON messages (escalated_from)"
            " WHERE escalated_from IS NOT NULL",
        ),
    ),
)


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
        ("002_fts_search", "messages_fts", _FTS_TRIGGERS, _FTS)
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
