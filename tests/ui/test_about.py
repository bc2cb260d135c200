"""Help → About Tally, the window icon, and the hook that lets the built app's checks see the
window come up (TALLY_EXIT_WHEN_SHOWN)."""

from __future__ import annotations

import dataclasses
import importlib.util
import logging
import re
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QMenu
from pytestqt.qtbot import QtBot

from desktop_app import __version__, version
from desktop_app.core import paths
from desktop_app.ui.about_dialog import LICENCE, AboutDialog, about_facts
from desktop_app.ui.app_icon import ICON_SIZES, app_icon, icon_file
from desktop_app.ui.exit_when_shown import ENV, exit_when_shown
from desktop_app.ui.main_window import MainWindow
from tests.support.ui.window_helpers import Run
from tests.support.waiting import until

ROOT = Path(__file__).resolve().parents[2]


def test_the_facts_are_this_installations(data_dir: Path) -> None:
    facts = about_facts()
    assert facts.version == __version__
    assert facts.commit == version.commit()
    assert facts.data_dir == data_dir
    # genai-prices' MIT notice, each paragraph on one line for the text box to wrap.
    assert "Copyright (c) Pydantic Services Inc." in facts.prices_notice
    assert "to any person obtaining a copy of this software" in facts.prices_notice
    assert "PySide6" in facts.runtime


def test_a_missing_notice_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(paths, "resources_dir", lambda: tmp_path)
    assert "missing from this installation" in about_facts().prices_notice


def test_the_dialog_shows_the_version_licence_notice_and_data_folder(
    qtbot: QtBot, data_dir: Path
) -> None:
    dialog = AboutDialog(about_facts())
    qtbot.addWidget(dialog)
    built = f" ({version.commit()})" if version.commit() != version.UNKNOWN else ""
    assert dialog.version.text() == f"<b>Tally</b> {__version__}{built}"
    assert dialog.licence.text() == LICENCE
    assert dialog.data_dir.text() == str(data_dir)
    assert dialog.notice.toPlainText() == about_facts().prices_notice
    assert not dialog.open_folder.isEnabled()  # nothing written yet: no folder to open

    data_dir.mkdir(parents=True)
    dialog = AboutDialog(about_facts())
    qtbot.addWidget(dialog)
    assert dialog.open_folder.isEnabled()


@pytest.mark.parametrize(
    ("commit", "shown"), [("abc1234", "0.9.1 (abc1234)"), ("unknown", "0.9.1")]
)
def test_the_heading_names_the_commit_when_it_is_known(
    qtbot: QtBot, data_dir: Path, commit: str, shown: str
) -> None:
    facts = dataclasses.replace(about_facts(), version="0.9.1", commit=commit)
    dialog = AboutDialog(facts)
    qtbot.addWidget(dialog)
    assert dialog.version.text() == f"<b>Tally</b> {shown}"


def test_help_about_opens_the_dialog(window: MainWindow, qtbot: QtBot) -> None:
    menus = {action.text(): action.menu() for action in window.menuBar().actions()}
    help_menu = menus["&Help"]
    assert isinstance(help_menu, QMenu)
    about = [action for action in help_menu.actions() if action.text() == "&About Tally…"]
    assert len(about) == 1
    about[0].trigger()
    dialog = window.findChild(QDialog, "aboutDialog")
    assert isinstance(dialog, AboutDialog)
    qtbot.waitExposed(dialog)
    assert __version__ in dialog.version.text()
    dialog.close()


def test_the_window_icon_has_every_size() -> None:
    icon = app_icon()
    assert {size.width() for size in icon.availableSizes()} == set(ICON_SIZES)
    for size in ICON_SIZES:
        assert QImage(icon_file(size)).size() == QSize(size, size)


def load_render_icons() -> ModuleType:
    # By path: the folder `packaging` would be taken for the PyPI package of that name.
    path = ROOT / "packaging" / "render_icons.py"
    spec = importlib.util.spec_from_file_location("render_icons", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_pngs_are_the_svg_rendered() -> None:
    """Changing tally.svg (or tally-small.svg) without running packaging/render_icons.py fails
    here. Within a small tolerance, for another Qt's anti-aliasing."""
    render_icons = load_render_icons()
    assert render_icons.SIZES == ICON_SIZES
    for size in ICON_SIZES:
        small = size <= render_icons.SMALL
        svg = ROOT / "resources" / "icons" / ("tally-small.svg" if small else "tally.svg")
        fresh = QImage.fromData(render_icons.render(svg, size))
        fresh = fresh.convertToFormat(QImage.Format.Format_RGBA8888)
        kept = QImage(icon_file(size)).convertToFormat(QImage.Format.Format_RGBA8888)
        pixels = zip(bytes(fresh.constBits()), bytes(kept.constBits()), strict=True)
        worst = max(abs(new - old) for new, old in pixels)
        assert worst <= 16, f"tally-{size}.png is not the SVG: run packaging/render_icons.py"


def test_exit_when_shown_is_off_unless_asked(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv(ENV, raising=False)
    assert exit_when_shown(window) is None
    monkeypatch.setenv(ENV, "yes")
    with caplog.at_level(logging.WARNING):
        assert exit_when_shown(window) is None
    assert "not one of window, spending" in caplog.text


@pytest.mark.parametrize(
    ("mode", "reports"), [("window", ["shown"]), ("spending", ["shown", "spending"])]
)
def test_exit_when_shown_reports_then_closes(
    window: MainWindow,
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    mode: str,
    reports: list[str],
) -> None:
    monkeypatch.setenv(ENV, mode)
    assert exit_when_shown(window) is not None

    async def closed() -> None:
        await until(lambda: window._closed)

    run(closed)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == reports
    assert all(re.fullmatch(r"\w+ \d+\.\d{6}", line) for line in lines)  # perf_counter times
