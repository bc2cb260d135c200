"""The index of short terms: search terms of one Chinese (or Japanese, Korean) character and of
two characters of any script, which the trigram index cannot answer (schema.py's `_FTS`). Most
Chinese words are two characters, so without it `鹦鹉` scanned every message (0.4 to 0.8 s at a
million messages).

Each message not streaming is indexed by its "short terms": every two adjacent letters or
digits (`鹦鹉`, `zq`, `4o`), and every single CJK character, lower-cased. They are computed by
a function of Tally's own, registered on each connection (register()), which the triggers call
as the trigram index's triggers do its tokenizer. The FTS5 table is contentless with detail=none
(it holds which messages have a term, not where), so it stays small; a hit is confirmed with
LIKE on the message itself, as the trigram search confirms short terms.

A history made before this index is filled from its newest message down, a batch at a time,
while the app runs (short_fill.py): `short_terms_state.filled_below` is the lowest message id
indexed so far, the triggers keep every message from there up in step, and search looks below
it the old way, with LIKE, until the fill reaches the first message.
"""

from __future__ import annotations

import re
import sqlite3

FUNCTION = "tally_short_terms"

_RUN = re.compile(r"[^\W_]+")
"""A run of letters and digits: where two-character terms are taken from."""

_CJK_START = "\u2e80"
"""From the CJK radicals on (CJK, kana, Hangul): a single character is a word of its own."""

_INDEXED = "(SELECT filled_below FROM short_terms_state)"

SHORT_TERMS = (
    "CREATE TABLE IF NOT EXISTS short_terms_state (filled_below INTEGER NOT NULL)",
    # Everything written before this step is below the mark, for short_fill.py to index.
    """INSERT INTO short_terms_state (filled_below)
        SELECT coalesce(max(id), 0) + 1 FROM messages
        WHERE NOT EXISTS (SELECT 1 FROM short_terms_state)""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS messages_short USING fts5 (
        terms, content = '', detail = none, tokenize = 'unicode61 remove_diacritics 0'
    )""",
    f"""CREATE TRIGGER IF NOT EXISTS messages_short_insert AFTER INSERT ON messages
        WHEN new.status <> 'streaming' AND new.id >= {_INDEXED} BEGIN
        INSERT INTO messages_short (rowid, terms) VALUES (new.id, {FUNCTION}(new.content));
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS messages_short_delete AFTER DELETE ON messages
        WHEN old.status <> 'streaming' AND old.id >= {_INDEXED} BEGIN
        INSERT INTO messages_short (messages_short, rowid, terms)
            VALUES ('delete', old.id, {FUNCTION}(old.content));
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS messages_short_update AFTER UPDATE OF content, status
        ON messages
        WHEN (old.status <> 'streaming' OR new.status <> 'streaming')
            AND (old.content IS NOT new.content OR old.status IS NOT new.status)
            AND new.id >= {_INDEXED} BEGIN
        INSERT INTO messages_short (messages_short, rowid, terms)
            SELECT 'delete', old.id, {FUNCTION}(old.content) WHERE old.status <> 'streaming';
        INSERT INTO messages_short (rowid, terms)
            SELECT new.id, {FUNCTION}(new.content) WHERE new.status <> 'streaming';
    END""",
)
"""The step that adds the index (schema.py's 007_short_terms)."""

TRIGGERS = ("messages_short_insert", "messages_short_delete", "messages_short_update")

REBUILD = (
    "DROP TABLE IF EXISTS messages_short",
    "DROP TABLE IF EXISTS short_terms_state",
    *SHORT_TERMS,
)
"""For a build with FTS5 that finds the index or its triggers missing (a build without FTS5
wrote meanwhile): the index starts again from empty, to be filled from the newest message."""


def short_terms(text: str | None) -> str:
    """The short terms of a message's text, each once, separated by spaces."""
    if not text:
        return ""
    terms: set[str] = set()
    for run in _RUN.findall(text.lower()):
        terms.update(run[i : i + 2] for i in range(len(run) - 1))
        terms.update(c for c in run if c >= _CJK_START)
    return " ".join(terms)


def register(conn: sqlite3.Connection) -> None:
    """Give the connection the function the triggers call (every connection that writes
    messages needs it; a reader's is harmless)."""
    conn.create_function(FUNCTION, 1, short_terms, deterministic=True)


def term_of(term: str) -> str | None:
    """The index's term for a search term it can answer (two letters or digits, or one CJK
    character), else None."""
    folded = term.lower()
    if len(folded) == 2 and _RUN.fullmatch(folded):
        return folded
    if len(folded) == 1 and folded >= _CJK_START and _RUN.fullmatch(folded):
        return folded
    return None


def filled_below(conn: sqlite3.Connection) -> int | None:
    """The lowest message id the index holds from (1: all of them), or None when this history
    has no index of short terms (no FTS5, or a database from before it)."""
    try:
        row = conn.execute("SELECT filled_below FROM short_terms_state").fetchone()
    except sqlite3.OperationalError:  # no such table
        return None
    return None if row is None else int(row[0])
