"""Filling the model picker with hundreds of models (an OpenRouter list), against a bare
QComboBox given the same names.

Run: .venv/bin/python benchmarks/model_picker.py [--models 500 2000] [--repeat 5]

For each size, in an offscreen QApplication, with real OpenRouter names from the bundled price
catalog (so that prices are found, as a user sees them) padded with unknown names (the slowest
catalog lookups):

- fill: ModelPicker.set_providers on a relay with four models and OpenRouter with the list, as
  the window does at start (from the cache) and after a refresh; against QComboBox.addItems.
- open: showing the drop-down scrolled to names the catalog does not know (the worst case), up
  to its first paint, where their prices show as "…"; then until their prices are in (looked
  up a few at a time between events), and the longest single step of that.
- filter: typing one more character of a filter ("claude"), up to the filtered list painted.

Each figure is the best of --repeat runs (a fresh picker each run, the catalog's lookups
forgotten), in wall-clock milliseconds. The bars: filling within 50 ms whatever the size; the
first paint of the drop-down, each step of the price lookups and a keystroke of filter within
one 60 Hz frame (16 ms).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox

from desktop_app.core.money.catalog import bundled_catalog
from desktop_app.core.providers.model_list import ListedModel
from desktop_app.core.settings.model_cache import ModelCache, ModelEntry, merged_models
from desktop_app.core.settings.providers_file import Provider
from desktop_app.ui.picker.model_picker import ModelPicker

FILL_BAR_MS = 50.0
FRAME_MS = 16.0
RELAY = Provider(
    id="relay",
    name="Relay",
    kind="openai",
    base_url="https://api.holysheep.ai/v1",
    models=("deepseek-chat", "gemini-2.5-flash", "gpt-4.1", "claude-sonnet-4.5"),
)
OPENROUTER = Provider(
    id="openrouter", name="OpenRouter", kind="openai", base_url="https://openrouter.ai/api/v1"
)


class CachedListing:
    """The window's Listing (ModelLists) without the window: a cache in a temporary file."""

    def __init__(self, cache: ModelCache) -> None:
        self.cache = cache

    def entries(self, provider: Provider) -> list[ModelEntry]:
        return merged_models(provider, self.cache.models_for(provider))

    def fetched_at(self, provider: Provider) -> datetime | None:
        return self.cache.models_for(provider).fetched_at


def names(count: int) -> list[str]:
    known = [e.model_id for e in bundled_catalog().entries() if e.provider_id == "openrouter"]
    unknown = [f"someone-{n % 13}/unknown-model-{n:04d}" for n in range(count)]
    return (known + unknown)[:count]


def best(run: Callable[[], float], repeat: int) -> float:
    return min(run() for _ in range(repeat))


def measure(app: QApplication, listing: CachedListing, size: int, repeat: int) -> list[float]:
    def fill() -> float:
        picker = ModelPicker()
        start = time.perf_counter()
        picker.set_providers([RELAY, OPENROUTER], listing)
        app.processEvents()
        took = time.perf_counter() - start
        picker.deleteLater()
        return took * 1000

    def bare() -> float:
        combo = QComboBox()
        start = time.perf_counter()
        combo.addItems([*RELAY.models, *names(size)])
        app.processEvents()
        took = time.perf_counter() - start
        combo.deleteLater()
        return took * 1000

    def opened() -> tuple[float, float, float]:
        bundled_catalog()._found.clear()  # as at start: no lookup made yet
        picker = ModelPicker()
        picker.set_providers([RELAY, OPENROUTER], listing)
        picker.show()
        # The worst case: the rows in view are names the catalog does not know.
        picker.select(OPENROUTER.id, names(size)[-1])
        app.processEvents()
        start = time.perf_counter()
        picker.showPopup()
        app.processEvents()
        painted = time.perf_counter()
        longest = 0.0
        while picker.rows.looking_up:
            step = time.perf_counter()
            app.processEvents()
            longest = max(longest, time.perf_counter() - step)
        filled = time.perf_counter()
        picker.hidePopup()
        picker.deleteLater()
        return (painted - start) * 1000, (filled - start) * 1000, longest * 1000

    def keystroke() -> float:
        picker = ModelPicker()
        picker.set_providers([RELAY, OPENROUTER], listing)
        picker.show()
        picker.line.setFocus()
        picker.line.selectAll()  # as a click into it does
        QTest.keyClicks(picker.line, "claud")
        app.processEvents()
        start = time.perf_counter()
        QTest.keyClicks(picker.line, "e")
        picker.filtered.viewport().repaint()
        took = time.perf_counter() - start
        assert picker.filtered.isVisible()
        picker.deleteLater()
        return took * 1000

    opens = min((opened() for _ in range(repeat)), key=lambda times: times[1])
    return [best(fill, repeat), best(bare, repeat), *opens, best(keystroke, repeat)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app = QApplication(sys.argv)
    print(f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    print(
        f"{'models':>7} {'fill':>8} {'bare combo':>11} {'ratio':>6} {'open':>8} "
        f"{'priced':>8} {'longest step':>13} {'filter key':>11}"
    )
    passed = True
    with TemporaryDirectory() as folder:
        for size in args.models:
            cache = ModelCache(Path(folder) / "models-cache.json")
            listed = [ListedModel(name) for name in names(size)]
            cache.store_listed(OPENROUTER, listed, datetime.now(UTC))
            fill, bare, opened, priced, step, key = measure(
                app, CachedListing(cache), size, args.repeat
            )
            print(
                f"{size:>7} {fill:>6.1f}ms {bare:>9.1f}ms {fill / bare:>5.1f}x {opened:>6.1f}ms "
                f"{priced:>6.1f}ms {step:>11.1f}ms {key:>9.1f}ms"
            )
            passed &= fill < FILL_BAR_MS and max(opened, step, key) < FRAME_MS
    verdict = "PASS" if passed else "FAIL"
    print(f"{verdict}: fill < {FILL_BAR_MS:g} ms; open, each step and a key < {FRAME_MS:g} ms")
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
