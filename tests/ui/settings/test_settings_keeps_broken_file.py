"""A providers.toml that did not load is never saved over: Settings says so before saving, and
Save keeps the hand-edited file as providers.toml.bak, byte for byte."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop_app.core import paths
from desktop_app.core.settings.presets import OLLAMA
from desktop_app.core.settings.providers_file import load_providers
from tests.support.ui.settings_helpers import add, click_save, opened_from, saved
from tests.support.ui.window_helpers import Run, make_window, shut_down
from tests.support.waiting import until

HAND_EDITED = """\
[[provider]]
id = "relay"
name = "My relay"
kind = "openai"
base_url = "https://relay.example/v1"

[provider.prices."deepseek-chat"]
input = 0.2
output = 0.4

[[provider]]
id = "second"
name = "Second"
kind = "openai"
base_url = "https://second.example/v1"
timeouts = { connect = "ten" }
"""


def test_saving_settings_keeps_a_file_that_did_not_load(
    qtbot: QtBot, run: Run, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    path = paths.providers_file()
    path.write_text(HAND_EDITED, encoding="utf-8")
    window = make_window(qtbot)
    assert "providers.toml" in window.banner.label.text()

    async def body() -> None:
        dialog = await opened_from(window)
        warning = dialog.message.text()
        assert "line 16" in warning or "connect" in warning, warning
        assert "Saving keeps that file as providers.toml.bak" in warning
        add(dialog, OLLAMA)
        click_save(dialog)
        await saved(dialog)
        # Saving asks the new Ollama for its models: let that end (refused, nothing listens)
        # rather than cancel it at shut-down, in the middle of anyio's connect.
        await until(lambda: not window.models.refreshing)

    run(body)
    assert path.with_name("providers.toml.bak").read_text(encoding="utf-8") == HAND_EDITED
    assert [provider.id for provider in load_providers(path)] == ["ollama"]
    shut_down(window, run)
