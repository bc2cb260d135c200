"""The conversation's parameters (`parametersPanel`): what its assistant set, changed for this
conversation only. Shown under the toolbar when the Parameters button is on."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.parameters import Parameters
from desktop_app.ui.assistants.parameters_form import ParametersForm

SAVE_AFTER_MS = 400
"""How long after the last change the parameters are applied and saved: not on every key."""


class ParametersPanel(QFrame):
    """Emits `changed` with the new Parameters once the user has stopped editing them."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parametersPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("parametersTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.reset_button = QPushButton(self.tr("Reset"), self)
        self.reset_button.setObjectName("resetParameters")
        self.reset_button.setToolTip(self.tr("Back to the assistant's parameters"))
        self.reset_button.clicked.connect(self._reset)
        top.addWidget(self.title, 1)
        top.addWidget(self.reset_button)
        layout.addLayout(top)
        self.form = ParametersForm(self, system_lines=3)
        layout.addWidget(self.form)
        self.assistant_parameters = Parameters()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_AFTER_MS)
        self._timer.timeout.connect(self._say)
        self.form.edited.connect(self._timer.start)
        self.setVisible(False)

    def show_parameters(
        self, assistant: str | None, parameters: Parameters, assistant_parameters: Parameters
    ) -> None:
        """The conversation's parameters, and those of its assistant (what Reset goes back to)."""
        self._timer.stop()
        self.assistant_parameters = assistant_parameters
        name = assistant or self.tr("Default")
        self.title.setText(self.tr("This conversation's parameters (assistant: {})").format(name))
        self.form.show_parameters(parameters)

    def flush(self) -> None:
        """A change still waiting to be said is said now (the user sends at once)."""
        if self._timer.isActive():
            self._timer.stop()
            self._say()

    def _say(self) -> None:
        self.changed.emit(self.form.parameters())

    def _reset(self) -> None:
        self.form.show_parameters(self.assistant_parameters)
        self._timer.stop()
        self.changed.emit(self.assistant_parameters)
