"""What the user spent, read from the history's ledger: totals for a time range, a conversation,
each day and each model (repricing.py prices the same tokens on other models).

Money is summed here in Decimal from the exact text the ledger keeps, never with SQL SUM (which
goes through floats). Days and months are the user's local time. The ledger has one row per
billed answer, which no delete, purge, regenerate or edit removes: that money was spent.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from desktop_app.core.currency import Currency
from desktop_app.core.events import Usage
from desktop_app.core.history.schema import time_from_text, time_to_text
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.prices import format_money
from desktop_app.core.text.messages import say

TOKEN_KINDS: tuple[str, ...] = (
    "input_tokens",
    "cached_input_tokens",
    "output_tokens",
    "reasoning_tokens",
    "cache_write_tokens",
)
"""The token columns of the ledger, named as events.Usage's fields, so that a new kind of token
is one more line here and nothing else."""

PROMPT_THRESHOLDS: tuple[int, ...] = (
    32_000,
    100_000,
    128_000,
    199_999,
    200_000,
    256_000,
    272_000,
    512_000,
    524_288,
)
"""Every prompt size over which a bundled catalog price turns dearer (ModelPrice.tiers), lowest
first: by_model splits each row's tokens at these, so that re-pricing can bill each answer in its
own tier (a test checks that the catalog's thresholds are all here)."""

_COLUMNS = ", ".join(["created_at", "provider", "model", "usage_source", "cost_usd", *TOKEN_KINDS])
_Row = tuple[Any, ...]
"""A row of _COLUMNS: texts as stored (cost_usd exact decimal text, or NULL), then the counts."""


@dataclass(frozen=True, slots=True)
class Totals:
    """Money spent, in USD; `estimated` when some of it was priced from estimated usage, and
    `unpriced` answers that are not in `usd` because their model's price was unknown."""

    usd: Decimal = Decimal(0)
    estimated: bool = False
    unpriced: int = 0
    answers: int = 0
    """Every billed answer counted, priced or not."""
    estimated_usd: Decimal = Decimal(0)
    """The part of `usd` priced from estimated usage (a chart draws it apart)."""

    def __add__(self, other: Totals) -> Totals:
        return Totals(
            self.usd + other.usd,
            self.estimated or other.estimated,
            self.unpriced + other.unpriced,
            self.answers + other.answers,
            self.estimated_usd + other.estimated_usd,
        )

    @property
    def all_unpriced(self) -> bool:
        """Answers were given but none had a known price: the money is unknown, not 0."""
        return self.answers > 0 and self.unpriced == self.answers


@dataclass(frozen=True, slots=True)
class PromptBand:
    """Some of a row's answers, those whose prompts lie between the same two neighbouring
    PROMPT_THRESHOLDS: the smallest of their prompts, and their tokens summed."""

    smallest_prompt: int
    usage: Usage


@dataclass(frozen=True, slots=True)
class ModelUsage:
    """One model's answers in a period: how many, their tokens summed, and what they cost."""

    provider: str
    model: str
    usage: Usage
    """Token counts summed over the answers; source "estimated" if any answer's was."""
    cost: Totals
    estimated: int
    """How many of the answers had estimated usage (the provider reported none)."""
    bands: tuple[PromptBand, ...] = ()
    """The same tokens split by prompt size (by_model fills it; see `by_prompt`)."""

    def by_prompt(self) -> tuple[PromptBand, ...]:
        """`bands`; for a row made without them, its tokens as one band, at the prompt of its
        one answer, or at 0 for several (whose prompts are not known one by one)."""
        if self.bands:
            return self.bands
        return (PromptBand(self.usage.input_tokens if self.answers <= 1 else 0, self.usage),)

    @property
    def answers(self) -> int:
        return self.cost.answers

    @property
    def usd(self) -> Decimal:
        return self.cost.usd

    @property
    def unpriced(self) -> int:
        return self.cost.unpriced


@dataclass(frozen=True, slots=True, order=True)
class Month:
    """A calendar month in the user's local time."""

    year: int
    month: int

    @classmethod
    def of(cls, moment: datetime | date) -> Month:
        """The month `moment` falls in (an aware datetime is taken in local time)."""
        if isinstance(moment, datetime):
            moment = moment.astimezone() if moment.tzinfo else moment
        return cls(moment.year, moment.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """A month written YYYY-MM; ValueError for anything else."""
        year, dash, month = text.strip().partition("-")
        if not (dash and len(year) == 4 and len(month) == 2 and (year + month).isdigit()):
            raise ValueError(f"not a month in the form YYYY-MM: {text!r}")
        if not 1 <= int(month) <= 12:
            raise ValueError(f"there is no month {month} in {text!r}")
        return cls(int(year), int(month))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """The month as people write it: "March 2025"."""
        return self.first_day.strftime("%B %Y")

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    def next(self) -> Month:
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def previous(self) -> Month:
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    @property
    def start(self) -> datetime:
        return day_start(self.first_day)

    @property
    def end(self) -> datetime:
        """The first moment after the month (the start of the next)."""
        return self.next().start


def local_now(now: datetime | None = None) -> datetime:
    """`now` (the clock's time by default) as an aware datetime in the user's time zone."""
    return (now or datetime.now(UTC)).astimezone()


def day_start(day: date) -> datetime:
    """Local midnight at the start of `day`, aware (with that day's offset, so DST is right)."""
    return datetime.combine(day, time()).astimezone()


# -- reading the store -------------------------------------------------------------------------


_IN_RANGE = "created_at >= ? AND created_at < ?"


def _times(start: datetime, end: datetime) -> tuple[str, str]:
    return time_to_text(start), time_to_text(end)


def _between(store: HistoryStore, start: datetime, end: datetime) -> list[_Row]:
    """The billed answers from `start` up to `end`, as rows laid out as _COLUMNS says."""
    sql = f"SELECT {_COLUMNS} FROM ledger WHERE {_IN_RANGE}"
    with store.reading() as conn:
        return conn.execute(sql, _times(start, end)).fetchall()


def _money_rows(
    store: HistoryStore, where: str, args: Sequence[object]
) -> list[tuple[str, str | None, str | None]]:
    """(created_at, usage_source, cost_usd) of the billed answers `where` picks: all three are
    in the ledger's indexes by time and by conversation, which answer from the index alone."""
    sql = f"SELECT created_at, usage_source, cost_usd FROM ledger WHERE {where}"
    with store.reading() as conn:
        return conn.execute(sql, args).fetchall()


# -- summing ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Sum:
    """Running sums over answers; Decimal addition is exact at these sizes (28 digits)."""

    usd: Decimal = Decimal(0)
    estimated_usd: Decimal = Decimal(0)
    unpriced: int = 0
    answers: int = 0
    estimated_answers: int = 0
    estimated_priced: int = 0
    bands: dict[int, list[int]] = field(default_factory=dict)
    """Per band (how many PROMPT_THRESHOLDS its prompts are over): the smallest prompt, then
    the token counts as TOKEN_KINDS lists them."""

    def add_money(self, source: str | None, usd: str | None) -> None:
        self.answers += 1
        guessed = source == "estimated"
        self.estimated_answers += guessed
        if usd is None:
            self.unpriced += 1
            return
        amount = Decimal(usd)
        self.usd += amount
        if guessed:
            self.estimated_priced += 1
            self.estimated_usd += amount

    def add(self, row: _Row) -> None:
        self.add_money(row[3], row[4])
        prompt = row[5]  # input_tokens: the whole prompt, as pricing.rates_for counts it
        key = bisect_left(PROMPT_THRESHOLDS, prompt)
        band = self.bands.get(key)
        if band is None:
            self.bands[key] = [prompt, *row[5:]]
            return
        band[0] = min(band[0], prompt)
        for kind, count in enumerate(row[5:], start=1):
            band[kind] += count

    def totals(self) -> Totals:
        estimated = self.estimated_priced > 0
        return Totals(self.usd, estimated, self.unpriced, self.answers, self.estimated_usd)

    def row(self, provider: str, model: str) -> ModelUsage:
        guessed = self.estimated_answers > 0
        bands = tuple(
            PromptBand(band[0], _usage(band[1:], guessed)) for _, band in sorted(self.bands.items())
        )
        usage = _added((band.usage for band in bands), guessed)
        return ModelUsage(provider, model, usage, self.totals(), self.estimated_answers, bands)


def _usage(counts: Sequence[int], estimated: bool) -> Usage:
    """A Usage of token counts listed as TOKEN_KINDS lists them."""
    named: dict[str, Any] = dict(zip(TOKEN_KINDS, counts, strict=True))
    return Usage(**named, source="estimated" if estimated else "reported")


def _added(usages: Iterable[Usage], estimated: bool) -> Usage:
    """The token counts of `usages` added up, kind by kind."""
    counts = [0] * len(TOKEN_KINDS)
    for usage in usages:
        for kind, name in enumerate(TOKEN_KINDS):
            counts[kind] += getattr(usage, name)
    return _usage(counts, estimated)


def _money(store: HistoryStore, where: str, args: Sequence[object]) -> Totals:
    total = _Sum()
    for _, source, usd in _money_rows(store, where, args):
        total.add_money(source, usd)
    return total.totals()


# -- the questions ----------------------------------------------------------------------------


def spent(store: HistoryStore, start: datetime, end: datetime) -> Totals:
    """What the answers written from `start` up to (not including) `end` cost."""
    return _money(store, _IN_RANGE, _times(start, end))


def spent_today(store: HistoryStore, now: datetime | None = None) -> Totals:
    """Spent since local midnight."""
    today = local_now(now).date()
    return spent(store, day_start(today), day_start(today + timedelta(days=1)))


def spent_this_month(store: HistoryStore, now: datetime | None = None) -> Totals:
    """Spent in the current local calendar month."""
    month = Month.of(local_now(now))
    return spent(store, month.start, month.end)


def conversation_spent(store: HistoryStore, conversation_id: str) -> Totals:
    """What a conversation's answers cost (read through the per-conversation index)."""
    return _money(store, "conversation_id = ?", (conversation_id,))


def daily(
    store: HistoryStore, days: int = 30, now: datetime | None = None
) -> list[tuple[date, Totals]]:
    """Spend per local day for the `days` days ending today, oldest first, empty days included."""
    today = local_now(now).date()
    first = today - timedelta(days=days - 1)
    dates = [first + timedelta(days=n) for n in range(days)]
    # The store's times are fixed-width UTC text, so text order is time order: each answer
    # finds its day by bisecting the days' starts, with no parsing.
    bounds = [time_to_text(day_start(day)) for day in [*dates, today + timedelta(days=1)]]
    sums = [_Sum() for _ in dates]
    for at, source, usd in _money_rows(store, _IN_RANGE, (bounds[0], bounds[-1])):
        sums[bisect_right(bounds, at) - 1].add_money(source, usd)
    return [(day, total.totals()) for day, total in zip(dates, sums, strict=True)]


def month_days(
    store: HistoryStore, month: Month, now: datetime | None = None
) -> list[tuple[date, Totals]]:
    """Spend per day of `month`, up to today in the current month ([] for a month to come)."""
    last = min(month.last_day, local_now(now).date())
    if last < month.first_day:
        return []
    return daily(store, (last - month.first_day).days + 1, now=day_start(last))


def by_model(store: HistoryStore, month: Month) -> list[ModelUsage]:
    """Each provider and model used in `month`, the most expensive first."""
    groups: dict[tuple[str, str], _Sum] = {}
    for row in _between(store, month.start, month.end):
        groups.setdefault((row[1] or "", row[2] or ""), _Sum()).add(row)
    rows = [s.row(provider, model) for (provider, model), s in groups.items()]
    return sorted(rows, key=lambda row: (-row.usd, -row.answers, row.model, row.provider))


def combined(rows: Iterable[ModelUsage], model: str = "Total") -> ModelUsage:
    """Several models' rows as one: answers, tokens and money added up, band by band (a table's
    total line)."""
    rows = list(rows)
    cost = sum((row.cost for row in rows), Totals())
    estimated = sum(row.estimated for row in rows)
    same_band: dict[int, list[PromptBand]] = {}
    for band in (band for row in rows for band in row.by_prompt()):
        same_band.setdefault(bisect_left(PROMPT_THRESHOLDS, band.smallest_prompt), []).append(band)
    bands = tuple(
        PromptBand(
            min(b.smallest_prompt for b in same), _added((b.usage for b in same), estimated > 0)
        )
        for _, same in sorted(same_band.items())
    )
    usage = _added((row.usage for row in rows), estimated > 0)
    return ModelUsage("", model, usage, cost, estimated, bands)


def format_totals(totals: Totals, currency: Currency) -> str:
    """Money spent as the user reads it: "≈¥5.93", "$0.81 + 14 unpriced", "price unknown"."""
    if totals.all_unpriced:
        return say("price unknown")
    text = format_money(totals.usd, currency, estimated=totals.estimated)
    return text + (say(" + {count:,} unpriced", count=totals.unpriced) if totals.unpriced else "")


def first_answer_month(store: HistoryStore) -> Month | None:
    """The month of the oldest billed answer, or None when there is none yet."""
    with store.reading() as conn:
        (first,) = conn.execute("SELECT min(created_at) FROM ledger").fetchone()
    return None if first is None else Month.of(time_from_text(first))
