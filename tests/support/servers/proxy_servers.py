"""Tiny real proxies on loopback for tests: an HTTP forward proxy (absolute-form requests and
CONNECT), a SOCKS5 proxy with user name and password (RFC 1928, RFC 1929), and a TLS front for
the simulator. Each runs its own asyncio loop in a thread, so it serves whatever loop the test
runs, records what it forwarded, and connects only to this machine: host names are looked up in
its own table, never in DNS."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import gc
import socket
import ssl
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

import pytest

from desktop_app.simulator.server import cancel_other_tasks

SIMULATOR_HOST = "simulator.test"
"""A name only these proxies know (as 127.0.0.1): a request that reaches the simulator by it
went through a proxy, since the client itself cannot resolve it."""

_NAMES = {SIMULATOR_HOST: "127.0.0.1", "localhost": "127.0.0.1"}


@dataclass(frozen=True)
class Forwarded:
    """One request a proxy was asked to carry, and whether it let it through."""

    method: str  # "CONNECT" for a tunnel (and for every SOCKS connection)
    target: str  # host:port, or the absolute URL of a plain-http request
    user: str | None
    allowed: bool


class _LoopbackServer:
    """An asyncio server in its own thread; subclasses handle the connections."""

    def __init__(self, *, credentials: tuple[str, str] | None = None, host: str = "127.0.0.1"):
        self.credentials = credentials
        self.host = host
        self.port = 0
        self.errors: list[str] = []
        self._seen: list[Forwarded] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None

    @property
    def url_host(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def forwarded(self) -> list[Forwarded]:
        with self._lock:
            return list(self._seen)

    def __enter__(self) -> Self:
        ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self._thread.start()
        if not ready.wait(10) or not self.port:
            raise RuntimeError(f"{type(self).__name__} did not start: {self.errors}")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._loop is not None and self._stopping is not None:
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self._stopping.set)
        if self._thread is not None:
            self._thread.join(10)

    def _record(self, item: Forwarded) -> None:
        with self._lock:
            self._seen.append(item)

    def _run(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(self._serve(ready))
        except OSError as exc:
            self.errors.append(repr(exc))
            ready.set()
        finally:
            loop.close()

    async def _serve(self, ready: threading.Event) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()

        async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                await self._handle(reader, writer)
            except (OSError, asyncio.IncompleteReadError, ssl.SSLError):
                pass  # the client went away, or refused our certificate
            except asyncio.CancelledError:
                pass  # the proxy is stopping: end quietly, as a finished connection
            except Exception as exc:  # a bug in this helper: the test reports it
                self.errors.append(repr(exc))
            finally:
                writer.close()

        server = await asyncio.start_server(accept, self.host, self.port)
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        await self._stopping.wait()
        server.close()
        # Every task, also a connection's handler that had not started yet (cancelling only
        # the running ones let such a handler's upstream connection leak now and then).
        await cancel_other_tasks()
        await server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raise NotImplementedError


class HttpProxy(_LoopbackServer):
    """A forward proxy: CONNECT tunnels for https://, absolute-form requests for http://; with
    `credentials`, it answers 407 to requests without the right Proxy-Authorization."""

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        request_line, *lines = head.split("\r\n")
        method, target, version = request_line.split(" ", 2)
        headers = [tuple(line.split(":", 1)) for line in lines if ":" in line]
        user, allowed = self._check(dict((k.strip().lower(), v.strip()) for k, v in headers))
        self._record(Forwarded(method, target, user, allowed))
        if not allowed:
            writer.write(
                b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                b'Proxy-Authenticate: Basic realm="tests"\r\n'
                b"Content-Length: 0\r\nConnection: close\r\n\r\n"
            )
            await writer.drain()
            return
        if method == "CONNECT":
            host, _, port = target.rpartition(":")
            upstream = await _open(host, int(port))
            if upstream is None:
                writer.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                return
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await _relay(reader, writer, *upstream)
            return
        url = urlsplit(target)
        upstream = await _open(url.hostname or "", url.port or 80)
        if upstream is None:
            writer.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            return
        path = url.path + (f"?{url.query}" if url.query else "")
        kept = [f"{k}:{v}" for k, v in headers if not k.lower().startswith(("proxy-", "conn"))]
        # One request per connection keeps this proxy tiny: the server closes after answering.
        rewritten = "\r\n".join([f"{method} {path} {version}", *kept, "Connection: close"])
        upstream[1].write((rewritten + "\r\n\r\n").encode("latin-1"))
        await _relay(reader, writer, *upstream)

    def _check(self, headers: dict[str, str]) -> tuple[str | None, bool]:
        given = headers.get("proxy-authorization", "")
        user: str | None = None
        password: str | None = None
        if given.lower().startswith("basic "):
            decoded = base64.b64decode(given[6:]).decode()
            user, _, password = decoded.partition(":")
        if self.credentials is None:
            return user, True
        return user, (user, password) == self.credentials


class SocksProxy(_LoopbackServer):
    """A SOCKS5 proxy (CONNECT only); with `credentials`, only user name and password
    authentication (RFC 1929) with those is accepted."""

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        _version, count = await reader.readexactly(2)
        methods = await reader.readexactly(count)
        wanted = 2 if self.credentials else 0
        if wanted not in methods:
            self._record(Forwarded("CONNECT", "?", None, False))
            writer.write(b"\x05\xff")
            await writer.drain()
            return
        writer.write(bytes([5, wanted]))
        user: str | None = None
        if self.credentials:
            _sub_version, length = await reader.readexactly(2)
            user = (await reader.readexactly(length)).decode()
            length = (await reader.readexactly(1))[0]
            password = (await reader.readexactly(length)).decode()
            allowed = (user, password) == self.credentials
            writer.write(b"\x01\x00" if allowed else b"\x01\x01")
            if not allowed:
                self._record(Forwarded("CONNECT", "?", user, False))
                await writer.drain()
                return
        _version, _command, _reserved, kind = await reader.readexactly(4)
        host = await _socks_address(reader, kind)
        port = int.from_bytes(await reader.readexactly(2), "big")
        self._record(Forwarded("CONNECT", f"{host}:{port}", user, True))
        upstream = await _open(host, port)
        if upstream is None:
            writer.write(b"\x05\x05\x00\x01" + bytes(6))  # connection refused
            await writer.drain()
            return
        writer.write(b"\x05\x00\x00\x01" + bytes(6))
        await _relay(reader, writer, *upstream)


class TlsFront(_LoopbackServer):
    """HTTPS in front of a plain-http port on this machine (the simulator), with the given
    certificate; counts the handshakes that succeeded."""

    def __init__(self, target_port: int, cert_file: str, key_file: str, **kwargs: object):
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.target_port = target_port
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(cert_file, key_file)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await writer.start_tls(self.context)
        self._record(Forwarded("TLS", f"127.0.0.1:{self.target_port}", None, True))
        upstream = await _open("127.0.0.1", self.target_port)
        if upstream is not None:
            await _relay(reader, writer, *upstream)


async def _socks_address(reader: asyncio.StreamReader, kind: int) -> str:
    if kind == 1:
        return socket.inet_ntop(socket.AF_INET, await reader.readexactly(4))
    if kind == 4:
        return socket.inet_ntop(socket.AF_INET6, await reader.readexactly(16))
    length = (await reader.readexactly(1))[0]
    return (await reader.readexactly(length)).decode()


async def _open(host: str, port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
    """Connect to a host on this machine: a name from the table or an address, never DNS."""
    address = _NAMES.get(host.strip("[]").lower(), host.strip("[]"))
    try:
        socket.inet_pton(socket.AF_INET6 if ":" in address else socket.AF_INET, address)
    except OSError:
        return None  # an unknown name: these proxies never ask DNS
    try:
        return await asyncio.open_connection(address, port)
    except OSError:
        return None


async def _relay(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    upstream_reader: asyncio.StreamReader,
    upstream_writer: asyncio.StreamWriter,
) -> None:
    """Copy bytes both ways until either side closes, then close both."""
    copies = [
        asyncio.create_task(_copy(reader, upstream_writer)),
        asyncio.create_task(_copy(upstream_reader, writer)),
    ]
    try:
        await asyncio.wait(copies, return_when=asyncio.FIRST_COMPLETED)
    finally:
        upstream_writer.close()  # first: the wait below may itself be cancelled
        for task in copies:
            task.cancel()
        await asyncio.gather(*copies, return_exceptions=True)


async def _copy(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    with contextlib.suppress(OSError):
        while data := await source.read(65536):
            sink.write(data)
            await sink.drain()


class Forwarder(_LoopbackServer):
    """Plain TCP to a port on 127.0.0.1, listening on another of this machine's addresses (a
    server a proxy from the environment is used for, unlike one on loopback)."""

    def __init__(self, target_port: int, host: str) -> None:
        super().__init__(host=host)
        self.target_port = target_port

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._record(Forwarded("TCP", f"127.0.0.1:{self.target_port}", None, True))
        upstream = await _open("127.0.0.1", self.target_port)
        if upstream is not None:
            await _relay(reader, writer, *upstream)


@contextlib.contextmanager
def socks_failure_leaks_tolerated() -> Iterator[None]:
    """httpcore 1.0 does not close the TCP stream to a SOCKS proxy whose handshake failed (its
    Socks5Connection drops it with the exception): the socket waits for the garbage collector,
    then warns. Collect it here, quietly, rather than in some later test."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        yield
        gc.collect()


PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "REQUEST_METHOD")


def clear_proxy_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy variable from the machine running the tests, in either case."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR"):
        monkeypatch.delenv(name, raising=False)


def non_loopback_address() -> str | None:
    """One of this machine's own addresses that is not on loopback, if it has one."""
    candidates: list[str] = []
    with contextlib.suppress(OSError):
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        candidates += [str(info[4][0]) for info in infos]
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # UDP: picks the outgoing address, sends nothing
        candidates.append(probe.getsockname()[0])
    for address in candidates:
        if not address.startswith("127.") and address != "0.0.0.0":
            with contextlib.suppress(OSError), socket.socket() as trial:
                trial.bind((address, 0))
                return address
    return None
