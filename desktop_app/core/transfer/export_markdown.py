"""A Markdown export: one conversation, several in one document, or a folder of one file each,
to read or share (the JSON export is export.py's)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from desktop_app.core.history.attachment_rows import AttachmentRecord
from desktop_app.core.history.records import ConversationSummary, MessageRecord
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.prices import format_usd
from desktop_app.core.settings.provider_names import shown_name
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.one_line import one_line
from desktop_app.core.transfer.attached import attached_markdown
from desktop_app.core.transfer.exported import (
    FullConversation,
    chosen_conversations,
    loaded_conversation,
)

_SLUG_LENGTH = 50
_SHORT_ID = 8
# Characters Windows, macOS or Linux refuse in a file name, and control characters.
_UNSAFE_IN_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')


def export_markdown(
    store: HistoryStore, conversation_id: str, providers: Sequence[Provider] = ()
) -> str:
    """One conversation as a Markdown document. Raises ConfigError for an unknown id."""
    (summary,) = chosen_conversations(store, [conversation_id])
    return conversation_markdown(loaded_conversation(store, summary, providers))


def conversation_markdown(conversation: FullConversation) -> str:
    """A readable document: the title, then each message of the path the conversation shows,
    with who wrote it (the provider by its current name), when, and its cost. The cost in the
    heading is that of every answer, the versions not shown included: it was all spent."""
    summary, messages = conversation.summary, conversation.path()
    lines = [f"# {one_line(summary.title) or 'Untitled'}", ""]
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


MARKDOWN_RULE = "\n---\n\n"
"""What separates two conversations in one Markdown document."""


def markdown_document(conversations: Iterable[FullConversation]) -> str:
    """Several conversations in one Markdown document, separated by rules."""
    return MARKDOWN_RULE.join(conversation_markdown(c) for c in conversations)


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
        note = f"Error: {one_line(message.error or 'the answer failed.')}"
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


def _slug(text: str) -> str:
    """Lower-case words joined by hyphens; letters of any script are kept."""
    cleaned = _UNSAFE_IN_NAME.sub(" ", text.lower())
    words = re.findall(r"\w+", cleaned)
    slug = "-".join(words)[:_SLUG_LENGTH].strip("-_")
    return slug or "conversation"
