"""The blocking twins of clients.py's HTTP clients, for `tally ask`, which runs no event loop:
the same routes, proxies and certificate checks (clients.py says how they are chosen), with
httpx.Client in place of httpx.AsyncClient. httpx is imported when the first client is made."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Generic, TypeAlias, TypeVar

from desktop_app.core.network.clients import (
    ACCEPT_ENCODING,
    PasswordLookup,
    Route,
    has_user,
    httpx_proxy,
    log,
    route_for,
    ssl_context,
)
from desktop_app.core.settings.providers_file import Provider

if TYPE_CHECKING:
    import ssl

    import httpx

T = TypeVar("T")


def new_blocking_client(route: Route, context: ssl.SSLContext) -> httpx.Client:
    """new_client, blocking: for `tally ask`, which runs no event loop."""
    import httpx

    transport: httpx.BaseTransport = httpx.HTTPTransport(
        verify=context, proxy=httpx_proxy(route, context), trust_env=False
    )
    if route.proxy:  # the errors' module loaded only then: `tally ask` does without it
        from desktop_app.core.network.transport_errors import BlockingProxiedTransport

        transport = BlockingProxiedTransport(transport, route.proxy_address, route.source)
    return httpx.Client(
        transport=transport, follow_redirects=False, trust_env=False, headers=ACCEPT_ENCODING
    )


class BlockingClientPool:
    """ClientPool for blocking clients (`tally ask`): one per route, made when first needed,
    closed together (close(), or use it as a context manager)."""

    def __init__(self, proxy_password: PasswordLookup | None = None) -> None:
        self._lookup = proxy_password
        self._clients: dict[Route, httpx.Client] = {}
        self._contexts: dict[str | None, _InThread[ssl.SSLContext]] = {}

    def prepare(self, provider: Provider) -> None:
        """Start making the certificate checks for `provider` on another thread, to have them
        ready when its client is made: loading the CA certificates (some 10-20 ms, more on a
        busy machine) is OpenSSL's work, which leaves the interpreter free meanwhile."""
        if provider.ca_bundle not in self._contexts:
            self._contexts[provider.ca_bundle] = _InThread(ssl_context, provider.ca_bundle)

    def client_for(self, provider: Provider) -> httpx.Client:
        """The client for `provider`. Raises ConfigError or KeyringUnavailable."""
        password = None
        if self._lookup is not None and has_user(provider.proxy):
            password = self._lookup(provider)
        route = route_for(provider, password)
        client = self._clients.get(route)
        if client is None:
            prepared = self._contexts.pop(route.ca_bundle, None)
            context = prepared.result() if prepared else ssl_context(route.ca_bundle)
            log.info("new HTTP client: %s", route.describe())
            client = self._clients[route] = new_blocking_client(route, context)
        return client

    def close(self) -> None:
        """Close the clients, after any certificate checks still being made: a command that
        ends before its request (a setting refused, a budget used up) would otherwise leave
        the interpreter shutting down under OpenSSL's loading thread, which crashed it."""
        prepared, self._contexts = list(self._contexts.values()), {}
        for making in prepared:
            making.wait()
        clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            client.close()

    def __enter__(self) -> BlockingClientPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


class _InThread(Generic[T]):
    """A call made on a thread of its own; result() waits for it, and returns what it returned
    or raises what it raised."""

    def __init__(self, call: Callable[[str | None], T], argument: str | None) -> None:
        import threading

        self._call, self._argument = call, argument
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="tally-prepare", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._call(self._argument)
        except BaseException as exc:  # handed to the caller of result(), not lost
            self._error = exc

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._value is not None
        return self._value


BlockingClients: TypeAlias = "httpx.Client | BlockingClientPool"
"""Clients, for the blocking chat (chat_blocking.py)."""


def blocking_client_for(clients: BlockingClients, provider: Provider) -> httpx.Client:
    """The blocking client to reach `provider` with."""
    if not isinstance(clients, BlockingClientPool):
        return clients
    return clients.client_for(provider)
