"""The text colour of a part of a message (its cost, its versions, its reasoning, its status)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget


def set_text_colour(widget: QWidget, colour: str) -> None:
    """Give a part of the message its own text colour. A palette, not a style sheet: a style
    sheet on each part cost about a quarter of a message widget's memory and of its making."""
    palette = widget.palette()
    # which role a widget writes with depends on its kind and on its parent's background
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(role, QColor(colour))
    widget.setPalette(palette)
