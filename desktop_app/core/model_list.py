"""Asks a provider which models it serves (`GET {base_url}/models`), for "Test connection"."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx

from desktop_app.core.config import Provider
from desktop_app.core.errors import (
    ConfigError,
    FirstByteTimeout,
    NotFoundError,
    UnexpectedResponse,
)
from desktop_app.core.http_errors import error_for_status, error_for_transport

LIST_TIMEOUT_CAP = 20.0
"""Seconds at most to wait for the list once connected: a test should answer quickly."""

_BODY_LIMIT = 16 * 1024 * 1024  # OpenRouter's list, with descriptions, is a few megabytes
_WHAT = "the model list"


async def list_models(client: httpx.AsyncClient, provider: Provider, key: str | None) -> list[str]:
    """The sorted ids of the provider's models; raises a ProviderError saying what failed."""
    check_key(key)
    url = f"{provider.base_url}/models"
    headers = {"Accept": "application/json"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    limit = min(provider.timeouts.first_byte, LIST_TIMEOUT_CAP)
    timeout = httpx.Timeout(connect=provider.timeouts.connect, read=None, write=limit, pool=None)
    try:
        request = client.build_request("GET", url, headers=headers, timeout=timeout)
    except httpx.InvalidURL as exc:
        raise ConfigError(f"The base URL {provider.base_url} is not a valid address.") from exc
    try:
        # The connect timeout is httpx's; everything after it shares the short limit.
        async with asyncio.timeout(provider.timeouts.connect + limit):
            status, response_headers, body = await _fetch(client, request, provider)
    except TimeoutError:
        raise FirstByteTimeout(
            f"{provider.name} did not send its model list within {limit:g} s. It may be "
            "overloaded, or the base URL may point at something that is not the API.",
            provider=provider.name,
            seconds=limit,
        ) from None
    if status == 404:
        raise NotFoundError(
            f"{provider.name} has no model list at {url} (404). Check that the base URL is the "
            "API's root (often ending in /v1); if it is right, type the model names instead.",
            provider=provider.name,
            status=status,
        )
    if 300 <= status < 400:
        where = response_headers.get("location", "another address")
        raise UnexpectedResponse(
            f"{provider.name} redirects {url} to {where} ({status}). Use the address it "
            "redirects to as the base URL (check http against https).",
            provider=provider.name,
            status=status,
        )
    content_type = response_headers.get("content-type", "")
    if status >= 400 or content_type.startswith("text/html"):
        raise error_for_status(provider, _WHAT, status, response_headers, body, key)
    try:
        parsed: Any = json.loads(body)
    except ValueError:
        raise error_for_status(provider, _WHAT, status, response_headers, body, key) from None
    return model_ids(parsed, provider)


def model_ids(parsed: Any, provider: Provider) -> list[str]:
    """Sorted unique ids from `{"data": [...]}`, `{"models": [...]}` or a bare list."""
    entries = parsed
    if isinstance(parsed, dict):
        entries = parsed.get("data", parsed.get("models"))
    if not isinstance(entries, list):
        raise UnexpectedResponse(
            f"{provider.name} answered {provider.base_url}/models with JSON that is not a model "
            "list. Check the base URL, or type the model names instead.",
            provider=provider.name,
            status=200,
        )
    ids: set[str] = set()
    for entry in entries:
        name = (entry.get("id") or entry.get("name")) if isinstance(entry, dict) else entry
        if isinstance(name, str) and name.strip():
            # Gemini's OpenAI-compatible list says "models/gemini-2.5-flash"; chat wants the rest.
            ids.add(name.strip().removeprefix("models/"))
    return sorted(ids)


def check_key(key: str | None) -> None:
    """Refuse a key that cannot go into an HTTP header, without repeating it anywhere."""
    if key is None:
        return
    if not key.isascii() or not key.isprintable() or any(c.isspace() for c in key):
        raise ConfigError(
            "The API key contains a space, a line break or a character that keys never have. "
            "Paste it again, exactly as the provider shows it."
        )


async def _fetch(
    client: httpx.AsyncClient, request: httpx.Request, provider: Provider
) -> tuple[int, httpx.Headers, bytes]:
    try:
        response = await client.send(request, stream=True)
    except httpx.TransportError as exc:
        raise error_for_transport(provider, exc, began=False) from exc
    try:
        parts: list[bytes] = []
        size = 0
        async for part in response.aiter_bytes():
            parts.append(part)
            size += len(part)
            if size > _BODY_LIMIT:
                raise UnexpectedResponse(
                    f"{provider.name}'s model list is larger than {_BODY_LIMIT >> 20} MiB; the "
                    "base URL probably points at something that is not the API.",
                    provider=provider.name,
                    status=response.status_code,
                )
    except httpx.TransportError as exc:
        raise error_for_transport(provider, exc, began=False) from exc
    except httpx.DecodingError as exc:
        raise UnexpectedResponse(
            f"{provider.name} sent a model list that could not be decoded ({exc}).",
            provider=provider.name,
            status=response.status_code,
        ) from exc
    finally:
        await response.aclose()
    return response.status_code, response.headers, b"".join(parts)
