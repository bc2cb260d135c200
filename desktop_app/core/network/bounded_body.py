"""A response's body in pieces of bounded size, decompressed here rather than by httpx: httpx
inflates each chunk that arrives whole, so a kilobyte of a gzip bomb becomes a gigabyte in memory
before anyone can look at it. Here no step inflates more than PIECE bytes.

BodyInflater does the work without I/O; body_pieces (async) and iter_body_pieces (blocking)
feed it from an httpx response."""

from __future__ import annotations

import zlib
from collections.abc import AsyncGenerator, Iterator

import httpx

PIECE = 1 << 20
"""The most one step inflates (a real answer's chunk is a few hundred bytes)."""

_GZIP_WBITS = 31  # a gzip header and trailer
_ZLIB_WBITS = 15  # HTTP's "deflate" is meant to be zlib-wrapped...
_RAW_WBITS = -15  # ...and some servers send raw deflate instead


class UnknownEncoding(ValueError):
    """Raised for a Content-Encoding this reader does not decode (clients ask only for gzip and
    deflate: clients.ACCEPT_ENCODING)."""


class BodyInflater:
    """Raw body bytes in, decoded pieces of at most `piece` bytes out, for one response whose
    Content-Encoding is `encoding`; raises UnknownEncoding, or httpx.DecodingError for a body
    that is not the encoding it claims."""

    def __init__(self, encoding: str, *, piece: int = PIECE) -> None:
        self.encoding = encoding.strip().lower()
        self.piece = piece
        self._inflate: zlib._Decompress | None = None
        self._first = self.encoding == "deflate"
        if self.encoding in ("gzip", "x-gzip", "deflate"):
            gzip = "gzip" in self.encoding
            self._inflate = zlib.decompressobj(_GZIP_WBITS if gzip else _ZLIB_WBITS)
        elif self.encoding not in ("", "identity"):
            raise UnknownEncoding(self.encoding)

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decoded pieces of `data`, the next raw bytes of the body."""
        piece = self.piece
        if self._inflate is None:
            for start in range(0, len(data), piece):
                yield data[start : start + piece]
            return
        if self._first and data:
            self._inflate, self._first = _deflate_for(data), False
        inflate = self._inflate
        try:
            out = inflate.decompress(data, piece)
            while out:
                yield out
                out = inflate.decompress(inflate.unconsumed_tail, piece)
        except zlib.error as exc:
            raise httpx.DecodingError(f"the {self.encoding} body is damaged ({exc})") from exc


async def body_pieces(
    response: httpx.Response, *, piece: int = PIECE
) -> AsyncGenerator[bytes, None]:
    """The decoded body, no piece longer than `piece`; raises UnknownEncoding, or
    httpx.DecodingError for a body that is not the encoding it claims."""
    inflater = BodyInflater(response.headers.get("content-encoding", ""), piece=piece)
    async for data in response.aiter_raw():
        for out in inflater.feed(data):
            yield out


def iter_body_pieces(response: httpx.Response, *, piece: int = PIECE) -> Iterator[bytes]:
    """body_pieces, for a response of a blocking httpx.Client."""
    inflater = BodyInflater(response.headers.get("content-encoding", ""), piece=piece)
    for data in response.iter_raw():
        yield from inflater.feed(data)


def _deflate_for(first: bytes) -> zlib._Decompress:
    """A zlib-wrapped or a raw deflate decoder, whichever the first bytes are."""
    try:
        zlib.decompressobj(_ZLIB_WBITS).decompress(first[:2])
    except zlib.error:
        return zlib.decompressobj(_RAW_WBITS)
    return zlib.decompressobj(_ZLIB_WBITS)
