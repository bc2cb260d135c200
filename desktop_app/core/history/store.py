"""The history store: conversations and their messages in one SQLite file, searchable offline.

Every write is its own short transaction, committed before the method returns (unless it runs
inside writing(), whose transaction it joins), so whatever a method wrote survives a crash or a
kill the moment it returns (schema.connect() says why WAL
with synchronous=NORMAL is enough for that). One connection, used by one thread at a time under
a lock; reads that grow with the history run on a worker thread through reader(), whose
connection is its own: the window's reads go through desktop_app/ui/history/reads.py. The
connection, its lock and its transactions are database.py's (HistoryDatabase).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.errors import ConversationExists
from desktop_app.core.history import attachment_rows, tree
from desktop_app.core.history.bulk import message_row
from desktop_app.core.history.database import HistoryDatabase
from desktop_app.core.history.migrations import MIGRATIONS
from desktop_app.core.history.records import (
    UNSET,
    ConversationSummary,
    MessageRecord,
    MessageStatus,
    SearchHit,
    StoredUsage,
    Unset,
)
from desktop_app.core.history.rows import (
    CONVERSATION_COLUMNS,
    MESSAGE_COLUMNS,
    MESSAGE_COLUMNS_BEFORE_TREE,
    ROLES,
    STATUSES,
    check_value,
    conversation_from_row,
    cost_text,
    list_page_query,
    message_from_row,
    new_id,
    usage_columns,
    utc_now,
)
from desktop_app.core.history.schema import time_to_text
from desktop_app.core.providers.base import Role

__all__ = ["MIGRATIONS", "UNSET", "HistoryStore", "Unset"]


class HistoryStore(HistoryDatabase):
    """Conversations and messages on disk, with full-text search (FTS5, else LIKE)."""

    # -- conversations ----------------------------------------------------------------------

    def create_conversation(
        self, title: str, *, id: str | None = None, created_at: datetime | None = None
    ) -> ConversationSummary:
        """A new, empty conversation (`id` and `created_at` are for imports; a taken `id`
        raises ConversationExists)."""
        conversation_id = id if id is not None else new_id()
        at = time_to_text(created_at or utc_now())
        try:
            with self._write() as conn:
                conn.execute(
                    "INSERT INTO conversations (id, title, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?)",
                    (conversation_id, title, at, at),
                )
        except sqlite3.IntegrityError as exc:
            if exc.sqlite_errorname != "SQLITE_CONSTRAINT_PRIMARYKEY":
                raise
            raise ConversationExists(
                f"the history already has a conversation with the id {conversation_id!r}"
            ) from exc
        return conversation_from_row((conversation_id, title, at, at, 0, 0, None, None, None))

    def rename(self, conversation_id: str, title: str) -> None:
        """Give a conversation a new title."""
        self._update_conversation(conversation_id, "title = ?", title)

    def set_pinned(self, conversation_id: str, pinned: bool) -> None:
        """Pin a conversation to the top of the list, or unpin it."""
        self._update_conversation(conversation_id, "pinned = ?", int(pinned))

    def set_archived(self, conversation_id: str, archived: bool) -> None:
        """Move a conversation to the archive (out of the main list) or back."""
        self._update_conversation(conversation_id, "archived = ?", int(archived))

    def delete(self, conversation_id: str) -> None:
        """Hide a conversation from lists and search; undelete() brings it back until purged."""
        self._update_conversation(
            conversation_id, "deleted_at = coalesce(deleted_at, ?)", time_to_text(utc_now())
        )

    def undelete(self, conversation_id: str) -> None:
        """Bring back a deleted conversation."""
        self._update_conversation(conversation_id, "deleted_at = ?", None)

    def purge_deleted(self, older_than: timedelta) -> int:
        """Remove for good the conversations deleted more than `older_than` ago, with their
        messages; returns how many conversations (purge.py: a batch at a time, the text
        overwritten)."""
        from desktop_app.core.history.purge import purge  # the app purges on a worker

        return purge(self.path, utc_now() - older_than, pause=0)

    def conversations(
        self,
        *,
        limit: int = 100,
        after: ConversationSummary | None = None,
        archived: bool = False,
    ) -> list[ConversationSummary]:
        """The list, pinned first, then the most recently active first (ties: by id).

        `after` asks for the next page: pass the last conversation of the page before. Pages
        follow the list's own order (pinned, updated_at, id), a total order, so paging visits
        every conversation once, however many are pinned or share a time.
        """
        sql, args = list_page_query(archived=archived, after=after, limit=limit)
        with self._lock:
            rows = self._conn.execute(sql, args).fetchall()
        return [conversation_from_row(row) for row in rows]

    def conversation_count(self, *, archived: bool = False) -> int:
        """How many conversations the list has (archived: the archive), deleted ones aside."""
        with self._lock:
            (count,) = self._conn.execute(
                "SELECT count(*) FROM conversations WHERE deleted_at IS NULL AND archived = ?",
                (int(archived),),
            ).fetchone()
        return int(count)

    def conversation(self, conversation_id: str) -> ConversationSummary | None:
        """One conversation, or None if there is none by that id or it is deleted."""
        with self._lock:
            row = self._conn.execute(
                f"SELECT {CONVERSATION_COLUMNS} FROM conversations"
                " WHERE id = ? AND deleted_at IS NULL",
                (conversation_id,),
            ).fetchone()
        return None if row is None else conversation_from_row(row)

    # -- messages ---------------------------------------------------------------------------

    def messages(self, conversation_id: str) -> list[MessageRecord]:
        """A conversation's messages in the order they were written."""
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {self._message_columns} FROM messages"
                " WHERE conversation_id = ? ORDER BY id",
                (conversation_id,),
            ).fetchall()
        return [message_from_row(row) for row in rows]

    def attachments(self, conversation_id: str) -> dict[int, tuple[Attachment, ...]]:
        """The files attached to a conversation's messages, by message id and in the order
        attached; messages without files are not in it. One query in all, which reads no
        file's bytes: each file's `data` reads them when asked for, through a reader (on
        the thread that asks, without waiting for this store's writes)."""
        records = self.attachment_records(conversation_id)
        return attachment_rows.stored_files(records, self._file_bytes)

    def attachment_records(
        self, conversation_id: str
    ) -> dict[int, tuple[attachment_rows.AttachmentRecord, ...]]:
        """The files of attachments() as the history describes them (name, type, size, hash,
        text); attachment_data() reads their bytes one at a time."""
        if not self._attached:
            return {}
        with self._lock:
            return attachment_rows.records_of(self._conn, conversation_id)

    def attachment_data(self, sha256: str) -> bytes:
        """The bytes of an attached file, by their SHA-256; KeyError when the history has none."""
        if not self._attached:
            raise KeyError(sha256)
        with self._lock:
            return attachment_rows.data_of(self._conn, sha256)

    def _file_bytes(self, sha256: str) -> bytes:
        if self._read_only:  # a reader is used by one thread at a time: its own connection
            return self.attachment_data(sha256)
        with self.reader() as reader:
            return reader.attachment_data(sha256)

    def add_message(
        self,
        conversation_id: str,
        *,
        role: Role,
        content: str = "",
        reasoning: str = "",
        provider: str | None = None,
        provider_name: str | None = None,
        model: str | None = None,
        status: MessageStatus = "complete",
        error: str | None = None,
        usage: StoredUsage | None = None,
        cost_usd: Decimal | None = None,
        first_token_seconds: float | None = None,
        duration_seconds: float | None = None,
        created_at: datetime | None = None,
        parent_id: int | Unset | None = UNSET,
        current: bool = True,
        attachments: Sequence[Attachment] = (),
    ) -> MessageRecord:
        """Add a message after `parent_id` (by default the conversation's current message, so
        at the end of the path it shows; None: a first message); unless `current` is false it
        becomes the message the conversation shows last. The conversation becomes last active
        at `created_at` (now by default), and an assistant message sets its last provider and
        model. `provider` is the provider's id, `provider_name` its name at the time. The
        `attachments` are written with the message, in its transaction."""
        check_value(role in ROLES, f"unknown role {role!r}")
        check_value(status in STATUSES, f"unknown status {status!r}")
        moment = created_at or utc_now()
        at = time_to_text(moment)
        values = message_row(
            conversation_id,
            role=role,
            content=content,
            reasoning=reasoning,
            provider=provider,
            provider_name=provider_name,
            model=model,
            status=status,
            error=error,
            usage=usage,
            cost_usd=cost_usd,
            first_token_seconds=first_token_seconds,
            duration_seconds=duration_seconds,
            created_at=moment,
            parent_id=None,
        )
        with self._write() as conn:
            bumped = conn.execute(
                "UPDATE conversations SET updated_at = max(updated_at, ?) WHERE id = ?",
                (at, conversation_id),
            )
            if bumped.rowcount == 0:
                raise KeyError(conversation_id)
            if role == "assistant" and (provider is not None or model is not None):
                conn.execute(
                    "UPDATE conversations SET last_provider = ?, last_model = ? WHERE id = ?",
                    (provider, model, conversation_id),
                )
            message_id = tree.insert_message(
                conn, conversation_id, values, parent_id=parent_id, current=current, tree=self._tree
            )
            if attachments:
                attachment_rows.add_attachments(conn, [(message_id, attachments)])
            # Read back through the one converter, rather than spelling the record out again.
            row = conn.execute(
                f"SELECT {self._message_columns} FROM messages WHERE id = ?", (message_id,)
            ).fetchone()
        return message_from_row(row)

    def current_message(self, conversation_id: str) -> int | None:
        """The id of the message the conversation's path ends at (None when it has none)."""
        with self._lock:
            if not self._tree:
                (newest,) = self._conn.execute(
                    "SELECT max(id) FROM messages WHERE conversation_id = ?", (conversation_id,)
                ).fetchone()
                return int(newest) if newest is not None else None
            return tree.current_message(self._conn, conversation_id)

    def set_current(self, conversation_id: str, message_id: int) -> None:
        """Show the path that ends at this message of the conversation from now on; its last
        provider and model become those of the newest answer on that path (what `tally ask
        --continue` and the window's picker go on with)."""
        with self._write() as conn:
            tree.set_current(conn, conversation_id, message_id)

    def branch(self, conversation_id: str, message_id: int, title: str) -> ConversationSummary:
        """A new conversation holding copies of the path from a first message down to
        `message_id`, linked back to the conversation it came from. The copies are not billed
        again: what they cost stays counted once, with the originals. An answer's copy keeps
        the routing rule that picked its model; what it escalated stays with the original (the
        answer it was a stronger version of is not on the path)."""
        with self._write() as conn:
            path = tree.path_in(conn, conversation_id, message_id)
            branch = self.create_conversation(title)
            tree.copy_path(conn, path, branch.id, conversation_id, attached=self._attached)
        made = self.conversation(branch.id)
        assert made is not None
        return made

    def update_message(
        self,
        message_id: int,
        *,
        content: str | Unset = UNSET,
        reasoning: str | Unset = UNSET,
        status: MessageStatus | Unset = UNSET,
        error: str | Unset | None = UNSET,
        usage: StoredUsage | Unset | None = UNSET,
        cost_usd: Decimal | Unset | None = UNSET,
        first_token_seconds: float | Unset | None = UNSET,
        duration_seconds: float | Unset | None = UNSET,
    ) -> None:
        """Change the given fields of a message and leave the others as they are."""
        columns: dict[str, object] = {}
        if content is not UNSET:
            columns["content"] = content
        if reasoning is not UNSET:
            columns["reasoning"] = reasoning
        if status is not UNSET:
            check_value(status in STATUSES, f"unknown status {status!r}")
            columns["status"] = status
        if error is not UNSET:
            columns["error"] = error
        if usage is not UNSET:
            columns.update(usage_columns(usage))
        if cost_usd is not UNSET:
            columns["cost_usd"] = cost_text(cost_usd)
        if first_token_seconds is not UNSET:
            columns["first_token_seconds"] = first_token_seconds
        if duration_seconds is not UNSET:
            columns["duration_seconds"] = duration_seconds
        if not columns:
            return
        assignments = ", ".join(f"{name} = ?" for name in columns)
        with self._write() as conn:
            cursor = conn.execute(
                f"UPDATE messages SET {assignments} WHERE id = ?", [*columns.values(), message_id]
            )
            if cursor.rowcount == 0:
                raise KeyError(message_id)

    def delete_messages_from(self, message_id: int) -> None:
        """Remove a message and every message written after it in its conversation, whatever
        version they belong to (what the window did before versions; the app keeps every
        version now, and removes messages only with their conversation)."""
        with self._write() as conn:
            row = conn.execute(
                "SELECT conversation_id FROM messages WHERE id = ?", (message_id,)
            ).fetchone()
            if row is None:
                raise KeyError(message_id)
            conn.execute(
                "DELETE FROM messages WHERE id >= ? AND conversation_id = ?", (message_id, row[0])
            )
            conn.execute(  # its path ends at the newest message left
                "UPDATE conversations SET current_id = NULL WHERE id = ? AND current_id >= ?",
                (row[0], message_id),
            )

    def mark_interrupted(self) -> int:
        """At start-up: every message still "streaming" was cut off by a crash or a kill, so it
        becomes "partial"; returns how many. Reads only a partial index of streaming rows."""
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE messages SET status = 'partial' WHERE status = 'streaming'"
            )
        return cursor.rowcount

    # -- search -----------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """The newest messages that contain every term of `query` (words, or "phrases" in
        double quotes, each matched as a substring, case-insensitively), in conversations not
        deleted, archived ones included; [] for a blank query. Any text is safe: none of it is
        read as query syntax. A message still streaming is found once it has ended."""
        from desktop_app.core.history import search as history_search  # loaded when first used

        with self._lock:
            return history_search.search(
                self._conn, query, limit=limit, use_fts=self.uses_fts, names=self._attached
            )

    # -- internals --------------------------------------------------------------------------

    @property
    def _message_columns(self) -> str:
        """MESSAGE_COLUMNS, with NULL for the parent in a history from before the tree."""
        return MESSAGE_COLUMNS if self._tree else MESSAGE_COLUMNS_BEFORE_TREE

    def _update_conversation(self, conversation_id: str, assignment: str, value: object) -> None:
        with self._write() as conn:
            cursor = conn.execute(
                f"UPDATE conversations SET {assignment} WHERE id = ?", (value, conversation_id)
            )
            if cursor.rowcount == 0:
                raise KeyError(conversation_id)
