"""The Money page carries the budgets over when the currency changes: $10 becomes ¥73 at 7.3,
so the limit stays the same money; and that is what Save writes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import httpx
import qasync
from pytestqt.qtbot import QtBot

from desktop_app.core.money.budget import budget_states
from desktop_app.core.settings.app_settings import AppSettings, load_settings, save_settings
from desktop_app.ui.settings.money_page import MoneyPage
from tests.support.ui.settings_helpers import click_save, money_tab, retype, run, saved, type_text


def page_of(qtbot: QtBot, settings: AppSettings) -> MoneyPage:
    page = MoneyPage(settings)
    qtbot.addWidget(page)
    page.show()
    return page


def budgets(page: MoneyPage) -> list[str]:
    return [page.monthly_edit.text(), page.daily_edit.text()]


def test_switching_to_yuan_converts_the_budgets_and_back_restores_them(qtbot: QtBot) -> None:
    page = page_of(qtbot, AppSettings("USD", Decimal("7.3"), Decimal(10), Decimal("1.5")))
    page.cny_radio.click()
    assert budgets(page) == ["73", "10.95"]
    assert page.unit_labels[0].text() == "yuan (¥)"
    assert page.settings() == AppSettings("CNY", Decimal("7.3"), Decimal(73), Decimal("10.95"))
    page.usd_radio.click()
    assert budgets(page) == ["10", "1.50"]  # what was saved, not a conversion of a conversion
    assert page.settings() == page.loaded


def test_a_dollar_budget_follows_the_rate_a_yuan_budget_does_not(qtbot: QtBot) -> None:
    page = page_of(qtbot, AppSettings("USD", Decimal("7.3"), Decimal(10)))
    page.cny_radio.click()
    retype(page.rate_edit, "")
    assert budgets(page) == ["73", ""]  # no rate yet: nothing to convert at
    type_text(page.rate_edit, "7")
    assert budgets(page) == ["70", ""]
    page.relay_rate_button.click()
    assert budgets(page) == ["10", ""]  # $10 at ¥1 = $1
    retype(page.monthly_edit, "100")  # now set in yuan: ¥100 is what the user means to pay
    page.bank_rate_button.click()
    assert budgets(page) == ["100", ""]
    page.usd_radio.click()
    assert budgets(page) == ["13.70", ""]
    page.cny_radio.click()
    assert budgets(page) == ["100", ""]


def test_a_budget_typed_in_dollars_is_converted_and_a_bad_one_left_alone(qtbot: QtBot) -> None:
    page = page_of(qtbot, AppSettings())
    type_text(page.monthly_edit, "$20")
    type_text(page.daily_edit, "lots")
    page.cny_radio.click()
    assert budgets(page) == ["146", "lots"]
    assert page.problem_label.text().startswith("The daily budget “lots” is not a number")


def test_saving_after_a_switch_keeps_the_limit(qloop: qasync.QEventLoop, data_dir: Path) -> None:
    path = data_dir / "settings.toml"
    save_settings(path, AppSettings("USD", Decimal("7.3"), Decimal(10)))

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await money_tab(client, data_dir)
        dialog.money_page.cny_radio.click()
        click_save(dialog)
        await saved(dialog)

    run(qloop, body)
    settings = load_settings(path)
    assert settings == AppSettings("CNY", Decimal("7.3"), Decimal(73))
    assert "monthly = 73" in path.read_text(encoding="utf-8")
    (state,) = budget_states(settings, Decimal(0), Decimal(0))
    assert state.limit_usd == Decimal(10)
