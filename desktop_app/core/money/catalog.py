"""The bundled public price catalog: a pinned snapshot of pydantic's genai-prices data (MIT) in
resources/prices/genai-prices.json, written by tools/refresh_prices.py.

The snapshot keeps one price per kind of token: the price in force on the snapshot date, and for
time-of-day prices (DeepSeek's off-peak discount) the one that holds for most of the day; so a
catalog price is the standard rate, not a bill. Tiered prices keep their tiers (ModelPrice.tiers:
dearer rates for a prompt over so many input tokens), which pricing.cost_usd applies.

Models are found as genai-prices finds them: the provider whose `api_pattern` matches the base
URL, then the first of its models whose match clause accepts the lowercased name (then its
fallback providers, then the name with a compact date such as -20250929 written out). A relay
or custom URL matches no provider, so the name decides: a vendor prefix (`anthropic/...`), else
the provider whose `model_match` claims the name (Anthropic for `claude...`), else the first
provider that lists it at a price other than free.
"""

from __future__ import annotations

import datetime
import json
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from desktop_app.core.paths import resources_dir
from desktop_app.core.settings.providers_file import ModelPrice
from desktop_app.core.text.messages import say

log = logging.getLogger(__name__)

Json = Mapping[str, Any]

# A compact date in a model name (gpt-5.2-20251211), as LiteLLM and OpenRouter write it.
_COMPACT_DATE = re.compile(r"-(20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|$)")


def catalog_file() -> Path:
    """The bundled snapshot."""
    return resources_dir() / "prices" / "genai-prices.json"


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """One priced model of the catalog, for a picker of models to re-price a history with."""

    provider_id: str
    provider_name: str
    model_id: str
    name: str
    price: ModelPrice
    origin: str
    deprecated: bool = False


@dataclass(frozen=True, slots=True)
class _Provider:
    id: str
    name: str
    api_pattern: str
    model_match: Json | None
    provider_match: Json | None
    fallbacks: tuple[str, ...]
    models: list[Json]


class PriceCatalog:
    """Prices of public models, looked up by model name and base URL."""

    def __init__(self, data: Json) -> None:
        self.version: str = data.get("version", "")
        self.as_of = datetime.date.fromisoformat(data["as_of"]) if "as_of" in data else None
        self._providers = [_provider(raw) for raw in data.get("providers", [])]
        self._by_id = {provider.id: provider for provider in self._providers}
        self._found: dict[tuple[str, str], tuple[ModelPrice, str] | None] = {}

    @classmethod
    def load(cls, path: Path) -> PriceCatalog:
        """A catalog read from a snapshot file."""
        return cls(json.loads(path.read_bytes()))

    def lookup(self, model: str, base_url: str) -> tuple[ModelPrice, str] | None:
        """The price of `model` as served at `base_url`, and where it came from; None if the
        catalog does not know it or prices it only in other units than tokens."""
        key = (model, base_url)
        if key not in self._found:
            found = self._find(model.strip().lower(), base_url.strip())
            self._found[key] = None if found is None else self._priced(*found)
        return self._found[key]

    def entries(self) -> list[CatalogEntry]:
        """Every priced model, provider by provider, in the snapshot's order."""
        return [
            CatalogEntry(
                provider_id=provider.id,
                provider_name=provider.name,
                model_id=model["id"],
                name=model.get("name", model["id"]),
                price=_price(model["prices"]),
                origin=self._origin(provider, model),
                deprecated=bool(model.get("deprecated")),
            )
            for provider in self._providers
            for model in provider.models
            if model.get("prices") is not None
        ]

    def _priced(self, provider: _Provider, model: Json) -> tuple[ModelPrice, str] | None:
        if model.get("prices") is None:
            return None
        return _price(model["prices"]), self._origin(provider, model)

    def _origin(self, provider: _Provider, model: Json) -> str:
        return say(
            "genai-prices {version} ({provider} {model})",
            version=self.version,
            provider=provider.name,
            model=model["id"],
        )

    def _find(self, ref: str, base_url: str) -> tuple[_Provider, Json] | None:
        host = next((p for p in self._providers if _compiled(p.api_pattern).match(base_url)), None)
        if host is not None and (found := self._in_provider(host, ref)):
            return found
        return self._by_name(ref)

    def _by_name(self, ref: str) -> tuple[_Provider, Json] | None:
        """For a relay: the vendor named by a prefix (`anthropic/...`), else the vendor that
        claims the name, else anyone who lists it."""
        vendor, _, rest = ref.partition("/")
        named = self._provider_named(vendor) if rest else None
        if named is not None and (found := self._in_provider(named, rest)):
            return found
        # The whole name first: some entries are written with their prefix (`@cf/...`).
        names = list(dict.fromkeys([ref, rest or ref, ref.rpartition("/")[2]]))
        return self._by_vendor(names) or self._by_anyone(names)

    def _by_vendor(self, names: list[str]) -> tuple[_Provider, Json] | None:
        for name in names:
            for provider in self._providers:
                claimed = provider.model_match and _matches(provider.model_match, name)
                if claimed and (found := self._in_provider(provider, name)):
                    return found
        return None

    def _by_anyone(self, names: list[str]) -> tuple[_Provider, Json] | None:
        """The first provider that lists the name at a price: a free entry (a subscription's,
        a promotion's) says nothing about what the relay charges."""
        for name in names:
            for provider in self._providers:
                model = next(_matching(provider, name), None)
                if model is not None and not _free(model):
                    return provider, model
        return None

    def _in_provider(self, provider: _Provider, ref: str) -> tuple[_Provider, Json] | None:
        """genai-prices' `Provider.find_model`: its own models, then one step of fallback
        providers; then the same with a compact date written out."""
        owners = [provider, *(self._by_id[i] for i in provider.fallbacks if i in self._by_id)]
        for spelling in dict.fromkeys([ref, _dashed_date(ref)]):
            for owner in owners:
                model = next(_matching(owner, spelling), None)
                if model is not None:
                    return owner, model
        return None

    def _provider_named(self, name: str) -> _Provider | None:
        """A provider by id, else by its `provider_match` (genai-prices' find_provider_by_id)."""
        if name in self._by_id:
            return self._by_id[name]
        return next(
            (p for p in self._providers if p.provider_match and _matches(p.provider_match, name)),
            None,
        )


@cache
def bundled_catalog() -> PriceCatalog:
    """The catalog shipped with the app, read once on first use. A missing or damaged file
    leaves an empty catalog (prices show as unknown) rather than stopping the app."""
    path = catalog_file()
    try:
        return PriceCatalog.load(path)
    except (OSError, ValueError) as exc:
        log.warning("Cannot read the bundled price catalog %s: %s", path, exc)
        return PriceCatalog({})


def _provider(raw: Json) -> _Provider:
    return _Provider(
        id=raw["id"],
        name=raw["name"],
        api_pattern=raw["api_pattern"],
        model_match=raw.get("model_match"),
        provider_match=raw.get("provider_match"),
        fallbacks=tuple(raw.get("fallback_model_providers", ())),
        models=raw.get("models", []),
    )


def _matching(provider: _Provider, ref: str) -> Iterator[Json]:
    return (model for model in provider.models if _matches(model["match"], ref))


def _matches(clause: Json, ref: str) -> bool:
    """genai-prices' match clauses; `ref` is lowercase, a regex is searched case-sensitively."""
    ((kind, value),) = clause.items()
    if kind == "or":
        return any(_matches(part, ref) for part in value)
    if kind == "and":
        return all(_matches(part, ref) for part in value)
    if kind == "regex":
        return _compiled(value).search(ref) is not None
    text = str(value).lower()
    if kind == "equals":
        return ref == text
    if kind == "starts_with":
        return ref.startswith(text)
    if kind == "ends_with":
        return ref.endswith(text)
    if kind == "contains":
        return text in ref
    return False  # a clause kind newer than this code matches nothing


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _dashed_date(ref: str) -> str:
    """gpt-5.2-20251211 -> gpt-5.2-2025-12-11, when the digits are a real date."""

    def dashed(found: re.Match[str]) -> str:
        year, month, day = (int(part) for part in found.groups())
        try:
            datetime.date(year, month, day)
        except ValueError:
            return found.group(0)
        return f"-{year:04d}-{month:02d}-{day:02d}"

    return _COMPACT_DATE.sub(dashed, ref)


def _free(model: Json) -> bool:
    prices = model.get("prices") or {}
    return all(Decimal(value) == 0 for key, value in prices.items() if key != "tiers")


def _price(prices: Json) -> ModelPrice:
    """A snapshot price (`{"input_mtok": "3", ..., "tiers": [{"start": 200000, ...}]}`)."""

    def optional(key: str) -> Decimal | None:
        return Decimal(prices[key]) if key in prices else None

    return ModelPrice(
        input=Decimal(prices["input_mtok"]),
        output=Decimal(prices["output_mtok"]),
        cached_input=optional("cache_read_mtok"),
        cache_write=optional("cache_write_mtok"),
        reasoning=optional("output_reasoning_mtok"),
        tiers=tuple((int(tier["start"]), _price(tier)) for tier in prices.get("tiers", ())),
    )
