"""The window's action icons (resources/icons/ui): each SVG has its PNGs, rendered from it, in
the light and the dark theme's colour; the picker's Refresh button and the Compare toggle show
theirs with a tooltip, the one alone, the other beside its count."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.core import paths
from desktop_app.ui.icons import action_icon
from desktop_app.ui.picker.compare_choice import CompareChoice
from desktop_app.ui.picker.model_lists import _picker_row
from desktop_app.ui.picker.model_picker import ModelPicker

ROOT = Path(__file__).resolve().parents[2]
FOLDER = paths.resources_dir() / "icons" / "ui"
NAMES = sorted(svg.stem for svg in FOLDER.glob("*.svg"))


def load_render_icons() -> ModuleType:
    # By path: the folder `packaging` would be taken for the PyPI package of that name.
    spec = importlib.util.spec_from_file_location(
        "render_icons", ROOT / "packaging" / "render_icons.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_picker_icons_are_among_them() -> None:
    assert {"refresh", "compare", "regenerate", "send"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_icon_is_its_svg_rendered_in_both_themes(name: str, qapp: QApplication) -> None:
    """Changing an SVG without running packaging/render_icons.py fails here (within a small
    tolerance, for another Qt's anti-aliasing)."""
    render_icons = load_render_icons()
    for theme, colour in render_icons.UI_COLOURS.items():
        for size in render_icons.UI_SIZES:
            fresh = QImage.fromData(render_icons.render(FOLDER / f"{name}.svg", size, colour))
            kept = QImage(str(FOLDER / f"{name}-{theme}-{size}.png"))
            assert kept.size() == fresh.size()
            rgba = QImage.Format.Format_RGBA8888
            # Each converted image held while its bits are read: constBits() of a temporary
            # reads memory that Python may have freed already.
            new_image, old_image = fresh.convertToFormat(rgba), kept.convertToFormat(rgba)
            pixels = zip(bytes(new_image.constBits()), bytes(old_image.constBits()), strict=True)
            worst = max(abs(new - old) for new, old in pixels)
            assert worst <= 16, f"{name}-{theme}-{size}.png: run packaging/render_icons.py"
    light, dark = (action_icon(name, dark) for dark in (False, True))
    assert not light.isNull()
    assert light.pixmap(16).toImage() != dark.pixmap(16).toImage(), "a colour per theme"


def test_the_refresh_button_shows_its_icon_alone_with_a_tooltip(qtbot: QtBot) -> None:
    from PySide6.QtGui import QAction

    parent = QWidget()
    qtbot.addWidget(parent)
    refresh = QAction("Refresh models", parent)
    refresh.setToolTip("Ask each provider which models it serves (F5)")
    row, button = _picker_row(ModelPicker(parent), refresh, parent)
    assert button.parent() is row
    assert button.toolTip() == refresh.toolTip()
    assert button.accessibleName() == "Refresh models"
    button.setIcon(action_icon("refresh", False))  # as window_layout.show_icons does
    assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    refresh.setEnabled(False)
    assert not button.isEnabled(), "one refresh at a time"


def test_the_compare_toggle_shows_its_icon_beside_its_count(qtbot: QtBot) -> None:
    compare = CompareChoice(lambda: None, list)
    qtbot.addWidget(compare)
    assert isinstance(compare, QToolButton)
    assert compare.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert compare.text() == "Compare"
    assert "side by side" in compare.toolTip()
