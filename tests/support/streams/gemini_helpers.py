"""Helpers for tests that speak Gemini's own format to the simulator."""

from __future__ import annotations

from desktop_app.core.settings.providers_file import ModelPrice, Provider, Timeouts
from desktop_app.simulator import Simulator


def gemini_root(sim: Simulator) -> str:
    """The simulator as a Gemini base_url: the host, with no version (the adapter adds /v1beta)."""
    return f"http://127.0.0.1:{sim.port}"


def gemini_provider(
    sim: Simulator, *, prices: dict[str, ModelPrice] | None = None, **timeouts: float
) -> Provider:
    """A gemini-kind provider pointing at the simulator."""
    return Provider(
        id="gemini",
        name="Gemini",
        kind="gemini",
        base_url=gemini_root(sim),
        prices=prices or {},
        timeouts=Timeouts(**timeouts),
    )
