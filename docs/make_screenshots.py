"""Take the README's screenshots of the real window, offscreen: `.venv/bin/python
docs/make_screenshots.py` (add `spending` for the spending view's alone, `compare` for the
versions' and the comparison's, `look` for the Chinese and the small window's, `attachments` and
`assistants` for those of issue 17, `routing` for Settings → Routing and the spending view with
the rules, `import` for the window while an import writes the history). A conversation is
streamed from the simulator (no network)."""

from __future__ import annotations

import asyncio
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.support.memory_keyring
os.environ["TALLY_DATA_DIR"] = tempfile.mkdtemp(prefix="tally-shots-")

import keyring
import qasync
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDialog

from desktop_app.core.events import Usage
from desktop_app.core.history.ledger_rows import LedgerEntry, bill
from desktop_app.core.history.records import StoredUsage
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.prices import cost_usd
from desktop_app.core.routing.rules import Rule
from desktop_app.core.routing.rules_file import default_routing, dump_routing
from desktop_app.core.settings.app_settings import AppSettings
from desktop_app.core.settings.keys import KeyResolver
from desktop_app.core.settings.presets import HOLYSHEEP
from desktop_app.core.settings.providers_file import ModelPrice
from desktop_app.simulator import Simulator
from desktop_app.ui.app import make_services
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.spending.spending_dialog import SpendingDialog
from tests.support.memory_keyring import MemoryKeyring
from tests.support.waiting import until

DOCS = Path(__file__).parent
PROVIDERS = """\
[[provider]]
id = "holysheep"
name = "HolySheep relay"
base_url = "{base_url}"
models = ["sim-reasoning", "sim-normal", "sim-echo", "sim-error-402", "sim-slow"]

[provider.prices."sim-slow"]
input = 3.00
output = 15.00

[provider.prices."sim-normal"]
input = 0.30
output = 2.50

[provider.prices."sim-reasoning"]
input = 0.27
cached_input = 0.07
output = 0.42
"""


def dark_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181a",
        QPalette.ColorRole.AlternateBase: "#2a2b2e",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#2d2e31",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.Highlight: "#3d6fb4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.ToolTipBase: "#2d2e31",
        QPalette.ColorRole.ToolTipText: "#e8eaed",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f7378"))
    return palette


async def shoot_error(window: MainWindow, name: str = "error-banner.png") -> None:
    window.picker.select("holysheep", "sim-error-402")
    window.input.setPlainText("Summarise this contract in three bullet points.")
    window.send()
    await window.session.wait()
    await asyncio.sleep(0.2)
    window.grab().save(str(DOCS / name))
    print("wrote", DOCS / name)


async def shoot(window: MainWindow, name: str) -> None:
    window.new_conversation()
    window.picker.select("holysheep", "sim-reasoning")
    window.input.setPlainText("用中文说：what does Tally show while an answer streams?")
    window.send()
    await window.session.wait()
    window.input.setPlainText("And how do I stop it?")
    await asyncio.sleep(0.3)  # let the last frame and the status line settle
    window.grab().save(str(DOCS / name))
    print("wrote", DOCS / name)


async def shoot_import(window: MainWindow) -> None:
    """An import of a ChatGPT export writing the history (held at its first write, as the
    window's tests hold it), while a conversation is renamed and another pinned: the list shows
    the new title at once, the sidebar says the pin waits for the import."""
    import json
    import threading

    from desktop_app.ui.history.importing import ImportRun
    from tests.support.history.history_samples import chatgpt_export
    from tests.support.ui.held_import import held_progress

    ids: list[str] = []
    for question in ("Plan a trip to Kyoto in April", "Sort a list of dicts in Python"):
        window.new_conversation()
        window.picker.select("holysheep", "sim-normal")
        window.input.setPlainText(question)
        window.send()
        await window.session.wait()
        made = window.recorder.conversation_id
        assert made is not None
        ids.append(made)
    source = Path(tempfile.mkdtemp()) / "conversations.json"
    source.write_text(json.dumps(chatgpt_export()), encoding="utf-8")
    writing, gate = threading.Event(), threading.Event()
    progress = ImportRun._progress
    setattr(ImportRun, "_progress", held_progress(writing, gate, within=30))  # noqa: B010
    window.files.choose_open = lambda *_: (str(source), "")
    window.files.import_conversations()
    await until(writing.is_set)
    first, second = ids
    window.sidebar.rename(first, "Kyoto in April")
    window.sidebar.pin(second)
    await asyncio.sleep(0.8)  # the progress dialog shows after half a second
    window.grab().save(str(DOCS / "import-meanwhile.png"))
    print("wrote", DOCS / "import-meanwhile.png")
    gate.set()
    await until(lambda: window.files.importing is None)
    setattr(ImportRun, "_progress", progress)  # noqa: B010


async def shoot_versions(window: MainWindow) -> None:
    """An answer regenerated on another model: the two versions, 2/2 on the one shown."""
    window.new_conversation()
    window.picker.select("holysheep", "sim-reasoning")
    window.input.setPlainText("Explain Server-Sent Events in two sentences.")
    window.send()
    await window.session.wait()
    window.picker.select("holysheep", "sim-normal")
    window.regenerate()
    await window.session.wait()
    await asyncio.sleep(0.3)
    window.grab().save(str(DOCS / "versions.png"))
    print("wrote", DOCS / "versions.png")


async def shoot_compare(window: MainWindow) -> None:
    """Three models answering one question side by side, each with its figures."""
    window.new_conversation()
    window.picker.select("holysheep", "sim-reasoning")
    window.compare.tick("holysheep", "sim-normal")
    window.compare.tick("holysheep", "sim-slow")
    window.input.setPlainText("Which sort should I use for nearly sorted data?")
    window.send()
    await window.session.wait()
    await asyncio.sleep(0.5)  # the columns' last figures
    window.compare.setChecked(False)
    window.grab().save(str(DOCS / "compare.png"))
    print("wrote", DOCS / "compare.png")


async def shoot_streaming(window: MainWindow, data: Path) -> None:
    """The cost meter while an answer streams, with most of a monthly budget spent earlier
    (one archived conversation holds the month's earlier spend, out of the sidebar's way)."""
    store = window.services.store
    earlier = store.create_conversation("Earlier this month").id
    usage = Usage(2_000_000, 700_000)
    store_answer_in(store, earlier, datetime.now(UTC), "sim-slow", usage, Decimal("16.50"))
    store.set_archived(earlier, True)
    (data / "settings.toml").write_text("[budget]\nmonthly = 20\n", encoding="utf-8")
    window._load_app_settings()
    window.new_conversation()
    window.picker.select("holysheep", "sim-slow")
    window.input.setPlainText("Write a haiku about invoices.")
    window.send()
    await asyncio.sleep(2.0)  # part of the answer is in
    window.grab().save(str(DOCS / "cost-meter-streaming.png"))
    print("wrote", DOCS / "cost-meter-streaming.png")
    await window.session.wait()
    (data / "settings.toml").unlink()


async def shoot_settings(window: MainWindow) -> None:
    """The settings dialog on the relay: its fields and its models' prices with their source."""
    window.open_settings()
    await asyncio.sleep(0.3)
    dialog = window.findChild(QDialog, "settingsDialog")
    assert dialog is not None
    dialog.grab().save(str(DOCS / "settings-dialog.png"))
    print("wrote", DOCS / "settings-dialog.png")
    dialog.close()


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
    )
    # Billed as the recorder bills an answer that ends: the spending view reads the ledger.
    bill(store, LedgerEntry(answer.id, conversation, HOLYSHEEP.id, model, at, stored, cost))


def shoot_spending(app: QApplication) -> None:
    """The spending view over a realistic history, two models ticked for re-pricing, in the
    light and the dark palette."""
    for name, palette in (("", app.style().standardPalette()), ("-dark", dark_palette())):
        app.setPalette(palette)
        with tempfile.TemporaryDirectory() as folder:
            store = HistoryStore(Path(folder) / "history.sqlite3")
            spending_history(store, SPENDING_NOW)
            providers = [HOLYSHEEP.provider()]
            dialog = SpendingDialog(store, AppSettings(), providers, now=SPENDING_NOW)
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
    app.setPalette(app.style().standardPalette())


def shown_window(
    app: QApplication, width: int, height: int
) -> tuple[qasync.QEventLoop, MainWindow]:
    """A new event loop and the app's window on it, shown at this size (keys from the memory
    keyring the script set)."""
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    services = make_services()
    services.keys = KeyResolver()
    window = MainWindow(services)
    window.resize(width, height)
    window.show()
    return loop, window


def close_window(loop: qasync.QEventLoop, window: MainWindow) -> None:
    """Close a window of shown_window(), let its shutdown run, and end its event loop."""
    window.close()
    loop.run_until_complete(asyncio.sleep(0.2))
    loop.close()


@contextmanager
def simulated_data() -> Iterator[Path]:
    """The data folder ($TALLY_DATA_DIR) with a providers.toml naming a simulator that runs
    until the block ends."""
    with Simulator(api_key=None, token_delay=0.01) as sim:
        data = Path(os.environ["TALLY_DATA_DIR"])
        data.mkdir(parents=True, exist_ok=True)
        (data / "providers.toml").write_text(PROVIDERS.format(base_url=sim.base_url))
        yield data


def shoot_chinese_and_small(app: QApplication, data: Path) -> None:
    """The window in Simplified Chinese (light and dark), and a small one (480 by 420) with an
    error in the banner."""
    from desktop_app.core.text.messages import set_language
    from desktop_app.ui.translators import install_translators

    for name, palette in (("light", QPalette()), ("dark", dark_palette())):
        translators = install_translators(app, "zh_CN")
        set_language("zh_CN")
        app.setPalette(palette if name == "dark" else app.style().standardPalette())
        loop, window = shown_window(app, 980, 760)
        loop.run_until_complete(shoot(window, f"main-window-zh_CN-{name}.png"))
        close_window(loop, window)
        for translator in translators:
            app.removeTranslator(translator)
        set_language("en")
    app.setPalette(app.style().standardPalette())
    loop, window = shown_window(app, 980, 760)
    for width in [*range(940, 480, -40), 480]:  # as a user drags the edge
        window.resize(width, 420)
        app.processEvents()
    loop.run_until_complete(shoot_error(window, "small-window.png"))
    close_window(loop, window)


def sample_files(folder: Path) -> tuple[Path, Path]:
    """A chart drawn with Pillow and a one-page PDF with text: the files of the attachment shots."""
    from PIL import Image, ImageDraw

    from tests.support.attachment_files import pdf_bytes

    chart = Image.new("RGB", (1600, 1000), "#fbfbfd")
    draw = ImageDraw.Draw(chart)
    for number, height in enumerate((420, 560, 380, 690, 810, 760)):
        left = 160 + number * 230
        draw.rectangle((left, 900 - height, left + 150, 900), fill="#3d6fb4")
    draw.line((100, 900, 1500, 900), fill="#333333", width=6)
    image = folder / "sales-by-quarter.png"
    chart.save(image)
    report = folder / "q3-report.pdf"
    report.write_bytes(pdf_bytes("Revenue grew 14 percent in the third quarter"))
    return image, report


async def attached(window: MainWindow, paths: list[Path]) -> None:
    tray = window.composer.tray
    tray.add_files(paths)
    await until(lambda: not tray.reading())
    window.estimate.refresh()
    await asyncio.sleep(0.3)


async def shoot_attachments(window: MainWindow, files: tuple[Path, Path], suffix: str) -> None:
    """The composer with two chips before sending, then the question sent with its image and
    PDF (thumbnail shown), the answer below."""
    window.new_conversation()
    window.picker.select("holysheep", "sim-normal")
    question = "What do this chart and this report say about the third quarter?"
    if suffix.startswith("-zh"):
        question = "这张图表和这份报告说明了第三季度的什么情况？"
    window.input.setPlainText(question)
    await attached(window, list(files))
    save(window.grab(), f"attachments-composer{suffix}.png")
    window.send()
    await window.session.wait()
    await asyncio.sleep(0.5)  # the thumbnail, decoded on a worker
    save(window.grab(), f"attachments-message{suffix}.png")


async def shoot_assistants(window: MainWindow, suffix: str) -> None:
    """The assistant picker open; then an assistant picked and the Parameters panel shown."""
    from PySide6.QtGui import QPainter

    window.new_conversation()
    window.picker.select("holysheep", "sim-normal")
    picker = window.assistant.picker
    picker.showPopup()
    await asyncio.sleep(0.3)
    popup = picker.view().window()  # a window of its own: drawn onto the window's picture
    shot = window.grab()
    painter = QPainter(shot)
    corner = window.mapFromGlobal(popup.mapToGlobal(popup.rect().topLeft()))
    painter.drawPixmap(corner, popup.grab())
    painter.end()
    save(shot, f"assistant-picker{suffix}.png")
    picker.hidePopup()
    row = next(n for n, a in enumerate(picker.assistants) if "中英" in a.name)
    picker.setCurrentIndex(row)
    picker.activated.emit(row)
    window.assistant.button.setChecked(True)
    window.input.setPlainText("The meeting moved to Thursday at 3 pm.")
    await asyncio.sleep(0.3)
    save(window.grab(), f"parameters-panel{suffix}.png")
    window.assistant.button.setChecked(False)


def save(picture: object, name: str) -> None:
    from PySide6.QtGui import QPixmap

    assert isinstance(picture, QPixmap)
    picture.save(str(DOCS / name))
    print("wrote", DOCS / name)


def shoot_attachments_and_assistants(app: QApplication, data: Path, target: str) -> None:
    """`attachments`: the composer's chips and a sent question with an image and a PDF, in
    English light and dark and in Chinese; `assistants`: the picker open and the Parameters
    panel, in English and in Chinese."""
    from desktop_app.core.text.language import Language
    from desktop_app.core.text.messages import set_language
    from desktop_app.ui.translators import install_translators

    files = sample_files(data)
    looks: list[tuple[str, Language, QPalette]] = [
        ("", "en", QPalette()),
        ("-zh_CN", "zh_CN", QPalette()),
    ]
    if target == "attachments":
        looks.insert(1, ("-dark", "en", dark_palette()))
    for suffix, language, palette in looks:
        translators = install_translators(app, language) if language != "en" else []
        set_language(language)
        app.setPalette(palette if suffix == "-dark" else app.style().standardPalette())
        loop, window = shown_window(app, 980, 760)
        if target == "attachments":
            loop.run_until_complete(shoot_attachments(window, files, suffix))
        else:
            loop.run_until_complete(shoot_assistants(window, suffix))
        close_window(loop, window)
        for translator in translators:
            app.removeTranslator(translator)
        set_language("en")
    app.setPalette(app.style().standardPalette())


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
            answer = _routed_answer(store, conversation, question.id, at, model, usage, prices)
            with store.writing() as conn:
                set_origin(conn, answer, AnswerOrigin(rule))
            if rule == "Everything else" and rng.random() < 0.3:
                again = _routed_answer(
                    store, conversation, question.id, at, "gpt-4.1", usage, prices
                )
                with store.writing() as conn:
                    set_origin(conn, again, AnswerOrigin(None, answer))


def _routed_answer(
    store: HistoryStore,
    conversation: str,
    question: int,
    at: datetime,
    model: str,
    usage: Usage,
    prices: dict[str, ModelPrice],
) -> int:
    cost = cost_usd(prices[model], usage)
    stored = StoredUsage(usage.input_tokens, usage.output_tokens, 0, 0, usage.source)
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
        parent_id=question,
    )
    bill(store, LedgerEntry(answer.id, conversation, HOLYSHEEP.id, model, at, stored, cost))
    return answer.id


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


def main() -> int:
    # A keyring of its own: the shots never touch the user's, and show no keyring warning.
    keyring.set_keyring(MemoryKeyring())
    app = QApplication(sys.argv)
    app.setStyle("Fusion")
    app.setQuitOnLastWindowClosed(False)
    if sys.argv[1:] == ["spending"]:
        shoot_spending(app)
        return 0
    if sys.argv[1:] in (["attachments"], ["assistants"]):
        with simulated_data() as data:
            shoot_attachments_and_assistants(app, data, sys.argv[1])
        return 0
    if sys.argv[1:] == ["routing"]:
        with simulated_data() as data:
            shoot_routing(app, data)
        return 0
    if sys.argv[1:] == ["auto"]:
        with simulated_data() as data:
            (data / "routing.toml").write_text(AUTO_TOML, encoding="utf-8")
            loop, window = shown_window(app, 980, 700)
            loop.run_until_complete(shoot_auto(window))
            close_window(loop, window)
        return 0
    if sys.argv[1:] == ["import"]:
        with simulated_data():
            loop, window = shown_window(app, 980, 640)
            loop.run_until_complete(shoot_import(window))
            close_window(loop, window)
        return 0
    if sys.argv[1:] == ["look"]:
        with simulated_data() as data:
            shoot_chinese_and_small(app, data)
        return 0
    with simulated_data() as data:
        for name, palette in (("light", QPalette()), ("dark", dark_palette())):
            app.setPalette(palette if name == "dark" else app.style().standardPalette())
            loop, window = shown_window(app, 980, 820)
            window.reopen_last_conversation()  # as ui/app.py does after the first frame
            if sys.argv[1:] == ["compare"]:
                if name == "light":
                    window.resize(1280, 860)
                    loop.run_until_complete(shoot_versions(window))
                    loop.run_until_complete(shoot_compare(window))
                close_window(loop, window)
                continue
            loop.run_until_complete(shoot(window, f"main-window-{name}.png"))
            if name == "light":
                loop.run_until_complete(shoot_versions(window))
                loop.run_until_complete(shoot_compare(window))
                window.resize(980, 820)
                window.new_conversation()
                loop.run_until_complete(shoot_error(window))
                loop.run_until_complete(shoot_settings(window))
                loop.run_until_complete(shoot_streaming(window, data))
            close_window(loop, window)
        (data / "providers.toml").unlink()
        app.setPalette(app.style().standardPalette())
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        window = MainWindow(make_services())
        window.resize(980, 620)
        window.show()
        loop.run_until_complete(asyncio.sleep(0.2))
        window.grab().save(str(DOCS / "first-run.png"))
        print("wrote", DOCS / "first-run.png")
        close_window(loop, window)
    shoot_spending(app)
    return 0


if __name__ == "__main__":
    sys.exit(main())
