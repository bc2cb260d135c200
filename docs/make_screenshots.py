"""Take the README's screenshots of the real window, offscreen: `.venv/bin/python
docs/make_screenshots.py`. A conversation is streamed from the simulator (no network)."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TALLY_DATA_DIR"] = tempfile.mkdtemp(prefix="tally-shots-")

import qasync
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.core.keys import KeyResolver
from desktop_app.simulator import Simulator
from desktop_app.ui.app import make_services
from desktop_app.ui.main_window import MainWindow

DOCS = Path(__file__).parent
PROVIDERS = """\
[[provider]]
id = "holysheep"
name = "HolySheep relay"
base_url = "{base_url}"
models = ["sim-reasoning", "sim-normal", "sim-echo", "sim-error-402"]

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


async def shoot_error(window: MainWindow) -> None:
    window.picker.select("holysheep", "sim-error-402")
    window.input.setPlainText("Summarise this contract in three bullet points.")
    window.send()
    await window.session.wait()
    await asyncio.sleep(0.2)
    window.grab().save(str(DOCS / "error-banner.png"))
    print("wrote", DOCS / "error-banner.png")


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


def main() -> int:
    app = QApplication(sys.argv)
    app.setStyle("Fusion")
    app.setQuitOnLastWindowClosed(False)
    with Simulator(api_key=None, token_delay=0.01) as sim:
        data = Path(os.environ["TALLY_DATA_DIR"])
        data.mkdir(parents=True, exist_ok=True)
        (data / "providers.toml").write_text(PROVIDERS.format(base_url=sim.base_url))
        for name, palette in (("light", QPalette()), ("dark", dark_palette())):
            app.setPalette(palette if name == "dark" else app.style().standardPalette())
            loop = qasync.QEventLoop(app)
            asyncio.set_event_loop(loop)
            services = make_services()
            services.keys = KeyResolver()
            window = MainWindow(services)
            window.resize(980, 820)
            window.show()
            loop.run_until_complete(shoot(window, f"main-window-{name}.png"))
            if name == "light":
                window.new_conversation()
                loop.run_until_complete(shoot_error(window))
            window.close()
            loop.run_until_complete(asyncio.sleep(0.2))
            loop.close()
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
        window.close()
        loop.run_until_complete(asyncio.sleep(0.2))
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
