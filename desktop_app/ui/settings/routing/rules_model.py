"""The rules of Settings → Routing as a table model: name, conditions in words, the model picked;
first match wins, so the order is the rules' order, changed by dragging a row (moveRows) or by
the page's Move up / Move down."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop_app.core.routing.rules import Rule

_MIME = "application/x-tally-rule-rows"
_HEADINGS = (
    str(QT_TRANSLATE_NOOP("RulesModel", "Name")),
    str(QT_TRANSLATE_NOOP("RulesModel", "Conditions")),
    str(QT_TRANSLATE_NOOP("RulesModel", "Picks")),
)
Index = QModelIndex | QPersistentModelIndex


def condition_words(rule: Rule) -> str:
    """A rule's conditions as a person reads them: "at least 30,000 tokens, holds code"."""
    parts: list[str] = []
    low, high = rule.min_tokens, rule.max_tokens
    if low is not None and high is not None:
        parts.append(
            QCoreApplication.translate("RoutingWords", "{low} to {high} tokens").format(
                low=f"{low:,}", high=f"{high:,}"
            )
        )
    elif low is not None:
        parts.append(
            QCoreApplication.translate("RoutingWords", "at least {} tokens").format(f"{low:,}")
        )
    elif high is not None:
        parts.append(
            QCoreApplication.translate("RoutingWords", "at most {} tokens").format(f"{high:,}")
        )
    if rule.has_image is not None:
        parts.append(
            QCoreApplication.translate("RoutingWords", "an image attached")
            if rule.has_image
            else QCoreApplication.translate("RoutingWords", "no image")
        )
    if rule.has_code is not None:
        parts.append(
            QCoreApplication.translate("RoutingWords", "holds code")
            if rule.has_code
            else QCoreApplication.translate("RoutingWords", "no code")
        )
    if rule.matches is not None:
        parts.append(QCoreApplication.translate("RoutingWords", "matches {}").format(rule.matches))
    if rule.language is not None:
        parts.append(
            QCoreApplication.translate("RoutingWords", "in Chinese")
            if rule.language == "zh"
            else QCoreApplication.translate("RoutingWords", "in English")
        )
    if rule.assistant is not None:
        parts.append(
            QCoreApplication.translate("RoutingWords", "asked as {}").format(rule.assistant)
        )
    if not parts:
        return QCoreApplication.translate("RoutingWords", "every question")
    return QCoreApplication.translate("RoutingWords", ", ").join(parts)


class RulesModel(QAbstractTableModel):
    """The rules in the order they are tried; rows move by drag and drop within the view."""

    def __init__(self, rules: tuple[Rule, ...] = (), parent: QObject | None = None):
        super().__init__(parent)
        self.rules: list[Rule] = list(rules)

    def set_rules(self, rules: tuple[Rule, ...] | list[Rule]) -> None:
        self.beginResetModel()
        self.rules = list(rules)
        self.endResetModel()

    def replace(self, row: int, rule: Rule) -> None:
        self.rules[row] = rule
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(_HEADINGS) - 1))

    def append(self, rule: Rule) -> None:
        row = len(self.rules)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rules.append(rule)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rules[row]
        self.endRemoveRows()

    # -- the table -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rules)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADINGS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("RulesModel", _HEADINGS[section])
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        rule = self.rules[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (rule.name, condition_words(rule), str(rule.choice))[index.column()]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return Qt.ItemFlag.ItemIsDropEnabled  # between rows only, never onto one

    # -- reordering ------------------------------------------------------------------------

    def moveRows(
        self,
        source_parent: Index,
        source_row: int,
        count: int,
        destination_parent: Index,
        destination_child: int,
    ) -> bool:
        """Move `count` rules from `source_row` to before `destination_child`."""
        last = source_row + count - 1
        if count < 1 or source_row < 0 or last >= len(self.rules):
            return False
        if source_row <= destination_child <= last + 1:
            return False  # onto itself
        if not self.beginMoveRows(
            source_parent, source_row, last, destination_parent, destination_child
        ):
            return False
        moved = self.rules[source_row : last + 1]
        del self.rules[source_row : last + 1]
        at = destination_child - count if destination_child > last else destination_child
        self.rules[at:at] = moved
        self.endMoveRows()
        return True

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        rows = sorted({index.row() for index in indexes if index.isValid()})
        data = QMimeData()
        data.setData(_MIME, QByteArray(",".join(map(str, rows[:1])).encode()))
        return data

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: Index,
    ) -> bool:
        """Move the dragged rule to the drop place. Returns False even when it moved: the view
        would otherwise remove the dragged row after a move, which is already done here."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(_MIME):
            return False
        text = bytes(data.data(_MIME).data()).decode()
        if not text.isdigit():
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.rules)
        self.moveRows(QModelIndex(), int(text), 1, QModelIndex(), row)
        return False
