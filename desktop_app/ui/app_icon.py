"""The app's icon for its windows: the PNGs in resources/icons, drawn from tally.svg by
packaging/render_icons.py."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from desktop_app.core.paths import resources_dir

ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def icon_file(size: int) -> str:
    """The PNG of one size."""
    return str(resources_dir() / "icons" / f"tally-{size}.png")


def app_icon() -> QIcon:
    """Every size, so that the title bar, the task switcher and the dock each get a sharp one
    (QIcon reads a file only when that size is first drawn)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(icon_file(size), QSize(size, size))
    return icon
