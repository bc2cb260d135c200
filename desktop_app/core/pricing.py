"""What an answer costs: the price of a model, the cost of a usage record, an estimate while
streaming. Prices come from the provider's settings for now; the bundled catalog comes later."""

from __future__ import annotations

import math
from decimal import Decimal

from desktop_app.core.config import ModelPrice, Provider
from desktop_app.core.events import Usage

_MILLION = Decimal(1_000_000)


def price_of(provider: Provider, model: str) -> ModelPrice | None:
    """The price the user or the preset set for this model, or None if unknown."""
    return provider.prices.get(model)


def cost_usd(price: ModelPrice, usage: Usage) -> Decimal:
    """Exact cost of a usage record; cached input at the cached price when there is one."""
    cached = min(usage.cached_input_tokens, usage.input_tokens)
    cached_price = price.cached_input if price.cached_input is not None else price.input
    total = (
        (usage.input_tokens - cached) * price.input
        + cached * cached_price
        + usage.output_tokens * price.output
    )
    return total / _MILLION


def estimate_tokens(text: str) -> int:
    """A rough token count for text the provider has not counted yet (about 4 chars a token)."""
    return math.ceil(len(text) / 4)


def estimated_usage(prompt_chars: int, answer_chars: int) -> Usage:
    """Usage estimated from lengths, marked as estimated."""
    return Usage(
        input_tokens=math.ceil(prompt_chars / 4),
        output_tokens=math.ceil(answer_chars / 4),
        source="estimated",
    )


def format_usd(amount: Decimal) -> str:
    """Dollars, with two significant digits below a cent: $1.37, $0.0012, $0.000039."""
    if amount == 0:
        return "$0.00"
    # Digits after the point up to the second significant one (0.000039 -> 6).
    places = -amount.adjusted() + 1
    rounded = round(amount, places)
    if rounded >= Decimal("0.01"):
        return f"${amount:.2f}"
    return f"${rounded:.{places}f}"


def format_price(price: ModelPrice | None) -> str:
    """ "$2.00 / $8.00 per M" (input / output per million tokens), or "price unknown"."""
    if price is None:
        return "price unknown"
    return f"${price.input:.2f} / ${price.output:.2f} per M"
