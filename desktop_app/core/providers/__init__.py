"""Wire protocols: each module turns a chat request into HTTP and decoded events into ChatEvents."""

from __future__ import annotations

from desktop_app.core.providers.base import WireProtocol
from desktop_app.core.providers.openai_compat import OpenAICompatible
from desktop_app.core.settings.providers_file import Kind


def protocol_for(kind: Kind) -> WireProtocol:
    """The wire protocol that speaks a provider kind."""
    if kind == "anthropic":
        return _anthropic()
    if kind == "gemini":
        return _gemini()
    return OpenAICompatible()


# Imported when first asked for: most people use one kind, and start-up should not pay for all.
def _anthropic() -> WireProtocol:
    from desktop_app.core.providers.anthropic import AnthropicMessages

    return AnthropicMessages()


def _gemini() -> WireProtocol:
    from desktop_app.core.providers.gemini import GeminiAPI

    return GeminiAPI()
