"""The plain records an import reads a file into, and the checks shared by the file readers.

A reader raises Malformed("conversations[3].messages[2]: 'role' must be ...") at the first
thing wrong; history_import turns that into a ConfigError naming the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal, NoReturn, cast

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.history.conversation_parameters import ConversationParameters
from desktop_app.core.history.records import StoredUsage
from desktop_app.core.text.messages import t
from desktop_app.core.text.one_line import one_line

Role = Literal["user", "assistant", "system"]
ImportedStatus = Literal["complete", "partial", "cancelled", "error"]


@dataclass(frozen=True, slots=True)
class ImportedMessage:
    """One message read from a file, checked and ready to store."""

    role: Role
    content: str
    created_at: datetime
    reasoning: str = ""
    provider: str | None = None
    """The provider's id (or, from an old export, its name when no provider has it now)."""
    provider_name: str | None = None
    """The provider's name when it answered."""
    model: str | None = None
    status: ImportedStatus = "complete"
    error: str | None = None
    usage: StoredUsage | None = None
    cost_usd: Decimal | None = None
    first_token_seconds: float | None = None
    duration_seconds: float | None = None
    billed: bool = True
    """False for an answer whose cost the exported history did not bill (a branch's copy of an
    answer billed once already, a simulated answer): the import does not bill it either."""
    attachments: tuple[Attachment, ...] = ()
    """The files attached to it, in order, their bytes checked against their SHA-256."""
    rule: str | None = None
    """The routing rule that picked an answer's model."""
    escalated_from: int | None = None
    """The position in its conversation's messages of the answer it is a stronger version of
    (always an earlier one)."""


@dataclass(frozen=True, slots=True)
class ImportedConversation:
    """One conversation read from a file, checked and ready to store."""

    id: str
    title: str
    created_at: datetime
    messages: tuple[ImportedMessage, ...]
    pinned: bool = False
    archived: bool = False
    parents: tuple[int | None, ...] | None = None
    """Each message's parent as its position in `messages` (always an earlier one), None for a
    first message; None for them all: a line, each message after the one before."""
    current: int | None = None
    """The position of the message the conversation shows last; None: the last one."""
    branched_from: str | None = None
    """The id of the conversation this one was branched from, if it was."""
    assistant: ConversationParameters | None = None
    """Its assistant and parameters, when the export has them."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", shown_title(self.title))

    def parent_positions(self) -> tuple[int | None, ...]:
        """Each message's parent's position in `messages` (None: a first message)."""
        if self.parents is not None:
            return self.parents
        return tuple(n - 1 if n else None for n in range(len(self.messages)))


class Malformed(Exception):
    """A place in the file and what is wrong there."""


def fail(where: str, problem: str) -> NoReturn:
    """Raise Malformed for `problem` (a Text, from t()) at `where` (a path like
    conversations[3].messages[2])."""
    raise Malformed(t("{where}: {problem}", where=where, problem=problem) if where else problem)


def describe(value: object) -> str:
    """A JSON value as an error message shows it: short strings quoted, containers named."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else t("a string")
    if isinstance(value, dict):
        return t("an object")
    if isinstance(value, list):
        return t("a list")
    return str(value)


def required(obj: dict[str, Any], key: str, where: str) -> Any:
    """The value of a key that must be there."""
    if key not in obj:
        fail(where, t("{key!r} is missing", key=key))
    return obj[key]


def as_object(value: object, where: str) -> dict[str, Any]:
    """`value`, which must be a JSON object."""
    if not isinstance(value, dict):
        fail(where, t("must be an object, not {value}", value=describe(value)))
    return cast(dict[str, Any], value)


def as_list(value: object, where: str, key: str) -> list[Any]:
    """`value`, the value of `key`, which must be a JSON list."""
    if not isinstance(value, list):
        fail(where, t("{key!r} must be a list, not {value}", key=key, value=describe(value)))
    return value


def string(obj: dict[str, Any], key: str, where: str, *, default: str | None = None) -> str:
    """A string value; required unless there is a default."""
    value = required(obj, key, where) if default is None else obj.get(key, default)
    if not isinstance(value, str):
        fail(where, t("{key!r} must be a string, not {value}", key=key, value=describe(value)))
    return value


def optional_string(obj: dict[str, Any], key: str, where: str) -> str | None:
    """A string, or None when null or missing."""
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        fail(
            where,
            t("{key!r} must be a string or null, not {value}", key=key, value=describe(value)),
        )
    return value


Reading = Callable[[], None]
"""Called now and then while a file is read: an import's progress, which may raise to stop it."""


def read_conversations(
    items: list[Any],
    read_one: Callable[[dict[str, Any], str], ImportedConversation],
    duplicate: Callable[[ImportedConversation, int], str],
    reading: Reading | None = None,
) -> list[ImportedConversation]:
    """Read every conversation of a file in order (an item may be read already: the record);
    the same id twice is a fault."""
    conversations: list[ImportedConversation] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if reading is not None and index % 100 == 0:
            reading()
        where = f"conversations[{index}]"
        if isinstance(item, ImportedConversation):
            conversation = item
        else:
            conversation = read_one(as_object(item, where), where)
        if conversation.id in seen:
            fail(where, duplicate(conversation, seen[conversation.id]))
        seen[conversation.id] = index
        conversations.append(conversation)
    return conversations


TITLE_LENGTH = 200
"""The longest title an import keeps (a title of 100,000 characters is no title)."""


def shown_title(title: str) -> str:
    """A file's title as the list and the terminal can show it: on one line, without control
    characters or direction marks, at most TITLE_LENGTH characters."""
    return one_line(title)[:TITLE_LENGTH]
