"""JSON shapes of the Anthropic Messages API, as the simulator sends them."""

from __future__ import annotations

import uuid
from typing import Any

from desktop_app.simulator.http_connection import json_bytes
from desktop_app.simulator.openai_payloads import estimate_prompt_tokens

MODELS_CREATED_AT = "2025-01-01T00:00:00Z"  # fixed, so the model list is byte-for-byte stable
# A thinking block ends with a signature the client must send back, not show.
SIGNATURE = "EqQBCkgIARABGAIiQL2sim0tally0signature0not0a0real0one0AAAA=="
# Anthropic's error type for each status it documents.
ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "billing_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    504: "timeout_error",
    529: "overloaded_error",
}


def request_id() -> str:
    return f"req_sim{uuid.uuid4().hex[:20]}"


def error_body(error_type: str, message: str) -> dict[str, Any]:
    """Anthropic's error object, the same before the stream and inside it."""
    return {
        "type": "error",
        "error": {"type": error_type, "message": message},
        "request_id": request_id(),
    }


def event(name: str, payload: dict[str, Any]) -> bytes:
    """One named server-sent event, as Anthropic frames them: an event line, a data line."""
    return b"event: %b\ndata: %b\n\n" % (name.encode(), json_bytes(payload))


def prompt_tokens(body: dict[str, Any]) -> int:
    """The simulator's stand-in count of a request's input, its system prompt included."""
    messages = body.get("messages")
    turns = [m for m in messages if isinstance(m, dict)] if isinstance(messages, list) else []
    system = body.get("system")
    if isinstance(system, str) and system:
        turns = [{"content": system}, *turns]
    return estimate_prompt_tokens(turns)


def usage(input_tokens: int, output_tokens: int, *, written: int, read: int) -> dict[str, Any]:
    """A usage object; input_tokens leaves out the cache reads and writes, as Anthropic's does."""
    return {
        "input_tokens": input_tokens,
        "cache_creation_input_tokens": written,
        "cache_read_input_tokens": read,
        "output_tokens": output_tokens,
    }


def message(model: str, content: list[dict[str, Any]], stop_reason: str | None) -> dict[str, Any]:
    """A message object: empty in message_start, whole in a non-streamed answer."""
    return {
        "id": f"msg_sim{uuid.uuid4().hex[:20]}",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
    }


def model_list(names: list[str], limit: int, after_id: str | None) -> dict[str, Any]:
    """The body of GET /v1/models: one page of `limit` models after `after_id`."""
    start = names.index(after_id) + 1 if after_id in names else 0
    page = names[start : start + limit]
    data = [
        {
            "type": "model",
            "id": name,
            "display_name": name.replace("-", " ").title(),
            "created_at": MODELS_CREATED_AT,
        }
        for name in page
    ]
    return {
        "data": data,
        "has_more": start + limit < len(names),
        "first_id": page[0] if page else None,
        "last_id": page[-1] if page else None,
    }
