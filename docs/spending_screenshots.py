"""The spending view's screenshots (make_screenshots.py spending) and the ten weeks of history
they show."""

from __future__ import annotations

import random
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication
from screenshot_setup import DOCS, dark_palette

from desktop_app.core.events import Usage
from desktop_app.core.history.ledger_rows import LedgerEntry, bill
from desktop_app.core.history.records import UNSET, StoredUsage, Unset
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.prices import cost_usd
from desktop_app.core.settings.app_settings import AppSettings
from desktop_app.core.settings.presets import HOLYSHEEP
from desktop_app.core.settings.providers_file import ModelPrice
from desktop_app.ui.spending.spending_dialog import SpendingDialog

SPENDING_NOW = datetime(2025, 11, 20, 17, 30, tzinfo=UTC)
# (model, answers a working day, input and output tokens of a typical answer); DeepSeek with the
# price it publishes for cache hits. "house-model" is a custom endpoint with no price set.
SPENDING_MODELS = (
    ("deepseek-chat", 9, 3_000, 700),
    ("gemini-2.5-flash", 3, 5_000, 900),
    ("gpt-4.1", 2, 4_000, 600),
    ("claude-sonnet-4.5", 0.6, 9_000, 1_200),
    ("house-model", 0.3, 2_000, 500),
)


def spending_history(store: HistoryStore, now: datetime) -> None:
    """Ten weeks of a steady user: more on working days, about 4 % of answers stopped early
    (usage estimated), cache hits on DeepSeek, and a model with no known price."""
    rng = random.Random(20251120)
    prices = dict(HOLYSHEEP.prices)
    prices["deepseek-chat"] = ModelPrice(Decimal("0.27"), Decimal("0.42"), Decimal("0.07"))
    for days_ago in range(70, -1, -1):
        day = now - timedelta(days=days_ago)
        busy = 0.3 if day.weekday() >= 5 else 1.0
        for model, per_day, input_tokens, output_tokens in SPENDING_MODELS:
            for _ in range(_poisson(rng, per_day * busy)):
                at = day.replace(hour=rng.randint(1, 15), minute=rng.randint(0, 59))
                if at > now:
                    continue
                usage = Usage(
                    int(input_tokens * rng.uniform(0.3, 2.5)),
                    int(output_tokens * rng.uniform(0.3, 2.5)),
                    source="estimated" if rng.random() < 0.04 else "reported",
                )
                if model == "deepseek-chat":  # half of each prompt read from the cache
                    usage = replace(usage, cached_input_tokens=usage.input_tokens // 2)
                price = prices.get(model)
                _store_answer(store, at, model, usage, cost_usd(price, usage) if price else None)


def _poisson(rng: random.Random, mean: float) -> int:
    count, total = 0, rng.expovariate(1.0)
    while total < mean:
        count, total = count + 1, total + rng.expovariate(1.0)
    return count


def _store_answer(
    store: HistoryStore, at: datetime, model: str, usage: Usage, cost: Decimal | None
) -> None:
    conversation = store.create_conversation("Sample", created_at=at).id
    store_answer_in(store, conversation, at, model, usage, cost)


def store_answer_in(
    store: HistoryStore,
    conversation: str,
    at: datetime,
    model: str,
    usage: Usage,
    cost: Decimal | None,
) -> None:
    """A question and its answer in this conversation at this time, with this usage and cost."""
    store.add_message(conversation, role="user", content="question", created_at=at)
    billed_answer(store, conversation, at, model, usage, cost)


def billed_answer(
    store: HistoryStore,
    conversation: str,
    at: datetime,
    model: str,
    usage: Usage,
    cost: Decimal | None,
    *,
    parent_id: int | Unset = UNSET,
) -> int:
    """An answer of the relay's in this conversation at this time, with this usage and cost,
    after `parent_id` (by default the conversation's last message), billed; returns its id."""
    stored = StoredUsage(
        usage.input_tokens, usage.output_tokens, usage.cached_input_tokens, 0, usage.source
    )
    answer = store.add_message(
        conversation,
        role="assistant",
        content="answer",
        provider=HOLYSHEEP.id,
        provider_name=HOLYSHEEP.name,
        model=model,
        usage=stored,
        cost_usd=cost,
        created_at=at,
        parent_id=parent_id,
    )
    # Billed as the recorder bills an answer that ends: the spending view reads the ledger.
    bill(store, LedgerEntry(answer.id, conversation, HOLYSHEEP.id, model, at, stored, cost))
    return answer.id


def shoot_spending(app: QApplication) -> None:
    """The spending view over a realistic history, two models ticked for re-pricing, in the
    light and the dark palette, and in Chinese with amounts in yuan (as a first run in Chinese
    shows them)."""
    from desktop_app.core.text.messages import set_language
    from desktop_app.ui.translators import install_translators

    looks = (
        ("", app.style().standardPalette(), AppSettings()),
        ("-dark", dark_palette(), AppSettings()),
        ("-zh_CN", app.style().standardPalette(), AppSettings(currency_code="CNY")),
    )
    for name, palette, settings in looks:
        app.setPalette(palette)
        chinese = name == "-zh_CN"
        translators = install_translators(app, "zh_CN") if chinese else []
        set_language("zh_CN" if chinese else "en")
        with tempfile.TemporaryDirectory() as folder:
            store = HistoryStore(Path(folder) / "history.sqlite3")
            spending_history(store, SPENDING_NOW)
            providers = [HOLYSHEEP.provider()]
            dialog = SpendingDialog(store, settings, providers, now=SPENDING_NOW)
            for model in ("holysheep/gpt-4.1", "holysheep/claude-sonnet-4.5"):
                dialog.picker.choose(model)
            dialog.show()
            while dialog.reads.pending():  # the month is read on a worker
                app.processEvents()
                time.sleep(0.01)
            settled = time.monotonic() + 0.5  # the table and picker come a few turns later
            while time.monotonic() < settled:
                app.processEvents()
                time.sleep(0.01)
            path = DOCS / f"spending-view{name}.png"
            dialog.grab().save(str(path))
            print("wrote", path)
            dialog.close()
            store.close()
        for translator in translators:
            app.removeTranslator(translator)
    set_language("en")
    app.setPalette(app.style().standardPalette())
