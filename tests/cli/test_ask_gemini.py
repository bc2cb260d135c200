"""`tally ask` with a gemini-kind provider from providers.toml, against the simulator."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core.history.records import MessageRecord
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.keys import KeyStore
from desktop_app.simulator import Simulator
from desktop_app.simulator.answer_texts import NORMAL_ANSWER
from tests.support.streams.gemini_helpers import gemini_root


@pytest.fixture
def gemini(simulator: Simulator, data_dir: Path) -> Simulator:
    """The simulator as the only provider, of kind gemini, thinking, with its key stored."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "providers.toml").write_text(
        "[[provider]]\n"
        'id = "gemini"\n'
        'name = "Gemini"\n'
        'kind = "gemini"\n'
        f'base_url = "{gemini_root(simulator)}"\n'
        'models = ["sim-thoughts", "sim-normal"]\n'
        "thinking_budget = 4096\n"
        '[provider.prices."sim-thoughts"]\n'
        "input = 0.30\n"
        "output = 2.50\n",
        encoding="utf-8",
    )
    assert simulator.api_key is not None
    KeyStore().set("gemini", simulator.api_key)
    return simulator


def _last_answer(data_dir: Path) -> MessageRecord:
    store = HistoryStore(data_dir / "history.sqlite3")
    try:
        return store.messages(store.conversations(limit=1)[0].id)[-1]
    finally:
        store.close()


def test_ask_streams_thoughts_and_answer_with_tokens_and_cost(
    gemini: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--system", "Be terse", "What", "is", "Tally?"]) == 0
    out, err = capsys.readouterr()
    assert out == NORMAL_ANSWER
    assert "**Planning the answer**" in err  # the thoughts, on stderr
    summary = err.strip().splitlines()[-1]
    assert "sim-thoughts via Gemini" in summary
    assert "reasoning)" in summary
    assert "≈" not in summary  # tokens as reported, not estimated
    request = gemini.requests[0]
    assert request.path == "/v1beta/models/sim-thoughts:streamGenerateContent?alt=sse"
    assert request.body is not None
    assert request.body["systemInstruction"] == {"parts": [{"text": "Be terse"}]}
    assert request.body["contents"] == [{"role": "user", "parts": [{"text": "What is Tally?"}]}]
    assert request.body["generationConfig"]["thinkingConfig"]["thinkingBudget"] == 4096
    assert gemini.api_key is not None
    assert gemini.api_key not in out + err
    answer = _last_answer(data_dir)
    assert answer.status == "complete"
    assert answer.usage is not None
    assert answer.usage.reasoning_tokens > 0
    assert answer.cost_usd is not None
    assert answer.cost_usd > 0


def test_ask_a_safety_block_is_one_clear_error_and_the_part_is_kept(
    gemini: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--model", "sim-safety", "hi"]) == 1
    out, err = capsys.readouterr()
    assert out.strip()  # the part that arrived before the block
    assert NORMAL_ANSWER.startswith(out.strip())
    (line,) = [line for line in err.splitlines() if line.startswith("tally: error:")]
    assert "Gemini blocked the answer with its safety filter (finishReason SAFETY)" in line
    answer = _last_answer(data_dir)
    assert answer.status == "partial"
    assert answer.error is not None
    assert "safety filter" in answer.error


def test_ask_max_tokens_says_the_answer_was_cut(
    gemini: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--model", "sim-max-tokens", "--max-tokens", "5", "hi"]) == 0
    out, err = capsys.readouterr()
    assert out.strip()
    assert "cut at the token limit" in err
    body = gemini.requests[0].body
    assert body is not None
    assert body["generationConfig"]["maxOutputTokens"] == 5


def test_ask_continues_a_conversation_with_model_turns(
    gemini: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--model", "sim-echo", "first"]) == 0
    assert main(["ask", "--model", "sim-echo", "--continue", "second"]) == 0
    out, _ = capsys.readouterr()
    assert out.endswith("You said: second\n")
    body = gemini.requests[1].body
    assert body is not None
    assert body["contents"] == [
        {"role": "user", "parts": [{"text": "first"}]},
        {"role": "model", "parts": [{"text": "You said: first"}]},
        {"role": "user", "parts": [{"text": "second"}]},
    ]
