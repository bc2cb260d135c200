"""Wire protocols: each module turns a chat request into HTTP and decoded events into ChatEvents."""

from __future__ import annotations

from desktop_app.core.config import Kind
from desktop_app.core.errors import ConfigError
from desktop_app.core.providers.base import WireProtocol
from desktop_app.core.providers.openai_compat import OpenAICompatible


def protocol_for(kind: Kind) -> WireProtocol:
    """The wire protocol that speaks a provider kind."""
    if kind == "openai":
        return OpenAICompatible()
    # Anthropic and Gemini native formats arrive with their own issue; say so, never guess.
    raise ConfigError(
        f'Providers of kind {kind!r} are not supported yet; use kind = "openai" with the '
        "provider's OpenAI-compatible base URL."
    )
