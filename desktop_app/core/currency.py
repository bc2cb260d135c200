"""The currencies money is shown in: US dollars, or yuan at the rate the user sets. Beneath
both the settings (which hold the choice) and the money rules (which format amounts in it)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal


@dataclass(frozen=True, slots=True)
class Currency:
    """How money is shown: a currency and how many of it one US dollar buys."""

    code: Literal["USD", "CNY"]
    per_usd: Decimal = Decimal(1)

    @property
    def symbol(self) -> str:
        return "¥" if self.code == "CNY" else "$"

    def from_usd(self, usd: Decimal) -> Decimal:
        return usd * self.per_usd

    def to_usd(self, amount: Decimal) -> Decimal:
        return amount / self.per_usd


USD = Currency("USD")
