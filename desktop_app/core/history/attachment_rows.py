"""Files attached to messages, kept in the history file itself: their bytes once per content
(by SHA-256), and a row per file of a message saying which bytes, under what name and type.

Why BLOBs in the SQLite file rather than files in the data directory, named by their hash:
- A question and its files are written in one transaction: after a kill -9 both are there or
  neither is. Files beside the database would need their own write-then-rename, and a crash
  between the two would leave a message naming a file that is not there, or files no message
  names, for a clean-up pass to find.
- A backup (backups.py, SQLite's online backup API) and a damaged-file check see one file, as
  they do now; an export and an import read and write through the same connection.
- The same bytes sent twice (an image attached again, a branch's copy, an import of an export
  already imported) are kept once: `attachment_data` is keyed by the hash, and a trigger drops
  bytes when the last message naming them goes (a purge, a delete), in the delete's transaction.
- The cost: the file grows by what is attached, and a backup copies it all. The bytes live in
  a table of their own, in overflow pages no other query reads, so opening, listing and
  searching messages never touch them (docs/performance.md, "Attachments").
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from desktop_app.core.attachments.attachment import Attachment, StoredBytes

ATTACHMENTS = (
    # The bytes, once per content. A rowid table: a large value goes to overflow pages, which
    # only a read of `data` follows.
    """CREATE TABLE attachment_data (
        sha256 TEXT PRIMARY KEY,
        data BLOB NOT NULL
    )""",
    # One row per file of a message, in the order attached. The small columns first and the
    # text (a PDF's, possibly long) last, so a scan of the names never reads it.
    """CREATE TABLE attachments (
        message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL REFERENCES attachment_data (sha256),
        text TEXT,
        PRIMARY KEY (message_id, position)
    )""",
    # Whether other messages still name some bytes, when one that did goes.
    "CREATE INDEX attachments_by_data ON attachments (sha256)",
    # Search by file name walks this small index from the newest message down, never the
    # table, and stops once it has found enough (search.py).
    "CREATE INDEX attachments_by_name ON attachments (message_id, name)",
    # A delete from attachments, the cascade from messages and conversations included, takes
    # bytes no message names any more with it.
    """CREATE TRIGGER attachment_data_unused AFTER DELETE ON attachments
        WHEN NOT EXISTS (SELECT 1 FROM attachments WHERE sha256 = old.sha256) BEGIN
        DELETE FROM attachment_data WHERE sha256 = old.sha256;
    END""",
)
"""The statements of migration 010_attachments."""


@dataclass(frozen=True, slots=True)
class AttachmentRecord:
    """What the history says of one attached file, without its bytes (an export reads those
    one at a time, data_of())."""

    name: str
    mime_type: str
    size: int
    sha256: str
    text: str | None


def add_attachments(
    conn: sqlite3.Connection, attached: Iterable[tuple[int, Sequence[Attachment]]]
) -> None:
    """Store the files of messages already written, given as (message id, files in order),
    inside the caller's transaction; bytes already stored are not written again."""
    for message_id, files in attached:
        for position, attachment in enumerate(files):
            digest = attachment.sha256
            kept = conn.execute("SELECT 1 FROM attachment_data WHERE sha256 = ?", (digest,))
            if kept.fetchone() is None:  # a file sent again is not read again
                conn.execute(
                    "INSERT INTO attachment_data (sha256, data) VALUES (?, ?)",
                    (digest, attachment.data),
                )
            conn.execute(
                "INSERT INTO attachments (message_id, position, name, mime_type, size, sha256,"
                " text) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    message_id,
                    position,
                    attachment.name,
                    attachment.mime_type,
                    attachment.size,
                    digest,
                    attachment.text,
                ),
            )


def copy_attachments(conn: sqlite3.Connection, source: int, target: int) -> None:
    """Give message `target` the files of message `source` (a branch's copy): the same bytes."""
    conn.execute(
        "INSERT INTO attachments (message_id, position, name, mime_type, size, sha256, text)"
        " SELECT ?, position, name, mime_type, size, sha256, text FROM attachments"
        " WHERE message_id = ?",
        (target, source),
    )


_OF_CONVERSATION = (
    " FROM messages AS m CROSS JOIN attachments AS a ON a.message_id = m.id"
    " WHERE m.conversation_id = ? ORDER BY m.id, a.position"
)


def records_of(
    conn: sqlite3.Connection, conversation_id: str
) -> dict[int, tuple[AttachmentRecord, ...]]:
    """The files of a conversation's messages, without their bytes, by message id, in the
    order attached; a message without files is not in it. One query for the whole
    conversation."""
    rows = conn.execute(
        "SELECT a.message_id, a.name, a.mime_type, a.size, a.sha256, a.text" + _OF_CONVERSATION,
        (conversation_id,),
    )
    found: dict[int, list[AttachmentRecord]] = {}
    for message_id, *fields in rows:
        found.setdefault(message_id, []).append(AttachmentRecord(*fields))
    return {message_id: tuple(files) for message_id, files in found.items()}


def stored_files(
    records: Mapping[int, tuple[AttachmentRecord, ...]], read: Callable[[str], bytes]
) -> dict[int, tuple[Attachment, ...]]:
    """records_of()'s files as Attachments whose bytes `read` reads by their hash when asked
    for (StoredBytes)."""
    return {
        message_id: tuple(
            Attachment(
                file.name,
                file.mime_type,
                StoredBytes(file.size, partial(read, file.sha256)),
                file.text,
                file.sha256,
            )
            for file in files
        )
        for message_id, files in records.items()
    }


def data_of(conn: sqlite3.Connection, sha256: str) -> bytes:
    """The bytes stored for this hash; KeyError when there are none."""
    row = conn.execute("SELECT data FROM attachment_data WHERE sha256 = ?", (sha256,)).fetchone()
    if row is None:
        raise KeyError(sha256)
    return bytes(row[0])
