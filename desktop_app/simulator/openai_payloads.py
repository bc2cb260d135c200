"""JSON shapes of the OpenAI Chat Completions API, as the simulator sends them."""

from __future__ import annotations

import time
import uuid
from typing import Any

MODELS_CREATED = 1_735_689_600  # a fixed date keeps the model list byte-for-byte stable
SYSTEM_FINGERPRINT = "fp_tally_sim"
API_KEYS_URL = "https://platform.openai.com/account/api-keys"


def error_body(
    message: str, error_type: str, code: str | None, param: str | None = None
) -> dict[str, Any]:
    """An OpenAI error object."""
    return {"error": {"message": message, "type": error_type, "param": param, "code": code}}


def wrong_key_error(sent_key: str | None) -> dict[str, Any]:
    """The 401 body; it echoes the key the client sent, so clients must redact error text."""
    if sent_key is None:
        message = (
            "You didn't provide an API key. Send it in the Authorization header as "
            "'Bearer YOUR_KEY'."
        )
        return error_body(message, "invalid_request_error", None)
    message = (
        f"Incorrect API key provided: {sent_key}. You can find your API key at {API_KEYS_URL}."
    )
    return error_body(message, "invalid_request_error", "invalid_api_key")


def unknown_model_error(model: str) -> dict[str, Any]:
    """The 404 body for a model the server does not serve."""
    message = f"The model `{model}` does not exist or you do not have access to it."
    return error_body(message, "invalid_request_error", "model_not_found")


def model_list(names: list[str]) -> dict[str, Any]:
    """The body of GET /models."""
    data = [
        {"id": name, "object": "model", "created": MODELS_CREATED, "owned_by": "tally-simulator"}
        for name in names
    ]
    return {"object": "list", "data": data}


def message_text(content: object) -> str:
    """The text of a message's content, whether a string or a list of content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        texts = (part.get("text") for part in content if isinstance(part, dict))
        return "".join(text for text in texts if isinstance(text, str))
    return ""


def estimate_prompt_tokens(messages: list[dict[str, Any]]) -> int:
    """A deterministic stand-in for a tokenizer: a quarter of the characters plus 4 per message."""
    characters = sum(len(message_text(message.get("content"))) for message in messages)
    return max(1, characters // 4 + 4 * len(messages))


def usage(
    prompt_tokens: int, completion_tokens: int, reasoning_tokens: int, *, deepseek_cache: bool
) -> dict[str, Any]:
    """A usage object; DeepSeek's cache fields split the prompt into hits and misses."""
    cached = prompt_tokens // 2 if deepseek_cache else 0
    result: dict[str, Any] = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
        "prompt_tokens_details": {"cached_tokens": cached},
        "completion_tokens_details": {"reasoning_tokens": reasoning_tokens},
    }
    if deepseek_cache:
        result["prompt_cache_hit_tokens"] = cached
        result["prompt_cache_miss_tokens"] = prompt_tokens - cached
    return result


class CompletionChunks:
    """Builds the chunks of one streamed completion, all sharing an id and a timestamp."""

    def __init__(self, model: str, *, include_usage: bool) -> None:
        self.model = model
        self.include_usage = include_usage
        self.id = f"chatcmpl-sim{uuid.uuid4().hex[:20]}"
        self.created = int(time.time())

    def _envelope(self, object_type: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": object_type,
            "created": self.created,
            "model": self.model,
            "system_fingerprint": SYSTEM_FINGERPRINT,
        }

    def chunk(self, delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
        """A chunk with one choice; `usage: null` only when the client asked for usage."""
        result = self._envelope("chat.completion.chunk")
        choice = {"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}
        result["choices"] = [choice]
        if self.include_usage:
            result["usage"] = None
        return result

    def usage_chunk(self, usage_object: dict[str, Any]) -> dict[str, Any]:
        """The last chunk of a stream with include_usage: no choices, only usage."""
        result = self._envelope("chat.completion.chunk")
        result["choices"] = []
        result["usage"] = usage_object
        return result

    def completion(
        self, message: dict[str, Any], finish_reason: str, usage_object: dict[str, Any]
    ) -> dict[str, Any]:
        """A whole non-streamed chat.completion."""
        result = self._envelope("chat.completion")
        choice = {"index": 0, "message": message, "finish_reason": finish_reason, "logprobs": None}
        result["choices"] = [choice]
        result["usage"] = usage_object
        return result
