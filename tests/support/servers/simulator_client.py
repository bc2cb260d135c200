"""Speaking the OpenAI chat format to the simulator over httpx: a client fixture, request
bodies, and readers for the event streams it answers with."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from desktop_app.simulator import Simulator


@pytest.fixture
def client(simulator: Simulator) -> Iterator[httpx.Client]:
    """An httpx client for the session simulator, sending its key."""
    headers = {"Authorization": f"Bearer {simulator.api_key}"}
    with httpx.Client(base_url=simulator.base_url, headers=headers, timeout=5) as client:
        yield client


def chat(model: str, *, stream: bool = True, **extra: Any) -> dict[str, Any]:
    """A chat request body with one user message."""
    messages = [{"role": "user", "content": "Hello there, simulator"}]
    return {"model": model, "messages": messages, "stream": stream, **extra}


def post(client: httpx.Client, model: str, **extra: Any) -> httpx.Response:
    """POST a chat request for `model` to the simulator."""
    return client.post("/chat/completions", json=chat(model, **extra))


def sse_data(raw: bytes, line_end: bytes = b"\n") -> list[str]:
    """The data values of a simple event stream: one data line per event, no folding."""
    values = []
    for event in raw.split(line_end * 2):
        for line in event.split(line_end):
            if line.startswith(b"data: "):
                values.append(line[len(b"data: ") :].decode())
    return values


def chunks_of(raw: bytes, line_end: bytes = b"\n") -> list[dict[str, Any]]:
    """The JSON chunks of a stream, without the [DONE] marker."""
    return [json.loads(data) for data in sse_data(raw, line_end) if data != "[DONE]"]


def content_of(chunks: list[dict[str, Any]], field: str = "content") -> str:
    """The text of one delta field, joined across the chunks."""
    pieces = [choice["delta"].get(field) for chunk in chunks for choice in chunk["choices"]]
    return "".join(piece for piece in pieces if piece)
