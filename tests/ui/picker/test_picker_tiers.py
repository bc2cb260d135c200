"""The model picker's tooltip names the dearer rates of a model priced in tiers (the catalog's
Claude Sonnet 4.5: more above 200k input tokens), and nothing more for a flat price."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.core.settings.presets import ANTHROPIC
from desktop_app.ui.picker.model_picker import ModelPicker


def test_the_tooltip_of_a_tiered_model_gives_its_dearer_rates(qtbot: QtBot) -> None:
    picker = ModelPicker()
    qtbot.addWidget(picker)
    # At the vendor's own URL, from the catalog: Sonnet 4.5 in two tiers, Haiku 4.5 flat.
    picker.set_providers([ANTHROPIC.provider()])  # claude-sonnet-4-5, claude-haiku-4-5
    sonnet, haiku = (picker.rows.index(row).data(Qt.ItemDataRole.ToolTipRole) for row in (1, 2))

    name, price, tier, origin = sonnet.splitlines()
    assert name == "claude-sonnet-4-5 via Anthropic"
    assert price.startswith("$3.00 / $15.00 per M input / output (genai-prices ")
    assert tier == "$6.00 / $22.50 above 200k input tokens"
    assert origin == "in your providers file"

    name, price, origin = haiku.splitlines()  # a flat price: no line about long prompts
    assert price.startswith("$1.00 / $5.00 per M input / output (genai-prices ")
    assert "above" not in haiku
