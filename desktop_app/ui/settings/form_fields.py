"""What the settings forms are built of alike: line edits named for tests and screen readers,
and a form layout whose labels line up on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget


def line_edit(parent: QWidget, name: str, accessible: str, placeholder: str) -> QLineEdit:
    """A line edit with an object name, a name for screen readers, and a placeholder."""
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(placeholder)
    return edit


def right_aligned_form() -> QFormLayout:
    """A form whose fields take the width there is and whose labels line up on the right."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return form
