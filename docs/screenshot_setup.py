"""What every screenshot of make_screenshots.py needs: the data folder with a simulator, the
window shown on an event loop of its own and closed, the dark palette, a picture saved here."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import qasync
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.core.settings.keys import KeyResolver
from desktop_app.simulator import Simulator
from desktop_app.ui.app import make_services
from desktop_app.ui.main_window import MainWindow

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


def shown_window(
    app: QApplication, width: int, height: int
) -> tuple[qasync.QEventLoop, MainWindow]:
    """A new event loop and the app's window on it, shown at this size (keys from the memory
    keyring the script set), with what the app reads after its first frame (the assistants,
    the conversation open when the last window closed)."""
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    services = make_services()
    services.keys = KeyResolver()
    window = MainWindow(services)
    window.resize(width, height)
    window.show()
    window.reopen_last_conversation()  # as ui/app.py does after the first frame
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


def save(picture: object, name: str) -> None:
    from PySide6.QtGui import QPixmap

    assert isinstance(picture, QPixmap)
    picture.save(str(DOCS / name))
    print("wrote", DOCS / name)
