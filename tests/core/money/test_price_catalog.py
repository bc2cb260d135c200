"""The bundled genai-prices snapshot: lookups by base URL and by name, at the prices the
snapshot holds, and the matching rules on a small hand-written catalog."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core import paths
from desktop_app.core.money import catalog as price_catalog
from desktop_app.core.money.catalog import PriceCatalog, bundled_catalog, catalog_file
from desktop_app.core.money.prices import quote
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from tools import refresh_prices

RELAY = "https://api.holysheep.ai/v1"
D = Decimal

# The seed models at their vendors' list prices in genai-prices 0.2.3 (as of 2026-11-24):
# (model, vendor base URL, origin, input, cached input, output)
SEED = [
    ("deepseek-chat", "https://api.deepseek.com", "Deepseek deepseek-chat", "0.27", "0.07", "1.1"),
    (
        "gemini-2.5-flash",
        "https://generativelanguage.googleapis.com/v1beta/openai",
        "Google gemini-2.5-flash",
        "0.3",
        "0.03",
        "2.5",
    ),
    ("gpt-4.1", "https://api.openai.com/v1", "OpenAI gpt-4.1", "2", "0.5", "8"),
    (
        "claude-sonnet-4.5",
        "https://api.anthropic.com",
        "Anthropic claude-sonnet-4-5",
        "3",
        "0.3",
        "15",
    ),
]


def _lookup(model: str, base_url: str) -> tuple[ModelPrice, str]:
    found = bundled_catalog().lookup(model, base_url)
    assert found is not None, f"{model} at {base_url}"
    return found


@pytest.mark.parametrize(("model", "vendor_url", "origin", "input", "cached", "output"), SEED)
@pytest.mark.parametrize("where", ["relay", "vendor"])
def test_seed_models_at_their_vendors_list_price(
    where: str, model: str, vendor_url: str, origin: str, input: str, cached: str, output: str
) -> None:
    price, said = _lookup(model, RELAY if where == "relay" else vendor_url)
    assert (price.input, price.cached_input, price.output) == (D(input), D(cached), D(output))
    assert said == f"genai-prices 0.2.3 ({origin})"


def test_claude_keeps_its_cache_write_price() -> None:
    price, _ = _lookup("claude-sonnet-4.5", RELAY)
    assert price.cache_write == D("3.75")
    assert price.reasoning is None  # billed like output


@pytest.mark.parametrize(
    ("model", "same_as"),
    [
        ("anthropic/claude-sonnet-4.5", "claude-sonnet-4.5"),
        ("deepseek/deepseek-chat", "deepseek-chat"),
        ("openai/gpt-4.1", "gpt-4.1"),
        ("google/gemini-2.5-flash", "gemini-2.5-flash"),
        ("models/gemini-2.5-flash", "gemini-2.5-flash"),  # the Gemini API's own spelling
        ("DeepSeek-Chat", "deepseek-chat"),
        ("claude-sonnet-4-5-20250929", "claude-sonnet-4.5"),
        ("gpt-4.1-20250414", "gpt-4.1"),  # a compact date, as LiteLLM writes it
    ],
)
def test_other_spellings_at_a_relay_find_the_vendors_entry(model: str, same_as: str) -> None:
    assert _lookup(model, RELAY) == _lookup(same_as, RELAY)


def test_openrouter_is_priced_from_its_own_list() -> None:
    _, origin = _lookup("anthropic/claude-sonnet-4.5", "https://openrouter.ai/api/v1")
    assert origin == "genai-prices 0.2.3 (OpenRouter anthropic/claude-sonnet-4.5)"


@pytest.mark.parametrize("base_url", [RELAY, "https://api.openai.com/v1"])
def test_an_unknown_model_has_no_price(base_url: str) -> None:
    assert bundled_catalog().lookup("sim-normal", base_url) is None


def test_quote_says_the_catalog_priced_a_provider_without_prices() -> None:
    provider = Provider(id="x", name="OpenAI", kind="openai", base_url="https://api.openai.com/v1")
    found = quote(provider, "gpt-4.1")
    assert found is not None
    assert found.source == "catalog"
    assert (found.price.input, found.price.output) == (D("2"), D("8"))
    assert found.origin == "genai-prices 0.2.3 (OpenAI gpt-4.1)"


def test_entries_list_every_priced_model_for_a_picker() -> None:
    entries = bundled_catalog().entries()
    by_key = {(entry.provider_id, entry.model_id): entry for entry in entries}
    gpt = by_key["openai", "gpt-4.1"]
    assert (gpt.provider_name, gpt.name) == ("OpenAI", "gpt 4.1")
    assert (gpt.price.input, gpt.price.output) == (D("2"), D("8"))
    assert gpt.origin == "genai-prices 0.2.3 (OpenAI gpt-4.1)"
    assert len(entries) > 1000
    assert {"anthropic", "deepseek", "google", "openai"} <= {e.provider_id for e in entries}


def test_the_snapshot_is_the_pinned_release_with_its_licence() -> None:
    data = json.loads(catalog_file().read_text(encoding="utf-8"))
    assert data["version"] == refresh_prices.PINNED_VERSION
    assert bundled_catalog().version == refresh_prices.PINNED_VERSION
    licence = catalog_file().with_name("LICENSE-genai-prices").read_text(encoding="utf-8")
    assert "MIT License" in licence
    assert "Pydantic" in licence


def test_a_missing_snapshot_leaves_prices_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(price_catalog, "catalog_file", lambda: tmp_path / "none.json")
    bundled_catalog.cache_clear()
    try:
        assert bundled_catalog().lookup("gpt-4.1", "https://api.openai.com/v1") is None
        assert bundled_catalog().entries() == []
    finally:
        bundled_catalog.cache_clear()
    assert "Cannot read the bundled price catalog" in caplog.text


def test_resources_are_found_in_a_checkout_and_in_a_pyinstaller_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (paths.resources_dir() / "prices" / "genai-prices.json").is_file()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"


# Matching rules, on a small hand-written catalog.


def _model(model_id: str, match: dict[str, Any], **prices: str) -> dict[str, Any]:
    return {"id": model_id, "match": match, "prices": prices or None}


def _provider(provider_id: str, models: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    pattern = rf"https://api\.{provider_id}\.com"
    name = provider_id.title()
    return {"id": provider_id, "name": name, "api_pattern": pattern, **fields, "models": models}


def _catalog() -> PriceCatalog:
    vendor = _provider(
        "vendor",
        [
            _model("vm-1", {"equals": "vm-1"}, input_mtok="1", output_mtok="2"),
            _model("vm-audio", {"equals": "vm-audio"}),  # priced in other units only
            _model("vm-any", {"starts_with": "vm-"}, input_mtok="9", output_mtok="9"),
        ],
        model_match={"starts_with": "vm-"},
    )
    reseller = _provider(
        "reseller",
        [
            _model("free-1", {"equals": "free-1"}, input_mtok="0", output_mtok="0"),
            _model("vm-1", {"equals": "vm-1"}, input_mtok="5", output_mtok="5"),
        ],
        fallback_model_providers=["vendor"],
    )
    late = _provider(
        "late",
        [_model("free-1", {"or": [{"regex": "^free-\\d$"}]}, input_mtok="0.1", output_mtok="0.2")],
    )
    return PriceCatalog({"version": "9.9", "providers": [vendor, reseller, late]})


def test_the_base_url_chooses_the_provider_and_the_first_matching_model() -> None:
    catalog = _catalog()
    assert catalog.lookup("vm-1", "https://api.reseller.com/v1") == (
        ModelPrice(D("5"), D("5")),
        "genai-prices 9.9 (Reseller vm-1)",
    )
    found = catalog.lookup("vm-2", "https://api.reseller.com/v1")  # through its fallback
    assert found == (ModelPrice(D("9"), D("9")), "genai-prices 9.9 (Vendor vm-any)")


def test_a_relay_gets_the_vendors_price_and_never_someone_elses_free_tier() -> None:
    catalog = _catalog()
    assert catalog.lookup("vm-1", RELAY) == (
        ModelPrice(D("1"), D("2")),
        "genai-prices 9.9 (Vendor vm-1)",
    )
    # Named by its prefix, the reseller's own entry counts, free or not.
    assert catalog.lookup("reseller/free-1", RELAY) == (
        ModelPrice(D("0"), D("0")),
        "genai-prices 9.9 (Reseller free-1)",
    )
    assert catalog.lookup("free-1", RELAY) == (
        ModelPrice(D("0.1"), D("0.2")),
        "genai-prices 9.9 (Late free-1)",
    )


def test_a_model_priced_in_other_units_has_no_token_price() -> None:
    assert _catalog().lookup("vm-audio", "https://api.vendor.com") is None
    assert "vm-audio" not in {entry.model_id for entry in _catalog().entries()}
