"""A server that echoes the key inside a 200 stream (an error event, a broken chunk) gets it
hidden everywhere: stderr, the history's error column, the JSON and the Markdown exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.keys import KeyStore
from desktop_app.simulator import Simulator
from desktop_app.simulator.hostile_scenarios import ECHO_START


def forms_of(key: str) -> list[str]:
    encoded = "".join(f"%{byte:02X}" for byte in key.encode())
    return [key, key.upper(), key.lower(), encoded, encoded.lower()]


def leaked(text: str, key: str) -> list[str]:
    return [form for form in forms_of(key) if form.casefold() in text.casefold()]


@pytest.mark.parametrize("model", ["sim-key-echo-stream-error", "sim-key-echo-malformed"])
def test_a_key_echoed_inside_the_stream_never_leaves_the_server(
    model: str, simulator: Simulator, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = simulator.api_key
    assert key is not None
    data_dir.mkdir(parents=True)
    paths.providers_file().write_text(
        f'[[provider]]\nid = "sim"\nname = "Relay"\nbase_url = "{simulator.base_url}"\n',
        encoding="utf-8",
    )
    KeyStore().set("sim", key)

    assert main(["ask", "--model", model, "Hello"]) != 0
    out, err = capsys.readouterr()
    assert out.startswith(ECHO_START)  # the part that arrived is kept
    assert "[key hidden]" in err  # what the server said is shown, less the key
    assert leaked(err, key) == []

    with HistoryStore(paths.history_db()) as store:
        (conversation,) = store.conversations(limit=5)
        answer = store.messages(conversation.id)[-1]
    assert answer.content == ECHO_START
    assert answer.error
    assert leaked(answer.error, key) == []

    for export in (["export"], ["export", "--format", "markdown"]):
        assert main(export) == 0
        exported, _ = capsys.readouterr()
        assert ECHO_START in exported
        assert leaked(exported, key) == []
