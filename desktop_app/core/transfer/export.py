"""Export the history: DESIGN.md's JSON export, and Markdown documents to read or share.

An export is written a conversation at a time (write_export), each read from the history as
its turn comes (exported.each_conversation), and an attached file's bytes when its message is
written: however large the history, no more than one conversation and its files are in memory.
The Markdown is export_markdown.py's.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from desktop_app import __version__
from desktop_app.core.errors import ConfigError
from desktop_app.core.files import reason_of
from desktop_app.core.history.answer_origins import AnswerOrigin
from desktop_app.core.history.records import MessageRecord, StoredUsage
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.text.messages import t
from desktop_app.core.transfer.attached import attachments_json
from desktop_app.core.transfer.export_markdown import MARKDOWN_RULE, conversation_markdown
from desktop_app.core.transfer.exported import FullConversation, load_conversations
from desktop_app.version import commit

EXPORT_FORMAT = "tally-export"
EXPORT_VERSION = 1

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
            stream.write((MARKDOWN_RULE if n else "") + conversation_markdown(conversation))
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
            t("Cannot write {path}: {reason}.", path=str(path), reason=reason_of(exc))
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
