"""Helpers for tests that stream from the simulator in the Anthropic Messages format."""

from __future__ import annotations

from decimal import Decimal

from desktop_app.core.settings.providers_file import ModelPrice, Provider, Timeouts
from desktop_app.simulator import Simulator


def anthropic_provider(sim: Simulator, *, versioned: bool = False, **timeouts: float) -> Provider:
    """An anthropic-kind provider pointing at the simulator.

    Its base URL is the server's root, as Anthropic's own is written (https://api.anthropic.com);
    `versioned` writes it with /v1, as some people will.
    """
    root = sim.base_url.removesuffix("/v1")
    return Provider(
        id="claude",
        name="Anthropic",
        kind="anthropic",
        base_url=sim.base_url if versioned else root,
        timeouts=Timeouts(**timeouts),
    )


def claude_price() -> ModelPrice:
    """Claude Sonnet's prices per million tokens, with Anthropic's cache read and write prices."""
    return ModelPrice(
        input=Decimal("3.00"),
        output=Decimal("15.00"),
        cached_input=Decimal("0.30"),
        cache_write=Decimal("3.75"),
    )
