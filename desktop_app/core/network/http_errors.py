"""Turns transport failures, and what else goes wrong with a response, into Tally's errors, with
what to do about them (error statuses: status_errors.py)."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Mapping
from urllib.parse import urlsplit

import httpx

from desktop_app.core.errors import (
    ConnectionDropped,
    ConnectTimeout,
    ProviderError,
    ProviderUnreachable,
    RateLimited,
    ResponseTooLarge,
    ServerError,
    StreamError,
    StreamErrorEvent,
    TLSFailure,
    UnexpectedResponse,
)
from desktop_app.core.network.status_errors import shorten
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import t


def brief(exc: ProviderError) -> str:
    """A few words on what went wrong, for a progress line such as "retrying in 2 s"."""
    if isinstance(exc, StreamError):
        return _stream_brief(exc)
    status = getattr(exc, "status", None)
    if isinstance(exc, UnexpectedResponse):
        return f"HTTP {status}, a web page instead of the API"
    if isinstance(exc, RateLimited):
        return f"rate-limited (HTTP {status})"
    if isinstance(exc, ServerError):
        return f"server trouble (HTTP {status})"
    if status is not None:  # the server's own words are in the message, not in a progress line
        return f"HTTP {status}"
    if isinstance(exc, ConnectTimeout):
        return "no connection within the connect timeout"
    return "could not connect"


def _stream_brief(exc: StreamError) -> str:
    """What went wrong inside the stream, and whether any of the answer had come."""
    began = exc.partial.text or exc.partial.reasoning
    where = "in the middle of the answer" if began else "before the answer began"
    trouble = exc.trouble if isinstance(exc, StreamErrorEvent) else None
    return f"{trouble or 'an error'} {where}"


def redirect_error(
    provider: Provider, url: str, status: int, headers: Mapping[str, str]
) -> ProviderError:
    """A 3xx: never followed (the key would go along to wherever it points); say where."""
    where = shorten(headers.get("location") or "") or "another address"
    return UnexpectedResponse(
        f"{provider.name} redirects {url} to {where} ({status}); Tally does not follow it, so "
        "that the key goes nowhere else. If that is the API's new address, use it as the base "
        "URL (check http against https).",
        provider=provider.name,
        status=status,
    )


def ended_early(provider: Provider, *, began: bool) -> ProviderError:
    """The stream closed cleanly but said neither that the answer was complete nor why it
    stopped (no finish reason, no end marker): the answer was cut off."""
    name = provider.name
    if not began:
        return UnexpectedResponse(
            t(
                "{name} ended the answer without sending any of it (an empty event stream). Try"
                " again; if it keeps happening, the base URL may point at something else.",
                name=name,
            ),
            provider=name,
            status=200,
        )
    return ConnectionDropped(
        t(
            "{name} closed the stream before the answer was complete (it never said the answer"
            " had ended). The part received is kept; try again.",
            name=name,
        ),
        provider=name,
    )


def too_large(provider: Provider, limit: int) -> ProviderError:
    """A line or an event past the decoder's limit: no real answer is that large."""
    return ResponseTooLarge(
        f"{provider.name} sent a line or an event of its stream larger than {limit >> 20} MiB,"
        " far more than "
        "any answer; Tally stopped reading it. The part received is kept.",
        provider=provider.name,
    )


def undecodable(provider: Provider, exc: Exception) -> ProviderError:
    """A body in an encoding Tally did not ask for, or damaged in the one it claims."""
    return UnexpectedResponse(
        f"{provider.name} sent a response that could not be decoded ({_reason(exc)}). If this "
        "goes through a proxy, it may be changing the response.",
        provider=provider.name,
        status=200,
    )


def error_for_transport(
    provider: Provider, exc: httpx.TransportError, *, began: bool
) -> ProviderError:
    """The error for a network failure; `began` says whether the answer had started."""
    name = provider.name
    where = _host(provider.base_url)
    if began:
        return ConnectionDropped(
            t(
                "The connection to {name} dropped in the middle of the answer. The part"
                " received is kept; try again.",
                name=name,
            ),
            provider=name,
        )
    if isinstance(exc, httpx.ConnectTimeout):
        seconds = provider.timeouts.connect
        return ConnectTimeout(
            t(
                "Could not connect to {name} at {where} within {seconds:g} s. Check your"
                " network connection, proxy settings and the base URL.",
                name=name,
                where=where,
                seconds=seconds,
            ),
            provider=name,
            seconds=seconds,
        )
    if caused_by(exc, ssl.SSLError) or "SSL" in str(exc) or "certificate" in str(exc):
        return TLSFailure(
            t(
                "The secure connection to {name} at {where} failed ({reason}). If you are"
                " behind a corporate proxy, it may need its CA certificate installed; also check"
                " that the base URL's scheme (http or https) is right.",
                name=name,
                where=where,
                reason=_reason(exc),
            ),
            provider=name,
        )
    if caused_by(exc, socket.gaierror) or "Name or service not known" in str(exc):
        return ProviderUnreachable(
            t(
                "The host name of {name} ({where}) could not be resolved. Check the base URL and"
                " your internet connection.",
                name=name,
                where=where,
            ),
            provider=name,
        )
    if isinstance(exc, httpx.ProxyError):
        return ProviderUnreachable(
            t(
                "The proxy failed while connecting to {name} ({reason}). Check the proxy"
                " settings (HTTPS_PROXY, ALL_PROXY).",
                name=name,
                reason=_reason(exc),
            ),
            provider=name,
        )
    if isinstance(exc, httpx.ConnectError):
        return ProviderUnreachable(
            t(
                "Could not connect to {name} at {where} ({reason}). Check that the server is"
                " running and the base URL is right, and your network connection.",
                name=name,
                where=where,
                reason=_reason(exc),
            ),
            provider=name,
        )
    return ProviderUnreachable(
        t(
            "{name} closed the connection before answering ({reason}). Try again.",
            name=name,
            reason=_reason(exc),
        ),
        provider=name,
    )


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return shorten(text)


def _host(base_url: str) -> str:
    parts = urlsplit(base_url)
    return parts.netloc or base_url


def caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """Whether `kind` is anywhere in the chain of causes of `exc`."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
