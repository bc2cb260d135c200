"""A recorded stream fed through the real SSEDecoder and a protocol's parser, whole or cut
anywhere: the harness of each wire protocol's transcript tests."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from desktop_app.core.events import ChatEvent
from desktop_app.core.providers.base import StreamParser
from desktop_app.core.sse import SSEDecoder

Parser = TypeVar("Parser", bound=StreamParser)


def run(parser: Parser, pieces: Iterable[bytes]) -> tuple[list[ChatEvent], Parser]:
    """The events `parser` makes of a stream that arrives in `pieces`, and the parser after."""
    decoder = SSEDecoder(extra_fields=parser.sse_extra_fields)
    events: list[ChatEvent] = []
    for piece in pieces:
        for sse in decoder.feed(piece):
            events.extend(parser.parse(sse))
    for sse in decoder.close():
        events.extend(parser.parse(sse))
    events.extend(parser.close())  # as the chat core does at the end of every answer
    return events, parser


def cut_in_two(stream: bytes) -> Iterator[tuple[int, list[bytes]]]:
    """Every position inside `stream`, and the stream cut in two there."""
    for cut in range(1, len(stream)):
        yield cut, [stream[:cut], stream[cut:]]


def byte_by_byte(stream: bytes) -> list[bytes]:
    """`stream` as pieces of one byte each."""
    return [stream[i : i + 1] for i in range(len(stream))]
