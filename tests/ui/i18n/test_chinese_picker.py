"""The model picker and the settings' presets in Simplified Chinese: a model's tooltip, a
provider's header and hint, the picker's own tooltip, and the presets the Add… menu offers; a
provider keeps the name it was saved with."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import qasync
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.core.settings.keys import KeyResolver
from desktop_app.core.settings.model_cache import ModelEntry
from desktop_app.core.settings.presets import HOLYSHEEP, OLLAMA
from desktop_app.core.settings.providers_file import Provider
from desktop_app.ui.picker.model_picker import ModelPicker
from tests.support.ui.settings_helpers import add, opened, run

_CHINESE = re.compile(r"[\u4e00-\u9fff]")
RELAY = Provider(id="relay", name="Relay", kind="openai", base_url="https://relay.example/v1")
EMPTY = Provider(id="empty", name="Empty", kind="openai", base_url="https://empty.example/v1")


class Listed:
    """A listing as ModelLists gives it: a model from the file, one typed, one the provider
    listed two days ago."""

    def entries(self, provider: Provider) -> list[ModelEntry]:
        if provider.id != "relay":
            return []
        return [
            ModelEntry("gpt-4.1"),
            ModelEntry("mine", None, "typed"),
            ModelEntry("o3", None, "listed"),
        ]

    def fetched_at(self, provider: Provider) -> datetime | None:
        return datetime.now(UTC) - timedelta(days=2) if provider.id == "relay" else None


def show_tooltip(widget: QWidget) -> None:
    at = QPoint(5, 5)
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, at, widget.mapToGlobal(at)))


NAMES = ("gpt-4.1", "OpenAI", "Relay", "Empty", "per M")
"""Models and providers (the user's data, and the catalog's provider), and the prices' own
"per M" (core/money/prices.py, not translated yet)."""


def english_left(text: str) -> list[str]:
    """Two English words in a row once the names are taken out: a sentence left in English."""
    for name in NAMES:
        text = text.replace(name, " ")
    return re.findall(r"[A-Za-z]+(?: [A-Za-z]+)+", text)


def test_the_pickers_rows_and_tooltips_are_in_chinese(
    in_simplified_chinese: None, qtbot: QtBot
) -> None:
    picker = ModelPicker()
    qtbot.addWidget(picker)
    show_tooltip(picker)
    assert picker.toolTip() == "选择一个模型，或输入模型名称"
    assert picker.accessibleName() == "模型"
    picker.set_providers([replace(RELAY, models=("gpt-4.1",)), EMPTY], Listed())
    labels = picker.labels()
    assert (labels[0], labels[-2]) == ("Relay", "Empty")
    assert labels[-1] == "还没有模型：请刷新模型列表，或在上方输入模型名称"
    rows = picker.rows
    tips = [rows.index(row).data(Qt.ItemDataRole.ToolTipRole) for row in range(rows.rowCount())]
    header, from_file, typed, listed, empty_header, _ = tips
    assert header.startswith("Relay：列表于 2 天前获取，")
    assert empty_header.startswith("Empty：模型来自你的服务商配置文件")
    assert from_file.splitlines()[0] == "gpt-4.1，通过 Relay"
    assert " 输入 / 输出（" in from_file.splitlines()[1]
    assert from_file.splitlines()[2] == "来自你的服务商配置文件"
    assert typed.splitlines()[2] == "由你手动输入"
    assert listed.splitlines()[2] == "由 Relay 提供的列表"
    for tip in tips:
        assert tip is None or (_CHINESE.search(tip) and english_left(tip) == []), tip


def test_the_presets_are_offered_in_chinese_and_a_saved_name_is_kept(
    in_simplified_chinese: None, qloop: qasync.QEventLoop, data_dir: Path, qapp: QApplication
) -> None:
    saved = replace(HOLYSHEEP.provider(), name="HolySheep relay")  # saved in English earlier

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await opened([saved], KeyResolver(), client, data_dir / "providers.toml")
        try:
            offered = [action.text() for action in dialog.providers_page.add_menu.actions()]
            assert f"HolySheep 中转站   —   {HOLYSHEEP.base_url}" in offered
            assert f"Ollama（本地）   —   {OLLAMA.base_url}" in offered
            assert "OpenAI   —   https://api.openai.com/v1" in offered, "a brand as it is"
            assert dialog.drafts[0].name == "HolySheep relay", "the saved name, untouched"
            add(dialog, OLLAMA)
            assert dialog.form.name_edit.text() == "Ollama（本地）"
            assert dialog.drafts[-1].id_for_new({"holysheep"}) == "ollama", "the preset's id"
        finally:
            dialog.close()

    run(qloop, body)
