"""Reading error bodies and Retry-After headers, and hiding keys that servers echo."""

from __future__ import annotations

import email.utils
import time

import pytest

from desktop_app.core.errors import (
    AuthenticationError,
    ContextTooLong,
    RateLimited,
    ServerError,
    UnexpectedResponse,
    is_retryable_status,
)
from desktop_app.core.network.http_errors import brief, redirect_error
from desktop_app.core.network.redaction import redact
from desktop_app.core.network.status_errors import error_for_status, retry_after_seconds
from desktop_app.core.settings.providers_file import Provider

RELAY = Provider(id="relay", name="Relay", kind="openai", base_url="https://relay.example/v1")


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "1500", "Retry-After": "9"}, 1.5),
        ({"Retry-After": "7"}, 7.0),
        ({"retry-after": "0"}, 0.0),
        ({"Retry-After": "soon"}, None),
        ({"retry-after-ms": "x", "Retry-After": "3"}, 3.0),
        ({}, None),
    ],
)
def test_retry_after_headers(headers: dict[str, str], expected: float | None) -> None:
    assert retry_after_seconds(headers) == expected


def test_retry_after_http_date() -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    wait = retry_after_seconds({"Retry-After": when})
    assert wait is not None
    assert 25 <= wait <= 31
    past = email.utils.formatdate(time.time() - 30, usegmt=True)
    assert retry_after_seconds({"Retry-After": past}) == 0.0


def test_redact_hides_every_copy_of_the_key() -> None:
    assert (
        redact("bad key sk-abc123 (sk-abc123)", "sk-abc123")
        == "bad key [key hidden] ([key hidden])"
    )
    assert redact("nothing here", None) == "nothing here"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b'{"error": {"message": "Invalid key", "type": "invalid_request_error"}}', "Invalid key"),
        (
            b'{"type": "error", "error": {"type": "authentication_error", '
            b'"message": "bad x-api-key"}}',
            "bad x-api-key",
        ),
        (
            b'[{"error": {"code": 401, "message": "API key not valid", '
            b'"status": "UNAUTHENTICATED"}}]',
            "API key not valid",
        ),
        (
            b'{"error": {"code": 401, "message": "No auth credentials found"}}',
            "No auth credentials",
        ),
        (b'{"detail": "Not authenticated"}', "Not authenticated"),
        (b'{"error": "unauthorized"}', "unauthorized"),
    ],
)
def test_error_messages_of_every_provider_shape(body: bytes, words: str) -> None:
    error = error_for_status(RELAY, "m", 401, {}, body, None)
    assert isinstance(error, AuthenticationError)
    assert words in str(error)
    assert error.detail == words or words in error.detail


def test_html_page_gives_its_title() -> None:
    page = b"<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>"
    error = error_for_status(RELAY, "m", 502, {}, page, None)
    assert isinstance(error, UnexpectedResponse)
    assert error.retryable
    assert "'502 Bad Gateway'" in str(error)


def test_base_url_hint_only_when_it_lacks_a_version() -> None:
    page = b"<html><title>Welcome</title></html>"
    bare = Provider(id="r", name="Relay", kind="openai", base_url="https://relay.example")
    assert "usually ends with /v1" in str(error_for_status(bare, "m", 200, {}, page, None))
    assert "usually ends with /v1" not in str(error_for_status(RELAY, "m", 200, {}, page, None))


def test_html_on_a_clear_status_keeps_the_status_meaning() -> None:
    error = error_for_status(RELAY, "m", 401, {}, b"<html><title>Unauthorized</title></html>", None)
    assert isinstance(error, AuthenticationError)


def test_anthropic_prompt_too_long_is_context_too_long() -> None:
    body = (
        b'{"type":"error","error":{"type":"invalid_request_error",'
        b'"message":"prompt is too long: 210000 tokens > 200000 maximum"}}'
    )
    assert isinstance(error_for_status(RELAY, "m", 400, {}, body, None), ContextTooLong)


def test_server_error_carries_retry_after() -> None:
    error = error_for_status(RELAY, "m", 503, {"Retry-After": "4"}, b"{}", None)
    assert isinstance(error, ServerError)
    assert error.retry_after == 4.0
    limited = error_for_status(RELAY, "m", 429, {}, b"{}", None)
    assert isinstance(limited, RateLimited)
    assert limited.retry_after is None
    assert "Wait a moment" in str(limited)


def test_long_details_are_shortened() -> None:
    body = ('{"error": {"message": "' + "x" * 5000 + '"}}').encode()
    error = error_for_status(RELAY, "m", 500, {}, body, None)
    assert len(str(error)) < 600


@pytest.mark.parametrize(
    ("status", "retryable"),
    [
        (400, False),
        (401, False),
        (402, False),
        (404, False),
        (408, True),
        (409, True),
        (429, True),
        (500, True),
        (503, True),
        (529, True),
        (599, True),
    ],
)
def test_retryable_statuses(status: int, retryable: bool) -> None:
    assert is_retryable_status(status) is retryable


def test_a_rate_limit_reads_as_one_sentence_and_its_retry_note_as_a_few_words() -> None:
    body = b'{"error": {"message": "Rate limit reached. Please try again in 2s."}}'
    error = error_for_status(RELAY, "m", 429, {"retry-after-ms": "1500"}, body, None)
    assert str(error) == (
        "Relay is rate-limiting requests (429: Rate limit reached. Please try again in 2s). "
        "Wait 1.5 s and try again, or switch to another model."
    )
    assert brief(error) == "rate-limited (HTTP 429)"
    overloaded = error_for_status(RELAY, "m", 503, {}, b'{"error": "busy"}', None)
    assert brief(overloaded) == "server trouble (HTTP 503)"


def test_control_characters_in_an_error_body_are_left_out() -> None:
    error = error_for_status(RELAY, "m", 500, {}, b"\x00" * 300 + b"upstream\x07 failed", None)
    assert "\x00" not in str(error)
    assert "\\x00" not in str(error)
    assert "upstream failed" in str(error)


def test_a_redirects_address_is_shortened_like_a_servers_words() -> None:
    where = "https://elsewhere.example/" + "a" * 5000
    error = redirect_error(RELAY, "https://relay.example/v1/chat", 307, {"location": where})
    assert "https://elsewhere.example/aaa" in str(error)
    assert len(str(error)) < 600


def test_a_placeholder_key_is_hidden_as_the_servers_word_not_in_tallys_own() -> None:
    # A local server given "ollama" (or "x"): Tally's sentence, the provider's name and the
    # model's stay whole; the key the server quoted is hidden.
    local = Provider(
        id="ollama", name="Ollama", kind="openai", base_url="http://localhost:11434/v1"
    )
    body = b'{"error": {"message": "model \\"mixtral:8x7b\\" not found, key ollama"}}'
    error = error_for_status(local, "mixtral:8x7b", 404, {}, body, "ollama")
    assert "Ollama" in str(error)
    assert "mixtral:8x7b" in str(error)
    assert "key [key hidden]" in str(error)
    body = b'{"error": {"message": "maximum context length; key x"}}'
    said = error_for_status(local, "mixtral:8x7b", 400, {}, body, "x")
    assert "maximum context length; key [key hidden]" in str(said)
    assert "mixtral:8x7b" in str(said)
