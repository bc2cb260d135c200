"""`tally spend`: what the history cost in a month, per model and per day, and what the same tokens
would have cost on other models.

Errors are raised as TallyError for cli.main to print as its one-line `tally: error: ...`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from desktop_app.cli.tables import table
from desktop_app.core import paths
from desktop_app.core.currency import Currency
from desktop_app.core.errors import ConfigError
from desktop_app.core.history.opening import open_history
from desktop_app.core.money.prices import format_money, format_price
from desktop_app.core.money.repricing import (
    PricedModel,
    find_price,
    format_repriced,
    seed_models,
    split_name,
)
from desktop_app.core.money.spending import (
    ModelUsage,
    Month,
    Totals,
    by_model,
    combined,
    format_totals,
    local_now,
    month_days,
    spent_today,
)
from desktop_app.core.settings.app_settings import load_settings
from desktop_app.core.settings.provider_names import shown_name
from desktop_app.core.settings.providers_file import load_providers


def run_spend(args: argparse.Namespace) -> int:
    """Print the month's spending; returns 0 or raises TallyError."""
    if args.routing:  # the month as sent against with these routing rules
        from desktop_app.cli.backtest import run_backtest

        return run_backtest(args)
    currency = load_settings(paths.settings_file()).currency
    targets = _targets(args.reprice) if args.reprice else []
    now = local_now()
    month: Month = args.month or Month.of(now)
    providers = load_providers(paths.providers_file())
    with open_history(paths.history_db()) as store:
        # Rows hold the provider's id; the table shows its name now (the id if it is gone).
        rows = [
            replace(row, provider=shown_name(providers, row.provider) or row.provider)
            for row in by_model(store, month)
        ]
        days = month_days(store, month, now)
        today = spent_today(store, now)
    _print("\n".join(report(month, rows, days, today, currency, targets)) + "\n")
    return 0


def report(
    month: Month,
    rows: list[ModelUsage],
    days: list[tuple[date, Totals]],
    today: Totals,
    currency: Currency,
    targets: list[PricedModel],
) -> list[str]:
    """The lines `tally spend` prints."""
    lines = [f"Spending in {month.label} ({_currency_name(currency)})", ""]
    if rows:
        lines += [*_model_table(rows, currency), "", *_day_table(days, currency)]
    else:
        lines.append(f"No answers with a cost in {month.label}.")
    lines += ["", f"Today: {format_totals(today, currency)}"]
    if rows:
        compared = _side_by_side(rows, targets, currency) if targets else _seeds(rows, currency)
        lines += ["", *compared]
    return lines + _notes(rows, today)


def _targets(names: Sequence[str]) -> list[PricedModel]:
    providers = load_providers(paths.providers_file())
    targets = []
    for name in names:
        found = find_price(name, providers)
        if found is None:
            _, model = split_name(name, providers)
            raise ConfigError(
                f"No price is known for {name!r}: set its price in providers.toml"
                f' ([provider.prices."{model}"] under its provider), or give'
                " a model of the bundled price catalog or another of providers.toml (as"
                " PROVIDER/MODEL or MODEL)."
            )
        targets.append(found)
    return targets


# -- the tables --------------------------------------------------------------------------------


def _model_table(rows: list[ModelUsage], currency: Currency) -> list[str]:
    header = ["Model", "Provider", "Answers", "Input", "Cached", "Output", "Cost"]
    body = [_model_cells(row, row.provider or "?", currency) for row in rows]
    body.append(_model_cells(combined(rows), "", currency))
    return table(header, body, left=2)


def _model_cells(row: ModelUsage, provider: str, currency: Currency) -> list[str]:
    usage = row.usage
    counts = [row.answers, usage.input_tokens, usage.cached_input_tokens, usage.output_tokens]
    return [
        row.model or "?",
        provider,
        *(f"{n:,}" for n in counts),
        format_totals(row.cost, currency),
    ]


def _day_table(days: list[tuple[date, Totals]], currency: Currency) -> list[str]:
    """The days that had answers; a month of mostly empty days would bury them."""
    body = [
        [f"{day:%Y-%m-%d %a}", f"{totals.answers:,}", format_totals(totals, currency)]
        for day, totals in days
        if totals.answers
    ]
    return table(["Day", "Answers", "Cost"], body, left=1)


def _side_by_side(
    rows: list[ModelUsage], targets: list[PricedModel], currency: Currency
) -> list[str]:
    """Each model's actual cost next to what its tokens would have cost on each target."""
    header = ["Model", "Provider", "Actual", *(f"on {target.name}" for target in targets)]
    body = [
        [row.model or "?", row.provider or "?", format_totals(row.cost, currency)]
        + [format_repriced([row], target, currency) for target in targets]
        for row in rows
    ]
    body.append(
        ["Total", "", format_totals(combined(rows).cost, currency)]
        + [format_repriced(rows, target, currency) for target in targets]
    )
    lines = ["The same tokens on other models:", *table(header, body, left=2), ""]
    return lines + [f"{t.name}: {_price(t, currency)}" for t in targets]


def _seeds(rows: list[ModelUsage], currency: Currency) -> list[str]:
    """The month's tokens on the seed's four models, in short."""
    seeds = seed_models()
    body = [["Actual", "", format_totals(combined(rows).cost, currency)]] + [
        [seed.name, format_price(seed.price, currency), format_repriced(rows, seed, currency)]
        for seed in seeds
    ]
    return [
        f"The same tokens on the seed's models ({seeds[0].origin}):",
        *table(["Model", "Price", "Cost"], body, left=2),
        "Compare model by model with any other: tally spend --reprice MODEL",
    ]


def _notes(rows: list[ModelUsage], today: Totals) -> list[str]:
    notes = ["", "Input counts cached input too; output counts reasoning too."]
    unpriced = combined(rows).cost.unpriced
    if unpriced:
        notes.append(
            "1 answer had no known price: it is not in the cost."
            if unpriced == 1
            else f"{unpriced:,} answers had no known price: they are not in the cost."
        )
    if any(row.estimated for row in rows) or today.estimated:
        notes.append("≈ marks amounts estimated from the length of the text (no usage reported).")
    return notes if rows else []


# -- money -------------------------------------------------------------------------------------


def _price(target: PricedModel, currency: Currency) -> str:
    price = target.price
    cached = price.cached_input
    cached_text = "" if cached is None else f", cached input {format_money(cached, currency)}"
    return f"{format_price(price, currency)}{cached_text}, from {target.origin}"


def _currency_name(currency: Currency) -> str:
    if currency.code == "USD":
        return "in US dollars"
    return f"in yuan, ¥{currency.per_usd:f} = $1"


def _print(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # `tally spend | head`: the reader stopped early, which is no error. Python would
        # report the pipe again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
