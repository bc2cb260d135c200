"""Wire protocols: each module turns a chat request into HTTP and decoded events into ChatEvents."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.core.providers.base import WireProtocol
    from desktop_app.core.settings.providers_file import Kind


def protocol_for(kind: Kind) -> WireProtocol:
    """The wire protocol that speaks a provider kind."""
    if kind == "anthropic":
        return _anthropic()
    if kind == "gemini":
        return _gemini()
    return _openai()


# Imported when first asked for: most people use one kind, and start-up should not pay for all
# (the app's start loads this package for base.Role, which the history names, and needs none).
def _openai() -> WireProtocol:
    from desktop_app.core.providers.openai_compat import OpenAICompatible

    return OpenAICompatible()


def _anthropic() -> WireProtocol:
    from desktop_app.core.providers.anthropic import AnthropicMessages

    return AnthropicMessages()


def _gemini() -> WireProtocol:
    from desktop_app.core.providers.gemini import GeminiAPI

    return GeminiAPI()
