"""A conversation's messages as a tree: each names its parent, versions share one, and the
conversation shows one path from a first message down to its current message. The functions
that take a connection write the tree for HistoryStore, in the transaction of its method."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from desktop_app.core.history import attachment_rows
from desktop_app.core.history.bulk import INSERT_MESSAGE, INSERT_MESSAGE_BEFORE_TREE, row_of
from desktop_app.core.history.records import UNSET, MessageRecord, Unset
from desktop_app.core.history.rows import MESSAGE_COLUMNS, message_from_row
from desktop_app.core.history.schema import keeps_origins


def path_to(messages: Sequence[MessageRecord], leaf: int | None) -> list[MessageRecord]:
    """The messages from a first one down to the one with id `leaf`, in order; with no such
    message (None, or a stale id), the path to the newest message."""
    by_id = {message.id: message for message in messages}
    end = by_id.get(leaf) if leaf is not None else None
    if end is None:
        if not messages:
            return []
        end = max(messages, key=lambda message: message.id)
    path: list[MessageRecord] = []
    seen: set[int] = set()
    node: MessageRecord | None = end
    while node is not None and node.id not in seen:  # a loop in a damaged file ends here
        seen.add(node.id)
        path.append(node)
        node = by_id.get(node.parent_id) if node.parent_id is not None else None
    path.reverse()
    return path


_NEWEST_ANSWER_ON_PATH = """WITH RECURSIVE up (id, parent_id, role, provider, model, depth) AS (
        SELECT id, parent_id, role, provider, model, 0 FROM messages WHERE id = ?
        UNION ALL
        SELECT m.id, m.parent_id, m.role, m.provider, m.model, up.depth + 1
        FROM messages AS m JOIN up ON m.id = up.parent_id
    )
    SELECT provider, model FROM up
    WHERE role = 'assistant' AND (provider IS NOT NULL OR model IS NOT NULL)
    ORDER BY depth LIMIT 1"""
"""The provider and model of the newest answer on the path up from a message."""


def _follow_newest_answer(conn: sqlite3.Connection, conversation_id: str, message_id: int) -> None:
    """The conversation's last provider and model become those of the newest answer on the
    path up from `message_id`, if there is one."""
    answered = conn.execute(_NEWEST_ANSWER_ON_PATH, (message_id,)).fetchone()
    if answered is not None:
        conn.execute(
            "UPDATE conversations SET last_provider = ?, last_model = ? WHERE id = ?",
            (*answered, conversation_id),
        )


def current_message(conn: sqlite3.Connection, conversation_id: str) -> int | None:
    """The message a conversation shows last: the one it names, else its newest."""
    row = conn.execute(
        "SELECT coalesce(current_id, (SELECT max(id) FROM messages WHERE conversation_id = ?1))"
        " FROM conversations WHERE id = ?1",
        (conversation_id,),
    ).fetchone()
    return None if row is None else row[0]


def insert_message(
    conn: sqlite3.Connection,
    conversation_id: str,
    values: tuple[object, ...],
    *,
    parent_id: int | Unset | None,
    current: bool,
    tree: bool,
) -> int:
    """Insert a message's row (message_row()'s, whose parent is left out) under `parent_id`
    (UNSET: the conversation's current message), and unless `current` is false make it the
    message the conversation shows last; returns its id. `tree`: the messages name their
    parents (a history from before 009_message_tree gets neither)."""
    if not tree:  # a history as an older version wrote it (tests make them)
        cursor = conn.execute(INSERT_MESSAGE_BEFORE_TREE, values[:-1])
    else:
        parent = current_message(conn, conversation_id) if parent_id is UNSET else parent_id
        cursor = conn.execute(INSERT_MESSAGE, (*values[:-1], parent))
    if current and tree:
        conn.execute(
            "UPDATE conversations SET current_id = ? WHERE id = ?",
            (cursor.lastrowid, conversation_id),
        )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def set_current(conn: sqlite3.Connection, conversation_id: str, message_id: int) -> None:
    """The conversation shows the path that ends at `message_id` (KeyError when the message
    is not one of its), and follows the newest answer on that path."""
    cursor = conn.execute(
        "UPDATE conversations SET current_id = ?1 WHERE id = ?2 AND EXISTS"
        " (SELECT 1 FROM messages WHERE id = ?1 AND conversation_id = ?2)",
        (message_id, conversation_id),
    )
    if cursor.rowcount == 0:
        raise KeyError(message_id)
    _follow_newest_answer(conn, conversation_id, message_id)


def path_in(conn: sqlite3.Connection, conversation_id: str, message_id: int) -> list[MessageRecord]:
    """The conversation's messages from a first one down to `message_id`, in order; KeyError
    when the conversation has no such message."""
    rows = conn.execute(
        f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY id",
        (conversation_id,),
    ).fetchall()
    path = path_to([message_from_row(row) for row in rows], message_id)
    if not path or path[-1].id != message_id:
        raise KeyError(message_id)
    return path


def copy_path(
    conn: sqlite3.Connection,
    path: Sequence[MessageRecord],
    branch_id: str,
    origin_id: str,
    *,
    attached: bool,
) -> None:
    """Copy a path (path_in()'s) into the empty conversation `branch_id`, which then shows the
    copies and names `origin_id` as the one it branched from. Each copy keeps the routing rule
    of its original, and its files where the history keeps them (`attached`)."""
    parent: int | None = None
    copies: list[tuple[int, int]] = []  # (original, copy)
    for record in path:
        values = row_of(branch_id, record, parent)
        parent = conn.execute(INSERT_MESSAGE, values).lastrowid
        assert parent is not None
        copies.append((record.id, parent))
        if attached:
            attachment_rows.copy_attachments(conn, record.id, parent)
    if keeps_origins(conn):
        conn.executemany(
            "UPDATE messages SET rule = (SELECT rule FROM messages WHERE id = ?) WHERE id = ?",
            copies,
        )
    conn.execute(
        "UPDATE conversations SET current_id = ?, branched_from = ? WHERE id = ?",
        (parent, origin_id, branch_id),
    )
    assert parent is not None  # the path is not empty
    _follow_newest_answer(conn, branch_id, parent)  # the newest answer copied's model
