"""JSON shapes of the Gemini API (generativelanguage.googleapis.com), as the simulator sends them.

Messages and details follow what the real API answers, including its quirks: a wrong key is a
400 (not a 401) told apart only by `details[].reason`, and a suspended key is echoed in a 403.
"""

from __future__ import annotations

import secrets
from typing import Any

ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo"
RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo"
SERVICE = "generativelanguage.googleapis.com"
INPUT_TOKEN_LIMIT = 1_048_576
OUTPUT_TOKEN_LIMIT = 65_536
CONTEXT_MESSAGE = (
    "The input token count (1250000) exceeds the maximum number of tokens allowed (1048576)."
)
INTERNAL_MESSAGE = (
    "An internal error has occurred. Please retry or report in "
    "https://developers.generativeai.google/guide/troubleshooting"
)
# google.rpc.Code names by HTTP status, as the API puts them in `status`.
STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ABORTED",
    429: "RESOURCE_EXHAUSTED",
    499: "CANCELLED",
    500: "INTERNAL",
    501: "NOT_IMPLEMENTED",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}
_MESSAGES = {
    400: "Request contains an invalid argument.",
    429: (
        "You exceeded your current quota, please check your plan and billing details. For more "
        "information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits."
    ),
    500: INTERNAL_MESSAGE,
    503: "The model is overloaded. Please try again later.",
    504: "Deadline expired before operation could complete.",
}


def error_body(
    code: int, message: str, status: str | None = None, details: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A google.rpc.Status error object."""
    error: dict[str, Any] = {
        "code": code,
        "message": message,
        "status": status or STATUS_NAMES.get(code, "UNKNOWN"),
    }
    if details:
        error["details"] = details
    return {"error": error}


def _error_info(reason: str, **metadata: str) -> dict[str, Any]:
    return {
        "@type": ERROR_INFO,
        "reason": reason,
        "domain": "googleapis.com",
        "metadata": {"service": SERVICE, **metadata},
    }


def wrong_key_error() -> dict[str, Any]:
    """The API's answer to a key that is not valid: 400, not 401."""
    message = "API key not valid. Please pass a valid API key."
    localized = {
        "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
        "locale": "en-US",
        "message": message,
    }
    return error_body(400, message, details=[_error_info("API_KEY_INVALID"), localized])


def missing_key_error() -> dict[str, Any]:
    """The 403 for a request with no key at all."""
    message = (
        "Method doesn't allow unregistered callers (callers without established identity). "
        "Please use API Key or other form of API consumer identity to call this API."
    )
    return error_body(403, message)


def suspended_key_error(sent_key: str | None) -> dict[str, Any]:
    """A 403 that echoes the key, as the real one does: clients must redact error text."""
    message = f"Permission denied: Consumer 'api_key:{sent_key}' has been suspended."
    return error_body(403, message, details=[_error_info("CONSUMER_SUSPENDED")])


def unknown_model_error(model: str) -> dict[str, Any]:
    """The 404 for a model the API does not serve."""
    message = (
        f"models/{model} is not found for API version v1beta, or is not supported for "
        "generateContent. Call ListModels to see the list of available models and their "
        "supported methods."
    )
    return error_body(404, message)


def quota_error(model: str, retry_delay: str) -> dict[str, Any]:
    """The 429 with its quota details and the wait it asks for (in the body, not a header)."""
    violation = {
        "quotaMetric": f"{SERVICE}/generate_content_free_tier_requests",
        "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
        "quotaDimensions": {"location": "global", "model": model},
        "quotaValue": "10",
    }
    details: list[dict[str, Any]] = [
        {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [violation]},
        {"@type": RETRY_INFO, "retryDelay": retry_delay},
    ]
    return error_body(429, _MESSAGES[429], details=details)


def status_error(
    code: int, model: str, sent_key: str | None, variant: str | None
) -> dict[str, Any]:
    """The body for a request the scenario fails with `code`."""
    if code == 403:
        return suspended_key_error(sent_key)
    if code == 404:
        return unknown_model_error(model)
    if code == 429:
        return quota_error(model, "2s")
    if variant == "context":
        return error_body(code, CONTEXT_MESSAGE)
    if variant == "location":
        return error_body(
            code, "User location is not supported for the API use.", "FAILED_PRECONDITION"
        )
    return error_body(code, message_for(code))


def message_for(code: int) -> str:
    """What the API says with an error of this code."""
    return _MESSAGES.get(code, f"Simulated error {code}.")


def usage_metadata(
    prompt: int, candidates: int = 0, thoughts: int = 0, cached: int = 0
) -> dict[str, Any]:
    """usageMetadata: candidates exclude thoughts; the total adds both to the prompt."""
    usage: dict[str, Any] = {"promptTokenCount": prompt}
    if candidates:
        usage["candidatesTokenCount"] = candidates
    usage["totalTokenCount"] = prompt + candidates + thoughts
    if cached:
        usage["cachedContentTokenCount"] = cached
    usage["promptTokensDetails"] = [{"modality": "TEXT", "tokenCount": prompt}]
    if cached:
        usage["cacheTokensDetails"] = [{"modality": "TEXT", "tokenCount": cached}]
    if thoughts:
        usage["thoughtsTokenCount"] = thoughts
    return usage


def blocked_ratings() -> list[dict[str, Any]]:
    """safetyRatings of a candidate or prompt the safety filter stopped."""
    return [
        {"category": "HARM_CATEGORY_HATE_SPEECH", "probability": "NEGLIGIBLE"},
        {"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH", "blocked": True},
        {"category": "HARM_CATEGORY_HARASSMENT", "probability": "NEGLIGIBLE"},
        {"category": "HARM_CATEGORY_SEXUALLY_EXPLICIT", "probability": "NEGLIGIBLE"},
    ]


class ResponseChunks:
    """Builds the GenerateContentResponse chunks of one answer, sharing a responseId."""

    def __init__(self, model: str) -> None:
        self.model = model
        self.response_id = secrets.token_urlsafe(16)

    def chunk(
        self,
        parts: list[dict[str, Any]] | None,
        usage: dict[str, Any],
        finish: str | None = None,
    ) -> dict[str, Any]:
        """One chunk; `parts` None leaves the content out, as a blocked candidate does."""
        candidate: dict[str, Any] = {}
        if parts is not None:
            candidate["content"] = {"parts": parts, "role": "model"}
        if finish is not None:
            candidate["finishReason"] = finish
        candidate["index"] = 0
        if finish not in (None, "STOP", "MAX_TOKENS"):
            candidate["safetyRatings"] = blocked_ratings()
        return self._envelope({"candidates": [candidate], "usageMetadata": usage})

    def prompt_blocked(self, usage: dict[str, Any]) -> dict[str, Any]:
        """The only chunk of a question refused before any answer: no candidates."""
        feedback = {"blockReason": "SAFETY", "safetyRatings": blocked_ratings()}
        return self._envelope({"promptFeedback": feedback, "usageMetadata": usage})

    def _envelope(self, fields: dict[str, Any]) -> dict[str, Any]:
        return {**fields, "modelVersion": self.model, "responseId": self.response_id}


def model_entry(name: str, methods: list[str], display: str) -> dict[str, Any]:
    """One entry of GET /v1beta/models."""
    chat = "generateContent" in methods
    entry: dict[str, Any] = {
        "name": f"models/{name}",
        "version": "001",
        "displayName": display,
        "description": f"{display}, served by the Tally simulator.",
        "inputTokenLimit": INPUT_TOKEN_LIMIT if chat else 2048,
        "outputTokenLimit": OUTPUT_TOKEN_LIMIT if chat else 1,
        "supportedGenerationMethods": methods,
    }
    if chat:
        entry.update(temperature=1, topP=0.95, topK=64, maxTemperature=2, thinking=True)
    return entry


def model_page(
    entries: list[dict[str, Any]], page_size: int, page_token: str | None
) -> dict[str, Any]:
    """One page of the list; `nextPageToken` only when more follow."""
    start = int(page_token) if page_token and page_token.isdigit() else 0
    page: dict[str, Any] = {"models": entries[start : start + page_size]}
    if start + page_size < len(entries):
        page["nextPageToken"] = str(start + page_size)
    return page
