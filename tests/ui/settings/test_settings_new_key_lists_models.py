"""Saving a new key in Settings asks that provider for its models, as the user would expect:
the key is what the list was waiting for."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop_app.core import paths
from desktop_app.simulator import Simulator
from tests.support.ui.settings_helpers import click_save, opened_from, saved, type_text
from tests.support.ui.window_helpers import Run, make_window, shut_down
from tests.support.waiting import until


def test_saving_a_new_key_refreshes_that_providers_models(
    qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    paths.providers_file().write_text(
        f'[[provider]]\nid = "sim"\nname = "Relay"\nbase_url = "{simulator.base_url}"\n',
        encoding="utf-8",
    )
    window = make_window(qtbot)
    assert simulator.api_key is not None
    key = simulator.api_key

    def listed() -> int:
        return sum(request.path.endswith("/models") for request in simulator.requests)

    async def body() -> None:
        dialog = await opened_from(window)
        type_text(dialog.form.key_edit, key)
        click_save(dialog)
        await saved(dialog)
        await until(lambda: listed() == 1)
        await until(lambda: bool(window.models.cache.models_for(window.providers[0]).listed))

    try:
        assert listed() == 0
        run(body)
    finally:
        shut_down(window, run)
