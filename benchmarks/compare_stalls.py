"""The longest GUI-thread stall of the real window while a comparison streams three answers side
by side, against the same window left idle and streaming one answer, in the same run. DESIGN.md's
bar: no stall over 16 ms from Tally's own work while three answers stream (issue 15).

Run: .venv/bin/python benchmarks/compare_stalls.py [--runs 3]

The window talks to the simulator on loopback, through the app's own asyncio loop (qasync), as
the app does. The probe is stall_probe.py's: a 1 ms Qt timer on the GUI thread recording the
longest gap between its ticks, and the GUI thread's own CPU time within the busiest gap (what
the verdict holds under 16 ms; a gap also holds time the OS gave to other processes). Each case
runs once untimed first (the first answer of a session imports the HTTP client, the keyring and
the renderer). Cases:
- idle: the window with nothing to do, 300 ms;
- one answer: sim-normal, its pieces 10 ms apart;
- three side by side: sim-normal, sim-reasoning and sim-slow compared, the same pacing (sim-slow
  is slower still), the columns' figures refreshed as they stream;
- three long answers side by side: three sim-long answers (some 300 KB of markdown each, sent
  as fast as the loopback takes them), the heaviest case: information beside the bar.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtWidgets import QApplication
from stall_probe import STALL_BAR_MS, Stall, StallProbe

PROVIDERS = """\
[[provider]]
id = "sim"
name = "Simulator"
base_url = "{base_url}"
models = ["sim-normal", "sim-reasoning", "sim-slow", "sim-long"]
"""


async def phase(
    probe: StallProbe, action: Callable[[], Awaitable[object]], ready: Callable[[], object]
) -> Stall:
    """The stall while `action` runs, after `ready()` set the window up (untimed: a new
    conversation deletes the last one's widgets, which is not this case's work)."""
    ready()
    await asyncio.sleep(0.3)
    probe.reset()
    await action()
    await asyncio.sleep(0.2)
    return probe.stall_ms()


async def measure(window: object, runs: int) -> dict[str, list[Stall]]:
    from desktop_app.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    probe = StallProbe()
    cases: dict[str, list[Stall]] = {}

    async def idle() -> None:
        await asyncio.sleep(0.3)

    async def ask() -> None:
        window.send()
        await window.session.wait()

    def asking(models: list[str]) -> Callable[[], None]:
        def ready() -> None:
            window.new_conversation()
            assert window.picker.select("sim", models[0])
            window.compare.setChecked(False)
            window.compare.others.clear()
            for model in models[1:]:
                window.compare.tick("sim", model)
            window.input.setPlainText("Which sort should I use for nearly sorted data?")

        return ready

    plan: dict[str, tuple[Callable[[], Awaitable[None]], Callable[[], object]]] = {
        "idle window": (idle, lambda: None),
        "one answer streaming": (ask, asking(["sim-normal"])),
        "three answers side by side": (ask, asking(["sim-normal", "sim-reasoning", "sim-slow"])),
        "three long answers side by side (300 KB each)": (ask, asking(["sim-long"] * 3)),
    }
    for action, ready in plan.values():  # once untimed: the first answer's imports, caches
        await phase(probe, action, ready)
    for _ in range(runs):
        for name, (action, ready) in plan.items():
            cases.setdefault(name, []).append(await phase(probe, action, ready))
    return cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="tally-compare-stalls-"))
    os.environ["TALLY_DATA_DIR"] = str(data)

    from desktop_app.simulator import Simulator
    from desktop_app.ui.app import make_services
    from desktop_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    with Simulator(api_key=None, token_delay=0.01) as simulator:
        (data / "providers.toml").write_text(PROVIDERS.format(base_url=simulator.base_url))
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        window = MainWindow(make_services())
        window.resize(1280, 860)
        window.show()
        began = time.perf_counter()
        cases = loop.run_until_complete(measure(window, args.runs))
        took = time.perf_counter() - began
        window.hide()
        loop.run_until_complete(window.services.client.aclose())
    idle = statistics.median(wall for wall, _ in cases["idle window"])
    print(f"\n{args.runs} runs of each case in {took:.0f} s; load {os.getloadavg()[0]:.1f}\n")
    print(
        "| case | longest stall, median | ratio to idle | Tally's own: CPU in the busiest gap,"
        f" worst run | under {STALL_BAR_MS:.0f} ms |"
    )
    print("| --- | ---: | ---: | ---: | --- |")
    failed = False
    for name, stalls in cases.items():
        wall = statistics.median(w for w, _ in stalls)
        own = max(cpu for _, cpu in stalls)
        print(f"<!-- {name}: " + ", ".join(f"{w:.1f}/{c:.1f}" for w, c in stalls) + " -->")
        judged = name == "three answers side by side"
        verdict = ("PASS" if own <= STALL_BAR_MS else "FAIL") if judged else "(information)"
        failed |= verdict == "FAIL"
        ratio = wall / idle if idle > 0 else float("inf")
        print(f"| {name} | {wall:.1f} ms | {ratio:.1f}x | {own:.1f} ms | {verdict} |")
    print("\nFAIL" if failed else "\nPASS", "(three answers side by side, Tally's own CPU time)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
