"""Search results in the sidebar: each hit's conversation title, date and highlighted snippet.

A snippet is laid out once per row and width (a QTextLayout with its matches in bold) and kept:
a QTextDocument parsed from HTML for every row at every paint held the GUI thread some 16 ms
when a search with many hits came back on a million messages (docs/performance.md, No stalls).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.core.history.records import SearchHit
from desktop_app.core.text.one_line import one_line
from desktop_app.ui.dates import month_name
from desktop_app.ui.sidebar.conversation_groups import Clock, local_now

HitRole = Qt.ItemDataRole.UserRole + 1
"""The SearchHit of a row."""
SnippetRunsRole = Qt.ItemDataRole.UserRole + 2
"""The snippet as (text, matched) runs, on one line: snippet_runs()."""
WhenRole = Qt.ItemDataRole.UserRole + 3
"""When the message was written, as short_date() puts it."""

SEARCH_LIMIT = 50
_MARKED = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
_SNIPPET_LINES = 2
_PADDING = 6
_ROWS_PER_TURN = 2
_NEXT_TURN_MS = 1
"""Work left for a later turn of the event loop waits on a 1 ms timer: a 0 ms single shot is a
posted call, which can run before the timers, paints and input already due."""

Index = QModelIndex | QPersistentModelIndex


def snippet_runs(snippet: str) -> list[tuple[str, bool]]:
    """A snippet on one line as runs of its own text, each saying whether it is a [[match]]
    (drawn bold); nothing in the text is read as markup."""
    text = one_line(snippet)
    runs: list[tuple[str, bool]] = []
    start = 0
    for match in _MARKED.finditer(text):
        runs += [(text[start : match.start()], False), (match.group(1), True)]
        start = match.end()
    runs.append((text[start:], False))
    return [(piece, matched) for piece, matched in runs if piece]


def snippet_text(snippet: str) -> str:
    """The snippet without its match markers, on one line."""
    return _MARKED.sub(r"\1", one_line(snippet))


def short_date(moment: datetime, today: date) -> str:
    """A hit's local time: "14:05" today, "3 Oct" this year, "3 Oct 2025" before."""
    local = moment.astimezone()
    day = local.date()
    if day == today:
        return f"{local:%H:%M}"
    short: str = QCoreApplication.translate("Dates", "{day} {month}")
    label: str = short.format(day=day.day, month=month_name(day.month)[:3])
    if day.year == today.year:
        return label
    dated: str = QCoreApplication.translate("Dates", "{date} {year}")
    return dated.format(date=label, year=day.year)


class SearchResultsModel(QAbstractListModel):
    """The hits of one search, newest first as the store returns them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []
        self._rows: list[_Row | None] = []
        self._today = date.today()

    def set_hits(self, hits: list[SearchHit], today: date) -> None:
        """Show these hits instead of the previous ones."""
        self.beginResetModel()
        self.hits = list(hits)
        self._today = today
        self._rows = [None] * len(self.hits)
        self.endResetModel()

    def row(self, row: int) -> _Row:
        """Row `row`'s texts, worked out at the first paint that asks (a paint asks a row
        for half a dozen roles)."""
        shown = self._rows[row]
        if shown is None:
            hit = self.hits[row]
            when = short_date(hit.created_at, self._today)
            shown = _Row(_title(hit), when, snippet_text(hit.snippet), snippet_runs(hit.snippet))
            self._rows[row] = shown
        return shown

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        if role == HitRole:
            return self.hits[index.row()]
        shown = self.row(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{shown.title}\n{shown.text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return shown.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{shown.title}, {shown.when}: {shown.text}"
        if role == SnippetRunsRole:
            return shown.runs
        if role == WhenRole:
            return shown.when
        return None


@dataclass(frozen=True, slots=True)
class _Row:
    """What a row shows, as text: its title, its date and its snippet (plain, and in runs)."""

    title: str
    when: str
    text: str
    runs: list[tuple[str, bool]]


def _title(hit: SearchHit) -> str:
    return one_line(hit.conversation_title) or QCoreApplication.translate("Dates", "Untitled")


class SnippetDelegate(QStyledItemDelegate):
    """Paints a hit: the title elided on the first line, the date at the right, the snippet
    below in up to two lines with the matched terms in bold (laid out once, then kept)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._layouts: dict[tuple[int, int, str], QTextLayout] = {}

    def forget(self) -> None:
        """Drop the kept layouts: the rows now hold other hits."""
        self._layouts.clear()

    def kept(self) -> int:
        """How many snippet layouts are kept."""
        return len(self._layouts)

    def snippet_layout(self, index: Index, font: QFont, width: int) -> QTextLayout:
        """Row `index`'s snippet laid out in `width` pixels, up to its first two lines."""
        key = (index.row(), width, font.key())
        layout = self._layouts.get(key)
        if layout is None:
            if len(self._layouts) > 4 * SEARCH_LIMIT:  # widths the sidebar no longer has
                self._layouts.clear()
            layout = self._layouts[key] = _laid_out(index.data(SnippetRunsRole), font, width)
        return layout

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(200, 2 * _PADDING + line * (1 + _SNIPPET_LINES) + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget: QWidget | None = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        item.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)

        palette: QPalette = item.palette
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        rect = item.rect.adjusted(_PADDING + 2, _PADDING, -_PADDING - 2, -_PADDING)
        font: QFont = item.font
        metrics = QFontMetrics(font)
        line = metrics.lineSpacing()

        painter.save()
        when = str(index.data(WhenRole) or "")
        when_width = metrics.horizontalAdvance(when) + _PADDING if when else 0
        painter.setPen(muted)
        painter.setFont(font)
        painter.drawText(
            rect.left(), rect.top(), rect.width(), line, Qt.AlignmentFlag.AlignRight, when
        )
        title_font = QFont(font)
        title_font.setWeight(QFont.Weight.DemiBold)
        title_metrics = QFontMetrics(title_font)
        title = title_metrics.elidedText(
            str(index.data(Qt.ItemDataRole.ToolTipRole)),
            Qt.TextElideMode.ElideRight,
            rect.width() - when_width,
        )
        painter.setPen(text_color)
        painter.setFont(title_font)
        painter.drawText(rect.left(), rect.top(), rect.width() - when_width, line, 0, title)

        layout = self.snippet_layout(index, font, rect.width())
        painter.setClipRect(rect)
        layout.draw(painter, QPointF(rect.left(), rect.top() + line + 2))
        painter.restore()


def _laid_out(runs: list[tuple[str, bool]], font: QFont, width: int) -> QTextLayout:
    layout = QTextLayout("".join(piece for piece, _ in runs), font)
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    ranges, start = [], 0
    for piece, matched in runs:
        if matched:
            marked = QTextLayout.FormatRange()
            marked.start, marked.length, marked.format = start, _utf16(piece), bold
            ranges.append(marked)
        start += _utf16(piece)
    layout.setFormats(ranges)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    top = 0.0
    for _ in range(_SNIPPET_LINES):  # the text past these lines is not laid out, nor drawn
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, top))
        top += line.height()
    layout.endLayout()
    return layout


def _utf16(text: str) -> int:
    """The length Qt counts: UTF-16 units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


class SearchResults(QListView):
    """The hits of a search, painted by SnippetDelegate (the sidebar reads them)."""

    hitActivated = Signal(str, int)
    """The user opened a hit: its conversation id and message id."""

    def __init__(self, parent: QWidget | None = None, *, clock: Clock = local_now) -> None:
        super().__init__(parent)
        self.clock = clock
        self.setObjectName("searchResults")
        self.setAccessibleName(self.tr("Search results"))
        self.results = SearchResultsModel(self)
        self.setModel(self.results)
        self.snippets = SnippetDelegate(self)
        self.results.modelReset.connect(self.snippets.forget)
        self.setItemDelegate(self.snippets)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.clicked.connect(self.activate)
        self._showing = 0
        """Counts show_hits(): a layout turn of older hits stops."""

    def show_hits(self, hits: list[SearchHit]) -> None:
        """Show these hits, newest first as the store returns them: painted once the rows in
        sight have each been painted off screen, two rows a turn of the event loop (all in the
        turn that paints them held the GUI thread 15-20 ms on a screenful of hits)."""
        self.results.set_hits(hits, self.clock().astimezone().date())
        self.scrollToTop()
        self._showing += 1
        if hits:
            self.setUpdatesEnabled(False)
            showing = self._showing
            QTimer.singleShot(_NEXT_TURN_MS, self, lambda: self._paint_ahead_from(0, showing))

    def _paint_ahead_from(self, first: int, showing: int) -> None:
        if showing != self._showing:
            return  # newer hits came: their own turns paint them ahead
        row_height = max(1, self.sizeHintForRow(0))
        # Not viewport(): the first call in the process that hands Python a QWidget makes
        # PySide6 set up the enums of some 50 QtWidgets classes, 25-30 ms in one turn.
        sight = self.maximumViewportSize()
        in_sight = min(self.results.rowCount(), sight.height() // row_height + 1)
        last = min(in_sight, first + _ROWS_PER_TURN)
        # Each row painted once off screen: its snippet is laid out and kept, and the glyphs of
        # its text (CJK from fallback fonts, the bold ones) are drawn into the font caches, the
        # costliest part of a first paint.
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        for row in range(first, last):
            index = self.results.index(row, 0)
            width = self.visualRect(index).width() or sight.width()
            option.rect = QRect(0, 0, width, row_height)
            scratch = QImage(width, row_height, QImage.Format.Format_ARGB32_Premultiplied)
            painter = QPainter(scratch)
            self.snippets.paint(painter, option, index)
            painter.end()
        if last < in_sight:
            QTimer.singleShot(_NEXT_TURN_MS, self, lambda: self._paint_ahead_from(last, showing))
        else:
            self.setUpdatesEnabled(True)

    def activate(self, index: Index) -> None:
        """Open the hit at `index`."""
        hit = index.data(HitRole) if index.isValid() else None
        if isinstance(hit, SearchHit):
            self.hitActivated.emit(hit.conversation_id, hit.message_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate(self.currentIndex())
        else:
            super().keyPressEvent(event)
