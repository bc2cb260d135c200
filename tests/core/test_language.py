"""Which language a setting and the system's locale choose, and the setting in settings.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.errors import ConfigError
from desktop_app.core.settings.app_settings import (
    AppSettings,
    dump_settings,
    load_settings,
    parse_settings,
)
from desktop_app.core.text.language import chosen, from_locale


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh_SG", "zh_CN"),
        ("zh-Hans-CN", "zh_CN"),
        ("zh_TW.UTF-8", "zh_TW"),
        ("zh_HK", "zh_TW"),
        ("zh-Hant", "zh_TW"),
        ("en_US.UTF-8", "en"),
        ("C.UTF-8", "en"),
        ("", "en"),
    ],
)
def test_the_system_locale_chooses_a_language(locale: str, language: str) -> None:
    assert from_locale(locale) == language
    assert chosen("system", locale) == language
    assert chosen("en", locale) == "en", "a language set wins over the system's"


def test_the_language_setting_is_read_and_written(tmp_path: Path) -> None:
    settings = AppSettings(language="zh_TW")
    assert parse_settings(dump_settings(settings)) == settings
    assert "[general]" not in dump_settings(AppSettings()), "the default writes nothing"
    with pytest.raises(ConfigError, match=r"\[general\] language must be one of"):
        parse_settings('[general]\nlanguage = "fr"\n')


def test_a_first_run_in_chinese_shows_money_in_yuan(tmp_path: Path) -> None:
    missing = tmp_path / "settings.toml"
    assert load_settings(missing, "zh_CN.UTF-8").currency_code == "CNY"
    assert load_settings(missing, "zh_TW").currency_code == "CNY"
    assert load_settings(missing, "en_US").currency_code == "USD"
    missing.write_text('[money]\ncurrency = "USD"\n', encoding="utf-8")
    assert load_settings(missing, "zh_CN").currency_code == "USD", "a choice made stays"
