"""Budgets: how much of the monthly (and daily) budget is spent, a warning from 80 %, and at
100 % a stop on sending that the user can override for one message; and a budget carried over
to another currency when the user switches.

Budgets stay in settings.toml in the display currency, as the user typed them, and are
converted when the currency changes (`convert_budget`), rather than kept in dollars and
converted for display: existing files then load exactly as before, and a budget set in yuan
stays the same yuan when the rate is corrected, which is the money the user pays.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from desktop_app.core.currency import Currency
from desktop_app.core.money.prices import format_money
from desktop_app.core.settings.app_settings import AppSettings
from desktop_app.core.text.messages import say, shown, t

WARN_AT = Decimal("0.8")
CENT = Decimal("0.01")

Period = Literal["month", "day"]
Level = Literal["ok", "warning", "over"]


@dataclass(frozen=True, slots=True)
class BudgetState:
    """One budget against what was spent in its period, both in US dollars."""

    period: Period
    limit_usd: Decimal
    spent_usd: Decimal

    @property
    def fraction(self) -> Decimal:
        return self.spent_usd / self.limit_usd

    @property
    def level(self) -> Level:
        if self.spent_usd >= self.limit_usd:
            return "over"
        return "warning" if self.fraction >= WARN_AT else "ok"


def budget_states(
    settings: AppSettings, spent_today_usd: Decimal, spent_month_usd: Decimal
) -> list[BudgetState]:
    """The budgets the user set, the monthly one first; budgets are kept in the display
    currency, so they are turned into dollars at the user's rate."""
    currency = settings.currency
    states = []
    if settings.monthly_budget is not None:
        limit = currency.to_usd(settings.monthly_budget)
        states.append(BudgetState("month", limit, spent_month_usd))
    if settings.daily_budget is not None:
        limit = currency.to_usd(settings.daily_budget)
        states.append(BudgetState("day", limit, spent_today_usd))
    return states


def convert_budget(amount: Decimal, source: Currency, target: Currency) -> Decimal:
    """A budget set in `source` as the same money in `target`, to the cent (never below one:
    a budget stays a budget). Between the same currency it is kept as typed: ¥100 stays ¥100
    whatever the rate, since the rate changes what a yuan buys, not what the user spends."""
    if source.code == target.code:
        return amount
    converted = target.from_usd(source.to_usd(amount)).quantize(CENT, ROUND_HALF_UP)
    return max(converted, CENT)


def most_pressing(states: list[BudgetState]) -> BudgetState | None:
    """The budget to tell the user about: one that is used up, else one past 80 %."""
    for level in ("over", "warning"):
        for state in states:
            if state.level == level:
                return state
    return None


GUI_REMEDY = t("raise the budget in Settings, or send this one message anyway")


def describe(state: BudgetState, settings: AppSettings, remedy: str = GUI_REMEDY) -> str:
    """A sentence on a budget, in the user's currency, with `remedy` when it is used up."""
    currency = settings.currency
    spent = format_money(state.spent_usd, currency)
    limit = format_money(state.limit_usd, currency)
    monthly = state.period == "month"
    if state.level == "over":
        return (
            say(
                "The monthly budget of {limit} is used up ({spent} spent). Sending is paused:"
                " {remedy}.",
                limit=limit,
                spent=spent,
                remedy=shown(remedy),
            )
            if monthly
            else say(
                "The daily budget of {limit} is used up ({spent} spent). Sending is paused:"
                " {remedy}.",
                limit=limit,
                spent=spent,
                remedy=shown(remedy),
            )
        )
    percent = int(state.fraction * 100)
    if monthly:
        return say(
            "{percent} % of the monthly budget used ({spent} of {limit}).",
            percent=percent,
            spent=spent,
            limit=limit,
        )
    return say(
        "{percent} % of the daily budget used ({spent} of {limit}).",
        percent=percent,
        spent=spent,
        limit=limit,
    )
