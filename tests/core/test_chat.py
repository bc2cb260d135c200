"""The chat core against the simulator over real sockets: answers, reasoning, usage, finishes."""

from __future__ import annotations

import asyncio
import json
from contextlib import aclosing

import pytest

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.chat import make_client, stream_chat
from desktop_app.core.errors import ConnectionDropped, UnexpectedResponse
from desktop_app.core.events import Finish, KeepAlive, ReasoningDelta, TextDelta
from desktop_app.core.providers import protocol_for
from desktop_app.core.providers.base import ChatRequest, Message
from desktop_app.simulator import Simulator
from desktop_app.simulator.hostile_scenarios import REDIRECT_TARGET
from tests.support.attachment_files import image_bytes
from tests.support.streams.chat_helpers import ask, collect, sim_provider


def test_normal_answer_streams_text_usage_and_finish(simulator: Simulator) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask("sim-normal", "Hi there"))
    assert outcome.error is None
    assert outcome.text.startswith("#")
    assert "```python" in outcome.text
    assert len(outcome.of(TextDelta)) > 5  # streamed in pieces, not at once
    usage = outcome.usage
    assert usage is not None
    assert usage.source == "reported"
    assert usage.input_tokens > 0
    assert usage.output_tokens == len(outcome.of(TextDelta))
    assert outcome.events[-1] == Finish("stop")
    assert outcome.events.index(usage) < len(outcome.events) - 1  # Finish comes last


def test_request_asks_for_a_stream_with_usage(simulator: Simulator) -> None:
    collect(sim_provider(simulator), simulator.api_key, ask("sim-echo", "ping"))
    (request,) = simulator.requests
    assert request.method == "POST"
    assert request.path == "/v1/chat/completions"
    assert request.headers["accept"] == "text/event-stream"
    assert request.headers["authorization"] == f"Bearer {simulator.api_key}"
    assert request.body is not None
    assert request.body["stream"] is True
    assert request.body["stream_options"] == {"include_usage": True}
    assert request.body["messages"] == [{"role": "user", "content": "ping"}]


def test_system_prompt_and_parameters_are_sent(simulator: Simulator) -> None:
    chat = ask("sim-echo-params", "q", system="Be brief.", temperature=0.3, max_tokens=77)
    outcome = collect(sim_provider(simulator), simulator.api_key, chat)
    assert outcome.error is None
    body = simulator.requests[0].body
    assert body is not None
    assert body["messages"][0] == {"role": "system", "content": "Be brief."}
    assert body["temperature"] == 0.3
    assert body["max_tokens"] == 77
    echoed = json.loads(outcome.text)
    assert echoed["temperature"] == 0.3
    assert echoed["max_tokens"] == 77


def test_echo_round_trips_unicode(simulator: Simulator) -> None:
    prompt = "价格是多少？ 🙂 — “quotes”"
    outcome = collect(sim_provider(simulator), simulator.api_key, ask("sim-echo", prompt))
    assert outcome.text == f"You said: {prompt}"


@pytest.mark.parametrize("model", ["sim-reasoning", "sim-reasoning-field"])
def test_reasoning_streams_before_the_answer(simulator: Simulator, model: str) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask(model))
    assert outcome.error is None
    assert outcome.reasoning
    assert outcome.text
    kinds = [type(e) for e in outcome.events if isinstance(e, TextDelta | ReasoningDelta)]
    first_text = kinds.index(TextDelta)
    assert ReasoningDelta not in kinds[first_text:]
    usage = outcome.usage
    assert usage is not None
    assert usage.reasoning_tokens == len(outcome.of(ReasoningDelta))


def test_deepseek_cache_hits_become_cached_input(simulator: Simulator) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask("sim-reasoning"))
    usage = outcome.usage
    assert usage is not None
    body = simulator.requests[0].body
    assert body is not None
    assert 0 < usage.cached_input_tokens < usage.input_tokens


@pytest.mark.parametrize("model", ["sim-keepalive", "sim-openrouter-processing"])
def test_keep_alive_comments_are_reported_then_the_answer_comes(
    simulator: Simulator, model: str
) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask(model))
    assert outcome.error is None
    first_text = next(i for i, e in enumerate(outcome.events) if isinstance(e, TextDelta))
    assert any(isinstance(e, KeepAlive) for e in outcome.events[:first_text])
    assert not any(isinstance(e, KeepAlive) for e in outcome.events[first_text:])
    assert outcome.events[-1] == Finish("stop")


def test_stream_without_done_still_finishes(simulator: Simulator) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask("sim-no-done"))
    assert outcome.error is None
    assert outcome.usage is not None
    assert outcome.events[-1] == Finish("stop")


def test_a_stream_that_ends_with_no_finish_and_no_done_was_cut_off(simulator: Simulator) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask("sim-no-finish"))
    assert isinstance(outcome.error, ConnectionDropped)
    assert "Simulator closed the stream before the answer was complete" in str(outcome.error)
    assert outcome.text
    assert outcome.error.partial.text == outcome.text
    assert not outcome.of(Finish)


def test_an_empty_event_stream_is_an_error_not_an_empty_answer(simulator: Simulator) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask("sim-empty-stream"))
    assert isinstance(outcome.error, UnexpectedResponse)
    assert "without sending any of it" in str(outcome.error)
    assert not outcome.of(KeepAlive)  # no "queued the request; waiting…"
    assert len(simulator.requests) == 1


def test_a_redirect_is_not_followed_and_says_where_it_points(simulator: Simulator) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask("sim-redirect"))
    assert isinstance(outcome.error, UnexpectedResponse)
    assert outcome.error.status == 307
    assert REDIRECT_TARGET in str(outcome.error)
    assert "does not follow it" in str(outcome.error)
    assert not outcome.of(KeepAlive)
    assert len(simulator.requests) == 1  # nothing was sent to the other address


def test_usage_missing_when_server_never_sends_it(simulator: Simulator) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask("sim-no-usage"))
    assert outcome.error is None
    assert outcome.usage is None
    assert outcome.events[-1] == Finish("stop")


def test_line_ending_styles_give_the_same_answer(simulator: Simulator) -> None:
    provider = sim_provider(simulator)
    normal = collect(provider, simulator.api_key, ask("sim-normal")).text
    assert collect(provider, simulator.api_key, ask("sim-crlf")).text == normal
    assert collect(provider, simulator.api_key, ask("sim-cr")).text == normal


def test_unicode_line_separators_inside_json_survive(simulator: Simulator) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask("sim-unicode-separators"))
    assert outcome.error is None
    for char in "\u2028\u2029\u0085\x0b\x0c\x1c\x1d\x1e":
        assert char in outcome.text


def test_long_markdown_answer_arrives_whole(simulator: Simulator) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask("sim-long"))
    assert outcome.error is None
    assert len(outcome.text) > 200_000
    assert outcome.text.count("```") % 2 == 0
    assert outcome.events[-1] == Finish("stop")


def test_local_server_without_key_sends_no_authorization() -> None:
    with Simulator(api_key=None) as sim:
        outcome = collect(sim_provider(sim), None, ask("sim-normal"))
        assert outcome.error is None
        assert "authorization" not in sim.requests[0].headers


def test_cancelling_the_task_closes_the_connection(simulator: Simulator) -> None:
    async def scenario() -> str:
        got_text = asyncio.Event()
        pieces: list[str] = []

        async def consume() -> None:
            async with make_client() as client:
                stream = stream_chat(
                    client, sim_provider(simulator), simulator.api_key, ask("sim-slow")
                )
                async with aclosing(stream) as events:
                    async for event in events:
                        if isinstance(event, TextDelta):
                            pieces.append(event.text)
                            got_text.set()

        task = asyncio.create_task(consume())
        await asyncio.wait_for(got_text.wait(), 10)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return "".join(pieces)

    partial = asyncio.run(scenario())
    assert partial
    assert simulator.wait_for_disconnect(timeout=5)


def test_closing_the_generator_early_closes_the_connection(simulator: Simulator) -> None:
    async def scenario() -> None:
        async with make_client() as client:
            stream = stream_chat(
                client, sim_provider(simulator), simulator.api_key, ask("sim-slow")
            )
            async with aclosing(stream) as events:
                async for event in events:
                    if isinstance(event, TextDelta):
                        break

    asyncio.run(scenario())
    assert simulator.wait_for_disconnect(timeout=5)


def test_the_client_asks_only_for_the_encodings_it_inflates_in_bounded_steps(
    simulator: Simulator,
) -> None:
    outcome = collect(sim_provider(simulator), simulator.api_key, ask("sim-normal"))
    assert outcome.error is None
    assert simulator.requests[-1].headers["accept-encoding"] == "gzip, deflate"


def test_a_request_with_files_is_sent_as_httpx_would_encode_it(simulator: Simulator) -> None:
    photo = Attachment("dot.png", "image/png", image_bytes(40, 30))
    chat = ChatRequest(model="sim-echo", messages=(Message("user", "What is it?", (photo,)),))
    outcome = collect(sim_provider(simulator), simulator.api_key, chat)
    assert outcome.error is None
    (request,) = simulator.requests
    built = protocol_for("openai").build_request(sim_provider(simulator), "k", chat).json
    # Encoded on a worker, a piece at a time: the same bytes as httpx's own json= would send.
    options = {"ensure_ascii": False, "separators": (",", ":"), "allow_nan": False}
    assert request.raw_body == json.dumps(built, **options).encode()  # type: ignore[arg-type]
    assert request.headers["content-length"] == str(len(request.raw_body))
    assert "transfer-encoding" not in request.headers
