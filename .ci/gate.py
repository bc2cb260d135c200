"""The gate's steps, for the Makefile and the hosted CI alike (Windows has no make): each step is
the commands it runs, with the tools of the Python that runs this (a venv's).

Run: python .ci/gate.py [STEP ...]     (no STEP: all of them, in order; `make test` is the same)
Steps: translations lint typecheck imports workflows pytest. Arguments after `--` go to pytest.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
QT_LANGUAGES = ("zh_CN", "zh_TW")  # Qt's own translations copied for the window's languages

STEPS: dict[str, list[list[str]]] = {
    "lint": [["ruff", "check", "."], ["ruff", "format", "--check", "."]],
    "typecheck": [["mypy"]],
    "imports": [["lint-imports"]],
    "workflows": [["actionlint"]],  # .github/workflows, found by itself from the top folder
    "pytest": [["pytest"]],
}
ORDER = ["translations", *STEPS]


def tool(name: str) -> str:
    """A console script of this Python's environment (bin/ or Scripts\\), by its full path."""
    found = shutil.which(name, path=sysconfig.get_path("scripts"))
    if found is None:
        raise SystemExit(f"gate: {name} is not installed: pip install -e '.[dev]'")
    return found


def compile_translations() -> None:
    """Tally's .ts sources to .qm, and Qt's own translations copied from PySide6, beside them
    (not committed): the window's languages, which the tests and the built app read."""
    from PySide6.QtCore import QLibraryInfo

    for source in sorted(TRANSLATIONS.glob("tally_*.ts")):
        target = source.with_suffix(".qm")
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            subprocess.run([tool("pyside6-lrelease"), "-silent", source, "-qm", target], check=True)
    qt = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for language in QT_LANGUAGES:
        name = f"qtbase_{language}.qm"
        if not (TRANSLATIONS / name).exists():
            shutil.copyfile(qt / name, TRANSLATIONS / name)


def run(step: str, extra: list[str]) -> int:
    if step == "translations":
        compile_translations()
        return 0
    for command in STEPS[step]:
        words = [tool(command[0]), *command[1:], *(extra if step == "pytest" else [])]
        print("gate:", " ".join([command[0], *words[1:]]), flush=True)
        code = subprocess.run(words, cwd=ROOT, check=False).returncode
        if code:
            return code
    return 0


def main(argv: list[str]) -> int:
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    steps = argv[: argv.index("--")] if "--" in argv else argv
    unknown = [step for step in steps if step not in ORDER]
    if unknown:
        print(f"gate: no step {', '.join(unknown)}; the steps: {' '.join(ORDER)}", file=sys.stderr)
        return 2
    for step in steps or ORDER:
        code = run(step, extra)
        if code:
            print(f"gate: {step} failed (exit {code})", file=sys.stderr)
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
