"""The prices part of the provider form: one row per model with its price per million tokens in
US dollars, as providers publish them, and where that price comes from. Typing a figure makes
the model's price the user's own; Reset gives it back to the relay or the public catalog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.money.prices import CatalogLookup, format_tiers
from desktop_app.ui.settings.price_rows import (
    BILLED_AS,
    FIGURES,
    REQUIRED,
    Figure,
    PriceProblem,
    PriceRow,
    figure_name,
    format_figure,
    parse_figure,
    price_rows,
    reset_price,
    set_figure,
    source_of,
)
from desktop_app.ui.settings.provider_draft import ProviderDraft

# Model, the figures in the order a bill lists them (FIGURES), then where the price comes from.
MODEL_COLUMN = 0
SOURCE_COLUMN = len(FIGURES) + 1
_MORE: tuple[Figure, ...] = ("cache_write", "reasoning")  # rarely billed apart: shown on request
_EDIT_TEXT = Qt.ItemDataRole.UserRole  # the figure as the editor starts with it
_PROBLEM_COLOUR = "#b3261e"
_PROBLEM_STYLE = f"color: {_PROBLEM_COLOUR};"
_HEADINGS: dict[Figure, str] = {
    "input": str(QT_TRANSLATE_NOOP("PriceTable", "Input")),
    "cached_input": str(QT_TRANSLATE_NOOP("PriceTable", "Cached input")),
    "output": str(QT_TRANSLATE_NOOP("PriceTable", "Output")),
    "cache_write": str(QT_TRANSLATE_NOOP("PriceTable", "Cache write")),
    "reasoning": str(QT_TRANSLATE_NOOP("PriceTable", "Reasoning")),
}
"""The figures' column headings, marked for translation."""


def figure_column(name: Figure) -> int:
    """The table column of a figure."""
    return FIGURES.index(name) + 1


class _FigureDelegate(QStyledItemDelegate):
    """Hands what was typed to the table instead of writing it into the cell: the draft decides
    what the cell shows."""

    def __init__(self, typed: Callable[[int, int, str], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.typed = typed

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setPlaceholderText("USD")
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(_EDIT_TEXT) or ""))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, QLineEdit):
            self.typed(index.row(), index.column(), editor.text())


class PriceTable(QWidget):
    """Shows and edits the prices of one ProviderDraft's models."""

    edited = Signal()

    def __init__(self, catalog: CatalogLookup | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalog = catalog
        self.draft: ProviderDraft | None = None
        self.rows: list[PriceRow] = []
        self.heading = QLabel(self.tr("<b>Prices</b> in US dollars per million tokens"), self)
        self.table = self._make_table()
        self.more_check = QCheckBox(self.tr("Cache-write and reasoning prices"), self)
        self.more_check.setObjectName("morePricesCheck")
        self.more_check.setToolTip(self.tr("Show the prices some providers bill apart"))
        self.reset_button = QPushButton(self.tr("Reset"), self)
        self.reset_button.setObjectName("resetPriceButton")
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("priceProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(_PROBLEM_STYLE)
        self.problem_label.hide()
        self.hint = QLabel(self)
        self.hint.setObjectName("priceHint")
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._lay_out()
        self.more_check.toggled.connect(self._show_more)
        self.reset_button.clicked.connect(self.reset_current)
        self.table.currentCellChanged.connect(lambda *_: self._current_changed())
        self._show_more(False)
        self.refresh()

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, SOURCE_COLUMN + 1, self)
        table.setObjectName("priceTable")
        table.setAccessibleName(self.tr("Prices"))
        table.setHorizontalHeaderItem(MODEL_COLUMN, QTableWidgetItem(self.tr("Model")))
        for name in FIGURES:
            heading = QCoreApplication.translate("PriceTable", _HEADINGS[name])
            header_item = QTableWidgetItem(f"{heading}\nUSD/1M")
            header_item.setToolTip(
                self.tr("US dollars per million {} tokens").format(figure_name(name))
            )
            table.setHorizontalHeaderItem(figure_column(name), header_item)
        table.setHorizontalHeaderItem(SOURCE_COLUMN, QTableWidgetItem(self.tr("Price from")))
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.setItemDelegate(_FigureDelegate(self._typed, table))
        header = table.horizontalHeader()
        # Not ResizeToContents: that measures every row again for each cell a refresh sets.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SOURCE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        table.setMinimumHeight(table.fontMetrics().lineSpacing() * 9)
        return table

    def _lay_out(self) -> None:
        below = QHBoxLayout()
        below.addWidget(self.more_check)
        below.addStretch(1)
        below.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(below)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.hint)

    # --- showing --------------------------------------------------------------------------

    def show_draft(self, draft: ProviderDraft | None) -> None:
        """Show a provider's prices; the extra columns open when one of its models uses them."""
        self.draft = draft
        self.show_problem("")
        self.table.setCurrentCell(-1, -1)
        self.refresh()
        rows = self.rows
        self.more_check.setChecked(any(row.figures[n] is not None for row in rows for n in _MORE))

    def refresh(self) -> None:
        """Rebuild the rows from the draft (its models, base URL or prices changed); only rows
        that changed are filled again, as this runs at each key typed in the models field."""
        before = self.rows
        self.rows = price_rows(self.draft, self.catalog) if self.draft else []
        self.table.setRowCount(len(self.rows))
        for number, row in enumerate(self.rows):
            if number >= len(before) or before[number] != row:
                self._fill(number, row)
        for column in range(SOURCE_COLUMN):  # the source column takes what is left
            self.table.resizeColumnToContents(column)
        self._fit_model_column()
        self._current_changed()
        self.hint.setText(self._hint_text())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_model_column()

    def _fit_model_column(self) -> None:
        """The model column as wide as its names, but at most 40 % of the table's width: a long
        name is elided there (its tooltip has it) before it pushes the prices out of sight."""
        header = self.table.horizontalHeader().sectionSizeHint(MODEL_COLUMN)
        wanted = max(self.table.sizeHintForColumn(MODEL_COLUMN), header)
        widest = max(160, self.table.viewport().width() * 2 // 5)
        self.table.setColumnWidth(MODEL_COLUMN, min(wanted, widest))

    def _fill(self, number: int, row: PriceRow) -> None:
        self._set_cell(number, MODEL_COLUMN, row.model, editable=False).setToolTip(row.model)
        for name in FIGURES:
            value = row.figures[name]
            dim = value is None
            text = format_figure(value) if value is not None else _empty_text(row, name)
            item = self._set_cell(number, figure_column(name), text, editable=True, dim=dim)
            item.setData(_EDIT_TEXT, "" if value is None else format(value, "f"))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            font = QFont(item.font())
            font.setBold(row.overridden and not dim)
            item.setFont(font)
        source = self._set_cell(number, SOURCE_COLUMN, row.source, editable=False)
        source.setToolTip(_source_tip(row))
        if row.kind == "unfinished":
            source.setForeground(QColor(_PROBLEM_COLOUR))
        elif row.kind == "unknown":
            source.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))

    def _set_cell(
        self, number: int, column: int, text: str, *, editable: bool, dim: bool = False
    ) -> QTableWidgetItem:
        item = self.table.item(number, column)
        if item is None:
            item = QTableWidgetItem()
            self.table.setItem(number, column, item)
        item.setText(text)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable else flags)
        role = QPalette.ColorRole.PlaceholderText if dim else QPalette.ColorRole.Text
        item.setForeground(self.palette().color(role))
        return item

    def _hint_text(self) -> str:
        if self.draft is None:
            return ""
        if not self.rows:
            return self.tr(
                "No models listed, so Tally uses the server's list. Type the model names above "
                "(or Test connection, then Use these models) to see and set their prices."
            )
        return self.tr(
            "Double-click a figure to use your own price for that model. "
            "Models with no known price show “price unknown”, never $0."
        )

    def show_problem(self, text: str) -> None:
        """Say below the table what is wrong with a typed figure (empty: all is well)."""
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    def _show_more(self, shown: bool) -> None:
        for name in _MORE:
            self.table.setColumnHidden(figure_column(name), not shown)
            self.table.resizeColumnToContents(figure_column(name))  # hidden, it was not measured

    def _current_row(self) -> PriceRow | None:
        number = self.table.currentRow()
        return self.rows[number] if 0 <= number < len(self.rows) else None

    def _current_changed(self) -> None:
        row = self._current_row()
        can_reset = row is not None and row.overridden
        self.reset_button.setEnabled(can_reset)
        self.reset_button.setText(row.reset_label if row and can_reset else self.tr("Reset"))
        self.reset_button.setToolTip(
            self.tr("Select a price you set to reset it") if not can_reset else _source_tip(row)
        )

    # --- editing --------------------------------------------------------------------------

    def _typed(self, number: int, column: int, text: str) -> None:
        figure_columns = range(1, SOURCE_COLUMN)
        if self.draft is None or not 0 <= number < len(self.rows) or column not in figure_columns:
            return
        row, name = self.rows[number], FIGURES[column - 1]
        try:
            set_figure(self.draft, row, name, parse_figure(text, row.model, name))
        except PriceProblem as problem:
            self.show_problem(str(problem))
            self.table.setCurrentCell(number, column)
            return
        self.show_problem("")
        self.refresh()
        self.edited.emit()

    def reset_current(self) -> None:
        """Drop the user's price of the selected model."""
        row = self._current_row()
        if self.draft is None or row is None or not row.overridden:
            return
        reset_price(self.draft, row.model)
        self.show_problem("")
        self.refresh()
        self.edited.emit()

    def focus_problem(self) -> None:
        """Put the cursor on the first figure still missing from a price the user started."""
        for number, row in enumerate(self.rows):
            missing = [name for name in REQUIRED if row.figures[name] is None]
            if row.kind == "unfinished" and missing:
                self.table.setCurrentCell(number, figure_column(missing[0]))
                break
        self.table.setFocus()


def _empty_text(row: PriceRow, name: Figure) -> str:
    """What an empty figure means: billed like its parent, or not known at all."""
    if row.kind in ("unknown", "unfinished") or name not in BILLED_AS:
        return "—"
    return QCoreApplication.translate("PriceTable", "as {}").format(figure_name(BILLED_AS[name]))


def _source_tip(row: PriceRow | None) -> str:
    if row is None:
        return ""
    if row.base is None:
        return QCoreApplication.translate(
            "PriceTable",
            "Nobody publishes a price for this model here: type one to count its cost.",
        )
    price = row.base.price
    published = QCoreApplication.translate("PriceTable", "{} in, {} out (USD / 1M)").format(
        format_figure(price.input), format_figure(price.output)
    )
    dearer = f"; {format_tiers(price)}" if price.tiers else ""
    return f"{source_of(row.base)}: {published}{dearer}"
