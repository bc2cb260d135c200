"""An error object inside the 200 stream of Gemini (`{"error": {"code": 503, "status":
"UNAVAILABLE"}}`) or of an OpenAI-compatible server (OpenRouter's `{"error": {"code": 502}}`): one
whose code is a passing status, before any text, is retried like that status before the stream;
one that will not pass (a 400), or any after text, is not. The retry note says it with brief()."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from desktop_app.core.errors import Partial, StreamErrorEvent
from desktop_app.core.events import Retrying
from desktop_app.core.network.http_errors import brief
from desktop_app.core.providers.gemini import GeminiStreamParser
from desktop_app.core.providers.openai_compat import OpenAIStreamParser
from desktop_app.core.settings.providers_file import Provider
from desktop_app.simulator import Simulator
from tests.support.streams.chat_helpers import FAST_RETRY, ask, collect, sim_provider
from tests.support.streams.gemini_helpers import gemini_provider
from tests.support.streams.stream_retries import (
    assert_retried_then_answered,
    session_error_after_text,
    session_notes_of_retries,
)
from tests.support.streams.transcripts import run

PROVIDERS: dict[str, Callable[[Simulator], Provider]] = {
    "gemini": gemini_provider,
    "openai": sim_provider,
}


def _data(payload: dict[str, Any]) -> bytes:
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


def _gemini_error(code: int, status: str) -> bytes:
    return _data({"error": {"code": code, "message": "Something happened.", "status": status}})


@pytest.mark.parametrize(
    ("code", "status", "retryable", "words"),
    [
        (503, "UNAVAILABLE", True, "is overloaded right now and stopped"),
        (429, "RESOURCE_EXHAUSTED", True, "is rate-limiting requests and stopped"),
        (500, "INTERNAL", True, "had an internal error and stopped"),
        (504, "DEADLINE_EXCEEDED", True, "timed out and stopped"),
        (400, "INVALID_ARGUMENT", False, "reported an error"),
        (403, "PERMISSION_DENIED", False, "reported an error"),
    ],
)
def test_gemini_errors_are_retryable_when_their_code_is_a_passing_status(
    code: int, status: str, retryable: bool, words: str
) -> None:
    with pytest.raises(StreamErrorEvent) as caught:
        run(GeminiStreamParser("Gemini"), [_gemini_error(code, status)])
    assert caught.value.retryable is retryable
    assert caught.value.status == code
    message = str(caught.value)
    assert f"Gemini {words} before answering ({status}: Something happened.)" in message
    assert "The part received is kept" not in message


@pytest.mark.parametrize(
    ("error", "retryable", "words"),
    [
        ({"code": 503, "message": "No provider"}, True, "is overloaded right now and stopped"),
        ({"code": 502, "message": "Provider down"}, True, "had a server error and stopped"),
        ({"code": 429, "message": "Slow down"}, True, "is rate-limiting requests and stopped"),
        ({"code": 408, "message": "Timed out"}, True, "timed out and stopped"),
        ({"code": "529", "message": "Overloaded"}, True, "is overloaded right now and stopped"),
        ({"code": 400, "message": "Bad request"}, False, "reported an error"),
        ({"code": 402, "message": "No credits"}, False, "reported an error"),
        ({"code": "rate_limit_exceeded", "message": "Words"}, False, "reported an error"),
        ({"message": "The upstream failed", "type": "server_error"}, False, "reported an error"),
    ],
)
def test_openai_errors_are_retryable_when_their_code_is_a_passing_status(
    error: dict[str, Any], retryable: bool, words: str
) -> None:
    role = {"choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}}]}
    with pytest.raises(StreamErrorEvent) as caught:
        run(OpenAIStreamParser("Relay"), [_data(role), _data({"error": error})])
    assert caught.value.retryable is retryable
    message = str(caught.value)
    assert message.startswith(f"Relay {words} before answering (")
    assert f"{error['message']})" in message
    assert "The part received is kept" not in message


def test_an_openai_error_after_text_says_the_part_is_kept() -> None:
    text = {"choices": [{"index": 0, "delta": {"content": "Half"}}]}
    error = {"error": {"code": 502, "message": "Provider down"}}
    with pytest.raises(StreamErrorEvent) as caught:
        run(OpenAIStreamParser("Relay"), [_data(text), _data(error)])
    message = str(caught.value)
    assert "Relay had a server error and stopped in the middle of the answer" in message
    assert "(502: Provider down)" in message
    assert "The part received is kept" in message


@pytest.mark.parametrize(
    ("code", "text", "words"),
    [
        (503, "", "overloaded before the answer began"),
        (529, "", "overloaded before the answer began"),
        (429, "", "rate-limited before the answer began"),
        (504, "", "timed out before the answer began"),
        (500, "", "an internal error before the answer began"),
        (502, "", "a server error before the answer began"),
        (400, "", "an error before the answer began"),
        (None, "", "an error before the answer began"),
        (503, "Half", "overloaded in the middle of the answer"),
    ],
)
def test_brief_names_the_kind_of_a_stream_error(code: int | None, text: str, words: str) -> None:
    error = StreamErrorEvent.reported("Gemini", "said", code, answered=bool(text))
    error.partial = Partial(text)
    assert brief(error) == words


@pytest.mark.parametrize(
    ("dialect", "model", "failures", "reason"),
    [
        ("gemini", "sim-stream-overloaded-2", 2, "overloaded before the answer began"),
        ("gemini", "sim-stream-internal-1", 1, "an internal error before the answer began"),
        ("gemini", "sim-stream-exhausted-1", 1, "rate-limited before the answer began"),
        ("openai", "sim-stream-overloaded-2", 2, "overloaded before the answer began"),
        ("openai", "sim-stream-bad-gateway-1", 1, "a server error before the answer began"),
        ("openai", "sim-stream-rate-limited-1", 1, "rate-limited before the answer began"),
    ],
)
def test_a_passing_error_before_text_is_retried_and_the_answer_completes(
    simulator: Simulator, dialect: str, model: str, failures: int, reason: str
) -> None:
    provider = PROVIDERS[dialect](simulator)
    outcome = collect(provider, simulator.api_key, ask(model), FAST_RETRY)
    retries = assert_retried_then_answered(simulator, outcome, failures)
    assert {r.reason for r in retries} == {reason}


@pytest.mark.parametrize("dialect", PROVIDERS)
def test_retries_of_an_error_before_text_stop_at_the_attempt_limit(
    simulator: Simulator, dialect: str
) -> None:
    provider = PROVIDERS[dialect](simulator)
    outcome = collect(provider, simulator.api_key, ask("sim-stream-overloaded"), FAST_RETRY)
    assert isinstance(outcome.error, StreamErrorEvent)
    said = str(outcome.error)
    assert f"{provider.name} is overloaded right now and stopped before answering" in said
    assert len(outcome.of(Retrying)) == FAST_RETRY.attempts - 1
    assert len(simulator.requests) == FAST_RETRY.attempts
    assert outcome.text == ""


@pytest.mark.parametrize(
    ("dialect", "model", "said"),
    [
        ("gemini", "sim-stream-invalid-argument", "(INVALID_ARGUMENT: Request contains"),
        ("openai", "sim-stream-invalid-request", "(400: Invalid request"),
    ],
)
def test_an_error_that_will_not_pass_is_not_retried(
    simulator: Simulator, dialect: str, model: str, said: str
) -> None:
    provider = PROVIDERS[dialect](simulator)
    outcome = collect(provider, simulator.api_key, ask(model), FAST_RETRY)
    assert isinstance(outcome.error, StreamErrorEvent)
    assert f"{provider.name} reported an error before answering {said}" in str(outcome.error)
    assert outcome.of(Retrying) == []
    assert len(simulator.requests) == 1


@pytest.mark.parametrize(
    ("dialect", "model", "words"),
    [
        ("gemini", "sim-midstream-error", "had an internal error and stopped"),  # 500 INTERNAL
        ("openai", "sim-openrouter-error", "had a server error and stopped"),  # OpenRouter's 502
    ],
)
def test_a_passing_error_after_text_is_shown_with_the_partial_answer_and_not_retried(
    simulator: Simulator, dialect: str, model: str, words: str
) -> None:
    provider = PROVIDERS[dialect](simulator)
    error = session_error_after_text(simulator, provider, model)
    assert f"{provider.name} {words} in the middle of the answer" in error


@pytest.mark.parametrize("dialect", PROVIDERS)
def test_the_retry_note_says_what_brief_says_of_the_error(
    simulator: Simulator, dialect: str
) -> None:
    provider = PROVIDERS[dialect](simulator)
    notes = session_notes_of_retries(simulator, provider, "sim-stream-overloaded-2", 2)
    # The same error from a model that never stops sending it: brief() says what the notes said.
    failed = collect(provider, simulator.api_key, ask("sim-stream-overloaded"), FAST_RETRY)
    assert isinstance(failed.error, StreamErrorEvent)
    said = brief(failed.error)
    assert said == "overloaded before the answer began"
    assert all(note.startswith(f"{provider.name}: {said}; retrying ") for note in notes)
