"""Smoke test of the built app (`make package-test` builds it first, then runs this).

Run: .venv/bin/python packaging/smoke_test.py [APP]
     (APP: this system's program in dist/, as packaging/platforms.py names it: dist/Tally/Tally,
     dist/Tally/Tally.exe, dist/Tally.app/Contents/MacOS/Tally)

Each check starts the built program in a fresh process, offscreen, in one temporary data
directory (TALLY_DATA_DIR), and fails on a non-zero exit, a traceback or an ERROR in its log:

1. the window comes up and the app exits cleanly (TALLY_EXIT_WHEN_SHOWN=window);
2. the spending view opens and paints its charts (TALLY_EXIT_WHEN_SHOWN=spending);
3. `APP ask` streams an answer from the simulator, started here from the source tree on a free
   port, and `APP export` finds it in the history;
4. `APP models` prices a model from the bundled genai-prices catalog (the resources folder);
5. the keyring: `APP ask` for a provider with no key says "No API key" when a Secret Service
   answers (a keyring backend was bundled and works), or that no keyring is available.
   With TALLY_REQUIRE_SECRET_SERVICE=1 (as in CI) only the first passes.
6. `APP --version` names this version and the commit of the checkout it was built from, as the
   bundled desktop_app/build.json says.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import platforms  # this folder's platforms.py: the script's folder is first on sys.path

from desktop_app import __version__
from desktop_app.version import BUILD_FILE, SHORT, checkout_commit

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60  # seconds for any one start; a healthy one takes about one
PROMPT = "Say hello to the smoke test"
PROVIDERS = """\
[[provider]]
id = "sim"
name = "Simulator"
base_url = "{base_url}"
api_key_env = "TALLY_SMOKE_KEY"
models = ["sim-normal", "gpt-4.1"]

[[provider]]
id = "keyless"
name = "Keyless"
base_url = "http://127.0.0.2:9/v1"  # on loopback, yet not this machine's name: it needs a key
models = ["gpt-4.1"]
"""


class SmokeFailure(Exception):
    """A check failed; the message says which and shows what the app printed."""


def default_app(system: platforms.Platform, dist: Path = ROOT / "dist") -> Path:
    return dist / system.program


def cli_app(app: Path, system: platforms.Platform) -> Path:
    """The program for the terminal commands: on Windows the console twin of the windowed exe."""
    if system.cli_twin:
        return app.with_name(app.stem + "-cli" + app.suffix)
    return app


def bundled_build_file(app: Path, system: platforms.Platform) -> Path:
    """desktop_app/build.json inside the built app whose program is `app`."""
    dist = app.parents[system.program.count("/")]
    return dist / system.bundle_dir / "desktop_app" / BUILD_FILE


def expected_version() -> str:
    """What `--version` of an app built from this checkout prints."""
    commit = checkout_commit(ROOT)
    return f"Tally {__version__} ({commit[:SHORT] if commit else 'unknown'})"


def run(app: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    began = time.perf_counter()
    done = subprocess.run(
        [str(app), *args], env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    shown = env.get("TALLY_EXIT_WHEN_SHOWN")
    what = " ".join(args)[:50] if args else f"(TALLY_EXIT_WHEN_SHOWN={shown})"
    print(f"  {app.name} {what}: exit {done.returncode}, {time.perf_counter() - began:.2f} s")
    return done


def expect(ok: bool, what: str, done: subprocess.CompletedProcess[str], data_dir: Path) -> None:
    """Fail with everything the app said: its stdout, stderr and log."""
    if ok:
        return
    log = data_dir / "logs" / "tally.log"
    logged = log.read_text(encoding="utf-8") if log.exists() else "(no log)"
    raise SmokeFailure(
        f"{what}\n--- exit {done.returncode}\n--- stdout\n{done.stdout}\n--- stderr\n"
        f"{done.stderr}\n--- {log}\n{logged}"
    )


def clean(done: subprocess.CompletedProcess[str], data_dir: Path) -> bool:
    """Exited 0 with no traceback, and nothing logged as an error."""
    log = data_dir / "logs" / "tally.log"
    logged = log.read_text(encoding="utf-8") if log.exists() else ""
    return done.returncode == 0 and "Traceback" not in done.stderr and " ERROR " not in logged


def check_window(app: Path, env: dict[str, str], data_dir: Path) -> None:
    done = run(app, env=env | {"TALLY_EXIT_WHEN_SHOWN": "window"})
    said = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
    expect(said == ["shown"] and clean(done, data_dir), "the window did not show", done, data_dir)


def check_windowed(app: Path, env: dict[str, str], data_dir: Path) -> None:
    """A windowed program (Windows' Tally.exe) may have no stdout to say "shown" on: the window
    checks run on its console twin, the same program, and this one only has to come up and
    close cleanly."""
    done = run(app, env=env | {"TALLY_EXIT_WHEN_SHOWN": "window"})
    expect(clean(done, data_dir), "the windowed program did not start cleanly", done, data_dir)


def check_spending(app: Path, env: dict[str, str], data_dir: Path) -> None:
    done = run(app, env=env | {"TALLY_EXIT_WHEN_SHOWN": "spending"})
    said = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
    shown = said == ["shown", "spending"] and clean(done, data_dir)
    expect(shown, "the spending view did not show", done, data_dir)


def start_simulator() -> tuple[subprocess.Popen[str], str, str]:
    """The simulator from the source tree on a free port: (process, base URL, key)."""
    simulator = subprocess.Popen(
        [sys.executable, "-m", "desktop_app.simulator", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert simulator.stdout is not None
    # "Simulator listening on http://127.0.0.1:PORT/v1 (key: KEY)"
    words = simulator.stdout.readline().split()
    if len(words) < 6 or words[2] != "on":
        simulator.kill()
        raise SmokeFailure(f"the simulator did not start: {' '.join(words)!r}")
    return simulator, words[3], words[5].rstrip(")")


def check_ask(app: Path, env: dict[str, str], data_dir: Path, key: str) -> None:
    asked = env | {"TALLY_SMOKE_KEY": key}
    done = run(app, "ask", "--provider", "sim", "--model", "sim-normal", PROMPT, env=asked)
    answer = done.stdout.strip()
    expect(clean(done, data_dir) and bool(answer), "ask streamed no answer", done, data_dir)
    expect("sim-normal" in done.stderr, "ask printed no summary line", done, data_dir)
    exported = run(app, "export", env=env)
    expect(clean(exported, data_dir), "export failed", exported, data_dir)
    messages = [
        message
        for conversation in json.loads(exported.stdout)["conversations"]
        for message in conversation["messages"]
    ]
    saved = [m for m in messages if m["role"] == "assistant" and m["status"] == "complete"]
    expect(
        any(m["content"].strip() == answer for m in saved),
        "the answer is not in the history",
        exported,
        data_dir,
    )


def check_catalog(app: Path, env: dict[str, str], data_dir: Path) -> None:
    done = run(app, "models", "--provider", "sim", env=env)
    expect(
        clean(done, data_dir) and "catalog: genai-prices" in done.stdout,
        "the bundled price catalog was not found",
        done,
        data_dir,
    )


def check_version(
    app: Path, env: dict[str, str], data_dir: Path, system: platforms.Platform
) -> None:
    done = run(app, "--version", env=env)
    said = done.stdout.strip()
    expect(clean(done, data_dir) and said == expected_version(), "wrong version", done, data_dir)
    build_file = bundled_build_file(app, system)
    expect(build_file.is_file(), f"no {build_file}", done, data_dir)


def check_keyring(
    app: Path, env: dict[str, str], data_dir: Path, system: platforms.Platform
) -> None:
    done = run(app, "ask", "--provider", "keyless", PROMPT, env=env)
    works = "No API key for Keyless" in done.stderr
    missing = "keyring is not available" in done.stderr
    expect(done.returncode == 2 and (works or missing), "no keyring answer", done, data_dir)
    required = os.environ.get("TALLY_REQUIRE_SECRET_SERVICE") == "1"
    expect(works or not required, "the Secret Service was not reached", done, data_dir)
    name = system.keyring_name
    print("  keyring:", f"{name} answered" if works else f"none here (no {name} answered)")


def main(argv: list[str]) -> int:
    system = platforms.current()
    app = Path(argv[1]) if len(argv) > 1 else default_app(system)
    if not app.exists():
        print(f"no built app at {app}: run `make package` first", file=sys.stderr)
        return 2
    print(f"smoke test of {app}")
    with tempfile.TemporaryDirectory(prefix="tally-smoke-") as folder:
        data_dir = Path(folder) / "data"
        env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "TALLY_DATA_DIR": str(data_dir)}
        env.pop("TALLY_EXIT_WHEN_SHOWN", None)
        simulator, base_url, key = start_simulator()
        try:
            data_dir.mkdir()
            (data_dir / "providers.toml").write_text(
                PROVIDERS.format(base_url=base_url), encoding="utf-8"
            )
            passed, failed = run_checks(app, system, env, data_dir, key)
        finally:
            simulator.terminate()
            simulator.wait(timeout=10)
    # The plain closing line that CI's log reader counts.
    print(f"smoke: {passed} passed, {failed} failed")
    return 1 if failed else 0


def run_checks(
    app: Path, system: platforms.Platform, env: dict[str, str], data_dir: Path, key: str
) -> tuple[int, int]:
    """Every check, whatever the others did; returns how many passed and failed."""
    cli = cli_app(app, system)
    checks = {
        "window": lambda: check_window(cli, env, data_dir),
        "spending": lambda: check_spending(cli, env, data_dir),
        "ask": lambda: check_ask(cli, env, data_dir, key),
        "catalog": lambda: check_catalog(cli, env, data_dir),
        "keyring": lambda: check_keyring(cli, env, data_dir, system),
        "version": lambda: check_version(cli, env, data_dir, system),
    }
    if cli != app:
        checks["windowed"] = lambda: check_windowed(app, env, data_dir)
    failed = 0
    for name, check in checks.items():
        try:
            check()
        except SmokeFailure as failure:
            print(f"FAIL {name}: {failure}", file=sys.stderr)
            failed += 1
    return len(checks) - failed, failed


if __name__ == "__main__":
    sys.exit(main(sys.argv))
