"""The index of short terms and word pairs: search terms the trigram index (migrations.py's `FTS`)
cannot answer, or answers slowly.

- Terms of one Chinese (or Japanese, Korean) character and of two characters of any script,
  which a trigram index cannot hold. Most Chinese words are two characters, so without it
  `鹦鹉` scanned every message (0.4 to 0.8 s at a million messages).
- Phrases of common words (`"at the end of the"`): every trigram of such a phrase is in most
  messages, so the trigram index walks the positions of nearly all of them before it can say
  that none holds the phrase (150 to 500 ms at a million messages). Two adjacent words, taken
  together, are far rarer than either.

Each message not streaming is indexed by its terms: every two adjacent letters or digits
(`鹦鹉`, `zq`, `4o`), every single CJK character, and every two adjacent words joined by `_`
(`the_end`, `the_pri` for "the price": the first word cut to PAIR_WORD characters, the second
to its first PAIR_HEAD), all lower-cased. They are computed by a
function of Tally's own, registered on each connection (register()), which the triggers call as
the trigram index's triggers do its tokenizer. The FTS5 table is contentless with detail=none
(it holds which messages have a term, not where), so it stays small; a hit is confirmed on the
message itself, by LIKE or by the trigram index.

A history made before this index (or before its word pairs, 008_word_pairs) is filled from its
newest message down, a batch at a time, while the app runs (short_fill.py):
`short_terms_state.filled_below` is the lowest message id indexed so far, the triggers keep
every message from there up in step, and search looks below it the old way until the fill
reaches the first message.
"""

from __future__ import annotations

import itertools
import re
import sqlite3

FUNCTION = "tally_short_terms"
CONTAINS = "tally_contains"
"""contains(text, term): whether the text holds the term, both lower-cased as the terms are."""

_RUN = re.compile(r"[^\W_]+")
"""A run of letters and digits: where two-character terms are taken from."""

_CJK_START = "\u2e80"
"""From the CJK radicals on (CJK, kana, Hangul): a single character is a word of its own."""

PAIR_WORD = 16
"""Characters of its first word a word pair keeps: a run of CJK text (no spaces) is one word."""
PAIR_HEAD = 3
"""Characters of its second word a word pair keeps: a phrase's last word may be the start of a
longer one ("of the" is in "of them"), and the pair's term is still that of the text (`of_the`)
when the phrase holds at least this much of it; no prefix query (`of_the*`) is needed, which
FTS5 answers by reading every matching term in full."""

_PAIR = "_"
"""Joins the words of a pair; a separator between words of the text, never inside one."""

_INDEXED = "(SELECT filled_below FROM short_terms_state)"

SHORT_TERMS = (
    "CREATE TABLE IF NOT EXISTS short_terms_state (filled_below INTEGER NOT NULL)",
    # Everything written before this step is below the mark, for short_fill.py to index.
    """INSERT INTO short_terms_state (filled_below)
        SELECT coalesce(max(id), 0) + 1 FROM messages
        WHERE NOT EXISTS (SELECT 1 FROM short_terms_state)""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS messages_short USING fts5 (
        terms, content = '', detail = none,
        tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
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
"""The step that adds the index (migrations.py's 007_short_terms)."""

TRIGGERS = ("messages_short_insert", "messages_short_delete", "messages_short_update")

REBUILD = (
    "DROP TABLE IF EXISTS messages_short",
    "DROP TABLE IF EXISTS short_terms_state",
    *SHORT_TERMS,
)
"""For a build with FTS5 that finds the index or its triggers missing (a build without FTS5
wrote meanwhile): the index starts again from empty, to be filled from the newest message."""


def short_terms(text: str | None) -> str:
    """The terms of a message's text (short terms and word pairs), each once, separated by
    spaces."""
    if not text:
        return ""
    terms: set[str] = set()
    runs = _RUN.findall(text.lower())
    for run in set(runs):  # a long answer says most words many times: each is read once
        terms.update(run[i : i + 2] for i in range(len(run) - 1))
        terms.update(c for c in run if c >= _CJK_START)
    terms.update(map(_pair, runs, runs[1:]))
    return " ".join(terms)


def register(conn: sqlite3.Connection) -> None:
    """Give the connection the function the triggers call (every connection that writes
    messages needs it; a reader's is harmless)."""
    conn.create_function(FUNCTION, 1, short_terms, deterministic=True)
    conn.create_function(CONTAINS, 2, contains, deterministic=True)


def contains(text: str | None, term: str) -> bool:
    """Whether `text` holds `term`, case-insensitively in any script, as the trigram index
    matches (LIKE folds only ASCII): how a word pair's candidates are confirmed."""
    return text is not None and term.lower() in text.lower()


def term_of(term: str) -> str | None:
    """The index's term for a search term it can answer (two letters or digits, or one CJK
    character), else None."""
    folded = term.lower()
    if len(folded) == 2 and _RUN.fullmatch(folded):
        return folded
    if len(folded) == 1 and folded >= _CJK_START and _RUN.fullmatch(folded):
        return folded
    return None


def pairs_of(phrase: str) -> tuple[list[str], str | None]:
    """The word pairs every message holding `phrase` has, and, when there is none, a prefix of
    one: in "at the end of the", `the_end`, `end_of` and `of_the` (also the pair of "of them");
    in "the answer is", the prefix `answer_is` (its last word is shorter than PAIR_HEAD, and may
    be the start of "isn't"). The first word may be the end of a longer one ("that"), so it is
    in no pair unless something that is not a letter or digit comes before it."""
    folded = phrase.lower()
    spans = [(m.start(), m.group()) for m in _RUN.finditer(folded)]
    whole: list[str] = []
    prefix = None
    for index, ((start, first), (_, second)) in enumerate(itertools.pairwise(spans)):
        if index == 0 and start == 0:
            continue  # "at" of "at the end" may be the end of "that"
        last = index + 2 == len(spans)
        if last and _RUN.fullmatch(folded[-1]) and len(second) < PAIR_HEAD:
            prefix = _pair(first, second)
        else:
            whole.append(_pair(first, second))
    return whole, None if whole else prefix


def _pair(first: str, second: str) -> str:
    return first[:PAIR_WORD] + _PAIR + second[:PAIR_HEAD]


def filled_below(conn: sqlite3.Connection) -> int | None:
    """The lowest message id the index holds from (1: all of them), or None when this history
    has no index of short terms (no FTS5, or a database from before it)."""
    try:
        row = conn.execute("SELECT filled_below FROM short_terms_state").fetchone()
    except sqlite3.OperationalError:  # no such table
        return None
    return None if row is None else int(row[0])
