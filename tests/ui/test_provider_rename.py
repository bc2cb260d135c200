"""Issue 12's bar for providers known by id: rename a provider; its conversations reopen with
their model, their prices and the new name shown; `tally ask --continue` goes on with the same
provider and model; the export holds the id."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.cli.main import main
from desktop_app.core.settings.keys import KeyStore
from desktop_app.core.settings.providers_file import ModelPrice
from desktop_app.simulator import Simulator
from tests.support.ui.window_helpers import Run, make_window, shut_down, sim_key
from tests.support.waiting import until

# "other" comes first, so its model is what the window and `tally ask` pick when nothing else
# decides: going on with "sim" and "sim-reasoning" is the conversation's doing.
PROVIDERS = """\
[[provider]]
id = "other"
name = "Other"
base_url = "{url}"
models = ["sim-echo"]

[[provider]]
id = "sim"
name = "{name}"
base_url = "{url}"
models = ["sim-normal", "sim-reasoning"]

[provider.prices."sim-reasoning"]
input = 0.5
output = 1.5
"""


def write_providers(data_dir: Path, simulator: Simulator, name: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    text = PROVIDERS.format(url=simulator.base_url, name=name)
    (data_dir / "providers.toml").write_text(text, encoding="utf-8")


def test_a_renamed_provider_keeps_its_conversations(
    qtbot: QtBot,
    run: Run,
    simulator: Simulator,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for provider_id in ("other", "sim"):
        KeyStore().set(provider_id, sim_key(simulator))
    write_providers(data_dir, simulator, "Simulator")
    window = make_window(qtbot)
    assert window.picker.select("sim", "sim-reasoning")

    async def ask() -> None:
        window.input.setPlainText("Why?")
        window.send()
        await until(lambda: len(window.conversation.messages) == 2 and not window.session.busy)

    run(ask)
    conversation_id = window.recorder.conversation_id
    assert conversation_id is not None
    shut_down(window, run)

    write_providers(data_dir, simulator, "Simulator (renamed)")
    window = make_window(qtbot)
    try:
        window.new_conversation()
        assert window.picker.select("other", "sim-echo")
        window.open_conversation(conversation_id)  # as a click in the sidebar does
        choice = window.picker.current()
        assert choice is not None
        assert (choice[0].id, choice[0].name, choice[1]) == (
            "sim",
            "Simulator (renamed)",
            "sim-reasoning",
        )
        answer = window.conversation.messages[1]
        widget = window.chat_view.widget_for(answer)
        assert widget is not None
        assert widget.role.text() == "sim-reasoning · Simulator (renamed)"
        assert window.ledger.price(answer.provider, answer.model) == ModelPrice(
            Decimal("0.5"), Decimal("1.5")
        )

        # Renamed while the conversation is open (the settings then reload the providers).
        write_providers(data_dir, simulator, "Simulator (for now)")
        window.reload_providers()
        assert widget.role.text() == "sim-reasoning · Simulator (for now)"
        write_providers(data_dir, simulator, "Simulator (renamed)")
        window.reload_providers()
    finally:
        shut_down(window, run)

    assert main(["ask", "--continue", "And", "then?"]) == 0
    assert "sim-reasoning via Simulator (renamed)" in capsys.readouterr().err
    sent = simulator.requests[-1].body
    assert sent is not None
    assert sent["model"] == "sim-reasoning"
    assert sent["messages"][0]["content"] == "Why?"

    exported = tmp_path / "export.json"
    assert main(["export", "--output", str(exported)]) == 0
    (conversation,) = json.loads(exported.read_text(encoding="utf-8"))["conversations"]
    answers = [m for m in conversation["messages"] if m["role"] == "assistant"]
    assert [(m["provider"], m["provider_name"], m["model"]) for m in answers] == [
        ("sim", "Simulator", "sim-reasoning"),  # the name it had when it answered
        ("sim", "Simulator (renamed)", "sim-reasoning"),
    ]
    capsys.readouterr()
    assert main(["export", "--format", "markdown"]) == 0
    assert capsys.readouterr().out.count("sim-reasoning via Simulator (renamed)") == 2
