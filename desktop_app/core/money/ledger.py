"""The money rules in one object (DESIGN.md: "the ledger owns the money rules"): what an answer
costs, reported or estimated; what was spent in the open conversation, today and this month;
whether the budgets let the user send; and money in the user's currency. It prices by provider
id and model, and tells plain-Python listeners when a total changes.

Totals come from the history's ledger table in one read, `read_snapshot`, which touches nothing
of the Ledger and so may run on another thread; `load` then applies it. An answer billed since
is added in memory, with no read. Answers of a simulated provider (the offline demo) are priced
to show what they would cost, but never enter the ledger, a total or a budget.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Protocol

from desktop_app.core.conversation import AnswerCost, ChatMessage, Conversation
from desktop_app.core.history.ledger_rows import LedgerChange, LedgerEntry
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.budget import (
    GUI_REMEDY,
    BudgetState,
    budget_states,
    describe,
    most_pressing,
)
from desktop_app.core.money.prices import Quote, answer_cost, format_money, quote
from desktop_app.core.money.spending import (
    Month,
    Totals,
    conversation_spent,
    local_now,
    spent_this_month,
    spent_today,
)
from desktop_app.core.settings.app_settings import AppSettings
from desktop_app.core.settings.provider_names import provider_with_id
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from desktop_app.core.text.messages import say


class LedgerListener(Protocol):
    """What a view of the totals implements (the cost meter)."""

    def totals_changed(self) -> None:
        """A total changed (an answer was billed, the totals were read), or how money shows."""


class CostListener(Protocol):
    """What a view of answers implements (the chat view)."""

    def answer_costed(self, message: ChatMessage) -> None:
        """An ended answer's cost was worked out and stored in `message.cost`."""


@dataclass(frozen=True, slots=True)
class LedgerSnapshot:
    """The totals a Ledger keeps, as the ledger table held them at one moment."""

    day: date
    """The local day `today` is of (the month is the one this day is in)."""
    conversation_id: str | None
    today: Totals = field(default_factory=Totals)
    this_month: Totals = field(default_factory=Totals)
    conversation: Totals = field(default_factory=Totals)
    generation: int = 0
    """How many answers the Ledger had seen billed when the read began: a read begun before
    the last of them may have missed it, and is not applied."""


def read_snapshot(
    store: HistoryStore,
    conversation_id: str | None,
    *,
    now: datetime | None = None,
    generation: int = 0,
) -> LedgerSnapshot:
    """Today's, this month's and a conversation's totals, read from the store in one go."""
    moment = local_now(now)
    return LedgerSnapshot(
        moment.date(),
        conversation_id,
        spent_today(store, moment),
        spent_this_month(store, moment),
        Totals() if conversation_id is None else conversation_spent(store, conversation_id),
        generation,
    )


@dataclass(frozen=True, slots=True)
class Figures:
    """What the meter shows: an answer's cost (the streaming one, else the last), and the totals
    with the streaming answer counted in (unless it is simulated)."""

    answer: AnswerCost | None
    answer_is_money: bool
    conversation: Totals
    today: Totals
    month: Totals
    budgets: tuple[BudgetState, ...]
    compared: Totals | None = None
    """The answers of a comparison none was chosen from, together, in place of `answer`
    (`answers`: all of them, those that cost nothing too)."""

    @property
    def pressing(self) -> BudgetState | None:
        """The budget to tell the user about (used up, else past 80 %)."""
        return most_pressing(list(self.budgets))

    def budget(self, period: str) -> BudgetState | None:
        return next((state for state in self.budgets if state.period == period), None)


def message_cost(
    conversation: Conversation, message: ChatMessage, price: ModelPrice | None
) -> AnswerCost:
    """An answer's cost, reported or (while streaming, or when the API never reports usage)
    estimated from the texts: the one computation behind the meter, the history and the CLI."""
    answer = len(message.content) + len(message.reasoning)
    return answer_cost(price, message.usage, conversation.prompt_chars(message), answer)


class Ledger:
    """Prices answers, keeps the totals and checks the budgets, for the window or the CLI."""

    def __init__(
        self,
        store: HistoryStore,
        providers: Sequence[Provider] = (),
        settings: AppSettings | None = None,
        *,
        clock: Callable[[], datetime | None] = lambda: None,
    ) -> None:
        self.store = store
        self.providers = list(providers)
        self.settings = settings or AppSettings()
        self.clock = clock
        """The time (None: the clock's); tests set it to cross midnight."""
        self.listeners: list[LedgerListener] = []
        self.cost_listeners: list[CostListener] = []
        self.conversation_id: str | None = None
        self.generation = 0
        self.reread: Callable[[], None] | None = None
        """How to read the totals again off this thread (the window's worker), for refresh()."""
        self._snapshot = LedgerSnapshot(local_now(clock()).date(), None)

    # -- prices ---------------------------------------------------------------------------

    def set_providers(self, providers: Sequence[Provider]) -> None:
        self.providers = list(providers)

    def provider(self, ref: str | None) -> Provider | None:
        """A provider by id, or by the display name that answers recorded before ids were."""
        by_id = provider_with_id(self.providers, ref)
        return by_id or next((p for p in self.providers if p.name == ref), None)

    def quote(self, provider_id: str, model: str) -> Quote | None:
        """A model's price at a provider, and where it came from; None when nobody knows."""
        provider = self.provider(provider_id)
        return None if provider is None else quote(provider, model)

    def price(self, provider_id: str | None, model: str | None) -> ModelPrice | None:
        found = self.quote(provider_id or "", model or "")
        return None if found is None else found.price

    def cost_of(self, conversation: Conversation, message: ChatMessage) -> AnswerCost:
        """What an answer of `conversation` costs (so far, while it streams)."""
        return message_cost(conversation, message, self.price(message.provider, message.model))

    def is_money(self, message: ChatMessage) -> bool:
        """False for an answer of a simulated provider: its cost is shown, never spent."""
        provider = self.provider(message.provider)
        return provider is None or not provider.simulated

    # -- totals ---------------------------------------------------------------------------

    @property
    def today(self) -> Totals:
        return self._snapshot.today

    @property
    def this_month(self) -> Totals:
        return self._snapshot.this_month

    @property
    def month(self) -> Month:
        return Month.of(self._snapshot.day)

    @property
    def conversation(self) -> Totals:
        """What the followed conversation's answers cost, replaced ones included."""
        return self._snapshot.conversation

    def snapshot_reader(self) -> Callable[[HistoryStore], LedgerSnapshot]:
        """The read of the totals, to run on any thread with a store of its own (a worker's
        HistoryStore.reader()); `load` its result."""
        return partial(
            read_snapshot,
            conversation_id=self.conversation_id,
            now=self.clock(),
            generation=self.generation,
        )

    def load(self, snapshot: LedgerSnapshot) -> bool:
        """Take the totals read. An answer billed since the read began makes it stale: False,
        nothing changes, and it is read again. Another conversation followed since then keeps
        its own total (follow() read it); the day's and the month's are taken."""
        if snapshot.generation != self.generation:
            self.refresh()
            return False
        if snapshot.conversation_id != self.conversation_id:
            current = self._snapshot
            snapshot = replace(
                snapshot, conversation_id=current.conversation_id, conversation=current.conversation
            )
        self._snapshot = snapshot
        self._tell_totals()
        return True

    def refresh(self) -> None:
        """Read the totals again: through `reread` where it is set (the window reads them on a
        worker), else now, on this thread (the command line)."""
        if self.reread is not None:
            self.reread()
        else:
            self.load(self.snapshot_reader()(self.store))

    def follow(self, conversation_id: str | None) -> None:
        """Keep the total of this conversation (None: a new one, nothing spent yet). Its one
        read grows with the conversation, not the history: it runs here, on this thread."""
        if conversation_id == self.conversation_id:
            return
        self.conversation_id = conversation_id
        spent = (
            Totals() if conversation_id is None else conversation_spent(self.store, conversation_id)
        )
        self._snapshot = replace(
            self._snapshot, conversation_id=conversation_id, conversation=spent
        )
        self._tell_totals()

    def recorded(self, message: ChatMessage, change: LedgerChange | None) -> None:
        """The history recorder stored an ended answer's cost, and billed it (`change`) unless
        it is not money: the totals follow, with no read when the answer is new."""
        if change is not None and change.changed:
            self.generation += 1
            snapshot = self._snapshot
            if change.before is None and local_now(self.clock()).date() == snapshot.day:
                self._snapshot = _with_entry(snapshot, change.after)
                self._tell_totals()
            else:  # a row raised, or a new day: read again rather than work out the change
                self.refresh()
        for listener in list(self.cost_listeners):
            listener.answer_costed(message)

    def figures(self, conversation: Conversation, streaming: ChatMessage | None) -> Figures:
        """The meter's figures, counting the answer that is streaming."""
        shown = streaming or conversation.last("assistant")
        answer = None if shown is None else shown.cost
        extra = Totals()
        if streaming is not None:
            answer = self.cost_of(conversation, streaming)
            extra = totals_of(answer) if self.is_money(streaming) else Totals()
        today, month = self.today + extra, self.this_month + extra
        budgets = tuple(budget_states(self.settings, today.usd, month.usd))
        is_money = shown is None or self.is_money(shown)
        compared = conversation.comparison() if streaming is None else []
        together = None
        if compared:  # every answer shown counts, one that cost nothing too
            spent = sum((totals_of(m.cost) for m in compared), Totals())
            together = replace(spent, answers=len(compared))
            is_money = all(self.is_money(m) for m in compared)
        conversation_totals = self.conversation + extra
        return Figures(answer, is_money, conversation_totals, today, month, budgets, together)

    # -- budgets and money shown ------------------------------------------------------------

    def set_settings(self, settings: AppSettings) -> None:
        """The currency and the budgets the user chose."""
        self.settings = settings
        self._tell_totals()

    def budget_stop(self) -> BudgetState | None:
        """The budget that is used up, if one is: sending waits for the user to say so."""
        states = budget_states(self.settings, self.today.usd, self.this_month.usd)
        pressing = most_pressing(states)
        return pressing if pressing is not None and pressing.level == "over" else None

    def describe(self, state: BudgetState, remedy: str = GUI_REMEDY) -> str:
        return describe(state, self.settings, remedy)

    def money(self, usd: Decimal | None, *, estimated: bool = False) -> str:
        """An amount in the user's currency ("price unknown" for None)."""
        return format_money(usd, self.settings.currency, estimated=estimated)

    def total_text(self, totals: Totals) -> str:
        """A total in short, as the meter shows it: "≈$0.81", "$0.81+" when some answers had
        no known price, "price unknown" when none had."""
        if totals.unpriced and totals.usd == 0:
            return say("price unknown")
        text = self.money(totals.usd, estimated=totals.estimated)
        return text + ("+" if totals.unpriced else "")

    def _tell_totals(self) -> None:
        for listener in list(self.listeners):
            listener.totals_changed()


def totals_of(cost: AnswerCost | None) -> Totals:
    """One answer's cost as a total of one answer (none for None)."""
    if cost is None:
        return Totals()
    if cost.usd is None:
        return Totals(unpriced=1, answers=1)
    guessed = cost.estimated
    return Totals(cost.usd, guessed, 0, 1, cost.usd if guessed else Decimal(0))


def _with_entry(snapshot: LedgerSnapshot, entry: LedgerEntry) -> LedgerSnapshot:
    """`snapshot` with a newly billed answer added where it belongs."""
    added = totals_of(AnswerCost(entry.usage, entry.cost_usd))
    when = local_now(entry.created_at)
    month = Month.of(snapshot.day) == Month.of(when)
    return LedgerSnapshot(
        snapshot.day,
        snapshot.conversation_id,
        snapshot.today + added if when.date() == snapshot.day else snapshot.today,
        snapshot.this_month + added if month else snapshot.this_month,
        snapshot.conversation + added
        if entry.conversation_id == snapshot.conversation_id
        else snapshot.conversation,
        snapshot.generation,
    )
