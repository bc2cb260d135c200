"""A bar chart drawn with QPainter: stacked bars (exact money, then estimated) along a money axis.

The spending view's two charts are a few dozen bars; a plotting library (pyqtgraph brought
numpy and Qt's OpenGL modules) cost half a second of GUI thread the first time the view opened
and tens of milliseconds at every redraw. Painting them here costs well under a millisecond:
new figures replace the bars' values and ask for one repaint, nothing is re-created.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil, floor, log10

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

EXACT = QColor("#3b7dd8")
ESTIMATED = QColor("#a9c9f2")
"""Money priced from estimated usage (≈) is drawn lighter, stacked on the exact part."""

_MARGIN = 8.0
_GAP = 6.0
_MOST_TICKS = 5


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where everything goes at one size: worked out once, used by every paint and hover."""

    area: QRectF
    ticks: list[tuple[float, str]]
    rects: list[tuple[QRectF, QRectF]]


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its two stacked parts in the user's currency, the label on the category axis
    ("" for none), what hovering it says, and an optional note drawn at its end."""

    label: str
    exact: float
    estimated: float
    tip: str
    note: str = ""

    @property
    def total(self) -> float:
        return self.exact + self.estimated


def money_ticks(largest: float, symbol: str) -> list[tuple[float, str]]:
    """Evenly spaced amounts from 0 to at least `largest`, at a round step (1, 2, 2.5 or 5 times
    a power of ten), labelled with `symbol` and as many decimals as the step needs (two at
    least; 0 always with two): ¥0.50, $0.0002."""
    raw = (largest if largest > 0 else 1.0) / _MOST_TICKS
    magnitude = 10.0 ** floor(log10(raw))
    multiple = next(m for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw * (1 - 1e-9))
    step = multiple * magnitude
    places = max(2, -floor(log10(step) + 1e-9) + (1 if multiple == 2.5 else 0))
    count = max(1, ceil(largest / step - 1e-9))
    return [(i * step, f"{symbol}{i * step:.{places if i else 2}f}") for i in range(count + 1)]


class BarChart(QWidget):
    """Stacked bars along a money axis, vertical (one a day) or horizontal (one a model, the
    first on top), or a sentence in their place when there is nothing to draw (never empty
    axes). Hovering a bar shows its tip."""

    def __init__(self, symbol: str, *, horizontal: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.symbol = symbol
        self.horizontal = horizontal
        self.thickness = 0.6 if horizontal else 0.75
        """The part of its slot a bar fills."""
        self.bars: list[Bar] = []
        self.message = ""
        self.hovered: int | None = None
        self._frame: _Frame | None = None
        self.setMouseTracking(True)
        self.setAutoFillBackground(False)
        self.setMinimumSize(160, 120)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        """Draw these bars (at the next paint) in place of what was drawn."""
        self.bars, self.message, self.hovered = list(bars), "", None
        self._changed()

    def show_message(self, text: str) -> None:
        """Say `text` in place of the bars."""
        self.bars, self.message, self.hovered = [], text, None
        self._changed()

    def set_symbol(self, symbol: str) -> None:
        """Label the money axis with `symbol` from the next paint on."""
        self.symbol = symbol
        self._changed()

    def _changed(self) -> None:
        self._frame = None
        self.update()

    def frame(self) -> _Frame:
        """The layout at the present size, worked out again after any change."""
        if self._frame is None:
            area, ticks = self._plot_area()
            rects = [self._bar_rects(i, area, ticks[-1][0]) for i in range(len(self.bars))]
            self._frame = _Frame(area, ticks, rects)
        return self._frame

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._frame = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._frame = None
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(400, 300)

    def ticks(self) -> list[tuple[float, str]]:
        """The money axis's amounts and their labels."""
        return self.frame().ticks

    def plot_area(self) -> QRectF:
        """Where the bars go: the widget less its margins, the axes' labels and the notes."""
        return self.frame().area

    def bar_rects(self, index: int) -> tuple[QRectF, QRectF]:
        """Where bar `index`'s exact and estimated parts are drawn (the second on the first)."""
        return self.frame().rects[index]

    def _plot_area(self) -> tuple[QRectF, list[tuple[float, str]]]:
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        ticks = money_ticks(max((bar.total for bar in self.bars), default=0.0), self.symbol)
        rect = QRectF(self.rect()).adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
        if self.horizontal:
            widest = max((metrics.horizontalAdvance(b.label) for b in self.bars), default=0)
            left = min(widest, rect.width() * 0.4) + _GAP
            notes = max((metrics.horizontalAdvance(b.note) for b in self.bars), default=0)
            last = metrics.horizontalAdvance(ticks[-1][1]) / 2  # the last amount, centred
            right = max(notes + _GAP, last)
            return rect.adjusted(left, 0, -right, -(line + _GAP)), ticks
        left = max(metrics.horizontalAdvance(label) for _, label in ticks) + _GAP
        return rect.adjusted(left, line / 2, 0, -(line + _GAP)), ticks

    def _bar_rects(self, index: int, area: QRectF, top: float) -> tuple[QRectF, QRectF]:
        bar = self.bars[index]
        if self.horizontal:
            slot = area.height() / len(self.bars)
            size = min(slot * self.thickness, 3 * QFontMetricsF(self.font()).height())
            y = area.top() + slot * (index + 0.5) - size / 2
            scale = area.width() / top
            exact = QRectF(area.left(), y, bar.exact * scale, size)
            return exact, QRectF(exact.right(), y, bar.estimated * scale, size)
        slot = area.width() / len(self.bars)
        size = slot * self.thickness
        x = area.left() + slot * (index + 0.5) - size / 2
        scale = area.height() / top
        exact = QRectF(x, area.bottom() - bar.exact * scale, size, bar.exact * scale)
        estimated_height = bar.estimated * scale
        return exact, QRectF(x, exact.top() - estimated_height, size, estimated_height)

    def bar_at(self, point: QPointF) -> int | None:
        """The bar whose slot holds `point` (the whole slot, so that a thin bar is easy to
        hover), if it has money to show."""
        if not self.bars:
            return None
        area = self.plot_area()
        if not area.contains(point):
            return None
        along = point.y() - area.top() if self.horizontal else point.x() - area.left()
        length = area.height() if self.horizontal else area.width()
        index = min(len(self.bars) - 1, int(along / length * len(self.bars)))
        return index if self.bars[index].total > 0 else None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.bar_at(QPointF(event.pos()))
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.bars[index].tip, self)
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.bar_at(event.position())
        if index != self.hovered:
            self.hovered = index
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self.hovered is not None:
            self.hovered = None
            self.update()
        super().leaveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        painter.fillRect(self.rect(), base)
        text = palette.color(QPalette.ColorRole.Text)
        if not self.bars:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            inner = QRectF(self.rect()).adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
            painter.drawText(inner, int(flags), self.message)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        area = self.plot_area()
        self._paint_money_axis(painter, area, text, _mix(text, base, 0.15))
        self._paint_bars(painter)
        self._paint_labels(painter, area, text)
        painter.setPen(QPen(_mix(text, base, 0.55), 1))
        painter.drawLine(area.bottomLeft().toPoint(), area.bottomRight().toPoint())
        painter.drawLine(area.bottomLeft().toPoint(), area.topLeft().toPoint())

    def _paint_money_axis(
        self, painter: QPainter, area: QRectF, text: QColor, grid: QColor
    ) -> None:
        """The amounts along the money axis, each with a faint grid line across the bars."""
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        ticks = self.ticks()
        top = ticks[-1][0]
        for value, label in ticks:
            width = metrics.horizontalAdvance(label)
            if self.horizontal:
                x = area.left() + value / top * area.width()
                painter.setPen(QPen(grid, 1))
                painter.drawLine(QLineF(x, area.top(), x, area.bottom()).toLine())
                box = QRectF(x - width / 2, area.bottom() + _GAP / 2, width, line)
            else:
                y = area.bottom() - value / top * area.height()
                painter.setPen(QPen(grid, 1))
                painter.drawLine(QLineF(area.left(), y, area.right(), y).toLine())
                box = QRectF(area.left() - _GAP - width, y - line / 2, width, line)
            painter.setPen(text)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label)

    def _paint_bars(self, painter: QPainter) -> None:
        """Each colour's bars in one call (a pen and a call per bar cost more than the bars),
        then the hovered bar again, lighter."""
        rects = self.frame().rects
        for part, color in enumerate((EXACT, ESTIMATED)):
            painter.setPen(QPen(color.darker(130), 1))
            painter.setBrush(color)
            painter.drawRects([pair[part] for pair in rects if not pair[part].isEmpty()])
            lit = None if self.hovered is None else rects[self.hovered][part]
            if lit is not None and not lit.isEmpty():
                painter.setBrush(color.lighter(112))
                painter.drawRect(lit)

    def _paint_labels(self, painter: QPainter, area: QRectF, text: QColor) -> None:
        """The bars' labels along the category axis, and their notes at their ends."""
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        painter.setPen(text)
        for index, bar in enumerate(self.bars):
            exact, estimated = self.bar_rects(index)
            if self.horizontal:
                middle = exact.center().y()
                width = area.left() - _MARGIN - _GAP
                label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, width)
                box = QRectF(_MARGIN, middle - line / 2, width, line)
                align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                painter.drawText(box, int(align), label)
                if bar.note:
                    end = max(exact.right(), estimated.right())
                    note = QRectF(end + _GAP / 2, middle - line / 2, self.width(), line)
                    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                    painter.drawText(note, int(left), bar.note)
            elif bar.label:
                width = metrics.horizontalAdvance(bar.label)
                x = exact.center().x() - width / 2
                x = min(max(x, 0.0), self.width() - width)  # the last day's label stays whole
                box = QRectF(x, area.bottom() + _GAP / 2, width, line)
                painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), bar.label)


def _mix(color: QColor, background: QColor, share: float) -> QColor:
    """`share` of `color` over `background`, as one opaque colour: a line drawn in it needs no
    blending, which costs the raster painter a tenth of a millisecond a line."""
    return QColor.fromRgbF(
        share * color.redF() + (1 - share) * background.redF(),
        share * color.greenF() + (1 - share) * background.greenF(),
        share * color.blueF() + (1 - share) * background.blueF(),
    )
