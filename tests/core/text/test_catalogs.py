"""The core's texts in Chinese: every template the core passes to t() is in every catalog with
the same fields, and a message shows in the language set (the history keeps English)."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from desktop_app.core.network.status_errors import error_for_status
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.language import Language
from desktop_app.core.text.messages import Text, catalog, message_of, shown, t

CORE = Path(__file__).resolve().parents[3] / "desktop_app" / "core"


def _templates() -> dict[str, str]:
    """Every literal template passed to t() or say() in the core, with where it is written."""
    found: dict[str, str] = {}
    for path in sorted(CORE.rglob("*.py")):
        if path.name == "messages.py" and path.parent.name == "text":
            continue  # the mechanism itself: say() passes its template on to t()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("t", "say")
                and node.args
            ):
                template = node.args[0]
                literal = isinstance(template, ast.Constant) and isinstance(template.value, str)
                assert literal, f"{path}:{node.lineno}: t() needs a literal template"
                assert isinstance(template, ast.Constant)
                found[str(template.value)] = f"{path.name}:{node.lineno}"
    return found


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_core_has_translatable_texts() -> None:
    assert len(_templates()) >= 15


@pytest.mark.parametrize("language", ["zh_CN", "zh_TW"])
def test_every_template_has_a_translation_with_the_same_fields(language: Language) -> None:
    table = catalog(language)
    missing = [f"{where}: {text!r}" for text, where in _templates().items() if text not in table]
    assert missing == [], f"add these to desktop_app/core/text/catalogs/{language}.py"
    for template, translation in table.items():
        assert _fields(translation) == _fields(template), template
    unused = set(table) - set(_templates())
    assert unused == set(), "translations of templates the core no longer has"


def test_a_provider_error_shows_in_the_language_set_and_stays_english_as_text() -> None:
    relay = Provider("relay", "HolySheep relay", "openai", "https://api.example.com/v1")
    error = error_for_status(relay, "gpt-4.1", 401, {}, b'{"error": {"message": "bad"}}', None)
    english = str(error)
    assert english.startswith("HolySheep relay rejected the API key (401: bad)")
    chinese = message_of(error, "zh_CN")
    assert chinese.startswith("HolySheep relay 拒绝了 API 密钥（401: bad）。密钥可能有误或已被吊销")
    assert "設定" in message_of(error, "zh_TW")
    assert message_of(error, "en") == english
    assert message_of(ValueError("plain"), "zh_CN") == "plain", "not a Text: as it is"


def test_a_text_is_its_english_and_a_missing_translation_falls_back_to_it() -> None:
    text = t("{n} answers", n=3)
    assert isinstance(text, Text)
    assert text == "3 answers"
    assert shown(text, "zh_CN") == "3 answers"  # no such template in the catalog


def test_amounts_and_budgets_follow_the_language_set() -> None:
    from decimal import Decimal

    from desktop_app.core.money.budget import BudgetState, describe
    from desktop_app.core.money.prices import format_money
    from desktop_app.core.settings.app_settings import AppSettings
    from desktop_app.core.text.messages import set_language

    state = BudgetState("month", Decimal(20), Decimal(21))  # over: 105 %
    assert format_money(None) == "price unknown"
    assert describe(state, AppSettings()).startswith("The monthly budget of $20.00 is used up")
    set_language("zh_CN")
    try:
        assert format_money(None) == "价格未知"
        sentence = describe(state, AppSettings())
        assert sentence == (
            "本月预算 $20.00 已用完（已花费 $21.00）。发送已暂停："
            "在设置中提高预算，或仅这一条消息照常发送。"
        )
    finally:
        set_language("en")
