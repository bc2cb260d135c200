"""The Money and budgets tab of the settings dialog: currency, the yuan rate and the budgets,
saved to settings.toml and announced with appSettingsChanged; bad figures refused."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import httpx
import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from desktop_app.core.settings.app_settings import AppSettings, load_settings, save_settings
from tests.support.ui.settings_helpers import click_save, money_tab, retype, run, saved, type_text
from tests.support.waiting import until


def clear(edit: QLineEdit) -> None:
    """Empty a field with the keyboard, as a user does."""
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Backspace)


def test_the_currency_and_budgets_are_saved_reloaded_and_announced(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    path = data_dir / "settings.toml"
    emitted: list[object] = []
    expected = AppSettings("CNY", Decimal(1), Decimal(100), Decimal("12.5"))

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await money_tab(client, data_dir)
        page = dialog.money_page
        dialog.appSettingsChanged.connect(emitted.append)
        assert page.usd_radio.isChecked()
        assert not page.rate_edit.isEnabled()  # a rate means nothing while money is in dollars
        assert page.unit_labels[0].text() == "US dollars ($)"
        page.relay_rate_button.click()
        assert page.cny_radio.isChecked()
        assert page.rate_edit.text() == "1"
        assert page.unit_labels[0].text() == "yuan (¥)"
        type_text(page.monthly_edit, "100")
        type_text(page.daily_edit, "¥12.5")
        click_save(dialog)
        await saved(dialog)
        again = await money_tab(client, data_dir)
        again.appSettingsChanged.connect(emitted.append)
        assert again.money_page.cny_radio.isChecked()
        assert [e.text() for e in (again.money_page.rate_edit, again.money_page.monthly_edit)] == [
            "1",
            "100",
        ]
        assert again.money_page.daily_edit.text() == "12.50"
        again.money_page.bank_rate_button.click()
        click_save(again)
        await saved(again)

    run(qloop, body)
    assert emitted == [expected, AppSettings("CNY", Decimal("7.3"), Decimal(100), Decimal("12.5"))]
    assert load_settings(path) == emitted[-1]
    assert "cny_per_usd = 7.3\n" in path.read_text(encoding="utf-8")


def test_unchanged_settings_are_not_written(qloop: qasync.QEventLoop, data_dir: Path) -> None:
    path = data_dir / "settings.toml"
    emitted: list[object] = []

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await money_tab(client, data_dir)
        dialog.appSettingsChanged.connect(emitted.append)
        page = dialog.money_page
        page.cny_radio.click()
        page.usd_radio.click()  # and back: nothing changed
        click_save(dialog)
        await saved(dialog)

    run(qloop, body)
    assert emitted == []
    assert not path.exists()


def test_bad_figures_are_refused_with_a_clear_message(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    path = data_dir / "settings.toml"
    cases = [
        (
            "monthly",
            "lots",
            "The monthly budget “lots” is not a number: type an amount like "
            "$20, or leave it empty for no budget.",
        ),
        ("monthly", "0", "A monthly budget must be more than $0: leave it empty for no budget."),
        ("daily", "-5", "A daily budget must be more than $0: leave it empty for no budget."),
    ]

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await money_tab(client, data_dir)
        page = dialog.money_page
        edits = {"monthly": page.monthly_edit, "daily": page.daily_edit}
        for field, typed, message in cases:
            dialog.tabs.setCurrentIndex(0)
            retype(edits[field], typed)
            assert page.problem_label.text() == message  # said while typing
            click_save(dialog)
            assert page.problem_label.text() == message
            assert page.problem_label.isVisible()
            assert not dialog.message.isVisible()  # the page says it, next to the field
            assert dialog.tabs.currentWidget() is page
            assert edits[field].hasFocus()
            clear(edits[field])
        assert not page.problem_label.isVisible()
        page.cny_radio.click()
        retype(page.rate_edit, "0")
        click_save(dialog)
        assert page.problem_label.text() == (
            "Type how many yuan one US dollar buys, more than 0: 7.3 at the bank's rate, "
            "or 1 for a relay that bills ¥1 = $1."
        )
        assert page.rate_edit.hasFocus()
        assert dialog.isVisible()
        assert "save" not in dialog.tasks

    run(qloop, body)
    assert not path.exists()


def test_a_dollar_user_keeps_the_saved_rate_whatever_the_disabled_field_holds(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    path = data_dir / "settings.toml"
    save_settings(path, AppSettings("USD", Decimal(1)))

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await money_tab(client, data_dir)
        page = dialog.money_page
        page.cny_radio.click()
        retype(page.rate_edit, "x")
        assert page.problem_label.isVisible()
        page.usd_radio.click()
        assert not page.problem_label.isVisible()
        type_text(page.monthly_edit, "20")
        click_save(dialog)
        await saved(dialog)

    run(qloop, body)
    assert load_settings(path) == AppSettings("USD", Decimal(1), Decimal(20))


def test_a_broken_settings_file_is_reported_and_left_alone(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    path = data_dir / "settings.toml"
    data_dir.mkdir(parents=True)
    path.write_text('[money]\ncurrency = "EUR"\n', encoding="utf-8")

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await money_tab(client, data_dir)
        await until(dialog.message.isVisible)
        assert dialog.message.text() == (
            f'{path}: [money] currency must be "USD" or "CNY", not \'EUR\'. The Money tab shows '
            "the defaults; saving a change there replaces the file."
        )
        assert dialog.money_page.usd_radio.isChecked()
        click_save(dialog)
        await saved(dialog)

    run(qloop, body)
    assert path.read_text(encoding="utf-8") == '[money]\ncurrency = "EUR"\n'
