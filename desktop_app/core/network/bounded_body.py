"""A response's body in pieces of bounded size, decompressed here rather than by httpx: httpx
inflates each chunk that arrives whole, so a kilobyte of a gzip bomb becomes a gigabyte in memory
before anyone can look at it. Here no step inflates more than PIECE bytes."""

from __future__ import annotations

import zlib
from collections.abc import AsyncGenerator

import httpx

PIECE = 1 << 20
"""The most one step inflates (a real answer's chunk is a few hundred bytes)."""

_GZIP_WBITS = 31  # a gzip header and trailer
_ZLIB_WBITS = 15  # HTTP's "deflate" is meant to be zlib-wrapped...
_RAW_WBITS = -15  # ...and some servers send raw deflate instead


class UnknownEncoding(ValueError):
    """Raised for a Content-Encoding this reader does not decode (clients ask only for gzip and
    deflate: clients.ACCEPT_ENCODING)."""


async def body_pieces(
    response: httpx.Response, *, piece: int = PIECE
) -> AsyncGenerator[bytes, None]:
    """The decoded body, no piece longer than `piece`; raises UnknownEncoding, or
    httpx.DecodingError for a body that is not the encoding it claims."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    raw = response.aiter_raw()
    if encoding in ("", "identity"):
        async for data in raw:
            for start in range(0, len(data), piece):
                yield data[start : start + piece]
        return
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise UnknownEncoding(encoding)
    inflate = zlib.decompressobj(_GZIP_WBITS if "gzip" in encoding else _ZLIB_WBITS)
    first = encoding == "deflate"
    try:
        async for data in raw:
            if first and data:
                inflate, first = _deflate_for(data), False
            out = inflate.decompress(data, piece)
            while out:
                yield out
                out = inflate.decompress(inflate.unconsumed_tail, piece)
    except zlib.error as exc:
        raise httpx.DecodingError(f"the {encoding} body is damaged ({exc})") from exc


def _deflate_for(first: bytes) -> zlib._Decompress:
    """A zlib-wrapped or a raw deflate decoder, whichever the first bytes are."""
    try:
        zlib.decompressobj(_ZLIB_WBITS).decompress(first[:2])
    except zlib.error:
        return zlib.decompressobj(_RAW_WBITS)
    return zlib.decompressobj(_ZLIB_WBITS)
