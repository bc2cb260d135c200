"""`tally models`: every configured model with its price and where the price came from, then the
dearer rates of long prompts where the model has them."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal

from desktop_app.cli.tables import table
from desktop_app.core import paths
from desktop_app.core.errors import ConfigError
from desktop_app.core.money.prices import Quote, format_tiers, quote
from desktop_app.core.settings.model_cache import ModelCache, merged_models
from desktop_app.core.settings.providers_file import Provider, load_providers

_SOURCES = {"user": "yours", "relay": "relay", "catalog": "catalog", "local": "local"}


def run_models(args: argparse.Namespace) -> int:
    providers = load_providers(paths.providers_file())
    if args.provider:
        providers = [p for p in providers if p.id == args.provider]
        if not providers:
            raise ConfigError(f"No provider with id {args.provider!r} in providers.toml.")
    if not providers:
        raise ConfigError(f"No providers configured: create {paths.providers_file()}.")
    cache = ModelCache.load(paths.models_cache_file())
    header = ["provider", "model", "input", "cached", "output", "price from"]
    rows: list[list[str]] = []
    for provider in providers:
        models = [entry.name for entry in merged_models(provider, cache.models_for(provider))]
        rows += [_row(provider, model, quote(provider, model)) for model in models]
        if not models:
            rows.append([provider.id, "(no models: Refresh models in the app)", "", "", "", ""])
    sys.stdout.write("\n".join(table(header, rows, left=2, last_left=1)) + "\n")
    return 0


def _row(provider: Provider, model: str, found: Quote | None) -> list[str]:
    if found is None:
        return [provider.id, model, "", "", "", "price unknown"]
    price = found.price
    cached = price.cached_input if price.cached_input is not None else price.input
    origin = f"{_SOURCES[found.source]}: {found.origin}"
    if price.tiers:  # last on the line: a model's figures stay on one line, for grep
        origin += f"; {format_tiers(price)}"
    return [provider.id, model, _usd(price.input), _usd(cached), _usd(price.output), origin]


def _usd(amount: Decimal) -> str:
    return f"${amount:.2f}" if amount == round(amount, 2) else f"${amount.normalize():f}"
