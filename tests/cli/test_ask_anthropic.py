"""`tally ask` with an anthropic-kind provider: the answer, thinking, cache usage and its cost,
a mid-stream error, and a conversation continued after a failed answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core.currency import Currency
from desktop_app.core.history.records import MessageRecord
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.prices import format_money
from desktop_app.core.settings.keys import KeyStore
from desktop_app.simulator import Simulator
from desktop_app.simulator.answer_texts import NORMAL_ANSWER, REASONING_TEXT

PRICES = """
[provider.prices."sim-cache"]
input = 3.00
cached_input = 0.30
cache_write = 3.75
output = 15.00
"""


def write_anthropic_provider(data_dir: Path, sim: Simulator, extra: str = "") -> None:
    """Anthropic as the only provider, its base URL the simulator's root, its key stored."""
    data_dir.mkdir(parents=True, exist_ok=True)
    root = sim.base_url.removesuffix("/v1")
    (data_dir / "providers.toml").write_text(
        "[[provider]]\n"
        'id = "claude"\n'
        'name = "Anthropic"\n'
        'kind = "anthropic"\n'
        f'base_url = "{root}"\n'
        'models = ["sim-normal", "sim-cache"]\n'
        f"{extra}",
        encoding="utf-8",
    )
    assert sim.api_key is not None
    KeyStore().set("claude", sim.api_key)


def _last_answer(data_dir: Path) -> tuple[list[str], MessageRecord]:
    store = HistoryStore(data_dir / "history.sqlite3")
    try:
        messages = store.messages(store.conversations(limit=1)[0].id)
    finally:
        store.close()
    return [m.content for m in messages], messages[-1]


def test_ask_streams_and_prices_the_cache_tokens(
    simulator: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_anthropic_provider(data_dir, simulator, PRICES)
    assert main(["ask", "--model", "sim-cache", "Hello"]) == 0
    out, err = capsys.readouterr()
    assert out == NORMAL_ANSWER
    (request,) = simulator.requests
    assert request.path == "/v1/messages"
    assert request.headers["x-api-key"] == simulator.api_key
    summary = err.strip().splitlines()[-1]
    assert "sim-cache via Anthropic" in summary
    assert "4,205 in (3,000 cached, 1,200 written to the cache)" in summary  # 5 + 1200 + 3000
    assert "queued" not in err  # the routine ping before the first token is no wait
    _, answer = _last_answer(data_dir)
    usage = answer.usage
    assert usage is not None
    assert usage.cache_write_tokens == 1200
    assert usage.cached_input_tokens == 3000
    cost = answer.cost_usd
    assert cost is not None
    assert f" · {format_money(cost, Currency('USD'))} · " in summary
    assert "finished" not in summary  # end_turn is a normal end
    assert "cut at" not in summary
    assert simulator.api_key is not None
    assert simulator.api_key not in out + err


def test_ask_with_a_thinking_budget_shows_thinking_on_stderr(
    simulator: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_anthropic_provider(data_dir, simulator, "thinking_budget = 2048\n")
    assert main(["ask", "--system", "Be terse", "Why?"]) == 0
    out, err = capsys.readouterr()
    assert out == NORMAL_ANSWER
    assert REASONING_TEXT in err
    body = simulator.requests[0].body
    assert body is not None
    assert body["system"] == "Be terse"
    assert body["thinking"] == {"type": "enabled", "budget_tokens": 2048}
    assert body["messages"] == [{"role": "user", "content": "Why?"}]


def test_ask_overloaded_in_mid_answer_keeps_the_partial_answer(
    simulator: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_anthropic_provider(data_dir, simulator)
    assert main(["ask", "--model", "sim-midstream-error", "Hello"]) == 1
    out, err = capsys.readouterr()
    assert out.strip()
    assert NORMAL_ANSWER.startswith(out.rstrip("\n"))
    error_lines = [line for line in err.splitlines() if line.startswith("tally: error:")]
    assert len(error_lines) == 1
    assert "Anthropic is overloaded" in error_lines[0]
    contents, answer = _last_answer(data_dir)
    assert contents[-1] == out.rstrip("\n")
    assert answer.status == "partial"


def test_continue_after_a_failed_answer_sends_alternating_turns(
    simulator: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_anthropic_provider(data_dir, simulator)
    assert main(["ask", "--model", "sim-error-400", "first"]) == 1
    # The failed answer has no text, so two user turns follow each other: Tally merges them.
    assert main(["ask", "--continue", "--model", "sim-echo", "second"]) == 0
    out = capsys.readouterr().out
    assert out == "You said: first\n\nsecond\n"
    body = simulator.requests[-1].body
    assert body is not None
    assert body["messages"] == [{"role": "user", "content": "first\n\nsecond"}]
