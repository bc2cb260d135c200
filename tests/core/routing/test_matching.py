"""Routing a question: each condition, first match wins, explain's reasons, the ladder."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.core.errors import ConfigError
from desktop_app.core.routing.matching import explain, provider_for, route, stronger
from desktop_app.core.routing.question import READ_CHARS, Question, has_code
from desktop_app.core.routing.rules import ModelRef, Routing, Rule
from desktop_app.core.routing.rules_file import default_routing
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from desktop_app.core.text.messages import shown


def picked(rule: Rule, question: Question) -> bool:
    """Whether `rule`, alone, picks for `question`."""
    return route(Routing((rule,)), question) is not None


def test_min_and_max_tokens_count_the_prompt_with_its_context() -> None:
    rule = Rule("Long", "p", "m", min_tokens=1000, max_tokens=2000)
    assert Question.of("x" * 3996).tokens == 999
    assert not picked(rule, Question.of("x" * 3996))
    assert picked(rule, Question.of("x" * 3996, context_chars=4))  # 4,000 chars: 1,000
    assert picked(rule, Question.of("x" * 8000))
    assert not picked(rule, Question.of("x" * 8001))  # 2,001 tokens


def test_has_image_either_way() -> None:
    assert picked(Rule("I", "p", "m", has_image=True), Question.of("see", has_image=True))
    assert not picked(Rule("I", "p", "m", has_image=True), Question.of("see"))
    assert picked(Rule("No I", "p", "m", has_image=False), Question.of("see"))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Why does this fail?\n```\nprint(1)\n```", True),
        ("~~~python\nx = 1\n~~~", True),
        ("def f(x):\n    return x + 1", True),
        ("import os\nfrom pathlib import Path", True),
        ("int main() {\n  return 0;\n}", True),
        ("SELECT name FROM users WHERE id = 1;\nSELECT 1 FROM t", True),
        ("I came; I saw.", False),  # one line ending in ';' is prose
        ("Write a poem about the sea.", False),
        ("Return the book to the library", False),  # a keyword with a capital is a sentence
        ("", False),
    ],
)
def test_has_code(text: str, code: bool) -> None:
    assert has_code(text) is code
    assert picked(Rule("Code", "p", "m", has_code=code), Question.of(text))


def test_matches_is_a_regular_expression_compiled_once() -> None:
    rule = Rule("Translate", "p", "m", matches=r"(?i)\btranslate\b|翻译")
    assert rule.pattern is not None
    assert rule.pattern.pattern == rule.matches
    assert picked(rule, Question.of("Please TRANSLATE this"))
    assert picked(rule, Question.of("帮我翻译一下"))
    assert not picked(rule, Question.of("translated already"))


def test_a_long_prompt_is_read_at_its_ends() -> None:
    rule = Rule("Summary", "p", "m", matches="(?i)summari[sz]e")
    middle = "filler " * (READ_CHARS // 2)
    assert picked(rule, Question.of("Summarize this:\n" + middle * 3))
    assert picked(rule, Question.of(middle * 3 + "\nsummarise the above"))
    assert not picked(rule, Question.of(middle + "summarize" + middle * 2))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("请把这段话翻译成英文", "zh"),
        ("什么是 Python 的 GIL？", "zh"),  # 7 characters against 2 words
        ("What is the GIL in Python?", "en"),
        ("Explain 缓存 please", "zh"),  # 2 characters against 2 words: "zh" at half
        ("Explain the 缓存 please", "en"),  # 2 against 3
        ("123 + 456 = ?", None),
    ],
)
def test_language_is_the_share_of_chinese(text: str, language: str | None) -> None:
    assert Question.of(text).language == language
    for wanted in ("zh", "en"):
        rule = Rule("L", "p", "m", language=wanted)
        assert picked(rule, Question.of(text)) is (language == wanted)


def test_assistant_by_name_in_any_case() -> None:
    rule = Rule("T", "p", "m", assistant="Translator 中英互译")
    assert picked(rule, Question.of("hi", assistant="translator 中英互译"))
    assert not picked(rule, Question.of("hi", assistant="Coder"))
    assert not picked(rule, Question.of("hi"))


def test_the_first_rule_that_matches_picks_and_all_conditions_must_hold() -> None:
    routing = Routing(
        (
            Rule("Chinese code", "p", "coder", has_code=True, language="zh"),
            Rule("Code", "p", "strong", has_code=True),
            Rule("Rest", "p", "cheap"),
        )
    )
    code = "```\nx = 1\n```\n"
    assert route(routing, Question.of(code + "这段代码为什么错了")).rule == "Chinese code"  # type: ignore[union-attr]
    assert route(routing, Question.of(code + "why is it wrong")).model == "strong"  # type: ignore[union-attr]
    chosen = route(routing, Question.of("hello"))
    assert chosen is not None
    assert (chosen.rule, chosen.provider, chosen.model) == ("Rest", "p", "cheap")
    assert route(Routing(routing.rules[:2]), Question.of("hello")) is None


def test_the_shipped_rules() -> None:
    routing = default_routing()
    assert [rule.name for rule in routing.rules] == [
        "Images",
        "Long context",
        "Code",
        "Everything else",
    ]
    cases = [
        (Question.of("What is this?", has_image=True), "gemini-2.5-flash"),
        (Question.of("summarize", context_chars=4 * 30_000), "gemini-2.5-flash"),
        (Question.of("fix it\n```\nx=1\n```"), "gpt-4.1"),
        (Question.of("你好"), "deepseek-chat"),
    ]
    for question, model in cases:
        chosen = route(routing, question)
        assert chosen is not None
        assert (chosen.provider, chosen.model) == ("holysheep", model)


def test_explain_says_why_each_rule_matched_or_not() -> None:
    routing = Routing(
        (
            Rule("Long context", "p", "big", min_tokens=30000),
            Rule("Code", "p", "strong", has_code=True, matches="bug"),
            Rule("Everything else", "p", "cheap"),
            Rule("Never reached", "p", "other"),
        )
    )
    verdicts = explain(routing, Question.of("x" * 4800))
    assert [(v.rule.name, v.matched, v.picked) for v in verdicts] == [
        ("Long context", False, False),
        ("Code", False, False),
        ("Everything else", True, True),
        ("Never reached", True, False),
    ]
    (long,) = verdicts[0].checks
    assert (long.condition, long.held) == ("min_tokens", False)
    assert long.why == "min_tokens 30,000: the question has ≈1,200"
    assert shown(long.why, "zh_CN") == "min_tokens 30,000：这个问题约有 1,200 个 token"
    code, bug = verdicts[1].checks
    assert code.why == "has_code = true: the prompt holds no code"
    assert bug.why == "matches bug: not in the prompt"
    assert verdicts[2].checks[0].why == "no conditions: it matches every question"
    found = explain(routing, Question.of("a bug here"))[1].checks[1]
    assert (found.held, found.why) == (True, "matches bug: found 'bug'")


def test_stronger_is_the_next_step_up_the_ladder() -> None:
    routing = default_routing()
    assert stronger(routing, "holysheep", "deepseek-chat") == ("holysheep", "gemini-2.5-flash")
    assert stronger(routing, "holysheep", "gpt-4.1") == ModelRef("holysheep", "claude-sonnet-4.5")
    assert stronger(routing, "holysheep", "claude-sonnet-4.5") is None
    # The same model from another provider stands on its step.
    assert stronger(routing, "openrouter", "gpt-4.1") == ("holysheep", "claude-sonnet-4.5")
    assert stronger(routing, "local", "llama3") is None


def test_off_the_ladder_the_cheapest_dearer_model_when_prices_are_given() -> None:
    prices = {
        ModelRef("local", "qwen"): ModelPrice(Decimal("1"), Decimal("2")),
        ModelRef("holysheep", "deepseek-chat"): ModelPrice(Decimal("0.27"), Decimal("0.42")),
        ModelRef("holysheep", "gemini-2.5-flash"): ModelPrice(Decimal("0.15"), Decimal("2.5")),
        ModelRef("holysheep", "gpt-4.1"): ModelPrice(Decimal("2"), Decimal("8")),
    }
    routing = default_routing()
    assert stronger(routing, "local", "qwen", prices.get) == ("holysheep", "gpt-4.1")
    assert stronger(routing, "local", "unknown", prices.get) is None


def test_a_choice_of_a_provider_or_model_not_configured_is_explained() -> None:
    relay = Provider(
        "holysheep",
        "HolySheep relay",
        "openai",
        "https://api.holysheep.ai/v1",
        models=("deepseek-chat",),
    )
    assert provider_for(ModelRef("holysheep", "deepseek-chat"), [relay]) is relay
    with pytest.raises(ConfigError) as missing:
        provider_for(ModelRef("openai", "gpt-4.1"), [relay])
    assert str(missing.value) == (
        "The routing rules pick openai/gpt-4.1, but providers.toml has no provider with the id"
        " 'openai' (there are: holysheep): change the rule or add the provider."
    )
    with pytest.raises(ConfigError, match=r"does not list the model 'gpt-4\.1'"):
        provider_for(ModelRef("holysheep", "gpt-4.1"), [relay])
    open_list = Provider("any", "Any", "openai", "https://example.com/v1")  # GET /models
    assert provider_for(ModelRef("any", "whatever"), [open_list]) is open_list
