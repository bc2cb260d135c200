"""Network failures that http_errors cannot tell apart on its own: a proxy that refused, failed
or wants a password (named with its address and where it was set, never its password), and a
certificate check that a CA bundle in the settings would fix."""

from __future__ import annotations

import re
import socket
import ssl
from urllib.parse import urlsplit

import httpx

from desktop_app.core.errors import ConnectTimeout, ProviderError, ProviderUnreachable, TLSFailure
from desktop_app.core.network.http_errors import caused_by, error_for_transport
from desktop_app.core.network.proxy_sources import SETTINGS, SYSTEM, source_words
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.one_line import one_line

AUTH = "auth"
REFUSED = "refused"
UNRESOLVED = "unresolved"
TIMEOUT = "timeout"
FAILED = "failed"
"""What went wrong with a proxy (ProxyFailure.problem)."""

_AUTH_WORDS = re.compile(r"\b407\b|username/password|no acceptable methods", re.IGNORECASE)
_REASON_LIMIT = 200


class ProxyFailure(httpx.ProxyError):
    """A proxy refused, failed or asked for a password; the text names the proxy, never its
    password. Raised by ProxiedTransport, so any caller's httpx error handling sees it."""

    def __init__(self, message: str, *, address: str, source: str, problem: str) -> None:
        super().__init__(message)
        self.address = address
        self.source = source
        self.problem = problem


class _ProxyFailures:
    """What a proxy's failure is, told in words that name the proxy."""

    address: str
    source: str

    def _failure(self, exc: httpx.TransportError) -> ProxyFailure | None:
        if isinstance(exc, httpx.ProxyError):
            text = str(exc)
            if _AUTH_WORDS.search(text):
                return self._new(
                    "asked for a user name and password, or refused the ones given", AUTH
                )
            return self._new(f"could not open the connection ({_short(text)})", FAILED)
        if caused_by(exc, ssl.SSLError):
            return None  # a certificate problem, told as such
        if isinstance(exc, httpx.ConnectTimeout):
            return self._new("did not accept a connection in time", TIMEOUT)
        if caused_by(exc, socket.gaierror):
            host = self.address.rsplit(":", 1)[0]
            return self._new(f"has a host name ({host}) that could not be resolved", UNRESOLVED)
        if caused_by(exc, ConnectionRefusedError) or "refused" in str(exc).lower():
            return self._new("refused the connection", REFUSED)
        return self._new(f"could not be reached ({_short(str(exc))})", REFUSED)

    def _asked_for_password(self) -> ProxyFailure:
        return self._new("asked for a user name and password, or refused the ones given", AUTH)

    def _new(self, what: str, problem: str) -> ProxyFailure:
        where = f"the proxy at {self.address} ({source_words(self.source)})"
        return ProxyFailure(
            f"{where} {what}", address=self.address, source=self.source, problem=problem
        )


class ProxiedTransport(httpx.AsyncBaseTransport, _ProxyFailures):
    """Sends through a proxy and turns its failures into ProxyFailure.

    A connection error here is the proxy's: the target is reached by the proxy, whose own
    failures come back as a status (CONNECT) or a SOCKS reply. A 407 to a plain-http request
    comes back as a response; it is turned into the same error as a 407 to CONNECT.
    """

    def __init__(self, inner: httpx.AsyncBaseTransport, address: str, source: str) -> None:
        self.inner = inner
        self.address = address
        self.source = source

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        failure: ProxyFailure | None = None
        try:
            response = await self.inner.handle_async_request(request)
        except (httpx.ProxyError, httpx.ConnectError, httpx.ConnectTimeout) as exc:
            failure = self._failure(exc)
            if failure is None:
                raise
        # Raised outside the except block, so that the cause chain does not make
        # error_for_transport blame the provider's host (a DNS error was the proxy's).
        if failure is not None:
            raise failure
        if response.status_code == 407:
            await response.aclose()
            raise self._asked_for_password()
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


class BlockingProxiedTransport(httpx.BaseTransport, _ProxyFailures):
    """ProxiedTransport for a blocking httpx.Client (`tally ask`)."""

    def __init__(self, inner: httpx.BaseTransport, address: str, source: str) -> None:
        self.inner = inner
        self.address = address
        self.source = source

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        failure: ProxyFailure | None = None
        try:
            response = self.inner.handle_request(request)
        except (httpx.ProxyError, httpx.ConnectError, httpx.ConnectTimeout) as exc:
            failure = self._failure(exc)
            if failure is None:
                raise
        if failure is not None:  # outside the except block: see ProxiedTransport
            raise failure
        if response.status_code == 407:
            response.close()
            raise self._asked_for_password()
        return response

    def close(self) -> None:
        self.inner.close()


def transport_error(provider: Provider, exc: httpx.TransportError, *, began: bool) -> ProviderError:
    """error_for_transport, with a proxy's failures and certificate failures told precisely."""
    if isinstance(exc, ProxyFailure) and not began:
        return _proxy_error(provider, exc)
    error = error_for_transport(provider, exc, began=began)
    if isinstance(error, TLSFailure):
        return _tls_error(provider, exc)
    return error


def _proxy_error(provider: Provider, failure: ProxyFailure) -> ProviderError:
    name = provider.name
    said = f"Could not reach {name}: {failure}."
    fix = _where_to_fix(failure.source, name)
    if failure.problem == AUTH:
        error = ProviderUnreachable(
            f"{said} Check the proxy's user name and password {fix}.", provider=name
        )
        error.retryable = False  # the same password fails the same way
        return error
    if failure.problem == TIMEOUT:
        seconds = provider.timeouts.connect
        return ConnectTimeout(
            f"{said} Nothing answered within the connect timeout ({seconds:g} s): check that "
            f"the proxy is running and that its address is right {fix}.",
            provider=name,
            seconds=seconds,
        )
    if failure.problem == FAILED:
        host = urlsplit(provider.base_url).netloc
        return ProviderUnreachable(
            f"{said} The proxy works, but could not connect to {host}: check the base URL, "
            "or ask whoever runs the proxy whether it lets you reach that address.",
            provider=name,
        )
    return ProviderUnreachable(
        f"{said} Check that the proxy is running and that its address is right {fix}.",
        provider=name,
    )


def _where_to_fix(source: str, name: str) -> str:
    if source == SETTINGS:
        return f"in Settings → Providers → {name} → Network"
    if source == SYSTEM:
        return f"in the system's proxy settings (or give {name} its own proxy in Settings)"
    return f"in the {source} variable (a user name and password go in its URL)"


def _tls_error(provider: Provider, exc: httpx.TransportError) -> TLSFailure:
    name = provider.name
    where = urlsplit(provider.base_url).netloc
    reason = _short(str(exc) or type(exc).__name__)
    if "certificate" not in reason.lower():
        hint = (
            "Check that the base URL's scheme (http or https) is right: a server on this "
            "computer usually speaks plain http."
        )
    elif provider.ca_bundle:
        hint = (
            f"The CA bundle {provider.ca_bundle} set for {name} does not vouch for the "
            "server's certificate: check that it holds the certificate of the authority that "
            "signed it (a corporate proxy's root), in PEM form."
        )
    else:
        hint = (
            "If a corporate proxy or a private server signs its own certificates, save its "
            "authority's certificate as a PEM file and choose it as the CA bundle in Settings → "
            f"Providers → {name} → Network (or set SSL_CERT_FILE)."
        )
    return TLSFailure(
        f"The secure connection to {name} at {where} failed ({reason}). {hint}", provider=name
    )


def _short(text: str) -> str:
    text = one_line(text)
    return text if len(text) <= _REASON_LIMIT else text[: _REASON_LIMIT - 1] + "…"
