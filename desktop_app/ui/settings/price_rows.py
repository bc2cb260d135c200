"""The Qt-free half of the prices table: one row per model of a provider being edited, where its
price comes from, and how an edit or a reset changes the draft.

Only the user's own figures go into the draft (and so into providers.toml): a relay's or the
bundled catalog's price is looked up each time, so that a later update of those tables reaches
the user for every model they did not price themselves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop_app.core.money.prices import CatalogLookup, Quote, quote
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from desktop_app.ui.settings.provider_draft import ProviderDraft

Figure = Literal["input", "cached_input", "output", "cache_write", "reasoning"]
FIGURES: tuple[Figure, ...] = ("input", "cached_input", "output", "cache_write", "reasoning")
REQUIRED: tuple[Figure, ...] = ("input", "output")
# What an optional figure left empty is billed as (ModelPrice's rule).
BILLED_AS: Mapping[Figure, Figure] = {
    "cached_input": "input",
    "cache_write": "input",
    "reasoning": "output",
}
FIGURE_NAMES: Mapping[Figure, str] = {
    "input": str(QT_TRANSLATE_NOOP("PriceRows", "input")),
    "cached_input": str(QT_TRANSLATE_NOOP("PriceRows", "cached input")),
    "output": str(QT_TRANSLATE_NOOP("PriceRows", "output")),
    "cache_write": str(QT_TRANSLATE_NOOP("PriceRows", "cache write")),
    "reasoning": str(QT_TRANSLATE_NOOP("PriceRows", "reasoning")),
}
"""The figures' names in English, marked for translation (figure_name())."""
# A TOML float keeps about 15 significant digits: more would not come back from the file exactly.
_MAX_DIGITS = 15
_TOO_LARGE = 9  # a billion or more, as a power of ten

RowKind = Literal["user", "unfinished", "relay", "catalog", "local", "unknown"]


class PriceProblem(ValueError):
    """A figure typed in the prices table cannot be used; the message says what to type."""


@dataclass(frozen=True, slots=True)
class PriceRow:
    """One model's line in the table: the figures shown and where they come from."""

    model: str
    kind: RowKind
    figures: Mapping[Figure, Decimal | None]
    base: Quote | None  # the price without the user's: what Reset goes back to
    listed: bool  # False: the user priced a model that is no longer in the models list

    @property
    def overridden(self) -> bool:
        return self.kind in ("user", "unfinished")

    @property
    def source(self) -> str:
        """The "Price from" column: who set this price."""
        if self.kind == "unfinished":
            missing = [name for name in REQUIRED if self.figures[name] is None]
            if len(missing) == 1:
                return QCoreApplication.translate(
                    "PriceRows", "your price: type the {} too"
                ).format(figure_name(missing[0]))
            return QCoreApplication.translate(
                "PriceRows", "your price: type the input and output too"
            )
        if self.kind == "user":
            if self.listed:
                return QCoreApplication.translate("PriceRows", "your price")
            return QCoreApplication.translate("PriceRows", "your price (not in the models list)")
        return source_of(self.base)

    @property
    def reset_label(self) -> str:
        """What the Reset button says for this row."""
        if self.base is None:
            return QCoreApplication.translate("PriceRows", "Remove your price")
        return QCoreApplication.translate("PriceRows", "Reset to {}").format(source_of(self.base))


def price_rows(draft: ProviderDraft, catalog: CatalogLookup | None = None) -> list[PriceRow]:
    """The draft's models in the models list's order, then models priced only by the user."""
    listed = draft.models()
    extra = [m for m in (*draft.prices, *draft.unfinished_prices) if m not in listed]
    plain = _without_prices(draft)
    return [
        _row(draft, model, quote(plain, model, catalog), model in listed)
        for model in dict.fromkeys((*listed, *extra))
    ]


def _row(draft: ProviderDraft, model: str, base: Quote | None, listed: bool) -> PriceRow:
    if model in draft.prices:
        return PriceRow(model, "user", _figures_of(draft.prices[model]), base, listed)
    if model in draft.unfinished_prices:
        typed = draft.unfinished_prices[model]
        return PriceRow(model, "unfinished", {n: typed.get(n) for n in FIGURES}, base, listed)
    if base is None:
        return PriceRow(model, "unknown", dict.fromkeys(FIGURES), None, listed)
    return PriceRow(model, base.source, _figures_of(base.price), base, listed)


def _without_prices(draft: ProviderDraft) -> Provider:
    """The provider as the form shows it, without the user's prices: whose price list applies
    depends on the base URL, which may still be half typed."""
    return Provider(
        id=draft.id or "new-provider",
        name=draft.name.strip(),
        kind=draft.kind,
        base_url=draft.base_url.strip().rstrip("/"),
    )


def _figures_of(price: ModelPrice) -> dict[Figure, Decimal | None]:
    return {name: getattr(price, name) for name in FIGURES}


def source_of(found: Quote | None) -> str:
    """Who set a price, as the table says it."""
    if found is None:
        return QCoreApplication.translate("PriceRows", "price unknown")
    if found.source == "local":
        return QCoreApplication.translate("PriceRows", "free (local)")
    return found.origin  # said by the core (a relay's or the catalog's name): in English


def parse_number(text: str) -> Decimal | None:
    """A number typed by the user (a leading $ or ¥ is allowed); None for an empty field.
    Raises ValueError with the reason."""
    stripped = text.strip().lstrip("$¥").strip()
    if not stripped:
        return None
    try:
        number = Decimal(stripped)
    except InvalidOperation:
        raise ValueError(QCoreApplication.translate("PriceRows", "is not a number")) from None
    if not number.is_finite():
        raise ValueError(QCoreApplication.translate("PriceRows", "is not a number"))
    if len(number.as_tuple().digits) > _MAX_DIGITS:
        raise ValueError(
            QCoreApplication.translate("PriceRows", "has more than {} digits").format(_MAX_DIGITS)
        )
    if number.adjusted() >= _TOO_LARGE:  # 1E+400 is one digit, and no price or budget
        raise ValueError(QCoreApplication.translate("PriceRows", "is far too large"))
    return number


def parse_figure(text: str, model: str, name: Figure) -> Decimal | None:
    """A price typed into the table, in USD per million tokens; None for an empty cell."""
    try:
        number = parse_number(text)
    except ValueError as reason:
        raise PriceProblem(
            QCoreApplication.translate(
                "PriceRows",
                "The {figure} price of {model}: “{text}” {reason}. "
                "Type US dollars per million tokens, like 0.27.",
            ).format(figure=figure_name(name), model=model, text=text.strip(), reason=reason)
        ) from None
    if number is not None and number < 0:
        raise PriceProblem(
            QCoreApplication.translate(
                "PriceRows", "The {figure} price of {model} cannot be negative."
            ).format(figure=figure_name(name), model=model)
        )
    return number


def set_figure(draft: ProviderDraft, row: PriceRow, name: Figure, value: Decimal | None) -> None:
    """Make one typed figure part of the user's price for the row's model.

    A known price is copied whole and changed in that one figure; for a model nobody priced,
    figures wait in `unfinished_prices` until both input and output are there.
    """
    if row.figures[name] == value:
        return  # re-typing what is shown is no override
    if row.kind in ("unknown", "unfinished"):
        _set_unfinished(draft, row.model, name, value)
        return
    if value is None and name in REQUIRED:
        raise PriceProblem(
            QCoreApplication.translate(
                "PriceRows",
                "The {figure} price of {model} cannot be empty. To drop your price, use “{reset}”.",
            ).format(figure=figure_name(name), model=row.model, reset=row.reset_label)
        )
    current = draft.prices.get(row.model) or (row.base.price if row.base else None)
    assert current is not None  # a row with a known price has one or the other
    changed: dict[str, Any] = {name: value, "tiers": ()}  # the user's price is flat, as saved
    draft.prices[row.model] = dataclasses.replace(current, **changed)


def _set_unfinished(draft: ProviderDraft, model: str, name: Figure, value: Decimal | None) -> None:
    typed = dict(draft.unfinished_prices.get(model, {}))
    if value is None:
        typed.pop(name, None)
    else:
        typed[name] = value
    draft.unfinished_prices.pop(model, None)
    if "input" in typed and "output" in typed:
        draft.prices[model] = ModelPrice(
            input=typed["input"],
            output=typed["output"],
            cached_input=typed.get("cached_input"),
            cache_write=typed.get("cache_write"),
            reasoning=typed.get("reasoning"),
        )
    elif typed:
        draft.unfinished_prices[model] = typed


def reset_price(draft: ProviderDraft, model: str) -> None:
    """Drop the user's price of a model: it goes back to the relay's, the catalog's or none."""
    draft.prices.pop(model, None)
    draft.unfinished_prices.pop(model, None)


def figure_name(name: Figure) -> str:
    """A figure's name ("cached input") in the window's language."""
    return QCoreApplication.translate("PriceRows", FIGURE_NAMES[name])


def format_figure(value: Decimal) -> str:
    """A price as the table shows it: at least two decimals, no trailing zeros beyond
    (2 -> "2.00", 0.0700 -> "0.07", 0.075 -> "0.075")."""
    whole, _, fraction = format(value.normalize(), "f").partition(".")
    return f"{whole}.{fraction.ljust(2, '0')}"
