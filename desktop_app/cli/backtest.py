"""`tally spend --routing FILE`: the month's answers as sent against with those routing rules,
per rule and per model, with how often each rule's answers were escalated (money/backtest.py).

Nothing is written: a backtest is a what-if figure, never money spent.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.cli.tables import table
from desktop_app.core import paths
from desktop_app.core.currency import Currency
from desktop_app.core.errors import ConfigError
from desktop_app.core.files import reason_of
from desktop_app.core.history.opening import open_history
from desktop_app.core.money.backtest import Backtest, backtest
from desktop_app.core.money.spending import Month, Totals, format_totals, local_now
from desktop_app.core.routing.rules_file import parse_routing
from desktop_app.core.settings.app_settings import load_settings
from desktop_app.core.settings.providers_file import load_providers


def run_backtest(args: argparse.Namespace) -> int:
    """Print the backtest of the rules in args.routing on args.month (this month by default)."""
    path = Path(args.routing)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Cannot read {path}: {reason_of(exc)}.") from exc
    routing = parse_routing(text, source=str(path))
    currency = load_settings(paths.settings_file()).currency
    month: Month = args.month or Month.of(local_now())
    providers = load_providers(paths.providers_file())
    with open_history(paths.history_db()) as store:
        result = backtest(store, routing, month, providers)
    lines = report(result, currency, path.name)
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def report(result: Backtest, currency: Currency, rules_name: str) -> list[str]:
    """The lines `tally spend --routing` prints."""
    month = result.month.label
    if not result.as_sent.answers:
        return [f"No answers with a cost in {month}: nothing to backtest."]
    sent, routed = (
        format_totals(result.as_sent, currency),
        format_totals(result.with_rules, currency),
    )
    lines = [
        f"{month}: {sent} as sent, {routed} with the rules of {rules_name}"
        f" ({result.as_sent.answers:,} answers)",
        "",
        "Per rule:",
    ]
    body = [
        [
            line.rule or "(no rule matched: as sent)",
            str(line.choice) if line.choice else "",
            f"{line.as_sent.answers:,}",
            _cost(line.as_sent, currency),
            _cost(line.with_rules, currency),
        ]
        for line in result.rules
    ]
    lines += table(["Rule", "Picks", "Answers", "As sent", "With the rules"], body, left=2)
    lines += ["", "Per model:"]
    body = [
        [
            str(line.model),
            f"{line.as_sent.answers:,}",
            _cost(line.as_sent, currency),
            f"{line.with_rules.answers:,}",
            _cost(line.with_rules, currency),
        ]
        for line in result.models
    ]
    header = ["Model", "Answers sent", "As sent", "Answers routed", "With the rules"]
    lines += table(header, body, left=1)
    lines += ["", *_escalations(result), *_notes(result)]
    return lines


def _cost(totals: Totals, currency: Currency) -> str:
    return format_totals(totals, currency) if totals.answers else "-"


def _escalations(result: Backtest) -> list[str]:
    if not result.escalations:
        return ["No answer of the month was routed by a rule, so none was escalated from one."]
    body = [
        [e.rule, f"{e.answers:,}", f"{e.escalated:,}", f"{100 * e.escalated / e.answers:.0f}%"]
        for e in result.escalations
    ]
    return [
        "Escalations (answers each rule picked when they were sent, and how many you asked a",
        "stronger model again; a rule whose answers are often escalated is too cheap):",
        *table(["Rule", "Answers", "Escalated", "Share"], body, left=1),
    ]


def _notes(result: Backtest) -> list[str]:
    notes = ["", "A what-if figure: nothing is billed or written."]
    unpriced = result.as_sent.unpriced + result.with_rules.unpriced
    if unpriced:
        notes.append(
            "Answers on a model of unknown price are not in the totals (“+ N unpriced”): a "
            "price nobody knows is never counted as 0."
        )
    if result.unroutable:
        notes.append(
            f"{result.unroutable:,} answers whose question is no longer in the history count "
            "as sent."
        )
    return notes
