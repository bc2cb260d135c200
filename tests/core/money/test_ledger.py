"""The Ledger, the one object of the money rules: it prices by provider id and model, keeps the
totals from one read and then from the answers it sees billed, checks the budgets, and tells its
listeners; simulated answers are priced but never money."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.core.events import Usage
from desktop_app.core.history.recorder import HistoryRecorder
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.ledger import Ledger, read_snapshot
from desktop_app.core.money.spending import Totals
from desktop_app.core.settings.app_settings import AppSettings
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from tests.support.history.spending_samples import answer

PRICE = ModelPrice(Decimal(2), Decimal(8))  # $ per million: 1M in, 1M out -> $10
RELAY = Provider("relay", "Relay", "openai", "https://relay.example/v1", prices={"m": PRICE})
DEMO = Provider(
    "demo", "Demo", "openai", "http://127.0.0.1:9/v1", prices={"m": PRICE}, simulated=True
)


class Heard:
    """A listener that keeps what it was told."""

    def __init__(self) -> None:
        self.totals = 0
        self.costed: list[ChatMessage] = []

    def totals_changed(self) -> None:
        self.totals += 1

    def answer_costed(self, message: ChatMessage) -> None:
        self.costed.append(message)


def listened(ledger: Ledger) -> Heard:
    heard = Heard()
    ledger.listeners.append(heard)
    ledger.cost_listeners.append(heard)
    return heard


def reply(conversation: Conversation, provider: Provider, tokens: int = 1_000_000) -> ChatMessage:
    """A question and an answer that ends with reported usage, as the session leaves them."""
    conversation.add(ChatMessage("user", "q"))
    message = ChatMessage("assistant", provider=provider.name, model="m", status="streaming")
    conversation.add(message)
    message.append_text("a")
    message.usage = Usage(tokens, tokens)
    message.status = "complete"
    conversation.changed(message)
    return message


def test_prices_by_provider_id_and_model(store: HistoryStore) -> None:
    ledger = Ledger(store, [RELAY])
    quote = ledger.quote("relay", "m")
    assert quote is not None
    assert (quote.price, quote.source) == (PRICE, "user")
    assert ledger.price("relay", "other") is None
    assert ledger.price("nobody", "m") is None
    conversation = Conversation()
    message = reply(conversation, RELAY, 500_000)
    assert ledger.cost_of(conversation, message).usd == Decimal(5)


def test_a_billed_answer_updates_the_totals_without_reading_them_again(
    store: HistoryStore,
) -> None:
    answer(store, datetime.now(UTC), cost="1.5")
    ledger = Ledger(store, [RELAY])
    ledger.refresh()
    heard = listened(ledger)
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    conversation = Conversation()
    recorder = HistoryRecorder(store, conversation, ledger)
    message = reply(conversation, RELAY)
    store._conn.set_trace_callback(None)
    assert message.cost is not None
    assert message.cost.usd == Decimal(10)
    assert ledger.today.usd == ledger.this_month.usd == Decimal("11.5")
    assert ledger.today.answers == 2
    assert heard.totals == 1
    assert heard.costed == [message]
    totals = [s for s in statements if "FROM ledger WHERE created_at" in s]
    assert totals == [], "no read of the totals"
    ledger.follow(recorder.conversation_id)
    assert ledger.conversation == Totals(Decimal(10), answers=1)
    assert read_snapshot(store, recorder.conversation_id).today == ledger.today


def test_a_read_begun_before_an_answer_was_billed_is_not_applied(store: HistoryStore) -> None:
    ledger = Ledger(store, [RELAY])
    stale = ledger.snapshot_reader()(store)  # read (elsewhere) before the answer ...
    conversation = Conversation()
    HistoryRecorder(store, conversation, ledger)
    reply(conversation, RELAY)
    assert not ledger.load(stale), "... and applied after it"
    assert ledger.today.usd == Decimal(10)
    assert ledger.load(ledger.snapshot_reader()(store))
    assert ledger.today.usd == Decimal(10)


def test_a_simulated_answer_is_priced_and_shown_but_never_money(store: HistoryStore) -> None:
    ledger = Ledger(store, [RELAY, DEMO])
    heard = listened(ledger)
    conversation = Conversation()
    recorder = HistoryRecorder(store, conversation, ledger)
    message = reply(conversation, DEMO)
    assert message.cost is not None
    assert message.cost.usd == Decimal(10), "the would-be cost, on the message"
    assert heard.costed == [message]
    assert heard.totals == 0
    assert ledger.today == Totals()
    ledger.follow(recorder.conversation_id)
    ledger.refresh()
    assert (ledger.today, ledger.this_month, ledger.conversation) == (Totals(),) * 3
    figures = ledger.figures(conversation, None)
    assert not figures.answer_is_money
    assert figures.answer == message.cost
    assert figures.month == Totals()


def test_the_streaming_answer_counts_toward_the_budget_until_it_is_billed(
    store: HistoryStore,
) -> None:
    ledger = Ledger(store, [RELAY, DEMO], AppSettings(monthly_budget=Decimal(12)))
    ledger.refresh()
    conversation = Conversation()
    HistoryRecorder(store, conversation, ledger)
    reply(conversation, RELAY)
    assert ledger.budget_stop() is None  # $10 of $12
    streaming = ChatMessage("assistant", provider="Relay", model="m", status="streaming")
    conversation.add(streaming)
    streaming.append_text("x" * 4_000_000)  # about a million tokens: $8 more
    figures = ledger.figures(conversation, streaming)
    month = figures.budget("month")
    assert month is not None
    assert month.level == "over"
    assert figures.month.usd == figures.today.usd > Decimal(17)
    simulated = ChatMessage("assistant", provider="demo", model="m", status="streaming")
    simulated.append_text("x" * 4_000_000)
    assert ledger.figures(conversation, simulated).month.usd == Decimal(10)
    assert ledger.budget_stop() is None, "sending is checked against what was billed"
    ledger.set_settings(AppSettings(monthly_budget=Decimal(10)))
    stop = ledger.budget_stop()
    assert stop is not None
    assert "The monthly budget of $10.00 is used up" in ledger.describe(stop)


def test_a_new_day_reads_the_totals_again(store: HistoryStore) -> None:
    now = [datetime.now(UTC)]
    ledger = Ledger(store, [RELAY], clock=lambda: now[0])
    conversation = Conversation()
    HistoryRecorder(store, conversation, ledger)
    reply(conversation, RELAY)
    assert ledger.today.usd == Decimal(10)
    now[0] += timedelta(days=1)
    reply(conversation, RELAY)  # stamped by the store's clock: the day before the ledger's
    assert ledger.today == Totals(), "a new day is read afresh, not added to the last"
    assert ledger.today == read_snapshot(store, None, now=now[0]).today


def test_money_in_the_user_s_currency(store: HistoryStore) -> None:
    ledger = Ledger(store)
    assert ledger.total_text(Totals()) == "$0.00"
    assert ledger.total_text(Totals(unpriced=1, answers=1)) == "price unknown"
    assert ledger.total_text(Totals(Decimal("0.5"), True, 1, 2)) == "≈$0.50+"
    ledger.set_settings(AppSettings(currency_code="CNY", cny_per_usd=Decimal("7.2")))
    assert ledger.money(Decimal(1)) == "¥7.20"
