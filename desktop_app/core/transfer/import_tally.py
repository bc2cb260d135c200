"""Read this app's JSON export (DESIGN.md, "JSON export") into import records.

An export written before providers were known by id has no "provider_name", and its "provider"
is the provider's name: that becomes the id of the provider of that name now, where there is one.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, cast, get_args

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.errors import ConfigError
from desktop_app.core.events import MAX_TOKENS
from desktop_app.core.history.conversation_parameters import ConversationParameters
from desktop_app.core.history.records import StoredUsage, UsageSource
from desktop_app.core.settings.provider_names import id_for
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import t
from desktop_app.core.transfer.export import EXPORT_FORMAT, EXPORT_VERSION
from desktop_app.core.transfer.import_records import (
    ImportedConversation,
    ImportedMessage,
    ImportedStatus,
    Malformed,
    Reading,
    Role,
    as_list,
    as_object,
    describe,
    fail,
    optional_string,
    read_conversations,
    required,
    string,
)

_ROLES: tuple[str, ...] = get_args(Role)
_STATUSES: tuple[str, ...] = get_args(ImportedStatus)
_SOURCES: tuple[str, ...] = get_args(UsageSource)


def read_tally_export(
    data: dict[str, Any], providers: Sequence[Provider] = (), reading: Reading | None = None
) -> list[ImportedConversation]:
    """Check a whole export; raises Malformed at the first thing wrong. `providers`: the ones
    known now, for an old export's provider names."""
    check_header(data)
    items = as_list(required(data, "conversations", ""), "", "conversations")
    return read_conversations(
        items,
        lambda obj, where: tally_conversation(obj, where, providers),
        lambda conversation, first: t(
            "id {id!r} is also conversations[{first}]'s", id=conversation.id, first=first
        ),
        reading,
    )


def is_tally_export(data: dict[str, Any]) -> bool:
    """Whether these members of a file's outer object make it an export this Tally reads."""
    try:
        check_header(data)
    except Malformed:
        return False
    return True


def check_header(data: dict[str, Any]) -> None:
    """Raise Malformed unless the export's "format" and "version" are ones this Tally reads."""
    if data.get("format") != EXPORT_FORMAT:
        found = describe(data.get("format"))
        fail("", t("'format' must be {format!r}, not {value}", format=EXPORT_FORMAT, value=found))
    version = required(data, "version", "")
    if isinstance(version, bool) or not isinstance(version, int):
        fail("", t("'version' must be a whole number, not {value}", value=describe(version)))
    if version > EXPORT_VERSION:
        fail(
            "",
            t(
                "written by a newer Tally (export version {version}); update Tally to read it",
                version=version,
            ),
        )
    if version < 1:
        fail(
            "",
            t(
                "'version' must be {expected}, not {version}",
                expected=EXPORT_VERSION,
                version=version,
            ),
        )


def tally_conversation(
    obj: dict[str, Any], where: str, providers: Sequence[Provider]
) -> ImportedConversation:
    """One conversation of an export, read into its record; Malformed at the first fault."""
    conversation_id = string(obj, "id", where)
    if not conversation_id.strip():
        fail(where, t("'id' must not be empty"))
    items = as_list(required(obj, "messages", where), where, "messages")
    messages = []
    positions: dict[str, int] = {}  # an exported id -> its message's position
    for index, item in enumerate(items):
        message_where = f"{where}.messages[{index}]"
        message = _message(as_object(item, message_where), message_where, providers)
        messages.append(_escalated(message, item, positions, message_where))
        if "id" in item:
            positions[_key(item["id"], message_where)] = index
    parents, current = _tree(items, where)
    return ImportedConversation(
        id=conversation_id,
        title=string(obj, "title", where),
        created_at=_time(obj, "created_at", where),
        messages=tuple(messages),
        pinned=_flag(obj, "pinned", where),
        archived=_flag(obj, "archived", where),
        parents=parents,
        current=current,
        branched_from=optional_string(obj, "branched_from", where),
        assistant=_assistant(obj.get("assistant"), f"{where}.assistant"),
    )


def _assistant(value: object, where: str) -> ConversationParameters | None:
    if value is None:
        return None
    try:
        return ConversationParameters.from_export(value)
    except ConfigError as exc:
        fail(where, str(exc))


def _tree(items: list[Any], where: str) -> tuple[tuple[int | None, ...] | None, int | None]:
    """The messages' parents by position and the position of the current message, from their
    "id", "parent_id" and "current"; (None, None) for an export from before trees, which has
    none of them: its messages are a line. A parent is always an earlier message (the export
    writes them in the order they were made)."""
    if not any("parent_id" in item for item in items):
        return None, None
    positions: dict[str, int] = {}
    parents: list[int | None] = []
    current: int | None = None
    for index, item in enumerate(items):
        message_where = f"{where}.messages[{index}]"
        parent = item.get("parent_id")
        if parent is None:
            parents.append(None)
        elif _key(parent, message_where) not in positions:
            fail(
                message_where,
                t("'parent_id' {parent} names no message before it", parent=describe(parent)),
            )
        else:
            parents.append(positions[_key(parent, message_where)])
        if "id" in item:
            positions[_key(item["id"], message_where)] = index
        if _flag(item, "current", message_where):
            current = index  # the last one marked is the end of the path
    return tuple(parents), current


def _escalated(
    message: ImportedMessage, item: dict[str, Any], positions: dict[str, int], where: str
) -> ImportedMessage:
    """The message with its "escalated_from" as the position of the answer it names, an
    earlier one."""
    named = item.get("escalated_from")
    if named is None:
        return message
    position = positions.get(_key(named, where))
    if position is None:
        fail(where, t("'escalated_from' {id} names no message before it", id=describe(named)))
    return replace(message, escalated_from=position)


def _key(value: object, where: str = "") -> str:
    """A message id as text: the export writes them as strings; numbers are taken too."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        fail(where, t("'id' must be a string, not {value}", value=describe(value)))
    return str(value)


def _message(obj: dict[str, Any], where: str, providers: Sequence[Provider]) -> ImportedMessage:
    provider = optional_string(obj, "provider", where)
    if "provider_name" in obj:
        provider_name = optional_string(obj, "provider_name", where)
    else:  # an export from before ids: "provider" is the name
        provider, provider_name = id_for(provider, providers), provider
    return ImportedMessage(
        role=cast(Role, _choice(obj, "role", where, _ROLES, default=None)),
        content=string(obj, "content", where),
        created_at=_time(obj, "created_at", where),
        reasoning=string(obj, "reasoning", where, default=""),
        provider=provider,
        provider_name=provider_name,
        model=optional_string(obj, "model", where),
        status=cast(ImportedStatus, _choice(obj, "status", where, _STATUSES, default="complete")),
        error=optional_string(obj, "error", where),
        usage=_usage(obj.get("usage"), f"{where}.usage"),
        cost_usd=_cost(obj, where),
        first_token_seconds=_seconds(obj, "first_token_seconds", where),
        duration_seconds=_seconds(obj, "duration_seconds", where),
        billed=_flag(obj, "billed", where, default=True),
        attachments=_attachments(obj, where),
        rule=optional_string(obj, "rule", where),
    )


def _attachments(obj: dict[str, Any], where: str) -> tuple[Attachment, ...]:
    """A message's "attachments", each file's bytes checked against its "sha256" and "size"
    where the file gives them: a damaged or altered file is refused, never stored as another."""
    if obj.get("attachments") is None:
        return ()
    files = []
    for index, item in enumerate(as_list(obj["attachments"], where, "attachments")):
        file_where = f"{where}.attachments[{index}]"
        entry = as_object(item, file_where)
        name = string(entry, "name", file_where)
        try:
            data = base64.b64decode(string(entry, "data", file_where), validate=True)
        except binascii.Error:
            fail(file_where, t("the data of {name!r} is not base64", name=name))
        digest = optional_string(entry, "sha256", file_where)
        actual = hashlib.sha256(data).hexdigest()
        if digest is not None and digest.lower() != actual:
            fail(
                file_where,
                t(
                    "the data of {name!r} does not match its sha256: the file was changed or"
                    " damaged after it was exported",
                    name=name,
                ),
            )
        size = entry.get("size")
        if size is not None and size != len(data):
            fail(
                file_where,
                t(
                    "{name!r} is {size} bytes long, not {said}",
                    name=name,
                    size=len(data),
                    said=describe(size),
                ),
            )
        text = optional_string(entry, "text", file_where)
        mime_type = string(entry, "mime_type", file_where)
        files.append(Attachment(name, mime_type, data, text, actual))
    return tuple(files)


def _usage(value: object, where: str) -> StoredUsage | None:
    if value is None:
        return None
    obj = as_object(value, where)
    return StoredUsage(
        input_tokens=_tokens(obj, "input_tokens", where, default=None),
        output_tokens=_tokens(obj, "output_tokens", where, default=None),
        cached_input_tokens=_tokens(obj, "cached_input_tokens", where, default=0),
        reasoning_tokens=_tokens(obj, "reasoning_tokens", where, default=0),
        cache_write_tokens=_tokens(obj, "cache_write_tokens", where, default=0),
        source=cast(UsageSource, _choice(obj, "source", where, _SOURCES, default="reported")),
    )


def _choice(
    obj: dict[str, Any], key: str, where: str, choices: tuple[str, ...], *, default: str | None
) -> str:
    """One of `choices`; a missing key is `default`, or an error when that is None."""
    value = required(obj, key, where) if default is None else obj.get(key, default)
    if value not in choices:
        names = t("{first} or {last}", first=", ".join(choices[:-1]), last=choices[-1])
        fail(
            where,
            t("{key!r} must be {names}, not {value}", key=key, names=names, value=describe(value)),
        )
    return cast(str, value)


_FIRST_TIME = datetime(1970, 1, 1, tzinfo=UTC)
_LAST_TIME = datetime.fromtimestamp(1e11, UTC)
"""The times an import takes (as the ChatGPT importer's): far past or future is a broken file."""
_LONGEST_SECONDS = 86_400.0
"""The longest time an import takes for an answer's first token or its end: a day."""
_MOST_USD = Decimal(1_000_000)
"""More than any one answer costs: a larger cost_usd is a broken file, not money spent."""
_FINEST_USD = -20
"""The finest fraction of a dollar kept (1e-20): a cost_usd of 1e-999999 would otherwise print
a million digits in the spending view."""


def _time(obj: dict[str, Any], key: str, where: str) -> datetime:
    value = string(obj, key, where)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        fail(
            where,
            t("{key!r} must be an ISO-8601 time, not {value}", key=key, value=describe(value)),
        )
    # A time without a zone is read as UTC, the zone the export writes.
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if not _FIRST_TIME <= moment <= _LAST_TIME:  # the spending view's months would overflow
        fail(where, t("{key!r} is not a plausible time: {value}", key=key, value=describe(value)))
    return moment


def _flag(obj: dict[str, Any], key: str, where: str, *, default: bool = False) -> bool:
    value = obj.get(key, default)
    if not isinstance(value, bool):
        fail(where, t("{key!r} must be true or false, not {value}", key=key, value=describe(value)))
    return value


def _tokens(obj: dict[str, Any], key: str, where: str, *, default: int | None) -> int:
    value = required(obj, key, where) if default is None else obj.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_TOKENS:
        fail(
            where,
            t(
                "{key!r} must be a whole number of tokens, not {value}",
                key=key,
                value=describe(value),
            ),
        )
    return value


def _seconds(obj: dict[str, Any], key: str, where: str) -> float | None:
    value = obj.get(key)
    if value is None:
        return None
    seconds = None
    if not isinstance(value, bool) and isinstance(value, int | Decimal):
        with contextlib.suppress(OverflowError):  # an integer of hundreds of digits
            seconds = float(value)
    # A day at most: an answer's time to its first token, or to its end.
    if seconds is None or not 0 <= seconds <= _LONGEST_SECONDS:
        fail(
            where,
            t(
                "{key!r} must be a number of seconds or null, not {value}",
                key=key,
                value=describe(value),
            ),
        )
    return seconds


def _cost(obj: dict[str, Any], where: str) -> Decimal | None:
    """Exact dollars from a JSON number (read as Decimal) or a numeric string; null is unknown."""
    value = obj.get("cost_usd")
    if value is None:
        return None
    amount: Decimal | None = None
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        amount = Decimal(value)
    elif isinstance(value, str):
        try:
            amount = Decimal(value.strip())
        except InvalidOperation:
            amount = None
    if amount is None or not amount.is_finite() or not 0 <= amount <= _MOST_USD:
        fail(
            where,
            t("'cost_usd' must be a number of dollars or null, not {value}", value=describe(value)),
        )
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < _FINEST_USD:
        amount = amount.quantize(Decimal(1).scaleb(_FINEST_USD))  # 1e-999999: not to print
    return amount
