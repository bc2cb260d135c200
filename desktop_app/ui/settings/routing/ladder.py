"""The ladder of Settings → Routing: the models cheapest first, what "a stronger model" means
("Try a stronger model" asks the next one up). Models are added from the listed providers' or
typed as provider/model, removed, and reordered by dragging or with Up / Down."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import ConfigError
from desktop_app.core.routing.rules import ModelRef
from desktop_app.core.text.messages import message_of

_PROBLEM_STYLE = "color: #b3261e;"


class LadderEditor(QWidget):
    """Edits the ladder; `edited` says it changed."""

    edited = Signal()

    def __init__(self, models: Callable[[], Sequence[str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ladderEditor")
        self.models = models
        self.steps = QListWidget(self)
        self.steps.setObjectName("ladderList")
        self.steps.setAccessibleName(self.tr("Ladder, cheapest first"))
        self.steps.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.steps.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.new_step = QComboBox(self)
        self.new_step.setObjectName("ladderNewModel")
        self.new_step.setEditable(True)
        self.new_step.setAccessibleName(self.tr("Model to add to the ladder"))
        edit = self.new_step.lineEdit()
        assert edit is not None
        edit.setPlaceholderText(self.tr("provider/model"))
        self.add_button = self._button("ladderAdd", self.tr("Add"), self.add_typed)
        self.remove_button = self._button("ladderRemove", self.tr("Remove"), self.remove_current)
        self.up_button = self._button("ladderUp", self.tr("Up"), lambda: self.move_current(-1))
        self.down_button = self._button("ladderDown", self.tr("Down"), lambda: self.move_current(1))
        self.problem = QLabel(self)
        self.problem.setObjectName("ladderProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(_PROBLEM_STYLE)
        self.problem.hide()
        title = QLabel(self.tr("<b>Ladder</b>, cheapest first: what “a stronger model” means"))
        title.setWordWrap(True)
        side = QVBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            side.addWidget(button)
        side.addStretch(1)
        adding = QHBoxLayout()
        adding.addWidget(self.new_step, 1)
        adding.addWidget(self.add_button)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(title, 0, 0, 1, 2)
        grid.addWidget(self.steps, 1, 0)
        grid.addLayout(side, 1, 1)
        grid.addLayout(adding, 2, 0, 1, 2)
        grid.addWidget(self.problem, 3, 0, 1, 2)
        self.steps.model().rowsMoved.connect(self.edited)
        self.steps.currentRowChanged.connect(self._enable)
        edit.returnPressed.connect(self.add_typed)
        self._enable()

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def offer_models(self) -> None:
        """List the providers' models to add (those of the dialog as it is now)."""
        typed = self.new_step.currentText()
        self.new_step.clear()
        self.new_step.addItems(list(self.models()))
        self.new_step.setEditText(typed)

    def set_ladder(self, ladder: Sequence[ModelRef]) -> None:
        self.steps.clear()
        self.steps.addItems([str(step) for step in ladder])
        self._enable()

    def ladder(self) -> tuple[ModelRef, ...]:
        """The models as listed, cheapest first."""
        return tuple(ModelRef.parse(self.steps.item(n).text()) for n in range(self.steps.count()))

    def add_typed(self) -> None:
        """Add the model picked or typed at the top of the ladder (the dearest end)."""
        try:
            step = ModelRef.parse(self.new_step.currentText())
        except ConfigError as exc:
            self._say(message_of(exc))
            return
        if step in self.ladder():
            self._say(self.tr("{} is on the ladder already.").format(step))
            return
        self._say("")
        self.steps.addItem(str(step))
        self.steps.setCurrentRow(self.steps.count() - 1)
        self.new_step.setEditText("")
        self.edited.emit()

    def remove_current(self) -> None:
        row = self.steps.currentRow()
        if row >= 0:
            self.steps.takeItem(row)
            self._enable()
            self.edited.emit()

    def move_current(self, by: int) -> None:
        """Move the selected model one step cheaper (-1) or dearer (+1)."""
        row = self.steps.currentRow()
        to = row + by
        if row < 0 or not 0 <= to < self.steps.count():
            return
        item = self.steps.takeItem(row)
        self.steps.insertItem(to, item)
        self.steps.setCurrentRow(to)
        self.edited.emit()

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _enable(self, *_: object) -> None:
        row, count = self.steps.currentRow(), self.steps.count()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
