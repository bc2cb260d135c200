"""What the user's own tokens would have cost on another model: "what would this month have cost
on X", priced as pricing.cost_usd prices an answer (cache hits at the model's cache price, and so
on), and the models a user can name for it.

A tiered price (dearer above 200k prompt tokens) is applied answer by answer, and a row of
spending.by_model sums a model's answers. So the row also splits its tokens by prompt size
(spending.PromptBand): in bands between neighbouring spending.PROMPT_THRESHOLDS, every threshold
of the catalog's tiers, each band priced in the tier of its smallest prompt. All of a band's
prompts are on the same side of each of those thresholds, so this is exact: the tokens of a
200,001-token prompt are billed at the long-prompt rates and those of 199,000 at the base ones,
while the month's prompts together, far over 200k, say nothing of any one answer's.

Why bands fixed in advance and not a query per target's thresholds: by_model reads each answer
once anyway (money is summed exactly, in Python, not by SQL), so sorting it into a band costs a
bisection of nine numbers, and the rows stay plain values that the view re-prices on any model
the user picks without going back to the history. A target with a threshold not in the list
(none in the bundled catalog; a test checks) would bill a band that straddles it at the rates
of the band's smallest prompt: too little, as every re-pricing of sums did before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from desktop_app.core.currency import Currency
from desktop_app.core.money.prices import CatalogLookup, cost_usd, format_money, quote, rates_for
from desktop_app.core.money.spending import ModelUsage
from desktop_app.core.settings.presets import HOLYSHEEP
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from desktop_app.core.text.messages import say


@dataclass(frozen=True, slots=True)
class PricedModel:
    """A model to re-price on: the name it is shown by, its price and where that came from."""

    name: str
    price: ModelPrice
    origin: str


def reprice(rows: Iterable[ModelUsage], price: ModelPrice) -> Decimal:
    """What the same tokens would have cost at `price`, each kind at the price it is billed at
    there (pricing.cost_usd) and in the tier of each answer's prompt, answers of unknown price
    included: their tokens are known."""
    total = Decimal(0)
    for band in (band for row in rows for band in row.by_prompt()):
        # The band's tokens summed are no one prompt: cost_usd must not pick a tier from them.
        rates = replace(rates_for(price, band.smallest_prompt), tiers=())
        total += cost_usd(rates, band.usage)
    return total


def format_repriced(rows: Sequence[ModelUsage], target: PricedModel, currency: Currency) -> str:
    """What `rows` would have cost on `target`, "≈" when any of their usage was estimated."""
    estimated = any(row.estimated for row in rows)
    return format_money(reprice(rows, target.price), currency, estimated=estimated)


def seed_models() -> list[PricedModel]:
    """The four models of the seed's price table (PROTOCOLS.md), at the relay's prices."""
    origin = say("{name}'s price list", name=HOLYSHEEP.name)
    return [PricedModel(model, price, origin) for model, price in HOLYSHEEP.prices.items()]


def find_price(
    name: str, providers: Sequence[Provider], catalog: CatalogLookup | None = None
) -> PricedModel | None:
    """The price of `name`: "provider-id/model" at that provider; a bare model at the first of
    the user's providers that offers and prices it, else in the bundled catalog; else None.

    A model name may itself hold a slash (OpenRouter's "openai/gpt-4.1"), so the part before
    the first slash is a provider only when a provider has that id.
    """
    named, model = split_name(name, providers)
    if named is not None:
        found = quote(named, model, catalog)
        return None if found is None else PricedModel(name, found.price, found.origin)
    for provider in providers:
        if name in provider.models or name in provider.prices:
            found = quote(provider, name, catalog)
            if found is not None:
                return PricedModel(name, found.price, found.origin)
    lookup = catalog if catalog is not None else _bundled_catalog()
    listed = lookup(name, "")
    return None if listed is None else PricedModel(name, *listed)


def split_name(name: str, providers: Sequence[Provider]) -> tuple[Provider | None, str]:
    """`name` as find_price reads it: (the provider its first part names, the model) for
    "provider-id/model", else (None, the whole name)."""
    provider_id, slash, model = name.partition("/")
    named = next((p for p in providers if slash and p.id == provider_id), None)
    return (named, model) if named is not None else (None, name)


def reprice_candidates(
    providers: Sequence[Provider], catalog: CatalogLookup | None = None
) -> list[PricedModel]:
    """What the spending view offers to re-price on: the user's providers' priced models, then
    the seed's models that are not among them."""
    offered: list[PricedModel] = []
    for provider in providers:
        for model in dict.fromkeys([*provider.models, *provider.prices]):
            found = quote(provider, model, catalog)
            # A model on this computer is free: "it would have cost nothing" says little.
            if found is not None and found.source != "local":
                offered.append(PricedModel(f"{provider.id}/{model}", found.price, found.origin))
    names = {candidate.name.partition("/")[2] for candidate in offered}
    return offered + [seed for seed in seed_models() if seed.name not in names]


@cache
def catalog_model_names() -> tuple[str, ...]:
    """Every model the bundled catalog prices, deprecated ones aside, for a picker to offer;
    worked out once (it prices every entry: some 55 ms), as the catalog is read once."""
    from desktop_app.core.money.catalog import bundled_catalog  # loads a data file: on demand

    return tuple(sorted({e.model_id for e in bundled_catalog().entries() if not e.deprecated}))


def _bundled_catalog() -> CatalogLookup:
    from desktop_app.core.money.catalog import bundled_catalog  # loads a data file: on demand

    return bundled_catalog().lookup
