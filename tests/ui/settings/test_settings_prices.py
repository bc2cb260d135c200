"""The prices table of the settings dialog: where each price comes from, the user's own prices
saved exactly to providers.toml, Reset, and figures that cannot be used."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
import qasync
from PySide6.QtWidgets import QApplication

from desktop_app.core.settings.keys import KeyResolver
from desktop_app.core.settings.presets import CUSTOM, HOLYSHEEP, OLLAMA
from desktop_app.core.settings.providers_file import ModelPrice, Provider, load_providers
from desktop_app.ui.settings.price_rows import format_figure
from desktop_app.ui.settings.price_table import PriceTable, figure_column
from tests.support.ui.settings_helpers import (
    add,
    click_save,
    opened,
    run,
    saved,
    shown,
    sources,
    type_in_cell,
    type_text,
)

RELAY_LIST = "HolySheep relay's price list"
ANTHROPIC = "genai-prices 0.2.3 (Anthropic claude-opus-4-1)"


# A provider at the HolySheep relay's address, with a model the relay does not price.
RELAY = Provider(
    id="holysheep",
    name="HolySheep relay",
    kind="openai",
    base_url=HOLYSHEEP.base_url,
    models=("deepseek-chat", "gpt-4.1", "my-finetune"),
)


def test_editing_a_figure_saves_the_users_price_exactly(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    path = data_dir / "providers.toml"

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await opened([RELAY], KeyResolver(), client, path)
        prices = dialog.form.prices
        assert sources(prices) == {
            "deepseek-chat": RELAY_LIST,
            "gpt-4.1": RELAY_LIST,
            "my-finetune": "price unknown",
        }
        assert [shown(prices, "gpt-4.1", n) for n in ("input", "cached_input", "output")] == [
            "2.00",
            "as input",
            "8.00",
        ]
        assert shown(prices, "my-finetune", "input") == "—"  # never $0
        await type_in_cell(prices, "deepseek-chat", "cached_input", "0.07")
        await type_in_cell(prices, "gpt-4.1", "output", "7.999999999999")
        assert sources(prices)["deepseek-chat"] == "your price"
        assert shown(prices, "deepseek-chat", "cached_input") == "0.07"
        assert prices.reset_button.text() == f"Reset to {RELAY_LIST}"
        click_save(dialog)
        await saved(dialog)

    run(qloop, body)
    (provider,) = load_providers(path)
    assert provider.prices == {
        "deepseek-chat": ModelPrice(Decimal("0.27"), Decimal("0.42"), Decimal("0.07")),
        "gpt-4.1": ModelPrice(Decimal("2.00"), Decimal("7.999999999999")),
    }
    text = path.read_text(encoding="utf-8")
    own_deepseek = "input = 0.27\ncached_input = 0.07\noutput = 0.42\n"
    assert f'[provider.prices."deepseek-chat"]\n{own_deepseek}' in text
    assert '[provider.prices."gpt-4.1"]\ninput = 2.00\noutput = 7.999999999999\n' in text


def test_reset_gives_the_model_back_to_the_relays_price(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    path = data_dir / "providers.toml"
    own = {"gpt-4.1": ModelPrice(Decimal("1.5"), Decimal("6"), reasoning=Decimal("9"))}

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await opened([dataclasses.replace(RELAY, prices=own)], KeyResolver(), client, path)
        prices = dialog.form.prices
        assert sources(prices)["gpt-4.1"] == "your price"
        assert prices.more_check.isChecked()  # it holds a reasoning price: the column shows
        assert not prices.table.isColumnHidden(figure_column("reasoning"))
        assert shown(prices, "gpt-4.1", "reasoning") == "9.00"
        assert not prices.reset_button.isEnabled()  # nothing selected yet
        prices.table.setCurrentCell(1, figure_column("input"))
        assert prices.reset_button.text() == f"Reset to {RELAY_LIST}"
        prices.reset_button.click()
        assert sources(prices)["gpt-4.1"] == RELAY_LIST
        assert shown(prices, "gpt-4.1", "input") == "2.00"
        assert not prices.reset_button.isEnabled()
        click_save(dialog)
        await saved(dialog)

    run(qloop, body)
    (provider,) = load_providers(path)
    assert provider.prices == {}
    assert "prices" not in path.read_text(encoding="utf-8")


def test_a_model_nobody_prices_needs_input_and_output(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    path = data_dir / "providers.toml"

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await opened([RELAY], KeyResolver(), client, path)
        prices = dialog.form.prices
        await type_in_cell(prices, "my-finetune", "input", "$0.5")
        assert sources(prices)["my-finetune"] == "your price: type the output too"
        click_save(dialog)
        assert dialog.message.text() == (
            "The price of my-finetune at HolySheep relay needs the output figure too: "
            "type it, or clear the figures you typed."
        )
        assert prices.table.hasFocus()
        assert prices.table.currentColumn() == figure_column("output")
        assert not path.exists()
        await type_in_cell(prices, "my-finetune", "output", "1.25")
        assert sources(prices)["my-finetune"] == "your price"
        prices.table.setCurrentCell(2, 0)
        assert prices.reset_button.text() == "Remove your price"
        click_save(dialog)
        await saved(dialog)

    run(qloop, body)
    (provider,) = load_providers(path)
    assert provider.prices == {"my-finetune": ModelPrice(Decimal("0.5"), Decimal("1.25"))}


def test_figures_that_are_no_price_are_refused_with_a_clear_message(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    async def body(client: httpx.AsyncClient) -> None:
        dialog = await opened([RELAY], KeyResolver(), client, data_dir / "providers.toml")
        prices = dialog.form.prices
        draft = dialog.drafts[0]
        cases = {
            "abc": "The input price of gpt-4.1: “abc” is not a number. Type US dollars per "
            "million tokens, like 0.27.",
            "-1": "The input price of gpt-4.1 cannot be negative.",
            "": "The input price of gpt-4.1 cannot be empty. To drop your price, use "
            f"“Reset to {RELAY_LIST}”.",
            "0.1234567890123456": "The input price of gpt-4.1: “0.1234567890123456” has more "
            "than 15 digits. Type US dollars per million tokens, like 0.27.",
            "1e400": "The input price of gpt-4.1: “1e400” is far too large. Type US dollars per "
            "million tokens, like 0.27.",
        }
        for typed, message in cases.items():
            await type_in_cell(prices, "gpt-4.1", "input", typed)
            assert prices.problem_label.isVisible()
            assert prices.problem_label.text() == message
            assert draft.prices == {}
            assert shown(prices, "gpt-4.1", "input") == "2.00"
        await type_in_cell(prices, "gpt-4.1", "input", "2.00")  # what is shown: no override
        assert not prices.problem_label.isVisible()
        assert draft.prices == {}

    run(qloop, body)


def test_adding_the_relay_preset_saves_no_prices(qloop: qasync.QEventLoop, data_dir: Path) -> None:
    path = data_dir / "providers.toml"

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await opened([], KeyResolver(), client, path)
        add(dialog, HOLYSHEEP)
        assert sources(dialog.form.prices) == dict.fromkeys(HOLYSHEEP.models, RELAY_LIST)
        click_save(dialog)
        await saved(dialog)

    run(qloop, body)
    (provider,) = load_providers(path)
    assert provider.models == HOLYSHEEP.models
    assert provider.prices == {}  # so the relay's later price changes reach the user
    assert "prices" not in path.read_text(encoding="utf-8")


def test_the_source_follows_the_base_url_and_the_catalog(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    opus = ModelPrice(Decimal(15), Decimal(75), Decimal("1.5"), Decimal("18.75"))

    def catalog(model: str, base_url: str) -> tuple[ModelPrice, str] | None:
        return (opus, ANTHROPIC) if model == "claude-opus-4-1" else None

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await opened(
            [], KeyResolver(), client, data_dir / "providers.toml", catalog=catalog
        )
        add(dialog, CUSTOM)
        form = dialog.form
        form.models_edit.setPlainText("claude-opus-4-1\ndeepseek-chat")
        assert sources(form.prices) == {
            "claude-opus-4-1": ANTHROPIC,
            "deepseek-chat": "price unknown",
        }
        assert not form.prices.more_check.isChecked()
        form.prices.more_check.click()
        assert shown(form.prices, "claude-opus-4-1", "cache_write") == "18.75"
        type_text(form.base_url_edit, HOLYSHEEP.base_url)
        assert sources(form.prices)["deepseek-chat"] == RELAY_LIST
        add(dialog, OLLAMA)
        form.models_edit.setPlainText("qwen3:8b")
        assert sources(form.prices) == {"qwen3:8b": "free (local)"}
        assert shown(form.prices, "qwen3:8b", "output") == "0.00"

    run(qloop, body)


def test_a_price_of_a_model_no_longer_listed_stays_until_reset(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    own = {"old-model": ModelPrice(Decimal(1), Decimal(2))}

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await opened(
            [dataclasses.replace(RELAY, prices=own)],
            KeyResolver(),
            client,
            data_dir / "providers.toml",
        )
        prices: PriceTable = dialog.form.prices
        assert [row.model for row in prices.rows][-1] == "old-model"
        assert sources(prices)["old-model"] == "your price (not in the models list)"
        prices.table.setCurrentCell(len(prices.rows) - 1, 0)
        assert prices.reset_button.text() == "Remove your price"
        prices.reset_button.click()
        assert "old-model" not in sources(prices)
        assert dialog.drafts[0].prices == {}

    run(qloop, body)


def test_clearing_the_figures_typed_for_an_unpriced_model_leaves_it_unknown(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    async def body(client: httpx.AsyncClient) -> None:
        dialog = await opened([RELAY], KeyResolver(), client, data_dir / "providers.toml")
        prices = dialog.form.prices
        await type_in_cell(prices, "my-finetune", "output", "3")
        assert dialog.drafts[0].unfinished_prices == {"my-finetune": {"output": Decimal(3)}}
        assert shown(prices, "my-finetune", "output") == "3.00"
        await type_in_cell(prices, "my-finetune", "output", "")
        assert dialog.drafts[0].unfinished_prices == {}
        assert sources(prices)["my-finetune"] == "price unknown"
        click_save(dialog)
        await saved(dialog)

    run(qloop, body)


@pytest.mark.parametrize(
    ("value", "text"),
    [("2", "2.00"), ("0.0700", "0.07"), ("0.075", "0.075"), ("100", "100.00"), ("0", "0.00")],
)
def test_figures_show_at_least_cents_and_no_trailing_zeros(value: str, text: str) -> None:
    assert format_figure(Decimal(value)) == text


def test_a_long_model_name_is_elided_before_it_pushes_the_prices_out_of_sight(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    long = "accounts/fireworks/models/llama-v3p1-405b-instruct-long-context-preview-2025-11"
    relay = dataclasses.replace(RELAY, models=("deepseek-chat", long))

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await opened([relay], KeyResolver(), client, data_dir / "providers.toml")
        dialog.resize(980, 720)
        dialog.show()
        QApplication.processEvents()
        table = dialog.form.prices.table
        output = figure_column("output")
        assert table.columnViewportPosition(output) + table.columnWidth(output) <= (
            table.viewport().width()
        )
        model_cell = table.item(1, 0)
        assert model_cell is not None
        assert model_cell.toolTip() == long  # the whole name, where the cell elides it
        narrow = table.columnWidth(0)
        dialog.resize(1400, 720)  # more room: the column grows with the table, up to 40 %
        QApplication.processEvents()
        assert table.columnWidth(0) > narrow
        assert table.columnWidth(0) == table.viewport().width() * 2 // 5
        dialog.reject()

    run(qloop, body)
