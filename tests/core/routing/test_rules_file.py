"""routing.toml: read, with a clear error naming the line, written back atomically and
privately, and the shipped rules when there is no file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop_app.core.errors import ConfigError
from desktop_app.core.routing.rules import ModelRef, Routing, Rule
from desktop_app.core.routing.rules_file import (
    default_routing,
    dump_routing,
    load_routing,
    parse_routing,
    save_routing,
)
from desktop_app.core.text.messages import message_of

GOOD = """\
[[rule]]
name = "Images"
has_image = true
provider = "holysheep"
model = "gemini-2.5-flash"

[[rule]]
name = "Translation"
matches = '(?i)translate|翻译'
language = "zh"
assistant = "Translator"
min_tokens = 10
max_tokens = 5000
has_code = false
provider = "holysheep"
model = "deepseek-chat"

[ladder]
models = ["holysheep/deepseek-chat", "openrouter/openai/gpt-4.1"]
"""


def test_a_file_is_read_into_rules_and_a_ladder() -> None:
    routing = parse_routing(GOOD)
    images, translation = routing.rules
    assert images == Rule("Images", "holysheep", "gemini-2.5-flash", has_image=True)
    assert translation.conditions == {
        "min_tokens": 10,
        "max_tokens": 5000,
        "has_code": False,
        "matches": "(?i)translate|翻译",
        "language": "zh",
        "assistant": "Translator",
    }
    assert routing.ladder == (
        ModelRef("holysheep", "deepseek-chat"),
        ModelRef("openrouter", "openai/gpt-4.1"),
    )


def test_no_file_means_the_shipped_rules(tmp_path: Path) -> None:
    assert load_routing(tmp_path / "routing.toml") == default_routing()
    assert len(default_routing().ladder) == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOOD.replace("min_tokens = 10", "min_tokens = -1"),
            "routing.toml, line 12 (rule #2): min_tokens must be a whole number of tokens.",
        ),
        (
            GOOD.replace('language = "zh"', 'language = "fr"'),
            """routing.toml, line 10 (rule #2): language must be "zh" or "en", not 'fr'.""",
        ),
        (
            GOOD.replace("has_image = true", 'has_image = "yes"'),
            "routing.toml, line 3 (rule #1): has_image must be true or false.",
        ),
        (
            GOOD.replace("'(?i)translate|翻译'", "'(unclosed'"),
            "routing.toml, line 9 (rule #2): matches is not a regular expression:"
            " missing ), unterminated subpattern at position 0.",
        ),
        (
            GOOD.replace('name = "Images"\n', ""),
            "routing.toml, line 1 (rule #1): the setting 'name' is missing.",
        ),
        (
            GOOD.replace("has_image = true", "colour = 1"),
            "routing.toml, line 3 (rule #1): unknown setting 'colour'.",
        ),
        (
            GOOD.replace('"Translation"', '"Images"'),
            "routing.toml, line 8 (rule #2): the rule name 'Images' is used twice.",
        ),
        (
            GOOD.replace('"openrouter/openai/gpt-4.1"', '"gpt-4.1"'),
            "routing.toml, line 19 (ladder): 'gpt-4.1' is not a model: write it as provider/model.",
        ),
        (
            GOOD.replace("max_tokens = 5000", "max_tokens = 5"),
            "routing.toml, line 12 (rule #2): min_tokens is more than max_tokens: no question"
            " can match.",
        ),
    ],
)
def test_a_bad_file_gets_an_error_naming_the_line(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_routing(text)
    assert str(caught.value) == expected


def test_a_file_that_is_not_toml_and_errors_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "routing.toml"
    path.write_text("[[rule]\nname =", encoding="utf-8")
    with pytest.raises(ConfigError, match="Fix the file or remove it"):
        load_routing(path)
    with pytest.raises(ConfigError) as caught:
        parse_routing(GOOD.replace("has_image = true", 'has_image = "yes"'))
    assert message_of(caught.value, "zh_CN") == (
        "routing.toml，第 3 行（第 1 条规则）：has_image 必须是 true 或 false。"
    )


def test_saved_rules_read_back_the_same_from_a_private_file(tmp_path: Path) -> None:
    path = tmp_path / "data" / "routing.toml"
    routing = parse_routing(GOOD)
    save_routing(path, routing)
    assert load_routing(path) == routing
    assert 'matches = "(?i)translate|翻译"' in path.read_text(encoding="utf-8")
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    odd = Routing((Rule('Quote\'s "here"', "p", "m", matches="it's\\d"),))
    save_routing(path, odd)
    assert load_routing(path) == odd
    assert dump_routing(default_routing()).count("[[rule]]") == 4


def test_rules_that_do_not_hold_are_refused_when_made() -> None:
    with pytest.raises(ConfigError, match="'name' must be a non-empty string"):
        Rule("", "p", "m")
    with pytest.raises(ConfigError, match="used twice"):
        Routing((Rule("A", "p", "m"), Rule("A", "p", "n")))
    with pytest.raises(ConfigError, match="names a model twice"):
        Routing(ladder=(ModelRef("p", "m"), ModelRef("p", "m")))
