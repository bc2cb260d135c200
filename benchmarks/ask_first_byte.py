"""`tally ask` from the start of its process to the first byte of the answer on stdout, against a
minimal httpx script that makes the same streamed request and prints the same text. The bar
(issue 14): at most 1.2x the script's time.

Run: .venv/bin/python benchmarks/ask_first_byte.py [--runs 21] [--history PATH]

The simulator (desktop_app/simulator, a real HTTP server on 127.0.0.1) runs in a subprocess of
its own, so that serving does not share this process's interpreter lock with the timing. Each
start is a fresh process, timed from just before it is started to the moment the first byte of
its stdout can be read here; then it runs to its end (tally saves the answer and prints its
summary) and must exit 0. The model is sim-normal, whose first text piece follows the
stream's opening event at once, so both programs print their first byte as soon as the answer's
first piece arrives.

  (a) the script: `httpx.stream("POST", ...)` with the same body as tally sends, and for each
      `data:` line the delta's content written to stdout and flushed;
  (r) for reference, not judged: the same script on httpx.AsyncClient under asyncio.run, as
      the window's chat session is (asyncio itself, and httpcore's anyio backend): the floor
      under any asyncio program that does this, and so why `tally ask` runs no event loop
      (core/chat_blocking.py);
  (b) `python -m desktop_app --data-dir DIR ask PROMPT`, the key in an environment variable
      (providers.toml's api_key_env), as `tally ask` is run from a terminal;
  (c) with --history PATH: (b) on a copy of that history (the million messages of
      benchmarks/ui_stalls.py), which must change nothing.

The programs take turns, after two untimed starts of each, so the figures are steady-state
starts: the bytecode is cached (a shared PYTHONPYCACHEPREFIX in the temporary folder, as an
installed app has its .pyc files), the history exists and its check at start has passed and
been recorded (history.sqlite3.checked; a copied history is checked by the first untimed
start, which on a million messages takes seconds), and today's backup is taken. Figures are
medians; the history grows by two messages per start of (b) and (c). On Linux the processor
time each program had used by its first byte (utime + stime from /proc, in 10 ms ticks, so the
mean) is printed beside it: on a shared machine it moves far less than the wall time.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BAR = 1.2  # tally ask / the httpx script
KEY = "sk-bench-0123456789abcdef"
KEY_ENV = "TALLY_BENCH_KEY"  # also spelled out in the two scripts
MODEL = "sim-normal"
PROMPT = "What is Tally?"

PROVIDERS = f"""\
[[provider]]
id = "sim"
name = "Simulator"
base_url = "{{base_url}}"
api_key_env = "{KEY_ENV}"
models = ["{MODEL}"]
"""

# What a person would write to stream one answer with httpx; the body is the one tally sends.
SCRIPT = """\
import json, os, sys
import httpx

body = {"model": sys.argv[2], "messages": [{"role": "user", "content": sys.argv[3]}],
        "stream": True, "stream_options": {"include_usage": True}}
headers = {"Authorization": "Bearer " + os.environ["TALLY_BENCH_KEY"]}
with httpx.stream("POST", sys.argv[1] + "/chat/completions", json=body, headers=headers) as r:
    r.raise_for_status()
    for line in r.iter_lines():
        if line.startswith("data: ") and line != "data: [DONE]":
            choices = json.loads(line[6:])["choices"]
            if choices and choices[0]["delta"].get("content"):
                sys.stdout.write(choices[0]["delta"]["content"])
                sys.stdout.flush()
"""

ASYNC_SCRIPT = """\
import asyncio, json, os, sys
import httpx

async def main():
    body = {"model": sys.argv[2], "messages": [{"role": "user", "content": sys.argv[3]}],
            "stream": True, "stream_options": {"include_usage": True}}
    headers = {"Authorization": "Bearer " + os.environ["TALLY_BENCH_KEY"]}
    async with httpx.AsyncClient() as client:
        url = sys.argv[1] + "/chat/completions"
        async with client.stream("POST", url, json=body, headers=headers) as r:
            r.raise_for_status()
            async for line in r.aiter_lines():
                if line.startswith("data: ") and line != "data: [DONE]":
                    choices = json.loads(line[6:])["choices"]
                    if choices and choices[0]["delta"].get("content"):
                        sys.stdout.write(choices[0]["delta"]["content"])
                        sys.stdout.flush()

asyncio.run(main())
"""


@dataclass
class Program:
    """A command to start again and again, and what each start took."""

    label: str
    command: list[str]
    judged: bool = True
    first_byte: list[float] = field(default_factory=list)  # ms
    cpu: list[float] = field(default_factory=list)  # ms of processor time by the first byte
    exited: list[float] = field(default_factory=list)  # ms

    def run(self, env: dict[str, str], *, record: bool) -> None:
        began = time.perf_counter()
        process = subprocess.Popen(
            self.command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert process.stdout is not None
        first = os.read(process.stdout.fileno(), 1)
        at_first_byte = time.perf_counter()
        cpu = cpu_ms(process.pid)
        rest, errors = process.communicate(timeout=60)
        at_exit = time.perf_counter()
        if process.returncode != 0 or not first:
            sys.exit(
                f"{self.label} failed ({process.returncode}):\n"
                f"{(first + rest).decode(errors='replace')}{errors.decode(errors='replace')}"
            )
        if record:
            self.first_byte.append((at_first_byte - began) * 1000)
            self.exited.append((at_exit - began) * 1000)
            if cpu is not None:
                self.cpu.append(cpu)

    def line(self) -> str:
        median = statistics.median(self.first_byte)
        spread = f"{min(self.first_byte):.0f}-{max(self.first_byte):.0f}"
        done = statistics.median(self.exited)
        row = f"  {self.label:<34} {median:7.1f} ms  ({spread:>9} ms)  exit {done:7.1f} ms"
        if self.cpu:
            row += f"  cpu {statistics.mean(self.cpu):5.0f} ms"
        return row


def cpu_ms(pid: int) -> float | None:
    """The processor time process `pid` has used so far (Linux), else None."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def start_simulator(env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    """The simulator in its own process; returns it and its base URL once it listens."""
    simulator = subprocess.Popen(
        [sys.executable, "-m", "desktop_app.simulator", "--key", KEY],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert simulator.stdout is not None
    line = simulator.stdout.readline()  # "Simulator listening on URL (key: ...)"
    if "listening on " not in line:
        simulator.kill()
        sys.exit(f"the simulator did not start: {line!r}")
    return simulator, line.split("listening on ", 1)[1].split()[0]


def data_dir(root: Path, name: str, base_url: str, history: Path | None) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "providers.toml").write_text(PROVIDERS.format(base_url=base_url), encoding="utf-8")
    if history is not None:
        began = time.perf_counter()
        shutil.copyfile(history, folder / "history.sqlite3")  # the original is left as it is
        print(f"copied {history.name} in {time.perf_counter() - began:.1f} s")
    return folder


def tally(folder: Path) -> list[str]:
    return [sys.executable, "-m", "desktop_app", "--data-dir", str(folder), "ask", PROMPT]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="starts of each program")
    parser.add_argument("--history", type=Path, help="also ask with a copy of this history")
    args = parser.parse_args(argv)
    print(
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()},"
        f" {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at the start"
    )
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        env = dict(os.environ, PYTHONPYCACHEPREFIX=str(root / "bytecode"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # see the docstring
        env[KEY_ENV] = KEY
        env.pop("TALLY_DATA_DIR", None)  # --data-dir decides
        simulator, base_url = start_simulator(env)
        try:
            script, async_script = root / "ask_httpx.py", root / "ask_httpx_async.py"
            script.write_text(SCRIPT, encoding="utf-8")
            async_script.write_text(ASYNC_SCRIPT, encoding="utf-8")
            arguments = [base_url, MODEL, PROMPT]
            programs = [
                Program("(a) httpx script", [sys.executable, str(script), *arguments]),
                Program(
                    "(r) httpx script, asyncio",
                    [sys.executable, str(async_script), *arguments],
                    judged=False,
                ),
                Program("(b) tally ask", tally(data_dir(root, "empty", base_url, None))),
            ]
            if args.history is not None:
                big = data_dir(root, "big", base_url, args.history)
                programs.append(Program("(c) tally ask, big history", tally(big)))
            for _ in range(2):
                for program in programs:
                    program.run(env, record=False)
            for _ in range(args.runs):
                for program in programs:
                    program.run(env, record=True)
        finally:
            simulator.terminate()
            simulator.wait(timeout=10)
    print(f"\nstart to the first byte of the answer on stdout, median of {args.runs}:")
    for program in programs:
        print(program.line())
    baseline = statistics.median(programs[0].first_byte)
    passed = True
    for program in programs[1:]:
        ratio = statistics.median(program.first_byte) / baseline
        verdict = ""
        if program.judged:
            ok = ratio <= BAR
            passed = passed and ok
            verdict = f"  target <= {BAR}: {'PASS' if ok else 'FAIL'}"
        print(f"  {program.label[4:] + ' / httpx script':<42} {ratio:5.2f}{verdict}")
    print("\nPASS" if passed else "\nFAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
