"""`tally assistants` lists them; `tally ask --assistant NAME` sends an assistant's system
prompt, parameters and model (flags over them), and --continue sends what the conversation
remembers, with only the last N turns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli.main import main
from desktop_app.core.history.conversation_parameters import remembered_parameters
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.parameters import Parameters
from desktop_app.core.settings.keys import KeyStore
from desktop_app.simulator import Simulator

ASSISTANTS = """
[[assistant]]
name = "Terse"
system = "Answer in one line."
model = "sim-echo"
temperature = 0.4
top_p = 0.8
context_turns = 1
"""


@pytest.fixture
def configured(simulator: Simulator, data_dir: Path) -> Simulator:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "providers.toml").write_text(
        f'[[provider]]\nid = "sim"\nname = "Simulator"\nbase_url = "{simulator.base_url}"\n'
        'models = ["sim-normal", "sim-echo"]\n',
        encoding="utf-8",
    )
    (data_dir / "assistants.toml").write_text(ASSISTANTS, encoding="utf-8")
    assert simulator.api_key is not None
    KeyStore().set("sim", simulator.api_key)
    return simulator


def _body(simulator: Simulator) -> dict[str, Any]:
    body = simulator.requests[-1].body
    assert body is not None
    return body


def test_the_list_shows_default_and_the_files_assistants(
    configured: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assistants"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == [
        "name", "model", "temperature", "top_p", "max_tokens", "thinking", "turns", "system",
    ]  # fmt: skip
    assert out[1].split() == ["Default"]
    assert out[2].split() == [
        "Terse",
        "sim-echo",
        "0.4",
        "0.8",
        "1",
        "Answer",
        "in",
        "one",
        "line.",
    ]


def test_with_no_file_the_shipped_ones_are_listed(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assistants"]) == 0
    out = capsys.readouterr().out
    for name in ("Translator 中英互译", "Code reviewer 代码审查", "Summariser 总结摘要"):
        assert name in out
    assert "Writing polish 润色改写" in out


def test_ask_sends_the_assistants_prompt_parameters_and_model(
    configured: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--assistant", "terse", "Hello"]) == 0
    body = _body(configured)
    assert body["model"] == "sim-echo"
    assert body["messages"][0] == {"role": "system", "content": "Answer in one line."}
    assert (body["temperature"], body["top_p"]) == (0.4, 0.8)
    with HistoryStore(data_dir / "history.sqlite3") as store:
        (conversation,) = store.conversations()
        kept = remembered_parameters(store, conversation.id)
    assert kept is not None
    assert kept.assistant == "Terse"
    assert kept.parameters == Parameters(
        system="Answer in one line.", temperature=0.4, top_p=0.8, context_turns=1
    )


def test_flags_override_the_assistant(configured: Simulator) -> None:
    argv = ["ask", "--assistant", "Terse", "--model", "sim-normal", "--temperature", "1.5"]
    assert main([*argv, "--top-p", "0.3", "--system", "Be kind.", "Hello"]) == 0
    body = _body(configured)
    assert body["model"] == "sim-normal"
    assert (body["temperature"], body["top_p"]) == (1.5, 0.3)
    assert body["messages"][0] == {"role": "system", "content": "Be kind."}


def test_continue_uses_the_remembered_parameters_and_the_last_turns(
    configured: Simulator,
) -> None:
    assert main(["ask", "--assistant", "Terse", "first"]) == 0
    assert main(["ask", "--continue", "second"]) == 0
    assert main(["ask", "--continue", "third"]) == 0
    body = _body(configured)
    assert body["model"] == "sim-echo"
    assert body["temperature"] == 0.4
    contents = [m["content"] for m in body["messages"]]
    assert contents[0] == "Answer in one line."
    assert [m["role"] for m in body["messages"]] == ["system", "user", "assistant", "user"]
    assert contents[1] == "second"  # "first" and its answer are past the one turn kept
    assert contents[-1] == "third"


def test_an_unknown_assistant_is_one_line_listing_the_names(
    configured: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--assistant", "Poet", "Hello"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "No assistant named 'Poet'; there are: Default, Terse." in err
    assert configured.requests == []


@pytest.mark.parametrize(
    ("flag", "value", "said"),
    [
        ("--temperature", "2.5", "temperature must be a number from 0 to 2"),
        ("--top-p", "1.2", "top_p must be a number from 0 to 1"),
        ("--max-tokens", "0", "max_tokens must be a whole number, 1 or more"),
    ],
)
def test_parameters_out_of_range_are_usage_errors(
    configured: Simulator, capsys: pytest.CaptureFixture[str], flag: str, value: str, said: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["ask", flag, value, "Hello"])
    assert exited.value.code == 2
    assert said in capsys.readouterr().err


def test_a_bad_assistants_file_is_a_clear_error(
    configured: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "assistants.toml").write_text('[[assistant]]\nname = "A"\ntop_p = 3\n')
    assert main(["assistants"]) == 2
    err = capsys.readouterr().err
    assert "assistants.toml, line 3 (assistant 1): top_p must be a number from 0 to 1." in err
