"""settings.toml: currency and budgets, read back as written, and clear errors for bad files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.core.errors import ConfigError
from desktop_app.core.money.budget import budget_states, describe, most_pressing
from desktop_app.core.settings.app_settings import (
    AppSettings,
    dump_settings,
    load_settings,
    parse_settings,
    save_settings,
)


def test_a_missing_file_means_dollars_and_no_budget(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "settings.toml")
    assert settings == AppSettings()
    assert settings.currency.symbol == "$"
    assert budget_states(settings, Decimal(5), Decimal(500)) == []


def test_yuan_at_the_relay_rate_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "settings.toml"
    settings = AppSettings("CNY", Decimal(1), monthly_budget=Decimal(100), daily_budget=None)
    save_settings(path, settings)
    assert load_settings(path) == settings
    assert load_settings(path).currency.symbol == "¥"
    assert "daily" not in path.read_text(encoding="utf-8")


def test_the_rate_is_kept_while_showing_dollars() -> None:
    settings = parse_settings('[money]\ncurrency = "USD"\ncny_per_usd = 7.3\n')
    assert settings.currency.code == "USD"
    assert settings.cny_per_usd == Decimal("7.3")  # exactly, not 7.29999...
    assert "cny_per_usd = 7.3\n" in dump_settings(settings)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('[money]\ncurrency = "EUR"\n', "currency"),
        ("[money]\ncny_per_usd = 0\n", "cny_per_usd"),
        ('[budget]\nmonthly = "a lot"\n', "monthly"),
        ("[budget]\nweekly = 5\n", "weekly"),
        ("[colour]\nx = 1\n", "colour"),
        ("money = 3\n", "[money]"),
        ("[money\n", "settings.toml"),
    ],
)
def test_bad_files_are_explained(text: str, named: str) -> None:
    with pytest.raises(ConfigError, match=r"settings\.toml") as caught:
        parse_settings(text)
    assert named in str(caught.value)


def test_budgets_warn_at_80_percent_and_stop_at_100() -> None:
    # A ¥146 monthly budget at the bank rate is $20.
    settings = AppSettings(
        "CNY", Decimal("7.3"), monthly_budget=Decimal(146), daily_budget=Decimal(73)
    )
    fine = budget_states(settings, spent_today_usd=Decimal(1), spent_month_usd=Decimal(10))
    assert [s.level for s in fine] == ["ok", "ok"]
    assert most_pressing(fine) is None
    warned = budget_states(settings, Decimal(1), Decimal(16))
    pressing = most_pressing(warned)
    assert pressing is not None
    assert (pressing.period, pressing.level) == ("month", "warning")
    assert describe(pressing, settings) == "80 % of the monthly budget used (¥116.80 of ¥146.00)."
    over = budget_states(settings, Decimal(10), Decimal(16))  # the day's ¥73 is used up
    pressing = most_pressing(over)
    assert pressing is not None
    assert (pressing.period, pressing.level) == ("day", "over")
    sentence = describe(pressing, settings)
    assert sentence.startswith("The daily budget of ¥73.00 is used up (¥73.00 spent).")
    assert "send this one message anyway" in sentence
