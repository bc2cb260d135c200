"""The window's action icons: PNGs drawn from resources/icons/ui/*.svg by
packaging/render_icons.py, in the light and the dark theme's colour, at 16 and 32 pixels."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.core import paths


@cache
def action_icon(name: str, dark: bool) -> QIcon:
    """The icon `name` (resources/icons/ui/<name>.svg) for a light or a dark window."""
    folder = paths.resources_dir() / "icons" / "ui"
    theme = "dark" if dark else "light"
    icon = QIcon()
    for size in (16, 32):
        icon.addFile(str(folder / f"{name}-{theme}-{size}.png"))
    return icon


def window_icon(name: str) -> QIcon:
    """The icon `name` for the window's palette now (light or dark)."""
    return action_icon(name, palette_is_dark())


def palette_is_dark() -> bool:
    """Whether the application's palette is a dark one."""
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
