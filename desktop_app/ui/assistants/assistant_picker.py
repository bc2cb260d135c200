"""The assistant picker beside the model picker (`assistantPicker`): Default (plain chat), the
assistants, and Manage assistants… at the end."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QStyleOptionComboBox

    from desktop_app.core.settings.assistants import Assistant


class AssistantPicker(QComboBox):
    """Emits `assistantChosen` (an Assistant; Default is one) when the user picks one, and
    `manageRequested` for the last item."""

    assistantChosen = Signal(object)
    manageRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assistantPicker")
        self.setToolTip(
            self.tr("The assistant: a system prompt and parameters this conversation starts with")
        )
        self.setAccessibleName(self.tr("Assistant"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setMaximumWidth(220)
        self.assistants: list[Assistant] = []
        self.setPlaceholderText(self.tr("Default"))  # until the assistants are read
        self._shown = 0
        self.activated.connect(self._activated)

    def set_assistants(self, assistants: Sequence[Assistant], current: str | None = None) -> None:
        """List these (Default first, as load_assistants gives them), and show `current` (a
        name; None: Default)."""
        self.blockSignals(True)
        self.clear()
        self.assistants = list(assistants)
        for assistant in self.assistants:
            self.addItem(self.tr("Default") if assistant.is_default else assistant.name)
            tip = assistant.system or self.tr("Plain chat: no system prompt")
            self.setItemData(self.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.insertSeparator(self.count())
        self.addItem(self.tr("Manage assistants…"))
        self.blockSignals(False)
        self.show_name(current)

    def show_name(self, name: str | None) -> None:
        """Show the assistant `name` as picked (a conversation opened); None or an unknown
        name: Default."""
        row = 0
        for number, assistant in enumerate(self.assistants):
            if name is not None and assistant.name == name:
                row = number
        self._shown = row
        self.setCurrentIndex(row)

    def current_assistant(self) -> Assistant | None:
        row = self.currentIndex()
        return self.assistants[row] if 0 <= row < len(self.assistants) else None

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt's own drawing while the picker has its room; squeezed by a narrow toolbar, the
        picked name elided ("Code review…"), where Qt would cut it off mid-letter."""
        if self.width() >= self.sizeHint().width():
            super().paintEvent(event)
            return
        # Named here: the first frame shows Default with room to spare (PySide makes a class's
        # Python type when it is first named).
        from PySide6.QtWidgets import QStyle, QStyleOptionComboBox, QStylePainter

        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter = QStylePainter(self)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text(option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def shown_text(self, option: QStyleOptionComboBox) -> str:
        """The picked name as it fits the picker's text field now: elided when it does not."""
        from PySide6.QtWidgets import QStyle

        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        return self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, field.width()
        )

    def _activated(self, row: int) -> None:
        if row == self.count() - 1:  # Manage assistants…
            self.setCurrentIndex(self._shown)
            self.manageRequested.emit()
            return
        if row == self._shown:
            return  # the assistant already shown: its parameters, edited or not, stay
        self._shown = row
        self.assistantChosen.emit(self.current_assistant())
