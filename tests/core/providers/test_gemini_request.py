"""The request Tally sends to Gemini: the URL, the key's header, and the body's mapping."""

from __future__ import annotations

import pytest

from desktop_app.core.providers import protocol_for
from desktop_app.core.providers.base import ChatRequest, Message
from desktop_app.core.providers.gemini import GeminiAPI, api_root, model_path, request_body
from desktop_app.core.settings.providers_file import Provider

KEY = "AIzaSyD-test-key-0123456789"


def _provider(base_url: str = "https://generativelanguage.googleapis.com") -> Provider:
    return Provider(id="gemini", name="Gemini", kind="gemini", base_url=base_url)


def test_protocol_for_gemini_is_the_native_adapter() -> None:
    assert isinstance(protocol_for("gemini"), GeminiAPI)


@pytest.mark.parametrize(
    ("base_url", "root"),
    [
        (
            "https://generativelanguage.googleapis.com",
            "https://generativelanguage.googleapis.com/v1beta",
        ),
        (
            "https://generativelanguage.googleapis.com/",
            "https://generativelanguage.googleapis.com/v1beta",
        ),
        (
            "https://generativelanguage.googleapis.com/v1beta",
            "https://generativelanguage.googleapis.com/v1beta",
        ),
        (
            "https://generativelanguage.googleapis.com/v1",
            "https://generativelanguage.googleapis.com/v1",
        ),
        ("https://proxy.example/gemini", "https://proxy.example/gemini/v1beta"),
    ],
)
def test_the_api_root_adds_a_version_only_when_none_is_written(base_url: str, root: str) -> None:
    assert api_root(base_url) == root


@pytest.mark.parametrize(
    ("model", "path"),
    [
        ("gemini-2.5-flash", "models/gemini-2.5-flash"),
        ("models/gemini-2.5-flash", "models/gemini-2.5-flash"),
        (" gemini-2.5-pro ", "models/gemini-2.5-pro"),
        ("tunedModels/my-model-42", "tunedModels/my-model-42"),
        ("odd name?", "models/odd%20name%3F"),
    ],
)
def test_model_names_with_or_without_the_models_prefix(model: str, path: str) -> None:
    assert model_path(model) == path


def test_stream_url_and_the_key_in_a_header_only() -> None:
    chat = ChatRequest("models/gemini-2.5-flash", (Message("user", "Hi"),))
    request = GeminiAPI().build_request(_provider(), KEY, chat)
    assert request.method == "POST"
    assert request.url == (
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash"
        ":streamGenerateContent?alt=sse"
    )
    assert request.headers["x-goog-api-key"] == KEY
    assert request.headers["Accept"] == "text/event-stream"
    assert "Authorization" not in request.headers
    assert KEY not in request.url
    assert KEY not in repr(request)  # headers stay out of the repr, which may be logged


def test_no_key_sends_no_key_header() -> None:
    chat = ChatRequest("m", (Message("user", "Hi"),))
    request = GeminiAPI().build_request(_provider("http://localhost:8080"), None, chat)
    assert "x-goog-api-key" not in request.headers


def test_roles_are_mapped_and_consecutive_turns_merged() -> None:
    chat = ChatRequest(
        "m",
        (
            Message("user", "First"),
            Message("assistant", "Answer"),
            Message("user", "Second"),
            Message("user", "Second, again"),
            Message("assistant", ""),  # a failed answer with no text is left out
            Message("user", "Third"),
        ),
    )
    assert request_body(chat)["contents"] == [
        {"role": "user", "parts": [{"text": "First"}]},
        {"role": "model", "parts": [{"text": "Answer"}]},
        {
            "role": "user",
            "parts": [{"text": "Second"}, {"text": "Second, again"}, {"text": "Third"}],
        },
    ]


def test_system_prompt_is_the_system_instruction() -> None:
    chat = ChatRequest(
        "m",
        (Message("system", "Answer in French."), Message("user", "Hi")),
        system="Be brief.",
    )
    body = request_body(chat)
    assert body["systemInstruction"] == {
        "parts": [{"text": "Be brief."}, {"text": "Answer in French."}]
    }
    assert body["contents"] == [{"role": "user", "parts": [{"text": "Hi"}]}]


def test_no_generation_config_when_nothing_is_set() -> None:
    body = request_body(ChatRequest("m", (Message("user", "Hi"),)))
    assert body == {"contents": [{"role": "user", "parts": [{"text": "Hi"}]}]}


def test_generation_config_with_sampling_and_thinking() -> None:
    chat = ChatRequest(
        "m", (Message("user", "Hi"),), temperature=0.2, max_tokens=800, thinking_budget=1024
    )
    assert request_body(chat)["generationConfig"] == {
        "temperature": 0.2,
        "maxOutputTokens": 800,
        "thinkingConfig": {"includeThoughts": True, "thinkingBudget": 1024},
    }
