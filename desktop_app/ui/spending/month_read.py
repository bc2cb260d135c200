"""The spending view's one read of the history, made on a worker thread (HistoryReads, "month"):
the months the view offers and one month's figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.spending import (
    ModelUsage,
    Month,
    Totals,
    by_model,
    daily,
    first_answer_month,
    month_days,
    spent_today,
)


@dataclass(frozen=True, slots=True)
class MonthRead:
    """What one read of the history gives the view: the months it offers and one month's
    figures (none when nothing was spent yet)."""

    months: list[Month]
    month: Month | None = None
    days: list[tuple[date, Totals]] | None = None
    rows: list[ModelUsage] | None = None
    today: Totals | None = None


def read_month(history: HistoryStore, now: datetime, keep: Month | None) -> MonthRead:
    """The months from the first answer's to `now`'s, newest first, and the figures of `keep`
    if it is one of them, else of the newest (runs on a worker thread: no widget here)."""
    first = first_answer_month(history)
    months: list[Month] = []
    month = Month.of(now)
    while first is not None and month >= first:
        months.append(month)
        month = month.previous()
    if not months:
        return MonthRead(months)
    shown = keep if keep in months else months[0]
    current = shown == Month.of(now)
    days = daily(history, 30, now) if current else month_days(history, shown, now)
    rows = by_model(history, shown)
    return MonthRead(months, shown, days, rows, spent_today(history, now))
