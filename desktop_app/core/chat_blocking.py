"""Streams one reply in the calling thread: chat.stream_chat without asyncio, for `tally ask`.

A terminal answer needs neither an event loop nor anyio (httpcore's asyncio backend), whose
import alone is a good part of the command's start. Everything but the I/O is response_reader's,
shared with chat.py: the same events, errors, retries and messages.

Timeouts: connect as in chat.py; the first byte and idle as the socket's read timeout (the first
byte's while the headers are awaited, then the idle one's for each read of the body); the total
deadline is checked at every piece of the body, so a silence that spans it ends as the idle
timeout does, at most `idle` seconds after it. Ctrl+C (KeyboardInterrupt) closes the response
on its way out, as cancelling chat.py's task does.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Generator, Iterator

import httpx

from desktop_app.core.errors import ProviderError
from desktop_app.core.events import ChatEvent, Retrying
from desktop_app.core.network.blocking_clients import BlockingClients, blocking_client_for
from desktop_app.core.network.bounded_body import UnknownEncoding, iter_body_pieces
from desktop_app.core.providers import protocol_for
from desktop_app.core.providers.base import ChatRequest, HttpRequest, WireProtocol
from desktop_app.core.response_reader import (
    ERROR_BODY_LIMIT,
    Attempts,
    ResponseReader,
    RetryPolicy,
    budget,
    is_rejection,
    says_json,
    timeout_error,
)
from desktop_app.core.settings.providers_file import Provider

Clock = Callable[[], float]


def stream_chat_blocking(
    clients: BlockingClients,
    provider: Provider,
    key: str | None,
    chat: ChatRequest,
    *,
    retry: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Generator[ChatEvent, None, None]:
    """chat.stream_chat in this thread: the answer to `chat` as ChatEvents, ending with one
    Finish, with the same retries and errors. Close the generator (or leave it by an
    exception) to close the response."""
    protocol = protocol_for(provider.kind)
    request = protocol.build_request(provider, key, chat)
    client = blocking_client_for(clients, provider)
    deadline = time.monotonic() + provider.timeouts.total
    attempts = Attempts(provider, key, retry)
    while True:
        attempts.begin(chat.model)
        try:
            with contextlib.closing(
                _answer(client, provider, chat.model, key, request, protocol, deadline)
            ) as events:
                for event in events:
                    attempts.saw(event)
                    yield event
            return
        except ProviderError as exc:
            delay = attempts.failed(exc, deadline - time.monotonic())
            if delay is None:
                raise
            from desktop_app.core.network.http_errors import brief  # as undecodable, below

            yield Retrying(attempts.number, delay, brief(exc))
            sleep(delay)


def _answer(
    client: httpx.Client,
    provider: Provider,
    model: str,
    key: str | None,
    request: HttpRequest,
    protocol: WireProtocol,
    deadline: float,
) -> Generator[ChatEvent, None, None]:
    """One attempt: send the request, then its answer's events, ending with one Finish."""
    response = _open(client, provider, model, key, request, deadline)
    try:
        reader = ResponseReader(provider, protocol.new_parser(provider))
        if says_json(response.headers.get("content-type", "")):
            body = _read_body(response, provider, deadline)
            yield from reader.whole(body, model, response.headers, key)
            return
        yield from _stream_events(response, reader, deadline)
    finally:
        response.close()


def _open(
    client: httpx.Client,
    provider: Provider,
    model: str,
    key: str | None,
    spec: HttpRequest,
    deadline: float,
) -> httpx.Response:
    """Send the request and wait for a successful response's headers."""
    timeouts = provider.timeouts
    wait = budget(timeouts.first_byte, deadline - time.monotonic())
    request = client.build_request(
        spec.method,
        spec.url,
        headers=spec.headers,
        json=spec.json,
        timeout=httpx.Timeout(connect=timeouts.connect, read=wait, write=timeouts.idle, pool=None),
    )
    try:
        response = client.send(request, stream=True)
    except httpx.ReadTimeout:
        raise _timeout(provider, timeouts.first_byte, deadline, first_byte=True) from None
    except httpx.TransportError as exc:
        raise _transport_error(provider, exc, began=False) from exc
    # The body's reads wait at most the idle timeout each (or what is left of the total):
    # httpcore takes the read timeout from this dict when the body is first read.
    request.extensions["timeout"]["read"] = budget(timeouts.idle, deadline - time.monotonic())
    if 300 <= response.status_code < 400:
        from desktop_app.core.network.http_errors import redirect_error  # as undecodable

        response.close()
        raise redirect_error(provider, spec.url, response.status_code, response.headers)
    if is_rejection(response.status_code, response.headers.get("content-type", "")):
        from desktop_app.core.network.status_errors import error_for_status  # as undecodable

        try:
            body = _read_body(response, provider, deadline)
        finally:
            response.close()
        raise error_for_status(provider, model, response.status_code, response.headers, body, key)
    return response


def _stream_events(
    response: httpx.Response, reader: ResponseReader, deadline: float
) -> Iterator[ChatEvent]:
    """The events of an event stream, until it says it is done or ends."""
    provider = reader.provider
    idle = provider.timeouts.idle
    chunks = iter_body_pieces(response)
    while not reader.done:
        try:
            chunk = next(chunks, None)
        except httpx.ReadTimeout:
            if reader.said_complete and deadline - time.monotonic() > 0:
                break  # finished, and the connection left open: the answer is whole
            raise _timeout(provider, idle, deadline, first_byte=False) from None
        except httpx.TransportError as exc:
            raise _transport_error(provider, exc, began=True) from exc
        except (httpx.DecodingError, UnknownEncoding) as exc:
            raise _undecodable(provider, exc) from exc
        if chunk is None:
            break
        yield from reader.feed(chunk)
        if not reader.done and deadline - time.monotonic() <= 0:
            raise _timeout(provider, idle, deadline, first_byte=False)
    # What may follow [DONE] is not read: closing the response ends the connection, and
    # unlike chat.py's there are no async generators left to finalise.
    yield from reader.end()


def _read_body(response: httpx.Response, provider: Provider, deadline: float) -> bytes:
    """Up to 64 KiB of a (usually error) body, each read within the idle timeout."""
    parts: list[bytes] = []
    size = 0
    try:
        for part in iter_body_pieces(response, piece=ERROR_BODY_LIMIT):
            parts.append(part)
            size += len(part)
            if size >= ERROR_BODY_LIMIT or deadline - time.monotonic() <= 0:
                break
    except httpx.ReadTimeout:
        raise _timeout(provider, provider.timeouts.idle, deadline, first_byte=False) from None
    except httpx.TransportError as exc:
        raise _transport_error(provider, exc, began=False) from exc
    except (httpx.DecodingError, UnknownEncoding) as exc:
        raise _undecodable(provider, exc) from exc
    return b"".join(parts)[:ERROR_BODY_LIMIT]


def _undecodable(provider: Provider, exc: Exception) -> ProviderError:
    # The errors of a failed response (network/http_errors.py, transport_errors.py) are loaded
    # when one fails: `tally ask` does without them (some 3 ms) before its answer's first byte.
    from desktop_app.core.network.http_errors import undecodable

    return undecodable(provider, exc)


def _transport_error(
    provider: Provider, exc: httpx.TransportError, *, began: bool
) -> ProviderError:
    from desktop_app.core.network.transport_errors import transport_error  # as _undecodable

    return transport_error(provider, exc, began=began)


def _timeout(
    provider: Provider, limit: float, deadline: float, *, first_byte: bool
) -> ProviderError:
    return timeout_error(provider, limit, deadline - time.monotonic(), first_byte=first_byte)
