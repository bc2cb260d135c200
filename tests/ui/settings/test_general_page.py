"""Settings → General: the language, saved to settings.toml for the next start."""

from __future__ import annotations

from pathlib import Path

import httpx
import qasync

from desktop_app.core.settings.app_settings import load_settings
from tests.support.ui.settings_helpers import click_save, money_tab, run, saved


def test_the_language_picked_is_saved_for_the_next_start(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    path = data_dir / "settings.toml"

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await money_tab(client, data_dir)
        page = dialog.general_page
        dialog.tabs.setCurrentWidget(page)
        box = page.language_box
        assert box.currentData() == "system"
        assert box.itemText(0).endswith("(English)"), "the system's language, named"
        assert [box.itemText(n) for n in range(1, 4)] == ["English", "简体中文", "繁體中文"]
        box.setCurrentIndex(2)
        click_save(dialog)
        await saved(dialog)
        again = await money_tab(client, data_dir)
        assert again.general_page.language_box.currentData() == "zh_CN"

    run(qloop, body)
    assert load_settings(path).language == "zh_CN"
    assert '[general]\nlanguage = "zh_CN"' in path.read_text(encoding="utf-8")
