"""The model picker: every configured provider's models, grouped, each with its price."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QWidget

from desktop_app.core.config import Provider
from desktop_app.core.pricing import format_price, price_of

_CHOICE = Qt.ItemDataRole.UserRole + 1


class ModelPicker(QComboBox):
    """A drop-down of (provider, model) choices; provider names are unselectable headers."""

    choiceChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelPicker")
        self.setAccessibleName("Model")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(28)
        self._items = QStandardItemModel(self)
        self.setModel(self._items)
        self._providers: dict[str, Provider] = {}
        self.currentIndexChanged.connect(lambda _: self.choiceChanged.emit())

    def set_providers(self, providers: list[Provider]) -> None:
        """List the models of these providers, keeping the current choice if it is still there."""
        previous = self.current()
        self.blockSignals(True)
        self._items.clear()
        self._providers = {p.id: p for p in providers}
        bold = QFont()
        bold.setBold(True)
        for provider in providers:
            header = QStandardItem(provider.name)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            header.setFont(bold)
            self._items.appendRow(header)
            if not provider.models:
                hint = QStandardItem("no models listed: add them in Settings (Test connection)")
                hint.setFlags(Qt.ItemFlag.NoItemFlags)
                self._items.appendRow(hint)
            for model in provider.models:
                label = f"{model}  —  {format_price(price_of(provider, model))}"
                item = QStandardItem(label)
                item.setData((provider.id, model), _CHOICE)
                item.setToolTip(f"{model} via {provider.name}; price per million input / output")
                self._items.appendRow(item)
        self.blockSignals(False)
        if previous is None or not self.select(previous[0].id, previous[1]):
            self._select_first()
        self.choiceChanged.emit()

    def current(self) -> tuple[Provider, str] | None:
        """The chosen provider and model, or None when nothing can be chosen."""
        choice = self.currentData(_CHOICE)
        if not choice:
            return None
        provider_id, model = choice
        provider = self._providers.get(provider_id)
        return (provider, model) if provider else None

    def select(self, provider_id: str, model: str) -> bool:
        """Choose a model; False if it is not listed."""
        for row in range(self._items.rowCount()):
            if self._items.item(row).data(_CHOICE) == (provider_id, model):
                self.setCurrentIndex(row)
                return True
        return False

    def _select_first(self) -> None:
        for row in range(self._items.rowCount()):
            if self._items.item(row).data(_CHOICE):
                self.setCurrentIndex(row)
                return
        self.setCurrentIndex(-1)

    def display_text(self) -> str:
        """What the closed picker shows: the model and its provider, without the indent."""
        current = self.current()
        return f"{current[1]} ({current[0].name})" if current else "No model"
