"""Export the history: DESIGN.md's JSON export, and Markdown documents to read or share.

An export is written a conversation at a time (write_export), each read from the history as
its turn comes (each_conversation), and an attached file's bytes when its message is written:
however large the history, no more than one conversation and its files are in memory.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from desktop_app import __version__
from desktop_app.core.errors import ConfigError
from desktop_app.core.history.answer_origins import AnswerOrigin, origins_of
from desktop_app.core.history.attachment_rows import AttachmentRecord
from desktop_app.core.history.conversation_parameters import (
    ConversationParameters,
    remembered_parameters,
)
from desktop_app.core.history.records import ConversationSummary, MessageRecord, StoredUsage
from desktop_app.core.history.search import ids_starting_with
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.history.tree import path_to
from desktop_app.core.money.prices import format_usd
from desktop_app.core.settings.provider_names import shown_name
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import t
from desktop_app.core.transfer.attached import attached_markdown, attachments_json
from desktop_app.version import commit

EXPORT_FORMAT = "tally-export"
EXPORT_VERSION = 1

_SLUG_LENGTH = 50
_SHORT_ID = 8
# Characters Windows, macOS or Linux refuse in a file name, and control characters.
_UNSAFE_IN_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')


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
        """The messages the conversation shows: the path down to its current message."""
        return path_to(self.messages, self.current)


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
    return (_loaded(store, summary, providers) for summary in summaries)


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


def _loaded(
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


# -- JSON -------------------------------------------------------------------------------------


def export_json(
    store: HistoryStore, conversation_ids: Sequence[str] | None = None
) -> dict[str, Any]:
    """DESIGN.md's JSON export of these conversations (all, archived included, for None).

    The result holds only JSON types: costs are floats (a float keeps every digit a cost in USD
    has), times are ISO-8601 strings in UTC. Raises ConfigError for an unknown id.
    """
    return json_document(load_conversations(store, conversation_ids))


def json_document(conversations: Sequence[FullConversation]) -> dict[str, Any]:
    """The JSON export of conversations already loaded."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,  # of the format; the app that wrote it is named below
        "app_version": __version__,
        "app_commit": commit(),
        "exported_at": _iso(datetime.now(UTC)),
        "conversations": [_conversation_json(c) for c in conversations],
    }


def write_json(data: dict[str, Any], target: Path | str | TextIO) -> None:
    """Write an export as UTF-8 JSON (non-ASCII text kept readable) to a file path or a stream."""
    if isinstance(target, Path | str):
        with open(target, "w", encoding="utf-8", newline="\n") as stream:
            _dump(data, stream)
    else:
        _dump(data, target)


def write_export(
    conversations: Iterable[FullConversation], stream: TextIO, *, markdown: bool
) -> None:
    """Conversations as one JSON export or one Markdown document, to a stream, a conversation
    at a time: the text json_document() or markdown_document() would give."""
    if markdown:
        for n, conversation in enumerate(conversations):
            stream.write((_MARKDOWN_RULE if n else "") + conversation_markdown(conversation))
        return
    head = json_document([])
    del head["conversations"]
    stream.write("{\n")
    for key, value in head.items():
        stream.write(f" {_json(key)}: {_json(value)},\n")
    stream.write(' "conversations": [')
    written = 0
    for conversation in conversations:
        text = json.dumps(_conversation_json(conversation), ensure_ascii=False, indent=1)
        # JSON text has no line breaks inside its strings: each line moves in by the depth.
        stream.write(("," if written else "") + "\n  " + text.replace("\n", "\n  "))
        written += 1
    stream.write("\n ]\n}\n" if written else "]\n}\n")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def save_export(conversations: Iterable[FullConversation], path: Path, *, markdown: bool) -> None:
    """Write conversations to one file, JSON or Markdown, that appears whole or not at all: a
    part file is renamed when complete. Raises ConfigError saying why it cannot be written."""
    part = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(part, "w", encoding="utf-8", newline="\n") as stream:
            write_export(conversations, stream, markdown=markdown)
        os.replace(part, path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise ConfigError(
            t("Cannot write {path}: {reason}.", path=str(path), reason=exc.strerror or exc)
        ) from exc


def _dump(data: dict[str, Any], stream: TextIO) -> None:
    json.dump(data, stream, ensure_ascii=False, indent=1)
    stream.write("\n")


def _conversation_json(conversation: FullConversation) -> dict[str, Any]:
    summary = conversation.summary
    shown = {message.id for message in conversation.path()}
    return {
        "id": summary.id,
        "title": summary.title,
        "created_at": _iso(summary.created_at),
        "updated_at": _iso(summary.updated_at),
        "pinned": summary.pinned,
        "archived": summary.archived,
        **({"branched_from": summary.branched_from} if summary.branched_from else {}),
        **({"assistant": c.as_export()} if (c := conversation.assistant) else {}),
        "messages": [
            _message_json(m, m.id in shown, m.id in conversation.billed)
            | attachments_json(conversation.attachments.get(m.id, ()), conversation.read_data)
            | _origin_json(conversation.origins.get(m.id))
            for m in conversation.messages
        ],
    }


def _message_json(message: MessageRecord, current: bool, billed: bool) -> dict[str, Any]:
    costed = message.usage is not None or message.cost_usd is not None
    return {
        "id": str(message.id),
        "parent_id": None if message.parent_id is None else str(message.parent_id),
        "current": current,
        "role": message.role,
        "content": message.content,
        "reasoning": message.reasoning,
        "provider": message.provider,
        "provider_name": message.provider_name,
        "model": message.model,
        "status": _status(message),
        "error": message.error,
        "usage": _usage_json(message.usage) if message.usage else None,
        "cost_usd": float(message.cost_usd) if message.cost_usd is not None else None,
        "created_at": _iso(message.created_at),
        "first_token_seconds": message.first_token_seconds,
        "duration_seconds": message.duration_seconds,
        # An answer with a cost this history did not bill (a branch's copy, a simulated answer)
        # says so, and an import does not bill it either.
        **({"billed": billed} if message.role == "assistant" and costed else {}),
    }


def _origin_json(origin: AnswerOrigin | None) -> dict[str, Any]:
    """An answer's "rule" and "escalated_from" (the exported id of the answer it is a stronger
    version of), for an answer that has either."""
    if not origin:
        return {}
    escalated = origin.escalated_from
    return {"rule": origin.rule, "escalated_from": None if escalated is None else str(escalated)}


def _usage_json(usage: StoredUsage) -> dict[str, Any]:
    return {
        "input_tokens": usage.input_tokens,
        "output_tokens": usage.output_tokens,
        "cached_input_tokens": usage.cached_input_tokens,
        "reasoning_tokens": usage.reasoning_tokens,
        "cache_write_tokens": usage.cache_write_tokens,
        "source": usage.source,
    }


def _status(message: MessageRecord) -> str:
    # "streaming" in the store means the app stopped while the answer arrived: it is partial.
    return "partial" if message.status == "streaming" else message.status


def _iso(moment: datetime) -> str:
    """ISO-8601 in UTC; a naive time from the store is taken to be UTC already."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


# -- Markdown ---------------------------------------------------------------------------------


def export_markdown(
    store: HistoryStore, conversation_id: str, providers: Sequence[Provider] = ()
) -> str:
    """One conversation as a Markdown document. Raises ConfigError for an unknown id."""
    (summary,) = chosen_conversations(store, [conversation_id])
    return conversation_markdown(_loaded(store, summary, providers))


def conversation_markdown(conversation: FullConversation) -> str:
    """A readable document: the title, then each message of the path the conversation shows,
    with who wrote it (the provider by its current name), when, and its cost. The cost in the
    heading is that of every answer, the versions not shown included: it was all spent."""
    summary, messages = conversation.summary, conversation.path()
    lines = [f"# {_one_line(summary.title) or 'Untitled'}", ""]
    facts = [f"Started {_readable_time(summary.created_at)}", _count(len(messages), "message")]
    if (others := len(conversation.messages) - len(messages)) > 0:
        facts.append(_count(others, "other version"))
    total = _total_cost(conversation.messages)
    if total is not None:
        facts.append(format_usd(total))
    facts += [
        name for name, on in (("pinned", summary.pinned), ("archived", summary.archived)) if on
    ]
    lines += ["*" + " · ".join(facts) + "*", ""]
    for message in messages:
        files = conversation.attachments.get(message.id, ())
        lines += _message_markdown(message, conversation.providers, files)
    return "\n".join(lines).rstrip("\n") + "\n"


_MARKDOWN_RULE = "\n---\n\n"
"""What separates two conversations in one Markdown document."""


def markdown_document(conversations: Iterable[FullConversation]) -> str:
    """Several conversations in one Markdown document, separated by rules."""
    return _MARKDOWN_RULE.join(conversation_markdown(c) for c in conversations)


def write_markdown_folder(conversations: Iterable[FullConversation], folder: Path) -> list[Path]:
    """One Markdown file per conversation in `folder` (created if needed); returns the files.

    A file of the same name is replaced: exporting again refreshes the folder.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    used: set[str] = set()
    for conversation in conversations:
        summary = conversation.summary
        name = markdown_file_name(summary)
        if name in used:  # two short ids alike: the whole id tells them apart
            name = f"{_slug(summary.title)}-{_slug(summary.id)}.md"
        used.add(name)
        path = folder / name
        path.write_text(
            conversation_markdown(conversation),
            encoding="utf-8",
            newline="\n",
        )
        written.append(path)
    return written


def markdown_file_name(summary: ConversationSummary) -> str:
    """A file name for one conversation: a slug of its title and the start of its id."""
    return f"{_slug(summary.title)}-{_slug(summary.id)[:_SHORT_ID]}.md"


_ROLE_NAMES = {"user": "User", "assistant": "Assistant", "system": "System"}

_STATUS_NOTES = {
    "partial": "Partial answer: it stopped before it was complete.",
    "streaming": "Partial answer: the app stopped while it was arriving.",
    "cancelled": "Stopped: the answer was cancelled before it was complete.",
}


def _message_markdown(
    message: MessageRecord, providers: Sequence[Provider], files: Sequence[AttachmentRecord]
) -> list[str]:
    heading = [_ROLE_NAMES.get(message.role, message.role.title())]
    if message.model:
        provider = shown_name(providers, message.provider, message.provider_name)
        via = f" via {provider}" if provider else ""
        heading.append(f"{message.model}{via}")
    heading.append(_readable_time(message.created_at))
    lines = ["## " + " · ".join(heading), ""]
    note = _STATUS_NOTES.get(message.status)
    if message.status == "error":
        note = f"Error: {_one_line(message.error or 'the answer failed.')}"
    if note:
        lines += [f"> **{note}**", ""]
    if message.reasoning.strip():
        # A collapsed block on renderers that know <details>; the blank lines keep the
        # Markdown inside (code blocks, lists) rendered as Markdown.
        lines += [
            "<details>",
            "<summary>Reasoning</summary>",
            "",
            message.reasoning.strip("\n"),
            "",
            "</details>",
            "",
        ]
    if message.content:
        lines += [message.content.strip("\n"), ""]
    lines += attached_markdown(files)
    spend = _spend_line(message)
    if spend:
        lines += [f"*{spend}*", ""]
    return lines


def _spend_line(message: MessageRecord) -> str:
    parts: list[str] = []
    usage = message.usage
    if usage is not None:
        cached = f" ({usage.cached_input_tokens:,} cached)" if usage.cached_input_tokens else ""
        thinking = f" ({usage.reasoning_tokens:,} reasoning)" if usage.reasoning_tokens else ""
        parts.append(f"{usage.input_tokens:,} tokens in{cached}")
        parts.append(f"{usage.output_tokens:,} out{thinking}")
        if usage.source == "estimated":
            parts.append("estimated")
    if message.cost_usd is not None:
        parts.append(format_usd(message.cost_usd))
    elif usage is not None:
        parts.append("cost unknown")
    return " · ".join(parts)


def _total_cost(messages: Sequence[MessageRecord]) -> Decimal | None:
    costs = [m.cost_usd for m in messages if m.cost_usd is not None]
    return sum(costs, Decimal(0)) if costs else None


def _readable_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _slug(text: str) -> str:
    """Lower-case words joined by hyphens; letters of any script are kept."""
    cleaned = _UNSAFE_IN_NAME.sub(" ", text.lower())
    words = re.findall(r"\w+", cleaned)
    slug = "-".join(words)[:_SLUG_LENGTH].strip("-_")
    return slug or "conversation"
