"""OpenAI-format scenarios of a hostile or broken server, for the cases a client must survive:
the key echoed back inside a 200 stream (in capitals and percent-encoded), a redirect elsewhere,
an empty event stream, a gzip bomb."""

from __future__ import annotations

import zlib
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Any

from desktop_app.simulator import openai_payloads as payloads
from desktop_app.simulator.http_connection import BodyReply, Reply, StreamReply, json_bytes
from desktop_app.simulator.scenario_names import RequestContext

ECHO_START = "Here is the start of an answer"
REDIRECT_TARGET = "https://elsewhere.example/v1/chat/completions"
BOMB_SIZE = 1 << 30
"""What sim-gzip-bomb inflates to: one SSE line of a gibibyte, from about a megabyte sent."""


def _data(payload: dict[str, Any]) -> bytes:
    return b"data: " + json_bytes(payload) + b"\n\n"


def echoed_key(sent_key: str | None) -> str:
    """The key as a careless server quotes it: as sent, in capitals, and every byte
    percent-encoded."""
    key = sent_key or ""
    encoded = "".join(f"%{byte:02X}" for byte in key.encode())
    return f"Bearer {key} (also {key.upper()} and {encoded})"


async def _key_in_stream_error(ctx: RequestContext) -> Reply:
    """Some text, then an error event that quotes the key."""

    async def events() -> AsyncGenerator[bytes, None]:
        chunks = payloads.CompletionChunks(ctx.model, include_usage=False)
        yield _data(chunks.chunk({"role": "assistant", "content": ECHO_START}))
        said = f"Upstream rejected the token {echoed_key(ctx.sent_key)}"
        yield _data(payloads.error_body(said, "invalid_request_error", "invalid_api_key"))

    return StreamReply(events())


async def _key_in_malformed_chunk(ctx: RequestContext) -> Reply:
    """Some text, then a chunk that is not JSON and holds the key."""

    async def events() -> AsyncGenerator[bytes, None]:
        chunks = payloads.CompletionChunks(ctx.model, include_usage=False)
        yield _data(chunks.chunk({"role": "assistant", "content": ECHO_START}))
        yield f'data: {{"debug": "auth {echoed_key(ctx.sent_key)}", "choices": [\n\n'.encode()

    return StreamReply(events())


async def _redirect(ctx: RequestContext) -> Reply:
    """A 307 to another host: a client that followed it would send the key along."""
    page = b"<html><body>Moved</body></html>"
    return BodyReply(307, page, "text/html", headers=(("Location", REDIRECT_TARGET),))


async def _empty_stream(ctx: RequestContext) -> Reply:
    """A 200 event stream that ends without a single event."""

    async def nothing() -> AsyncGenerator[bytes, None]:
        return
        yield b""  # makes this an async generator

    return StreamReply(nothing())


async def _gzip_bomb(ctx: RequestContext) -> Reply:
    """A gzip-encoded event stream whose one `data:` line never ends: each piece sent inflates
    to 16 MiB, and the whole to BOMB_SIZE. Compressed as it is sent, so that a client that stops
    early costs the simulator little."""

    async def pieces() -> AsyncGenerator[bytes, None]:
        gzip = zlib.compressobj(9, zlib.DEFLATED, 31)
        yield gzip.compress(b"data: ")
        block = b"x" * (16 << 20)
        for _ in range(BOMB_SIZE // len(block)):
            yield gzip.compress(block) + gzip.flush(zlib.Z_SYNC_FLUSH)
        yield gzip.compress(b"\n\n") + gzip.flush()

    return StreamReply(pieces(), headers=(("Content-Encoding", "gzip"),))


SCENARIOS: dict[str, Callable[[Any], Awaitable[Reply]]] = {
    "sim-key-echo-stream-error": _key_in_stream_error,
    "sim-key-echo-malformed": _key_in_malformed_chunk,
    "sim-redirect": _redirect,
    "sim-empty-stream": _empty_stream,
    "sim-gzip-bomb": _gzip_bomb,
}
