"""The rules on the user's own history: every answer of a month asked again, on paper, of the
model the routing rules would have picked for its question, its real tokens re-priced there.
"November: $412 as sent, $96 with these rules", per rule and per model; and, per rule, how many
of the answers it picked the user escalated to a stronger model (a rule whose answers are often
escalated is too cheap).

A backtest is a what-if figure: it reads the history and the ledger and writes nothing. The
month's answers are the ledger's (spending.py's), so an answer in a deleted conversation counts
as it does in `tally spend`; one whose question is gone for good (a purged conversation) cannot be
routed, and counts as sent. Each answer is re-priced alone, in the price tier of its own prompt
(prices.cost_usd), at the provider's own price, else the relay's list, else the bundled catalog
(prices.quote), as the app prices everything. A price nobody knows is said (Totals.unpriced),
never counted as 0.

What the rules see of a past question is what they would have seen when it was sent: its text,
its length with the path above it (and attached documents' text) estimated as routing estimates
it, whether an image was attached, and the conversation's assistant. The backtest cannot know
whether the cheaper model's answer would have been good enough: the escalation counts are the
user's own word on that.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop_app.core.events import Usage
from desktop_app.core.history.attachment_rows import records_of
from desktop_app.core.history.conversation_parameters import remembered_parameters
from desktop_app.core.history.schema import keeps_origins, time_to_text
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.prices import CatalogLookup, cost_usd, quote
from desktop_app.core.money.spending import TOKEN_KINDS, Month, Totals
from desktop_app.core.routing.matching import route
from desktop_app.core.routing.question import Question
from desktop_app.core.routing.rules import ModelRef, Routing
from desktop_app.core.settings.providers_file import ModelPrice, Provider


@dataclass(frozen=True, slots=True)
class RuleLine:
    """The answers one rule would have picked the model of (`rule` None: those no rule matched,
    which stay on the model they were sent to): what they cost as sent, and with the rules."""

    rule: str | None
    choice: ModelRef | None
    as_sent: Totals
    with_rules: Totals


@dataclass(frozen=True, slots=True)
class ModelLine:
    """One model: the answers sent to it and what they cost, and the answers the rules would
    have sent to it and what they would have cost."""

    model: ModelRef
    as_sent: Totals
    with_rules: Totals


@dataclass(frozen=True, slots=True)
class Escalations:
    """A rule as it picked models when the answers were sent (each answer records its rule):
    how many answers of the month it picked, and how many of those the user escalated."""

    rule: str
    answers: int
    escalated: int


@dataclass(frozen=True, slots=True)
class Backtest:
    """A month of answers as sent and with the rules."""

    month: Month
    as_sent: Totals
    with_rules: Totals
    rules: tuple[RuleLine, ...]
    """In the order of the rules, then the answers no rule matched."""
    models: tuple[ModelLine, ...]
    """The dearest with the rules first."""
    escalations: tuple[Escalations, ...]
    """The rules recorded on the month's answers, by name."""
    unroutable: int = 0
    """Answers whose question is no longer in the history (counted as sent)."""

    @property
    def saved(self) -> Decimal:
        """What the rules would have saved (negative: cost more), over the priced answers."""
        return self.as_sent.usd - self.with_rules.usd


@dataclass(slots=True)
class _Answer:
    message_id: int
    conversation_id: str
    sent: ModelRef
    usage: Usage
    cost: Decimal | None


def backtest(
    store: HistoryStore,
    routing: Routing,
    month: Month,
    providers: Sequence[Provider],
    catalog: CatalogLookup | None = None,
) -> Backtest:
    """Apply `routing` to every billed answer of `month` and re-price each on the model it
    picks (see the module's docstring)."""
    answers = _month_answers(store, month)
    prices = _Prices(providers, catalog)
    by_rule: dict[str | None, list[Totals]] = {r.name: [Totals(), Totals()] for r in routing.rules}
    by_rule.setdefault(None, [Totals(), Totals()])
    choices: dict[str | None, ModelRef | None] = {r.name: r.choice for r in routing.rules}
    by_model: dict[ModelRef, list[Totals]] = {}
    unroutable = 0
    for conversation_id, group in _by_conversation(answers).items():
        questions = _Questions(store, conversation_id)
        for answer in group:
            question = questions.of(answer.message_id)
            chosen = None if question is None else route(routing, question)
            unroutable += question is None
            sent = _totals(answer.cost, answer.usage)
            if chosen is None:
                target, routed = answer.sent, sent
            else:
                target = chosen.ref
                routed = _totals(prices.cost(target, answer.usage), answer.usage)
            line = by_rule[None if chosen is None else chosen.rule]
            line[0] += sent
            line[1] += routed
            by_model.setdefault(answer.sent, [Totals(), Totals()])[0] += sent
            by_model.setdefault(target, [Totals(), Totals()])[1] += routed
    rules = tuple(
        RuleLine(name, choices.get(name), sent, routed)
        for name, (sent, routed) in by_rule.items()
        if sent.answers or name is not None
    )
    models = tuple(
        sorted(
            (ModelLine(ref, sent, routed) for ref, (sent, routed) in by_model.items()),
            key=lambda line: (-line.with_rules.usd, -line.as_sent.usd, str(line.model)),
        )
    )
    return Backtest(
        month,
        sum((line.as_sent for line in rules), Totals()),
        sum((line.with_rules for line in rules), Totals()),
        rules,
        models,
        _escalations(store, [answer.message_id for answer in answers]),
        unroutable,
    )


def _totals(usd: Decimal | None, usage: Usage) -> Totals:
    """One answer's Totals: priced or not, estimated when its tokens were."""
    estimated = usage.source != "reported"
    if usd is None:
        return Totals(unpriced=1, answers=1, estimated=False)
    return Totals(usd, estimated, 0, 1, usd if estimated else Decimal(0))


@dataclass(slots=True)
class _Prices:
    """Model prices, each looked up once."""

    providers: Sequence[Provider]
    catalog: CatalogLookup | None
    found: dict[ModelRef, ModelPrice | None] = field(default_factory=dict)

    def cost(self, model: ModelRef, usage: Usage) -> Decimal | None:
        if model not in self.found:
            provider = next((p for p in self.providers if p.id == model.provider), None)
            quoted = None if provider is None else quote(provider, model.model, self.catalog)
            self.found[model] = None if quoted is None else quoted.price
        price = self.found[model]
        return None if price is None else cost_usd(price, usage)


_LEDGER_COLUMNS = "message_id, conversation_id, provider, model, cost_usd, usage_source, " + (
    ", ".join(TOKEN_KINDS)
)


def _month_answers(store: HistoryStore, month: Month) -> list[_Answer]:
    with store.reading() as conn:
        rows = conn.execute(
            f"SELECT {_LEDGER_COLUMNS} FROM ledger WHERE created_at >= ? AND created_at < ?"
            " ORDER BY message_id",
            (time_to_text(month.start), time_to_text(month.end)),
        ).fetchall()
    return [_answer(row) for row in rows]


def _answer(row: Any) -> _Answer:
    message_id, conversation_id, provider, model, cost, source, *counts = row
    named: dict[str, Any] = dict(zip(TOKEN_KINDS, counts, strict=True))
    usage = Usage(**named, source=source or "estimated")
    sent = ModelRef(provider or "", model or "")
    return _Answer(
        message_id, conversation_id, sent, usage, None if cost is None else Decimal(cost)
    )


def _by_conversation(answers: list[_Answer]) -> dict[str, list[_Answer]]:
    grouped: dict[str, list[_Answer]] = {}
    for answer in answers:
        grouped.setdefault(answer.conversation_id, []).append(answer)
    return grouped


class _Questions:
    """The questions of one conversation's answers, as routing would have seen them: the
    conversation's messages are read once, the text of a question only when asked for."""

    def __init__(self, store: HistoryStore, conversation_id: str) -> None:
        self.store = store
        with store.reading() as conn:
            rows = conn.execute(
                "SELECT id, parent_id, role, length(content) FROM messages"
                " WHERE conversation_id = ? ORDER BY id",
                (conversation_id,),
            ).fetchall()
            files = records_of(conn, conversation_id) if _has_table(conn, "attachments") else {}
        self.parent = {mid: parent for mid, parent, _, _ in rows}
        self.role = {mid: role for mid, _, role, _ in rows}
        self.chars = {
            mid: length + sum(len(f.text or "") for f in files.get(mid, ()))
            for mid, _, _, length in rows
        }
        self.image = {
            mid for mid, attached in files.items() if any(_image(f.mime_type) for f in attached)
        }
        kept = remembered_parameters(store, conversation_id)
        self.assistant = None if kept is None else kept.assistant
        self.system_chars = len(kept.parameters.system or "") if kept is not None else 0

    def of(self, answer_id: int) -> Question | None:
        """The question `answer_id` answered; None when it is not in the history."""
        question_id = self.parent.get(answer_id)
        if question_id is None or self.role.get(question_id) != "user":
            return None
        context = self.system_chars
        above = self.parent.get(question_id)
        while above is not None and above in self.chars:
            context += self.chars[above]
            above = self.parent.get(above)
        with self.store.reading() as conn:
            (text,) = conn.execute(
                "SELECT content FROM messages WHERE id = ?", (question_id,)
            ).fetchone()
        own_files = self.chars[question_id] - len(text)
        return Question.of(
            text,
            context_chars=context + own_files,
            has_image=question_id in self.image,
            assistant=self.assistant,
        )


def _image(mime_type: str) -> bool:
    return mime_type.startswith("image/")


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
    return found.fetchone() is not None


def _escalations(store: HistoryStore, answer_ids: list[int]) -> tuple[Escalations, ...]:
    """Per rule recorded on these answers: how many, and how many were escalated."""
    counts: dict[str, list[int]] = {}
    with store.reading() as conn:
        if not keeps_origins(conn):
            return ()
        for start in range(0, len(answer_ids), 500):
            chunk = answer_ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = conn.execute(
                "SELECT rule, EXISTS (SELECT 1 FROM messages AS e WHERE e.escalated_from = m.id)"
                f" FROM messages AS m WHERE m.rule IS NOT NULL AND m.id IN ({marks})",
                chunk,
            ).fetchall()
            for rule, escalated in rows:
                tally = counts.setdefault(rule, [0, 0])
                tally[0] += 1
                tally[1] += bool(escalated)
    return tuple(Escalations(rule, n, up) for rule, (n, up) in sorted(counts.items()))
