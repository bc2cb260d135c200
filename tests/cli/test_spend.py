"""`tally spend` from a terminal: the month per model and per day, today, the seed comparison,
--reprice side by side, the user's currency, and one-line errors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.core.history.store import HistoryStore
from tests.support.history.spending_samples import answer, march_answers, time_zone

PROVIDERS = """\
[[provider]]
id = "holysheep"
name = "HolySheep relay"
base_url = "https://api.holysheep.ai/v1"
models = ["deepseek-chat", "gemini-2.5-flash", "gpt-4.1", "claude-sonnet-4.5"]
"""


@pytest.fixture(autouse=True)
def in_utc() -> Iterator[None]:
    """Local time is UTC here, so the days printed do not depend on the machine."""
    with time_zone("UTC0"):
        yield


@pytest.fixture
def march(data_dir: Path) -> None:
    """The sample March (spending_samples.march_answers), and one answer today."""
    with HistoryStore(paths.history_db()) as store:
        march_answers(store)
        answer(store, datetime.now(UTC), cost="0.05")


def cells(out: str, first: str, after: str = "") -> list[str]:
    """The cells of the first line starting with `first` (after the line starting `after`)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(after)) if after else 0
    line = next(line for line in lines[start:] if line.startswith(first))
    return re.split(r"\s{2,}", line.strip())


def test_the_month_per_model_per_day_and_on_the_seed_models(
    march: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["spend", "--month", "2025-03"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("Spending in March 2025 (in US dollars)\n")
    assert cells(out, "Model") == [
        "Model",
        "Provider",
        "Answers",
        "Input",
        "Cached",
        "Output",
        "Cost",
    ]
    assert cells(out, "gpt-4.1") == [
        "gpt-4.1",
        "HolySheep relay",
        "1",
        "2,000,000",
        "0",
        "1,000,000",
        "≈$12.00",
    ]
    assert cells(out, "deepseek-chat")[-1] == "$0.48"
    assert cells(out, "mystery-model")[-1] == "price unknown"
    assert cells(out, "Total") == [
        "Total",
        "3",
        "3,800,000",
        "0",
        "2,200,000",
        "≈$12.48 + 1 unpriced",
    ]
    assert cells(out, "2025-03-03") == ["2025-03-03 Mon", "1", "$0.48"]
    assert cells(out, "2025-03-17") == ["2025-03-17 Mon", "2", "≈$12.00 + 1 unpriced"]
    assert "2025-03-04" not in out, "days without answers are left out"
    assert "Today: $0.05\n" in out
    # 3.8M in and 2.2M out at the seed's prices, unknown-price tokens included:
    seeds = "The same tokens on the seed's models"
    assert cells(out, "deepseek-chat", seeds)[-1] == "≈$1.95"  # 3.8 x 0.27 + 2.2 x 0.42
    assert cells(out, "gemini-2.5-flash", seeds)[-1] == "≈$6.07"  # 3.8 x 0.15 + 2.2 x 2.50
    assert cells(out, "gpt-4.1", seeds)[-1] == "≈$25.20"  # 3.8 x 2 + 2.2 x 8
    assert cells(out, "claude-sonnet-4.5", seeds)[-1] == "≈$44.40"  # 3.8 x 3 + 2.2 x 15
    assert "1 answer had no known price: it is not in the cost." in out
    assert "≈ marks amounts estimated" in out


def test_reprice_side_by_side_in_yuan(
    march: None, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "providers.toml").write_text(PROVIDERS, encoding="utf-8")
    (data_dir / "settings.toml").write_text(
        '[money]\ncurrency = "CNY"\ncny_per_usd = 7.3\n', encoding="utf-8"
    )
    argv = ["spend", "--month", "2025-03", "--reprice", "gpt-4.1"]
    assert main([*argv, "--reprice", "holysheep/claude-sonnet-4.5"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Spending in March 2025 (in yuan, ¥7.3 = $1)\n")
    side = "The same tokens on other models:"
    assert cells(out, "Model", side) == [
        "Model",
        "Provider",
        "Actual",
        "on gpt-4.1",
        "on holysheep/claude-sonnet-4.5",
    ]
    # deepseek-chat's 1M in and 0.5M out: $6.00 on gpt-4.1, $10.50 on Claude; x 7.3
    assert cells(out, "deepseek-chat", side) == [
        "deepseek-chat",
        "HolySheep relay",
        "¥3.50",
        "¥43.80",
        "¥76.65",
    ]
    assert cells(out, "mystery-model", side)[2:] == ["price unknown", "¥52.56", "¥94.17"]
    assert cells(out, "Total", side) == [
        "Total",
        "≈¥91.10 + 1 unpriced",
        "≈¥183.96",
        "≈¥324.12",
    ]
    assert "gpt-4.1: ¥14.60 / ¥58.40 per M, from HolySheep relay's price list" in out
    assert "The same tokens on the seed's models" not in out


def test_an_empty_month(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["spend", "--month", "2024-01"]) == 0
    out = capsys.readouterr().out
    assert out == (
        "Spending in January 2024 (in US dollars)\n\n"
        "No answers with a cost in January 2024.\n\n"
        "Today: $0.00\n"
    )


def test_this_month_by_default(march: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["spend"]) == 0
    out = capsys.readouterr().out
    month = datetime.now(UTC).strftime("%B %Y")
    assert out.startswith(f"Spending in {month} (in US dollars)\n")
    assert cells(out, "Total")[-1] == "$0.05"
    assert "mystery-model" not in out, "March is not this month"


def test_a_model_without_a_price_is_a_one_line_error(
    march: None, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "providers.toml").write_text(PROVIDERS, encoding="utf-8")
    assert main(["spend", "--reprice", "no-such-model-anywhere"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("tally: error: No price is known for 'no-such-model-anywhere'")
    assert err.count("\n") == 1
    assert main(["spend", "--reprice", "holysheep/no-such-model"]) == 2
    _, err = capsys.readouterr()
    assert '[provider.prices."no-such-model"] under its provider' in err, "its name alone"


def test_a_bad_month_or_settings_file_is_refused(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["spend", "--month", "2025-13"])
    assert exited.value.code == 2
    assert "'2025-13' is not a month: write it as YYYY-MM" in capsys.readouterr().err
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.toml").write_text('[money]\ncurrency = "EUR"\n', encoding="utf-8")
    assert main(["spend"]) == 2
    assert 'currency must be "USD" or "CNY"' in capsys.readouterr().err


def test_the_table_names_a_provider_by_its_current_name(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Answers record the provider's id; the table shows the name it has in providers.toml now,
    and the id of a provider no longer there."""
    data_dir.mkdir(parents=True)
    (data_dir / "providers.toml").write_text(PROVIDERS, encoding="utf-8")
    march_day = datetime(2025, 3, 4, 12, tzinfo=UTC)
    with HistoryStore(paths.history_db()) as store:
        answer(store, march_day, cost="0.10", model="gpt-4.1", provider="holysheep")
        answer(store, march_day, cost="0.20", model="old-model", provider="gone-relay")
    assert main(["spend", "--month", "2025-03"]) == 0
    out = capsys.readouterr().out
    assert cells(out, "gpt-4.1")[1] == "HolySheep relay"
    assert cells(out, "old-model")[1] == "gone-relay"


def test_a_missing_rules_file_is_named_once_with_the_reason(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.toml"
    assert main(["spend", "--routing", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err == f"tally: error: Cannot read {missing}: No such file or directory.\n"
