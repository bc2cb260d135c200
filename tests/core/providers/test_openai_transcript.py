"""An OpenAI-format transcript, split at every byte, always gives the same normalized events."""

from __future__ import annotations

import json

import pytest

from desktop_app.core.errors import MalformedChunk, StreamErrorEvent
from desktop_app.core.events import ChatEvent, ReasoningDelta, TextDelta, Usage
from desktop_app.core.providers.openai_compat import OpenAIStreamParser
from tests.support.streams.transcripts import byte_by_byte, cut_in_two, run


def _chunk(delta: dict[str, object], finish: str | None = None) -> str:
    body = {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "deepseek-reasoner",
        "system_fingerprint": "fp",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
        "usage": None,
    }
    return "data: " + json.dumps(body, ensure_ascii=False) + "\n\n"


USAGE = {
    "prompt_tokens": 20,
    "completion_tokens": 9,
    "total_tokens": 29,
    "prompt_tokens_details": {"cached_tokens": 0},
    "prompt_cache_hit_tokens": 16,
    "prompt_cache_miss_tokens": 4,
    "completion_tokens_details": {"reasoning_tokens": 5},
}
TRANSCRIPT = (
    ": keep-alive\r\n\r\n"
    + _chunk({"role": "assistant", "content": ""})
    + _chunk({"reasoning_content": "Think… "})
    + _chunk({"reasoning_content": "done."})
    + _chunk({"content": "价格 "})
    + _chunk({"content": "is\u2028fine 🙂"})
    + _chunk({}, finish="stop")
    + "data: "
    + json.dumps(
        {"id": "chatcmpl-1", "object": "chat.completion.chunk", "choices": [], "usage": USAGE}
    )
    + "\n\n"
    + "data: [DONE]\n\n"
).encode()

EXPECTED: list[ChatEvent] = [
    ReasoningDelta("Think… "),
    ReasoningDelta("done."),
    TextDelta("价格 "),
    TextDelta("is\u2028fine 🙂"),
    Usage(input_tokens=20, output_tokens=9, cached_input_tokens=16, reasoning_tokens=5),
]


def _run(pieces: list[bytes]) -> tuple[list[ChatEvent], OpenAIStreamParser]:
    return run(OpenAIStreamParser("Relay"), pieces)


def test_whole_transcript() -> None:
    events, parser = _run([TRANSCRIPT])
    assert events == EXPECTED
    assert parser.done
    assert parser.finish_reason == "stop"


def test_transcript_split_at_every_byte_position() -> None:
    for cut, pieces in cut_in_two(TRANSCRIPT):
        events, parser = _run(pieces)
        assert events == EXPECTED, cut
        assert parser.finish_reason == "stop"


def test_transcript_byte_by_byte() -> None:
    events, _ = _run(byte_by_byte(TRANSCRIPT))
    assert events == EXPECTED


def test_ollama_reasoning_field() -> None:
    events, _ = _run([_chunk({"reasoning": "hmm"}).encode(), _chunk({"content": "ok"}).encode()])
    assert events == [ReasoningDelta("hmm"), TextDelta("ok")]


def test_refusal_is_shown_as_text() -> None:
    events, _ = _run([_chunk({"refusal": "I can't help with that."}).encode()])
    assert events == [TextDelta("I can't help with that.")]


@pytest.mark.parametrize(
    "stream",
    [
        b'data: {"error": {"message": "upstream failed", "type": "server_error"}}\n\n',
        b'data: {"id":"x","error":{"code":502,"message":"upstream failed"},'
        b'"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}\n\n',
        b'error: {"code":500,"message":"upstream failed","type":"server_error"}\n\n',
        b'event: error\ndata: {"error": {"message": "upstream failed"}}\n\n',
    ],
)
def test_errors_inside_a_200_stream(stream: bytes) -> None:
    with pytest.raises(StreamErrorEvent, match="upstream failed"):
        _run([stream])


def test_finish_reason_error_without_details() -> None:
    with pytest.raises(StreamErrorEvent, match="stopped with an error"):
        _run([_chunk({}, finish="error").encode()])


@pytest.mark.parametrize("data", [b"data: {oops\n\n", b"data: [1, 2]\n\n", b'data: "text"\n\n'])
def test_malformed_chunks(data: bytes) -> None:
    with pytest.raises(MalformedChunk, match="Relay sent a chunk that is not valid JSON"):
        _run([data])


def test_whole_json_answer_when_the_server_ignores_stream() -> None:
    parser = OpenAIStreamParser("Relay")
    body = {
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": "Hi"}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 3, "completion_tokens": 1},
    }
    assert parser.parse_whole(body) == [TextDelta("Hi"), Usage(3, 1)]
    assert parser.finish_reason == "stop"
