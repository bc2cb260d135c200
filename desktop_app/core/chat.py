"""Streams one reply: request -> normalized events, with timeouts, bounded retries and cancellation.

Use it with `contextlib.aclosing` (or run it in a task and cancel the task): closing the generator
or cancelling its task closes the HTTP response at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
from collections.abc import AsyncGenerator
from dataclasses import dataclass

import httpx

from desktop_app.core.errors import (
    DeadlineExceeded,
    FirstByteTimeout,
    IdleTimeout,
    Partial,
    ProviderError,
    ProviderHTTPError,
)
from desktop_app.core.events import (
    ChatEvent,
    Finish,
    KeepAlive,
    ReasoningDelta,
    Retrying,
    TextDelta,
)
from desktop_app.core.network.bounded_body import UnknownEncoding, body_pieces
from desktop_app.core.network.clients import ACCEPT_ENCODING, Clients, client_for
from desktop_app.core.network.http_errors import (
    brief,
    ended_early,
    error_for_status,
    redirect_error,
    too_large,
    undecodable,
)
from desktop_app.core.network.redaction import redact_error
from desktop_app.core.network.transport_errors import transport_error
from desktop_app.core.providers import protocol_for
from desktop_app.core.providers.base import ChatRequest, HttpRequest, StreamParser, WireProtocol
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.sse import EventTooLarge, SSEDecoder

log = logging.getLogger(__name__)

_ERROR_BODY_LIMIT = 64 * 1024
_DRAIN_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how long to retry a request that failed before any answer arrived."""

    attempts: int = 3
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_wait: float = 60.0
    """A server that asks for a longer wait than this gets an error, not a frozen window."""


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
    retry = retry or RetryPolicy()
    protocol = protocol_for(provider.kind)
    request = protocol.build_request(provider, key, chat)
    client = await client_for(clients, provider)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + provider.timeouts.total
    attempt = 1
    while True:
        log.info("asking %s for %s (attempt %d)", provider.id, chat.model, attempt)
        text: list[str] = []
        reasoning: list[str] = []
        answer = _answer(client, provider, chat.model, key, request, protocol, deadline)
        try:
            async with contextlib.aclosing(answer) as events:
                async for event in events:
                    if isinstance(event, TextDelta):
                        text.append(event.text)
                    elif isinstance(event, ReasoningDelta):
                        reasoning.append(event.text)
                    yield event
            return
        except ProviderError as exc:
            redact_error(exc, key)  # whatever the server said, before anyone reads it
            shown = bool(text or reasoning)
            exc.partial = Partial("".join(text), "".join(reasoning))
            delay = None if shown else _retry_delay(exc, attempt, retry, deadline - loop.time())
            if delay is None:
                log.warning("%s: %s", provider.id, type(exc).__name__)
                raise
            log.info("%s: %s; retrying in %.2f s", provider.id, type(exc).__name__, delay)
            yield Retrying(attempt, delay, brief(exc))
            await asyncio.sleep(delay)
            attempt += 1


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
        parser = protocol.new_parser(provider)
        if "json" in response.headers.get("content-type", ""):
            # Some servers ignore "stream": true and send the whole answer at once.
            body = await _read_body(response, provider, deadline)
            try:
                whole = json.loads(body)
            except ValueError:
                error = error_for_status(provider, model, 200, response.headers, body, key)
                raise error from None
            for event in parser.parse_whole(whole):
                yield event
        else:
            async with contextlib.aclosing(
                _stream_events(response, provider, parser, deadline)
            ) as events:
                async for event in events:
                    yield event
        for event in parser.close():
            yield event
        yield Finish(parser.finish_reason)
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
        json=spec.json,
        # Reads are timed here (first byte, idle, total), not by httpx's per-read timeout.
        timeout=httpx.Timeout(connect=timeouts.connect, read=None, write=timeouts.idle, pool=None),
    )
    wait = _budget(timeouts.first_byte, deadline)
    try:
        async with asyncio.timeout(wait):
            response = await client.send(request, stream=True)
    except TimeoutError:
        raise _timeout(provider, timeouts.first_byte, deadline, first_byte=True) from None
    except httpx.TransportError as exc:
        raise transport_error(provider, exc, began=False) from exc
    content_type = response.headers.get("content-type", "")
    if 300 <= response.status_code < 400:
        await response.aclose()
        raise redirect_error(provider, spec.url, response.status_code, response.headers)
    if response.status_code >= 400 or content_type.startswith("text/html"):
        try:
            body = await _read_body(response, provider, deadline)
        finally:
            await response.aclose()
        raise error_for_status(provider, model, response.status_code, response.headers, body, key)
    return response


async def _stream_events(
    response: httpx.Response, provider: Provider, parser: StreamParser, deadline: float
) -> AsyncGenerator[ChatEvent, None]:
    """Decode the event stream into ChatEvents until the stream says it is done or ends."""
    loop = asyncio.get_running_loop()
    decoder = SSEDecoder(extra_fields=parser.sse_extra_fields)
    chunks = body_pieces(response)
    answered = False
    received = False  # any event at all: an empty stream is not an answer cut short
    idle = provider.timeouts.idle
    try:
        while not parser.done:
            try:
                async with asyncio.timeout(_budget(idle, deadline)):
                    chunk = await anext(chunks, None)
            except TimeoutError:
                raise _timeout(provider, idle, deadline, first_byte=False) from None
            except httpx.TransportError as exc:
                raise transport_error(provider, exc, began=True) from exc
            except (httpx.DecodingError, UnknownEncoding) as exc:
                raise undecodable(provider, exc) from exc
            try:
                sse_events = decoder.feed(chunk) if chunk is not None else decoder.close()
            except EventTooLarge as exc:
                raise too_large(provider, exc.max_size) from None
            received = received or bool(sse_events)
            for sse in sse_events:
                for event in parser.parse(sse):
                    answered = answered or isinstance(event, TextDelta | ReasoningDelta)
                    yield event
                if parser.done:
                    break
            if chunk is None:
                if not parser.done and parser.finish_reason is None:
                    raise ended_early(provider, began=received)
                break
            if not answered and not sse_events:
                # Comments only (": keep-alive"): the request is queued, and not dead.
                yield KeepAlive()
            if loop.time() >= deadline:
                raise _timeout(provider, idle, deadline, first_byte=False)
        else:
            await _drain(chunks)
    finally:
        await chunks.aclose()


async def _drain(chunks: AsyncGenerator[bytes, None]) -> None:
    """Read what follows [DONE] (usually just the end of the body), briefly.

    Ending httpx's byte stream by reading it to the end lets its inner generators finish and
    the connection go back to the pool; leaving them suspended has them finalised later,
    possibly when no event loop runs.
    """
    with contextlib.suppress(TimeoutError, httpx.TransportError):
        async with asyncio.timeout(_DRAIN_SECONDS):
            async for _ in chunks:
                pass


async def _read_body(response: httpx.Response, provider: Provider, deadline: float) -> bytes:
    """Up to 64 KiB of a (usually error) body, within the idle timeout."""
    parts: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(_budget(provider.timeouts.idle, deadline)):
            async for part in body_pieces(response, piece=_ERROR_BODY_LIMIT):
                parts.append(part)
                size += len(part)
                if size >= _ERROR_BODY_LIMIT:
                    break
    except TimeoutError:
        raise _timeout(provider, provider.timeouts.idle, deadline, first_byte=False) from None
    except httpx.TransportError as exc:
        raise transport_error(provider, exc, began=False) from exc
    except (httpx.DecodingError, UnknownEncoding) as exc:
        raise undecodable(provider, exc) from exc
    return b"".join(parts)[:_ERROR_BODY_LIMIT]


def _budget(limit: float, deadline: float) -> float:
    return max(0.0, min(limit, deadline - asyncio.get_running_loop().time()))


def _timeout(
    provider: Provider, limit: float, deadline: float, *, first_byte: bool
) -> ProviderError:
    name = provider.name
    if asyncio.get_running_loop().time() >= deadline - 0.001:
        total = provider.timeouts.total
        return DeadlineExceeded(
            f"{name} did not finish the answer within {total:g} s (the total timeout), though "
            "the connection stayed open. The request may be stuck in a queue: try again later, "
            "pick another model, or raise timeouts.total for this provider.",
            provider=name,
            seconds=total,
        )
    if first_byte:
        return FirstByteTimeout(
            f"{name} accepted the request but sent nothing back within {limit:g} s. It may be "
            "overloaded: try again, pick another model, or raise timeouts.first_byte.",
            provider=name,
            seconds=limit,
        )
    return IdleTimeout(
        f"{name} stopped sending in the middle of the answer: nothing for {limit:g} s. The "
        "part received is kept; try again, or raise timeouts.idle for slow models.",
        provider=name,
        seconds=limit,
    )


def _retry_delay(
    exc: ProviderError, attempt: int, policy: RetryPolicy, remaining: float
) -> float | None:
    """Seconds to wait before the next attempt, or None if this error is not retried."""
    if not exc.retryable or attempt >= policy.attempts:
        return None
    asked = exc.retry_after if isinstance(exc, ProviderHTTPError) else None
    if asked is not None:
        delay = asked
    else:
        backoff = min(policy.max_delay, policy.base_delay * 2 ** (attempt - 1))
        delay = backoff * random.uniform(0.8, 1.2)
    if delay > policy.max_wait or delay >= remaining:
        return None
    return delay
