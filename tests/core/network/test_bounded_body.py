"""body_pieces and iter_body_pieces: a body inflated here in bounded steps, in each encoding
servers send, the same whether an async or a blocking client reads it."""

from __future__ import annotations

import asyncio
import gzip
import zlib

import httpx
import pytest

from desktop_app.core.network.bounded_body import UnknownEncoding, body_pieces, iter_body_pieces

TEXT = b"data: " + b"x" * 100_000 + b"\n\n"


@pytest.fixture(params=["async", "blocking"])
def reading(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def pieces(content: bytes, encoding: str | None, reading: str, piece: int = 4096) -> list[bytes]:
    headers = {"content-encoding": encoding} if encoding else {}
    response = httpx.Response(200, headers=headers, stream=httpx.ByteStream(content))
    if reading == "blocking":
        return list(iter_body_pieces(response, piece=piece))

    async def read() -> list[bytes]:
        return [part async for part in body_pieces(response, piece=piece)]

    return asyncio.run(read())


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("encoding", "content"),
    [
        (None, TEXT),
        ("identity", TEXT),
        ("gzip", gzip.compress(TEXT)),
        ("x-gzip", gzip.compress(TEXT)),
        ("deflate", zlib.compress(TEXT)),
        ("deflate", raw_deflate(TEXT)),  # what some servers call deflate
    ],
)
def test_each_encoding_comes_out_whole_in_bounded_pieces(
    encoding: str | None, content: bytes, reading: str
) -> None:
    out = pieces(content, encoding, reading)
    assert b"".join(out) == TEXT
    assert max(len(part) for part in out) == 4096
    assert len(out) == -(-len(TEXT) // 4096)


def test_an_encoding_not_asked_for_is_refused(reading: str) -> None:
    with pytest.raises(UnknownEncoding, match="br"):
        pieces(b"\x1b\x00", "br", reading)


def test_a_damaged_body_is_a_decoding_error(reading: str) -> None:
    with pytest.raises(httpx.DecodingError, match="gzip body is damaged"):
        pieces(b"\x1f\x8b not really gzip", "gzip", reading)
