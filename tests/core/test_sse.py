"""SSEDecoder against the WHATWG rules: conformance cases, every way of splitting, properties."""

from __future__ import annotations

import dataclasses
import re
import tracemalloc
from collections.abc import Iterable, Sequence
from itertools import combinations, pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.sse import EventTooLarge, ServerSentEvent, SSEDecoder
from tests.support.streams.sse_cases import BOM, CASES, Case, Expected


def decode(chunks: Iterable[bytes], extra_fields: Iterable[str] = ()) -> list[Expected]:
    decoder = SSEDecoder(extra_fields)
    events = []
    for chunk in chunks:
        events += decoder.feed(chunk)
    events += decoder.close()
    return [(e.event, e.data, e.id, e.retry) for e in events]


def split_at(stream: bytes, cuts: Sequence[int]) -> list[bytes]:
    bounds = [0, *cuts, len(stream)]
    return [stream[a:b] for a, b in pairwise(bounds)]


def reference(stream: bytes) -> list[Expected]:
    """The standard's steps written out plainly, on the whole stream at once."""
    text = stream.decode("utf-8", "replace").removeprefix("\ufeff")
    lines = re.split(r"\r\n|\r|\n", text)[:-1]  # the last piece has no line end: discarded
    events: list[Expected] = []
    data, event_type, last_id, retry = "", "", "", None
    for line in lines:
        if line == "":
            if data:
                events.append((event_type or "message", data.removesuffix("\n"), last_id, retry))
            data, event_type = "", ""
            continue
        if line.startswith(":"):
            continue
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "data":
            data += value + "\n"
        elif name == "event":
            event_type = value
        elif name == "id" and "\0" not in value:
            last_id = value
        elif name == "retry" and value and all(c in "0123456789" for c in value):
            retry = int(value.lstrip("0") or "0")  # int() refuses over 4300 digits, zeros too
    return events


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case_whole_and_byte_by_byte(case: Case) -> None:
    assert decode([case.stream]) == case.events
    assert decode(case.stream[i : i + 1] for i in range(len(case.stream))) == case.events


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case_split_in_two_anywhere(case: Case) -> None:
    for cut in range(len(case.stream) + 1):
        assert decode(split_at(case.stream, [cut])) == case.events, cut


@pytest.mark.parametrize("case", [c for c in CASES if len(c.stream) <= 80], ids=lambda c: c.name)
def test_case_split_in_three_anywhere(case: Case) -> None:
    for cuts in combinations(range(len(case.stream) + 1), 2):
        assert decode(split_at(case.stream, cuts)) == case.events, cuts


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case_agrees_with_reference(case: Case) -> None:
    if b"9" * 5000 in case.stream:
        pytest.skip("the reference converts any digits; the decoder ignores past int()'s limit")
    assert reference(case.stream) == case.events


@pytest.mark.parametrize(
    "text",
    ["é", "€", "你", "😀", "👩‍💻", "data"],
    ids=["2-byte", "3-byte", "chinese", "4-byte", "zwj", "ascii"],
)
def test_multibyte_character_split_inside(text: str) -> None:
    stream = f"data: a{text}b\n\nid: {text}\ndata: {text * 3}\n\n".encode()
    expected = [("message", f"a{text}b", "", None), ("message", text * 3, text, None)]
    for cut in range(len(stream) + 1):
        assert decode(split_at(stream, [cut])) == expected


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff",
        b"\xc3",
        b"\xe4\xbd",
        b"\xf0\x9f\x98",
        b"\xed\xa0\x80",
        b"\xc0\xaf",
        b"\xf8\x88\x80\x80\x80",
    ],
)
def test_invalid_utf8_gives_the_same_replacement_for_any_split(raw: bytes) -> None:
    stream = b"data: <" + raw + b">\ndata: " + raw + b"\n\n"
    expected = [
        ("message", stream[6:-2].decode("utf-8", "replace").replace("\ndata: ", "\n"), "", None)
    ]
    assert decode([stream]) == expected
    for cuts in combinations(range(len(stream) + 1), 2):
        assert decode(split_at(stream, cuts)) == expected


def test_crlf_split_between_cr_and_lf_is_one_line_end() -> None:
    assert decode([b"data: a\r", b"\n", b"\r", b"\ndata: b\r\n\r\n"]) == [
        ("message", "a", "", None),
        ("message", "b", "", None),
    ]
    # The LF after a chunk-final CR is skipped once, not every time.
    assert decode([b"data: a\r", b"\n", b"\n"]) == [("message", "a", "", None)]


def test_cr_ending_the_stream_ends_the_event() -> None:
    assert decode([b"data: x\n", b"\r"]) == [("message", "x", "", None)]
    assert decode([b"data: x\r", b"\r"]) == [("message", "x", "", None)]


def test_bom_split_across_chunks_is_dropped() -> None:
    stream = BOM + b"data: x\n\n"
    for cuts in combinations(range(len(stream) + 1), 2):
        assert decode(split_at(stream, cuts)) == [("message", "x", "", None)]
    assert decode([BOM[:1], BOM[1:2], BOM[2:], b"data: x\n\n"]) == [("message", "x", "", None)]


def test_second_bom_split_across_chunks_is_kept() -> None:
    assert decode([BOM[:2], BOM[2:] + BOM[:1], BOM[1:], b"data: x\n\n"]) == []
    assert decode([BOM, b"data: ", BOM[:2], BOM[2:], b"\n\n"]) == [("message", "\ufeff", "", None)]


def test_empty_chunks_change_nothing() -> None:
    assert decode([b"", b"data: a", b"", b"\r", b"", b"\n", b"\n", b""]) == [
        ("message", "a", "", None)
    ]


def test_events_are_dataclasses_with_the_contract_fields() -> None:
    (event,) = SSEDecoder().feed(b"id: 1\nretry: 5\nevent: e\ndata: x\n\n")
    assert type(event) is ServerSentEvent
    assert event == ServerSentEvent(event="e", data="x", id="1", retry=5)
    assert [f.name for f in dataclasses.fields(ServerSentEvent)] == ["event", "data", "id", "retry"]
    assert repr(event) == "ServerSentEvent(event='e', data='x', id='1', retry=5)"


def test_feed_after_close_raises() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\n\ndata: b\n") == [ServerSentEvent("message", "a", "", None)]
    assert decoder.close() == []
    with pytest.raises(RuntimeError):
        decoder.feed(b"\n")


def test_state_carries_across_feeds() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"id: 9\nretry: 100\nevent: e\ndata: a\n") == []
    assert decoder.feed(b"data: b\n") == []
    assert decoder.feed(b"\n") == [ServerSentEvent("e", "a\nb", "9", 100)]
    assert decoder.feed(b"data: c\n\n") == [ServerSentEvent("message", "c", "9", 100)]


# --- extra_fields ----------------------------------------------------------------------------

LLAMA_ERROR = b'data: {"content":"Hi"}\n\nerror: {"code":500,"message":"boom"}\n\n'


def test_error_field_is_dropped_by_default() -> None:
    assert decode([LLAMA_ERROR]) == [("message", '{"content":"Hi"}', "", None)]


def test_extra_field_dispatches_when_there_is_no_data() -> None:
    expected = [
        ("message", '{"content":"Hi"}', "", None),
        ("error", '{"code":500,"message":"boom"}', "", None),
    ]
    for cut in range(len(LLAMA_ERROR) + 1):
        assert decode(split_at(LLAMA_ERROR, [cut]), extra_fields=["error"]) == expected


def test_extra_field_carries_id_and_retry() -> None:
    stream = b"id: 4\nretry: 10\n\nerror:oops\n\n"
    assert decode([stream], extra_fields=("error",)) == [("error", "oops", "4", 10)]


def test_extra_field_is_dropped_when_the_event_has_data() -> None:
    stream = b"error: a\ndata: x\n\nerror: b\n\n"
    assert decode([stream], extra_fields={"error"}) == [
        ("message", "x", "", None),
        ("error", "b", "", None),
    ]


def test_extra_field_resets_per_event_and_last_wins() -> None:
    stream = b"error: a\nerror: b\n\n\n: c\n\nerror\n\n"
    assert decode([stream], extra_fields=["error"]) == [
        ("error", "b", "", None),
        ("error", "", "", None),
    ]


def test_extra_field_unterminated_is_discarded() -> None:
    assert decode([b"error: a\n"], extra_fields=["error"]) == []


def test_extra_fields_cannot_name_standard_fields() -> None:
    with pytest.raises(ValueError, match="standard"):
        SSEDecoder(extra_fields=["data"])


# --- properties ------------------------------------------------------------------------------

# "data" often, as in real streams, so that runs of data-only events (the fast path) are common.
FIELD_NAMES = ["data"] * 6 + [
    "event",
    "id",
    "retry",
    "",
    "Data",
    "dat",
    "error",
    "\ufeffdata",
    " data",
]
VALUES = st.text(
    st.sampled_from("ab :\0\t\u2028\u2029\x85\x0b\x0c\x1c\ufeff\ufffdé你😀0123456789"), max_size=8
)
LINE_ENDS = st.sampled_from(["\n", "\r", "\r\n"])


@st.composite
def streams(draw: st.DrawFn) -> bytes:
    """Plausible streams: field lines, comments and empty lines, with any line ends."""
    lines = draw(
        st.lists(
            st.one_of(
                st.just(""),
                st.builds(lambda v: ":" + v, VALUES),
                st.builds(
                    lambda n, sep, v: n + sep + v,
                    st.sampled_from(FIELD_NAMES),
                    st.sampled_from([":", ": ", ""]),
                    VALUES,
                ),
            ),
            max_size=12,
        )
    )
    text = "".join(line + draw(LINE_ENDS) for line in lines)
    if draw(st.booleans()):
        text += draw(VALUES)  # an unterminated last line
    prefix = draw(st.sampled_from(["", "\ufeff", "\ufeff\ufeff"]))
    return (prefix + text).encode()


# Pieces that make the decoder's branches likely: field names, line ends, the fast path's cut,
# BOMs whole and cut, and UTF-8 sequences whole, cut and invalid.
TOKENS = b"data|event|id|retry|:| |x|7|\0|\r|\n|\r\n|\n\n|data: |\n\ndata: ".split(b"|")
TOKENS += [BOM, BOM[:2], b"\xff", b"\xc3", b"\xa9", b"\xe4\xbd\xa0", b"\xf0\x9f", b"\x98\x80"]
TOKENS += ["\u2028".encode(), b"\x85", b"\xc2\x85"]
RAW_BYTES = st.one_of(
    st.binary(max_size=64), st.lists(st.sampled_from(TOKENS), max_size=40).map(b"".join)
)


@st.composite
def cuts(draw: st.DrawFn, stream: bytes) -> list[int]:
    return sorted(draw(st.lists(st.integers(0, len(stream)), max_size=6)))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_split_gives_the_same_events(data: st.DataObject) -> None:
    stream = data.draw(streams())
    assert decode(split_at(stream, data.draw(cuts(stream)))) == decode([stream])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_agrees_with_the_reference(data: st.DataObject) -> None:
    stream = data.draw(st.one_of(streams(), RAW_BYTES))
    assert decode(split_at(stream, data.draw(cuts(stream)))) == reference(stream)


# --- cost ------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("chunk_size", [64 * 1024, 1024 * 1024])
def test_64_mib_event_is_decoded_in_linear_work(chunk_size: int) -> None:
    size = 64 * 1024 * 1024
    payload = b"data: " + b"x" * (size - len("data: "))
    decoder = SSEDecoder()
    tracemalloc.start()
    try:
        for offset in range(0, size, chunk_size):
            assert decoder.feed(payload[offset : offset + chunk_size]) == []
            # Deterministic evidence of linear work: every chunk is kept as it came, in its own
            # piece, never joined with the ones before (which would copy the line again and again).
            pieces = decoder._unterminated
            assert len(pieces) == offset // chunk_size + 1
            assert len(pieces[-1]) == chunk_size
        (event,) = decoder.feed(b"\n\n")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert event.data.count("x") == len(event.data) == size - len("data: ")
    # The line is held as chunks, then joined bytes, then text: a few copies at most at once.
    assert peak < 3 * size


# --- limits ----------------------------------------------------------------------------------

LIMIT = 1000


def feed_in(decoder: SSEDecoder, stream: bytes, size: int) -> list[ServerSentEvent]:
    events: list[ServerSentEvent] = []
    for offset in range(0, len(stream), size):
        events += decoder.feed(stream[offset : offset + size])
    return events


@pytest.mark.parametrize("chunk_size", [1, 7, 100, 999, 5000])
def test_a_line_past_the_limit_stops_the_stream(chunk_size: int) -> None:
    endless = b"data: " + b"x" * (LIMIT + 1) + b"\n\n"
    with pytest.raises(EventTooLarge, match="larger than 1,000 bytes") as raised:
        feed_in(SSEDecoder(max_size=LIMIT), endless, chunk_size)
    assert raised.value.max_size == LIMIT


@pytest.mark.parametrize("chunk_size", [1, 7, 100, 999, 5000])
def test_an_event_of_many_lines_past_the_limit_stops_the_stream(chunk_size: int) -> None:
    many_lines = b"data: 0123456789\n" * 100 + b"\n"  # 1,700 bytes in one event
    with pytest.raises(EventTooLarge):
        feed_in(SSEDecoder(max_size=LIMIT), many_lines, chunk_size)


@pytest.mark.parametrize("chunk_size", [1, 7, 100, 999, 5000])
def test_a_long_stream_of_events_under_the_limit_goes_on(chunk_size: int) -> None:
    events = b"data: 0123456789\ndata: abc\n\n: keep-alive\n\n" * 500  # 20,000 bytes
    decoded = feed_in(SSEDecoder(max_size=LIMIT), events, chunk_size)
    assert [event.data for event in decoded] == ["0123456789\nabc"] * 500


def test_a_line_just_under_the_limit_is_decoded() -> None:
    line = b"data: " + b"x" * (LIMIT - 10) + b"\n\n"
    assert [e.data for e in feed_in(SSEDecoder(max_size=LIMIT), line, 64)] == ["x" * 990]
