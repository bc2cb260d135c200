"""Small real servers on loopback for tests: a canned HTTP answer, and a port that never
completes a connection. Real sockets, so nothing in httpx is mocked."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


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


@contextmanager
def canned_server(answer: Canned) -> Iterator[str]:
    """Serve `answer` to every request on 127.0.0.1; yields the base URL (ending in /v1)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
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
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


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
