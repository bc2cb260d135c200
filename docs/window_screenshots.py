"""The main window's screenshots (make_screenshots.py): a streamed conversation, its versions,
a comparison, the error banner, the settings, the cost meter, an import, in Chinese and small."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog
from screenshot_setup import DOCS, close_window, dark_palette, shown_window
from spending_screenshots import store_answer_in

from desktop_app.core.events import Usage
from desktop_app.ui.main_window import MainWindow
from tests.support.waiting import until


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


async def shoot_settings(window: MainWindow, suffix: str = "") -> None:
    """The settings dialog on the relay: its fields and its models' prices with their source."""
    window.open_settings()
    await asyncio.sleep(0.3)
    dialog = window.findChild(QDialog, "settingsDialog")
    assert dialog is not None
    dialog.grab().save(str(DOCS / f"settings-dialog{suffix}.png"))
    print("wrote", DOCS / f"settings-dialog{suffix}.png")
    dialog.close()


def shoot_chinese_and_small(app: QApplication, data: Path) -> None:
    """The window in Simplified Chinese (light and dark) and its settings dialog, and a small
    one (480 by 420) with an error in the banner."""
    from desktop_app.core.text.messages import set_language
    from desktop_app.ui.translators import install_translators

    for name, palette in (("light", QPalette()), ("dark", dark_palette())):
        translators = install_translators(app, "zh_CN")
        set_language("zh_CN")
        app.setPalette(palette if name == "dark" else app.style().standardPalette())
        loop, window = shown_window(app, 980, 760)
        loop.run_until_complete(shoot(window, f"main-window-zh_CN-{name}.png"))
        if name == "light":
            loop.run_until_complete(shoot_settings(window, "-zh_CN"))
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
