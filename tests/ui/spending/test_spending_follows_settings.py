"""An open spending view follows the settings, on the real window: a currency chosen or a price
changed in Settings shows in it at once, keeping the month and the models the user picked."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from pytestqt.qtbot import QtBot

from desktop_app.core import paths
from desktop_app.core.settings.app_settings import AppSettings
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.spending.spending_dialog import SpendingDialog
from tests.support.history.spending_samples import answer
from tests.support.ui.spending_view import money_labels, open_view, table, texts

ON_SIM = "sim/sim-normal"  # the simulator's model, at the price in the providers file


def picked_view(qtbot: QtBot, window: MainWindow) -> SpendingDialog:
    """The view of this month's one answer (1,000 tokens in, 500 out, $0.0001), re-priced on
    sim-normal ($0.27 / $0.42 per M: $0.00048)."""
    answer(window.services.store, datetime.now(UTC), cost="0.0001")
    view = open_view(qtbot, window)
    assert view.picker.choose(ON_SIM)
    assert table(view)[1][6:] == ["$0.00010", "$0.00048"]
    return view


def test_a_currency_chosen_in_the_settings_shows_in_the_open_view(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = picked_view(qtbot, window)
    window.apply_app_settings(AppSettings(currency_code="CNY", cny_per_usd=Decimal("7.3")))
    qtbot.waitUntil(lambda: "¥" in view.summary.text())
    assert "Today: <b>¥0.00073</b>" in view.summary.text()
    assert table(view)[0][7:] == [f"On {ON_SIM}"], "the model picked stays picked"
    assert table(view)[1][6:] == ["¥0.00073", "¥0.0035"]
    assert texts(view.model_chart) == ["¥0.00073"]
    assert money_labels(view.daily_chart)[:2] == ["¥0.00", "¥0.0002"]
    assert view.picker.models.item(0).toolTip().startswith("¥1.97 / ¥3.07 per M")  # 7.3 x $


def test_a_price_changed_in_the_settings_reprices_the_open_view(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = picked_view(qtbot, window)
    providers = paths.providers_file()
    text = providers.read_text(encoding="utf-8")
    new_price = text.replace("input = 0.27\noutput = 0.42", "input = 2.70\noutput = 4.20")
    assert new_price != text
    providers.write_text(new_price, encoding="utf-8")
    window.reload_providers()  # what saving the providers in Settings does
    qtbot.waitUntil(lambda: table(view)[1][-1] != "$0.00048")
    assert table(view)[1][6:] == ["$0.00010", "$0.0048"], "what was spent stays; the re-pricing"
    assert table(view)[0][7:] == [f"On {ON_SIM}"]
