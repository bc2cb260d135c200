"""The chat core speaking the Anthropic Messages API to the simulator over real sockets."""

from __future__ import annotations

import json
from decimal import Decimal

import httpx
import pytest

from desktop_app.core.errors import ConnectionDropped
from desktop_app.core.events import Finish, KeepAlive, ReasoningDelta, TextDelta, Usage
from desktop_app.core.money.prices import cost_usd
from desktop_app.simulator import LISTED_MODELS, Simulator
from desktop_app.simulator.answer_texts import NORMAL_ANSWER, REASONING_TEXT
from tests.support.streams.anthropic_helpers import anthropic_provider, claude_price
from tests.support.streams.chat_helpers import ask, collect

# The simulator counts a quarter of the characters plus 4 per turn: "Hello" is 5 tokens.
HELLO_TOKENS = 5


@pytest.mark.parametrize("versioned", [False, True])
def test_normal_answer_streams_text_usage_and_finish(simulator: Simulator, versioned: bool) -> None:
    provider = anthropic_provider(simulator, versioned=versioned)
    outcome = collect(provider, simulator.api_key, ask("sim-normal"))
    assert outcome.error is None
    assert outcome.text == NORMAL_ANSWER
    assert outcome.reasoning == ""
    assert KeepAlive() not in outcome.events  # its one ping is routine, not a wait
    deltas = outcome.of(TextDelta)
    assert len(deltas) > 5  # streamed in pieces
    assert outcome.usage == Usage(input_tokens=HELLO_TOKENS, output_tokens=len(deltas))
    assert outcome.events[-1] == Finish("stop")
    (request,) = simulator.requests
    assert request.path == "/v1/messages"


def test_request_headers_and_body(simulator: Simulator) -> None:
    chat = ask("sim-echo", "ping", system="Be brief.", temperature=0.3, max_tokens=77)
    outcome = collect(anthropic_provider(simulator), simulator.api_key, chat)
    assert outcome.text == "You said: ping"
    (request,) = simulator.requests
    assert request.headers["x-api-key"] == simulator.api_key
    assert request.headers["anthropic-version"] == "2023-06-01"
    assert request.headers["accept"] == "text/event-stream"
    assert "authorization" not in request.headers
    assert request.body == {
        "model": "sim-echo",
        "messages": [{"role": "user", "content": "ping"}],
        "max_tokens": 77,
        "stream": True,
        "system": "Be brief.",
        "temperature": 0.3,
    }


def test_thinking_streams_before_the_answer(simulator: Simulator) -> None:
    outcome = collect(anthropic_provider(simulator), simulator.api_key, ask("sim-reasoning"))
    assert outcome.error is None
    assert outcome.reasoning == REASONING_TEXT  # the signature_delta is not shown
    assert outcome.text == NORMAL_ANSWER
    kinds = [type(e) for e in outcome.events if isinstance(e, TextDelta | ReasoningDelta)]
    assert ReasoningDelta not in kinds[kinds.index(TextDelta) :]
    usage = outcome.usage
    assert usage is not None
    # Anthropic counts thinking inside output_tokens and does not report it apart.
    assert usage.output_tokens == len(kinds)
    assert usage.reasoning_tokens == 0


def test_thinking_budget_asks_for_thinking_in_the_body(simulator: Simulator) -> None:
    chat = ask("sim-echo-params", thinking_budget=2048, temperature=0.5, system="S")
    outcome = collect(anthropic_provider(simulator), simulator.api_key, chat)
    assert outcome.error is None  # the simulator checks the body as the API does
    assert outcome.reasoning == REASONING_TEXT  # asked for, so sent
    echoed = json.loads(outcome.text)
    assert echoed["thinking"] == {"type": "enabled", "budget_tokens": 2048}
    assert echoed["temperature"] is None  # dropped: the API refuses it with thinking
    assert echoed["max_tokens"] > 2048
    assert echoed["system"] == "S"
    assert echoed["roles"] == ["user"]


def test_no_thinking_unless_asked(simulator: Simulator) -> None:
    outcome = collect(anthropic_provider(simulator), simulator.api_key, ask("sim-echo-params"))
    assert outcome.reasoning == ""
    assert json.loads(outcome.text)["thinking"] is None


def test_cache_usage_is_normalized_and_priced(simulator: Simulator) -> None:
    outcome = collect(anthropic_provider(simulator), simulator.api_key, ask("sim-cache"))
    assert outcome.error is None
    output = len(outcome.of(TextDelta))
    assert outcome.usage == Usage(
        input_tokens=HELLO_TOKENS + 1200 + 3000,
        output_tokens=output,
        cached_input_tokens=3000,
        cache_write_tokens=1200,
    )
    cost = cost_usd(claude_price(), outcome.usage)
    expected = (
        HELLO_TOKENS * Decimal("3.00")
        + 3000 * Decimal("0.30")
        + 1200 * Decimal("3.75")
        + output * Decimal("15.00")
    ) / 1_000_000
    assert cost == expected
    assert cost < cost_usd(claude_price(), Usage(HELLO_TOKENS + 4200, output))


def test_pings_before_the_answer_are_keep_alives(simulator: Simulator) -> None:
    outcome = collect(anthropic_provider(simulator), simulator.api_key, ask("sim-keepalive"))
    assert outcome.text == NORMAL_ANSWER
    first_text = next(i for i, e in enumerate(outcome.events) if isinstance(e, TextDelta))
    assert outcome.events[:first_text].count(KeepAlive()) == 4  # the first ping is routine
    assert KeepAlive() not in outcome.events[first_text:]


def test_unknown_event_types_are_ignored(simulator: Simulator) -> None:
    outcome = collect(anthropic_provider(simulator), simulator.api_key, ask("sim-unknown-event"))
    assert outcome.error is None
    assert outcome.text == NORMAL_ANSWER
    assert outcome.events[-1] == Finish("stop")


def test_max_tokens_cut_finishes_with_length(simulator: Simulator) -> None:
    chat = ask("sim-normal", max_tokens=5)
    outcome = collect(anthropic_provider(simulator), simulator.api_key, chat)
    assert outcome.error is None
    assert len(outcome.of(TextDelta)) == 5
    assert NORMAL_ANSWER.startswith(outcome.text)
    assert outcome.events[-1] == Finish("length")


def test_a_stream_without_message_delta_or_stop_was_cut_off(simulator: Simulator) -> None:
    outcome = collect(anthropic_provider(simulator), simulator.api_key, ask("sim-no-finish"))
    assert isinstance(outcome.error, ConnectionDropped)
    assert "before the answer was complete" in str(outcome.error)
    assert outcome.text == NORMAL_ANSWER
    assert outcome.error.partial.text == NORMAL_ANSWER


def test_a_whole_json_answer_to_a_stream_request(simulator: Simulator) -> None:
    outcome = collect(anthropic_provider(simulator), simulator.api_key, ask("sim-whole"))
    assert outcome.error is None
    assert outcome.events[:2] == [ReasoningDelta(REASONING_TEXT), TextDelta(NORMAL_ANSWER)]
    usage = outcome.usage
    assert usage is not None
    assert usage.input_tokens == HELLO_TOKENS + 3000
    assert usage.cached_input_tokens == 3000
    assert outcome.events[-1] == Finish("stop")


def test_anthropic_model_list_is_told_apart_by_the_key_header(simulator: Simulator) -> None:
    assert simulator.api_key is not None
    anthropic = {"x-api-key": simulator.api_key, "anthropic-version": "2023-06-01"}
    with httpx.Client(base_url=simulator.base_url.removesuffix("/v1")) as client:
        page = client.get("/v1/models", headers=anthropic, params={"limit": 2}).json()
        rest = client.get(
            "/v1/models", headers=anthropic, params={"limit": 100, "after_id": page["last_id"]}
        ).json()
        wrong = client.get("/v1/models", headers={**anthropic, "x-api-key": "sk-ant-wrong"})
        openai = client.get(
            "/v1/models", headers={"authorization": f"Bearer {simulator.api_key}"}
        ).json()
    assert page["data"][0] == {
        "type": "model",
        "id": LISTED_MODELS[0],
        "display_name": "Sim Normal",
        "created_at": "2025-01-01T00:00:00Z",
    }
    assert page["has_more"] is True
    assert (page["first_id"], page["last_id"]) == tuple(LISTED_MODELS[:2])
    assert [m["id"] for m in page["data"] + rest["data"]] == LISTED_MODELS
    assert rest["has_more"] is False
    assert wrong.status_code == 401
    assert wrong.json()["error"] == {"type": "authentication_error", "message": "invalid x-api-key"}
    assert openai["object"] == "list"  # Bearer auth still gets the OpenAI list


def test_the_simulator_refuses_bodies_the_api_would_refuse(simulator: Simulator) -> None:
    assert simulator.api_key is not None
    headers = {"x-api-key": simulator.api_key, "anthropic-version": "2023-06-01"}
    base = {
        "model": "sim-normal",
        "max_tokens": 100,
        "messages": [{"role": "user", "content": "x"}],
    }
    bad_bodies = [
        ({**base, "max_tokens": None}, "max_tokens: Field required"),
        ({**base, "messages": [{"role": "system", "content": "x"}]}, "Unexpected role"),
        ({**base, "messages": [{"role": "user", "content": "a"}] * 2}, "roles must alternate"),
        ({**base, "thinking": {"type": "enabled", "budget_tokens": 100}}, "1024"),
        ({**base, "thinking": {"type": "enabled", "budget_tokens": 1024}}, "max_tokens"),
    ]
    url = simulator.base_url + "/messages"
    with httpx.Client() as client:
        for body, words in bad_bodies:
            response = client.post(url, headers=headers, json=body)
            assert response.status_code == 400, body
            assert words in response.json()["error"]["message"]
        no_version = client.post(url, headers={"x-api-key": simulator.api_key}, json=base)
    assert no_version.status_code == 400
    assert "anthropic-version" in no_version.json()["error"]["message"]
