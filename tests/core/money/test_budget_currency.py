"""A budget carried over to another currency: the same money, to the cent; and settings.toml
files written before the conversion existed read exactly as before."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.core.currency import USD, Currency
from desktop_app.core.money.budget import budget_states, convert_budget
from desktop_app.core.settings.app_settings import AppSettings, parse_settings

BANK = Currency("CNY", Decimal("7.3"))
RELAY = Currency("CNY", Decimal(1))


@pytest.mark.parametrize(
    ("amount", "source", "target", "expected"),
    [
        (Decimal(10), USD, BANK, Decimal("73.00")),
        (Decimal(73), BANK, USD, Decimal("10.00")),
        (Decimal(100), BANK, USD, Decimal("13.70")),  # 13.6986… to the cent
        (Decimal("12.5"), USD, RELAY, Decimal("12.50")),
        (Decimal("0.001"), BANK, USD, Decimal("0.01")),  # never rounded down to no budget
    ],
)
def test_a_budget_is_the_same_money_in_the_other_currency(
    amount: Decimal, source: Currency, target: Currency, expected: Decimal
) -> None:
    converted = convert_budget(amount, source, target)
    assert converted == expected
    assert str(converted) == str(expected)  # two decimals, as a field shows money


def test_within_one_currency_the_budget_is_kept_as_typed() -> None:
    # ¥100 is what the user means to pay: a corrected rate changes what it buys, not the ¥100.
    assert str(convert_budget(Decimal("99.999"), RELAY, BANK)) == "99.999"
    assert str(convert_budget(Decimal("12.5"), USD, USD)) == "12.5"


def test_the_converted_budget_allows_the_same_spending() -> None:
    in_dollars = AppSettings("USD", Decimal("7.3"), monthly_budget=Decimal(10))
    in_yuan = AppSettings(
        "CNY",
        Decimal("7.3"),
        monthly_budget=convert_budget(Decimal(10), in_dollars.currency, BANK),
    )
    before = budget_states(in_dollars, Decimal(0), Decimal(9))
    after = budget_states(in_yuan, Decimal(0), Decimal(9))
    assert [s.limit_usd for s in after] == [s.limit_usd for s in before] == [Decimal(10)]
    assert [s.level for s in after] == ["warning"]


def test_an_existing_file_reads_as_before() -> None:
    # Budgets stay in the display currency in the file: nothing to migrate.
    text = '[money]\ncurrency = "CNY"\ncny_per_usd = 7.3\n\n[budget]\nmonthly = 100\ndaily = 10\n'
    assert parse_settings(text) == AppSettings(
        "CNY", Decimal("7.3"), monthly_budget=Decimal(100), daily_budget=Decimal(10)
    )
