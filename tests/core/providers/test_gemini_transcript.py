"""A Gemini stream, split at every byte, always gives the same normalized events; and the parser's
answers to finish reasons, blocked prompts, errors and whole (non-streamed) responses."""

from __future__ import annotations

import json
from typing import Any

import pytest

from desktop_app.core.errors import MalformedChunk, StreamErrorEvent
from desktop_app.core.events import ChatEvent, ReasoningDelta, TextDelta, Usage
from desktop_app.core.providers.gemini import GeminiStreamParser
from desktop_app.core.sse import SSEDecoder
from tests.support.streams.transcripts import byte_by_byte, cut_in_two, run

RUNNING = {
    "promptTokenCount": 1041,
    "totalTokenCount": 1041,
    "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 1041}],
}
TOTALS = {
    "promptTokenCount": 1041,
    "candidatesTokenCount": 17,
    "totalTokenCount": 1202,
    "cachedContentTokenCount": 1024,
    "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 1041}],
    "cacheTokensDetails": [{"modality": "TEXT", "tokenCount": 1024}],
    "thoughtsTokenCount": 144,
}


def _chunk(
    parts: list[dict[str, Any]] | None, usage: dict[str, Any], finish: str | None = None
) -> str:
    candidate: dict[str, Any] = {}
    if parts is not None:
        candidate["content"] = {"parts": parts, "role": "model"}
    if finish:
        candidate["finishReason"] = finish
    candidate["index"] = 0
    body = {
        "candidates": [candidate],
        "usageMetadata": usage,
        "modelVersion": "gemini-2.5-flash",
        "responseId": "mXQ3aKWlBt-xz7IP6eWq0Qs",
    }
    # The real API ends each event with CRLF CRLF.
    return "data: " + json.dumps(body, ensure_ascii=False) + "\r\n\r\n"


TRANSCRIPT = (
    _chunk([{"text": "**Weighing the price**\n\n", "thought": True}], RUNNING)
    + _chunk([{"text": "价格 looks fine.", "thought": True}], RUNNING)
    + _chunk(
        [
            {"text": " Done thinking.", "thought": True},
            {"text": "The price ", "thoughtSignature": "CiQB0e2Kb7dC"},
        ],
        RUNNING,
    )
    + _chunk([{"text": "is 价格\u2028fine 🙂"}], RUNNING)
    + _chunk([{"text": ", really."}], TOTALS, finish="STOP")
).encode()

EXPECTED: list[ChatEvent] = [
    ReasoningDelta("**Weighing the price**\n\n"),
    ReasoningDelta("价格 looks fine."),
    ReasoningDelta(" Done thinking."),
    TextDelta("The price "),
    TextDelta("is 价格\u2028fine 🙂"),
    TextDelta(", really."),
    # input counts the cached part; output adds the thoughts to the candidates.
    Usage(input_tokens=1041, output_tokens=161, cached_input_tokens=1024, reasoning_tokens=144),
]


def _run(pieces: list[bytes]) -> tuple[list[ChatEvent], GeminiStreamParser]:
    return run(GeminiStreamParser("Gemini"), pieces)


def test_whole_transcript() -> None:
    events, parser = _run([TRANSCRIPT])
    assert events == EXPECTED
    assert parser.finish_reason == "stop"
    assert not parser.done  # no end marker: the end of the body ends the answer


def test_transcript_split_at_every_byte_position() -> None:
    for cut, pieces in cut_in_two(TRANSCRIPT):
        events, parser = _run(pieces)
        assert events == EXPECTED, cut
        assert parser.finish_reason == "stop", cut


def test_transcript_byte_by_byte() -> None:
    events, _ = _run(byte_by_byte(TRANSCRIPT))
    assert events == EXPECTED


def test_usage_of_unfinished_chunks_is_not_reported() -> None:
    # Mid-answer chunks count only the prompt; reporting them would make the meter show an
    # answer that cost nothing until the last chunk.
    events, parser = _run([_chunk([{"text": "Hi"}], RUNNING).encode()])
    assert events == [TextDelta("Hi")]
    assert parser.finish_reason is None


def test_usage_after_the_finish_is_taken_as_the_latest() -> None:
    later = {**TOTALS, "candidatesTokenCount": 20}
    stream = _chunk([{"text": "Hi"}], TOTALS, "STOP") + _chunk(None, later)
    events, _ = _run([stream.encode()])
    usages = [e for e in events if isinstance(e, Usage)]
    assert usages[-1].output_tokens == 164


def test_max_tokens_is_the_apps_length() -> None:
    events, parser = _run([_chunk([{"text": "Cut"}], TOTALS, "MAX_TOKENS").encode()])
    assert parser.finish_reason == "length"
    assert events[0] == TextDelta("Cut")


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ("SAFETY", "blocked the answer with its safety filter"),
        ("RECITATION", "repeating published text"),
        ("BLOCKLIST", "blocked term"),
        ("PROHIBITED_CONTENT", "prohibited content"),
        ("SPII", "sensitive personal information"),
        ("LANGUAGE", "does not support the conversation's language"),
        ("OTHER", "without giving a reason"),
    ],
)
def test_withheld_answers_are_errors_that_say_why(reason: str, words: str) -> None:
    stream = _chunk([{"text": "Part"}], RUNNING) + _chunk(None, TOTALS, reason)
    with pytest.raises(StreamErrorEvent) as caught:
        _run([stream.encode()])
    message = str(caught.value)
    assert message.startswith("Gemini ")
    assert words in message
    assert f"(finishReason {reason})" in message
    assert "The part received is kept" in message


def test_a_block_before_any_text_says_nothing_was_answered() -> None:
    with pytest.raises(StreamErrorEvent, match="Nothing was answered"):
        _run([_chunk(None, TOTALS, "SAFETY").encode()])


def test_unknown_finish_reasons_pass_through_in_lower_case() -> None:
    _, parser = _run([_chunk([{"text": "x"}], TOTALS, "MALFORMED_FUNCTION_CALL").encode()])
    assert parser.finish_reason == "malformed_function_call"


def test_unspecified_finish_reason_is_no_finish() -> None:
    events, parser = _run([_chunk([{"text": "x"}], TOTALS, "FINISH_REASON_UNSPECIFIED").encode()])
    assert parser.finish_reason is None
    assert events == [TextDelta("x")]


def test_a_blocked_prompt_is_a_clear_error() -> None:
    body = {
        "promptFeedback": {"blockReason": "PROHIBITED_CONTENT"},
        "usageMetadata": RUNNING,
        "modelVersion": "gemini-2.5-flash",
    }
    with pytest.raises(StreamErrorEvent) as caught:
        _run([b"data: " + json.dumps(body).encode() + b"\r\n\r\n"])
    message = str(caught.value)
    assert "Gemini refused to answer" in message
    assert "prohibited content" in message
    assert "blockReason PROHIBITED_CONTENT" in message


def test_prompt_feedback_without_a_block_is_ignored() -> None:
    body = {"promptFeedback": {"safetyRatings": []}, **json.loads(_chunk([{"text": "ok"}], {})[6:])}
    events, _ = _run([b"data: " + json.dumps(body).encode() + b"\n\n"])
    assert events == [TextDelta("ok")]


def test_an_error_object_mid_stream_keeps_what_came_before() -> None:
    error = {
        "error": {"code": 500, "message": "An internal error has occurred.", "status": "INTERNAL"}
    }
    stream = _chunk([{"text": "Half"}], RUNNING) + "data: " + json.dumps(error) + "\r\n\r\n"
    parser = GeminiStreamParser("Gemini")
    decoder = SSEDecoder()
    first, second = decoder.feed(stream.encode())
    assert parser.parse(first) == [TextDelta("Half")]
    with pytest.raises(StreamErrorEvent) as caught:
        parser.parse(second)
    message = str(caught.value)
    assert "in the middle of the answer (INTERNAL: An internal error has occurred.)" in message
    assert "The part received is kept" in message


def test_an_error_object_before_any_text_is_not_called_mid_answer() -> None:
    error = {"error": {"code": 503, "message": "The model is overloaded.", "status": "UNAVAILABLE"}}
    with pytest.raises(StreamErrorEvent, match=r"before answering \(UNAVAILABLE: The model is"):
        _run([b"data: " + json.dumps(error).encode() + b"\n\n"])


def test_other_candidates_and_other_part_kinds_are_not_shown() -> None:
    body = {
        "candidates": [
            {"index": 1, "content": {"parts": [{"text": "second candidate"}]}},
            {"index": 0, "content": {"parts": [{"inlineData": {"data": "AA=="}}, {"text": "ok"}]}},
        ]
    }
    events, _ = _run([b"data: " + json.dumps(body).encode() + b"\n\n"])
    assert events == [TextDelta("ok")]


@pytest.mark.parametrize("data", [b"data: {oops\n\n", b"data: [1, 2]\n\n", b'data: "text"\n\n'])
def test_malformed_chunks(data: bytes) -> None:
    with pytest.raises(MalformedChunk, match="Gemini sent a chunk that is not valid JSON"):
        _run([data])


def test_whole_response_of_generate_content() -> None:
    parser = GeminiStreamParser("Gemini")
    body = {
        "candidates": [
            {
                "content": {
                    "parts": [{"text": "Plan.", "thought": True}, {"text": "Answer."}],
                    "role": "model",
                },
                "finishReason": "STOP",
                "index": 0,
            }
        ],
        "usageMetadata": TOTALS,
    }
    assert parser.parse_whole(body) == [ReasoningDelta("Plan."), TextDelta("Answer."), EXPECTED[-1]]
    assert parser.finish_reason == "stop"
    assert parser.done


def test_whole_response_as_an_array_of_chunks() -> None:
    # streamGenerateContent without alt=sse answers one JSON array.
    chunks = [json.loads(event[6:]) for event in TRANSCRIPT.decode().split("\r\n\r\n") if event]
    parser = GeminiStreamParser("Gemini")
    assert parser.parse_whole(chunks) == EXPECTED
    assert parser.finish_reason == "stop"


def test_whole_response_that_is_an_error_or_not_an_object() -> None:
    with pytest.raises(StreamErrorEvent, match="The model is overloaded"):
        GeminiStreamParser("Gemini").parse_whole({"error": {"message": "The model is overloaded"}})
    with pytest.raises(MalformedChunk):
        GeminiStreamParser("Gemini").parse_whole([1, 2])
