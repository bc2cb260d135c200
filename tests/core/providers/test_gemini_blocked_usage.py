"""A Gemini answer withheld by a filter (finishReason SAFETY, RECITATION, ...) is billed, and its
blocking chunk carries the totals: they come out as a Usage before the error, and the answer is
recorded with that exact usage and cost rather than an estimate."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from desktop_app.core.chat import make_client
from desktop_app.core.conversation import Conversation
from desktop_app.core.errors import StreamErrorEvent
from desktop_app.core.events import ChatEvent, Finish, TextDelta, Usage
from desktop_app.core.history.recorder import HistoryRecorder
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.money.ledger import Ledger
from desktop_app.core.money.prices import cost_usd
from desktop_app.core.providers.gemini import GeminiStreamParser
from desktop_app.core.session import ChatSession
from desktop_app.core.settings.providers_file import ModelPrice
from desktop_app.core.sse import SSEDecoder
from desktop_app.simulator import Simulator
from desktop_app.simulator.answer_texts import NORMAL_ANSWER
from tests.support.streams.chat_helpers import FAST_RETRY, ask, collect
from tests.support.streams.gemini_helpers import gemini_provider
from tests.support.streams.transcripts import cut_in_two

PRICE = ModelPrice(input=Decimal("0.30"), output=Decimal("2.50"))
TOTALS = {"promptTokenCount": 1041, "candidatesTokenCount": 17, "thoughtsTokenCount": 144}
BILLED = Usage(input_tokens=1041, output_tokens=161, reasoning_tokens=144)


def _event(candidate: dict[str, Any], usage: dict[str, Any] | None = None) -> str:
    body: dict[str, Any] = {"candidates": [{**candidate, "index": 0}]}
    if usage is not None:
        body["usageMetadata"] = usage
    return "data: " + json.dumps(body) + "\r\n\r\n"


def _text(text: str) -> str:
    return _event(
        {"content": {"parts": [{"text": text}], "role": "model"}}, {"promptTokenCount": 9}
    )


def _blocked(reason: str, usage: dict[str, Any] | None = TOTALS) -> str:
    """The blocking chunk as the API sends it: no content, the finish, and the totals."""
    return _event({"finishReason": reason, "safetyRatings": []}, usage)


def _parse(stream: list[bytes]) -> tuple[list[ChatEvent], GeminiStreamParser]:
    """The events of a stream up to where the chat core stops reading (parser.done)."""
    parser = GeminiStreamParser("Gemini")
    decoder = SSEDecoder()
    events: list[ChatEvent] = []
    for piece in stream:
        for sse in decoder.feed(piece):
            if not parser.done:
                events.extend(parser.parse(sse))
    return events, parser


@pytest.mark.parametrize("reason", ["SAFETY", "RECITATION", "PROHIBITED_CONTENT", "SPII"])
def test_the_blocking_chunks_usage_comes_before_the_error(reason: str) -> None:
    events, parser = _parse([(_text("Part") + _blocked(reason)).encode()])
    assert events == [TextDelta("Part"), BILLED]
    assert parser.done  # the answer is over: nothing after the block is read
    with pytest.raises(StreamErrorEvent) as caught:
        parser.close()
    message = str(caught.value)
    assert f"(finishReason {reason})" in message
    assert "The part received is kept" in message


def test_the_same_events_wherever_the_bytes_are_cut() -> None:
    stream = (_text("Part") + _blocked("SAFETY")).encode()
    for cut, pieces in cut_in_two(stream):
        events, parser = _parse(pieces)
        assert events == [TextDelta("Part"), BILLED], cut
        with pytest.raises(StreamErrorEvent):
            parser.close()


def test_a_block_before_any_text_still_reports_the_prompt() -> None:
    events, parser = _parse([_blocked("SAFETY", {"promptTokenCount": 12}).encode()])
    assert events == [Usage(input_tokens=12, output_tokens=0)]
    with pytest.raises(StreamErrorEvent, match="Nothing was answered"):
        parser.close()


def test_a_block_without_usage_is_still_an_error() -> None:
    events, parser = _parse([_blocked("SAFETY", None).encode()])
    assert events == []
    with pytest.raises(StreamErrorEvent, match="safety filter"):
        parser.close()


def test_a_whole_blocked_response_reports_its_usage_too() -> None:
    parser = GeminiStreamParser("Gemini")
    body = {"candidates": [{"finishReason": "RECITATION", "index": 0}], "usageMetadata": TOTALS}
    assert parser.parse_whole(body) == [BILLED]
    with pytest.raises(StreamErrorEvent, match="repeating published text"):
        parser.close()


def test_a_complete_answer_has_nothing_held_back() -> None:
    events, parser = _parse([_event({"finishReason": "STOP"}, TOTALS).encode()])
    assert events == [BILLED]
    assert parser.close() == []


@pytest.mark.parametrize(
    ("model", "pieces"), [("sim-safety", 5), ("sim-recitation", 5), ("sim-safety-at-once", 0)]
)
def test_the_usage_arrives_through_the_chat_core(
    simulator: Simulator, model: str, pieces: int
) -> None:
    outcome = collect(gemini_provider(simulator), simulator.api_key, ask(model, "Hello"))
    assert isinstance(outcome.error, StreamErrorEvent)
    # The simulator counts one token per piece, and "Hello" as 5 prompt tokens.
    assert outcome.usage == Usage(input_tokens=5, output_tokens=pieces)
    assert outcome.events[-1] == outcome.usage  # the last event before the error
    assert len(outcome.of(TextDelta)) == pieces
    assert outcome.error.partial.text == outcome.text
    assert NORMAL_ANSWER.startswith(outcome.text)
    assert outcome.of(Finish) == []


@pytest.mark.parametrize(
    ("model", "status"), [("sim-safety", "partial"), ("sim-safety-at-once", "error")]
)
def test_the_blocked_answer_is_recorded_with_the_reported_usage_and_exact_cost(
    simulator: Simulator, store: HistoryStore, model: str, status: str
) -> None:
    conversation = Conversation()

    provider = replace(gemini_provider(simulator), prices={model: PRICE})
    recorder = HistoryRecorder(store, conversation, Ledger(store, [provider]))

    async def reply() -> None:
        async with make_client() as client:
            session = ChatSession(
                conversation, client, lambda _: simulator.api_key, retry=FAST_RETRY
            )
            await session.send(provider, model, "Hello")

    asyncio.run(reply())
    assert recorder.conversation_id is not None
    answer = store.messages(recorder.conversation_id)[-1]
    assert answer.status == status
    assert answer.error is not None
    assert "safety filter" in answer.error
    assert answer.usage is not None
    assert answer.usage.source == "reported"
    assert answer.usage.input_tokens == 5
    assert answer.cost_usd == cost_usd(PRICE, answer.usage)
