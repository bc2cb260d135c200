"""Small real servers on loopback for tests: canned HTTP answers, the same for every request or
chosen by it, and a port that never completes a connection. Real sockets, so nothing in httpx is
mocked."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Canned:
    """One HTTP answer: status, headers and body (a JSON value, or bytes as they are)."""

    status: int = 200
    body: object = b""
    headers: dict[str, str] = field(default_factory=dict)

    def encoded(self) -> tuple[bytes, dict[str, str]]:
        if isinstance(self.body, bytes):
            return self.body, self.headers
        return json.dumps(self.body).encode(), {"content-type": "application/json", **self.headers}


@dataclass(frozen=True)
class Seen:
    """A request a routed server received."""

    path: str
    query: dict[str, str]
    headers: dict[str, str]


Route = Callable[[Seen], Canned]


@contextmanager
def routed_server(route: Route) -> Iterator[tuple[str, list[Seen]]]:
    """A real local server answering each GET with `route(request)`; yields its root URL
    (no /v1: Anthropic and Gemini base URLs are written without it) and the requests seen."""
    seen: list[Seen] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            request = Seen(parts.path, query, {k.lower(): v for k, v in self.headers.items()})
            seen.append(request)
            answer = route(request)
            body, headers = answer.encoded()
            self.send_response(answer.status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: the test says what matters

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    # A short poll: shutdown() waits for it, and the default half second adds up.
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def canned_server(answer: Canned) -> Iterator[str]:
    """Serve `answer` to every request on 127.0.0.1; yields the base URL (ending in /v1)."""
    with routed_server(lambda _: answer) as (root, _):
        yield f"{root}/v1"


@contextmanager
def full_backlog_port() -> Iterator[int]:
    """A port whose listen queue is full, so that a new connection is never completed."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(server.getsockname())
        fillers.append(filler)
    try:
        yield server.getsockname()[1]
    finally:
        for filler in fillers:
            filler.close()
        server.close()
