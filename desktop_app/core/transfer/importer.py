"""Import conversations into the history: this app's JSON export, or ChatGPT's conversations.json.

An import is all or nothing. The whole file is read and checked into plain records first
(import_reading.py), so a malformed file raises ConfigError naming the place
(`conversations[3].messages[2]: ...`) before anything is written. The writes then go to the
store in one transaction (HistoryStore.writing()), in bulk: a statement per batch of rows, and
the search indexes brought up to date once at the end (history/bulk.py). Should anything fail
or stop it (a text SQLite cannot store, a full disk, a locked database, Cancel in the window,
Ctrl+C, a kill), none of it is in the history, not even in the trash, and importing the file
again, or a corrected one, brings every conversation.

Importing the same file twice adds nothing the second time: a Tally export keeps its conversation
ids, a ChatGPT conversation gets an id derived from its own, and an id already in the history is
skipped.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.errors import ConfigError, DiskFull
from desktop_app.core.history.answer_origins import AnswerOrigin, set_origins
from desktop_app.core.history.attachment_rows import add_attachments
from desktop_app.core.history.bulk import (
    INSERT_CONVERSATION,
    Progress,
    add_messages,
    parent_moved,
    row_of,
)
from desktop_app.core.history.conversation_parameters import REMEMBER_PARAMETERS, parameter_row
from desktop_app.core.history.ledger_rows import LedgerEntry, bill_imported_rows, billed_entry
from desktop_app.core.history.schema import time_to_text
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import t
from desktop_app.core.transfer.import_reading import let_go, read_import_file
from desktop_app.core.transfer.import_records import ImportedConversation


class ImportCancelled(Exception):
    """Raised by an import's progress to stop it: nothing of the file is imported."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did."""

    conversations_added: int
    conversations_skipped: int
    """Already in the history (imported before), so left as they are."""
    messages_added: int


def import_file(
    store: HistoryStore,
    path: Path | str,
    providers: Sequence[Provider] = (),
    progress: Progress | None = None,
) -> ImportResult:
    """Import a Tally JSON export or a ChatGPT conversations.json into the store; `providers`
    (the ones known now) give an old export's provider names their ids. `progress` hears
    (0, 0) now and then while the file is read, then as store_conversations() says.

    Raises ConfigError, with nothing imported, when the file cannot be read or is malformed.
    """
    reading = None if progress is None else partial(progress, 0, 0)
    with _collector_paused():
        conversations = read_import_file(path, providers, reading)
        try:
            return store_conversations(store, conversations, progress)
        finally:
            let_go(conversations)


def store_conversations(
    store: HistoryStore,
    conversations: Sequence[ImportedConversation],
    progress: Progress | None = None,
) -> ImportResult:
    """Add the conversations not yet in the store, all in one transaction: a failed write
    leaves the history as it was. Text SQLite cannot store (a lone surrogate such as \\ud800)
    raises ConfigError naming the conversation. `progress` hears how far the writing is, and
    may raise to stop it (ImportCancelled), which leaves the history as it was too."""
    # The messages' rows are made a batch at a time as they are written, not all before the
    # transaction: a big file's rows all at once held a third of the import's memory. Writers
    # wait for the transaction a little longer: the window's own are held for the whole of its
    # import anyway (held_writes.py), and another process's waited for the bulk writing before.
    with (
        _nothing_imported_when_full(store.path),
        store.writing() as conn,
        _unstorable_text_named(conversations),
    ):
        taken = _taken(conn, [conversation.id for conversation in conversations])
        # Deleted conversations stay in the table until purged, and count as present: importing
        # again does not bring back what was deleted.
        fresh = [n for n, c in enumerate(conversations) if c.id not in taken]
        new = [conversations[n] for n in fresh]
        conn.executemany(INSERT_CONVERSATION, [_conversation_row(c) for c in new])
        count = sum(len(conversation.messages) for conversation in new)
        added = add_messages(conn, _batches(_message_rows(c) for c in new), count, progress)
        if len(added) != count:  # ids run on from the last one (AUTOINCREMENT, one writer)
            raise RuntimeError(f"{count} messages written, {len(added)} ids given")
        conn.executemany(
            "UPDATE conversations SET current_id = ? WHERE id = ?", _currents(new, added)
        )
        add_attachments(conn, _attached(new, added))
        set_origins(conn, _origins(new, added))
        kept = [(c.id, c.assistant) for c in new if c.assistant is not None]
        conn.executemany(REMEMBER_PARAMETERS, [parameter_row(*pair) for pair in kept])
        # What another install (or this one, before a purge) paid is spent money too.
        bill_imported_rows(conn, _billed(new, added))
    return ImportResult(
        conversations_added=len(new),
        conversations_skipped=len(conversations) - len(new),
        messages_added=len(added),
    )


def _taken(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    """Those of `ids` the history has, deleted conversations included."""
    taken: set[str] = set()
    for start in range(0, len(ids), _IDS_PER_QUERY):
        chunk = ids[start : start + _IDS_PER_QUERY]
        taken.update(
            found
            for (found,) in conn.execute(
                f"SELECT id FROM conversations WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
        )
    return taken


_IDS_PER_QUERY = 500
_BATCH = 5_000
"""Messages per executemany: progress is reported, and a stop is seen, between two."""


def _conversation_row(conversation: ImportedConversation) -> tuple[object, ...]:
    """The conversation as the store would have it after adding its messages one by one: last
    active at its newest message, with the provider and model of its last answer that had one."""
    created = time_to_text(conversation.created_at)
    updated = time_to_text(
        max([conversation.created_at, *(m.created_at for m in conversation.messages)])
    )
    last_provider = last_model = None
    for message in conversation.messages:
        if message.role == "assistant" and (
            message.provider is not None or message.model is not None
        ):
            last_provider, last_model = message.provider, message.model
    return (
        conversation.id,
        conversation.title,
        created,
        updated,
        int(conversation.pinned),
        int(conversation.archived),
        last_provider,
        last_model,
        conversation.branched_from,
    )


def _billed(conversations: Sequence[ImportedConversation], ids: range) -> Iterator[LedgerEntry]:
    """The ledger entries of the billed answers, the messages having been given `ids` in order."""
    numbers = iter(ids)
    for conversation in conversations:
        for m, message_id in zip(conversation.messages, numbers, strict=False):
            if m.billed and (entry := billed_entry(m, message_id, conversation.id)) is not None:
                yield entry


def _attached(
    conversations: Sequence[ImportedConversation], ids: range
) -> Iterator[tuple[int, tuple[Attachment, ...]]]:
    """(message id, its files) of the messages with files, given `ids` in order."""
    numbers = iter(ids)
    for conversation in conversations:
        for m, message_id in zip(conversation.messages, numbers, strict=False):
            if m.attachments:
                yield message_id, m.attachments


def _origins(
    conversations: Sequence[ImportedConversation], ids: range
) -> Iterator[tuple[int, AnswerOrigin]]:
    """(message id, its origin) of the answers with a rule or an escalation, given `ids`."""
    first = ids.start
    for conversation in conversations:
        for n, m in enumerate(conversation.messages):
            escalated = None if m.escalated_from is None else first + m.escalated_from
            if origin := AnswerOrigin(m.rule, escalated):
                yield first + n, origin
        first += len(conversation.messages)


def _currents(
    conversations: Sequence[ImportedConversation], ids: range
) -> Iterator[tuple[int, str]]:
    """(message id, conversation id) of the conversations that show a path that does not end at
    their last message, the messages having been given `ids` in order."""
    first = ids.start
    for conversation in conversations:
        if conversation.current is not None and conversation.current + 1 < len(
            conversation.messages
        ):
            yield first + conversation.current, conversation.id
        first += len(conversation.messages)


def _message_rows(conversation: ImportedConversation) -> list[tuple[object, ...]]:
    """The rows of the conversation's messages, in order; each parent is given by its position
    among the conversation's messages (_batches makes it a position among all the rows)."""
    parents = conversation.parent_positions()
    return [
        row_of(conversation.id, m, parent)
        for m, parent in zip(conversation.messages, parents, strict=True)
    ]


def _batches(
    rows: Iterable[list[tuple[object, ...]]],
) -> Iterator[list[tuple[object, ...]]]:
    """The conversations' rows, in order, _BATCH at a time, with each parent's position among
    the conversation's rows made its position among all of them (add_messages())."""
    batch: list[tuple[object, ...]] = []
    offset = 0
    for conversation in rows:
        if offset:
            batch += [parent_moved(row, offset) for row in conversation]
        else:
            batch += conversation
        offset += len(conversation)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the length of an import: the records of a big file are
    millions of objects, and each full pass of the collector walks them all with the GIL held
    (a third of a second on 100,000 messages), while the window's thread waits for the GIL.
    The records hold no cycles: they are freed as they go out of use, collector or not."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _nothing_imported_when_full(history: Path) -> Iterator[None]:
    """Say what a full disk means for an import: the transaction was rolled back whole."""
    try:
        yield
    except DiskFull as exc:
        raise DiskFull(
            t(
                "The disk holding the history ({folder}) is full: nothing was imported, the"
                " history is as it was. Free some space and import the file again.",
                folder=history.parent,
            )
        ) from exc


@contextmanager
def _unstorable_text_named(conversations: Sequence[ImportedConversation]) -> Iterator[None]:
    """Turn SQLite's refusal of text that is not valid Unicode into one clear line."""
    try:
        yield
    except UnicodeEncodeError as exc:
        title = next((c.title for c in conversations if not _storable(c)), "?")
        title = title.encode("utf-8", "backslashreplace").decode()
        raise ConfigError(
            t(
                "The conversation {title!r} holds text that is not valid Unicode ({reason}, such"
                " as a lone surrogate \\ud800), which the history cannot store. Nothing was"
                " imported.",
                title=title,
                reason=exc.reason,
            )
        ) from None


def _storable(conversation: ImportedConversation) -> bool:
    """Whether every text of the conversation is valid Unicode (looked at after a failure)."""
    texts: list[str | None] = [conversation.id, conversation.title]
    for m in conversation.messages:
        texts += [m.content, m.reasoning, m.provider, m.provider_name, m.model, m.error]
        texts += [text for a in m.attachments for text in (a.name, a.mime_type, a.text)]
    try:
        for text in texts:
            if text is not None:
                text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
