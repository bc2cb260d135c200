"""The Messages request Tally builds: URL, headers, system prompt, turns, max_tokens, thinking."""

from __future__ import annotations

import pytest

from desktop_app.core.providers import protocol_for
from desktop_app.core.providers.anthropic import (
    CONTINUE_PROMPT,
    DEFAULT_MAX_TOKENS,
    AnthropicMessages,
    api_url,
)
from desktop_app.core.providers.base import ChatRequest, HttpRequest, Message
from desktop_app.core.settings.providers_file import Provider

ANTHROPIC = Provider(
    id="anthropic", name="Anthropic", kind="anthropic", base_url="https://api.anthropic.com"
)


def _build(*turns: Message, key: str | None = "sk-ant-test", **extra: object) -> HttpRequest:
    chat = ChatRequest(model="claude-sonnet-4-5", messages=turns, **extra)  # type: ignore[arg-type]
    return AnthropicMessages().build_request(ANTHROPIC, key, chat)


def test_protocol_for_the_anthropic_kind() -> None:
    assert isinstance(protocol_for("anthropic"), AnthropicMessages)


@pytest.mark.parametrize(
    ("base_url", "url"),
    [
        ("https://api.anthropic.com", "https://api.anthropic.com/v1/messages"),
        ("https://api.anthropic.com/", "https://api.anthropic.com/v1/messages"),
        ("https://api.anthropic.com/v1", "https://api.anthropic.com/v1/messages"),
        ("https://relay.example/anthropic", "https://relay.example/anthropic/v1/messages"),
    ],
)
def test_the_messages_url_from_either_way_of_writing_the_base_url(base_url: str, url: str) -> None:
    assert api_url(base_url, "messages") == url


def test_headers_carry_the_key_and_the_api_version() -> None:
    request = _build(Message("user", "Hi"))
    assert request.method == "POST"
    assert request.url == "https://api.anthropic.com/v1/messages"
    assert request.headers["x-api-key"] == "sk-ant-test"
    assert request.headers["anthropic-version"] == "2023-06-01"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["accept"] == "text/event-stream"
    assert "authorization" not in {name.lower() for name in request.headers}
    assert "sk-ant-test" not in repr(request)


def test_no_key_header_without_a_key() -> None:
    assert "x-api-key" not in _build(Message("user", "Hi"), key=None).headers


def test_the_body_of_a_plain_question() -> None:
    body = _build(Message("user", "Hi")).json
    assert body == {
        "model": "claude-sonnet-4-5",
        "messages": [{"role": "user", "content": "Hi"}],
        "max_tokens": DEFAULT_MAX_TOKENS,
        "stream": True,
    }


def test_system_prompt_and_system_turns_go_to_the_top_level_field() -> None:
    body = _build(
        Message("system", "Imported rule."),
        Message("user", "Hi"),
        system="Be brief.",
        temperature=0.2,
        max_tokens=300,
    ).json
    assert body["system"] == "Be brief.\n\nImported rule."
    assert body["messages"] == [{"role": "user", "content": "Hi"}]
    assert body["temperature"] == 0.2
    assert body["max_tokens"] == 300


def test_same_role_neighbours_are_merged_so_turns_alternate() -> None:
    body = _build(
        Message("user", "First question"),
        Message("user", "Second question"),  # the answer between them failed with no text
        Message("assistant", "An answer"),
        Message("assistant", "More of it"),
        Message("user", "Thanks"),
    ).json
    assert body["messages"] == [
        {"role": "user", "content": "First question\n\nSecond question"},
        {"role": "assistant", "content": "An answer\n\nMore of it"},
        {"role": "user", "content": "Thanks"},
    ]


@pytest.mark.parametrize(
    "turns",
    [(), (Message("assistant", "Hello, how can I help?"), Message("user", "Tell me more"))],
)
def test_a_conversation_that_does_not_start_with_the_user_gets_a_first_user_turn(
    turns: tuple[Message, ...],
) -> None:
    messages = _build(*turns).json["messages"]
    assert messages[0] == {"role": "user", "content": CONTINUE_PROMPT}
    assert [m["role"] for m in messages] == ["user", "assistant", "user"][: len(messages)]
    assert len(messages) == len(turns) + 1


def test_a_last_assistant_turn_loses_its_trailing_whitespace() -> None:
    messages = _build(Message("user", "Hi"), Message("assistant", "Sure:\n\n")).json["messages"]
    assert messages[-1] == {"role": "assistant", "content": "Sure:"}


def test_thinking_is_asked_for_with_the_budget_and_without_temperature() -> None:
    body = _build(Message("user", "Hi"), thinking_budget=4000, temperature=0.7).json
    assert body["thinking"] == {"type": "enabled", "budget_tokens": 4000}
    assert body["max_tokens"] == DEFAULT_MAX_TOKENS
    assert "temperature" not in body  # the API refuses temperature with thinking


def test_a_thinking_budget_under_the_minimum_is_raised_to_it() -> None:
    body = _build(Message("user", "Hi"), thinking_budget=100).json
    assert body["thinking"]["budget_tokens"] == 1024


def test_max_tokens_stays_larger_than_the_thinking_budget() -> None:
    body = _build(Message("user", "Hi"), thinking_budget=10_000, max_tokens=2000).json
    assert body["max_tokens"] == 12_000  # the answer keeps the 2000 it asked for
    body = _build(Message("user", "Hi"), thinking_budget=16_000).json
    assert body["max_tokens"] == 16_000 + DEFAULT_MAX_TOKENS


@pytest.mark.parametrize(
    ("model", "limit"),
    [
        ("claude-3-haiku-20240307", 4096),  # refuses anything above its 4096 output tokens
        ("claude-3-opus-latest", 4096),
        ("claude-3-5-haiku-latest", DEFAULT_MAX_TOKENS),
        ("claude-3-7-sonnet-latest", DEFAULT_MAX_TOKENS),
        ("claude-sonnet-4-5", DEFAULT_MAX_TOKENS),
    ],
)
def test_the_default_max_tokens_fits_the_model(model: str, limit: int) -> None:
    chat = ChatRequest(model=model, messages=(Message("user", "Hi"),))
    assert AnthropicMessages().build_request(ANTHROPIC, None, chat).json["max_tokens"] == limit
