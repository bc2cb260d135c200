"""Memory and CPU of a 1,000-message conversation open in Tally, against one QTextBrowser holding
the same text.

Run: .venv/bin/python benchmarks/memory.py [--runs 3]

The history comes from history_data.generate (its 1,000-message conversation and a few of 50).
Each figure is taken in a fresh process, offscreen, with the window at Tally's default size:

- floor: a bare QApplication shows one QTextBrowser, and setHtml() gives it the conversation's
  messages rendered as HTML (rendered beforehand, by this parent process, with Tally's markdown
  renderer), as one document. Its resident memory, and the CPU time from setHtml until the
  document is laid out (QTextEdit lays a long document out in pieces on idle turns of the event
  loop: until its scroll bar's range has not changed for 150 ms); and, beside it, the CPU of
  setHtml and the first paint alone.
- tally: the real app (`desktop_app.cli.main.main([])`, so its services, window and qasync),
  started on the generated history with no conversation open. Once the window is painted it
  opens a 50-message conversation (the app imports its markdown renderer then), then the
  1,000-message conversation from the sidebar's slot (`MainWindow.open_conversation`),
  takes the CPU time used from the open until the chat view has nothing left to make and two
  more turns of the event loop have run (the process's, all threads), and its resident memory
  once the loop has been idle for SETTLE_MS. It then
  scrolls the view to the top and back down, a screen at a time, and takes the memory again;
  then opens a 50-message conversation and takes it once more; then opens the two in turn
  CYCLES - 1 more times, to see whether anything grows.

Resident memory is VmRSS after a full garbage collection. Prints the figures, the ratios to the
floor and PASS/FAIL for memory <= 1.5x the floor, opening CPU <= 2x the floor's CPU to lay the
document out (the ratio to setHtml and the first paint alone is printed too), memory lower
with the short conversation open than with the long one (the last cycle: the first switch also
warms the font, glyph and SQLite caches), and no growth over the cycles.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from history_data import LONG_TITLE, SEED, generate
from startup_common import PROVIDERS

MEMORY_BAR = 1.5
CPU_BAR = 2.0
WIDTH, HEIGHT = 980, 760  # MainWindow's default size
SETTLE_MS = 300  # idle time after loading, for deleteLater and the sweeps to run
POLL_MS, STILL_POLLS = 50, 3  # the floor's layout is done when nothing moved for 150 ms
CYCLES = 3  # opens of the long and the short conversation in turn
GROWTH_KIB = 1024  # what the last cycle may hold more than the first: noise, not growth


def rss_kib() -> int:
    """This process's resident memory now, in KiB (Linux)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def report(**fields: object) -> None:
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()
    os._exit(0)


# -- the child processes ----------------------------------------------------------------------


def run_floor(html_file: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QTextBrowser

    app = QApplication(sys.argv[:1])
    html = Path(html_file).read_text(encoding="utf-8")
    browser = QTextBrowser()
    browser.resize(WIDTH, HEIGHT)
    browser.show()
    app.processEvents()
    began = time.process_time()
    browser.setHtml(html)
    browser.repaint()  # the first screen
    first_ms = (time.process_time() - began) * 1000
    del html
    bar = browser.verticalScrollBar()

    # QTextEdit lays a long document out a piece at a time on idle turns of the event loop:
    # the work is done when the scroll bar's range has stopped growing
    def done(last: int, same: int) -> None:
        if same < STILL_POLLS:
            now = bar.maximum()
            QTimer.singleShot(POLL_MS, lambda: done(now, same + 1 if now == last else 0))
            return
        cpu_ms = (time.process_time() - began) * 1000
        gc.collect()
        report(rss_kib=rss_kib(), cpu_ms=cpu_ms, cpu_first_ms=first_ms)

    done(-1, 0)
    app.exec()


def run_tally(long_id: str, short_id: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QPaintEvent

    from desktop_app.cli import main as cli
    from desktop_app.ui import app
    from desktop_app.ui.main_window import MainWindow

    class Measured(MainWindow):
        _started = False

        def paintEvent(self, event: QPaintEvent) -> None:
            super().paintEvent(event)
            if not self._started:
                self._started = True
                QTimer.singleShot(SETTLE_MS, lambda: Steps(self).next())

    setattr(app, "MainWindow", Measured)  # noqa: B010  (the name run_app makes its window from)
    cli.main([])


class Steps:
    """Open the long conversation, scroll it through, open a short one; measure after each."""

    def __init__(self, window: object) -> None:
        from desktop_app.ui.main_window import MainWindow

        assert isinstance(window, MainWindow)
        self.window = window
        self.view = window.chat_view
        self.fields: dict[str, object] = {"rss_empty_kib": self.settled_rss()}
        long_id, short_id = sys.argv[2:4]
        self.plan: list[Callable[[], None]] = [
            # first the short one: the app imports its markdown renderer on the first message
            # it shows, a cost of the first conversation opened, not of a long one
            lambda: self.open(short_id, "warm"),
            lambda: self.open(long_id, "open"),
            self.scroll_through,
            lambda: self.open(short_id, "short"),
        ]
        for n in range(2, CYCLES + 1):  # back and forth: does anything grow?
            self.plan.append(partial(self.open, long_id, f"open{n}"))
            self.plan.append(partial(self.open, short_id, f"short{n}"))

    def settled_rss(self) -> int:
        gc.collect()
        return rss_kib()

    def next(self) -> None:
        if not self.plan:
            report(**self.fields)
        self.plan.pop(0)()

    def open(self, conversation_id: str, name: str) -> None:
        began = time.process_time()
        self.window.open_conversation(conversation_id)
        self.wait_loaded(name, began)

    def wait_loaded(self, name: str, began: float) -> None:
        """Once the view has nothing left to make and two more turns of the event loop have
        run (its own passes are zero timers): the CPU time since `began`; once the loop has
        been idle for SETTLE_MS: the memory."""
        from PySide6.QtCore import QTimer

        def poll(turns: int) -> None:
            if self.view.loading or turns:
                QTimer.singleShot(0, lambda: poll(turns - 1 if turns else 0))
                return
            self.fields[f"cpu_{name}_ms"] = (time.process_time() - began) * 1000
            QTimer.singleShot(SETTLE_MS, settled)

        def settled() -> None:
            self.fields[f"rss_{name}_kib"] = self.settled_rss()
            self.next()

        poll(2)

    def scroll_through(self) -> None:
        from PySide6.QtCore import QTimer

        bar = self.view.scroll_area.verticalScrollBar()
        began = time.process_time()
        steps = {"up": True, "count": 0}

        def step() -> None:
            page = max(bar.pageStep(), 1)
            if steps["up"]:
                bar.setValue(bar.value() - page)
                steps["up"] = bar.value() > bar.minimum()
            else:
                bar.setValue(bar.value() + page)
                if bar.value() >= bar.maximum():
                    self.fields["scroll_steps"] = steps["count"]
                    self.wait_loaded("scrolled", began)
                    return
            steps["count"] += 1
            QTimer.singleShot(0, step)

        step()


# -- the parent -------------------------------------------------------------------------------


def make_data_dir(root: Path) -> tuple[Path, str, str, Path]:
    """A data directory with the generated history and a provider; the long conversation's id,
    a 50-message one's, and a file with the long one's messages rendered as HTML."""
    from desktop_app.core.history.store import HistoryStore
    from desktop_app.core.text.markdown import render_markdown

    data_dir = root / "data"
    data_dir.mkdir()
    history = data_dir / "history.sqlite3"
    generate(history, 150, random.Random(SEED))
    (data_dir / "providers.toml").write_text(PROVIDERS, encoding="utf-8")
    with HistoryStore(history) as store:
        summaries = store.conversations(limit=10)
        long_id = next(c.id for c in summaries if c.title == LONG_TITLE)
        short_id = next(c.id for c in summaries if c.title != LONG_TITLE)
        messages = store.messages(long_id)
    html = "".join(render_markdown(m.content, dark=False).html for m in messages)
    html_file = root / "conversation.html"
    html_file.write_text(html, encoding="utf-8")
    print(f"{len(messages):,} messages, {sum(len(m.content) for m in messages):,} characters")
    return data_dir, long_id, short_id, html_file


def child(args: list[str], data_dir: Path) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TALLY_DATA_DIR=str(data_dir))
    done = subprocess.run(
        [sys.executable, __file__, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    line = done.stdout.strip().splitlines()[-1]
    result: dict[str, float] = json.loads(line)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="processes of each kind (default 3)")
    args = parser.parse_args(argv)
    print(
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, {platform.system()}; load {os.getloadavg()[0]:.2f}"
    )
    with tempfile.TemporaryDirectory(prefix="tally-memory-") as scratch:
        root = Path(scratch)
        data_dir, long_id, short_id, html_file = make_data_dir(root)
        floors = [child(["floor", str(html_file)], root / "data") for _ in range(args.runs)]
        runs = []
        for n in range(args.runs):
            run_dir = root / f"run{n}"  # a fresh data directory: nothing remembered
            run_dir.mkdir()
            for name in ("history.sqlite3", "providers.toml"):
                (run_dir / name).write_bytes((data_dir / name).read_bytes())
            runs.append(child(["tally", long_id, short_id], run_dir))
    mib = 1024.0

    def med(results: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in results)

    floor_rss, floor_cpu = med(floors, "rss_kib") / mib, med(floors, "cpu_ms")
    floor_first = med(floors, "cpu_first_ms")
    print(f"median of {args.runs} processes each")
    print(
        f"floor, one QTextBrowser: {floor_rss:.1f} MiB; CPU {floor_first:.0f} ms to setHtml "
        f"and paint, {floor_cpu:.0f} ms until laid out"
    )
    rows = [
        ("window, nothing open", "rss_empty_kib", None),
        ("a 50-message conversation open", "rss_warm_kib", "cpu_warm_ms"),
        ("1,000 messages open", "rss_open_kib", "cpu_open_ms"),
        ("scrolled to the top and back", "rss_scrolled_kib", "cpu_scrolled_ms"),
        ("then the 50-message one again", "rss_short_kib", "cpu_short_ms"),
        (f"1,000 open, time {CYCLES}", f"rss_open{CYCLES}_kib", f"cpu_open{CYCLES}_ms"),
        (f"50 open, time {CYCLES}", f"rss_short{CYCLES}_kib", f"cpu_short{CYCLES}_ms"),
    ]
    for label, rss_key, cpu_key in rows:
        rss = med(runs, rss_key) / mib
        cpu = f", CPU {med(runs, cpu_key):,.0f} ms" if cpu_key else ""
        print(f"  {label:<30} {rss:7.1f} MiB ({rss / floor_rss:.2f}x){cpu}")
    memory_ratio = med(runs, "rss_open_kib") / mib / floor_rss
    cpu_ratio = med(runs, "cpu_open_ms") / floor_cpu
    last_long, last_short = med(runs, f"rss_open{CYCLES}_kib"), med(runs, f"rss_short{CYCLES}_kib")
    growth = last_short - med(runs, "rss_short_kib")
    checks = {
        f"memory with 1,000 messages open <= {MEMORY_BAR}x the floor ({memory_ratio:.2f}x)": (
            memory_ratio <= MEMORY_BAR
        ),
        f"CPU to open it <= {CPU_BAR}x the floor's to lay it out ({cpu_ratio:.2f}x; "
        f"{med(runs, 'cpu_open_ms') / floor_first:.2f}x its setHtml and first paint)": (
            cpu_ratio <= CPU_BAR
        ),
        "memory back down after switching to the short conversation "
        f"({(last_short - last_long) / mib:+.1f} MiB, time {CYCLES})": last_short <= last_long,
        f"no growth from switching back and forth ({growth / mib:+.1f} MiB over "
        f"{CYCLES - 1} more cycles)": growth <= GROWTH_KIB,
    }
    for name, passed in checks.items():
        print(f"{'PASS' if passed else 'FAIL'}: {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "floor":
        run_floor(sys.argv[2])
    elif len(sys.argv) > 1 and sys.argv[1] == "tally":
        run_tally(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main())
