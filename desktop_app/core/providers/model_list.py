"""Asks a provider which models it serves, in its own format: `GET {base_url}/models` for an
OpenAI-compatible server, Anthropic's `GET /v1/models` and Gemini's `GET /v1beta/models`, both
read page by page. Used by the settings' Test connection and by the picker's Refresh models."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx

from desktop_app.core.errors import (
    AuthenticationError,
    ConfigError,
    FirstByteTimeout,
    NotFoundError,
    UnexpectedResponse,
)
from desktop_app.core.network.http_errors import error_for_status
from desktop_app.core.network.transport_errors import transport_error
from desktop_app.core.settings.keys import check_key
from desktop_app.core.settings.model_cache import ListedModel as ListedModel  # what this lists
from desktop_app.core.settings.providers_file import Kind, Provider

LIST_TIMEOUT_CAP = 20.0
"""Seconds at most to wait for a page of the list once connected: a test should answer quickly."""

ANTHROPIC_VERSION = "2023-06-01"
_BODY_LIMIT = 16 * 1024 * 1024  # OpenRouter's list, with descriptions, is a few megabytes
_PAGE_SIZE = "1000"  # the most Anthropic and Gemini give in one page
_MAX_PAGES = 100  # a server that always says "more" must not keep us asking for ever
_WHAT = "the model list"


# -- where each kind lists its models: one small function each, easy to adjust ----------------


def openai_models_url(base_url: str) -> str:
    """`https://api.openai.com/v1` -> `https://api.openai.com/v1/models`."""
    return f"{base_url}/models"


def anthropic_models_url(base_url: str) -> str:
    """`https://api.anthropic.com` -> `.../v1/models`, where the chat goes for `/v1/messages`
    (a base URL written with /v1 works too)."""
    from desktop_app.core.providers.anthropic import api_url  # imported when first needed

    return api_url(base_url, "models")


def gemini_models_url(base_url: str) -> str:
    """`https://generativelanguage.googleapis.com` -> `.../v1beta/models`, beside the chat's
    `models/{model}:streamGenerateContent` (a base URL naming a version is used as written)."""
    from desktop_app.core.providers.gemini import api_root  # imported when first needed

    return f"{api_root(base_url)}/models"


_URLS: dict[Kind, Callable[[str], str]] = {
    "openai": openai_models_url,
    "anthropic": anthropic_models_url,
    "gemini": gemini_models_url,
}
_ROOT_HINTS: dict[Kind, str] = {
    "openai": "often ending in /v1",
    "anthropic": "such as https://api.anthropic.com",
    "gemini": "such as https://generativelanguage.googleapis.com",
}


def models_url(provider: Provider) -> str:
    """Where `provider` lists its models."""
    return _URLS[provider.kind](provider.base_url)


def _headers(kind: Kind, key: str | None) -> dict[str, str]:
    """The list request's headers; the key goes in a header, never in the URL (Gemini too)."""
    headers = {"Accept": "application/json"}
    if kind == "anthropic":
        headers["anthropic-version"] = ANTHROPIC_VERSION
    if key:
        name, value = {
            "openai": ("Authorization", f"Bearer {key}"),
            "anthropic": ("x-api-key", key),
            "gemini": ("x-goog-api-key", key),
        }[kind]
        headers[name] = value
    return headers


def _params(kind: Kind, cursor: str | None) -> dict[str, str] | None:
    """The query of one page: the largest page there is, and where the last one ended."""
    if kind == "anthropic":
        return {"limit": _PAGE_SIZE, **({"after_id": cursor} if cursor else {})}
    if kind == "gemini":
        return {"pageSize": _PAGE_SIZE, **({"pageToken": cursor} if cursor else {})}
    return None  # OpenAI-compatible servers send the whole list at once


# -- listing ----------------------------------------------------------------------------------


async def list_models(client: httpx.AsyncClient, provider: Provider, key: str | None) -> list[str]:
    """The sorted ids of the provider's models; raises a ProviderError saying what failed."""
    return [model.id for model in await discover_models(client, provider, key)]


async def discover_models(
    client: httpx.AsyncClient, provider: Provider, key: str | None
) -> list[ListedModel]:
    """Every model the provider lists (all pages), sorted by id, each id once."""
    check_key(key)
    url = models_url(provider)
    found: dict[str, ListedModel] = {}
    cursor: str | None = None
    for _ in range(_MAX_PAGES):
        params = _params(provider.kind, cursor)
        parsed = await _get_json(client, provider, url, _headers(provider.kind, key), params, key)
        page, following = _PAGES[provider.kind](parsed, provider, url)
        for model in page:
            found.setdefault(model.id, model)
        if not following or following == cursor:
            break
        cursor = following
    return [found[name] for name in sorted(found)]


def model_ids(parsed: Any, provider: Provider) -> list[str]:
    """Sorted unique ids from `{"data": [...]}`, `{"models": [...]}` or a bare list."""
    models, _ = _openai_page(parsed, provider, models_url(provider))
    return sorted({model.id for model in models})


# -- the shape of each kind's page --------------------------------------------------------------

_Page = tuple[list[ListedModel], str | None]


def _openai_page(parsed: Any, provider: Provider, url: str) -> _Page:
    """`{"data": [{"id"}]}`, as well as `{"models": [...]}` and bare lists some servers send."""
    entries = parsed
    if isinstance(parsed, dict):
        entries = parsed.get("data", parsed.get("models"))
    if not isinstance(entries, list):
        raise _not_a_list(provider, url)
    models = []
    for entry in entries:
        name = (entry.get("id") or entry.get("name")) if isinstance(entry, dict) else entry
        if isinstance(name, str) and name.strip():
            # Gemini's OpenAI-compatible list says "models/gemini-2.5-flash"; chat wants the rest.
            model_id = name.strip().removeprefix("models/")
            shown = entry.get("name") if isinstance(entry, dict) and entry.get("id") else None
            models.append(ListedModel(model_id, _text(shown)))  # OpenRouter's "name"
    return models, None


def _anthropic_page(parsed: Any, provider: Provider, url: str) -> _Page:
    """`{"data": [{"id", "display_name"}], "has_more", "last_id"}`."""
    entries = parsed.get("data") if isinstance(parsed, dict) else None
    if not isinstance(entries, list):
        raise _not_a_list(provider, url)
    models = [
        ListedModel(entry["id"].strip(), _text(entry.get("display_name")))
        for entry in entries
        if isinstance(entry, dict) and _text(entry.get("id"))
    ]
    more = parsed.get("has_more") is True
    return models, _text(parsed.get("last_id")) if more else None


def _gemini_page(parsed: Any, provider: Provider, url: str) -> _Page:
    """`{"models": [{"name": "models/...", "displayName", "supportedGenerationMethods"}],
    "nextPageToken"}`; only the models that can chat (generateContent), not the embedders."""
    if not isinstance(parsed, dict) or not isinstance(parsed.get("models", []), list):
        raise _not_a_list(provider, url)
    models = []
    for entry in parsed.get("models", []):
        name = _text(entry.get("name")) if isinstance(entry, dict) else None
        methods = entry.get("supportedGenerationMethods") if name else None
        if name and isinstance(methods, list) and "generateContent" in methods:
            shown = _text(entry.get("displayName"))
            models.append(ListedModel(name.removeprefix("models/"), shown))
    return models, _text(parsed.get("nextPageToken"))


_PAGES: dict[Kind, Callable[[Any, Provider, str], _Page]] = {
    "openai": _openai_page,
    "anthropic": _anthropic_page,
    "gemini": _gemini_page,
}


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _not_a_list(provider: Provider, url: str) -> UnexpectedResponse:
    return UnexpectedResponse(
        f"{provider.name} answered {url} with JSON that is not a model list. Check the base "
        "URL, or type the model names instead.",
        provider=provider.name,
        status=200,
    )


# -- one page over HTTP ---------------------------------------------------------------------


async def _get_json(
    client: httpx.AsyncClient,
    provider: Provider,
    url: str,
    headers: dict[str, str],
    params: dict[str, str] | None,
    key: str | None,
) -> Any:
    """One page of the list, parsed; every failure becomes a ProviderError naming the provider."""
    limit = min(provider.timeouts.first_byte, LIST_TIMEOUT_CAP)
    timeout = httpx.Timeout(connect=provider.timeouts.connect, read=None, write=limit, pool=None)
    try:
        request = client.build_request("GET", url, headers=headers, params=params, timeout=timeout)
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
    _check_status(provider, url, status, response_headers, body, key)
    try:
        return json.loads(body)
    except ValueError:
        raise error_for_status(provider, _WHAT, status, response_headers, body, key) from None


def _check_status(
    provider: Provider, url: str, status: int, headers: httpx.Headers, body: bytes, key: str | None
) -> None:
    if status == 404:
        raise NotFoundError(
            f"{provider.name} has no model list at {url} (404). Check that the base URL is the "
            f"API's root ({_ROOT_HINTS[provider.kind]}); if it is right, type the model names "
            "instead.",
            provider=provider.name,
            status=status,
        )
    if 300 <= status < 400:
        where = headers.get("location", "another address")
        raise UnexpectedResponse(
            f"{provider.name} redirects {url} to {where} ({status}). Use the address it "
            "redirects to as the base URL (check http against https).",
            provider=provider.name,
            status=status,
        )
    if provider.kind == "gemini" and status == 400 and b"API_KEY_INVALID" in body:
        # Gemini says a wrong key with 400 INVALID_ARGUMENT, not 401.
        raise AuthenticationError(
            f"{provider.name} rejected the API key (400: API key not valid). Check the key for "
            f"{provider.name} in Settings → Providers.",
            provider=provider.name,
            status=status,
        )
    if status >= 400 or headers.get("content-type", "").startswith("text/html"):
        raise error_for_status(provider, _WHAT, status, headers, body, key)


async def _fetch(
    client: httpx.AsyncClient, request: httpx.Request, provider: Provider
) -> tuple[int, httpx.Headers, bytes]:
    try:
        response = await client.send(request, stream=True)
    except httpx.TransportError as exc:
        raise transport_error(provider, exc, began=False) from exc
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
        raise transport_error(provider, exc, began=False) from exc
    except httpx.DecodingError as exc:
        raise UnexpectedResponse(
            f"{provider.name} sent a model list that could not be decoded ({exc}).",
            provider=provider.name,
            status=response.status_code,
        ) from exc
    finally:
        await response.aclose()
    return response.status_code, response.headers, b"".join(parts)
