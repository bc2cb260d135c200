"""Start-up in Chinese against start-up in English, in the same run: the translators load before
the first frame (issue 16: start-up unchanged).

Run: .venv/bin/python benchmarks/startup_language.py [--runs 10]   (after `make translations`)

Each start is startup_probe.py's `tally` case (the real app, to the end of its first paint) in a
fresh process with an empty data directory, the system's locale set by LANG: C.UTF-8 (English,
no translator) or zh_CN.UTF-8 (Tally's and Qt's Simplified Chinese translations installed, money
in yuan). The two take turns after one untimed start of each. Judged on the processor time to
the first frame (this shared machine moves wall times far more): Chinese within 5 % of English.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROBE = Path(__file__).with_name("startup_probe.py")
BAR = 1.05
LOCALES = {"English": "C.UTF-8", "Chinese": "zh_CN.UTF-8"}


def start(locale: str) -> tuple[float, float]:
    """(ms to the first paint, processor ms by then) of one start with LANG=locale."""
    with tempfile.TemporaryDirectory(prefix="tally-language-") as data:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TALLY_DATA_DIR=data, LANG=locale)
        for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
            env.pop(variable, None)
        began = time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(PROBE), "tally"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0:
            sys.exit(f"the start with LANG={locale} failed:\n{done.stdout}{done.stderr}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        return (result["painted"] - began) * 1000, float(result["cpu_ms"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    for locale in LOCALES.values():
        start(locale)  # untimed: the bytecode cache, the disk cache
    walls: dict[str, list[float]] = {name: [] for name in LOCALES}
    cpus: dict[str, list[float]] = {name: [] for name in LOCALES}
    for _ in range(args.runs):
        for name, locale in LOCALES.items():
            wall, cpu = start(locale)
            walls[name].append(wall)
            cpus[name].append(cpu)
    print(f"{args.runs} starts of each, load {os.getloadavg()[0]:.1f}")
    for name in LOCALES:
        print(
            f"  {name:8} to the first frame {statistics.median(walls[name]):6.1f} ms,"
            f" processor {statistics.median(cpus[name]):6.1f} ms (medians)"
        )
    ratio = statistics.median(cpus["Chinese"]) / statistics.median(cpus["English"])
    wall_ratio = statistics.median(walls["Chinese"]) / statistics.median(walls["English"])
    verdict = "PASS" if ratio <= BAR else "FAIL"
    print(f"Chinese / English: processor {ratio:.3f} (bar {BAR}: {verdict}), wall {wall_ratio:.3f}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
