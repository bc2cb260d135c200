"""The painted bar chart: where the bars go and in which colours, the money axis's round steps,
the tip of the bar under the pointer, and a sentence instead of empty axes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from desktop_app.ui.spending.bar_chart import ESTIMATED, EXACT, Bar, BarChart, money_ticks

DAYS = [
    Bar("Mar 1", 2.0, 0.0, "Sat 1 Mar 2025: $2.00"),
    Bar("", 0.0, 0.0, "Sun 2 Mar 2025: $0.00"),
    Bar("Mar 3", 1.0, 3.0, "Mon 3 Mar 2025: ≈$4.00 (≈$3.00 of it estimated)"),
]


def chart(qtbot: QtBot, bars: list[Bar], *, horizontal: bool = False) -> BarChart:
    widget = BarChart("$", horizontal=horizontal)
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.set_bars(bars)
    return widget


def painted(widget: BarChart) -> QImage:
    return widget.grab().toImage()


@pytest.mark.parametrize(
    ("largest", "labels"),
    [
        (4.0, ["$0.00", "$1.00", "$2.00", "$3.00", "$4.00"]),
        (12.0, ["$0.00", "$2.50", "$5.00", "$7.50", "$10.00", "$12.50"]),
        (0.72, ["$0.00", "$0.20", "$0.40", "$0.60", "$0.80"]),
        (0.00073, ["$0.00", "$0.0002", "$0.0004", "$0.0006", "$0.0008"]),
        (0.0, ["$0.00", "$0.20"]),
    ],
)
def test_the_money_axis_climbs_in_round_steps_past_the_largest_bar(
    largest: float, labels: list[str]
) -> None:
    ticks = money_ticks(largest, "$")
    assert [label for _, label in ticks] == labels
    assert ticks[-1][0] >= largest


def test_vertical_bars_stand_in_proportion_with_the_estimate_on_top(qtbot: QtBot) -> None:
    widget = chart(qtbot, DAYS)
    area = widget.plot_area()
    exact, estimated = widget.bar_rects(2)
    assert exact.bottom() == pytest.approx(area.bottom())
    assert estimated.bottom() == pytest.approx(exact.top()), "stacked on the exact part"
    assert estimated.height() == pytest.approx(3 * exact.height())
    first, _ = widget.bar_rects(0)
    assert first.height() == pytest.approx(2 * exact.height())
    assert first.center().x() < widget.bar_rects(1)[0].center().x() < exact.center().x()
    top = widget.ticks()[-1][0]
    assert estimated.top() == pytest.approx(area.bottom() - 4 / top * area.height())
    image = painted(widget)
    assert image.pixelColor(exact.center().toPoint()) == EXACT
    assert image.pixelColor(estimated.center().toPoint()) == ESTIMATED


def test_horizontal_bars_go_top_down_from_the_left(qtbot: QtBot) -> None:
    models = [
        Bar("gpt-4.1", 0.0, 12.0, "gpt-4.1: ≈$12.00", note="≈$12.00"),
        Bar("深度求索 deepseek-chat", 0.48, 0.0, "deepseek-chat: $0.48", note="$0.48"),
    ]
    widget = chart(qtbot, models, horizontal=True)
    area = widget.plot_area()
    (gpt_exact, gpt_estimated), (deepseek, _) = widget.bar_rects(0), widget.bar_rects(1)
    assert gpt_exact.width() == 0
    assert gpt_estimated.left() == pytest.approx(area.left())
    assert deepseek.left() == pytest.approx(area.left())
    assert gpt_estimated.top() < deepseek.top(), "the first row on top"
    assert gpt_estimated.width() == pytest.approx(12 / 0.48 * deepseek.width())
    assert gpt_estimated.right() <= area.right(), "room for its note beyond it"
    image = painted(widget)
    assert image.pixelColor(gpt_estimated.center().toPoint()) == ESTIMATED
    assert image.pixelColor(deepseek.center().toPoint()) == EXACT


def test_hovering_a_bar_shows_its_tip_and_lightens_it(qtbot: QtBot) -> None:
    widget = chart(qtbot, DAYS)
    widget.show()
    qtbot.waitExposed(widget)
    exact, _ = widget.bar_rects(2)
    point = exact.center().toPoint()
    move_pointer_to(widget, point)
    assert widget.hovered == 2
    assert painted(widget).pixelColor(point).name() == EXACT.lighter(112).name()
    rest_pointer_on(widget, point)
    assert QToolTip.text() == "Mon 3 Mar 2025: ≈$4.00 (≈$3.00 of it estimated)"
    QToolTip.hideText()


def test_a_day_without_spending_has_no_tip(qtbot: QtBot) -> None:
    widget = chart(qtbot, DAYS)
    area = widget.plot_area()
    middle = QPointF(area.left() + area.width() / 2, area.bottom() - 5)
    assert widget.bar_at(middle) is None, "the second day spent nothing"
    assert widget.bar_at(QPointF(area.left() + 3, area.bottom() - 5)) == 0
    assert widget.bar_at(QPointF(1, 1)) is None, "outside the bars"


def test_nothing_to_draw_says_so_instead_of_empty_axes(qtbot: QtBot) -> None:
    widget = chart(qtbot, DAYS)
    widget.show_message("Nothing was spent on these days.")
    assert widget.bars == []
    assert widget.bar_at(QPointF(200, 150)) is None
    image = painted(widget)
    colors = {image.pixelColor(x, y).name() for x in range(0, 400, 4) for y in range(0, 300, 4)}
    assert EXACT.name() not in colors
    assert len(colors) > 1, "the sentence is drawn"
    widget.set_bars(DAYS)
    assert widget.message == ""


def move_pointer_to(widget: BarChart, point: QPoint) -> None:
    """What Qt sends a widget that tracks the mouse when the pointer moves over `point` (sent
    straight to it: QTest.mouseMove depends on where the offscreen cursor already was)."""
    where, on_screen = QPointF(point), QPointF(widget.mapToGlobal(point))
    no_button, no_key = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    move = QMouseEvent(QEvent.Type.MouseMove, where, on_screen, no_button, no_button, no_key)
    QApplication.sendEvent(widget, move)


def rest_pointer_on(widget: BarChart, point: QPoint) -> None:
    """What Qt sends the widget when the pointer rests on `point`."""
    widget.event(QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point)))
