"""Import conversations into the history: this app's JSON export, or ChatGPT's conversations.json.

An import is all or nothing. The whole file is read and checked into plain records first, so a
malformed file raises ConfigError naming the place (`conversations[3].messages[2]: ...`) before
anything is written. The writes then go to the store in one transaction (HistoryStore.writing();
each call inside it joins it): should one fail (a text SQLite cannot store, a full disk, a
locked database, Ctrl+C, a kill), none of them is in the history, not even in the trash, and
importing the file again, or a corrected one, brings every conversation.

Importing the same file twice adds nothing the second time: a Tally export keeps its conversation
ids, a ChatGPT conversation gets an id derived from its own, and an id already in the history is
skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import NoReturn

from desktop_app.core.errors import ConfigError, ConversationExists
from desktop_app.core.history.ledger_rows import bill_imported, billed_record
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.transfer.import_chatgpt import read_chatgpt_export
from desktop_app.core.transfer.import_records import ImportedConversation, Malformed
from desktop_app.core.transfer.import_tally import read_tally_export


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did."""

    conversations_added: int
    conversations_skipped: int
    """Already in the history (imported before), so left as they are."""
    messages_added: int


def import_file(
    store: HistoryStore, path: Path | str, providers: Sequence[Provider] = ()
) -> ImportResult:
    """Import a Tally JSON export or a ChatGPT conversations.json into the store; `providers`
    (the ones known now) give an old export's provider names their ids.

    Raises ConfigError, with nothing imported, when the file cannot be read or is malformed.
    """
    return store_conversations(store, read_import_file(path, providers))


def read_import_file(
    path: Path | str, providers: Sequence[Provider] = ()
) -> list[ImportedConversation]:
    """Read and check a whole file; raises ConfigError naming the file and the place."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path} is not a UTF-8 text file, so not a JSON export.") from exc
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except (json.JSONDecodeError, ValueError) as exc:
        raise ConfigError(f"{path} is not JSON: {exc}.") from exc
    except RecursionError:
        raise ConfigError(f"{path} nests its JSON too deeply to be an export.") from None
    return parse_export(data, source=str(path), providers=providers)


def parse_export(
    data: object, *, source: str = "the file", providers: Sequence[Provider] = ()
) -> list[ImportedConversation]:
    """Recognise and check decoded JSON: a Tally export, or ChatGPT's conversations.json.

    Raises ConfigError naming `source` and the place in it that is wrong.
    """
    try:
        return _parse(data, providers)
    except Malformed as exc:
        raise ConfigError(f"{source}: {exc}") from None


def _parse(data: object, providers: Sequence[Provider]) -> list[ImportedConversation]:
    if isinstance(data, dict) and "format" in data:
        return read_tally_export(data, providers)
    if isinstance(data, list):
        return read_chatgpt_export(data)
    if isinstance(data, dict) and "mapping" in data:  # one ChatGPT conversation on its own
        return read_chatgpt_export([data])
    raise Malformed(
        'neither a Tally export (an object with "format": "tally-export") nor a ChatGPT '
        "conversations.json (a list of conversations)"
    )


def store_conversations(
    store: HistoryStore, conversations: Sequence[ImportedConversation]
) -> ImportResult:
    """Add the conversations not yet in the store, all in one transaction: a failed write
    leaves the history as it was. Text SQLite cannot store (a lone surrogate such as \\ud800)
    raises ConfigError naming the conversation."""
    skipped = messages = 0
    added: list[str] = []
    writing: list[str] = []  # the conversation being written, for the message of a failure
    with store.writing(), _unstorable_text_named(writing):
        for conversation in conversations:
            writing[:] = [conversation.title]
            if store.conversation(conversation.id) is not None or not _create(store, conversation):
                skipped += 1
                continue
            added.append(conversation.id)
            for m in conversation.messages:
                record = store.add_message(
                    conversation.id,
                    role=m.role,
                    content=m.content,
                    reasoning=m.reasoning,
                    provider=m.provider,
                    provider_name=m.provider_name,
                    model=m.model,
                    status=m.status,
                    error=m.error,
                    usage=m.usage,
                    cost_usd=m.cost_usd,
                    first_token_seconds=m.first_token_seconds,
                    duration_seconds=m.duration_seconds,
                    created_at=m.created_at,
                )
                # What another install (or this one, before a purge) paid is spent money too.
                if (entry := billed_record(record)) is not None:
                    bill_imported(store, entry)
            messages += len(conversation.messages)
            if conversation.pinned:
                store.set_pinned(conversation.id, True)
            if conversation.archived:
                store.set_archived(conversation.id, True)
    return ImportResult(
        conversations_added=len(added), conversations_skipped=skipped, messages_added=messages
    )


def _create(store: HistoryStore, conversation: ImportedConversation) -> bool:
    """Create the empty conversation; False when its id is taken by one in the trash."""
    try:
        store.create_conversation(
            conversation.title, id=conversation.id, created_at=conversation.created_at
        )
    except ConversationExists:
        # Deleted conversations stay in the table until purged, and conversation() hides them.
        # Counted as already present: importing again does not bring back what was deleted.
        return False
    return True


@contextmanager
def _unstorable_text_named(writing: list[str]) -> Iterator[None]:
    """Turn SQLite's refusal of text that is not valid Unicode into one clear line."""
    try:
        yield
    except UnicodeEncodeError as exc:
        title = writing[0].encode("utf-8", "backslashreplace").decode() if writing else "?"
        raise ConfigError(
            f"The conversation {title!r} holds text that is not valid Unicode ({exc.reason}, "
            "such as a lone surrogate \\ud800), which the history cannot store. Nothing was "
            "imported."
        ) from None


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number JSON allows")
