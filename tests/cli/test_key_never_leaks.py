"""A server that echoes the key inside a 200 stream (an error event, a broken chunk, the answer
itself) gets it hidden everywhere: the terminal, the history, the JSON and the Markdown exports,
the log."""

from __future__ import annotations

import base64

import pytest

from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.core.history.store import HistoryStore
from desktop_app.simulator import Simulator
from desktop_app.simulator.hostile_scenarios import ECHO_START


def forms_of(key: str) -> list[str]:
    encoded = "".join(f"%{byte:02X}" for byte in key.encode())
    bearer = base64.b64encode(f"Bearer {key}".encode()).decode()
    entities = "".join(f"&#{ord(char)};" for char in key)
    # Any third of the key: what is left of it where a shortened message cut it.
    thirds = [key[start : start + len(key) // 3] for start in range(len(key) - len(key) // 3)]
    return [key.upper(), encoded, bearer[8:-4], key[1:], entities, *thirds]


def leaked(text: str, key: str) -> list[str]:
    return [form for form in forms_of(key) if form.casefold() in text.casefold()]


@pytest.mark.parametrize(
    "model", ["sim-key-echo-stream-error", "sim-key-echo-malformed", "sim-key-echo-cut"]
)
def test_a_key_echoed_inside_the_stream_never_leaves_the_server(
    model: str, relay: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    key = relay.api_key
    assert key is not None

    assert main(["ask", "--model", model, "Hello"]) != 0
    out, err = capsys.readouterr()
    assert out.startswith(ECHO_START) or model == "sim-key-echo-cut"  # what arrived is kept
    assert "[key hidden]" in err  # what the server said is shown, less the key
    assert leaked(err, key) == []

    with HistoryStore(paths.history_db()) as store:
        (conversation,) = store.conversations(limit=5)
        answer = store.messages(conversation.id)[-1]
    assert answer.content == ("" if model == "sim-key-echo-cut" else ECHO_START)
    assert answer.error
    assert leaked(answer.error, key) == []
    assert_nothing_leaked(key, ECHO_START if model != "sim-key-echo-cut" else "", capsys)


def test_a_key_in_the_answer_itself_is_hidden_in_its_text_and_reasoning(
    relay: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    key = relay.api_key
    assert key is not None

    assert main(["ask", "--model", "sim-key-echo-answer", "Hello"]) == 0
    out, err = capsys.readouterr()
    hidden = "[key hidden]"
    assert out.startswith(f"{ECHO_START}: your key is {hidden}, and {hidden}; in base64 ")
    assert out.rstrip().endswith(". Done")
    assert f"The header said {hidden}" in err  # the reasoning, on stderr
    assert leaked(out + err, key) == []

    with HistoryStore(paths.history_db()) as store:
        (conversation,) = store.conversations(limit=5)
        answer = store.messages(conversation.id)[-1]
    assert answer.content == out.rstrip("\n")
    assert answer.reasoning == f"The header said {hidden}"
    assert_nothing_leaked(key, f"{ECHO_START}: your key is {hidden}", capsys)


def assert_nothing_leaked(key: str, kept: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Neither export, nor the log, nor the history file holds any form of the key."""
    for export in (["export"], ["export", "--format", "markdown"]):
        assert main(export) == 0
        exported, _ = capsys.readouterr()
        assert kept in exported
        assert leaked(exported, key) == []
    assert leaked(paths.log_file().read_text(encoding="utf-8"), key) == []
    assert leaked(paths.history_db().read_bytes().decode("utf-8", "replace"), key) == []
