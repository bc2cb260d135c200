"""The rows of the history store, as plain records (kept apart from the in-memory
Conversation / ChatMessage the window shows; history_convert.py maps between them)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Final, Literal

from desktop_app.core.events import Usage

MessageStatus = Literal["streaming", "complete", "partial", "cancelled", "error"]
"""As stored: "streaming" only while an answer arrives; a stream that was never finished
(a crash, a kill) is shown as partial on the next start."""

UsageSource = Literal["reported", "estimated"]


class Unset(enum.Enum):
    """The type of UNSET: "leave this field as it is" where None is a value of its own."""

    UNSET = enum.auto()


UNSET: Final = Unset.UNSET

StoredUsage = Usage
"""Token counts as DESIGN.md's export defines them: the same normalized counts as the events."""


@dataclass(frozen=True, slots=True)
class MessageRecord:
    """One stored message."""

    id: int
    conversation_id: str
    role: Literal["user", "assistant", "system"]
    content: str
    reasoning: str
    provider: str | None
    """The provider's id (its name, in a row from before ids that no provider has now)."""
    provider_name: str | None
    """The provider's name when it answered."""
    model: str | None
    status: MessageStatus
    error: str | None
    usage: StoredUsage | None
    cost_usd: Decimal | None
    first_token_seconds: float | None
    duration_seconds: float | None
    created_at: datetime
    parent_id: int | None = None
    """The message this one answers or follows; None for a first message. Versions of a
    message (regenerated, edited, compared) share their parent."""


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    """What the conversation list shows of one conversation."""

    id: str
    title: str
    created_at: datetime
    updated_at: datetime
    pinned: bool
    archived: bool
    last_provider: str | None
    """The id of the provider of the last answer, as MessageRecord.provider."""
    last_model: str | None
    branched_from: str | None = None
    """The conversation this one was branched from ("Branch from here"), if it was."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A message that matches a search, with a snippet around the match."""

    conversation_id: str
    conversation_title: str
    message_id: int
    snippet: str
    """Plain text; the matched terms are wrapped in [[ and ]] for the view to highlight."""
    created_at: datetime
