"""A hand-edited settings or providers file, an import file and the backups: what is wrong with
them shows in Chinese in a Chinese window, naming the same line and place, while the message
itself (what the history, the log and `tally` keep) stays English."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from desktop_app.core.errors import BackupError, ConfigError
from desktop_app.core.history import backups
from desktop_app.core.settings.app_settings import parse_settings
from desktop_app.core.settings.presets import PRESETS
from desktop_app.core.settings.providers_file import parse_providers
from desktop_app.core.text.language import Language
from desktop_app.core.text.messages import message_of, shown
from desktop_app.core.transfer.import_reading import parse_export, read_import_file

PROVIDER = '[[provider]]\nid = "relay"\nbase_url = "https://api.example.com/v1"\n'

PROVIDERS_FILES = {
    "unknown key": PROVIDER + 'colour = "blue"\n',
    "kind": PROVIDER + 'kind = "grpc"\n',
    "base url": '[[provider]]\nid = "relay"\nbase_url = "ftp://x"\n',
    "missing id": '[[provider]]\nbase_url = "https://x"\n',
    "bad id": '[[provider]]\nid = "a b"\nbase_url = "https://x"\n',
    "models": PROVIDER + "models = [1]\n",
    "price": PROVIDER + '[provider.prices."m"]\ninput = "cheap"\noutput = 1\n',
    "half a price": PROVIDER + '[provider.prices."m"]\ninput = 1\n',
    "negative price": PROVIDER + '[provider.prices."m"]\ninput = -1\noutput = 1\n',
    "timeout": PROVIDER + "[provider.timeouts]\nconnect = 0\n",
    "unknown timeout": PROVIDER + "[provider.timeouts]\nlunch = 3\n",
    "proxy": PROVIDER + 'proxy = "gopher://x"\n',
    "proxy password": PROVIDER + 'proxy = "http://me:secret@proxy:8080"\n',
    "thinking": PROVIDER + "thinking_budget = 1.5\n",
    "twice": PROVIDER + PROVIDER,
    "not tables": '[provider]\nid = "x"\n',
    "top level": 'colour = "blue"\n',
}

SETTINGS_FILES = {
    "currency": '[money]\ncurrency = "EUR"\n',
    "language": '[general]\nlanguage = "fr"\n',
    "budget": "[budget]\nmonthly = -3\n",
    "not a number": '[budget]\ndaily = "lots"\n',
    "unknown": "[money]\ntip = 1\n",
    "not a table": "money = 1\n",
    "top level": "[colours]\n",
}

EXPORTS = {
    "neither": {"hello": 1},
    "format": {"format": "other", "version": 1, "conversations": []},
    "newer": {"format": "tally-export", "version": 99, "conversations": []},
    "no messages": {"format": "tally-export", "version": 1, "conversations": [{"id": "c"}]},
    "role": {
        "format": "tally-export",
        "version": 1,
        "conversations": [
            {"id": "c", "title": "t", "created_at": "2025-01-01T00:00:00Z", "messages": [{}]}
        ],
    },
    "chatgpt mapping": [{"id": "c", "mapping": {}, "current_node": "gone"}],
    "chatgpt object": [[1]],
}


def english_left(text: str) -> list[str]:
    """Runs of two English words or more: words the catalog did not translate (the fields,
    such as a key, a model, a path or a JSON place, are one word each)."""
    return re.findall(r"[A-Za-z]+(?: [A-Za-z]+)+", text)


def assert_chinese(error: BaseException) -> None:
    """The error reads as Chinese in both scripts, its English unchanged underneath."""
    english = str(error)
    assert english_left(english), "the test's own check: the English has sentences"
    for language in ("zh_CN", "zh_TW"):
        chinese = message_of(error, language)
        assert re.search(r"[\u4e00-\u9fff]", chinese), chinese
        assert english_left(chinese) == [], chinese


@pytest.mark.parametrize("text", PROVIDERS_FILES.values(), ids=list(PROVIDERS_FILES))
def test_a_wrong_providers_file_is_explained_in_chinese_naming_the_line(text: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_providers(text, source="providers.toml")
    assert_chinese(caught.value)
    line = re.search(r"line (\d+)", str(caught.value))
    if line:  # the same line in every language
        assert f"第 {line.group(1)} 行" in message_of(caught.value, "zh_CN")


def test_the_place_in_the_file_reads_naturally() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_providers(PROVIDER + 'kind = "grpc"\n', source="providers.toml")
    assert str(caught.value) == (
        "providers.toml, line 4 (provider #1): kind must be one of openai, anthropic, gemini,"
        " not 'grpc'."
    )
    assert message_of(caught.value, "zh_CN") == (
        "providers.toml，第 4 行（第 1 个服务商）："
        "kind 必须是 openai, anthropic, gemini 之一，而不是 'grpc'。"
    )


@pytest.mark.parametrize("text", SETTINGS_FILES.values(), ids=list(SETTINGS_FILES))
def test_a_wrong_settings_file_is_explained_in_chinese(text: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_settings(text, source="settings.toml")
    assert_chinese(caught.value)


@pytest.mark.parametrize("data", EXPORTS.values(), ids=list(EXPORTS))
def test_a_file_that_cannot_be_imported_is_explained_in_chinese(data: object) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_export(data, source="export.json")
    assert_chinese(caught.value)
    assert message_of(caught.value, "zh_CN").startswith("export.json：")


def test_a_file_that_is_not_json_names_the_file_in_chinese(tmp_path: Path) -> None:
    wrong = tmp_path / "notes.json"
    wrong.write_bytes(b"\xff\xfe not text")
    with pytest.raises(ConfigError) as caught:
        read_import_file(wrong)
    assert_chinese(caught.value)
    assert str(wrong) in message_of(caught.value, "zh_TW")
    wrong.write_text(json.dumps({"format": "tally-export"})[:-1], encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_import_file(wrong)
    assert message_of(caught.value, "zh_CN").startswith(f"{wrong} 不是 JSON：")


def test_missing_backups_are_explained_in_chinese(tmp_path: Path) -> None:
    history = tmp_path / "history.sqlite3"
    with pytest.raises(BackupError) as caught:
        backups.find(history, None)
    assert_chinese(caught.value)


@pytest.mark.parametrize("language", ["zh_CN", "zh_TW"])
def test_preset_names_with_words_show_translated_and_brand_names_as_they_are(
    language: Language,
) -> None:
    names = {preset.id: shown(preset.name, language) for preset in PRESETS}
    assert names["holysheep"].startswith("HolySheep 中")
    assert names["ollama"].startswith("Ollama（本")
    assert names["openai"] == "OpenAI"
    assert names["lmstudio"].startswith("LM Studio（本")
    relay = next(preset for preset in PRESETS if preset.id == "holysheep")
    assert relay.provider().name == "HolySheep relay", "a provider's name is the user's own"
    assert type(relay.provider().name) is str
