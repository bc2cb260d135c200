"""The conversations an export writes, read from the history: which ones (all, or those whose
ids, or the start of their ids, are given), and each with its messages, files, assistant and
routing origins, read when its turn comes (each_conversation)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from desktop_app.core.conversation import settled_answer
from desktop_app.core.errors import ConfigError
from desktop_app.core.history.answer_origins import AnswerOrigin, origins_of
from desktop_app.core.history.attachment_rows import AttachmentRecord
from desktop_app.core.history.conversation_parameters import (
    ConversationParameters,
    remembered_parameters,
)
from desktop_app.core.history.records import ConversationSummary, MessageRecord
from desktop_app.core.history.search import ids_starting_with
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.history.tree import path_to
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import t


def all_conversations(store: HistoryStore) -> list[ConversationSummary]:
    """Every conversation, archived ones included (not those in the trash), newest first."""
    # One query each rather than pages: paging by `before=updated_at` would drop conversations
    # that share the updated_at of a page's last one (imports make such ties likely).
    found = [
        *store.conversations(limit=sys.maxsize, archived=False),
        *store.conversations(limit=sys.maxsize, archived=True),
    ]
    found.sort(key=lambda c: c.updated_at, reverse=True)
    return found


def chosen_conversations(
    store: HistoryStore, conversation_ids: Sequence[str] | None
) -> list[ConversationSummary]:
    """The conversations with these ids, in the order given, or all of them for None. An id
    may be cut short (the 8 characters of an export's file name) where only one conversation
    starts with it.

    Raises ConfigError naming the first id that is not in the history, or that is ambiguous.
    """
    if conversation_ids is None:
        return all_conversations(store)
    chosen: list[ConversationSummary] = []
    for conversation_id in dict.fromkeys(conversation_ids):
        summary = store.conversation(_whole_id(store, conversation_id))
        if summary is None:
            raise ConfigError(
                t("No conversation with id {id!r} in the history.", id=conversation_id)
            )
        chosen.append(summary)
    return chosen


def _whole_id(store: HistoryStore, given: str) -> str:
    """The id of the one conversation `given` starts; `given` itself if none or it is whole."""
    if not given:
        return given
    with store.reading() as conn:
        found = ids_starting_with(conn, given)
    if len(found) > 1 and given not in found:
        raise ConfigError(
            t(
                "More than one conversation has an id starting with {given!r} ({first},"
                " {second}, …): give more of it.",
                given=given,
                first=found[0],
                second=found[1],
            )
        )
    return found[0] if len(found) == 1 else given


@dataclass(frozen=True, slots=True)
class FullConversation:
    """A conversation with all its messages, as an export writes it."""

    summary: ConversationSummary
    messages: list[MessageRecord]
    providers: Sequence[Provider] = ()
    """The providers now, whose current names the Markdown shows."""
    current: int | None = None
    """The id of the message the conversation shows last (None: its newest)."""
    billed: frozenset[int] = frozenset()
    """The ids of its answers the ledger bills (not a branch's copies, nor simulated ones)."""
    attachments: Mapping[int, tuple[AttachmentRecord, ...]] = field(default_factory=dict)
    """The files attached to its messages, by message id, without their bytes."""
    read_data: Callable[[str], bytes] | None = None
    """Reads an attached file's bytes by their SHA-256 (the store's attachment_data()), when
    the JSON export writes them."""
    assistant: ConversationParameters | None = None
    """Its assistant and parameters, when it has some kept."""
    origins: Mapping[int, AnswerOrigin] = field(default_factory=dict)
    """The rule that picked each answer's model and the answer it escalated, by message id."""

    def path(self) -> list[MessageRecord]:
        """The messages the conversation shows: the path down to its current message; after a
        comparison none was chosen from (a path ending at a question with answers), on through
        its first answer that has text, else its first, as the window settles it
        (Conversation.settle)."""
        path = path_to(self.messages, self.current)
        if not path or path[-1].role != "user":
            return path
        answers = [message for message in self.messages if message.parent_id == path[-1].id]
        if not answers:
            return path
        return path_to(self.messages, settled_answer(answers).id)


def load_conversations(
    store: HistoryStore,
    conversation_ids: Sequence[str] | None,
    providers: Sequence[Provider] = (),
) -> list[FullConversation]:
    """The conversations with these ids (all for None) and their messages, all in memory."""
    return list(each_conversation(store, conversation_ids, providers))


def each_conversation(
    store: HistoryStore,
    conversation_ids: Sequence[str] | None,
    providers: Sequence[Provider] = (),
) -> Iterator[FullConversation]:
    """The conversations with these ids (all for None), each read with its messages when it
    is reached, for an export to write it and let it go. The ids are checked now: ConfigError
    before anything is written."""
    summaries = chosen_conversations(store, conversation_ids)
    return (loaded_conversation(store, summary, providers) for summary in summaries)


class Counted:
    """Conversations passed on as they come, counted with their messages (what an export
    reports once it is written)."""

    def __init__(self, conversations: Iterable[FullConversation]) -> None:
        self._conversations = conversations
        self.conversations = 0
        self.messages = 0

    def __iter__(self) -> Iterator[FullConversation]:
        for conversation in self._conversations:
            self.conversations += 1
            self.messages += len(conversation.messages)
            yield conversation


def loaded_conversation(
    store: HistoryStore, summary: ConversationSummary, providers: Sequence[Provider]
) -> FullConversation:
    current = store.current_message(summary.id)
    with store.reading() as conn:
        billed = frozenset(
            message_id
            for (message_id,) in conn.execute(
                "SELECT message_id FROM ledger WHERE conversation_id = ?", (summary.id,)
            )
        )
    assistant = remembered_parameters(store, summary.id)
    return FullConversation(
        summary,
        store.messages(summary.id),
        providers,
        current,
        billed,
        store.attachment_records(summary.id),
        store.attachment_data,
        assistant,
        origins_of(store, summary.id),
    )
