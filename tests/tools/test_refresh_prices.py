"""tools/refresh_prices.py: the genai-prices data module turned into the bundled JSON, on
hand-made data shaped like genai-prices' types (no network)."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from tools.refresh_prices import convert, load_providers, render

D = Decimal

AS_OF = datetime.date(2026, 11, 24)


def _node(kind: str, **fields: Any) -> Any:
    """An object whose class has genai-prices' type name, as the converter sees them."""
    return type(kind, (SimpleNamespace,), {})(**fields)


def _price(**prices: str) -> Any:
    return _node("ModelPrice", **{key: D(value) for key, value in prices.items()})


def _model(model_id: str, prices: Any, **fields: Any) -> Any:
    return _node(
        "ModelInfo",
        id=model_id,
        match=_node("ClauseEquals", equals=model_id),
        prices=prices,
        **fields,
    )


def _dated(start: datetime.date, prices: Any) -> Any:
    return _node(
        "ConditionalPrice", constraint=_node("StartDateConstraint", start_date=start), prices=prices
    )


def _hours(start: int, end: int, prices: Any) -> Any:
    window = _node(
        "TimeOfDateConstraint",
        start_time=datetime.time(start, 30, tzinfo=datetime.UTC),
        end_time=datetime.time(end, 30, tzinfo=datetime.UTC),
    )
    return _node("ConditionalPrice", constraint=window, prices=prices)


def _models(*models: Any) -> list[Any]:
    match = _node(
        "ClauseOr",
        or_=[
            _node("ClauseStartsWith", starts_with="ex-"),
            _node(
                "ClauseAnd",
                and_=[
                    _node("ClauseContains", contains="ex"),
                    _node("ClauseRegex", regex="^(?!.*-tts)"),
                ],
            ),
        ],
    )
    provider = _node(
        "Provider",
        id="example",
        name="Example",
        api_pattern=r"https://api\.example\.com",
        model_match=match,
        models=list(models),
    )
    return [provider]


def _converted(*models: Any) -> list[dict[str, Any]]:
    models_json: list[dict[str, Any]] = convert(_models(*models), "9.9", AS_OF)["providers"][0][
        "models"
    ]
    return models_json


def test_conversion_is_deterministic_json() -> None:
    providers = _models(
        _model("ex-1", _price(input_mtok="1.10", output_mtok="4"), name="Example One"),
        _model(
            "ex-2", [_dated(datetime.date(2025, 1, 1), _price(input_mtok="2", output_mtok="8"))]
        ),
    )
    first = render(convert(providers, "9.9", AS_OF))
    assert first == render(convert(providers, "9.9", AS_OF))
    assert json.loads(first) == convert(providers, "9.9", AS_OF)
    # One model a line, so that a refresh reads well as a diff.
    lines = first.splitlines()
    assert [json.loads(line.rstrip(","))["id"] for line in lines[2:4]] == ["ex-1", "ex-2"]


def test_conversion_keeps_the_match_structure_and_the_provider() -> None:
    provider = convert(_models(), "9.9", AS_OF)["providers"][0]
    assert provider == {
        "id": "example",
        "name": "Example",
        "api_pattern": r"https://api\.example\.com",
        "model_match": {
            "or": [{"starts_with": "ex-"}, {"and": [{"contains": "ex"}, {"regex": "^(?!.*-tts)"}]}]
        },
        "models": [],
    }


def _tiered(base: str, *tiers: tuple[int, str]) -> Any:
    steps = [_node("Tier", start=start, price=D(price)) for start, price in tiers]
    return _node("TieredPrices", base=D(base), tiers=steps)


def test_prices_are_decimal_strings_with_the_base_tier_then_the_tiers() -> None:
    tiered = _tiered("3", (200_000, "6"))
    prices = _node("ModelPrice", input_mtok=tiered, cache_read_mtok=D("0.30"), output_mtok=D("15"))
    [model] = _converted(_model("ex-1", prices, name="One", deprecated=True))
    assert model == {
        "id": "ex-1",
        "name": "One",
        "match": {"equals": "ex-1"},
        "deprecated": True,
        "prices": {
            "input_mtok": "3",
            "cache_read_mtok": "0.30",
            "output_mtok": "15",
            # Every text-token price in force over 200k prompt tokens, tiered or not.
            "tiers": [
                {
                    "start": 200_000,
                    "input_mtok": "6",
                    "cache_read_mtok": "0.30",
                    "output_mtok": "15",
                }
            ],
        },
    }


def test_tiers_at_different_thresholds_per_kind_of_token_make_one_entry_per_threshold() -> None:
    # Qwen's shape: input dearer above 32k and again above 128k, output only above 128k; the
    # tiers as genai-prices writes them need not be in order.
    prices = _node(
        "ModelPrice",
        input_mtok=_tiered("0.4", (128_000, "1.2"), (32_000, "0.8")),
        output_mtok=_tiered("1.2", (128_000, "3.6")),
    )
    [model] = _converted(_model("ex-1", prices))
    assert model["prices"] == {
        "input_mtok": "0.4",
        "output_mtok": "1.2",
        "tiers": [
            {"start": 32_000, "input_mtok": "0.8", "output_mtok": "1.2"},
            {"start": 128_000, "input_mtok": "1.2", "output_mtok": "3.6"},
        ],
    }


def test_the_price_in_force_on_the_snapshot_date() -> None:
    history = [
        _node("ConditionalPrice", prices=_price(input_mtok="1", output_mtok="1")),
        _dated(datetime.date(2026, 1, 1), _price(input_mtok="2", output_mtok="2")),
        _dated(datetime.date(2027, 1, 1), _price(input_mtok="3", output_mtok="3")),  # not yet
    ]
    [model] = _converted(_model("ex-1", history))
    assert model["prices"] == {"input_mtok": "2", "output_mtok": "2"}


def test_time_of_day_prices_keep_the_one_in_force_most_of_the_day() -> None:
    off_peak = _price(input_mtok="0.135", output_mtok="0.55")
    standard = _price(input_mtok="0.27", output_mtok="1.1")
    peak = _price(input_mtok="0.5", output_mtok="2")
    # DeepSeek's shape: the unconstrained price is the off-peak one, the standard one has hours.
    deepseek = [_node("ConditionalPrice", prices=off_peak), _hours(0, 16, standard)]
    # Two short peak windows with the same price do not add up to most of the day.
    flash = [_node("ConditionalPrice", prices=standard), _hours(1, 4, peak), _hours(6, 10, peak)]
    [first, second] = _converted(_model("ex-1", deepseek), _model("ex-2", flash))
    assert first["prices"] == {"input_mtok": "0.27", "output_mtok": "1.1"}
    assert second["prices"] == {"input_mtok": "0.27", "output_mtok": "1.1"}


def test_missing_prices_are_free_and_other_units_are_not_token_prices() -> None:
    converted = _converted(
        _model("ex-embed", _price(input_mtok="0.02")),
        _model("ex-free", _node("ModelPrice")),
        _model("ex-whisper", _price(input_audio_hours="0.36")),
        _model("ex-deep", _price(input_mtok="2", output_mtok="8", output_reasoning_mtok="3")),
    )
    assert [model["prices"] for model in converted] == [
        {"input_mtok": "0.02", "output_mtok": "0"},
        {"input_mtok": "0", "output_mtok": "0"},
        None,
        {"input_mtok": "2", "output_mtok": "8", "output_reasoning_mtok": "3"},
    ]


DATA_MODULE = """
import datetime
from decimal import Decimal
from .types import *

providers: list[Provider] = [
    Provider(
        id='example',
        name='Example',
        api_pattern='https://api\\\\.example\\\\.com',
        models=[
            ModelInfo(
                id='ex-1',
                match=ClauseOr(
                    or_=[ClauseEquals(equals='ex-1'), ClauseStartsWith(starts_with='ex-1-')]
                ),
                prices=[
                    ConditionalPrice(
                        prices=ModelPrice(input_mtok=Decimal('1'), output_mtok=Decimal('4'))
                    ),
                    ConditionalPrice(
                        constraint=StartDateConstraint(start_date=datetime.date(2026, 10, 19)),
                        prices=ModelPrice(input_mtok=Decimal('0.5'), output_mtok=Decimal('2')),
                    ),
                ],
            ),
        ],
    ),
]
"""


def test_the_data_module_is_read_without_running_it() -> None:
    [provider] = convert(load_providers(DATA_MODULE), "9.9", AS_OF)["providers"]
    assert provider["api_pattern"] == r"https://api\.example\.com"
    assert provider["models"] == [
        {
            "id": "ex-1",
            "match": {"or": [{"equals": "ex-1"}, {"starts_with": "ex-1-"}]},
            "prices": {"input_mtok": "0.5", "output_mtok": "2"},
        }
    ]


@pytest.mark.parametrize("value", ["open('secret').read()", "__import__('os').getcwd()", "1 + 1"])
def test_the_data_module_reader_refuses_code(value: str) -> None:
    source = f"providers = [Provider(id={value}, name='x', api_pattern='x')]"
    with pytest.raises(ValueError, match="unexpected"):
        load_providers(source)
