"""An Anthropic Messages transcript, split at every byte, always gives the same normalized events;
and the parser's handling of each event type, error and stop reason."""

from __future__ import annotations

import json
from typing import Any

import pytest

from desktop_app.core.errors import MalformedChunk, StreamErrorEvent
from desktop_app.core.events import ChatEvent, KeepAlive, ReasoningDelta, TextDelta, Usage
from desktop_app.core.providers.anthropic import AnthropicStreamParser
from tests.support.streams.transcripts import byte_by_byte, cut_in_two, run


def _event(name: str, payload: dict[str, Any]) -> str:
    return f"event: {name}\ndata: {json.dumps(payload, ensure_ascii=False)}\n\n"


def _block_delta(index: int, delta: dict[str, Any]) -> str:
    return _event(
        "content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta}
    )


START_USAGE = {
    "input_tokens": 472,
    "cache_creation_input_tokens": 1200,
    "cache_read_input_tokens": 3000,
    "output_tokens": 2,
    "service_tier": "standard",
}
MESSAGE: dict[str, Any] = {
    "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
    "type": "message",
    "role": "assistant",
    "model": "claude-sonnet-4-5-20250929",
    "content": [],
    "stop_reason": None,
    "stop_sequence": None,
    "usage": START_USAGE,
}
SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"
TRANSCRIPT = (
    _event("message_start", {"type": "message_start", "message": MESSAGE})
    + _event("ping", {"type": "ping"})
    + _event(
        "content_block_start",
        {
            "type": "content_block_start",
            "index": 0,
            "content_block": {"type": "thinking", "thinking": "", "signature": ""},
        },
    )
    + _block_delta(0, {"type": "thinking_delta", "thinking": "Let me think… "})
    + _block_delta(0, {"type": "thinking_delta", "thinking": "27 \u00d7 453 = 12231."})
    + _block_delta(0, {"type": "signature_delta", "signature": SIGNATURE})
    + _event("content_block_stop", {"type": "content_block_stop", "index": 0})
    + _event(
        "content_block_start",
        {"type": "content_block_start", "index": 1, "content_block": {"type": "text", "text": ""}},
    )
    + _block_delta(1, {"type": "text_delta", "text": "价格 is "})
    + _event("ping", {"type": "ping"})
    + _block_delta(1, {"type": "text_delta", "text": "12,231\u2028🙂"})
    + _event("content_block_stop", {"type": "content_block_stop", "index": 1})
    + _event(
        "message_delta",
        {
            "type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_sequence": None},
            "usage": {"output_tokens": 503},
        },
    )
    + _event("message_stop", {"type": "message_stop"})
).encode()

EXPECTED: list[ChatEvent] = [
    ReasoningDelta("Let me think… "),
    ReasoningDelta("27 \u00d7 453 = 12231."),
    TextDelta("价格 is "),
    TextDelta("12,231\u2028🙂"),  # neither ping shows: one is routine, one is in mid-answer
    Usage(
        input_tokens=472 + 1200 + 3000,
        output_tokens=503,
        cached_input_tokens=3000,
        cache_write_tokens=1200,
    ),
]


def _run(pieces: list[bytes]) -> tuple[list[ChatEvent], AnthropicStreamParser]:
    return run(AnthropicStreamParser("Anthropic"), pieces)


def test_whole_transcript() -> None:
    events, parser = _run([TRANSCRIPT])
    assert events == EXPECTED
    assert parser.done
    assert parser.finish_reason == "stop"


def test_transcript_split_at_every_byte_position() -> None:
    for cut, pieces in cut_in_two(TRANSCRIPT):
        events, parser = _run(pieces)
        assert events == EXPECTED, cut
        assert parser.done, cut
        assert parser.finish_reason == "stop", cut


def test_transcript_byte_by_byte_with_crlf_line_ends() -> None:
    crlf = TRANSCRIPT.replace(b"\n", b"\r\n")
    events, parser = _run(byte_by_byte(crlf))
    assert events == EXPECTED
    assert parser.done


@pytest.mark.parametrize(
    ("stop_reason", "finish"),
    [
        ("end_turn", "stop"),
        ("stop_sequence", "stop"),
        ("max_tokens", "length"),  # the app shows "cut at the token limit" for "length"
        ("refusal", "refusal"),
        ("pause_turn", "pause_turn"),
    ],
)
def test_stop_reasons(stop_reason: str, finish: str) -> None:
    delta = {"type": "message_delta", "delta": {"stop_reason": stop_reason}, "usage": {}}
    _, parser = _run([_event("message_delta", delta).encode()])
    assert parser.finish_reason == finish
    assert not parser.done  # only message_stop ends the stream


def test_newer_message_delta_repeats_the_input_counts() -> None:
    start = _event("message_start", {"type": "message_start", "message": MESSAGE})
    usage = {**START_USAGE, "input_tokens": 480, "output_tokens": 9}
    delta = _event("message_delta", {"type": "message_delta", "delta": {}, "usage": usage})
    events, _ = _run([(start + delta).encode()])
    assert events == [Usage(480 + 4200, 9, cached_input_tokens=3000, cache_write_tokens=1200)]


def test_a_message_delta_that_reports_less_than_message_start_does_not_lower_the_counts() -> None:
    start = _event("message_start", {"type": "message_start", "message": MESSAGE})
    usage = {"input_tokens": 0, "cache_read_input_tokens": 0, "output_tokens": 9}
    delta = _event("message_delta", {"type": "message_delta", "delta": {}, "usage": usage})
    events, _ = _run([(start + delta).encode()])
    # 472 in as message_start said, and its cache reads: the delta's zeros lower nothing.
    assert events == [Usage(472 + 4200, 9, cached_input_tokens=3000, cache_write_tokens=1200)]


def test_pings_beyond_the_first_before_the_answer_are_keep_alives() -> None:
    ping = _event("ping", {"type": "ping"})
    text = _block_delta(0, {"type": "text_delta", "text": "Hi"})
    events, _ = _run([(ping * 3 + text + ping).encode()])
    assert events == [KeepAlive(), KeepAlive(), TextDelta("Hi")]


def test_message_start_alone_reports_no_usage() -> None:
    # A stream cut before message_delta has only the first output count: reporting it would
    # call the answer 2 tokens long; without usage the app estimates from the text instead.
    events, parser = _run(
        [_event("message_start", {"type": "message_start", "message": MESSAGE}).encode()]
    )
    assert events == []
    assert not parser.done


def test_unknown_events_blocks_and_deltas_are_ignored() -> None:
    stream = (
        _event("content_block_future", {"type": "content_block_future", "index": 0})
        + _event(
            "content_block_start",
            {"type": "content_block_start", "index": 0, "content_block": {"type": "tool_use"}},
        )
        + _block_delta(0, {"type": "input_json_delta", "partial_json": '{"city": "Par'})
        + _block_delta(0, {"type": "citations_delta", "citation": {"cited_text": "x"}})
        + _block_delta(0, {"type": "brand_new_delta", "value": 1})
        + _event(
            "content_block_start",
            {
                "type": "content_block_start",
                "index": 1,
                "content_block": {"type": "redacted_thinking", "data": "abc"},
            },
        )
        + _block_delta(2, {"type": "text_delta", "text": "ok"})
    )
    events, _ = _run([stream.encode()])
    assert events == [TextDelta("ok")]


def test_a_text_block_may_start_with_text() -> None:
    start = {
        "type": "content_block_start",
        "index": 0,
        "content_block": {"type": "text", "text": "Hi"},
    }
    events, _ = _run([_event("content_block_start", start).encode()])
    assert events == [TextDelta("Hi")]


def test_overloaded_error_after_the_200_says_what_to_do() -> None:
    error = {
        "type": "error",
        "error": {"type": "overloaded_error", "message": "Overloaded"},
        "request_id": "req_1",
    }
    stream = _block_delta(0, {"type": "text_delta", "text": "Part"}) + _event("error", error)
    with pytest.raises(StreamErrorEvent) as caught:
        _run([stream.encode()])
    message = str(caught.value)
    assert "Anthropic is overloaded" in message
    assert "overloaded_error: Overloaded" in message
    assert "try again in a moment" in message
    assert caught.value.provider == "Anthropic"


def test_other_stream_errors_name_their_type() -> None:
    error = {"type": "error", "error": {"type": "invalid_request_error", "message": "bad thing"}}
    with pytest.raises(
        StreamErrorEvent, match=r"before answering \(invalid_request_error: bad thing\)"
    ):
        _run([_event("error", error).encode()])


def test_an_error_event_is_an_error_even_without_a_type_in_its_data() -> None:
    with pytest.raises(StreamErrorEvent, match="upstream gone"):
        _run([b'event: error\ndata: {"message": "upstream gone"}\n\n'])


@pytest.mark.parametrize(
    "data", [b"data: {oops\n\n", b"data: [1, 2]\n\n", b'event: ping\ndata: "x"\n\n']
)
def test_malformed_events(data: bytes) -> None:
    with pytest.raises(MalformedChunk, match="Anthropic sent an event that is not valid JSON"):
        _run([data])


def test_whole_json_message_when_the_server_ignores_stream() -> None:
    parser = AnthropicStreamParser("Anthropic")
    body = {
        **MESSAGE,
        "content": [
            {"type": "thinking", "thinking": "Hmm.", "signature": SIGNATURE},
            {"type": "text", "text": "Hi"},
        ],
        "stop_reason": "max_tokens",
        "usage": {**START_USAGE, "output_tokens": 7},
    }
    assert parser.parse_whole(body) == [
        ReasoningDelta("Hmm."),
        TextDelta("Hi"),
        Usage(4672, 7, cached_input_tokens=3000, cache_write_tokens=1200),
    ]
    assert parser.finish_reason == "length"
    assert parser.done


def test_whole_json_error_body() -> None:
    parser = AnthropicStreamParser("Anthropic")
    body = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
    with pytest.raises(StreamErrorEvent, match="Anthropic is overloaded"):
        parser.parse_whole(body)
