"""Keeps the history store in step with a conversation as it happens: every message is saved
when it is added (the question, with its attached files, before the request is sent), a
streaming answer at least once a second, and every answer once more when it ends, with its
status, usage and cost; a billed answer (one with usage or text) also gets its row in the
ledger, which outlives the message.

A write the disk refuses (full, or a folder made read-only), or one an import keeps waiting,
never stops the conversation: the answer goes on streaming to the screen, what was written
stays, the rest is kept in memory and written at the next try (retry(), or the next message),
and `problems` hear of it once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.conversation import AnswerCost, ChatMessage, Conversation
from desktop_app.core.errors import DiskFull, HistoryBusy, HistoryError, HistoryUnreadable
from desktop_app.core.history.records import MessageRecord
from desktop_app.core.history.rows import utc_now
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.history.tree import path_to
from desktop_app.core.settings.provider_names import shown_name
from desktop_app.core.settings.providers_file import Provider

if TYPE_CHECKING:  # the ledger's rows are written when an answer ends: loaded then
    from desktop_app.core.history.answer_origins import AnswerOrigin
    from desktop_app.core.history.ledger_rows import LedgerChange, LedgerEntry

WRITE_INTERVAL = 1.0
"""Seconds between writes of a streaming answer (DESIGN.md: at least once a second)."""

_TITLE_LENGTH = 60

NOT_SAVED = (DiskFull, HistoryUnreadable, HistoryBusy)
"""Writes refused for now, kept in memory and made again at the next try."""


class AnswerBilling(Protocol):
    """The money rules the recorder follows (core/money/ledger.py's Ledger)."""

    def cost_of(self, conversation: Conversation, message: ChatMessage) -> AnswerCost:
        """What an answer costs, reported or estimated."""

    def is_money(self, message: ChatMessage) -> bool:
        """False for a simulated answer: shown with its cost, never billed."""

    def recorded(self, message: ChatMessage, change: LedgerChange | None) -> None:
        """An ended answer's cost was stored, and billed (`change`) unless it is not money."""


class HistoryRecorder:
    """Follows one Conversation and writes it through to the store."""

    def __init__(
        self,
        store: HistoryStore,
        conversation: Conversation,
        billing: AnswerBilling,
        *,
        conversation_id: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.conversation = conversation
        self.billing = billing
        self.conversation_id = conversation_id
        self.clock = clock
        self.stored_ids: dict[int, int] = {}
        """ChatMessage.id -> the message's row id in the store."""
        self._created: dict[int, datetime] = {}
        """ChatMessage.id -> when the message was stored: the ledger dates an answer by it."""
        self._last_write: dict[int, float] = {}
        self._unsaved: dict[int, ChatMessage] = {}
        """ChatMessage.id -> a message whose latest state is not in the store yet."""
        self._current_moved = False
        """The path shown changed and the store does not know yet where it ends."""
        self._counted_unsaved: set[int] = set()
        """ChatMessage.id of answers the ledger counts though their row is not written yet."""
        self._problem: HistoryError | None = None
        self.problems: list[Callable[[HistoryError | None], None]] = []
        """Told once when a write fails (the error) and once when all is saved again (None)."""
        conversation.subscribe(self)

    def detach(self) -> None:
        """Stop following the conversation (another one is being opened)."""
        self.conversation.unsubscribe(self)

    def adopt(self, message: ChatMessage, record: MessageRecord) -> None:
        """Link a message loaded from the store to its row, so later changes update it."""
        self.stored_ids[message.id] = record.id
        self._created[message.id] = record.created_at

    # -- ConversationListener ---------------------------------------------------------------

    def message_added(self, message: ChatMessage) -> None:
        self._unsaved[message.id] = message
        self._save()

    version_added = message_added  # an answer beside the path is saved as one on it is

    def message_changed(self, message: ChatMessage) -> None:
        if message.id not in self.stored_ids and message.id not in self._unsaved:
            return
        if message.status == "streaming":
            now = self.clock()
            if now - self._last_write.get(message.id, 0.0) < WRITE_INTERVAL:
                return
            self._last_write[message.id] = now
        self._unsaved[message.id] = message
        self._save()

    def messages_reset(self) -> None:
        """The path shown changed (another version, or a cut for a new one): the store shows
        the same path from now on. Nothing is removed: every version stays."""
        self._current_moved = True
        self._save()

    # -- a full disk ------------------------------------------------------------------------

    @property
    def unsaved(self) -> HistoryError | None:
        """Why some of the conversation is not in the history yet (a full disk, a read-only
        folder), or None when all of it is."""
        return self._problem

    def retry(self) -> bool:
        """Write what could not be written before (the window asks every few seconds, and
        every new message asks anyway); True once everything is saved."""
        self._save()
        return self._problem is None

    def _save(self) -> None:
        """Write the removals and the messages not yet stored as they are now, in order; on a
        write the disk refuses, keep them for the next try and tell `problems` once."""
        try:
            for mid in sorted(self._unsaved):
                self._write(self._unsaved[mid])
                del self._unsaved[mid]
            if self._current_moved:
                self._store_current()
        except NOT_SAVED as exc:
            for message in self._unsaved.values():  # answers not even reached this time
                self._count_unsaved(message, None)
            if self._problem is None:
                self._problem = exc
                for listener in list(self.problems):
                    listener(exc)
            return
        if self._problem is not None:
            self._problem = None
            for listener in list(self.problems):
                listener(None)

    def _write(self, message: ChatMessage) -> None:
        """Store `message` as it is now: added if it is new, else updated (with its cost and
        ledger row once it has ended)."""
        row = self.stored_ids.get(message.id)
        if row is None:
            self._add(message)
            if message.status == "streaming" or message.role != "assistant":
                return  # all there is to store of it: an answer ended when added goes on
            row = self.stored_ids[message.id]
        if message.status == "streaming":
            self.store.update_message(row, content=message.content, reasoning=message.reasoning)
            return
        cost = self._cost(message)
        message.cost = cost
        # The ledger first: should the app die in between, the money is counted and only the
        # message's own figure is missing, never the other way round.
        change = self._bill(message, row, cost)
        self.store.update_message(
            row,
            content=message.content,
            reasoning=message.reasoning,
            status=message.status,
            error=message.error,
            usage=cost.usage if cost else None,
            cost_usd=cost.usd if cost else None,
            first_token_seconds=message.first_token_seconds,
            duration_seconds=message.duration_seconds,
        )
        if message.role == "assistant":
            self.billing.recorded(message, change)
        # Counted while unsaved (_count_unsaved), it is saved now: from here on a change to its
        # cost counts. Not before: a retry whose ledger row went in while the message's own
        # write did not would count the answer a second time.
        self._counted_unsaved.discard(message.id)

    def _store_current(self) -> None:
        """Tell the store where the path shown ends (once its last message is stored)."""
        path = self.conversation.messages
        row = self.stored_ids.get(path[-1].id) if path else None
        if row is not None and self.conversation_id is not None:
            self.store.set_current(self.conversation_id, row)
        self._current_moved = False

    def _add(self, message: ChatMessage) -> None:
        if self.conversation_id is None:
            self.conversation_id = self.store.create_conversation(_title(message)).id
        parent = message.parent
        origin = self._origin(message)
        with self.store.writing() as conn:  # the origin in the message's own transaction
            record = self.store.add_message(
                self.conversation_id,
                role=message.role,
                content=message.content,
                reasoning=message.reasoning,
                provider=message.provider,
                provider_name=message.provider_name,
                model=message.model,
                status=message.status,
                parent_id=None if parent is None else self.stored_ids[parent.id],
                current=message in self.conversation.messages,
                attachments=message.attachments,
            )
            if origin is not None:
                from desktop_app.core.history.answer_origins import set_origin

                set_origin(conn, record.id, origin)
        self.stored_ids[message.id] = record.id
        self._created[message.id] = record.created_at
        self._last_write[message.id] = self.clock()

    def _origin(self, message: ChatMessage) -> AnswerOrigin | None:
        """The routing rule that picked an answer and what it escalated; None for most (picked
        by hand, asked once), for which answer_origins need not even be loaded."""
        escalated = message.escalated_from
        if message.rule is None and escalated is None:
            return None
        from desktop_app.core.history.answer_origins import AnswerOrigin

        escalated_id = None if escalated is None else self.stored_ids.get(escalated.id)
        origin = AnswerOrigin(message.rule, escalated_id)
        return origin if origin else None

    def _cost(self, message: ChatMessage) -> AnswerCost | None:
        """An ended answer's cost: from the usage the provider reported, else estimated from
        its text (none for an answer that failed before any text, or a user message)."""
        if message.role != "assistant":
            return None
        if message.usage is None and not (message.content or message.reasoning):
            return None
        return self.billing.cost_of(self.conversation, message)

    def _bill(self, message: ChatMessage, row: int, cost: AnswerCost | None) -> LedgerChange | None:
        """Write or raise the answer's ledger row; None when it is not billed money."""
        if cost is None or self.conversation_id is None or not self.billing.is_money(message):
            return None
        from desktop_app.core.history.ledger_rows import LedgerChange, LedgerEntry, bill

        entry = LedgerEntry(
            message_id=row,
            conversation_id=self.conversation_id,
            provider=message.provider,
            model=message.model,
            created_at=self._created[message.id],
            usage=cost.usage,
            cost_usd=cost.usd,
        )
        try:
            change = bill(self.store, entry)
        except NOT_SAVED:
            self._count_unsaved(message, entry)
            raise
        if message.id in self._counted_unsaved:  # the totals have it already
            return LedgerChange(change.after, change.after)
        return change

    def _count_unsaved(self, message: ChatMessage, entry: LedgerEntry | None) -> None:
        """Spent is spent, saved or not: the totals count an ended answer now, and not again
        once it is saved (_bill). With no `entry` (its row or its question's could not be added,
        or its turn never came), one is made for the totals alone."""
        if message.id in self._counted_unsaved:
            return
        from desktop_app.core.history.ledger_rows import LedgerChange, LedgerEntry

        if entry is None:
            ended = message.role == "assistant" and message.status != "streaming"
            cost = self._cost(message) if ended and self.billing.is_money(message) else None
            if cost is None:
                return
            entry = LedgerEntry(
                message_id=0,
                conversation_id=self.conversation_id or "",
                provider=message.provider,
                model=message.model,
                created_at=utc_now(),
                usage=cost.usage,
                cost_usd=cost.usd,
            )
        self._counted_unsaved.add(message.id)
        self.billing.recorded(message, LedgerChange(None, entry))


def _title(message: ChatMessage) -> str:
    """A conversation's first title: the first line of its first message, shortened."""
    line = next((part.strip() for part in message.content.splitlines() if part.strip()), "")
    if not line:
        return "New conversation"
    return line if len(line) <= _TITLE_LENGTH else line[: _TITLE_LENGTH - 1].rstrip() + "…"


def open_conversation(
    store: HistoryStore,
    conversation: Conversation,
    conversation_id: str,
    billing: AnswerBilling,
    providers: Sequence[Provider] = (),
    *,
    settle: bool = True,
) -> HistoryRecorder:
    """Load a stored conversation into `conversation`, every version of every message (with
    their attached files), showing the path it showed last, and keep recording it from there;
    its answers show the current names of `providers`. A comparison none was chosen from goes
    on from its first answer with text, as asking again does (Conversation.settle); unless
    `settle` is false: then the path ends at its question, for the window to show its answers
    side by side again (Conversation.comparison)."""
    records = store.messages(conversation_id)
    attached = store.attachments(conversation_id)
    messages = {
        record.id: _message_from(record, providers, attached.get(record.id, ()))
        for record in records
    }
    for record in records:
        # A parent is always written before its children: a damaged file's loop stops here.
        if record.parent_id is not None and record.parent_id < record.id:
            messages[record.id].parent = messages.get(record.parent_id)
    from desktop_app.core.history.answer_origins import origins_of  # with the first opened

    for message_id, origin in origins_of(store, conversation_id).items():
        message = messages[message_id]
        message.rule = origin.rule
        if origin.escalated_from is not None:
            message.escalated_from = messages.get(origin.escalated_from)
    shown = path_to(records, store.current_message(conversation_id))
    conversation.replace_all([messages[record.id] for record in shown], list(messages.values()))
    if settle or not conversation.comparison():
        conversation.settle()
    recorder = HistoryRecorder(store, conversation, billing, conversation_id=conversation_id)
    for record in records:
        recorder.adopt(messages[record.id], record)
    return recorder


def _message_from(
    record: MessageRecord, providers: Sequence[Provider], attachments: tuple[Attachment, ...]
) -> ChatMessage:
    usage = record.usage
    return ChatMessage(
        record.role,
        record.content,
        record.reasoning,
        provider=record.provider,
        provider_name=shown_name(providers, record.provider, record.provider_name),
        model=record.model,
        # Still "streaming" in the store means the app stopped in the middle of it.
        status="partial" if record.status == "streaming" else record.status,
        error=record.error,
        usage=usage,
        cost=AnswerCost(usage, record.cost_usd) if usage else None,
        first_token_seconds=record.first_token_seconds,
        duration_seconds=record.duration_seconds,
        attachments=attachments,
    )
