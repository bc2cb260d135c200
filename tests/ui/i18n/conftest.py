"""The translations compiled into a temporary folder, and the window's language set to
Simplified Chinese from them for one test, the core's texts included, as the app sets it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo
from PySide6.QtWidgets import QApplication

from desktop_app.core import paths
from desktop_app.core.text.messages import set_language
from desktop_app.ui.translators import install_translators

SOURCES = paths.resources_dir() / "translations"
TOOLS = Path(sys.executable).parent


@pytest.fixture
def compiled(tmp_path: Path) -> Path:
    """The .ts sources compiled now, as `make translations` does, and Qt's own beside them."""
    for source in SOURCES.glob("tally_*.ts"):
        target = tmp_path / source.with_suffix(".qm").name
        subprocess.run([TOOLS / "pyside6-lrelease", "-silent", source, "-qm", target], check=True)
    qt = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for language in ("zh_CN", "zh_TW"):
        shutil.copy(qt / f"qtbase_{language}.qm", tmp_path)
    return tmp_path


@pytest.fixture
def in_simplified_chinese(qapp: QApplication, compiled: Path) -> Iterator[None]:
    translators = install_translators(qapp, "zh_CN", compiled)
    assert len(translators) == 2, "Tally's translation and Qt's"
    set_language("zh_CN")  # the core's texts (run_app sets both)
    yield
    set_language("en")
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
