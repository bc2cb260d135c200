"""Full-text search over the history: any typed text becomes a safe query, never raw FTS5 syntax.

The index is an FTS5 table with the `trigram` tokenizer (see migrations.py), so a term
matches wherever it occurs as a substring of 3 or more characters, in any script: Chinese,
which has no spaces between words, as well as English, code and URLs. That is also exactly
what `LIKE '%term%'` means, so the fallback without FTS5 finds the same messages (for ASCII;
LIKE folds only ASCII case). Terms shorter than 3 characters cannot use a trigram index: they
are checked with LIKE, on the rows the longer terms matched; when no term is 3 characters long,
the index of short terms (short_terms.py: one CJK character, or two letters or digits) finds
the candidates, and only a term it cannot answer ("a", "c#") makes LIKE read every message.

Results are the newest first by message id (the order messages were written), not by bm25:
the FTS5 table then walks its index from the highest rowid down and stops at the limit, so a
common term costs no more than a rare one.

A message is also found by the names of the files attached to it, when each term is in one
of its files' names or in its text and at least one is in a name (_by_file_name: "invoice
march" finds the question that says "march" and attaches invoice.pdf); those hits join the
others in the same newest-first order.
"""

from __future__ import annotations

import re
import sqlite3

from desktop_app.core.history import short_terms
from desktop_app.core.history.records import SearchHit
from desktop_app.core.history.schema import time_from_text

MAX_QUERY_LENGTH = 300
"""Characters of a query that are used; the rest of a pasted paragraph is ignored (the first
300 characters still find the message it came from)."""

MIN_INDEXED_LENGTH = 3
"""The trigram tokenizer indexes runs of 3 characters: shorter terms go through LIKE."""

SNIPPET_LENGTH = 64
"""About how many characters of a message a snippet shows (a trigram token per character;
64 is the most FTS5 snippet() allows)."""

OPEN, CLOSE, ELLIPSIS = "[[", "]]", "…"

_TERM = re.compile(r'"([^"]*)"|([^\s"]+)')


def query_terms(query: str) -> list[str]:
    """The terms of a typed query: "quoted phrases" and whitespace-separated words, each
    once, leaving out those contained in another. A lone double quote is dropped; nothing
    else in the text has a meaning of its own."""
    text = query[:MAX_QUERY_LENGTH].replace("\x00", " ")
    # A lone surrogate (from a broken paste) cannot be encoded for SQLite.
    text = text.encode("utf-8", "replace").decode("utf-8")
    terms: list[str] = []
    for match in _TERM.finditer(text):
        phrase, word = match.groups()
        term = " ".join(phrase.split()) if phrase is not None else word
        if term and term not in terms:
            terms.append(term)
    # A term inside another one adds nothing (every term is a substring match) but costs a
    # walk of its matches: "the the the …" would otherwise AND the same long list many times.
    return [t for t in terms if not any(t != other and t in other for other in terms)]


def match_expression(terms: list[str]) -> str:
    """An FTS5 MATCH expression: every term as a quoted phrase, all of them required."""
    return " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)


def like_pattern(term: str) -> str:
    r"""`%term%` with LIKE's own wildcards escaped (used with ESCAPE '\')."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(
    conn: sqlite3.Connection, query: str, *, limit: int, use_fts: bool, names: bool = False
) -> list[SearchHit]:
    """The newest messages that contain every term of `query`, at most `limit` of them; with
    `names` (the history keeps attached files), also those with a file whose name does."""
    terms = query_terms(query)
    if not terms or limit <= 0:
        return []
    hits = _by_content(conn, terms, limit, use_fts)
    if not names:
        return hits
    named = _by_file_name(conn, terms, limit)
    if not named:
        return hits
    found = {hit.message_id for hit in hits}
    hits += [hit for hit in named if hit.message_id not in found]
    hits.sort(key=lambda hit: hit.message_id, reverse=True)
    return hits[:limit]


def _by_content(
    conn: sqlite3.Connection, terms: list[str], limit: int, use_fts: bool
) -> list[SearchHit]:
    """The newest messages whose text holds every term."""
    indexed = [t for t in terms if len(t) >= MIN_INDEXED_LENGTH] if use_fts else []
    checked = [t for t in terms if t not in indexed]
    like_sql = "".join(" AND m.content LIKE ? ESCAPE '\\'" for _ in checked)
    like_args = [like_pattern(t) for t in checked]
    short = [short_terms.term_of(t) for t in checked] if use_fts else []
    pairs = _pairs([t for t in indexed if " " in t])
    below = short_terms.filled_below(conn) if (pairs or short) and all(short) else None
    if indexed and (below is None or not pairs):
        return _trigram(conn, indexed, like_sql, like_args, limit)
    if below is None:
        return _snipped(_scanned(conn, like_sql, like_args, limit), checked)
    # The index of short terms and word pairs finds the candidates; each is confirmed on its
    # text: "the_end" is also in "the end. Of", a term of two letters is in "a zq" and "az q"
    # alike. (Through the trigram index, `MATCH ? AND rowid = m.id`, a confirmation took 10 ms:
    # FTS5 reads a common trigram's positions from the start.) Below its mark, the old way.
    found = " AND ".join(filter(None, [match_expression([t for t in short if t]), *pairs]))
    sql = (
        "SELECT m.id, m.conversation_id, c.title, m.content, m.created_at"
        " FROM messages_short"
        " CROSS JOIN messages AS m ON m.id = messages_short.rowid"
        " CROSS JOIN conversations AS c ON c.id = m.conversation_id"
        f" WHERE messages_short MATCH ? AND c.deleted_at IS NULL{like_sql}"
    )
    args: list[object] = [found, *like_args]
    for term in indexed:
        sql += f" AND {short_terms.CONTAINS}(m.content, ?)"
        args.append(term)
    sql += " ORDER BY messages_short.rowid DESC LIMIT ?"
    hits = _snipped(conn.execute(sql, [*args, limit]).fetchall(), terms)
    if len(hits) < limit and below > 1:
        if indexed:
            hits += _trigram(conn, indexed, like_sql, like_args, limit - len(hits), below=below)
        else:
            rest = _scanned(conn, like_sql, like_args, limit - len(hits), below=below)
            hits += _snipped(rest, checked)
    return hits


def _by_file_name(conn: sqlite3.Connection, terms: list[str], limit: int) -> list[SearchHit]:
    """The newest messages with an attached file whose name holds a term, and each term in a
    name of their files or in their text; a matching name as the snippet. LIKE reads the index
    of names (message id, name), not the table, from the newest message down, and stops at the
    limit: attached files are far fewer than messages, and their names short
    (docs/performance.md, "Attachments"); the text is read only for the messages it finds."""
    numbers = range(1, len(terms) + 1)  # ?n: the n-th term's pattern
    any_name = " OR ".join(f"a.name LIKE ?{n} ESCAPE '\\'" for n in numbers)
    each_term = "".join(
        f" AND (EXISTS (SELECT 1 FROM attachments AS b WHERE b.message_id = m.id"
        f" AND b.name LIKE ?{n} ESCAPE '\\') OR m.content LIKE ?{n} ESCAPE '\\')"
        for n in numbers
    )
    sql = (
        "SELECT m.id, m.conversation_id, c.title, a.name, m.created_at"
        " FROM attachments AS a INDEXED BY attachments_by_name"
        " CROSS JOIN messages AS m ON m.id = a.message_id"
        " CROSS JOIN conversations AS c ON c.id = m.conversation_id"
        f" WHERE ({any_name}) AND c.deleted_at IS NULL{each_term}"
        f" GROUP BY a.message_id ORDER BY a.message_id DESC LIMIT ?{len(terms) + 1}"
    )
    patterns = [like_pattern(t) for t in terms]
    rows = conn.execute(sql, [*patterns, limit]).fetchall()
    return _snipped(rows, terms)


def _pairs(phrases: list[str]) -> list[str]:
    """The word pairs (short_terms.pairs_of) of the phrases, as FTS5 query terms; a phrase's
    prefix pair (`"answer_is" *`) only when no phrase has a whole one, since FTS5 reads every
    term of a prefix in full before it answers."""
    whole: list[str] = []
    prefixes: list[str] = []
    for phrase in phrases:
        exact, prefix = short_terms.pairs_of(phrase)
        whole += exact
        prefixes += [] if prefix is None else [prefix]
    if whole:
        return ['"' + pair + '"' for pair in dict.fromkeys(whole)]
    return ['"' + pair + '" *' for pair in dict.fromkeys(prefixes)]


def _trigram(
    conn: sqlite3.Connection,
    indexed: list[str],
    like_sql: str,
    like_args: list[str],
    limit: int,
    *,
    below: int | None = None,
) -> list[SearchHit]:
    """The newest messages (with an id under `below`) that the trigram index finds for the
    terms of 3 characters or more, the shorter ones confirmed with LIKE."""
    under = "" if below is None else " AND messages_fts.rowid < ?"
    # CROSS JOIN keeps the FTS table as the outer loop, so that its rowid order serves the
    # ORDER BY and the walk stops after `limit` rows (no temporary b-tree over all matches).
    sql = (
        "SELECT m.id, m.conversation_id, c.title,"
        f" snippet(messages_fts, 0, '{OPEN}', '{CLOSE}', '{ELLIPSIS}', {SNIPPET_LENGTH}),"
        " m.created_at"
        " FROM messages_fts"
        " CROSS JOIN messages AS m ON m.id = messages_fts.rowid"
        " CROSS JOIN conversations AS c ON c.id = m.conversation_id"
        f" WHERE messages_fts MATCH ?{under} AND c.deleted_at IS NULL{like_sql}"
        " ORDER BY messages_fts.rowid DESC LIMIT ?"
    )
    args: list[object] = [match_expression(indexed)]
    args += [] if below is None else [below]
    rows = conn.execute(sql, [*args, *like_args, limit]).fetchall()
    return [_hit(*row) for row in rows]


def _scanned(
    conn: sqlite3.Connection,
    like_sql: str,
    like_args: list[str],
    limit: int,
    *,
    below: int | None = None,
) -> list[tuple[int, str, str, str, str]]:
    """The newest messages (with an id under `below`) that LIKE finds, reading each one."""
    # Streaming answers are left out, as they are of the index (see migrations.py).
    under = "" if below is None else " AND m.id < ?"
    sql = (
        "SELECT m.id, m.conversation_id, c.title, m.content, m.created_at"
        " FROM messages AS m CROSS JOIN conversations AS c ON c.id = m.conversation_id"
        f" WHERE m.status <> 'streaming' AND c.deleted_at IS NULL{under}{like_sql}"
        " ORDER BY m.id DESC LIMIT ?"
    )
    args: list[object] = [] if below is None else [below]
    return list(conn.execute(sql, [*args, *like_args, limit]).fetchall())


def _snipped(rows: list[tuple[int, str, str, str, str]], terms: list[str]) -> list[SearchHit]:
    """Hits of rows that carry the message's text, each with a snippet made in Python."""
    return [_hit(i, c, t, like_snippet(text, terms), at) for i, c, t, text, at in rows]


def like_snippet(content: str, terms: list[str]) -> str:
    """A snippet made in Python, shaped like FTS5's: a window around the first match, the
    matches in it wrapped in [[ ]], and … where the text was cut."""
    spans = _match_spans(content, terms)
    if not spans:
        return content[:SNIPPET_LENGTH] + (ELLIPSIS if len(content) > SNIPPET_LENGTH else "")
    start = max(0, spans[0][0] - SNIPPET_LENGTH // 4)
    end = max(start + SNIPPET_LENGTH, spans[0][1])
    parts = [ELLIPSIS] if start > 0 else []
    position = start
    for span_start, span_end in spans:
        if span_start >= end:
            break
        end = max(end, span_end)  # a match is never cut; the next one starts after it
        parts += [content[position:span_start], OPEN, content[span_start:span_end], CLOSE]
        position = span_end
    parts.append(content[position:end])
    if end < len(content):
        parts.append(ELLIPSIS)
    return "".join(parts)


def _match_spans(content: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the terms occur, case-insensitively, sorted, overlapping ones merged."""
    found = sorted(
        (m.start(), m.end())
        for term in terms
        for m in re.finditer(re.escape(term), content, re.IGNORECASE)
    )
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _hit(message_id: int, conversation_id: str, title: str, snippet: str, at: str) -> SearchHit:
    return SearchHit(
        conversation_id=conversation_id,
        conversation_title=title,
        message_id=message_id,
        snippet=snippet,
        created_at=time_from_text(at),
    )


def ids_starting_with(conn: sqlite3.Connection, prefix: str, *, limit: int = 2) -> list[str]:
    """The ids of conversations (not deleted) that start with `prefix`, such as the 8
    characters an export's file name holds; through the primary key's index, at most `limit`."""
    rows = conn.execute(
        "SELECT id FROM conversations WHERE id >= ? AND id < ? AND deleted_at IS NULL"
        " ORDER BY id LIMIT ?",
        (prefix, prefix + "\U0010ffff", limit),
    )
    return [row[0] for row in rows]
