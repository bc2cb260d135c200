"""Read the conversations.json of a ChatGPT data export into import records.

Each conversation is a tree of nodes (`mapping`); edits and regenerations are branches, and the
thread the user last saw runs from the root down to `current_node`, so it is found by walking up
the `parent` links from there. Only what the user saw is kept: user and assistant text. System
and tool messages, hidden context (custom instructions), assistant calls to tools and non-text
parts (images, files) are left out; a "thoughts" message becomes the reasoning of the answer
after it. ChatGPT records no tokens or prices, so usage and cost stay unknown.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, cast

from desktop_app.core.text.messages import t
from desktop_app.core.transfer.import_records import (
    ImportedConversation,
    ImportedMessage,
    Reading,
    Role,
    as_list,
    as_object,
    describe,
    fail,
    optional_string,
    read_conversations,
    required,
)

CHATGPT_NAMESPACE = uuid.UUID("5b0c4c8e-61a4-4a39-9a43-0d1f3c6f1e55")
"""Namespace of the uuid5 ids given to imported ChatGPT conversations. Fixed for good, so that
importing the same conversations.json again finds its conversations already present."""

_TEXT_KINDS = ("text", "multimodal_text")
_TITLE_LENGTH = 60
_EPOCH = datetime.fromtimestamp(0, UTC)


def read_chatgpt_export(
    items: list[Any], reading: Reading | None = None
) -> list[ImportedConversation]:
    """Check a whole conversations.json (already decoded); raises Malformed at the first fault."""
    return read_conversations(
        items,
        chatgpt_conversation,
        lambda _, first: t("the same conversation as conversations[{first}]", first=first),
        reading,
    )


def chatgpt_conversation_id(own_id: str) -> str:
    """The id a ChatGPT conversation gets in the history."""
    return str(uuid.uuid5(CHATGPT_NAMESPACE, own_id))


def chatgpt_conversation(obj: dict[str, Any], where: str) -> ImportedConversation:
    """One conversation of a conversations.json, read into its record; Malformed at a fault."""
    own_id = obj.get("conversation_id") or obj.get("id")
    if not isinstance(own_id, str):
        fail(where, t("needs a string 'conversation_id' or 'id'"))
    mapping = as_object(required(obj, "mapping", where), f"{where}.mapping")
    started = _epoch(obj.get("create_time"), where, "create_time")
    title = optional_string(obj, "title", where)
    messages = _thread(obj.get("current_node"), mapping, where, started)
    if started is None:
        started = messages[0].created_at if messages else _EPOCH
    return ImportedConversation(
        id=chatgpt_conversation_id(own_id),
        title=(title or "").strip() or _title_from(messages),
        created_at=started,
        messages=tuple(messages),
        archived=obj.get("is_archived") is True,
    )


def _thread(
    current: object, mapping: dict[str, Any], where: str, started: datetime | None
) -> list[ImportedMessage]:
    if current is None and not mapping:
        return []
    if not isinstance(current, str):
        fail(where, t("'current_node' must be a node id, not {value}", value=describe(current)))
    path: list[tuple[str, dict[str, Any]]] = []
    node_id: object = current
    while node_id is not None:
        if not isinstance(node_id, str) or node_id not in mapping:
            fail(f"{where}.mapping", t("node {node} is not in the mapping", node=describe(node_id)))
        if len(path) > len(mapping):
            fail(
                f"{where}.mapping",
                t("the parents of node {node!r} go round in a circle", node=current),
            )
        node = as_object(mapping[node_id], f"{where}.mapping[{node_id!r}]")
        path.append((node_id, node))
        node_id = node.get("parent")
    path.reverse()
    messages: list[ImportedMessage] = []
    reasoning: list[str] = []
    # A message without a time takes the one before it; the first, the conversation's start
    # or else the first time the thread has.
    last_time = started or _first_time(path)
    for node_id, node in path:
        if node.get("message") is None:  # the root
            continue
        node_where = f"{where}.mapping[{node_id!r}].message"
        message = as_object(node["message"], node_where)
        if thoughts := _thoughts(message, node_where):
            reasoning.append(thoughts)
            continue
        imported = _message(message, node_where, last_time, "\n\n".join(reasoning))
        if imported is not None:
            messages.append(imported)
            last_time = imported.created_at
            reasoning.clear()
    return messages


def _message(
    message: dict[str, Any], where: str, last_time: datetime | None, reasoning: str
) -> ImportedMessage | None:
    """The message as the user saw it, or None for one the ChatGPT window does not show."""
    author = as_object(required(message, "author", where), f"{where}.author")
    role = author.get("role")
    if not isinstance(role, str):
        fail(f"{where}.author", t("'role' must be a string, not {value}", value=describe(role)))
    metadata = message.get("metadata")
    metadata = metadata if isinstance(metadata, dict) else {}
    if role not in ("user", "assistant") or metadata.get("is_visually_hidden_from_conversation"):
        return None
    if message.get("recipient", "all") != "all":  # a call to a tool, not an answer
        return None
    content = as_object(required(message, "content", where), f"{where}.content")
    if content.get("content_type") not in _TEXT_KINDS:
        return None
    parts = as_list(content.get("parts", []), f"{where}.content", "parts")
    text = "\n\n".join(p for p in parts if isinstance(p, str) and p.strip())
    if not text:
        return None
    created = _epoch(message.get("create_time"), where, "create_time") or last_time
    model = metadata.get("model_slug") if role == "assistant" else None
    return ImportedMessage(
        role=cast(Role, role),
        content=text,
        created_at=created or _EPOCH,
        reasoning=reasoning if role == "assistant" else "",
        model=model if isinstance(model, str) and model else None,
    )


def _first_time(path: list[tuple[str, dict[str, Any]]]) -> datetime | None:
    for node_id, node in path:
        message = node.get("message")
        if isinstance(message, dict) and message.get("create_time") is not None:
            return _epoch(message["create_time"], f"mapping[{node_id!r}].message", "create_time")
    return None


def _thoughts(message: dict[str, Any], where: str) -> str:
    """The text of a reasoning model's "thoughts" message; "" for any other message."""
    content = message.get("content")
    if not isinstance(content, dict) or content.get("content_type") != "thoughts":
        return ""
    thoughts = as_list(content.get("thoughts", []), f"{where}.content", "thoughts")
    texts = [t.get("content") for t in thoughts if isinstance(t, dict)]
    return "\n\n".join(t for t in texts if isinstance(t, str) and t.strip())


def _epoch(value: object, where: str, key: str) -> datetime | None:
    """A time given as seconds since 1970 (ChatGPT writes floats), or None for null."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        fail(
            where,
            t(
                "{key!r} must be seconds since 1970 or null, not {value}",
                key=key,
                value=describe(value),
            ),
        )
    try:
        seconds = float(value)
    except OverflowError:  # an integer of hundreds of digits
        seconds = math.inf
    if not math.isfinite(seconds) or not 0 <= seconds < 1e11:
        fail(where, t("{key!r} is not a plausible time: {value}", key=key, value=describe(value)))
    return datetime.fromtimestamp(seconds, UTC)


def _title_from(messages: Sequence[ImportedMessage]) -> str:
    first = next((m.content for m in messages if m.role == "user"), "")
    line = next((part.strip() for part in first.splitlines() if part.strip()), "")
    if not line:
        return "ChatGPT conversation"
    return line if len(line) <= _TITLE_LENGTH else line[: _TITLE_LENGTH - 1].rstrip() + "…"
