"""How requests reach each provider, through which proxy and trusting which certificates, and
the HTTP clients that send them: one per distinct route, made when a provider first needs it
and closed together at shutdown.

The proxy for a provider is the first of:
1. its own `proxy` (Settings → Network), with the password kept in the keyring;
2. the HTTP_PROXY / HTTPS_PROXY / ALL_PROXY variables, minus the hosts NO_PROXY names;
3. the operating system's proxy settings, as urllib.request.getproxies() reads them (the
   Windows registry, macOS's System Settings; on Linux only the variables of step 2 exist).
A proxy from steps 2 and 3 is never used for a server on this machine (Ollama, LM Studio): a
proxy elsewhere would reach its own loopback, not ours.

Certificates are checked as httpx does (certifi, or SSL_CERT_FILE / SSL_CERT_DIR when set),
and a provider's `ca_bundle` adds its authorities (a corporate TLS proxy's root) to those.

httpx, certifi and urllib.request are imported when the first client is made or the first
route worked out (the first request), not when the app starts: httpx alone takes 20-60 ms.
asyncio and ssl too: the window is painted before they are loaded (ui/first_frame.py).
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeAlias
from urllib.parse import unquote, urlsplit, urlunsplit

from desktop_app.core.errors import ConfigError
from desktop_app.core.files import reason_of
from desktop_app.core.network.proxy_sources import SETTINGS, SYSTEM, source_words
from desktop_app.core.settings.providers_file import Provider, is_loopback
from desktop_app.core.text.messages import t

ACCEPT_ENCODING = {"Accept-Encoding": "gzip, deflate"}
"""What every client asks for, the encodings bounded_body inflates a bounded step at a time:
httpx would add br and zstd when their packages are installed."""

if TYPE_CHECKING:
    import ssl

    import httpx

log = logging.getLogger(__name__)

_SOCKS_AUTH = re.compile(r"auth=.*", re.DOTALL)


class _HideSocksPassword(logging.Filter):
    """httpcore's DEBUG trace of a SOCKS handshake prints `auth=(user, password)`."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if "auth=" in text:
            record.msg, record.args = _SOCKS_AUTH.sub("auth=(hidden)", text), ()
        return True


logging.getLogger("httpcore.socks").addFilter(_HideSocksPassword())

_SCHEMES = ("http", "https", "socks5", "socks5h")
_VARIABLES = ("http", "https", "all")

PasswordLookup = Callable[[Provider], str | None]
"""Reads a provider's proxy password (blocking: the keyring), e.g. KeyResolver.proxy_password."""


@dataclass(frozen=True, slots=True)
class Route:
    """How requests to a provider travel; providers with equal routes share one client."""

    proxy: str | None = None
    """The proxy's URL, never with a password in it; None: connect directly."""
    source: str = ""
    """Where the proxy came from: SETTINGS, SYSTEM, or a variable's name (HTTPS_PROXY)."""
    ca_bundle: str | None = None
    password: str | None = field(default=None, repr=False)

    @property
    def proxy_address(self) -> str:
        """host:port of the proxy, for messages."""
        parts = urlsplit(self.proxy or "")
        host = parts.hostname or "?"
        host = f"[{host}]" if ":" in host else host
        return f"{host}:{parts.port}" if parts.port else host

    def describe(self) -> str:
        """The route in words, for the log and for messages; never the password."""
        how = f"through {self.proxy} ({source_words(self.source)})" if self.proxy else "direct"
        return how + (f", also trusting {self.ca_bundle}" if self.ca_bundle else "")


def route_for(provider: Provider, password: str | None = None) -> Route:
    """The route to a provider; `password` is its own proxy's. Blocking: the system's bypass
    list may look up host names."""
    if provider.proxy:
        return Route(provider.proxy, SETTINGS, provider.ca_bundle, password)
    found = system_proxy(provider.base_url)
    if found is None:
        return Route(ca_bundle=provider.ca_bundle)
    url, source = found
    shown, from_url = _without_password(url)
    return Route(shown, source, provider.ca_bundle, from_url)


def system_proxy(url: str) -> tuple[str, str] | None:
    """The proxy the environment or the system names for `url`, with where it came from."""
    import urllib.request

    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host or is_loopback(host):
        return None
    netloc = f"{host}:{parts.port}" if parts.port else host
    variables = urllib.request.getproxies_environment()
    if any(variables.get(name) for name in _VARIABLES):
        if _excluded(host, parts.port, variables.get("no", "")):
            return None
        name = parts.scheme if variables.get(parts.scheme) else "all"
        value, source = variables.get(name), f"{name.upper()}_PROXY"
    else:
        system = urllib.request.getproxies()
        value, source = system.get(parts.scheme) or system.get("all"), SYSTEM
        if value and urllib.request.proxy_bypass(netloc):
            return None
    if not value:
        return None
    value = value if "://" in value else f"http://{value}"
    scheme = urlsplit(value).scheme.lower()
    if scheme not in _SCHEMES:
        shown, _ = _without_password(value)
        raise ConfigError(
            t(
                "The proxy {proxy} ({source}) is a {scheme}:// proxy, which Tally cannot use:"
                " use an http://, https:// or socks5:// proxy, or set one for this provider in"
                " Settings → Network.",
                proxy=shown,
                source=source_words(source),
                scheme=scheme,
            )
        )
    return value, source


def ssl_context(ca_bundle: str | None) -> ssl.SSLContext:
    """Certificate checks as httpx makes them, also trusting `ca_bundle` (a PEM file or a
    folder of them); blocking. A file that cannot be used is a ConfigError."""
    import ssl

    import certifi

    cafile = os.environ.get("SSL_CERT_FILE") or None
    capath = os.environ.get("SSL_CERT_DIR") or None
    try:
        if cafile or capath:
            context = ssl.create_default_context(cafile=cafile, capath=capath)
        else:
            context = ssl.create_default_context(cafile=certifi.where())
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(
            t(
                "The certificates named by SSL_CERT_FILE or SSL_CERT_DIR cannot be used"
                " ({reason}). Fix the variable, or remove it to use the usual ones.",
                reason=exc,
            )
        ) from exc
    if ca_bundle:
        _load_bundle(context, ca_bundle)
    return context


def check_ca_bundle(ca_bundle: str) -> None:
    """Raise ConfigError, saying why, if `ca_bundle` is not a PEM file or a folder of them."""
    import ssl

    _load_bundle(ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT), ca_bundle)


def _load_bundle(context: ssl.SSLContext, ca_bundle: str) -> None:
    import ssl

    path = Path(ca_bundle).expanduser()
    try:
        if path.is_dir():
            context.load_verify_locations(capath=str(path))
        else:
            context.load_verify_locations(cafile=str(path))
    except (OSError, ssl.SSLError) as exc:
        reason = reason_of(exc)
        raise ConfigError(
            t(
                "The CA bundle {bundle} cannot be used ({reason}). Choose a file of PEM"
                " certificates (-----BEGIN CERTIFICATE-----) in Settings → Network.",
                bundle=ca_bundle,
                reason=reason,
            )
        ) from exc


def new_client(route: Route, context: ssl.SSLContext) -> httpx.AsyncClient:
    """A client that sends everything along `route`, and names the proxy when it fails."""
    import httpx

    from desktop_app.core.network.transport_errors import ProxiedTransport

    transport = httpx.AsyncHTTPTransport(
        verify=context, proxy=httpx_proxy(route, context), trust_env=False
    )
    return httpx.AsyncClient(
        transport=ProxiedTransport(transport, route.proxy_address, route.source)
        if route.proxy
        else transport,
        follow_redirects=False,
        trust_env=False,  # the route already says what the environment says
        headers=ACCEPT_ENCODING,  # only what body_pieces inflates, a bounded step at a time
    )


class ClientPool:
    """The app's HTTP clients, one per route, made when a provider first needs one.

    `proxy_password` reads a provider's proxy password when its proxy URL names a user.
    Close it (or use it as an async context manager) before the event loop stops.
    """

    def __init__(self, proxy_password: PasswordLookup | None = None) -> None:
        self._lookup = proxy_password
        self._clients: dict[Route, httpx.AsyncClient] = {}
        self._closed = False

    @property
    def is_closed(self) -> bool:
        """Whether aclose() was called (as httpx.AsyncClient.is_closed says of one client)."""
        return self._closed

    @property
    def routes(self) -> list[Route]:
        """The routes that have a client now."""
        return list(self._clients)

    async def client_for(
        self, provider: Provider, *, proxy_password: str | None = None
    ) -> httpx.AsyncClient:
        """The client for `provider`; `proxy_password` (a password typed but not yet saved)
        replaces the stored one. Raises ConfigError or KeyringUnavailable."""
        import asyncio

        if self._closed:
            raise RuntimeError("the HTTP clients are closed")
        route = await asyncio.to_thread(self._route, provider, proxy_password)
        client = self._clients.get(route)
        if client is None:
            context = await asyncio.to_thread(ssl_context, route.ca_bundle)
            client = self._clients.get(route)  # another reply may have made it meanwhile
            if client is None:
                log.info("new HTTP client: %s", route.describe())
                client = self._clients[route] = new_client(route, context)
        return client

    async def aclose(self) -> None:
        """Close every client; the pool makes no more."""
        self._closed = True
        clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            await client.aclose()

    async def __aenter__(self) -> ClientPool:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.aclose()

    def _route(self, provider: Provider, typed: str | None) -> Route:
        password = typed
        if password is None and self._lookup is not None and has_user(provider.proxy):
            password = self._lookup(provider)
        return route_for(provider, password)


Clients: TypeAlias = "httpx.AsyncClient | ClientPool"
"""What the chat and the settings are given: the app's ClientPool, or one plain client used
as it is for every provider (tests, scripts), which ignores the providers' own proxy settings."""


async def client_for(
    clients: Clients, provider: Provider, *, proxy_password: str | None = None
) -> httpx.AsyncClient:
    """The client to reach `provider` with."""
    if not isinstance(clients, ClientPool):
        return clients
    return await clients.client_for(provider, proxy_password=proxy_password)


def httpx_proxy(route: Route, context: ssl.SSLContext) -> httpx.Proxy | None:
    import httpx

    if route.proxy is None:
        return None
    url = httpx.URL(route.proxy)
    auth = (url.username, route.password or "") if url.username else None
    return httpx.Proxy(
        url.copy_with(username=None, password=None),
        auth=auth,
        # An https:// proxy is checked like the server: a corporate one is often signed by the
        # same private authority as the certificates it makes.
        ssl_context=context if url.scheme == "https" else None,
    )


def _without_password(url: str) -> tuple[str, str | None]:
    """The URL with its password taken out, and the password (a variable may hold one)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url, None
    user = f"{parts.username}@" if parts.username else ""
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    port = f":{parts.port}" if parts.port else ""
    shown = urlunsplit(parts._replace(netloc=f"{user}{host}{port}"))
    return shown, unquote(parts.password)


def has_user(proxy: str | None) -> bool:
    return bool(proxy) and bool(urlsplit(proxy or "").username)


def _excluded(host: str, port: int | None, no_proxy: str) -> bool:
    """Whether NO_PROXY names the host: `*`, a domain and its subdomains (a leading dot or
    `*.` is optional), an address, a network (10.0.0.0/8), each optionally with `:port`."""
    for raw in no_proxy.replace(" ", ",").split(","):
        entry = raw.strip().lower()
        if entry == "*":
            return True
        name, _, wanted = entry.rpartition(":") if _has_port(entry) else (entry, "", "")
        if wanted and str(port) != wanted:
            continue
        name = name.strip("[]").removeprefix("*").lstrip(".")
        if name and (host == name or host.endswith("." + name) or _in_network(host, name)):
            return True
    return False


def _has_port(entry: str) -> bool:
    head, colon, tail = entry.rpartition(":")
    return bool(colon) and tail.isdigit() and (not head.count(":") or head.endswith("]"))


def _in_network(host: str, network: str) -> bool:
    if "/" not in network:
        return False
    try:
        return ipaddress.ip_address(host) in ipaddress.ip_network(network, strict=False)
    except ValueError:
        return False
