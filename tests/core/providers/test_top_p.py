"""top_p in each protocol's request: OpenAI's `top_p`, Anthropic's `top_p` (left out with
thinking, as temperature is), Gemini's generationConfig `topP`."""

from __future__ import annotations

from typing import Any

from desktop_app.core.providers import protocol_for
from desktop_app.core.providers.base import ChatRequest, Message
from desktop_app.core.settings.providers_file import Kind, Provider


def _body(kind: Kind, **extra: Any) -> dict[str, Any]:
    provider = Provider(id=kind, name=kind, kind=kind, base_url="https://api.example")
    chat = ChatRequest("m", (Message("user", "Hi"),), **extra)
    return protocol_for(kind).build_request(provider, "k", chat).json


def test_openai_sends_top_p_only_when_set() -> None:
    assert _body("openai", top_p=0.9)["top_p"] == 0.9
    assert "top_p" not in _body("openai")


def test_anthropic_sends_top_p_beside_temperature() -> None:
    body = _body("anthropic", top_p=0.8, temperature=0.5)
    assert (body["top_p"], body["temperature"]) == (0.8, 0.5)
    assert "top_p" not in _body("anthropic")


def test_anthropic_leaves_top_p_out_with_thinking() -> None:
    body = _body("anthropic", top_p=0.8, thinking_budget=2048)
    assert "thinking" in body
    assert "top_p" not in body


def test_gemini_sends_top_p_in_the_generation_config() -> None:
    assert _body("gemini", top_p=0.7, temperature=0.1)["generationConfig"] == {
        "temperature": 0.1,
        "topP": 0.7,
    }
    assert "generationConfig" not in _body("gemini")
