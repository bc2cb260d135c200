"""A provider edited in the settings dialog keeps what the dialog does not show."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.core.settings.providers_file import Provider
from desktop_app.ui.settings.provider_draft import ProviderDraft

SIMULATED = Provider("sim", "Simulator", "openai", "http://127.0.0.1:9/v1", simulated=True)


def test_a_provider_marked_simulated_by_hand_stays_so_when_edited() -> None:
    draft = ProviderDraft.of_provider(SIMULATED)
    draft.name = "Renamed"
    edited = draft.to_provider("sim")
    assert (edited.name, edited.simulated) == ("Renamed", True)
    real = ProviderDraft.of_provider(replace(SIMULATED, simulated=False)).to_provider("sim")
    assert not real.simulated
