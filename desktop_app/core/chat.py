"""Streams one reply: request -> normalized events, with timeouts, bounded retries and cancellation.

Use it with `contextlib.aclosing` (or run it in a task and cancel the task): closing the generator
or cancelling its task closes the HTTP response at once. This is the asyncio driver of
response_reader (the window's); chat_blocking is the same in one thread (`tally ask`).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
from collections.abc import AsyncGenerator

import httpx

from desktop_app.core.errors import ProviderError
from desktop_app.core.events import ChatEvent, Retrying
from desktop_app.core.network.bounded_body import UnknownEncoding, body_pieces
from desktop_app.core.network.clients import ACCEPT_ENCODING, Clients, client_for
from desktop_app.core.network.http_errors import brief, redirect_error, undecodable
from desktop_app.core.network.status_errors import error_for_status
from desktop_app.core.network.transport_errors import transport_error
from desktop_app.core.providers import protocol_for
from desktop_app.core.providers.base import ChatRequest, HttpRequest, WireProtocol
from desktop_app.core.response_reader import (
    DRAIN_SECONDS,
    ERROR_BODY_LIMIT,
    Attempts,
    ResponseReader,
    budget,
    is_rejection,
    says_json,
    timeout_error,
)
from desktop_app.core.response_reader import RetryPolicy as RetryPolicy
from desktop_app.core.settings.providers_file import Provider


def make_client() -> httpx.AsyncClient:
    """One plain client for every provider, with the proxy variables and system settings as
    httpx reads them; the app uses a network.ClientPool, which also applies each provider's
    own proxy and CA bundle."""
    return httpx.AsyncClient(follow_redirects=False, trust_env=True, headers=ACCEPT_ENCODING)


async def stream_chat(
    clients: Clients,
    provider: Provider,
    key: str | None,
    chat: ChatRequest,
    *,
    retry: RetryPolicy | None = None,
) -> AsyncGenerator[ChatEvent, None]:
    """Stream the answer to `chat` from `provider` as ChatEvents, ending with one Finish.

    A passing failure before any text or reasoning arrived is retried: an error status such as
    429 or 529, a connection that could not be made, or a passing error reported inside the
    stream (Anthropic's overloaded_error, Gemini's 503 UNAVAILABLE, OpenRouter's 502). Once the
    answer has begun, never.
    Raises a ProviderError (with `.partial` holding what arrived) on any failure; a ConfigError
    or KeyringUnavailable when the provider's network settings cannot be used.
    """
    protocol = protocol_for(provider.kind)
    if any(message.attachments for message in chat.messages):
        request = await asyncio.to_thread(_encoded_request, protocol, provider, key, chat)
    else:
        request = protocol.build_request(provider, key, chat)
    client = await client_for(clients, provider)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + provider.timeouts.total
    attempts = Attempts(provider, key, retry)
    while True:
        attempts.begin(chat.model)
        answer = _answer(client, provider, chat.model, key, request, protocol, deadline)
        try:
            async with contextlib.aclosing(answer) as events:
                async for event in events:
                    attempts.saw(event)
                    yield event
            return
        except ProviderError as exc:
            delay = attempts.failed(exc, deadline - loop.time())
            if delay is None:
                raise
            yield Retrying(attempts.number, delay, brief(exc))
            await asyncio.sleep(delay)


def _encoded_request(
    protocol: WireProtocol, provider: Provider, key: str | None, chat: ChatRequest
) -> HttpRequest:
    """The request for a conversation with files, its JSON encoded as httpx would: on a worker,
    since the files are read from the history here and go in as base64 (30 screenshots of 3 MB:
    a body of 120 MB, 0.4 to 0.9 s to encode). A piece at a time (iterencode): json.dumps does it
    in one call, which keeps the interpreter's lock, and so the GUI thread, for all of it."""
    request = protocol.build_request(provider, key, chat)
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    body = b"".join(piece.encode("utf-8") for piece in encoder.iterencode(request.json))
    return dataclasses.replace(request, body=body)


async def _answer(
    client: httpx.AsyncClient,
    provider: Provider,
    model: str,
    key: str | None,
    request: HttpRequest,
    protocol: WireProtocol,
    deadline: float,
) -> AsyncGenerator[ChatEvent, None]:
    """One attempt: send the request, then its answer's events, ending with one Finish."""
    response = await _open(client, provider, model, key, request, deadline)
    try:
        reader = ResponseReader(provider, protocol.new_parser(provider))
        if says_json(response.headers.get("content-type", "")):
            body = await _read_body(response, provider, deadline)
            for event in reader.whole(body, model, response.headers, key):
                yield event
            return
        async with contextlib.aclosing(_stream_events(response, reader, deadline)) as events:
            async for event in events:
                yield event
    finally:
        await response.aclose()


async def _open(
    client: httpx.AsyncClient,
    provider: Provider,
    model: str,
    key: str | None,
    spec: HttpRequest,
    deadline: float,
) -> httpx.Response:
    """Send the request and wait for a successful response's headers."""
    timeouts = provider.timeouts
    request = client.build_request(
        spec.method,
        spec.url,
        headers=spec.headers,
        json=spec.json if spec.body is None else None,
        content=spec.body,
        # Reads are timed here (first byte, idle, total), not by httpx's per-read timeout.
        timeout=httpx.Timeout(connect=timeouts.connect, read=None, write=timeouts.idle, pool=None),
    )
    try:
        async with asyncio.timeout(budget(timeouts.first_byte, _remaining(deadline))):
            response = await client.send(request, stream=True)
    except TimeoutError:
        raise _timeout(provider, timeouts.first_byte, deadline, first_byte=True) from None
    except httpx.TransportError as exc:
        raise transport_error(provider, exc, began=False) from exc
    if 300 <= response.status_code < 400:
        await response.aclose()
        raise redirect_error(provider, spec.url, response.status_code, response.headers)
    if is_rejection(response.status_code, response.headers.get("content-type", "")):
        try:
            body = await _read_body(response, provider, deadline)
        finally:
            await response.aclose()
        raise error_for_status(provider, model, response.status_code, response.headers, body, key)
    return response


async def _stream_events(
    response: httpx.Response, reader: ResponseReader, deadline: float
) -> AsyncGenerator[ChatEvent, None]:
    """The events of an event stream, until it says it is done or ends."""
    provider = reader.provider
    idle = provider.timeouts.idle
    chunks = body_pieces(response)
    try:
        while not reader.done:
            try:
                async with asyncio.timeout(budget(idle, _remaining(deadline))):
                    chunk = await anext(chunks, None)
            except TimeoutError:
                if reader.said_complete and _remaining(deadline) > 0:
                    break  # finished, and the connection left open: the answer is whole
                raise _timeout(provider, idle, deadline, first_byte=False) from None
            except httpx.TransportError as exc:
                raise transport_error(provider, exc, began=True) from exc
            except (httpx.DecodingError, UnknownEncoding) as exc:
                raise undecodable(provider, exc) from exc
            if chunk is None:
                break
            for event in reader.feed(chunk):
                yield event
            if not reader.done and _remaining(deadline) <= 0:
                raise _timeout(provider, idle, deadline, first_byte=False)
        else:
            await _drain(chunks)
        for event in reader.end():
            yield event
    finally:
        await chunks.aclose()


async def _drain(chunks: AsyncGenerator[bytes, None]) -> None:
    """Read what follows [DONE] (usually just the end of the body), briefly.

    Ending httpx's byte stream by reading it to the end lets its inner generators finish and
    the connection go back to the pool; leaving them suspended has them finalised later,
    possibly when no event loop runs.
    """
    with contextlib.suppress(TimeoutError, httpx.TransportError):
        async with asyncio.timeout(DRAIN_SECONDS):
            async for _ in chunks:
                pass


async def _read_body(response: httpx.Response, provider: Provider, deadline: float) -> bytes:
    """Up to 64 KiB of a (usually error) body, within the idle timeout."""
    parts: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(budget(provider.timeouts.idle, _remaining(deadline))):
            async for part in body_pieces(response, piece=ERROR_BODY_LIMIT):
                parts.append(part)
                size += len(part)
                if size >= ERROR_BODY_LIMIT:
                    break
    except TimeoutError:
        raise _timeout(provider, provider.timeouts.idle, deadline, first_byte=False) from None
    except httpx.TransportError as exc:
        raise transport_error(provider, exc, began=False) from exc
    except (httpx.DecodingError, UnknownEncoding) as exc:
        raise undecodable(provider, exc) from exc
    return b"".join(parts)[:ERROR_BODY_LIMIT]


def _remaining(deadline: float) -> float:
    return deadline - asyncio.get_running_loop().time()


def _timeout(
    provider: Provider, limit: float, deadline: float, *, first_byte: bool
) -> ProviderError:
    return timeout_error(provider, limit, _remaining(deadline), first_byte=first_byte)
