"""What an answer costs: the price of a model and where it came from, the cost of a usage record
(exact, in Decimal), an estimate while streaming, and money shown in the user's currency."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal
from urllib.parse import urlsplit

from desktop_app.core.conversation import AnswerCost
from desktop_app.core.currency import USD, Currency
from desktop_app.core.events import Usage
from desktop_app.core.settings.providers_file import ModelPrice, Provider, is_loopback
from desktop_app.core.text.messages import say

_MILLION = Decimal(1_000_000)

PriceSource = Literal["user", "relay", "catalog", "local"]


@dataclass(frozen=True, slots=True)
class Quote:
    """A model's price and where it came from, said so a user can check it."""

    price: ModelPrice
    source: PriceSource
    origin: str


# The bundled catalog's lookup: (model, base URL) -> (price, where it came from), or None.
CatalogLookup = Callable[[str, str], "tuple[ModelPrice, str] | None"]


def quote(provider: Provider, model: str, catalog: CatalogLookup | None = None) -> Quote | None:
    """The price of `model` at `provider`: the user's own, else the relay's published table, else
    the bundled public catalog; a local model server (the Ollama and LM Studio presets) is
    free; None when nobody knows. A relay on localhost is not assumed free: it bills someone."""
    if model in provider.prices:
        return Quote(provider.prices[model], "user", say("your price in the settings"))
    # Here: `tally ask` prices its answer only once the answer streams (presets: 2-4 ms).
    from desktop_app.core.settings.presets import PRESETS

    for preset in PRESETS:
        if not _same_endpoint(preset.base_url, provider.base_url):
            continue
        if model in preset.prices:
            return Quote(
                preset.prices[model], "relay", say("{name}'s price list", name=preset.name)
            )
        if not preset.needs_key:  # Ollama, LM Studio
            free = ModelPrice(Decimal(0), Decimal(0))
            return Quote(free, "local", say("a model server on this computer"))
    if catalog is None:
        from desktop_app.core.money.catalog import bundled_catalog

        catalog = bundled_catalog().lookup
    found = catalog(model, provider.base_url)
    if found is None:
        return None
    price, origin = found
    return Quote(price, "catalog", origin)


def price_of(provider: Provider, model: str) -> ModelPrice | None:
    """The price of `model` at `provider`, or None if unknown (see `quote`)."""
    found = quote(provider, model)
    return found.price if found else None


def _same_endpoint(a: str, b: str) -> bool:
    """Whether two base URLs are the same server's API, this computer however it is named
    (localhost, 127.0.0.1, [::1]): Ollama at http://127.0.0.1:11434/v1 is the preset's."""
    return _endpoint(a) == _endpoint(b)


def _endpoint(url: str) -> tuple[str, ...]:
    parts = urlsplit(url.strip().lower())
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme, 0)
    except ValueError:  # not a port: compared as written
        return (url.strip().lower().rstrip("/"),)
    host = parts.hostname or ""
    place = "this computer" if is_loopback(host) else host
    return (parts.scheme, place, str(port), parts.path.rstrip("/"))


def rates_for(price: ModelPrice, input_tokens: int) -> ModelPrice:
    """The rates one answer is billed at: those of the last tier whose threshold its prompt is
    over, else the base. As Anthropic, Google and genai-prices define it, the prompt is every
    input token, cached and cache-write ones included (events.Usage.input_tokens), and a tier
    is a cliff: over 200k, every token of the answer, output too, is billed at its rates."""
    for above, rates in reversed(price.tiers):
        if input_tokens > above:
            return rates
    return price


def cost_usd(price: ModelPrice, usage: Usage) -> Decimal:
    """Exact cost of one answer's usage, each kind of token at the price it is billed at, in the
    tier its prompt falls in (`rates_for`).

    The counts are normalized (events.Usage): the cached and cache-write parts are inside the
    input count and the reasoning part inside the output count, so each is clamped to its whole.
    """
    price = rates_for(price, usage.input_tokens)
    cached = min(max(usage.cached_input_tokens, 0), usage.input_tokens)
    written = min(max(usage.cache_write_tokens, 0), usage.input_tokens - cached)
    reasoning = min(max(usage.reasoning_tokens, 0), usage.output_tokens)
    total = (
        (usage.input_tokens - cached - written) * price.input
        + cached * _or(price.cached_input, price.input)
        + written * _or(price.cache_write, price.input)
        + (usage.output_tokens - reasoning) * price.output
        + reasoning * _or(price.reasoning, price.output)
    )
    return total / _MILLION


def _or(value: Decimal | None, default: Decimal) -> Decimal:
    return default if value is None else value


def answer_cost(
    price: ModelPrice | None, usage: Usage | None, prompt_chars: int, answer_chars: int
) -> AnswerCost:
    """The cost of an answer: from the usage the provider reported, or while it has not (still
    streaming, stopped, an API that never reports) estimated from the lengths of the texts."""
    if usage is None or usage.source != "reported":
        usage = estimated_usage(prompt_chars, answer_chars)
    return AnswerCost(usage, None if price is None else cost_usd(price, usage))


def usage_summary(usage: Usage) -> str:
    """An answer's tokens in words, each kind the provider bills apart."""
    approx = "≈" if usage.source != "reported" else ""
    parts = [f"{approx}{usage.input_tokens:,} tokens in"]
    if usage.cached_input_tokens:
        parts.append(f"{usage.cached_input_tokens:,} from the cache")
    if usage.cache_write_tokens:
        parts.append(f"{usage.cache_write_tokens:,} written to the cache")
    parts.append(f"{approx}{usage.output_tokens:,} out")
    if usage.reasoning_tokens:
        parts.append(f"{usage.reasoning_tokens:,} of them reasoning")
    return ", ".join(parts)


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


def format_money(usd: Decimal | None, currency: Currency = USD, *, estimated: bool = False) -> str:
    """An amount in the user's currency, with two significant digits below a cent ($1.37,
    ¥0.0012, $0.000039), "≈" before an estimate, and "price unknown" for None."""
    if usd is None:
        return say("price unknown")
    amount = currency.from_usd(usd)
    prefix = ("≈" if estimated else "") + ("-" if amount < 0 else "") + currency.symbol
    amount = abs(amount)
    if amount == 0:
        return f"{prefix}0.00"
    # Digits after the point up to the second significant one (0.000039 -> 6).
    places = -amount.adjusted() + 1
    rounded = round(amount, places)
    if rounded >= Decimal("0.01"):
        return f"{prefix}{amount:.2f}"
    return f"{prefix}{rounded:.{places}f}"


def format_usd(amount: Decimal) -> str:
    """Dollars: `format_money` in US dollars."""
    return format_money(amount)


def format_price(price: ModelPrice | None, currency: Currency = USD, *, tiers: bool = True) -> str:
    """ "$2.00 / $8.00 per M" (input / output per million tokens), then the dearer rates of long
    prompts unless `tiers` is False ("$3.00 / $15.00 per M; $6.00 / $22.50 above 200k input
    tokens"), or "free", or "price unknown"."""
    if price is None:
        return say("price unknown")
    if price.input == 0 and price.output == 0:
        return say("free")
    base = say("{pair} per M", pair=_pair(price, currency))
    return "; ".join([base, format_tiers(price, currency)]) if tiers and price.tiers else base


def format_tiers(price: ModelPrice, currency: Currency = USD) -> str:
    """The dearer rates of long prompts, "$6.00 / $22.50 above 200k input tokens"; "" if none."""
    return "; ".join(
        say(
            "{pair} above {tokens} input tokens",
            pair=_pair(rates, currency),
            tokens=_tokens(above),
        )
        for above, rates in price.tiers
    )


def _pair(price: ModelPrice, currency: Currency) -> str:
    symbol = currency.symbol
    return (
        f"{symbol}{currency.from_usd(price.input):.2f} / "
        f"{symbol}{currency.from_usd(price.output):.2f}"
    )


def _tokens(count: int) -> str:
    """200000 -> "200k"; a count that is not whole thousands in full (199,999)."""
    return f"{count // 1000}k" if count % 1000 == 0 else f"{count:,}"
