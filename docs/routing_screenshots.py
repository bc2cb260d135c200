"""The routing screenshots (make_screenshots.py routing, auto): Settings → Routing, the spending
view with the rules over a November as sent, Auto, and the picker's cost of each model."""

from __future__ import annotations

import asyncio
import os
import random
import tempfile
import time
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication
from screenshot_setup import close_window, save, shown_window
from spending_screenshots import SPENDING_NOW, billed_answer

from desktop_app.core.events import Usage
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.prices import cost_usd
from desktop_app.core.routing.rules import Rule
from desktop_app.core.routing.rules_file import default_routing, dump_routing
from desktop_app.core.settings.app_settings import AppSettings
from desktop_app.core.settings.presets import HOLYSHEEP
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.spending.spending_dialog import SpendingDialog


def routing_toml() -> str:
    """The shipped rules with one for translations before the last, as a user's routing.toml."""
    shipped = default_routing()
    translate = Rule(
        "Translate",
        "holysheep",
        "deepseek-chat",
        max_tokens=8000,
        matches=r"(?i)\btranslate\b|翻译",
    )
    return dump_routing(replace(shipped, rules=(*shipped.rules[:-1], translate, shipped.rules[-1])))


EVERYDAY = ("Why is the sky blue?", "给我推荐三本关于宋朝的书", "Draft a polite reminder email.")
CODE = "Why does this fail?\n```python\nprint(1 / 0)\n```"


def routing_history(store: HistoryStore, now: datetime) -> None:
    """November as sent: everyday questions on deepseek-chat by Auto (one in three escalated to
    gpt-4.1), code on claude-sonnet-4.5 picked by hand (Code would pick gpt-4.1), everyday
    questions on gpt-4.1 picked by hand, long documents on gpt-4.1, and code by Auto."""
    from desktop_app.core.history.answer_origins import AnswerOrigin, set_origin

    rng = random.Random(20251120)
    prices = dict(HOLYSHEEP.prices)
    for day in range(1, now.day + 1):
        at = now.replace(day=day, hour=10)
        plan: list[tuple[str, str, str | None]] = [
            ("deepseek-chat", EVERYDAY[day % 3], "Everything else")
        ] * rng.randint(5, 9)
        plan += [("claude-sonnet-4.5", CODE, None)] * rng.randint(1, 3)
        plan += [("gpt-4.1", EVERYDAY[(day + 1) % 3], None)] * rng.randint(0, 2)
        plan += [("gpt-4.1", CODE, "Code")] * rng.randint(0, 2)
        if day % 3 == 0:
            plan.append(("gpt-4.1", "Summarise this contract:\n" + "Clause. " * 16_000, None))
        for model, text, rule in plan:
            conversation = store.create_conversation("Sample", created_at=at).id
            question = store.add_message(conversation, role="user", content=text, created_at=at)
            tokens = len(text) // 4 + rng.randint(200, 2_000)
            usage = Usage(tokens, rng.randint(300, 1_500), source="reported")
            cost = cost_usd(prices[model], usage)
            answer = billed_answer(
                store, conversation, at, model, usage, cost, parent_id=question.id
            )
            with store.writing() as conn:
                set_origin(conn, answer, AnswerOrigin(rule))
            if rule == "Everything else" and rng.random() < 0.3:
                cost = cost_usd(prices["gpt-4.1"], usage)
                again = billed_answer(
                    store, conversation, at, "gpt-4.1", usage, cost, parent_id=question.id
                )
                with store.writing() as conn:
                    set_origin(conn, again, AnswerOrigin(None, answer))


async def shoot_routing_page(window: MainWindow, suffix: str) -> None:
    """Settings → Routing: the rules, the ladder, and a prompt tried."""
    from desktop_app.ui.settings.settings_dialog import SettingsDialog

    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    dialog.tabs.setCurrentWidget(dialog.routing_page)
    page = dialog.routing_page
    page.table.selectRow(3)
    page.trial.prompt.setPlainText("Please translate this into English: 今天天气很好。")
    await asyncio.sleep(0.3)
    save(dialog.grab(), f"routing-settings{suffix}.png")
    dialog.reject()


def shoot_routing_spending(app: QApplication, suffix: str) -> None:
    """The spending view, November with the rules (in yuan, as a relay bills)."""
    with tempfile.TemporaryDirectory() as folder:
        store = HistoryStore(Path(folder) / "history.sqlite3")
        routing_history(store, SPENDING_NOW)
        settings = AppSettings(currency_code="CNY", cny_per_usd=Decimal("7.3"))
        dialog = SpendingDialog(store, settings, [HOLYSHEEP.provider()], now=SPENDING_NOW)
        dialog.backtest.routing_path = Path(os.environ["TALLY_DATA_DIR"]) / "routing.toml"
        dialog.show()
        while dialog.reads.pending():
            app.processEvents()
            time.sleep(0.01)
        dialog.rules_toggle.click()
        while dialog.reads.pending():
            app.processEvents()
            time.sleep(0.01)
        app.processEvents()
        save(dialog.grab(), f"routing-spending{suffix}.png")
        dialog.close()
        store.close()


def shoot_routing(app: QApplication, data: Path) -> None:
    """`routing`: Settings → Routing and Spending → With my rules, in English and in Chinese."""
    from desktop_app.core.text.language import Language
    from desktop_app.core.text.messages import set_language
    from desktop_app.ui.translators import install_translators

    (data / "routing.toml").write_text(routing_toml(), encoding="utf-8")
    looks: list[tuple[str, Language]] = [("", "en"), ("-zh_CN", "zh_CN")]
    for suffix, language in looks:
        translators = install_translators(app, language) if language != "en" else []
        set_language(language)
        loop, window = shown_window(app, 980, 760)
        loop.run_until_complete(shoot_routing_page(window, suffix))
        shoot_routing_spending(app, suffix)
        close_window(loop, window)
        for translator in translators:
            app.removeTranslator(translator)
        set_language("en")


AUTO_TOML = """\
[[rule]]
name = "Code"
has_code = true
provider = "holysheep"
model = "sim-normal"

[[rule]]
name = "Everything else"
provider = "holysheep"
model = "sim-reasoning"

[ladder]
models = ["holysheep/sim-reasoning", "holysheep/sim-normal", "holysheep/sim-slow"]
"""


async def shoot_auto(window: MainWindow) -> None:
    """Auto on: the rule named before sending; a routed answer with its rule and Try a stronger
    model; the picker's list with each model's cost for the message typed."""
    from PySide6.QtGui import QPainter

    window.new_conversation()
    window.picker.select("holysheep", "sim-normal")
    window.auto.button.setChecked(True)
    window.input.setPlainText("What makes a good unit test?")
    window.send()
    await window.session.wait()
    await asyncio.sleep(0.3)
    window.input.setPlainText("Why does this fail?\n```python\nprint(1 / 0)\n```")
    window.estimate.refresh()
    await asyncio.sleep(0.3)
    save(window.grab(), "auto-routing.png")
    picker = window.picker
    picker.showPopup()
    await asyncio.sleep(0.3)
    popup = picker.view().window()
    shot = window.grab()
    painter = QPainter(shot)
    corner = window.mapFromGlobal(popup.mapToGlobal(popup.rect().topLeft()))
    painter.drawPixmap(corner, popup.grab())
    painter.end()
    save(shot, "picker-message-costs.png")
    picker.hidePopup()
