"""What a provider's error status means, and what to do about it: the error for a response
with an error status (or a 200 that is not the API), in the server's own words where it gives
them, and the wait a response asks for."""

from __future__ import annotations

import email.utils
import os
import re
import time
from collections.abc import Mapping
from typing import Any

from desktop_app.core.errors import (
    AuthenticationError,
    BadRequestError,
    ContextTooLong,
    ImagesRefused,
    InsufficientBalance,
    NotFoundError,
    ProviderError,
    RateLimited,
    ServerError,
    UnexpectedResponse,
)
from desktop_app.core.network.redaction import redact
from desktop_app.core.network.server_json import loads
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import t
from desktop_app.core.text.one_line import one_line

_CONTEXT_WORDS = re.compile(
    r"context[ _-]length|maximum context|context window|too many tokens|prompt is too long"
    r"|reduce the length|input token count",
    re.IGNORECASE,
)
# Anthropic says an empty balance with a 400 invalid_request_error, not a 402.
_BALANCE_WORDS = re.compile(r"credit balance is too low", re.IGNORECASE)
# What servers say to images sent to a model that takes none (relays, DeepSeek, vLLM, Ollama).
_NO_IMAGE_WORDS = re.compile(
    r"image_url is not supported|unknown variant `image_url`|does not support image"
    r"|image input is not supported|not a multimodal model",
    re.IGNORECASE,
)
# Gemini refuses some countries with a 400 FAILED_PRECONDITION.
_REGION_WORDS = re.compile(r"location is not supported", re.IGNORECASE)
_SECONDS = re.compile(r"^\s*(\d+(?:\.\d+)?)s\s*$")
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_DETAIL_LIMIT = 300
_VERSIONED = re.compile(r"/v\d+[a-z0-9]*$")


def error_for_status(
    provider: Provider,
    model: str,
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    key: str | None,
) -> ProviderError:
    """The error for a response with an error status (or a 200 that is not the API)."""
    name = provider.name
    detail, is_json = _detail(body)
    detail = redact(detail, key, provider)
    # In parentheses inside a sentence: without its own full stop, or it reads "2s.). Wait".
    said = f"{status}: {detail.rstrip('. ')}" if detail else str(status)
    reasons, body_wait = _google_details(body)
    if status == 400 and "API_KEY_INVALID" in reasons:
        status = 401  # Gemini says a wrong key with a 400
    # A 413 is the request's size whoever says it: Anthropic's front end answers it in plain text.
    if not is_json and status not in (401, 402, 403, 413, 429):
        page = f"a web page ({detail!r})" if detail else "a response that is not the API's JSON"
        versioned = _VERSIONED.search(provider.base_url)
        usual = "" if versioned or provider.kind != "openai" else " (it usually ends with /v1)"
        return UnexpectedResponse(
            f"{name} answered {status} with {page}, not the API. A proxy or gateway in "
            f"between may be failing, or the base URL {provider.base_url} is wrong{usual}. "
            "Check it in Settings, or try again shortly.",
            provider=name,
            status=status,
        )
    if status in (401, 403):
        access = (
            t("The key may be wrong or revoked")
            if status == 401
            else t(
                "The key may lack access to {model}, or the account or region is blocked",
                model=model,
            )
        )
        variable = provider.api_key_env
        if variable and os.environ.get(variable):  # the key came from there, not the keyring
            message = t(
                "{name} rejected the API key ({said}). {access}: check the key in the"
                " environment variable {variable}, where {name}'s key comes from.",
                name=name,
                said=said,
                access=access,
                variable=variable,
            )
        else:
            message = t(
                "{name} rejected the API key ({said}). {access}: check the key for {name} in"
                " Settings → Providers.",
                name=name,
                said=said,
                access=access,
            )
        return AuthenticationError(
            message,
            provider=name,
            status=status,
            detail=detail,
        )
    if status == 402 or (status == 400 and _BALANCE_WORDS.search(detail)):
        return InsufficientBalance(
            t(
                "{name} says the account is out of balance or credits ({said}). Top up the"
                " account with {name}, or pick a model from another provider.",
                name=name,
                said=said,
            ),
            provider=name,
            status=status,
            detail=detail,
        )
    if status == 404:
        return NotFoundError(
            t(
                "{name} does not know the model {model!r} at {url} ({said}). Check the model"
                " name, and that the base URL is the API's root{hint}.",
                name=name,
                model=model,
                url=provider.base_url,
                said=said,
                hint=_root_hint(provider),
            ),
            provider=name,
            status=status,
            detail=detail,
        )
    if status == 413 or (status == 400 and _CONTEXT_WORDS.search(detail)):
        return ContextTooLong(
            t(
                "The conversation is too long for {model} on {name} ({said}). Start a new"
                " conversation, shorten it, or pick a model with a larger context window.",
                model=model,
                name=name,
                said=said,
            ),
            provider=name,
            status=status,
            detail=detail,
        )
    if status == 400 and _NO_IMAGE_WORDS.search(detail):
        return ImagesRefused(
            t(
                "{model} on {name} takes no images ({said}). Pick a model that takes images,"
                " or send the message without them.",
                model=model,
                name=name,
                said=said,
            ),
            provider=name,
            status=status,
            detail=detail,
        )
    if status == 400 and _REGION_WORDS.search(detail):
        return AuthenticationError(
            t(
                "{name} does not serve your country or region ({said}). Use it through a relay"
                " that does, or set a proxy for it in Settings.",
                name=name,
                said=said,
            ),
            provider=name,
            status=status,
            detail=detail,
        )
    wait = retry_after_seconds(headers)
    wait = body_wait if wait is None else wait
    if status == 429:
        limited = (
            t(
                "{name} is rate-limiting requests ({said}). Wait {wait:g} s and try again, or"
                " switch to another model.",
                name=name,
                said=said,
                wait=wait,
            )
            if wait is not None
            else t(
                "{name} is rate-limiting requests ({said}). Wait a moment and try again, or"
                " switch to another model.",
                name=name,
                said=said,
            )
        )
        return RateLimited(
            limited,
            provider=name,
            status=status,
            detail=detail,
            retry_after=wait,
        )
    if status in (408, 409) or status >= 500:
        trouble = (
            t(
                "{name} is overloaded ({said}). Try again in a moment, or switch to another model.",
                name=name,
                said=said,
            )
            if status in (503, 529)
            else t(
                "{name} is having trouble ({said}). Try again in a moment, or switch to another"
                " model.",
                name=name,
                said=said,
            )
        )
        return ServerError(
            trouble,
            provider=name,
            status=status,
            detail=detail,
            retry_after=wait,
        )
    return BadRequestError(
        t(
            "{name} rejected the request ({said}). Check the model name and its parameters"
            " (temperature, max tokens) for this provider.",
            name=name,
            said=said,
        ),
        provider=name,
        status=status,
        detail=detail,
    )


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """The wait a response asks for: `retry-after-ms`, then `Retry-After` (seconds or a date)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    milliseconds = lowered.get("retry-after-ms")
    if milliseconds:
        try:
            value = float(milliseconds)
        except ValueError:
            value = -1.0
        if value >= 0:
            return value / 1000
    after = lowered.get("retry-after", "").strip()
    if not after:
        return None
    if after.isdigit():
        return float(after)
    try:
        when = email.utils.parsedate_to_datetime(after)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _detail(body: bytes) -> tuple[str, bool]:
    """The server's own words from an error body, and whether the body was JSON."""
    try:
        parsed: Any = loads(body)
    except ValueError:
        match = _TITLE.search(body)
        raw = match.group(1) if match else body if not body.lstrip().startswith(b"<") else b""
        return shorten(raw.decode("utf-8", "replace")), False
    return shorten(_message_of(parsed)), True


def _root_hint(provider: Provider) -> str:
    """What the API root usually looks like for the provider's kind."""
    if provider.kind == "openai":
        return t(" (often ending in /v1)")
    if provider.kind == "gemini":
        return t(" (the host alone, such as https://generativelanguage.googleapis.com)")
    return t(" (the host alone, such as https://api.anthropic.com)")


def _google_details(body: bytes) -> tuple[set[str], float | None]:
    """Google's structured error details: the reasons (API_KEY_INVALID, ...) and the wait a
    RetryInfo asks for ("38s"), which Gemini sends in the body rather than a header."""
    try:
        parsed: Any = loads(body)
    except ValueError:
        return set(), None
    error = parsed.get("error") if isinstance(parsed, dict) else None
    details = error.get("details") if isinstance(error, dict) else None
    reasons: set[str] = set()
    wait: float | None = None
    for item in details if isinstance(details, list) else []:
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("reason"), str):
            reasons.add(item["reason"])
        delay = item.get("retryDelay")
        match = _SECONDS.match(delay) if isinstance(delay, str) else None
        if match:
            wait = float(match.group(1))
    return reasons, wait


def _message_of(parsed: Any) -> str:
    """The message in the error shapes of OpenAI, Anthropic, Gemini and OpenRouter."""
    if isinstance(parsed, dict):
        error = parsed.get("error", parsed)
        if isinstance(error, str):
            return error
        if isinstance(error, dict):
            for key in ("message", "detail", "type", "code", "status"):
                if error.get(key):
                    return str(error[key])
        for key in ("message", "detail"):
            if parsed.get(key):
                return str(parsed[key])
    if isinstance(parsed, list) and parsed:
        return _message_of(parsed[0])
    return ""


def shorten(text: str) -> str:
    """`text` on one line (one_line: a body of NUL bytes is no text), cut to the length of a
    server's words in an error."""
    text = one_line(text)
    return text if len(text) <= _DETAIL_LIMIT else text[: _DETAIL_LIMIT - 1] + "…"
