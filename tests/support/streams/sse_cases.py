"""Event streams and the events a WHATWG-conformant decoder must give for them.

The `wpt-*` cases restate the web-platform-tests `eventsource/format-*` tests as one stream each:
what the test's server sends, and the events the test expects (a test that checks what happens on
reconnection is folded into one stream, since the decoder sees one connection). The others cover
framing cases collected from other SSE parsers' suites and from real providers.
"""

from __future__ import annotations

from typing import NamedTuple

Expected = tuple[str, str, str, int | None]  # event, data, id, retry


class Case(NamedTuple):
    name: str
    stream: bytes
    events: list[Expected]


def message(data: str, last_id: str = "", retry: int | None = None) -> Expected:
    return ("message", data, last_id, retry)


BOM = b"\xef\xbb\xbf"
LONG_COMMENT = "x" * 2048

WPT_CASES = [
    # Only the first BOM of the stream is dropped; the second starts a field named "\ufeffdata".
    Case(
        "wpt-bom", BOM + b"data:1\n\n" + BOM + b"data:2\n\ndata:3\n\n", [message("1"), message("3")]
    ),
    Case("wpt-bom-2", BOM + BOM + b"data:1\n\ndata:2\n\ndata:3\n\n", [message("2"), message("3")]),
    Case(
        "wpt-comments",
        (
            f"data:1\r:\0\n:\r\ndata:2\n:{LONG_COMMENT}\rdata:3\n:data:fail\r:{LONG_COMMENT}\n"
            "data:4\n\n"
        ).encode(),
        [message("1\n2\n3\n4")],
    ),
    Case(
        "wpt-data-before-final-empty-line",
        b"retry:1000\ndata:test1\n\nid:test\ndata:test2",
        [message("test1", retry=1000)],
    ),
    Case(
        "wpt-field-data",
        b"data:\n\ndata\ndata\n\ndata:test\n\n",
        [message(""), message("\n"), message("test")],
    ),
    Case(
        "wpt-field-event",
        b"event:test\ndata:x\n\ndata:x\n\n",
        [("test", "x", "", None), message("x")],
    ),
    Case("wpt-field-event-empty", b"event: \ndata:data\n\n", [message("data")]),
    Case(
        "wpt-field-id",
        "id: …\nretry: 200\ndata: hello\n\n".encode(),
        [message("hello", "…", 200)],
    ),
    Case(
        "wpt-field-id-2",
        "id: …\nretry: 200\ndata: hello\n\ndata: …\n\ndata: …\n\n".encode(),
        [message("hello", "…", 200), message("…", "…", 200), message("…", "…", 200)],
    ),
    Case(
        "wpt-field-id-3-persists",
        b"id: 1\ndata: 1\n\ndata:2\n\n",
        [message("1", "1"), message("2", "1")],
    ),
    Case(
        "wpt-field-id-3-changes-and-persists",
        b"id: 1\ndata: 1\n\nid: 2\ndata:2\n\ndata:3\n\n",
        [message("1", "1"), message("2", "2"), message("3", "2")],
    ),
    Case(
        "wpt-field-id-3-resets",
        b"id: 1\ndata: 1\n\nid:\ndata:2\n\ndata:3\n\n",
        [message("1", "1"), message("2"), message("3")],
    ),
    # The standard now ignores an id containing U+0000 (older versions of the test expected it).
    Case(
        "wpt-field-id-null",
        b"id: \0\0\nretry: 200\ndata: hello\n\n",
        [message("hello", "", 200)],
    ),
    Case(
        "wpt-field-parsing",
        (
            b"data:\0\ndata:  2\rData:1\ndata\0:2\ndata:1\r\0data:4\nda-ta:3\rdata_5\ndata:3\r"
            b"data:\r\n data:32\ndata:4\n\n"
        ),
        [message("\0\n 2\n1\n3\n\n4")],
    ),
    Case("wpt-field-retry", b"retry:02000\ndata:x\n\n", [message("x", retry=2000)]),
    Case(
        "wpt-field-retry-bogus",
        b"retry:2000\nretry:1000x\ndata:x\n\n",
        [message("x", retry=2000)],
    ),
    Case("wpt-field-retry-empty", b"retry\ndata:test\n\n", [message("test")]),
    Case(
        "wpt-field-unknown",
        b"data:test\n data\ndata\nfoobar:xxx\njustsometext\n:thisisacommentyay\ndata:test\n\n",
        [message("test\n\ntest")],
    ),
    Case("wpt-leading-space", b"data:\ttest\rdata: \ndata:test\n\n", [message("\ttest\n\ntest")]),
    # Ends with a CR: the empty line is ended by the stream's very last byte.
    Case("wpt-newlines", b"data:test\r\ndata\ndata:test\r\n\r", [message("test\n\ntest")]),
    Case("wpt-null-character", b"data:\0\n\n", [message("\0")]),
    Case("wpt-utf-8", b"data:ok\xe2\x80\xa6\n\n", [message("ok…")]),
]

SEPARATORS = "\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"

FRAMING_CASES = [
    Case("one event", b"data: hello\n\n", [message("hello")]),
    Case("two events", b"data: a\n\ndata: b\n\n", [message("a"), message("b")]),
    Case("multi-line data", b"data: a\ndata: b\ndata: c\n\n", [message("a\nb\nc")]),
    Case("crlf", b"data: a\r\ndata: b\r\n\r\n", [message("a\nb")]),
    Case("cr", b"data: a\rdata: b\r\r", [message("a\nb")]),
    Case("mixed line ends", b"data: a\r\ndata: b\rdata: c\n\r\n", [message("a\nb\nc")]),
    Case(
        "cr then lf is one line end", b"data: a\r\n\r\ndata: b\n\r\n", [message("a"), message("b")]
    ),
    Case("lf then cr is two line ends", b"data: a\n\rdata: b\n\n", [message("a"), message("b")]),
    Case("data without colon", b"data\n\n", [message("")]),
    Case("two empty data lines", b"data:\ndata:\n\n", [message("\n")]),
    Case("data ending with an empty data line", b"data: a\ndata:\n\n", [message("a\n")]),
    Case("no space after colon", b"data:x\n\n", [message("x")]),
    Case(
        "with and without the space",
        b"data:a\n\ndata: b\n\ndata:c\n\ndata: d\n\ndata\n\ndata: e\n\n",
        [message("a"), message("b"), message("c"), message("d"), message(""), message("e")],
    ),
    Case(
        "ids between events",
        b"id: 1\n\ndata: a\n\nid: 2\n\ndata: b\n\n",
        [message("a", "1"), message("b", "2")],
    ),
    Case("only one space removed", b"data:  x\n\n", [message(" x")]),
    Case("tab is not removed", b"data:\tx\n\n", [message("\tx")]),
    Case("colon in value", b"data: a: b:c\n\n", [message("a: b:c")]),
    Case("space before colon names another field", b"data : x\n\n", []),
    Case("field names are case-sensitive", b"DATA: x\nData: y\n\n", []),
    Case("comment", b": keep-alive\n\n", []),
    Case("bare colon is a comment", b":\n\ndata: x\n:\n\n", [message("x")]),
    Case("comments between data lines", b"data: a\n: note\ndata: b\n\n", [message("a\nb")]),
    Case("id only dispatches nothing", b"id: 1\n\ndata: x\n\n", [message("x", "1")]),
    Case("event only dispatches nothing", b"event: ping\n\ndata: x\n\n", [message("x")]),
    Case("retry only dispatches nothing", b"retry: 5\n\ndata: x\n\n", [message("x", retry=5)]),
    Case("empty lines only", b"\n\n\r\n\r\r", []),
    Case(
        "extra empty lines between events",
        b"data: a\n\n\n\n\ndata: b\n\n",
        [message("a"), message("b")],
    ),
    Case("event type", b"event: delta\ndata: {}\n\n", [("delta", "{}", "", None)]),
    Case("event type after data", b"data: {}\nevent: delta\n\n", [("delta", "{}", "", None)]),
    Case(
        "event type resets after dispatch",
        b"event: a\ndata: 1\n\ndata: 2\n\n",
        [("a", "1", "", None), message("2")],
    ),
    Case("last event type wins", b"event: a\nevent: b\ndata: 1\n\n", [("b", "1", "", None)]),
    Case("empty event type is message", b"event:\ndata: 1\n\n", [message("1")]),
    Case("id persists", b"id: 7\ndata: a\n\ndata: b\n\n", [message("a", "7"), message("b", "7")]),
    Case("id set in the same event", b"data: a\nid: 3\n\n", [message("a", "3")]),
    Case(
        "empty id resets", b"id: 7\ndata: a\n\nid\ndata: b\n\n", [message("a", "7"), message("b")]
    ),
    Case(
        "id with NUL is ignored",
        b"id: 7\ndata: a\n\nid: 8\x009\ndata: b\n\n",
        [message("a", "7"), message("b", "7")],
    ),
    Case("id of an undispatched event persists", b"id: 4\n\ndata: b\n\n", [message("b", "4")]),
    Case("id without space", b"id:5\ndata: b\n\n", [message("b", "5")]),
    Case("retry", b"retry: 3000\ndata: a\n\n", [message("a", retry=3000)]),
    Case(
        "retry persists",
        b"retry: 3000\ndata: a\n\ndata: b\n\n",
        [message("a", retry=3000), message("b", retry=3000)],
    ),
    Case("retry plus sign", b"retry: +5\ndata: a\n\n", [message("a")]),
    Case("retry leading space", b"retry:  5\ndata: a\n\n", [message("a")]),
    Case("retry underscore", b"retry: 1_0\ndata: a\n\n", [message("a")]),
    Case("retry decimal", b"retry: 1.5\ndata: a\n\n", [message("a")]),
    Case("retry negative", b"retry: -1\ndata: a\n\n", [message("a")]),
    Case(
        "retry non-ASCII digits",
        "retry: \u0663\ndata: a\n\nretry: \uff15\ndata: b\n\n".encode(),
        [message("a"), message("b")],
    ),
    Case("retry zero", b"retry: 0\ndata: a\n\n", [message("a", retry=0)]),
    Case(
        "retry many leading zeros",
        b"retry: " + b"0" * 5000 + b"7\ndata: a\n\n",
        [message("a", retry=7)],
    ),
    Case(
        "retry too long for int()",
        b"retry: 5\nretry: " + b"9" * 5000 + b"\ndata: a\n\n",
        [message("a", retry=5)],
    ),
    Case("unterminated event is discarded", b"data: a\n\ndata: b\n", [message("a")]),
    Case("unterminated line is discarded", b"data: a\n\ndata: b", [message("a")]),
    Case(
        "separators are not line ends",
        f"data: {SEPARATORS}|{SEPARATORS}\n\n".encode(),
        [message(f"{SEPARATORS}|{SEPARATORS}")],
    ),
    Case("json with u2028", 'data: {"t":"a\u2028b"}\n\n'.encode(), [message('{"t":"a\u2028b"}')]),
    Case("bom before an empty line", BOM + b"\ndata: x\n\n", [message("x")]),
    Case("bom before a comment", BOM + b": hi\ndata: x\n\n", [message("x")]),
    Case("bom later is kept", b"data: " + BOM + b"x\n\n", [message("\ufeffx")]),
    Case("invalid utf-8", b"data: a\xffb\xc3\n\n", [message("a\ufffdb\ufffd")]),
    Case(
        "truncated sequence before line end",
        b"data: \xf0\x9f\x98\ndata: \xe4\xbd\n\n",
        [message("\ufffd\n\ufffd")],
    ),
    Case("invalid bytes in a field name", b"da\xfeta: x\n\ndata: y\n\n", [message("y")]),
    Case("surrogate encoded bytes", b"data: \xed\xa0\x80\n\n", [message("\ufffd\ufffd\ufffd")]),
    Case("multibyte", "data: héllo 你好 😀\n\n".encode(), [message("héllo 你好 😀")]),
    Case(
        "openai stream",
        b'data: {"choices":[{"delta":{"content":"Hi"}}]}\n\n: keep-alive\n\n'
        b'data: {"choices":[{"delta":{"content":"!"}}]}\n\ndata: [DONE]\n\n',
        [
            message('{"choices":[{"delta":{"content":"Hi"}}]}'),
            message('{"choices":[{"delta":{"content":"!"}}]}'),
            message("[DONE]"),
        ],
    ),
    Case(
        "anthropic stream",
        b'event: message_start\ndata: {}\n\nevent: ping\ndata: {"type": "ping"}\n\n'
        b'event: content_block_delta\ndata: {"d":1}\n\n',
        [
            ("message_start", "{}", "", None),
            ("ping", '{"type": "ping"}', "", None),
            ("content_block_delta", '{"d":1}', "", None),
        ],
    ),
    Case("error field ignored by default", b'error: {"code":500}\n\ndata: x\n\n', [message("x")]),
]

CASES = WPT_CASES + FRAMING_CASES
