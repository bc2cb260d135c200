"""The Anthropic Messages API (`kind = "anthropic"`): named events, thinking blocks, cache usage.

The base URL is the API's root, as Anthropic's SDKs write it: `https://api.anthropic.com`, to
which `/v1/messages` is appended. A base URL that already ends in `/v1` (as OpenAI-style ones do)
gets `/messages` only, so either way of writing it works.
"""

from __future__ import annotations

import json
from typing import Any

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.attachments.wire import base64_data, fenced, with_files
from desktop_app.core.errors import MalformedChunk, StreamErrorEvent
from desktop_app.core.events import ChatEvent, KeepAlive, ReasoningDelta, TextDelta, Usage
from desktop_app.core.providers.base import (
    USER_AGENT,
    ChatRequest,
    HttpRequest,
    Message,
    ModelListing,
    ModelPage,
    listed_text,
)
from desktop_app.core.providers.json_events import (
    load_object,
    malformed_chunk,
    sample,
    token_count,
    usage_reader,
)
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.sse import ServerSentEvent

API_VERSION = "2023-06-01"
DEFAULT_MAX_TOKENS = 8192
"""Anthropic requires max_tokens; this fits the output limit of every Claude model since 3.5."""
_CLAUDE_3_MAX_TOKENS = 4096
"""The output limit of the first Claude 3 models (Haiku, Sonnet, Opus), which refuse more."""
MIN_THINKING_BUDGET = 1024
"""The smallest thinking budget the API accepts."""
PAGE_SIZE = "1000"
"""The most models one page of the list gives."""
CONTINUE_PROMPT = "(continue)"
"""The user turn put first when a conversation does not start with one (the API needs it)."""

# Anthropic's stop reasons in the vocabulary the rest of the app uses (OpenAI's): "length" is
# what shows "cut at the token limit". Others (refusal, pause_turn, tool_use) pass through.
_FINISH_REASONS = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "max_tokens": "length",
    "model_context_window_exceeded": "length",
}
# The statuses that Anthropic's passing error types stand for, when the stream reports one
# after the 200: these are retryable, as the statuses are.
_STREAM_STATUSES = {
    "overloaded_error": 529,
    "rate_limit_error": 429,
    "api_error": 500,
    "timeout_error": 504,
}


def api_url(base_url: str, endpoint: str) -> str:
    """`{base_url}/v1/{endpoint}`, or `{base_url}/{endpoint}` when base_url ends in /v1."""
    root = base_url.rstrip("/")
    if root.endswith("/v1"):
        return f"{root}/{endpoint}"
    return f"{root}/v1/{endpoint}"


def _auth(key: str | None) -> dict[str, str]:
    """The version every request names, and the key (none for a keyless local server)."""
    return {"anthropic-version": API_VERSION} | ({"x-api-key": key} if key else {})


def _model_page(parsed: Any) -> ModelPage | None:
    """`{"data": [{"id", "display_name"}], "has_more", "last_id"}`."""
    from desktop_app.core.settings.model_cache import ListedModel

    entries = parsed.get("data") if isinstance(parsed, dict) else None
    if not isinstance(entries, list):
        return None
    models = [
        ListedModel(entry["id"].strip(), listed_text(entry.get("display_name")))
        for entry in entries
        if isinstance(entry, dict) and listed_text(entry.get("id"))
    ]
    more = parsed.get("has_more") is True
    return models, listed_text(parsed.get("last_id")) if more else None


MODEL_LISTING = ModelListing(
    # Beside `/v1/messages` (a base URL written with /v1 works too).
    url=lambda base_url: api_url(base_url, "models"),
    headers=lambda key: {"Accept": "application/json"} | _auth(key),
    params=lambda cursor: {"limit": PAGE_SIZE} | ({"after_id": cursor} if cursor else {}),
    page=_model_page,
    root_hint="such as https://api.anthropic.com",
)


class AnthropicMessages:
    """Builds `POST {base_url}/v1/messages` with streaming, and thinking when asked for; lists
    the models at `GET {base_url}/v1/models`, page by page."""

    models = MODEL_LISTING

    def build_request(self, provider: Provider, key: str | None, chat: ChatRequest) -> HttpRequest:
        system, turns = _split_system(chat)
        body: dict[str, Any] = {
            "model": chat.model,
            "messages": _alternating(turns),
            "max_tokens": chat.max_tokens or _default_max_tokens(chat.model),
            "stream": True,
        }
        if system:
            body["system"] = system
        if chat.thinking_budget is not None:
            budget = max(chat.thinking_budget, MIN_THINKING_BUDGET)
            body["thinking"] = {"type": "enabled", "budget_tokens": budget}
            # The budget is spent out of max_tokens, which must be larger: leave the answer
            # the room asked for on top of the thinking.
            if body["max_tokens"] <= budget:
                body["max_tokens"] += budget
            # No temperature or top_p: with thinking on, the API refuses any temperature
            # but 1 and most values of top_p.
        else:
            if chat.temperature is not None:
                body["temperature"] = chat.temperature
            if chat.top_p is not None:
                body["top_p"] = chat.top_p
        headers = {
            "accept": "text/event-stream",
            "content-type": "application/json",
            "user-agent": USER_AGENT,
        }
        return HttpRequest(
            "POST", api_url(provider.base_url, "messages"), headers | _auth(key), body
        )

    def new_parser(self, provider: Provider) -> AnthropicStreamParser:
        return AnthropicStreamParser(provider.name)


def _default_max_tokens(model: str) -> int:
    name = model.lower()
    if name.startswith("claude-3-") and not name.startswith(("claude-3-5", "claude-3-7")):
        return _CLAUDE_3_MAX_TOKENS
    return DEFAULT_MAX_TOKENS


def _split_system(chat: ChatRequest) -> tuple[str, list[Message]]:
    """The top-level system prompt, and the user and assistant turns.

    The Messages API has no "system" role: system turns (from an imported conversation) join the
    system prompt.
    """
    parts = [chat.system] if chat.system else []
    parts.extend(m.content for m in chat.messages if m.role == "system")
    return "\n\n".join(parts), [m for m in chat.messages if m.role != "system"]


def _alternating(turns: list[Message]) -> list[dict[str, Any]]:
    """Turns that alternate user, assistant, user...: same-role neighbours merged, user first."""
    merged: list[dict[str, Any]] = []
    for turn in turns:
        content = _content(turn)
        if merged and merged[-1]["role"] == turn.role:
            merged[-1]["content"] = _joined(merged[-1]["content"], content)
        else:
            merged.append({"role": turn.role, "content": content})
    if not merged or merged[0]["role"] != "user":
        merged.insert(0, {"role": "user", "content": CONTINUE_PROMPT})
    if merged[-1]["role"] == "assistant":
        # A last assistant turn is a prefill, which the API refuses with trailing whitespace.
        merged[-1]["content"] = merged[-1]["content"].rstrip()
    return merged


def _content(turn: Message) -> str | list[dict[str, Any]]:
    """The text alone when nothing is attached; else content blocks: the files first (images
    and PDFs as base64 sources, texts in their fenced form), then the text."""
    if turn.role != "user":
        return turn.content
    return with_files(turn.content, turn.attachments, _block)


def _block(attachment: Attachment) -> dict[str, Any]:
    if attachment.text is not None:
        return {"type": "text", "text": fenced(attachment)}
    source = {"type": "base64", "media_type": attachment.mime_type, "data": base64_data(attachment)}
    return {"type": "image" if attachment.is_image else "document", "source": source}


def _joined(
    first: str | list[dict[str, Any]], second: str | list[dict[str, Any]]
) -> str | list[dict[str, Any]]:
    """Two same-role turns as one: texts joined by a blank line, blocks one after the other."""
    if isinstance(first, str) and isinstance(second, str):
        return first + "\n\n" + second
    return _blocks(first) + _blocks(second)


def _blocks(content: str | list[dict[str, Any]]) -> list[dict[str, Any]]:
    if isinstance(content, list):
        return content
    return [{"type": "text", "text": content}] if content else []


class AnthropicStreamParser:
    """Parses the named events of a Messages stream; `message_stop` ends it."""

    sse_extra_fields: tuple[str, ...] = ()

    def __init__(self, provider_name: str) -> None:
        self.provider_name = provider_name
        self.done = False
        self.finish_reason: str | None = None
        self._usage: dict[str, Any] = {}
        self._answered = False
        self._pings = 0

    def parse(self, event: ServerSentEvent) -> list[ChatEvent]:
        payload = load_object(event.data, self._malformed)
        # The data's own "type" says what it is; the SSE event name says the same, when present.
        kind = payload.get("type") or event.event
        if kind == "error" or event.event == "error":
            raise self._stream_error(payload.get("error", payload))
        if kind == "content_block_delta":
            return self._delta(payload.get("delta"))
        if kind == "content_block_start":
            return self._delta(payload.get("content_block"))
        if kind == "message_start":
            message = payload.get("message")
            self._add_usage(message.get("usage") if isinstance(message, dict) else None)
            return []
        if kind == "message_delta":
            return self._message_delta(payload)
        if kind == "message_stop":
            self.done = True
        elif kind == "ping" and not self._answered:
            # Every answer has a ping before its first delta; more of them mean the model is
            # slow to start (a long prompt, a busy server), which the user should see.
            self._pings += 1
            return [KeepAlive()] if self._pings > 1 else []
        # content_block_stop, later pings, and event types newer than this code: nothing to show.
        return []

    def parse_whole(self, body: Any) -> list[ChatEvent]:
        if not isinstance(body, dict):
            raise self._malformed(sample(json.dumps(body)))
        if body.get("type") == "error" or "error" in body:
            raise self._stream_error(body.get("error", body))
        events: list[ChatEvent] = []
        blocks = body.get("content")
        for block in blocks if isinstance(blocks, list) else []:
            events.extend(self._delta(block))
        self._finish(body.get("stop_reason"))
        self._add_usage(body.get("usage"))
        if self._usage:
            events.extend(_usage(self._usage))
        self.done = True
        return events

    def close(self) -> list[ChatEvent]:
        return []  # message_delta has already brought the usage

    def _delta(self, delta: Any) -> list[ChatEvent]:
        """The text or thinking in a delta or a content block (both have these shapes).

        signature_delta, input_json_delta, citations_delta, tool_use and redacted_thinking
        blocks carry nothing to show.
        """
        if not isinstance(delta, dict):
            return []
        kind = delta.get("type")
        event_type: type[TextDelta | ReasoningDelta]
        if kind in ("text_delta", "text"):
            text, event_type = delta.get("text"), TextDelta
        elif kind in ("thinking_delta", "thinking"):
            text, event_type = delta.get("thinking"), ReasoningDelta
        else:
            return []
        if not isinstance(text, str) or not text:
            return []
        self._answered = True
        return [event_type(text)]

    def _message_delta(self, payload: dict[str, Any]) -> list[ChatEvent]:
        delta = payload.get("delta")
        if isinstance(delta, dict):
            self._finish(delta.get("stop_reason"))
        usage = payload.get("usage")
        if not isinstance(usage, dict):
            return []
        # Counts here are cumulative; newer API versions repeat the input counts too.
        self._add_usage(usage)
        return _usage(self._usage)

    def _finish(self, reason: Any) -> None:
        if isinstance(reason, str) and reason:
            self.finish_reason = _FINISH_REASONS.get(reason, reason)

    def _add_usage(self, usage: Any) -> None:
        """Add a report's counts to the answer's: the larger of two counts of the same thing
        (they only grow; a later, smaller one would lower the bill), anything else as it came."""
        if not isinstance(usage, dict):
            return
        for name, value in usage.items():
            before = self._usage.get(name)
            if _is_count(value) and _is_count(before) and before > value:
                continue
            if value is not None:
                self._usage[name] = value

    def _malformed(self, sample: str) -> MalformedChunk:
        return malformed_chunk(self.provider_name, sample, "an event")

    def _stream_error(self, error: Any) -> StreamErrorEvent:
        """The error Anthropic sends as `event: error` after the 200; a passing type (such as
        overloaded_error) stands for its status, which makes the error retryable."""
        kind, detail = "", str(error)
        if isinstance(error, dict):
            kind = str(error.get("type") or "")
            detail = str(error.get("message") or kind or error)
        said = f"{kind}: {detail}" if kind and kind != detail else detail
        status = _STREAM_STATUSES.get(kind)
        return StreamErrorEvent.reported(self.provider_name, said, status, answered=self._answered)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


@usage_reader
def _usage(usage: dict[str, Any]) -> Usage:
    """Anthropic's counts, normalized: its input_tokens leave out the cache reads and writes."""
    written = token_count(usage, "cache_creation_input_tokens")
    read = token_count(usage, "cache_read_input_tokens")
    return Usage(
        input_tokens=token_count(usage, "input_tokens") + written + read,
        output_tokens=token_count(usage, "output_tokens"),  # thinking included, not told apart
        cached_input_tokens=read,
        cache_write_tokens=written,
    )
