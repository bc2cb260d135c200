"""Start-up of the built app to its window shown, against a bare PySide6 window frozen the same
way. DESIGN.md's bar: the window shown within 1.5x the time of a bare PySide6 window.

Run (after `make package`): .venv/bin/python benchmarks/startup_built.py [--runs 10]

The bare window is a few lines of PySide6 (BARE below: a QMainWindow of Tally's size) frozen by
packaging/tally.spec itself (`-- --entry bare.py --name Bare`), so it has the same PyInstaller
options, excludes, Qt plugins and stripping as dist/Tally; it is built in a temporary folder
first (about 20 s). Each start is a fresh process under QT_QPA_PLATFORM=offscreen, timed from
just before the process is started to the end of the first painted frame of its main window,
which the program reports on stdout as `shown <time.perf_counter()>` (a clock shared by all
processes). Tally reports it through TALLY_EXIT_WHEN_SHOWN=window (desktop_app/ui/
exit_when_shown.py), with a new empty data directory for every start (a first run: the welcome
page) and with one that has a provider and its models (the chat view, as on later starts).
For comparison, Tally and the bare window from the source tree (.venv's Python) are timed the
same way.

The cases take turns, after one untimed start of each (files into the OS cache). Figures are
medians.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from startup_common import PROVIDERS, Case

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "tally.spec"
BAR = 1.5
BARE = '''\
"""A bare PySide6 window of Tally's size that reports its first painted frame, then quits."""
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, shown)
        return False


def shown():
    print(f"shown {time.perf_counter():.6f}", flush=True)
    QApplication.quit()


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("Bare")
window.resize(980, 760)
watch = FirstPaint(window)
window.installEventFilter(watch)
window.show()
sys.exit(app.exec())
'''


def build_bare(folder: Path) -> Path:
    """Freeze BARE with packaging/tally.spec; returns the executable."""
    folder.mkdir()
    script = folder / "bare.py"
    script.write_text(BARE, encoding="utf-8")
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    began = time.perf_counter()
    subprocess.run(
        [str(pyinstaller), "--noconfirm", "--log-level", "WARN", "--distpath",
         str(folder / "dist"), "--workpath", str(folder / "build"), str(SPEC),
         "--", "--entry", str(script), "--name", "Bare"],
        check=True,
    )  # fmt: skip
    print(f"froze the bare window in {time.perf_counter() - began:.0f} s")
    return folder / "dist" / "Bare" / ("Bare.exe" if sys.platform == "win32" else "Bare")


def start(case: Case, scratch: Path) -> float:
    """One start in a fresh process: seconds to the end of its window's first paint."""
    with case.start_data_dir(scratch) as data_dir:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TALLY_DATA_DIR=str(data_dir))
        env["TALLY_EXIT_WHEN_SHOWN"] = "window"
        began = time.perf_counter()
        done = subprocess.run(
            case.command, env=env, capture_output=True, text=True, timeout=120, check=False
        )
    shown = [line.split() for line in done.stdout.splitlines() if line.startswith("shown ")]
    if done.returncode != 0 or not shown:
        sys.exit(f"{case.label} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return float(shown[0][1]) - began


def report(cases: list[Case]) -> bool:
    runs = len(cases[0].starts)
    print(f"\nstart to the first painted window, median of {runs} (fresh processes):")
    for case in cases:
        print(case.line(44))
    bare = cases[0].median()
    passed = True
    for case in cases[1:3]:
        ratio = case.median() / bare
        passed = passed and ratio <= BAR
        verdict = "PASS" if ratio <= BAR else "FAIL"
        label = f"{case.label[:3]} / (a)"
        print(f"  {label} {case.label[4:]} / bare: {ratio:.2f}  target <= {BAR}: {verdict}")
    best = max(min(case.starts) for case in cases[1:3]) / min(cases[0].starts)
    print(f"  the same from the fastest starts (on a busy machine): {best:.2f}")
    source = cases[3].median() / cases[2].median()
    print(f"  (d) / (c) Tally from source / built: {source:.2f}")
    frozen = cases[0].median() / cases[4].median()
    print(f"  (a) / (e) bare window built / from source: {frozen:.2f}")
    return passed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="starts of each case (default 10)")
    parser.add_argument("--app", type=Path, default=ROOT / "dist" / "Tally" / "Tally")
    args = parser.parse_args(argv)
    if not args.app.exists():
        sys.exit(f"no built app at {args.app}: run `make package` first")
    print(
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()},"
        f" {os.cpu_count()} cores; Qt platform offscreen"
    )
    with tempfile.TemporaryDirectory(prefix="tally-startup-") as folder:
        scratch = Path(folder)
        bare = build_bare(scratch / "bare")
        bare_script = scratch / "bare" / "bare.py"
        configured = scratch / "configured"
        configured.mkdir()
        (configured / "providers.toml").write_text(PROVIDERS, encoding="utf-8")
        cases = [
            Case("(a) bare PySide6 window, built", [str(bare)]),
            Case("(b) Tally built, empty data directory", [str(args.app)]),
            Case("(c) Tally built, a provider", [str(args.app)], configured),
            Case("(d) Tally from source, a provider", [sys.executable, "-m", "desktop_app"],
                 configured),
            Case("(e) bare PySide6 window, from source", [sys.executable, str(bare_script)]),
        ]  # fmt: skip
        for case in cases:
            start(case, scratch)
        for _ in range(args.runs):
            for case in cases:
                case.starts.append(start(case, scratch) * 1000)
        passed = report(cases)
    print("\nPASS" if passed else "\nFAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
