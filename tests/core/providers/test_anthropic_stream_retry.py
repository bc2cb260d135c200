"""An `event: error` inside Anthropic's 200 stream: a passing one (overloaded_error, api_error, ...)
before any text is retried like a 529 before the stream, with the same backoff and attempt limit;
after text, or of a kind that will not pass (invalid_request_error), it is not."""

from __future__ import annotations

import json

import pytest

from desktop_app.core.errors import StreamErrorEvent
from desktop_app.core.events import Retrying
from desktop_app.core.providers.anthropic import AnthropicStreamParser
from desktop_app.simulator import Simulator
from tests.support.streams.anthropic_helpers import anthropic_provider
from tests.support.streams.chat_helpers import FAST_RETRY, ask, collect
from tests.support.streams.stream_retries import (
    assert_retried_then_answered,
    session_error_after_text,
    session_notes_of_retries,
)
from tests.support.streams.transcripts import run


def _error(kind: str, message: str) -> bytes:
    data = json.dumps({"type": "error", "error": {"type": kind, "message": message}})
    return f"event: error\ndata: {data}\n\n".encode()


def _text(text: str) -> bytes:
    delta = {
        "type": "content_block_delta",
        "index": 0,
        "delta": {"type": "text_delta", "text": text},
    }
    return f"event: content_block_delta\ndata: {json.dumps(delta)}\n\n".encode()


@pytest.mark.parametrize(
    ("kind", "retryable"),
    [
        ("overloaded_error", True),
        ("api_error", True),
        ("rate_limit_error", True),
        ("timeout_error", True),
        ("invalid_request_error", False),
        ("authentication_error", False),
        ("billing_error", False),
    ],
)
def test_passing_error_types_are_retryable(kind: str, retryable: bool) -> None:
    with pytest.raises(StreamErrorEvent) as caught:
        run(AnthropicStreamParser("Anthropic"), [_error(kind, "Something")])
    assert caught.value.retryable is retryable
    assert f"before answering ({kind}: Something)" in str(caught.value)
    assert "The part received is kept" not in str(caught.value)


def test_after_text_the_error_says_the_part_is_kept() -> None:
    with pytest.raises(StreamErrorEvent) as caught:
        run(AnthropicStreamParser("Anthropic"), [_text("Half"), _error("overloaded_error", "x")])
    assert "stopped in the middle of the answer (overloaded_error: x)" in str(caught.value)
    assert "The part received is kept" in str(caught.value)


@pytest.mark.parametrize(
    ("model", "failures", "reason"),
    [
        ("sim-stream-overloaded-2", 2, "overloaded before the answer began"),
        ("sim-stream-api-error-1", 1, "an internal error before the answer began"),
    ],
)
def test_a_passing_error_before_text_is_retried_and_the_answer_completes(
    simulator: Simulator, model: str, failures: int, reason: str
) -> None:
    outcome = collect(anthropic_provider(simulator), simulator.api_key, ask(model), FAST_RETRY)
    retries = assert_retried_then_answered(simulator, outcome, failures)
    assert {r.reason for r in retries} == {reason}


def test_retries_of_an_error_before_text_stop_at_the_attempt_limit(simulator: Simulator) -> None:
    provider = anthropic_provider(simulator)
    outcome = collect(provider, simulator.api_key, ask("sim-stream-overloaded"), FAST_RETRY)
    assert isinstance(outcome.error, StreamErrorEvent)
    assert "Anthropic is overloaded right now and stopped before answering" in str(outcome.error)
    assert len(outcome.of(Retrying)) == FAST_RETRY.attempts - 1
    assert len(simulator.requests) == FAST_RETRY.attempts
    assert outcome.text == ""


def test_an_error_that_will_not_pass_is_not_retried(simulator: Simulator) -> None:
    provider = anthropic_provider(simulator)
    outcome = collect(provider, simulator.api_key, ask("sim-stream-invalid-request"), FAST_RETRY)
    assert isinstance(outcome.error, StreamErrorEvent)
    assert "reported an error before answering (invalid_request_error: " in str(outcome.error)
    assert outcome.of(Retrying) == []
    assert len(simulator.requests) == 1


def test_the_session_says_it_retries_and_keeps_only_the_answer(simulator: Simulator) -> None:
    provider = anthropic_provider(simulator)
    notes = session_notes_of_retries(simulator, provider, "sim-stream-overloaded-2", 2)
    assert all("Anthropic: overloaded before the answer began; retrying" in n for n in notes)


def test_an_error_after_text_is_shown_with_the_partial_answer_and_not_retried(
    simulator: Simulator,
) -> None:
    error = session_error_after_text(
        simulator, anthropic_provider(simulator), "sim-midstream-error"
    )
    assert "Anthropic is overloaded right now and stopped in the middle of the answer" in error
