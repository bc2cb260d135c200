"""Every failure becomes its own error type with a message that names the provider and says what
to do; retries happen only before the answer starts; the key never shows."""

from __future__ import annotations

import logging
import socket

import pytest

from desktop_app.core.chat import RetryPolicy
from desktop_app.core.errors import (
    AuthenticationError,
    BadRequestError,
    ConnectionDropped,
    ConnectTimeout,
    ContextTooLong,
    DeadlineExceeded,
    FirstByteTimeout,
    IdleTimeout,
    InsufficientBalance,
    MalformedChunk,
    NotFoundError,
    ProviderError,
    ProviderUnreachable,
    RateLimited,
    ServerError,
    StreamErrorEvent,
    TLSFailure,
    UnexpectedResponse,
)
from desktop_app.core.events import Finish, Retrying, TextDelta
from desktop_app.core.settings.providers_file import Provider, Timeouts
from desktop_app.simulator import Simulator
from tests.support.servers.local_servers import full_backlog_port
from tests.support.streams.chat_helpers import FAST_RETRY, ask, collect, sim_provider

NO_RETRY = RetryPolicy(attempts=1)


@pytest.mark.parametrize(
    ("model", "kind", "advice"),
    [
        ("sim-error-401", AuthenticationError, "check the key for Simulator in Settings"),
        ("sim-error-403", AuthenticationError, "lack access to sim-error-403"),
        ("sim-error-402", InsufficientBalance, "Top up the account"),
        ("sim-error-404", NotFoundError, "Check the model name"),
        ("no-such-model", NotFoundError, "base URL is the API's root"),
        ("sim-error-413", ContextTooLong, "Start a new conversation"),
        ("sim-error-400-context", ContextTooLong, "larger context window"),
        ("sim-error-400", BadRequestError, "parameters"),
        ("sim-error-422", BadRequestError, "parameters"),
        ("sim-error-429", RateLimited, "Wait 1.5 s"),
        ("sim-error-408", ServerError, "Try again in a moment"),
        ("sim-error-409", ServerError, "Try again in a moment"),
        ("sim-error-500", ServerError, "having trouble"),
        ("sim-error-502", ServerError, "having trouble"),
        ("sim-error-503", ServerError, "is overloaded"),
        ("sim-error-529", ServerError, "is overloaded"),
        ("sim-html-error", UnexpectedResponse, "A proxy or gateway"),
        ("sim-html-200", UnexpectedResponse, "the base URL"),
    ],
)
def test_error_statuses_have_their_own_type_and_advice(
    simulator: Simulator, model: str, kind: type[ProviderError], advice: str
) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask(model), NO_RETRY)
    assert type(outcome.error) is kind
    message = str(outcome.error)
    assert "Simulator" in message
    assert advice in message
    assert outcome.error.partial.text == ""


def test_wrong_key_is_rejected_and_never_echoed(
    simulator: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong_key = "sk-wrong-key-9f8e7d6c5b4a"
    outcome = collect(sim_provider(simulator), wrong_key, ask("sim-normal"), NO_RETRY)
    assert isinstance(outcome.error, AuthenticationError)
    assert outcome.error.status == 401
    # The simulator echoes the key it got, as real servers do; Tally hides it.
    assert "Incorrect API key provided" in outcome.error.detail
    for text in (str(outcome.error), repr(outcome.error), outcome.error.detail, caplog.text):
        assert wrong_key not in text
    assert "[key hidden]" in str(outcome.error)


def test_key_appears_in_no_log_line_of_a_whole_conversation(
    simulator: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for model in ("sim-normal", "sim-flaky-429-1", "sim-drop", "sim-error-402"):
        collect(sim_provider(simulator), simulator.api_key, ask(model))
    assert caplog.records  # httpx, httpcore and Tally did log
    assert simulator.api_key is not None
    assert simulator.api_key not in caplog.text


def test_rate_limit_wait_prefers_retry_after_ms(simulator: Simulator) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask("sim-error-429"), NO_RETRY)
    assert isinstance(outcome.error, RateLimited)
    assert outcome.error.retry_after == pytest.approx(1.5)


def test_rate_limit_wait_reads_an_http_date(simulator: Simulator) -> None:
    outcome = collect(
        sim_provider(simulator), simulator.api_key, ask("sim-error-429-date"), NO_RETRY
    )
    assert isinstance(outcome.error, RateLimited)
    assert outcome.error.retry_after is not None
    assert 0 <= outcome.error.retry_after <= 2


@pytest.mark.parametrize("model", ["sim-flaky-429-2", "sim-flaky-503-2", "sim-flaky-drop-2"])
def test_transient_failures_before_the_answer_are_retried(simulator: Simulator, model: str) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask(model), FAST_RETRY)
    assert outcome.error is None
    retries = outcome.of(Retrying)
    assert [r.attempt for r in retries] == [1, 2]
    assert outcome.text
    assert outcome.events[-1] == Finish("stop")
    assert len(simulator.requests) == 3


def test_retries_honour_the_servers_wait(simulator: Simulator) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask("sim-flaky-429-1"))
    (retry,) = outcome.of(Retrying)
    assert retry.delay == pytest.approx(0.01)


def test_retries_are_bounded(simulator: Simulator) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask("sim-error-503"), FAST_RETRY)
    assert isinstance(outcome.error, ServerError)
    assert len(outcome.of(Retrying)) == FAST_RETRY.attempts - 1
    assert len(simulator.requests) == FAST_RETRY.attempts


def test_a_wait_longer_than_allowed_is_not_slept_through(simulator: Simulator) -> None:
    patient_but_not_that_patient = RetryPolicy(attempts=3, max_wait=1.0)
    outcome = collect(
        sim_provider(simulator),
        simulator.api_key,
        ask("sim-error-429"),
        patient_but_not_that_patient,
    )
    assert isinstance(outcome.error, RateLimited)
    assert outcome.of(Retrying) == []
    assert len(simulator.requests) == 1


@pytest.mark.parametrize(
    "model", ["sim-error-401", "sim-error-402", "sim-error-400", "sim-error-404", "sim-drop"]
)
def test_no_retry_for_final_errors_or_after_the_answer_began(
    simulator: Simulator, model: str
) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask(model), FAST_RETRY)
    assert outcome.error is not None
    assert outcome.of(Retrying) == []
    assert len(simulator.requests) == 1


@pytest.mark.parametrize(
    ("model", "kind", "words"),
    [
        ("sim-midstream-error", StreamErrorEvent, "The upstream model failed"),
        ("sim-openrouter-error", StreamErrorEvent, "Provider returned error"),
        ("sim-llamacpp-error", StreamErrorEvent, "context shift failed"),
        ("sim-drop", ConnectionDropped, "dropped in the middle of the answer"),
        ("sim-invalid-json", MalformedChunk, "not valid JSON"),
    ],
)
def test_failures_mid_answer_keep_the_partial_answer(
    simulator: Simulator, model: str, kind: type[ProviderError], words: str
) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask(model))
    assert type(outcome.error) is kind
    assert words in str(outcome.error)
    assert "Simulator" in str(outcome.error)
    assert outcome.text
    assert outcome.error.partial.text == outcome.text


def test_hang_before_headers_is_a_first_byte_timeout(simulator: Simulator) -> None:
    provider = sim_provider(simulator, first_byte=0.3)
    outcome = collect(provider, simulator.api_key, ask("sim-hang-headers"))
    assert isinstance(outcome.error, FirstByteTimeout)
    assert "0.3 s" in str(outcome.error)
    assert outcome.of(Retrying) == []


def test_hang_mid_answer_is_an_idle_timeout_with_the_partial(simulator: Simulator) -> None:
    provider = sim_provider(simulator, idle=0.3)
    outcome = collect(provider, simulator.api_key, ask("sim-hang-midstream"))
    assert isinstance(outcome.error, IdleTimeout)
    assert outcome.text
    assert outcome.error.partial.text == outcome.text
    assert simulator.wait_for_disconnect(timeout=5)


def test_keep_alive_flood_ends_at_the_total_deadline(simulator: Simulator) -> None:
    # Comments every 0.05 s keep the idle timer from ever firing; only the deadline ends it.
    provider = sim_provider(simulator, idle=0.3, total=1.0)
    outcome = collect(provider, simulator.api_key, ask("sim-keepalive-forever"))
    assert isinstance(outcome.error, DeadlineExceeded)
    assert "1 s" in str(outcome.error)
    assert len(outcome.events) > 5  # KeepAlive events were seen meanwhile


def test_refused_connection_is_unreachable_and_retried() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    provider = Provider(
        id="x", name="Nowhere", kind="openai", base_url=f"http://127.0.0.1:{port}/v1"
    )
    outcome = collect(provider, "sk-x", ask("m"))
    assert type(outcome.error) is ProviderUnreachable
    assert "Nowhere" in str(outcome.error)
    assert "Check that the server is running" in str(outcome.error)
    assert len(outcome.of(Retrying)) == FAST_RETRY.attempts - 1


def test_unresolvable_host_says_so() -> None:
    # ".invalid" never resolves (RFC 2606), so no lookup leaves the machine with an answer.
    provider = Provider(
        id="x", name="Typo", kind="openai", base_url="https://api.example.invalid/v1"
    )
    outcome = collect(provider, "sk-x", ask("m"), NO_RETRY)
    assert type(outcome.error) is ProviderUnreachable
    assert "could not be resolved" in str(outcome.error)


def test_tls_to_a_plain_http_server_is_a_tls_failure(simulator: Simulator) -> None:
    provider = Provider(
        id="x",
        name="Simulator",
        kind="openai",
        base_url=simulator.base_url.replace("http:", "https:"),
    )
    outcome = collect(provider, simulator.api_key, ask("sim-normal"), FAST_RETRY)
    assert isinstance(outcome.error, TLSFailure)
    assert "secure connection" in str(outcome.error)
    assert outcome.of(Retrying) == []


def test_connect_timeout_is_its_own_error() -> None:
    with full_backlog_port() as port:
        provider = Provider(
            id="x",
            name="Stuck",
            kind="openai",
            base_url=f"http://127.0.0.1:{port}/v1",
            timeouts=Timeouts(connect=0.3),
        )
        outcome = collect(provider, "sk-x", ask("m"), NO_RETRY)
    assert isinstance(outcome.error, ConnectTimeout)
    assert "within 0.3 s" in str(outcome.error)


def test_partial_text_is_only_what_arrived(simulator: Simulator) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask("sim-drop"))
    streamed = "".join(e.text for e in outcome.of(TextDelta))
    assert outcome.error is not None
    assert outcome.error.partial.text == streamed
