"""The providers file: DESIGN.md's example reads as written; mistakes are named with their line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.core.errors import ConfigError
from desktop_app.core.settings.providers_file import Timeouts, load_providers, parse_providers

DESIGN_EXAMPLE = """\
[[provider]]
id = "holysheep"                        # also the keyring user name
name = "HolySheep relay"
kind = "openai"                         # openai | anthropic | gemini
base_url = "https://api.holysheep.ai/v1"
api_key_env = "HOLYSHEEP_API_KEY"       # optional: read the key from this variable when set
models = ["deepseek-chat", "gemini-2.5-flash", "gpt-4.1", "claude-sonnet-4.5"]

[provider.prices."deepseek-chat"]        # optional: USD per million tokens; overrides the catalog
input = 0.27
cached_input = 0.07
output = 0.42

[provider.timeouts]                     # optional, seconds; these are the defaults
connect = 10                            # TCP + TLS
first_byte = 120                        # request sent -> first byte of the response
idle = 60                               # longest silence while streaming
total = 900                             # whole answer, keep-alives or not
"""


def test_design_example_reads_as_written() -> None:
    (provider,) = parse_providers(DESIGN_EXAMPLE)
    assert provider.id == "holysheep"
    assert provider.name == "HolySheep relay"
    assert provider.kind == "openai"
    assert provider.base_url == "https://api.holysheep.ai/v1"
    assert provider.api_key_env == "HOLYSHEEP_API_KEY"
    assert provider.models == ("deepseek-chat", "gemini-2.5-flash", "gpt-4.1", "claude-sonnet-4.5")
    price = provider.prices["deepseek-chat"]
    assert (price.input, price.cached_input, price.output) == (
        Decimal("0.27"),
        Decimal("0.07"),
        Decimal("0.42"),
    )
    assert provider.timeouts == Timeouts(connect=10, first_byte=120, idle=60, total=900)
    assert provider.needs_key


def test_minimal_provider_gets_defaults() -> None:
    (provider,) = parse_providers(
        '[[provider]]\nid = "ollama"\nbase_url = "http://localhost:11434/v1/"\n'
    )
    assert provider.name == "ollama"
    assert provider.kind == "openai"
    assert provider.base_url == "http://localhost:11434/v1"  # trailing slash dropped
    assert provider.timeouts == Timeouts()
    assert provider.models == ()
    assert not provider.needs_key


def test_missing_file_means_no_providers(tmp_path: Path) -> None:
    assert load_providers(tmp_path / "providers.toml") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[provider]]\nid = "a"\nbase_url = "https://x"\nkind = "azure"\n', "line 4"),
        ('[[provider]]\nid = "a"\n', "'base_url' is missing"),
        ('[[provider]]\nid = "a"\nbase_url = "ftp://x"\n', "line 3"),
        ('[[provider]]\nid = "a b"\nbase_url = "https://x"\n', "line 2"),
        (
            '[[provider]]\nid = "a"\nbase_url = "https://x"\nbase_ur = "y"\n',
            "unknown setting 'base_ur'",
        ),
        (
            '[[provider]]\nid = "a"\nbase_url = "https://x"\nmodels = "gpt"\n',
            "models must be a list",
        ),
        (
            '[[provider]]\nid = "a"\nbase_url = "https://x"\n[[provider]]\nid = "a"\n'
            'base_url = "https://y"\n',
            "line 5 (provider #2): the id 'a' is used twice",
        ),
        (
            '[[provider]]\nid = "a"\nbase_url = "https://x"\n[provider.timeouts]\nidle = -1\n',
            "line 5",
        ),
        ('[[provider]]\nid = "a"\nbase_url = "https://x"\n[provider.timeouts]\nsoon = 1\n', "soon"),
        (
            '[[provider]]\nid = "a"\nbase_url = "https://x"\n[provider.prices."m"]\ninput = 1\n',
            "need both input and output",
        ),
        (
            '[[provider]]\nid = "a"\nbase_url = "https://x"\n[provider.prices."m"]\n'
            'input = "cheap"\noutput = 1\n',
            "line 5",
        ),
        ('[[provider]\nid = "a"\n', "line 1"),
        ('id = "a"\n', "unknown top-level setting id"),
        ('[provider]\nid = "a"\n', "[[provider]] tables"),
    ],
)
def test_mistakes_are_named(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_providers(text, source="providers.toml")
    assert expected in str(caught.value)
    assert str(caught.value).startswith("providers.toml")


def test_unreadable_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "providers.toml"
    path.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(ConfigError, match="Cannot read"):
        load_providers(path)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("thinking_budget = 0", "whole number of tokens"),
        ('thinking_budget = "lots"', "whole number of tokens"),
        ('proxy = "ftp://proxy:21"', "socks5://"),
        ('proxy = "http://me:secret@proxy:3128"', "password out of the file"),
        ('ca_bundle = ""', "non-empty"),
        ('simulated = "yes"', "true or false"),
    ],
)
def test_network_and_thinking_settings_are_checked(line: str, problem: str) -> None:
    text = f'[[provider]]\nid = "p"\nbase_url = "https://p.example/v1"\n{line}\n'
    with pytest.raises(ConfigError, match="line 4") as caught:
        parse_providers(text)
    assert problem in str(caught.value)
    assert "secret" not in str(caught.value)
