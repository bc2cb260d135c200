"""Asks a provider which models it serves, page by page, in the way its wire protocol's
ModelListing says (`GET {base_url}/models` for an OpenAI-compatible server, Anthropic's
`GET /v1/models`, Gemini's `GET /v1beta/models`), over HTTP with every failure explained. Used by
the settings' Test connection and by the picker's Refresh models."""

from __future__ import annotations

import asyncio
import dataclasses
from dataclasses import dataclass, field
from typing import Any

import httpx

from desktop_app.core.errors import (
    AuthenticationError,
    ConfigError,
    FirstByteTimeout,
    NotFoundError,
    ProviderError,
    UnexpectedResponse,
)
from desktop_app.core.network.bounded_body import UnknownEncoding, body_pieces
from desktop_app.core.network.http_errors import redirect_error
from desktop_app.core.network.redaction import redact, redact_error, secret_in
from desktop_app.core.network.server_json import loads
from desktop_app.core.network.status_errors import error_for_status
from desktop_app.core.network.transport_errors import transport_error
from desktop_app.core.providers import protocol_for
from desktop_app.core.providers.base import ModelListing
from desktop_app.core.settings.keys import check_key
from desktop_app.core.settings.model_cache import ListedModel as ListedModel  # what this lists
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import t
from desktop_app.core.text.one_line import one_line

LIST_TIMEOUT_CAP = 20.0
"""Seconds at most to wait for a page of the list once connected: a test should answer quickly."""

_BODY_LIMIT = 16 * 1024 * 1024  # OpenRouter's list, with descriptions, is a few megabytes
_MAX_PAGES = 100  # a server that always says "more" must not keep us asking for ever
_MAX_MODELS = 20_000
"""More models than any provider serves (OpenRouter lists some 500): past it, the listing stops,
as a server that keeps saying "more" would otherwise fill the picker with millions."""
_MAX_ID = 200
"""The longest model id kept: a longer one is not a model's name."""
_WHAT = "the model list"


async def list_models(client: httpx.AsyncClient, provider: Provider, key: str | None) -> list[str]:
    """The sorted ids of the provider's models; raises a ProviderError saying what failed."""
    return [model.id for model in await discover_models(client, provider, key)]


async def discover_models(
    client: httpx.AsyncClient, provider: Provider, key: str | None
) -> list[ListedModel]:
    """Every model the provider lists (all pages), sorted by id, each id once; what the server
    said is redacted in any error, as the chat's are."""
    try:
        return await _discover(client, provider, key)
    except ProviderError as exc:
        redact_error(exc, key, provider)
        raise


async def _discover(
    client: httpx.AsyncClient, provider: Provider, key: str | None
) -> list[ListedModel]:
    check_key(key)
    listing = protocol_for(provider.kind).models
    url = listing.url(provider.base_url)
    secret = secret_in(key, provider)  # a placeholder ("x") leaves "mixtral" in
    found: dict[str, ListedModel] = {}
    cursor: str | None = None
    for _ in range(_MAX_PAGES):
        request = _Page(url, listing.headers(key), listing.params(cursor))
        parsed = await _get_json(client, provider, listing, request, key)
        page = listing.page(parsed)
        if page is None:
            raise _not_a_list(provider, url)
        models, following = page
        for model in models:
            if _is_a_name(model.id, secret):
                found.setdefault(model.id, _with_shown_name(model, secret))
        if not following or following == cursor or len(found) >= _MAX_MODELS:
            break
        cursor = following
    return [found[name] for name in sorted(found)[:_MAX_MODELS]]


def _with_shown_name(model: ListedModel, key: str | None) -> ListedModel:
    """`model` with its display name as the picker can show it (one line, cut to _MAX_ID
    characters), or without one when it holds the key (a secret: secret_in) in any form."""
    name = model.display_name
    if name is None:
        return model
    shown = one_line(name)[:_MAX_ID]
    if not shown or redact(shown, key) != shown:
        return dataclasses.replace(model, display_name=None)
    return model if shown == name else dataclasses.replace(model, display_name=shown)


def _is_a_name(model_id: str, key: str | None) -> bool:
    """Whether an id the server listed can be a model's name: not absurdly long, no control
    characters, and not holding the key in any form (a hostile server's list would otherwise
    put it in the picker, the models cache, and the history and log of an answer asked of it);
    `key` is the secret (secret_in): a placeholder ("x") leaves every name in."""
    if not model_id or len(model_id) > _MAX_ID or not model_id.isprintable():
        return False
    return redact(model_id, key) == model_id


@dataclass(frozen=True, slots=True)
class _Page:
    """The request for one page of the list."""

    url: str
    headers: dict[str, str] = field(repr=False)  # may hold the key
    params: dict[str, str] | None


def _not_a_list(provider: Provider, url: str) -> UnexpectedResponse:
    return UnexpectedResponse(
        t(
            "{name} answered {url} with JSON that is not a model list. Check the base URL, or"
            " type the model names instead.",
            name=provider.name,
            url=url,
        ),
        provider=provider.name,
        status=200,
    )


# -- one page over HTTP ---------------------------------------------------------------------


async def _get_json(
    client: httpx.AsyncClient,
    provider: Provider,
    listing: ModelListing,
    page: _Page,
    key: str | None,
) -> Any:
    """One page of the list, parsed; every failure becomes a ProviderError naming the provider."""
    limit = min(provider.timeouts.first_byte, LIST_TIMEOUT_CAP)
    timeout = httpx.Timeout(connect=provider.timeouts.connect, read=None, write=limit, pool=None)
    try:
        request = client.build_request(
            "GET", page.url, headers=page.headers, params=page.params, timeout=timeout
        )
    except httpx.InvalidURL as exc:
        raise ConfigError(
            t("The base URL {url} is not a valid address.", url=provider.base_url)
        ) from exc
    try:
        # The connect timeout is httpx's; everything after it shares the short limit.
        async with asyncio.timeout(provider.timeouts.connect + limit):
            status, response_headers, body = await _fetch(client, request, provider)
    except TimeoutError:
        raise FirstByteTimeout(
            t(
                "{name} did not send its model list within {seconds} s. It may be overloaded,"
                " or the base URL may point at something that is not the API.",
                name=provider.name,
                seconds=f"{limit:g}",
            ),
            provider=provider.name,
            seconds=limit,
        ) from None
    _check_status(provider, listing, page.url, status, response_headers, body, key)
    try:
        return loads(body)
    except ValueError:
        raise error_for_status(provider, _WHAT, status, response_headers, body, key) from None


def _check_status(
    provider: Provider,
    listing: ModelListing,
    url: str,
    status: int,
    headers: httpx.Headers,
    body: bytes,
    key: str | None,
) -> None:
    if status == 404:
        raise NotFoundError(
            t(
                "{name} has no model list at {url} (404). Check that the base URL is the API's"
                " root ({hint}); if it is right, type the model names instead.",
                name=provider.name,
                url=url,
                hint=listing.root_hint,
            ),
            provider=provider.name,
            status=status,
        )
    if 300 <= status < 400:
        raise redirect_error(provider, url, status, headers)
    if listing.key_rejected(status, body):
        raise AuthenticationError(
            t(
                "{name} rejected the API key ({status}: API key not valid). Check the key for"
                " {name} in Settings → Providers.",
                name=provider.name,
                status=status,
            ),
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
        async for part in body_pieces(response):
            parts.append(part)
            size += len(part)
            if size > _BODY_LIMIT:
                raise UnexpectedResponse(
                    t(
                        "{name}'s model list is larger than {size} MiB; the base URL probably"
                        " points at something that is not the API.",
                        name=provider.name,
                        size=_BODY_LIMIT >> 20,
                    ),
                    provider=provider.name,
                    status=response.status_code,
                )
    except httpx.TransportError as exc:
        raise transport_error(provider, exc, began=False) from exc
    except (httpx.DecodingError, UnknownEncoding) as exc:
        raise UnexpectedResponse(
            t(
                "{name} sent a model list that could not be decoded ({reason}).",
                name=provider.name,
                reason=exc,
            ),
            provider=provider.name,
            status=response.status_code,
        ) from exc
    finally:
        await response.aclose()
    return response.status_code, response.headers, b"".join(parts)
