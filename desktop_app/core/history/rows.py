"""Between the history's SQLite rows and the records of records.py (storage rows and the
records the store returns are kept apart, so either can change without the other)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Final, cast, get_args

from desktop_app.core.history.records import (
    ConversationSummary,
    MessageRecord,
    MessageStatus,
    StoredUsage,
    UsageSource,
)
from desktop_app.core.history.schema import time_from_text, time_to_text
from desktop_app.core.providers.base import Role

ROLES: Final = frozenset(get_args(Role))
STATUSES: Final = frozenset(get_args(MessageStatus))
SOURCES: Final = frozenset(get_args(UsageSource))

CONVERSATION_COLUMNS = (
    "id, title, created_at, updated_at, pinned, archived, last_provider, last_model, branched_from"
)
MESSAGE_COLUMNS = (
    "id, conversation_id, role, content, reasoning, provider, model, status, error,"
    " input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, usage_source,"
    " cost_usd, first_token_seconds, duration_seconds, created_at, cache_write_tokens,"
    " provider_name, parent_id"
)
MESSAGE_COLUMNS_BEFORE_TREE = MESSAGE_COLUMNS.replace("parent_id", "NULL")
"""The same from a history an older version wrote (tests open them), with no parents."""


def check_value(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def usage_columns(usage: StoredUsage | None) -> dict[str, object]:
    if usage is not None:
        check_value(usage.source in SOURCES, f"unknown usage source {usage.source!r}")
    return {
        "input_tokens": usage.input_tokens if usage else None,
        "output_tokens": usage.output_tokens if usage else None,
        "cached_input_tokens": usage.cached_input_tokens if usage else None,
        "reasoning_tokens": usage.reasoning_tokens if usage else None,
        "cache_write_tokens": usage.cache_write_tokens if usage else None,
        "usage_source": usage.source if usage else None,
    }


def cost_text(cost: Decimal | None) -> str | None:
    """The exact decimal as text (a float column would round it); None stays NULL: unknown."""
    if cost is None:
        return None
    check_value(cost.is_finite(), f"a cost must be a finite amount, not {cost}")
    return str(cost)


def list_page_query(
    *, archived: bool, after: ConversationSummary | None, limit: int
) -> tuple[str, list[object]]:
    """The SQL and arguments of one page of the list, which continues after `after`.

    The list's order (pinned, updated_at, id) is total, so the position of the page before's
    last row is an exact keyset cursor, and the conversations_list index serves it as a range.
    """
    sql = f"SELECT {CONVERSATION_COLUMNS} FROM conversations"
    sql += " WHERE deleted_at IS NULL AND archived = ?"
    args: list[object] = [int(archived)]
    if after is not None:
        sql += " AND (pinned, updated_at, id) < (?, ?, ?)"
        args += [int(after.pinned), time_to_text(after.updated_at), after.id]
    sql += " ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT ?"
    args.append(limit)
    return sql, args


def conversation_from_row(row: Any) -> ConversationSummary:
    conversation_id, title, created_at, updated_at, pinned, archived, provider, model, origin = row
    return ConversationSummary(
        id=conversation_id,
        title=title,
        created_at=time_from_text(created_at),
        updated_at=time_from_text(updated_at),
        pinned=bool(pinned),
        archived=bool(archived),
        last_provider=provider,
        last_model=model,
        branched_from=origin,
    )


def message_from_row(row: Any) -> MessageRecord:
    (
        message_id,
        conversation_id,
        role,
        content,
        reasoning,
        provider,
        model,
        status,
        error,
        input_tokens,
        output_tokens,
        cached_input_tokens,
        reasoning_tokens,
        usage_source,
        cost_usd,
        first_token_seconds,
        duration_seconds,
        created_at,
        cache_write_tokens,
        provider_name,
        parent_id,
    ) = row
    usage = None
    if usage_source is not None:
        check_value(
            usage_source in SOURCES, f"unknown usage source {usage_source!r} in the history"
        )
        usage = StoredUsage(
            input_tokens,
            output_tokens,
            cached_input_tokens,
            reasoning_tokens,
            usage_source,
            cache_write_tokens or 0,  # NULL in rows from before migration 004
        )
    check_value(role in ROLES, f"unknown role {role!r} in the history")
    check_value(status in STATUSES, f"unknown status {status!r} in the history")
    return MessageRecord(
        id=message_id,
        conversation_id=conversation_id,
        role=cast(Role, role),
        content=content,
        reasoning=reasoning,
        provider=provider,
        # NULL in rows from before migration 006 whose `provider` holds the name it had then
        # (history/provider_ids.py turns those into ids where it can).
        provider_name=provider if provider_name is None else provider_name,
        model=model,
        status=cast(MessageStatus, status),
        error=error,
        usage=usage,
        cost_usd=None if cost_usd is None else Decimal(cost_usd),
        first_token_seconds=first_token_seconds,
        duration_seconds=duration_seconds,
        created_at=time_from_text(created_at),
        parent_id=parent_id,
    )


def utc_now() -> datetime:
    """Now, in UTC: what the store dates its rows with."""
    return datetime.now(UTC)


def new_id() -> str:
    """A new conversation's id: a random (version 4) UUID as 32 hex digits, as uuid.uuid4().hex
    gives, made here because the uuid module loads platform, 3-4 ms of processor time before
    `tally ask` sends its question."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    return raw.hex()
