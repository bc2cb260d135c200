"""Take the README's screenshots of the real window, offscreen: `.venv/bin/python
docs/make_screenshots.py` (add `spending` for the spending view's alone, `compare` for the
versions' and the comparison's, `look` for the Chinese and the small window's, `attachments` and
`assistants` for those of issue 17, `routing` for Settings → Routing and the spending view with
the rules, `auto` for Auto on, a routed answer and the picker's costs of the message typed, `import`
for the window while an import writes the history). A conversation is streamed from the
simulator (no network)."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.support.memory_keyring
os.environ["TALLY_DATA_DIR"] = tempfile.mkdtemp(prefix="tally-shots-")

import keyring
from composer_screenshots import shoot_attachments_and_assistants
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from routing_screenshots import AUTO_TOML, shoot_auto, shoot_routing
from screenshot_setup import DOCS, close_window, dark_palette, shown_window, simulated_data
from spending_screenshots import shoot_spending
from window_screenshots import (
    shoot,
    shoot_chinese_and_small,
    shoot_compare,
    shoot_error,
    shoot_import,
    shoot_settings,
    shoot_streaming,
    shoot_versions,
)

from tests.support.memory_keyring import MemoryKeyring


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
            if sys.argv[1:] == ["compare"]:
                if name == "light":
                    window.resize(1280, 860)
                    loop.run_until_complete(shoot_versions(window))
                    loop.run_until_complete(shoot_compare(window))
                close_window(loop, window)
                continue
            loop.run_until_complete(shoot(window, f"main-window-{name}.png"))
            if name == "light":
                window.resize(1280, 860)  # as the compare target: room for three columns
                loop.run_until_complete(shoot_versions(window))
                loop.run_until_complete(shoot_compare(window))
                window.resize(980, 820)
                window.new_conversation()
                loop.run_until_complete(shoot_error(window))
                loop.run_until_complete(shoot_settings(window))
                loop.run_until_complete(shoot_streaming(window, data))
            close_window(loop, window)
    # A first run: a data folder of its own, with no provider and no history yet.
    os.environ["TALLY_DATA_DIR"] = tempfile.mkdtemp(prefix="tally-first-run-")
    app.setPalette(app.style().standardPalette())
    loop, window = shown_window(app, 980, 620)
    loop.run_until_complete(asyncio.sleep(0.2))
    window.grab().save(str(DOCS / "first-run.png"))
    print("wrote", DOCS / "first-run.png")
    close_window(loop, window)
    shoot_spending(app)
    return 0


if __name__ == "__main__":
    sys.exit(main())
