"""OpenAI-format scenarios of a hostile or broken server, for the cases a client must survive:
the key echoed back inside a 200 stream (in an error, a broken chunk or the answer itself; in
capitals, percent-encoded, as escapes, in base64, cut short), a redirect elsewhere, an empty
event stream, a gzip bomb, a lone surrogate in the text, usage that is nonsense or shrinks."""

from __future__ import annotations

import asyncio
import base64
import json
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


def encoded_key(sent_key: str | None) -> str:
    """The key as a server writes it in other encodings: "Bearer KEY" in base64, the key with
    its first character as a JSON escape, and as HTML character references."""
    key = sent_key or ""
    bearer = base64.b64encode(f"Bearer {key}".encode()).decode()
    escaped = "".join(f"\\u{ord(char):04x}" for char in key[:1]) + key[1:]
    entities = "".join(f"&#{ord(char)};" for char in key)
    return f"auth {bearer}, {escaped}, {entities}"


async def _key_in_answer(ctx: RequestContext) -> Reply:
    """An answer that quotes the key in its text and reasoning, cut across events at every
    place it can be cut, and in base64."""
    key = ctx.sent_key or ""
    bearer = base64.b64encode(f"Bearer {key}".encode()).decode()
    said = f"{ECHO_START}: your key is {key}, and {key.upper()}; in base64 {bearer}. Done"

    async def events() -> AsyncGenerator[bytes, None]:
        chunks = payloads.CompletionChunks(ctx.model, include_usage=False)
        thought = f"The header said {key}"
        for start in range(0, len(thought), 2):
            yield _data(chunks.chunk({"reasoning_content": thought[start : start + 2]}))
        for start in range(0, len(said), 3):
            yield _data(chunks.chunk({"content": said[start : start + 3]}))
        yield _data(chunks.chunk({}, "stop"))
        yield b"data: [DONE]\n\n"

    return StreamReply(events())


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
        said = f"{echoed_key(ctx.sent_key)} {encoded_key(ctx.sent_key)}"
        yield f'data: {{"debug": "auth {said}", "choices": [\n\n'.encode()

    return StreamReply(events())


CUT_AT = 200
"""Where a client's error cuts the sample of a broken chunk it quotes (json_events.py)."""


async def _key_cut_in_malformed_chunk(ctx: RequestContext) -> Reply:
    """A broken chunk whose key straddles the place where a client's error message cuts it
    short: only the key's first half is in the part quoted."""
    key = ctx.sent_key or ""
    start = '{"debug": "'
    padding = "x" * (CUT_AT - len(start) - len(key) // 2)
    return StreamReply(_one(f"data: {start}{padding}{key}\n\n".encode()))


async def _lone_surrogate(ctx: RequestContext) -> Reply:
    """An answer whose text holds a lone surrogate escape (\\ud800 without its pair): valid
    JSON, but no UTF-8 text can hold what it reads to."""
    chunks = payloads.CompletionChunks(ctx.model, include_usage=False)
    escaped = json.dumps(chunks.chunk({"content": "before \ud800 after"})).encode()
    return StreamReply(_one(b"data: " + escaped + b"\n\n", _data(chunks.chunk({}, "stop"))))


HELD_START = "Stop me here, at the s"
"""What sim-hang-at-key-start sends: its last character could start a key ("sk-…")."""


async def _hang_at_key_start(ctx: RequestContext) -> Reply:
    """Some text that ends with what could be the start of the key, then nothing until the
    client hangs up: a client that holds back a possible start of the key (to hide a key split
    across two events) must still keep it when the answer is stopped."""

    async def events() -> AsyncGenerator[bytes, None]:
        chunks = payloads.CompletionChunks(ctx.model, include_usage=False)
        yield _data(chunks.chunk({"reasoning_content": "Thinking about this"}))
        yield _data(chunks.chunk({"content": HELD_START}))
        await asyncio.Event().wait()  # until the client leaves

    return StreamReply(events())


def _usage_reply(ctx: RequestContext, *reports: dict[str, Any]) -> Reply:
    chunks = payloads.CompletionChunks(ctx.model, include_usage=False)
    usage = [_data(chunks.usage_chunk(report)) for report in reports]
    return StreamReply(_one(_data(chunks.chunk({"content": ECHO_START}, "stop")), *usage))


async def _usage_absurd(ctx: RequestContext) -> Reply:
    """Usage of 10**30 prompt tokens and a negative count of output tokens."""
    return _usage_reply(ctx, {"prompt_tokens": 10**30, "completion_tokens": -5})


async def _usage_shrinks(ctx: RequestContext) -> Reply:
    """A usage report of 100,000 tokens in and 900,000 out, then a later one of 1 and 1."""
    big = {"prompt_tokens": 100_000, "completion_tokens": 900_000}
    return _usage_reply(ctx, big, {"prompt_tokens": 1, "completion_tokens": 1})


async def _one(*pieces: bytes) -> AsyncGenerator[bytes, None]:
    for piece in pieces:
        yield piece
    yield b"data: [DONE]\n\n"


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
    "sim-key-echo-answer": _key_in_answer,
    "sim-key-echo-cut": _key_cut_in_malformed_chunk,
    "sim-lone-surrogate": _lone_surrogate,
    "sim-usage-absurd": _usage_absurd,
    "sim-usage-shrinks": _usage_shrinks,
    "sim-hang-at-key-start": _hang_at_key_start,
    "sim-redirect": _redirect,
    "sim-empty-stream": _empty_stream,
    "sim-gzip-bomb": _gzip_bomb,
}
