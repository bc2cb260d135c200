"""HTTP/1.1 spoken by hand over asyncio streams, so replies can break at the byte level."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import uuid
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from email.utils import formatdate
from http import HTTPStatus
from typing import Any

MAX_HEAD_BYTES = 64 * 1024
MAX_BODY_BYTES = 64 * 1024 * 1024
_READ_SIZE = 64 * 1024
_UNOFFICIAL_REASONS = {529: "Site Overloaded"}
# the start of a request as far as it has arrived: optional blank lines, then a method token
_METHOD_SO_FAR = re.compile(rb"[\r\n]*[-!#$%&'*+.^_`|~0-9A-Za-z]*(?: |\Z)")


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the simulator received it; header names are lower-case."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None
    raw_body: bytes = field(default=b"", repr=False)
    connection_id: int = 0


class BadRequest(Exception):
    """The bytes on a connection are not a request the simulator can parse."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class BodyReply:
    """A complete response with a Content-Length body."""

    status: int
    body: bytes
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class StreamReply:
    """A 200 event stream, one chunk per event; `abort_at_end` cuts the socket instead of ending."""

    events: AsyncGenerator[bytes, None]
    abort_at_end: bool = False
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DropReply:
    """Close the connection without sending a single byte."""


Reply = BodyReply | StreamReply | DropReply


def reason_phrase(status: int) -> str:
    """The reason phrase for a status line, also for codes the stdlib does not know."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return _UNOFFICIAL_REASONS.get(status, "Unknown")


def json_bytes(payload: object) -> bytes:
    """Compact UTF-8 JSON, as OpenAI-compatible servers send it."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


class Connection:
    """One client connection: reads requests in turn and writes the replies to them."""

    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, connection_id: int
    ) -> None:
        self._reader = reader
        self._writer = writer
        self._buffer = bytearray()
        self.connection_id = connection_id
        self.close_after_reply = False

    async def _fill(self) -> bool:
        """Read more bytes into the buffer; False once the client has closed its side."""
        try:
            data = await self._reader.read(_READ_SIZE)
        except OSError:
            return False
        self._buffer += data
        return bool(data)

    async def read_request(self) -> RecordedRequest | None:
        """The next request, or None when the client closes the connection between requests."""
        while (head_end := self._buffer.find(b"\r\n\r\n")) < 0:
            if not _METHOD_SO_FAR.match(self._buffer):
                # say so at once, as real servers do, so that e.g. a TLS handshake fails fast
                raise BadRequest(400, "This is not an HTTP request.")
            if len(self._buffer) > MAX_HEAD_BYTES:
                raise BadRequest(431, "Request headers are too large.")
            if not await self._fill():
                return None
        head = bytes(self._buffer[:head_end]).lstrip(b"\r\n").decode("latin-1")
        del self._buffer[: head_end + 4]
        method, path, version, headers = _parse_head(head)
        length = _content_length(headers)
        while len(self._buffer) < length:
            if not await self._fill():
                return None
        raw_body = bytes(self._buffer[:length])
        del self._buffer[:length]
        connection = headers.get("connection", "").lower()
        self.close_after_reply = "close" in connection or (
            version == "HTTP/1.0" and "keep-alive" not in connection
        )
        return RecordedRequest(
            method, path, headers, _json_object(raw_body), raw_body, self.connection_id
        )

    async def wait_for_eof(self) -> None:
        """Return once the client closes its side; bytes it sends meanwhile are kept for later."""
        while await self._fill():
            pass

    async def send(self, reply: Reply) -> bool:
        """Write a reply; True if the connection can carry another request afterwards."""
        if isinstance(reply, DropReply):
            return False
        keep_open = not self.close_after_reply
        if isinstance(reply, BodyReply):
            headers = [("Content-Type", reply.content_type), *reply.headers]
            headers.append(("Content-Length", str(len(reply.body))))
            self._writer.write(_head(reply.status, headers, keep_open) + reply.body)
            await self._writer.drain()
            return keep_open
        keep_open = keep_open and not reply.abort_at_end
        headers = [
            ("Content-Type", "text/event-stream; charset=utf-8"),
            ("Cache-Control", "no-cache"),
            ("Transfer-Encoding", "chunked"),
            *reply.headers,
        ]
        self._writer.write(_head(200, headers, keep_open))
        await self._writer.drain()
        async with contextlib.aclosing(reply.events) as events:
            async for event in events:
                if event:  # an empty chunk would be read as the end of the body
                    self._writer.write(b"%x\r\n%b\r\n" % (len(event), event))
                    await self._writer.drain()
        if reply.abort_at_end:
            self._writer.transport.abort()
            return False
        self._writer.write(b"0\r\n\r\n")
        await self._writer.drain()
        return keep_open

    async def send_bad_request(self, error: BadRequest) -> None:
        """Answer bytes that were not a valid request, then give up on the connection."""
        self.close_after_reply = True
        body = {"error": {"message": error.message, "type": "invalid_request_error"}}
        with contextlib.suppress(OSError):
            await self.send(BodyReply(error.status, json_bytes(body)))

    async def close(self, *, abort: bool) -> None:
        """Close the socket; `abort` drops unsent bytes, for clients that stopped reading."""
        if abort:
            self._writer.transport.abort()
        else:
            self._writer.close()
        try:
            await self._writer.wait_closed()
        except OSError:
            pass
        except asyncio.CancelledError:
            self._writer.transport.abort()
            raise


def _head(status: int, headers: list[tuple[str, str]], keep_open: bool) -> bytes:
    """Status line and headers, with the headers every reply carries."""
    lines = [
        f"HTTP/1.1 {status} {reason_phrase(status)}",
        f"Date: {formatdate(usegmt=True)}",
        "Server: tally-simulator",
        f"X-Request-Id: req_{uuid.uuid4().hex[:24]}",
        *(f"{name}: {value}" for name, value in headers),
        f"Connection: {'keep-alive' if keep_open else 'close'}",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _parse_head(head: str) -> tuple[str, str, str, dict[str, str]]:
    """Method, target, version and lower-cased headers of a request head."""
    request_line, *header_lines = head.split("\r\n")
    parts = request_line.split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise BadRequest(400, f"Malformed request line: {request_line[:100]!r}")
    headers: dict[str, str] = {}
    for line in header_lines:
        name, colon, value = line.partition(":")
        if not colon or not name or name != name.strip():
            raise BadRequest(400, f"Malformed header line: {line[:100]!r}")
        key = name.lower()
        value = value.strip()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return parts[0], parts[1], parts[2], headers


def _content_length(headers: dict[str, str]) -> int:
    """The body length a request announces; chunked request bodies are not supported."""
    if "transfer-encoding" in headers:
        raise BadRequest(411, "Send the request body with a Content-Length header.")
    text = headers.get("content-length", "0")
    if not text.isdigit():
        raise BadRequest(400, f"Invalid Content-Length: {text[:40]!r}")
    if int(text) > MAX_BODY_BYTES:
        raise BadRequest(413, "The request body is too large.")
    return int(text)


def _json_object(raw_body: bytes) -> dict[str, Any] | None:
    """The body parsed as a JSON object, or None when it is empty or anything else."""
    try:
        parsed = json.loads(raw_body)
    except ValueError:  # also covers bytes that are not UTF-8
        return None
    return parsed if isinstance(parsed, dict) else None
