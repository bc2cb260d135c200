"""`tally models`: each configured model with its price and where the price came from."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.core.providers.model_list import ListedModel
from desktop_app.core.settings.model_cache import ModelCache
from desktop_app.core.settings.presets import ANTHROPIC
from desktop_app.core.settings.providers_file import load_providers
from desktop_app.core.settings.providers_writer import dump_providers

PROVIDERS = """\
[[provider]]
id = "holysheep"
name = "HolySheep relay"
base_url = "https://api.holysheep.ai/v1"
models = ["gpt-4.1", "gpt-5", "my-finetune"]

[provider.prices."gpt-5"]
input = 1.25
cached_input = 0.125
output = 10

[[provider]]
id = "deepseek"
name = "DeepSeek"
base_url = "https://api.deepseek.com"
models = ["deepseek-chat"]

[[provider]]
id = "ollama"
name = "Ollama"
base_url = "http://localhost:11434/v1"
models = ["llama3.2"]
"""


@pytest.fixture
def configured(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "providers.toml").write_text(PROVIDERS, encoding="utf-8")


def rows(out: str) -> dict[str, list[str]]:
    lines = out.splitlines()
    return {f"{line.split()[0]}/{line.split()[1]}": line.split() for line in lines[1:]}


@pytest.mark.usefixtures("configured")
def test_every_model_with_its_price_and_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models"]) == 0
    table = rows(capsys.readouterr().out)
    assert table["holysheep/gpt-4.1"][2:6] == ["$2.00", "$2.00", "$8.00", "relay:"]
    assert table["holysheep/gpt-5"][2:6] == ["$1.25", "$0.125", "$10.00", "yours:"]
    assert table["holysheep/my-finetune"][2:] == ["price", "unknown"]
    deepseek = table["deepseek/deepseek-chat"]
    assert deepseek[5] == "catalog:"
    assert "genai-prices" in " ".join(deepseek)
    assert table["ollama/llama3.2"][2:6] == ["$0.00", "$0.00", "$0.00", "local:"]


@pytest.mark.usefixtures("configured")
def test_one_provider_or_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "--provider", "ollama"]) == 0
    assert list(rows(capsys.readouterr().out)) == ["ollama/llama3.2"]
    assert main(["models", "--provider", "nope"]) == 2
    assert "No provider with id 'nope'" in capsys.readouterr().err


@pytest.mark.usefixtures("configured")
def test_models_the_app_discovered_are_listed_too(capsys: pytest.CaptureFixture[str]) -> None:
    (ollama,) = [p for p in load_providers(paths.providers_file()) if p.id == "ollama"]
    cache = ModelCache(paths.models_cache_file())
    cache.store_listed(ollama, [ListedModel("qwen3:8b")], datetime.now(UTC))
    cache.save()
    assert main(["models", "--provider", "ollama"]) == 0
    assert list(rows(capsys.readouterr().out)) == ["ollama/llama3.2", "ollama/qwen3:8b"]


def test_a_tiered_price_shows_its_dearer_rates_on_the_model_s_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    # At the vendor's own URL the catalog prices Claude Sonnet 4.5 in two tiers, Haiku 4.5 in one.
    text = dump_providers([ANTHROPIC.provider()])  # claude-sonnet-4-5, claude-haiku-4-5
    (data_dir / "providers.toml").write_text(text, encoding="utf-8")
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    sonnet = rows(out)["anthropic/claude-sonnet-4-5"]
    assert sonnet[2:6] == ["$3.00", "$0.30", "$15.00", "catalog:"]
    line = " ".join(sonnet)
    assert line.endswith("(Anthropic claude-sonnet-4-5); $6.00 / $22.50 above 200k input tokens")
    haiku = " ".join(rows(out)["anthropic/claude-haiku-4-5"])  # a flat price: no tier
    assert haiku.endswith("(Anthropic claude-haiku-4-5)")
