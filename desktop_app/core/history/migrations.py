"""The steps of the history's schema, in order: each a name and the statements it runs
(schema.py applies those a database lacks). Steps are never edited once released: a change of
schema is a new step at the end of MIGRATIONS."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.history import attachment_rows, short_terms


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
FTS = (
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
FTS_TRIGGERS = ("messages_fts_insert", "messages_fts_delete", "messages_fts_update")

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
    Migration("002_fts_search", FTS, needs_fts=True),
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
