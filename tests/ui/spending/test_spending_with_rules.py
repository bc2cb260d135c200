"""Spending → "With my rules": a month worked out by hand, as sent and with the rules, per rule
(escalations counted, and marked when often) and per model, in yuan, unknown prices said; the
backtest read off the GUI thread; a routing.toml that does not load said, not guessed around."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from desktop_app.core.history.answer_origins import AnswerOrigin
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.routing.rules import Routing, Rule
from desktop_app.core.routing.rules_file import save_routing
from desktop_app.core.settings.app_settings import AppSettings
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from desktop_app.ui.spending.spending_dialog import SpendingDialog
from tests.support.history.billed_answers import billed_answer
from tests.support.history.spending_samples import time_zone
from tests.support.ui.spending_view import shown
from tests.support.waiting import reads_shown

pytestmark = pytest.mark.usefixtures("no_reads_on_the_gui_thread")

M = 1_000_000
NOW = datetime(2025, 3, 20, 12, tzinfo=UTC)
MARCH = datetime(2025, 3, 10, 12, tzinfo=UTC)
YUAN = AppSettings(currency_code="CNY", cny_per_usd=Decimal("7.3"))
PRICES = {
    "deepseek-chat": ModelPrice(Decimal("0.27"), Decimal("0.42")),
    "gemini-2.5-flash": ModelPrice(Decimal("0.15"), Decimal("2.50")),
    "gpt-4.1": ModelPrice(Decimal("2.00"), Decimal("8.00")),
    "claude-sonnet-4.5": ModelPrice(Decimal("3.00"), Decimal("15.00")),
}
RELAY = Provider("holysheep", "HolySheep relay", "openai", "http://127.0.0.1:9", prices=PRICES)


@pytest.fixture(autouse=True)
def in_utc() -> Iterator[None]:
    with time_zone("UTC0"):
        yield


def no_catalog(model: str, base_url: str) -> tuple[ModelPrice, str] | None:
    return None


def answered(
    store: HistoryStore,
    conversation: str,
    question: int,
    model: str,
    tokens: tuple[int, int],
    origin: AnswerOrigin | None = None,
) -> int:
    return billed_answer(store, conversation, question, model, tokens, PRICES, origin=origin)


def asked(store: HistoryStore, text: str) -> tuple[str, int]:
    conversation = store.create_conversation(text[:10], created_at=MARCH).id
    question = store.add_message(conversation, role="user", content=text, created_at=MARCH)
    return conversation, question.id


@pytest.fixture
def month(store: HistoryStore) -> HistoryStore:
    """March 2025 (tokens in, out):

    "Why is the sky blue?"  deepseek-chat (1M, 0.1M) $0.312, by Everything else, escalated to
                            gpt-4.1 (1M, 0.1M) $2.80
    "Explain monads"        the same
    code                    claude-sonnet-4.5 (1M, 0.1M) $4.50, picked by hand
    "hi"                    mystery-model (1M, 0): price unknown
    """
    for text in ("Why is the sky blue?", "Explain monads"):
        conversation, question = asked(store, text)
        first = answered(
            store,
            conversation,
            question,
            "deepseek-chat",
            (M, M // 10),
            AnswerOrigin("Everything else"),
        )
        answered(store, conversation, question, "gpt-4.1", (M, M // 10), AnswerOrigin(None, first))
    conversation, question = asked(store, "Why?\n```\nx = 1 / 0\n```")
    answered(store, conversation, question, "claude-sonnet-4.5", (M, M // 10))
    conversation, question = asked(store, "hi")
    answered(store, conversation, question, "mystery-model", (M, 0))
    return store


def opened_with_rules(qtbot: QtBot, store: HistoryStore) -> SpendingDialog:
    dialog = SpendingDialog(store, YUAN, [RELAY], now=NOW, catalog=no_catalog)
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    assert dialog.views.currentIndex() == 0, "as spent, until asked"
    QTest.mouseClick(dialog.rules_toggle, Qt.MouseButton.LeftButton)
    assert dialog.views.currentWidget() is dialog.backtest
    reads_shown(qtbot, dialog.reads)
    return dialog


def cells(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]
        for r in range(table.rowCount())
    ]


def test_the_month_with_the_shipped_rules(qtbot: QtBot, month: HistoryStore) -> None:
    dialog = opened_with_rules(qtbot, month)
    view = dialog.backtest
    # As sent: 0.312 + 2.80 twice, 4.50, and one unpriced = $10.724 (¥78.29 at 7.3).
    # With the shipped rules: the four everyday questions on deepseek-chat (0.312 each, "hi"
    # 0.27), the code on gpt-4.1 (Code) 2.80 = $4.318 (¥31.52); saved $6.406 (¥46.76), 60%.
    assert view.summary.text() == (
        "March 2025: <b>¥78.29 + 1 unpriced</b> as sent, <b>¥31.52</b> with the shipped rules."
        " The rules would have saved ¥46.76 (60%)."
    )
    assert cells(view.rules) == [
        ["Images", "holysheep/gemini-2.5-flash", "0", "—", "—", "—"],
        ["Long context", "holysheep/gemini-2.5-flash", "0", "—", "—", "—"],
        ["Code", "holysheep/gpt-4.1", "1", "¥32.85", "¥20.44", "—"],
        [
            "Everything else",
            "holysheep/deepseek-chat",
            "5",
            "¥45.44 + 1 unpriced",
            "¥11.08",
            "⚠ 2 of 2 (100%): often",
        ],
    ]
    often = view.rules.item(3, 5)
    assert often is not None
    assert "too cheap" in often.toolTip()
    assert cells(view.models) == [
        ["holysheep/gpt-4.1", "2", "¥40.88", "1", "¥20.44"],
        ["holysheep/deepseek-chat", "2", "¥4.56", "5", "¥11.08"],
        ["holysheep/claude-sonnet-4.5", "1", "¥32.85", "0", "—"],
        ["holysheep/mystery-model", "1", "price unknown", "0", "—"],
    ]
    assert "never counted as 0" in view.notes.text()
    assert "nothing is billed or written" in view.notes.text()

    QTest.mouseClick(dialog.rules_toggle, Qt.MouseButton.LeftButton)
    assert dialog.views.currentIndex() == 0, "back to the month as spent"


def test_the_users_rules_and_a_rule_no_longer_there(
    qtbot: QtBot, month: HistoryStore, data_dir: Path
) -> None:
    rules = (
        Rule("Code", "holysheep", "gpt-4.1", has_code=True),
        Rule("Short", "holysheep", "gemini-2.5-flash", max_tokens=4),
    )
    save_routing(data_dir / "routing.toml", Routing(rules))
    view = opened_with_rules(qtbot, month).backtest
    assert "with these rules" in view.summary.text()
    table = cells(view.rules)
    assert [row[0] for row in table] == [
        "Code",
        "Short",
        "(no rule matched: as sent)",
        "Everything else (not in the rules now)",
    ]
    assert table[3][1:] == ["", "", "", "", "⚠ 2 of 2 (100%): often"]
    # "Short" (4 tokens at most: "Explain monads", "hi") sends three answers to gemini-2.5-flash:
    # 1M in and 0.1M out is $0.40, twice, and "hi"'s 1M in $0.15: $0.95. "Why is the sky
    # blue?" (5 tokens) matches no rule: its two answers stay as sent, $3.112.
    assert table[1][2:5] == ["3", "¥22.72 + 1 unpriced", "¥6.94"]
    assert table[2][1:5] == ["", "2", "¥22.72", "¥22.72"]


def test_a_rules_file_that_does_not_load_is_said(
    qtbot: QtBot, month: HistoryStore, data_dir: Path
) -> None:
    (data_dir / "routing.toml").write_text('[[rule]]\nname = "x"\nhas_code = 1\n')
    view = opened_with_rules(qtbot, month).backtest
    text = view.summary.text()
    assert "routing.toml, line 1 (rule #1)" in text
    assert "Settings → Routing" in text
    assert view.rules.isHidden()
