"""Gemini's own format end to end: the chat core against the simulator over real sockets."""

from __future__ import annotations

import logging
from decimal import Decimal

import pytest

from desktop_app.core.chat import RetryPolicy
from desktop_app.core.errors import (
    AuthenticationError,
    BadRequestError,
    ConnectionDropped,
    ContextTooLong,
    NotFoundError,
    ProviderError,
    RateLimited,
    ServerError,
    StreamErrorEvent,
)
from desktop_app.core.events import Finish, ReasoningDelta, Retrying, TextDelta, Usage
from desktop_app.core.money.prices import cost_usd
from desktop_app.core.settings.providers_file import ModelPrice
from desktop_app.simulator import Simulator
from desktop_app.simulator.answer_texts import NORMAL_ANSWER
from tests.support.streams.chat_helpers import FAST_RETRY, ask, collect, collect_blocking
from tests.support.streams.gemini_helpers import gemini_provider

NO_RETRY = RetryPolicy(attempts=1)


def test_text_streams_in_pieces_and_finishes(simulator: Simulator) -> None:
    outcome = collect(gemini_provider(simulator), simulator.api_key, ask("sim-normal"))
    assert outcome.error is None
    assert outcome.text == NORMAL_ANSWER
    assert len(outcome.of(TextDelta)) > 5
    assert outcome.reasoning == ""
    assert outcome.events[-1] == Finish("stop")
    usage = outcome.usage
    assert usage is not None
    assert usage.output_tokens == len(outcome.of(TextDelta))
    assert len(outcome.of(Usage)) == 1  # only the last chunk's totals


def test_request_path_headers_and_body(simulator: Simulator) -> None:
    chat = ask("models/sim-echo", "ping", system="Be brief.", temperature=0.4, max_tokens=64)
    outcome = collect(gemini_provider(simulator), simulator.api_key, chat)
    assert outcome.text == "You said: ping"
    (request,) = simulator.requests
    assert request.method == "POST"
    assert request.path == "/v1beta/models/sim-echo:streamGenerateContent?alt=sse"
    assert request.headers["x-goog-api-key"] == simulator.api_key
    assert "authorization" not in request.headers
    assert request.body == {
        "contents": [{"role": "user", "parts": [{"text": "ping"}]}],
        "systemInstruction": {"parts": [{"text": "Be brief."}]},
        "generationConfig": {"temperature": 0.4, "maxOutputTokens": 64},
    }


def test_the_key_is_never_in_the_url_nor_the_logs(
    simulator: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="httpx")  # the app's log leaves its lines out
    for model in ("sim-normal", "sim-flaky-503-1", "sim-error-403", "sim-drop"):
        collect(gemini_provider(simulator), simulator.api_key, ask(model))
    assert simulator.api_key is not None
    assert "streamGenerateContent" in caplog.text  # httpx logged the URLs
    assert simulator.api_key not in caplog.text
    for request in simulator.requests:
        assert simulator.api_key not in request.path
        assert "key=" not in request.path


def test_thinking_budget_asks_for_thoughts_and_they_arrive_first(simulator: Simulator) -> None:
    chat = ask("sim-thoughts", thinking_budget=2048)
    outcome = collect(gemini_provider(simulator), simulator.api_key, chat)
    assert outcome.error is None
    body = simulator.requests[0].body
    assert body is not None
    assert body["generationConfig"]["thinkingConfig"] == {
        "includeThoughts": True,
        "thinkingBudget": 2048,
    }
    assert outcome.reasoning.startswith("**Planning the answer**")
    assert outcome.text == NORMAL_ANSWER
    kinds = [type(e) for e in outcome.events if isinstance(e, TextDelta | ReasoningDelta)]
    assert ReasoningDelta not in kinds[kinds.index(TextDelta) :]


def test_usage_is_normalized_and_priced(simulator: Simulator) -> None:
    price = ModelPrice(input=Decimal("0.30"), output=Decimal("2.50"), cached_input=Decimal("0.075"))
    provider = gemini_provider(simulator, prices={"sim-cached": price})
    outcome = collect(provider, simulator.api_key, ask("sim-cached", "Hello"))
    usage = outcome.usage
    assert usage is not None
    thoughts, answer = len(outcome.of(ReasoningDelta)), len(outcome.of(TextDelta))
    # The simulator counts one token per chunk, and "Hello" as 5 prompt tokens, half cached.
    assert usage == Usage(
        input_tokens=5,
        output_tokens=answer + thoughts,
        cached_input_tokens=2,
        reasoning_tokens=thoughts,
    )
    expected = 3 * Decimal("0.30") + 2 * Decimal("0.075") + (answer + thoughts) * Decimal("2.50")
    assert cost_usd(price, usage) == expected / 1_000_000


def test_max_tokens_is_a_finish_at_the_length_limit(simulator: Simulator) -> None:
    outcome = collect(gemini_provider(simulator), simulator.api_key, ask("sim-max-tokens"))
    assert outcome.error is None
    assert outcome.text
    assert outcome.events[-1] == Finish("length")
    assert outcome.usage is not None


@pytest.mark.parametrize(
    ("model", "words", "kept"),
    [
        ("sim-safety", "Gemini blocked the answer with its safety filter", True),
        ("sim-safety-at-once", "Nothing was answered", False),
        ("sim-recitation", "repeating published text too closely", True),
        ("sim-prompt-blocked", "Gemini refused to answer", False),
    ],
)
def test_withheld_answers_are_explained_and_keep_what_came(
    simulator: Simulator, model: str, words: str, kept: bool
) -> None:
    outcome = collect(gemini_provider(simulator), simulator.api_key, ask(model))
    assert isinstance(outcome.error, StreamErrorEvent)
    assert words in str(outcome.error)
    assert bool(outcome.text) is kept
    assert outcome.error.partial.text == outcome.text
    assert outcome.of(Finish) == []
    assert outcome.of(Retrying) == []  # a filter's verdict is not retried


def test_an_error_mid_stream_keeps_the_partial_answer(simulator: Simulator) -> None:
    outcome = collect(gemini_provider(simulator), simulator.api_key, ask("sim-midstream-error"))
    assert isinstance(outcome.error, StreamErrorEvent)
    assert "An internal error has occurred" in str(outcome.error)
    assert "(INTERNAL: " in str(outcome.error)
    assert outcome.text
    assert outcome.error.partial.text == outcome.text
    assert outcome.of(Retrying) == []


def test_a_dropped_connection_keeps_the_partial_answer(simulator: Simulator) -> None:
    outcome = collect(gemini_provider(simulator), simulator.api_key, ask("sim-drop"))
    assert isinstance(outcome.error, ConnectionDropped)
    assert "dropped in the middle of the answer" in str(outcome.error)
    assert outcome.text
    assert outcome.error.partial.text == outcome.text


def test_a_stream_that_ends_without_a_finish_was_cut_off(simulator: Simulator) -> None:
    outcome = collect(gemini_provider(simulator), simulator.api_key, ask("sim-no-finish"))
    assert isinstance(outcome.error, ConnectionDropped)
    assert "before the answer was complete" in str(outcome.error)
    assert outcome.text
    assert outcome.error.partial.text == outcome.text


@pytest.mark.parametrize(
    ("model", "kind", "words"),
    [
        ("sim-error-400", BadRequestError, "Request contains an invalid argument"),
        ("sim-error-403", AuthenticationError, "has been suspended"),
        ("sim-error-404", NotFoundError, "is not found for API version v1beta"),
        ("no-such-model", NotFoundError, "Call ListModels"),
        ("sim-error-429", RateLimited, "You exceeded your current quota"),
        ("sim-error-500", ServerError, "An internal error has occurred"),
        ("sim-error-503", ServerError, "The model is overloaded"),
        ("sim-error-400-context", ContextTooLong, "exceeds the maximum number of tokens"),
        ("sim-error-400-location", AuthenticationError, "does not serve your country or region"),
    ],
)
def test_error_statuses_with_geminis_bodies(
    simulator: Simulator, model: str, kind: type[ProviderError], words: str
) -> None:
    outcome = collect(gemini_provider(simulator), simulator.api_key, ask(model), NO_RETRY)
    assert type(outcome.error) is kind
    message = str(outcome.error)
    assert "Gemini " in message  # the provider is named
    assert words in message
    assert outcome.error.partial.text == ""


def test_a_404_points_at_geminis_own_root(simulator: Simulator) -> None:
    outcome = collect(gemini_provider(simulator), simulator.api_key, ask("sim-error-404"))
    assert "such as https://generativelanguage.googleapis.com" in str(outcome.error)
    assert "anthropic" not in str(outcome.error)


def test_a_403_that_echoes_the_key_has_it_hidden(simulator: Simulator) -> None:
    outcome = collect(gemini_provider(simulator), simulator.api_key, ask("sim-error-403"))
    assert isinstance(outcome.error, AuthenticationError)
    assert simulator.api_key is not None
    assert simulator.api_key not in str(outcome.error)
    assert "api_key:[key hidden]" in str(outcome.error)


@pytest.mark.parametrize("model", ["sim-flaky-429-2", "sim-flaky-503-2", "sim-flaky-drop-2"])
def test_transient_failures_before_the_answer_are_retried(simulator: Simulator, model: str) -> None:
    outcome = collect(gemini_provider(simulator), simulator.api_key, ask(model), FAST_RETRY)
    assert outcome.error is None
    assert [r.attempt for r in outcome.of(Retrying)] == [1, 2]
    assert outcome.text == NORMAL_ANSWER
    assert len(simulator.requests) == 3


@pytest.mark.parametrize("model", ["sim-error-400", "sim-error-403", "sim-error-404"])
def test_final_errors_are_not_retried(simulator: Simulator, model: str) -> None:
    outcome = collect(gemini_provider(simulator), simulator.api_key, ask(model), FAST_RETRY)
    assert outcome.error is not None
    assert outcome.of(Retrying) == []
    assert len(simulator.requests) == 1


def test_a_wrong_key_is_rejected_and_not_shown(simulator: Simulator) -> None:
    wrong_key = "AIzaSy-wrong-key-0123456789"
    outcome = collect(gemini_provider(simulator), wrong_key, ask("sim-normal"), NO_RETRY)
    assert outcome.error is not None
    assert "API key not valid" in str(outcome.error)
    assert wrong_key not in str(outcome.error)
    assert len(simulator.requests) == 1


def test_a_wrong_key_is_an_authentication_error(simulator: Simulator) -> None:
    outcome = collect(gemini_provider(simulator), "AIzaSy-wrong", ask("sim-normal"), NO_RETRY)
    assert isinstance(outcome.error, AuthenticationError)
    assert "check the key for Gemini in Settings" in str(outcome.error)


def test_a_429_waits_as_long_as_the_body_says(simulator: Simulator) -> None:
    # Gemini gives the wait in the body (RetryInfo "2s"), not in a Retry-After header.
    outcome = collect(gemini_provider(simulator), simulator.api_key, ask("sim-error-429"), NO_RETRY)
    assert isinstance(outcome.error, RateLimited)
    assert outcome.error.retry_after == 2.0
    assert "wait 2 s" in str(outcome.error).lower()


def test_an_answer_with_its_finish_and_totals_is_over_though_the_stream_stays_open(
    simulator: Simulator,
) -> None:
    # Gemini sends no end marker: after the finish, an idle wait is a server that keeps the
    # connection open, not an answer cut off. In the window's driver and in tally ask's.
    provider = gemini_provider(simulator, idle=1)
    for gather in (collect, collect_blocking):
        outcome = gather(provider, simulator.api_key, ask("sim-stop-hang"), NO_RETRY)
        assert outcome.error is None
        assert outcome.events[-1] == Finish("stop")
        assert outcome.usage is not None
