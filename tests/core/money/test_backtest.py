"""The routing backtest against a month worked out by hand: as sent against with the rules, per
rule and per model, unknown prices said and not counted, and the escalation counts."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.history.answer_origins import AnswerOrigin
from desktop_app.core.history.conversation_parameters import (
    ConversationParameters,
    remember_parameters,
)
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.backtest import backtest
from desktop_app.core.money.spending import Month, Totals
from desktop_app.core.routing.rules import ModelRef, Routing, Rule
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from tests.support.history.billed_answers import billed_answer

M = 1_000_000
PRICES = {
    "deepseek-chat": ModelPrice(Decimal("0.27"), Decimal("0.42")),
    "gemini-2.5-flash": ModelPrice(Decimal("0.15"), Decimal("2.50")),
    "gpt-4.1": ModelPrice(Decimal("2.00"), Decimal("8.00")),
}
RELAY = Provider("holysheep", "HolySheep relay", "openai", "http://127.0.0.1:9", prices=PRICES)
ROUTING = Routing(
    (
        Rule("Images", "holysheep", "gemini-2.5-flash", has_image=True),
        Rule("Long context", "holysheep", "gemini-2.5-flash", min_tokens=30_000),
        Rule("Code", "holysheep", "gpt-4.1", has_code=True),
        Rule("Translator", "holysheep", "gpt-4.1", assistant="Translator"),
        Rule("Everything else", "holysheep", "deepseek-chat"),
    )
)
MARCH = datetime(2025, 3, 10, 12, tzinfo=UTC)


def answered(
    store: HistoryStore,
    conversation: str,
    parent: int | None,
    model: str,
    tokens: tuple[int, int],
    *,
    at: datetime = MARCH,
    origin: AnswerOrigin | None = None,
) -> int:
    """A billed answer under `parent`, at the price it had (none for an unknown model)."""
    return billed_answer(store, conversation, parent, model, tokens, PRICES, at=at, origin=origin)


def asked(
    store: HistoryStore,
    conversation: str,
    text: str,
    parent: int | None = None,
    attachments: tuple[Attachment, ...] = (),
) -> int:
    record = store.add_message(
        conversation,
        role="user",
        content=text,
        created_at=MARCH,
        parent_id=parent,
        attachments=attachments,
    )
    return record.id


def a_month(store: HistoryStore) -> None:
    """The month of the test below, answer by answer (tokens in, out):

    A1  "Why is the sky blue?"  deepseek-chat (1M, 0.1M)  rule Everything else, escalated
    A1b the same question       gpt-4.1 (1M, 0.1M)        escalated from A1
    A2  code, in a conversation deleted since      gpt-4.1 (2M, 0.5M)
    A3  an image attached       deepseek-chat (1M, 1M)
    A4  "hi"                    mystery-model (1M, 0)     price unknown as sent
    A5  after 130,000 characters of context        deepseek-chat (0.1M, 0)
    A6  as the Translator assistant                deepseek-chat (0.1M, 0.1M)
    and one answer in April, which is not in March.
    """
    sky = store.create_conversation("sky").id
    q1 = asked(store, sky, "Why is the sky blue?")
    a1 = answered(
        store, sky, q1, "deepseek-chat", (M, M // 10), origin=AnswerOrigin("Everything else")
    )
    answered(store, sky, q1, "gpt-4.1", (M, M // 10), origin=AnswerOrigin(None, a1))
    code = store.create_conversation("code").id
    answered(
        store, code, asked(store, code, "Why?\n```\nx = 1 / 0\n```"), "gpt-4.1", (2 * M, M // 2)
    )
    store.delete(code)
    image = store.create_conversation("image").id
    photo = Attachment("a.png", "image/png", b"\x89PNG")
    q3 = asked(store, image, "What is this?", attachments=(photo,))
    answered(store, image, q3, "deepseek-chat", (M, M))
    mystery = store.create_conversation("mystery").id
    answered(store, mystery, asked(store, mystery, "hi"), "mystery-model", (M, 0))
    long = store.create_conversation("long").id
    first = asked(store, long, "x" * 130_000)
    before = store.add_message(long, role="assistant", content="ok", parent_id=first).id
    answered(store, long, asked(store, long, "and now?", before), "deepseek-chat", (M // 10, 0))
    translated = store.create_conversation("translate").id
    remember_parameters(store, translated, ConversationParameters("translator"))
    answered(
        store, translated, asked(store, translated, "你好"), "deepseek-chat", (M // 10, M // 10)
    )
    april = store.create_conversation("april").id
    answered(
        store,
        april,
        asked(store, april, "later"),
        "gpt-4.1",
        (M, M),
        at=datetime(2025, 4, 2, tzinfo=UTC),
    )


def usd(text: str) -> Decimal:
    return Decimal(text)


def test_a_month_as_sent_and_with_the_rules(store: HistoryStore) -> None:
    a_month(store)
    result = backtest(store, ROUTING, Month(2025, 3), [RELAY])
    # As sent: A1 0.27 + 0.042; A1b 2 + 0.8; A2 4 + 4; A3 0.27 + 0.42; A4 unknown;
    # A5 0.027; A6 0.027 + 0.042.
    assert result.as_sent == Totals(usd("11.898"), False, 1, 7, usd("0"))
    # With the rules: A1, A1b and A4 on deepseek-chat 0.312, 0.312, 0.27; A2 stays on gpt-4.1
    # (Code) 8; A3 on gemini-2.5-flash (Images) 0.15 + 2.5; A5 there too (Long context: 130,008
    # characters above it, ≈32,505 tokens) 0.015; A6 on gpt-4.1 (Translator) 0.2 + 0.8.
    assert result.with_rules == Totals(usd("12.559"), False, 0, 7, usd("0"))
    assert result.saved == usd("11.898") - usd("12.559")
    assert result.unroutable == 0
    lines = {
        line.rule: (
            line.as_sent.usd,
            line.as_sent.unpriced,
            line.with_rules.usd,
            line.with_rules.answers,
        )
        for line in result.rules
    }
    assert lines == {
        "Images": (usd("0.69"), 0, usd("2.65"), 1),
        "Long context": (usd("0.027"), 0, usd("0.015"), 1),
        "Code": (usd("8"), 0, usd("8"), 1),
        "Translator": (usd("0.069"), 0, usd("1.0"), 1),
        "Everything else": (usd("3.112"), 1, usd("0.894"), 3),
    }
    assert [line.choice for line in result.rules] == [rule.choice for rule in ROUTING.rules]
    models = {
        str(m.model): (m.as_sent.usd, m.as_sent.answers, m.with_rules.usd, m.with_rules.answers)
        for m in result.models
    }
    assert models == {
        "holysheep/gpt-4.1": (usd("10.80"), 2, usd("9.0"), 2),
        "holysheep/gemini-2.5-flash": (usd("0"), 0, usd("2.665"), 2),
        "holysheep/deepseek-chat": (usd("1.098"), 4, usd("0.894"), 3),
        "holysheep/mystery-model": (usd("0"), 1, usd("0"), 0),
    }
    assert next(str(m.model) for m in result.models) == "holysheep/gpt-4.1"  # dearest first
    (everything,) = result.escalations
    assert (everything.rule, everything.answers, everything.escalated) == ("Everything else", 1, 1)


def test_unknown_prices_are_said_and_answers_no_rule_matches_stay_as_sent(
    store: HistoryStore,
) -> None:
    a_month(store)
    narrow = Routing((Rule("Images", "elsewhere", "gemini-2.5-flash", has_image=True),))
    result = backtest(store, narrow, Month(2025, 3), [RELAY])
    images, unmatched = result.rules
    assert images.choice == ModelRef("elsewhere", "gemini-2.5-flash")
    assert (images.with_rules.answers, images.with_rules.unpriced) == (1, 1)  # no such provider
    assert images.with_rules.usd == 0
    assert unmatched.rule is None
    assert unmatched.choice is None
    assert unmatched.with_rules == unmatched.as_sent  # the six others, as they were sent
    assert result.with_rules.unpriced == 2
    assert backtest(store, narrow, Month(2025, 5), [RELAY]).as_sent == Totals()
