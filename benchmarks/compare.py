"""`tally compare` of three models against `tally ask` of one: the answers stream at once, so three
answers of 2 seconds take about as long as one, not three times as long. The bar: the compare's
wall time at most 1.25x the single answer's, measured side by side in one run.

Run: .venv/bin/python benchmarks/compare.py [--runs 5] [--ms 2000]

The simulator (a real HTTP server on 127.0.0.1) runs in a subprocess of its own; its model
sim-paced-<ms> answers as sim-normal does, its pieces spread evenly over <ms> milliseconds. Each
command is a fresh process, timed from just before it starts to its exit, which comes after the
answers are saved in the history and the table is printed; it must exit 0, and the compare must
have printed the lines of all three answers. The two commands take turns, after one untimed
start of each (the bytecode is then cached in the temporary folder, even where
PYTHONDONTWRITEBYTECODE is set; the history exists and today's backup is taken), and the figures
are medians. Both include the process's start (some 0.3-0.5 s of imports), which the
ratio counts against the compare too.

  (a) `python -m desktop_app --data-dir DIR ask --model sim-paced-<ms> PROMPT`
  (b) `python -m desktop_app --data-dir DIR compare --model sim-paced-<ms>` (three times) PROMPT
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ask_first_byte import KEY, KEY_ENV, start_simulator  # the same simulator and key

BAR = 1.25  # compare of three / ask of one
PROMPT = "What is Tally?"
MODELS = 3

PROVIDERS = f"""\
[[provider]]
id = "sim"
name = "Simulator"
base_url = "{{base_url}}"
api_key_env = "{KEY_ENV}"
models = ["{{model}}"]
"""


def timed(command: list[str], env: dict[str, str], *, labels: int = 0) -> float:
    """Run `command` to its end; its wall time in seconds. It must exit 0, and print lines of
    `labels` different models (for the compare)."""
    began = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    took = time.perf_counter() - began
    if done.returncode != 0:
        sys.exit(f"{command[5]} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    prefixes = {line.split(" ", 1)[0] for line in done.stdout.splitlines() if line[:1] == "["}
    if len(prefixes) != labels:
        sys.exit(f"{command[5]} printed the lines of {len(prefixes)} models:\n{done.stdout}")
    return took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="starts of each command")
    parser.add_argument("--ms", type=int, default=2000, help="how long each answer takes")
    args = parser.parse_args(argv)
    model = f"sim-paced-{args.ms}"
    print(
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()},"
        f" {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at the start"
    )
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        env = dict(os.environ, PYTHONPYCACHEPREFIX=str(root / "bytecode"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # cached bytecode, as an installed app has
        env[KEY_ENV] = KEY
        env.pop("TALLY_DATA_DIR", None)  # --data-dir decides
        simulator, base_url = start_simulator(env)
        try:
            data = root / "data"
            data.mkdir()
            providers = PROVIDERS.format(base_url=base_url, model=model)
            (data / "providers.toml").write_text(providers, encoding="utf-8")
            tally = [sys.executable, "-m", "desktop_app", "--data-dir", str(data)]
            ask = [*tally, "ask", "--model", model, PROMPT]
            compare = [*tally, "compare", *["--model", model] * MODELS, PROMPT]
            timed(ask, env)
            timed(compare, env, labels=MODELS)
            single: list[float] = []
            side_by_side: list[float] = []
            for _ in range(args.runs):
                single.append(timed(ask, env))
                side_by_side.append(timed(compare, env, labels=MODELS))
        finally:
            simulator.terminate()
            simulator.wait(timeout=10)
    one, three = statistics.median(single), statistics.median(side_by_side)
    ratio = three / one
    print(f"\nwall time, start to exit, median of {args.runs} ({model}):")
    print(f"  {'(a) tally ask, 1 answer':<32} {one:6.2f} s  ({_spread(single)})")
    print(
        f"  {f'(b) tally compare, {MODELS} answers':<32} {three:6.2f} s  ({_spread(side_by_side)})"
    )
    print(f"  {'compare / ask':<32} {ratio:6.2f}    target <= {BAR}")
    print(f"  (one after another, the answers alone would take {MODELS * args.ms / 1000:.1f} s)")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    passed = ratio <= BAR
    print("\nPASS" if passed else "\nFAIL")
    return 0 if passed else 1


def _spread(seconds: list[float]) -> str:
    return f"{min(seconds):.2f}-{max(seconds):.2f} s"


if __name__ == "__main__":
    sys.exit(main())
