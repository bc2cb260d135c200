"""The table `tally compare` ends with: each answer's time, tokens, cost and status, and the
total, with money in the user's currency as `tally ask` shows it (the ledger's)."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.cli.asking import Billing
from desktop_app.cli.tables import table
from desktop_app.core.conversation import ChatMessage
from desktop_app.core.money.ledger import totals_of
from desktop_app.core.money.spending import Totals

_NONE = "-"


def answer_table(
    answers: Sequence[tuple[str, ChatMessage]], billing: Billing, wall_seconds: float
) -> list[str]:
    """The lines of the table: one row per (label, answer), the total, and what ≈ means."""
    header = ["Model", "Status", "First token", "Time", "In", "Out", "Cost"]
    body = [_row(label, message, billing) for label, message in answers]
    costs = [message.cost for _, message in answers]
    totals = sum((totals_of(cost) for cost in costs), Totals())
    tokens = [cost.usage for cost in costs if cost is not None]
    estimated = any(cost.estimated for cost in costs if cost is not None)
    approx = "≈" if estimated else ""
    body.append(
        [
            "Total",
            _done(answers),
            "",
            _seconds(wall_seconds),
            f"{approx}{sum(usage.input_tokens for usage in tokens):,}" if tokens else _NONE,
            f"{approx}{sum(usage.output_tokens for usage in tokens):,}" if tokens else _NONE,
            billing.ledger.total_text(totals) if totals.answers else _NONE,
        ]
    )
    notes = ["≈: estimated from the length of the text (no usage reported)."] if estimated else []
    return table(header, body, left=2) + notes


def _row(label: str, message: ChatMessage, billing: Billing) -> list[str]:
    cost = message.cost
    if cost is None:
        tokens, money = [_NONE, _NONE], _NONE
    else:
        approx = "≈" if cost.estimated else ""
        usage = cost.usage
        tokens = [f"{approx}{usage.input_tokens:,}", f"{approx}{usage.output_tokens:,}"]
        money = billing.ledger.money(cost.usd, estimated=cost.estimated)
    first = message.first_token_seconds
    return [
        label,
        _status(message),
        _NONE if first is None else _seconds(first),
        _seconds(message.duration_seconds or 0.0),
        *tokens,
        money,
    ]


def _status(message: ChatMessage) -> str:
    if message.status == "complete" and message.finish_reason == "length":
        return "cut at the token limit"
    if message.status == "partial" and message.error is None:
        return "partial (no end of answer)"
    return message.status


def _done(answers: Sequence[tuple[str, ChatMessage]]) -> str:
    complete = sum(message.status == "complete" for _, message in answers)
    return f"{complete} of {len(answers)} complete"


def _seconds(seconds: float) -> str:
    return f"{seconds:.2f} s"
