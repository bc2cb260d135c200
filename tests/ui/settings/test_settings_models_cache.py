"""Removing a provider in Settings drops its models from models-cache.json, and the window's
model lists, the file's one writer, do not write them back later."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.core import paths
from desktop_app.core.settings.model_cache import ListedModel, ModelCache
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.settings.providers_writer import save_providers
from desktop_app.ui.demo import DEMO_ID
from tests.support.ui.settings_helpers import click_save, opened_from, saved
from tests.support.ui.window_helpers import Run, make_window, shut_down


def relay(provider_id: str) -> Provider:
    return Provider(
        id=provider_id, name=provider_id, kind="openai", base_url=f"https://{provider_id}.test/v1"
    )


def cached_ids() -> list[str]:
    return sorted(json.loads(paths.models_cache_file().read_bytes())["providers"])


def test_a_removed_providers_models_leave_the_cache_for_good(
    qtbot: QtBot, run: Run, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept, removed = relay("kept"), relay("removed")
    data_dir.mkdir(parents=True, exist_ok=True)
    save_providers(paths.providers_file(), [removed, kept])
    cache = ModelCache(paths.models_cache_file())
    for provider in (removed, kept):
        cache.store_listed(provider, [ListedModel(f"{provider.id}-model")], datetime.now(UTC))
    cache.remember_typed(relay(DEMO_ID), "demo-typed")  # the Demo is not in the providers file
    cache.save()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window = make_window(qtbot)

    async def body() -> None:
        dialog = await opened_from(window)
        dialog.provider_list.setCurrentRow([d.id for d in dialog.drafts].index("removed"))
        dialog.providers_page.remove_button.click()
        click_save(dialog)
        await saved(dialog)
        await window.models.saved()
        assert cached_ids() == [DEMO_ID, "kept"]
        window.models.save()  # any later write (a refresh, a typed name) writes the whole cache
        await window.models.saved()

    run(body)
    assert cached_ids() == [DEMO_ID, "kept"]
    again = ModelCache.load(paths.models_cache_file())
    assert again.models_for(kept).listed == (ListedModel("kept-model"),)
    assert again.models_for(relay(DEMO_ID)).typed == ("demo-typed",)
    assert [provider.id for provider in window.providers] == ["kept"]
    shut_down(window, run)
