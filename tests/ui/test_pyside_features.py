"""PySide6's check of every imported module for `from __feature__ import ...`, answered without
reading sources once desktop_app.ui is loaded (desktop_app/ui/__init__.py)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import desktop_app

# Imports a module written for the test after `first` (a module name), and reports whether
# PySide6 read its source (its lines are in linecache) and what PySide6 recorded for it.
PROBE = """
import importlib, json, linecache, sys
importlib.import_module(sys.argv[1])
import tally_probe_module
features = sys.modules["shibokensupport.feature"]
print(json.dumps({
    "read": tally_probe_module.__file__ in linecache.cache,
    "recorded": features.pyside_feature_dict.get("tally_probe_module"),
}))
"""


def imported_after(first: str, folder: Path) -> dict[str, object]:
    (folder / "tally_probe_module.py").write_text(
        "from PySide6.QtCore import QObject\n\nclass Probe(QObject):\n    pass\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE, first],
        env=dict(os.environ, PYTHONPATH=os.pathsep.join([str(folder), *sys.path])),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_modules_imported_after_the_ui_are_not_read(tmp_path: Path) -> None:
    plain = imported_after("PySide6.QtCore", tmp_path)
    if not plain["read"]:
        pytest.skip("this PySide6 reads no module's source: nothing to spare")
    assert plain["recorded"] == 0  # the module names PySide6: its default features
    after_ui = imported_after("desktop_app.ui", tmp_path)
    assert after_ui == {"read": False, "recorded": 0}  # the same record, nothing read


def test_no_module_of_tally_selects_a_pyside_feature() -> None:
    """What makes answering the check without reading right: a module that selected
    snake_case or true_property would need PySide6 to know it."""
    root = Path(desktop_app.__file__).parent
    selecting = [
        str(path.relative_to(root))
        for path in sorted(root.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module == "__feature__"
    ]
    assert len(list(root.rglob("*.py"))) > 100
    assert selecting == []
