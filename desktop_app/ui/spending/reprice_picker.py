"""Picks the models the spending view re-prices the month on: the user's providers' models and the
seed's four, ticked in a list, plus any model of the price catalog typed in by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.currency import Currency
from desktop_app.core.money.prices import format_price
from desktop_app.core.money.repricing import PricedModel

FindPrice = Callable[[str], PricedModel | None]

_MODEL = Qt.ItemDataRole.UserRole


class RepricePicker(QWidget):
    """A list of models to tick; emits chosenChanged whenever the ticked set changes."""

    chosenChanged = Signal()

    def __init__(
        self,
        candidates: Sequence[PricedModel],
        find: FindPrice,
        currency: Currency,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.find_price = find
        self.currency = currency
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.models = QListWidget(self)
        self.models.setObjectName("repriceModels")
        for candidate in candidates:
            self._add(candidate)
        self.models.itemChanged.connect(lambda _item: self.chosenChanged.emit())
        self.other = QLineEdit(self)
        self.other.setObjectName("repriceModelInput")
        self.other.setPlaceholderText(self.tr("Another model, e.g. claude-opus-4-1"))
        self.other.setClearButtonEnabled(True)
        self.other.returnPressed.connect(self._add_typed)
        add = QPushButton(self.tr("Add"), self)
        add.clicked.connect(self._add_typed)
        self.problem = QLabel(self)
        self.problem.setObjectName("repriceProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self._lay_out(add)

    def _lay_out(self, add: QPushButton) -> None:
        row = QHBoxLayout()
        row.addWidget(self.other, 1)
        row.addWidget(add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.models, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)

    def offer(self, names: Sequence[str]) -> None:
        """Complete a typed model from `names` (the catalog's, read off the GUI thread: some
        0.1-0.2 s the first time)."""
        completer = QCompleter(list(names), self.other)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.other.setCompleter(completer)

    def chosen(self) -> list[PricedModel]:
        """The ticked models, in the list's order."""
        items = (self.models.item(row) for row in range(self.models.count()))
        return [item.data(_MODEL) for item in items if item.checkState() == Qt.CheckState.Checked]

    def choose(self, name: str) -> bool:
        """Tick the model called `name`, adding it when the list lacks it and its price is
        known; False (and a line saying why) when no price is known."""
        self.problem.hide()
        name = name.strip()
        if not name:
            return False
        for row in range(self.models.count()):
            item = self.models.item(row)
            if item.data(_MODEL).name == name:
                item.setCheckState(Qt.CheckState.Checked)
                return True
        found = self.find_price(name)
        if found is None:
            self.problem.setText(self.tr("No price is known for “{}”.").format(name))
            self.problem.show()
            return False
        self._add(found).setCheckState(Qt.CheckState.Checked)
        return True

    def _add(self, model: PricedModel) -> QListWidgetItem:
        item = QListWidgetItem(model.name, self.models)
        item.setData(_MODEL, model)
        item.setToolTip(
            self.tr("{price}, from {origin}").format(
                price=format_price(model.price, self.currency), origin=model.origin
            )
        )
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        return item

    def _add_typed(self) -> None:
        if self.choose(self.other.text()):
            self.other.clear()
