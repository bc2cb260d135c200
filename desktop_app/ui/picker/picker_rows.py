"""The rows of the model picker (a provider's name, then its models) and how a model row is
drawn: its name on the left, its price on the right.

Prices are looked up only when a row is shown, and then a few at a time between events: a
price catalog lookup takes milliseconds for a name the catalog does not know, OpenRouter lists
hundreds of models, and the list must scroll without a stutter. A row shows "…" until then."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QWidget

from desktop_app.core.currency import USD, Currency
from desktop_app.core.events import Usage
from desktop_app.core.money.prices import (
    Quote,
    cost_usd,
    format_money,
    format_price,
    format_tiers,
    quote,
)
from desktop_app.core.settings.model_cache import ModelEntry
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import shown

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
"""A model row's name (what is sent, typed and matched); None on other rows."""
CHOICE_ROLE = Qt.ItemDataRole.UserRole + 2
"""A model row's (provider id, model name)."""
PRICE_ROLE = Qt.ItemDataRole.UserRole + 3
PROVIDER_ROLE = Qt.ItemDataRole.UserRole + 4
NO_MODELS = str(
    QT_TRANSLATE_NOOP("PickerRows", "no models yet: Refresh models, or type a model's name above")
)
"""The hint under a provider with no models, in English (shown translated: no_models())."""
_INDENT = 18
_GAP = 16
_SLICE = 0.005  # seconds of price lookups at a time: a third of a frame
LOOKING_UP = "…"

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Row:
    """A provider's header, a hint under a provider with no models, or one of its models."""

    provider: Provider
    entry: ModelEntry | None = None
    hint: str = ""
    fetched_at: datetime | None = None


class PickerRows(QAbstractListModel):
    """The picker's rows, as one flat list (a combo box shows one column)."""

    pricesFound = Signal()
    """Prices shown as "…" are known now: repaint. Not dataChanged, on which a combo box
    puts its current item's text back into its line, over what the user is typing."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self._quotes: dict[int, Quote | None] = {}
        self._wanted: dict[int, None] = {}  # rows painted with "…", the latest last
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._look_up_some)
        self._bold = QFont()
        self._bold.setBold(True)
        self.message_tokens = 0
        """The input tokens of the message being written, with its context and files: each
        model's row shows what sending it there costs (0: not shown)."""
        self.currency: Currency = USD

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._quotes.clear()
        self._wanted.clear()
        self.endResetModel()

    @property
    def looking_up(self) -> bool:
        """Whether prices shown as "…" are still being looked up."""
        return bool(self._wanted)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self._row(index).entry is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        entry = row.entry
        if entry is None:
            return self._other_data(row, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, NAME_ROLE):
            # The name only: Qt matches typed text against every row's display text, and a
            # price there would be looked up for every row (ChoiceDelegate draws the price).
            return entry.name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.label(index.row())
        if role == CHOICE_ROLE:
            return (row.provider.id, entry.name)
        if role == PRICE_ROLE:
            return self._price_soon(index.row())
        if role == PROVIDER_ROLE:
            return row.provider.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), row.provider, entry)
        return None

    def label(self, row: int) -> str:
        """A row as text: a provider's name, a hint, or a model with its price."""
        found = self.rows[row]
        if found.entry is None:
            return _translated(found.hint) or found.provider.name
        return f"{found.entry.name}  —  {self._price(row)}"

    def price_of(self, row: int) -> Quote | None:
        """The price of a model row, looked up the first time it is asked for."""
        if row not in self._quotes:
            entry = self.rows[row].entry
            self._quotes[row] = quote(self.rows[row].provider, entry.name) if entry else None
        return self._quotes[row]

    def _other_data(self, row: Row, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return _translated(row.hint) or row.provider.name
        if role == Qt.ItemDataRole.FontRole and not row.hint:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and not row.hint:
            return _listed_when(row)
        return None

    def _price(self, row: int) -> str:
        found = self.price_of(row)
        price = format_price(found.price if found else None, tiers=False)  # the tooltip has them
        if not self.message_tokens or found is None:
            return price
        usage = Usage(self.message_tokens, 0, source="estimated")
        money = format_money(cost_usd(found.price, usage), self.currency, estimated=True)
        return self.tr("{money} this message · {price}").format(money=money, price=price)

    def _price_soon(self, row: int) -> str:
        """The price if known, else "…" and the lookup queued."""
        if row in self._quotes:
            return self._price(row)
        self._wanted[row] = None
        self._timer.start()
        return LOOKING_UP

    def _look_up_some(self) -> None:
        """Look up queued prices, the rows painted last first, for half a frame at most."""
        deadline = time.perf_counter() + _SLICE
        while self._wanted and time.perf_counter() < deadline:
            row = next(reversed(self._wanted))
            del self._wanted[row]
            self.price_of(row)
        if not self._wanted:
            self._timer.stop()
        self.pricesFound.emit()

    def _tooltip(self, row: int, provider: Provider, entry: ModelEntry) -> str:
        name = f"{entry.display_name} ({entry.name})" if entry.display_name else entry.name
        found = self.price_of(row)
        if found:
            price = self.tr("{price} input / output ({origin})").format(
                price=self._price(row), origin=shown(found.origin)
            )
        else:
            price = format_price(None)
        if found and found.price.tiers:
            price += f"\n{format_tiers(found.price)}"
        origins = {
            "file": self.tr("in your providers file"),
            "typed": self.tr("typed by you"),
            "listed": self.tr("listed by {}").format(provider.name),
        }
        via = self.tr("{model} via {provider}").format(model=name, provider=provider.name)
        return f"{via}\n{price}\n{origins[entry.origin]}"

    def _row(self, index: Index) -> Row:
        return self.rows[index.row()]


def _translated(hint: str) -> str:
    """A row's hint in the window's language (NO_MODELS is the only one)."""
    return QCoreApplication.translate("PickerRows", hint) if hint else ""


def _listed_when(row: Row) -> str:
    name = row.provider.name
    if row.fetched_at is None:
        return QCoreApplication.translate(
            "PickerRows", "{}: models from your providers file (Refresh models to ask it)"
        ).format(name)
    local = row.fetched_at.astimezone()
    age = datetime.now(UTC) - row.fetched_at
    if age.days < 1:
        text = QCoreApplication.translate("PickerRows", "{name}: list fetched today, {time}")
    elif age.days == 1:
        text = QCoreApplication.translate("PickerRows", "{name}: list fetched a day ago, {time}")
    else:
        text = QCoreApplication.translate(
            "PickerRows", "{name}: list fetched {days} days ago, {time}"
        )
    return text.format(name=name, days=age.days, time=f"{local:%Y-%m-%d %H:%M}")


class ChoiceDelegate(QStyledItemDelegate):
    """Draws a model row as its name on the left (indented under its provider, or followed by
    the provider's name in the filtered list) and its price, dimmer, on the right."""

    def __init__(self, parent: QObject | None = None, *, with_provider: bool = False) -> None:
        super().__init__(parent)
        self.with_provider = with_provider

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Named here, when the list first shows: PySide makes a Qt class's Python type (with
        # its enums: QStyle's take milliseconds) when it is first named, and a start need not.
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        name = index.data(NAME_ROLE)
        style_option = QStyleOptionViewItem(option)
        self.initStyleOption(style_option, index)
        widget: QWidget | None = style_option.widget
        style = widget.style() if widget is not None else QApplication.style()
        if name is None:
            if index.data(Qt.ItemDataRole.FontRole) is not None:
                # A provider's name: not selectable, but not greyed out like a disabled item.
                style_option.state |= QStyle.StateFlag.State_Enabled
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, style_option, painter, widget)
            return
        style_option.text = ""  # the background and the selection only; the text is ours
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, style_option, painter, widget)
        after = f"  ·  {index.data(PROVIDER_ROLE)}" if self.with_provider else ""
        selected = bool(style_option.state & QStyle.StateFlag.State_Selected)
        self._draw_texts(painter, style_option, (name, after), index.data(PRICE_ROLE), selected)

    def _draw_texts(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        left: tuple[str, str],
        price: str,
        selected: bool,
    ) -> None:
        """The name (cut in the middle if it must be), then `after` and the price, dimmer."""
        name, after = left
        indent = 6 if self.with_provider else _INDENT
        rect: QRect = option.rect.adjusted(indent, 0, -8, 0)
        metrics = option.fontMetrics
        price_width = metrics.horizontalAdvance(price)
        room = max(0, rect.width() - price_width - _GAP - metrics.horizontalAdvance(after))
        name = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, room)
        palette: QPalette = option.palette
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        dim = text if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        middle = Qt.AlignmentFlag.AlignVCenter
        painter.save()
        painter.setPen(text)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | middle, name)
        painter.setPen(dim)
        after_rect = rect.adjusted(metrics.horizontalAdvance(name), 0, 0, 0)
        painter.drawText(after_rect, Qt.AlignmentFlag.AlignLeft | middle, after)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | middle, price)
        painter.restore()
