"""The history's check at start does not grow with the history once it has passed: opening a
million-message history whose last check passed (open_history(): a stat of the file against
history.sqlite3.checked, the store, and the record again at close) against opening a
thousand-message one the same way, in the same run. DESIGN.md's start-up bar: the size of the
history changes nothing. Also printed,
as information: what a check that has to run costs (PRAGMA quick_check reads every page: the
first start after an upgrade, after a crash, or after something else changed the file) and what
the day's backup costs.

Run: .venv/bin/python benchmarks/ui_stalls.py once (it makes the history), then
     .venv/bin/python benchmarks/history_check.py [--history PATH] [--repeat 41]

The history is copied into a temporary folder first, so the cached one is left as it is.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

from history_data import CACHED_MILLION, SEED, copied_history, generate

from desktop_app.core.history import backups, checks
from desktop_app.core.history.opening import open_history
from desktop_app.core.history.store import HistoryStore

BAR = 1.1
"""The large history opened within 10% of the small one's time: the noise of a shared machine."""
SMALL = 1_000


def best_ms(actions: list[Callable[[], object]], repeat: int) -> list[float]:
    """Each action's best time of `repeat` runs, interleaved so that the machine's moods fall
    on both alike (as timeit takes the best: the rest is other processes' doing)."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(repeat):
        for action, kept in zip(actions, times, strict=True):
            began = time.perf_counter()
            action()
            kept.append(time.perf_counter() - began)
    return [min(kept) * 1000 for kept in times]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--history", type=Path, default=CACHED_MILLION)
    parser.add_argument("--repeat", type=int, default=41)
    args = parser.parse_args()
    with copied_history(args.history) as history:
        size = history.stat().st_size / 2**20
        HistoryStore(history).close()  # any migration the cached copy lacks, out of the timing

        began = time.perf_counter()
        checks.check(history)
        check_s = time.perf_counter() - began

        small = history.with_name("small.sqlite3")
        generate(small, SMALL, random.Random(SEED))
        checks.check(small)
        small_ms, large_ms = best_ms(
            [lambda: open_history(small).close(), lambda: open_history(history).close()],
            args.repeat,
        )

        began = time.perf_counter()
        made = backups.take(history)
        backup_s = time.perf_counter() - began
        backup_mib = made.size / 2**20

    ratio = large_ms / small_ms
    verdict = "PASS" if ratio <= BAR else "FAIL"
    print(f"history: {size:,.0f} MiB")
    print(f"a check that has to run (PRAGMA quick_check): {check_s:.2f} s")
    print(f"the day's backup (check skipped, copy, check of the copy): {backup_s:.2f} s, "
          f"{backup_mib:,.0f} MiB")  # fmt: skip
    print(
        f"open_history after a check passed: {SMALL:,} messages {small_ms:.1f} ms, "
        f"{size:,.0f} MiB {large_ms:.1f} ms; ratio {ratio:.2f} (bar {BAR}) {verdict}"
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
