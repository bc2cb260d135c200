"""Anthropic's failures over real sockets: each error status and body, the overloaded error after
the 200, a dropped connection, and retries only before the answer starts."""

from __future__ import annotations

import logging

import pytest

from desktop_app.core.chat import RetryPolicy
from desktop_app.core.errors import (
    AuthenticationError,
    BadRequestError,
    ConnectionDropped,
    ContextTooLong,
    IdleTimeout,
    InsufficientBalance,
    NotFoundError,
    ProviderHTTPError,
    RateLimited,
    ServerError,
    StreamErrorEvent,
)
from desktop_app.core.events import Finish, Retrying, TextDelta
from desktop_app.simulator import Simulator
from desktop_app.simulator.answer_texts import NORMAL_ANSWER
from tests.support.streams.anthropic_helpers import anthropic_provider
from tests.support.streams.chat_helpers import FAST_RETRY, ask, collect

NO_RETRY = RetryPolicy(attempts=1)


@pytest.mark.parametrize(
    ("model", "kind", "detail", "advice"),
    [
        ("sim-error-401", AuthenticationError, "invalid x-api-key", "check the key for Anthropic"),
        ("sim-error-403", AuthenticationError, "does not have permission", "lack access"),
        ("sim-error-402", InsufficientBalance, "billing information", "Top up the account"),
        ("sim-error-400-credit", InsufficientBalance, "credit balance is too low", "Top up"),
        ("sim-error-404", NotFoundError, "model: sim-error-404", "Check the model name"),
        ("claude-nonexistent", NotFoundError, "model: claude-nonexistent", "Check the model"),
        ("sim-error-413", ContextTooLong, "maximum allowed number of bytes", "Start a new"),
        ("sim-error-413-html", ContextTooLong, "413 Request Entity Too Large", "Start a new"),
        ("sim-error-400-context", ContextTooLong, "prompt is too long", "larger context window"),
        ("sim-error-400", BadRequestError, "text content blocks must be non-empty", "parameters"),
        ("sim-error-429", RateLimited, "exceed the rate limit", "Wait 2 s"),
        ("sim-error-500", ServerError, "Internal server error", "having trouble"),
        ("sim-error-504", ServerError, "Request timed out", "Try again in a moment"),
        ("sim-error-529", ServerError, "Overloaded", "Anthropic is overloaded"),
    ],
)
def test_error_statuses_have_their_own_type_and_advice(
    simulator: Simulator, model: str, kind: type[ProviderHTTPError], detail: str, advice: str
) -> None:
    outcome = collect(anthropic_provider(simulator), simulator.api_key, ask(model), NO_RETRY)
    error = outcome.error
    assert type(error) is kind
    assert detail in error.detail
    message = str(error)
    assert "Anthropic" in message
    assert advice in message
    assert error.partial.text == ""


def test_rate_limit_honours_retry_after(simulator: Simulator) -> None:
    provider = anthropic_provider(simulator)
    outcome = collect(provider, simulator.api_key, ask("sim-error-429"), NO_RETRY)
    assert isinstance(outcome.error, RateLimited)
    assert outcome.error.retry_after == 2.0
    dated = collect(provider, simulator.api_key, ask("sim-error-429-date"), NO_RETRY)
    assert isinstance(dated.error, RateLimited)
    assert dated.error.retry_after is not None
    assert 0 <= dated.error.retry_after <= 2


@pytest.mark.parametrize("key", ["sk-ant-wrong-key-0123456789", None])
def test_wrong_or_missing_key_is_rejected_and_never_shown(
    simulator: Simulator, caplog: pytest.LogCaptureFixture, key: str | None
) -> None:
    caplog.set_level(logging.DEBUG)
    outcome = collect(anthropic_provider(simulator), key, ask("sim-normal"), NO_RETRY)
    assert isinstance(outcome.error, AuthenticationError)
    assert outcome.error.status == 401
    assert "x-api-key" in outcome.error.detail
    assert "Settings → Providers" in str(outcome.error)
    assert simulator.api_key is not None
    for secret in filter(None, (key, simulator.api_key)):
        assert secret not in str(outcome.error)
        assert secret not in caplog.text


@pytest.mark.parametrize("model", ["sim-flaky-429-2", "sim-flaky-529-2", "sim-flaky-drop-2"])
def test_transient_failures_before_the_answer_are_retried(simulator: Simulator, model: str) -> None:
    outcome = collect(anthropic_provider(simulator), simulator.api_key, ask(model), FAST_RETRY)
    assert outcome.error is None
    assert [r.attempt for r in outcome.of(Retrying)] == [1, 2]
    assert outcome.text == NORMAL_ANSWER
    assert outcome.events[-1] == Finish("stop")
    assert len(simulator.requests) == 3


def test_retries_give_up_with_the_last_error(simulator: Simulator) -> None:
    outcome = collect(
        anthropic_provider(simulator), simulator.api_key, ask("sim-flaky-529-5"), FAST_RETRY
    )
    assert isinstance(outcome.error, ServerError)
    assert outcome.error.status == 529
    assert len(outcome.of(Retrying)) == FAST_RETRY.attempts - 1


def test_overloaded_error_after_the_200_keeps_the_partial_answer(simulator: Simulator) -> None:
    outcome = collect(
        anthropic_provider(simulator), simulator.api_key, ask("sim-midstream-error"), FAST_RETRY
    )
    error = outcome.error
    assert isinstance(error, StreamErrorEvent)
    assert "Anthropic is overloaded" in str(error)
    assert "overloaded_error" in str(error)
    assert "try again in a moment" in str(error)
    assert outcome.text  # six pieces arrived before the error
    assert NORMAL_ANSWER.startswith(outcome.text)
    assert error.partial.text == outcome.text
    assert len(simulator.requests) == 1  # never retried once text was shown
    assert not outcome.of(Finish)


def test_dropped_connection_keeps_the_partial_answer(simulator: Simulator) -> None:
    outcome = collect(anthropic_provider(simulator), simulator.api_key, ask("sim-drop"), FAST_RETRY)
    error = outcome.error
    assert isinstance(error, ConnectionDropped)
    assert "dropped in the middle of the answer" in str(error)
    assert len(outcome.of(TextDelta)) == 6
    assert error.partial.text == outcome.text
    assert len(simulator.requests) == 1


def test_silence_in_mid_answer_is_an_idle_timeout(simulator: Simulator) -> None:
    provider = anthropic_provider(simulator, idle=0.3)
    outcome = collect(provider, simulator.api_key, ask("sim-hang-midstream"))
    assert isinstance(outcome.error, IdleTimeout)
    assert outcome.error.partial.text == outcome.text != ""
    assert simulator.wait_for_disconnect()
