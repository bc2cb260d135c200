"""The offline Demo provider: the simulator started in-process on 127.0.0.1, so that a newcomer
sees streaming, reasoning and costs work before entering a key. Its answers are simulated."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from desktop_app.core.settings.provider_names import DEMO_ID, DEMO_NAME
from desktop_app.core.settings.providers_file import ModelPrice, Provider

if TYPE_CHECKING:
    from desktop_app.simulator import Simulator

__all__ = ["DEMO_ID", "DEMO_MODELS", "DEMO_NAME", "Demo"]  # the id and name live in the core

# Illustrative prices (the seed relay's DeepSeek and GPT-4.1 figures), so the meter has numbers.
_CHEAP = ModelPrice(Decimal("0.27"), Decimal("0.42"))
_DEAR = ModelPrice(Decimal("2.00"), Decimal("8.00"))
DEMO_MODELS = {"sim-normal": _CHEAP, "sim-reasoning": _CHEAP, "sim-long": _DEAR, "sim-echo": _CHEAP}


class Demo:
    """Owns the in-process simulator behind the Demo provider."""

    def __init__(self, token_delay: float = 0.02) -> None:
        self.token_delay = token_delay
        self.simulator: Simulator | None = None
        """Made when the demo first starts: the app does not load the simulator to start."""
        self.provider: Provider | None = None

    def start(self) -> Provider:
        """Start the simulator (idempotent) and return the provider that points at it."""
        if self.provider is None:
            if self.simulator is None:
                from desktop_app.simulator import Simulator

                self.simulator = Simulator(api_key=None, token_delay=self.token_delay)
            self.simulator.start()
            self.provider = Provider(
                id=DEMO_ID,
                name=DEMO_NAME,
                kind="openai",
                base_url=self.simulator.base_url,
                models=tuple(DEMO_MODELS),
                prices=dict(DEMO_MODELS),
                simulated=True,
            )
        return self.provider

    def stop(self) -> None:
        if self.provider is not None and self.simulator is not None:
            self.simulator.stop()
            self.provider = None
