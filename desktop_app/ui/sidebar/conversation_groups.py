"""The conversation list: conversations under headers for their day or month, in a list view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListView,
    QStyledItemDelegate,
    QWidget,
)

from desktop_app.core.history.records import ConversationSummary
from desktop_app.core.text.one_line import one_line
from desktop_app.ui.dates import month_of_year

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

IdRole = Qt.ItemDataRole.UserRole
"""The conversation id of a row (None on header rows)."""

Clock = Callable[[], datetime]
Index = QModelIndex | QPersistentModelIndex


def local_now() -> datetime:
    """The current time in the local time zone."""
    return datetime.now().astimezone()


def group_of(conversation: ConversationSummary, today: date) -> str:
    """The header a conversation is listed under: pinned, or its last update's local day."""
    if conversation.pinned:
        return QCoreApplication.translate("Dates", "Pinned")
    day = conversation.updated_at.astimezone().date()
    age = (today - day).days
    if age <= 0:
        return QCoreApplication.translate("Dates", "Today")
    if age == 1:
        return QCoreApplication.translate("Dates", "Yesterday")
    if age <= 7:
        return QCoreApplication.translate("Dates", "Previous 7 days")
    if age <= 30:
        return QCoreApplication.translate("Dates", "Previous 30 days")
    return month_of_year(day)


class ConversationListModel(QAbstractListModel):
    """Rows of conversations under group headers (a header row is its label, a str)."""

    renameRequested = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[str | ConversationSummary] = []
        self._ids: set[str] = set()
        self._today = date.today()
        self._last_group = ""
        line = QFontMetrics(QFont()).height()
        self._row_size = QSize(1, line + 10)
        self._header_font = QFont()
        self._header_font.setPointSizeF(self._header_font.pointSizeF() * 0.85)
        self._header_font.setWeight(QFont.Weight.DemiBold)
        self._header_size = QSize(1, QFontMetrics(self._header_font).height() + 14)

    def reset(self, conversations: list[ConversationSummary], today: date) -> None:
        """Show these conversations, grouped as of `today`, instead of the current ones."""
        self.beginResetModel()
        self.rows, self._ids, self._today, self._last_group = [], set(), today, ""
        self.rows = self._rows_for(conversations)
        self.endResetModel()

    def append(self, conversations: list[ConversationSummary]) -> None:
        """Add the next page below; conversations already listed are skipped."""
        rows = self._rows_for(conversations)
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    def _rows_for(
        self, conversations: list[ConversationSummary]
    ) -> list[str | ConversationSummary]:
        rows: list[str | ConversationSummary] = []
        for conversation in conversations:
            if conversation.id in self._ids:
                continue
            self._ids.add(conversation.id)
            group = group_of(conversation, self._today)
            if group != self._last_group:
                rows.append(group)
                self._last_group = group
            rows.append(conversation)
        return rows

    def conversation_count(self) -> int:
        """How many conversations are listed."""
        return len(self._ids)

    def row_of(self, conversation_id: str) -> int | None:
        """The row of a listed conversation."""
        if conversation_id not in self._ids:
            return None
        return next(
            row
            for row, item in enumerate(self.rows)
            if isinstance(item, ConversationSummary) and item.id == conversation_id
        )

    def retitle(self, conversation_id: str, title: str) -> None:
        """Show a new title for a listed conversation."""
        row = self.row_of(conversation_id)
        item = self.rows[row] if row is not None else None
        if row is not None and isinstance(item, ConversationSummary):
            self.rows[row] = replace(item, title=title)
            self.dataChanged.emit(self.index(row), self.index(row))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or isinstance(self.rows[index.row()], str):
            return Qt.ItemFlag.NoItemFlags  # headers: skipped by the keyboard, never selected
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item = self.rows[index.row()]
        if isinstance(item, str):
            return self._header_data(item, role)
        title = one_line(item.title) or QCoreApplication.translate("Dates", "Untitled")
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == Qt.ItemDataRole.EditRole:
            return item.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{title}\nLast model: {item.last_model}" if item.last_model else title
        if role == IdRole:
            return item.id
        if role == Qt.ItemDataRole.SizeHintRole:
            return self._row_size
        return None

    def _header_data(self, label: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.FontRole:
            return self._header_font
        if role == Qt.ItemDataRole.ForegroundRole:
            return QPalette().brush(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.SizeHintRole:
            return self._header_size  # the room above the label sets the groups apart
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self.rows[index.row()] if index.isValid() else None
        if not isinstance(item, ConversationSummary) or not isinstance(value, str):
            return False
        self.renameRequested.emit(item.id, value)
        return True


class ConversationListView(QListView):
    """Shows a ConversationListModel: click or Enter opens a row, Delete deletes it, F2 renames.

    The selection is the open conversation (the sidebar keeps it so): a right click does not
    move it, and the row whose menu is open is outlined instead, as Finder and VS Code do."""

    openRequested = Signal(str)
    deleteRequested = Signal(str)

    def __init__(self, model: ConversationListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationList")
        self.setAccessibleName(QCoreApplication.translate("ConversationSidebar", "Conversations"))
        self.setModel(model)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # Rows are of two heights (headers), so each page added lays out every row loaded: in
        # one go, 35 ms of the GUI thread once 1,200 are (benchmarks/ui_stalls.py); in batches
        # of a page per turn of the event loop, about 7 ms however many.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(100)
        self.clicked.connect(self._open)
        self._outlined = QPersistentModelIndex()
        self.setItemDelegate(_OutlineDelegate(self))

    def outline(self, index: QModelIndex | None) -> None:
        """Outline the row whose context menu is open (None: no row)."""
        self._outlined = (
            QPersistentModelIndex(index) if index is not None else QPersistentModelIndex()
        )
        self.viewport().update()

    def outlined_id(self) -> str | None:
        """The conversation of the outlined row."""
        conversation_id = self._outlined.data(IdRole) if self._outlined.isValid() else None
        return conversation_id if isinstance(conversation_id, str) else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.RightButton:
            event.accept()  # the menu comes with the context menu event; the selection stays
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.RightButton:
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def selected_id(self) -> str | None:
        """The conversation of the current row, if it is selected."""
        current = self.currentIndex()
        selected = self.selectionModel().isSelected(current)
        conversation_id = current.data(IdRole) if selected else None
        return conversation_id if isinstance(conversation_id, str) else None

    def editing(self) -> bool:
        """Whether a title is being edited in place."""
        return self.state() == QAbstractItemView.State.EditingState

    def _open(self, index: QModelIndex) -> None:
        conversation_id = index.data(IdRole)
        if isinstance(conversation_id, str):
            self.openRequested.emit(conversation_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter opens the row with the focus, selected or not (Tab lands on the open
        # conversation's row, not selected while a new one is open); Delete wants it selected,
        # as it is once the arrows or Space have chosen it.
        current = self.currentIndex().data(IdRole)
        conversation_id = self.selected_id()
        if isinstance(current, str) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.openRequested.emit(current)
        elif conversation_id is not None and event.key() == Qt.Key.Key_Delete:
            self.deleteRequested.emit(conversation_id)
        else:
            super().keyPressEvent(event)

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """As a list moves, but Home and Page Up, which end on the first group's heading, go
        on to the row under it: a heading is never the current row."""
        index = super().moveCursor(cursorAction, modifiers)
        if index.isValid() and not index.flags() & Qt.ItemFlag.ItemIsEnabled:
            below = self.model().index(index.row() + 1, 0)
            return below if below.isValid() else self.currentIndex()
        return index


class _OutlineDelegate(QStyledItemDelegate):
    """Paints rows as usual, and a thin outline around the view's outlined row."""

    def __init__(self, view: ConversationListView) -> None:
        super().__init__(view)
        self.view = view

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        outlined = self.view.outlined_id()
        if outlined is None or index.data(IdRole) != outlined:
            return
        # Named here, where an outline is first drawn: PySide makes a Qt class's Python type when
        # it is first named, and a first run's empty list paints no row.
        from PySide6.QtGui import QPainter, QPen

        palette: QPalette = option.palette
        rect = option.rect.adjusted(1, 1, -2, -2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1.5))
        painter.drawRoundedRect(rect, 3, 3)
        painter.restore()
