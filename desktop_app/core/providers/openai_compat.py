"""The OpenAI Chat Completions format, spoken by OpenAI, relays, DeepSeek, OpenRouter and local
servers (Ollama, LM Studio, llama.cpp, vLLM)."""

from __future__ import annotations

import json
from typing import Any

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.attachments.wire import data_url, fenced, with_files
from desktop_app.core.errors import MalformedChunk, StreamErrorEvent
from desktop_app.core.events import ChatEvent, ReasoningDelta, TextDelta, Usage
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


def _auth(key: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"} if key else {}


def _model_page(parsed: Any) -> ModelPage | None:
    """`{"data": [{"id"}]}`, as well as `{"models": [...]}` and bare lists some servers send;
    the whole list comes at once."""
    from desktop_app.core.settings.model_cache import ListedModel

    entries = parsed
    if isinstance(parsed, dict):
        entries = parsed.get("data", parsed.get("models"))
    if not isinstance(entries, list):
        return None
    models = []
    for entry in entries:
        name = (entry.get("id") or entry.get("name")) if isinstance(entry, dict) else entry
        if isinstance(name, str) and name.strip():
            # Gemini's OpenAI-compatible list says "models/gemini-2.5-flash"; chat wants the rest.
            model_id = name.strip().removeprefix("models/")
            shown = entry.get("name") if isinstance(entry, dict) and entry.get("id") else None
            models.append(ListedModel(model_id, listed_text(shown)))  # OpenRouter's "name"
    return models, None


MODEL_LISTING = ModelListing(
    url=lambda base_url: f"{base_url}/models",
    headers=lambda key: {"Accept": "application/json"} | _auth(key),
    params=lambda cursor: None,
    page=_model_page,
    root_hint="often ending in /v1",
)


class OpenAICompatible:
    """Builds `POST {base_url}/chat/completions` with streaming and usage reporting; lists the
    models at `GET {base_url}/models`."""

    models = MODEL_LISTING

    def build_request(self, provider: Provider, key: str | None, chat: ChatRequest) -> HttpRequest:
        messages: list[dict[str, Any]] = []
        if chat.system:
            messages.append({"role": "system", "content": chat.system})
        messages.extend({"role": m.role, "content": _content(m)} for m in chat.messages)
        body: dict[str, Any] = {
            "model": chat.model,
            "messages": messages,
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        if chat.temperature is not None:
            body["temperature"] = chat.temperature
        if chat.top_p is not None:
            body["top_p"] = chat.top_p
        if chat.max_tokens is not None:
            body["max_tokens"] = chat.max_tokens
        headers = {
            "Accept": "text/event-stream",
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
        }
        return HttpRequest(
            "POST", f"{provider.base_url}/chat/completions", headers | _auth(key), body
        )

    def new_parser(self, provider: Provider) -> OpenAIStreamParser:
        return OpenAIStreamParser(provider.name)


def _content(message: Message) -> str | list[dict[str, Any]]:
    """The text alone, as ever, when nothing is attached; else a list of parts: each file (an
    image as a data URL, a text as its fenced form, a PDF sent as it is as a file), then the
    text."""
    if message.role != "user":
        return message.content
    return with_files(message.content, message.attachments, _part)


def _part(attachment: Attachment) -> dict[str, Any]:
    if attachment.text is not None:
        return {"type": "text", "text": fenced(attachment)}
    if attachment.is_image:
        return {"type": "image_url", "image_url": {"url": data_url(attachment), "detail": "auto"}}
    file = {"filename": attachment.name, "file_data": data_url(attachment)}
    return {"type": "file", "file": file}


class OpenAIStreamParser:
    """Parses `chat.completion.chunk` events, `[DONE]`, and the error shapes servers send."""

    # Old llama.cpp servers send mid-stream errors as a bare `error: {...}` field.
    sse_extra_fields: tuple[str, ...] = ("error",)

    def __init__(self, provider_name: str) -> None:
        self.provider_name = provider_name
        self.done = False
        self.finish_reason: str | None = None
        self._answered = False

    def parse(self, event: ServerSentEvent) -> list[ChatEvent]:
        data = event.data
        if data == "[DONE]":
            self.done = True
            return []
        chunk = load_object(data, self._malformed)
        if event.event == "error":
            raise self._stream_error(chunk.get("error", chunk))
        return self._chunk_events(chunk)

    def parse_whole(self, body: Any) -> list[ChatEvent]:
        if not isinstance(body, dict):
            raise self._malformed(sample(json.dumps(body)))
        if body.get("error"):
            raise self._stream_error(body["error"])
        events: list[ChatEvent] = []
        for choice in _first_choices(body):
            message = choice.get("message") or {}
            events.extend(_deltas(message))
            if choice.get("finish_reason"):
                self.finish_reason = str(choice["finish_reason"])
        if isinstance(body.get("usage"), dict):
            events.extend(_usage(body["usage"]))
        self.done = True
        return events

    def close(self) -> list[ChatEvent]:
        return []  # every event is out as soon as its chunk arrives

    def _chunk_events(self, chunk: dict[str, Any]) -> list[ChatEvent]:
        # OpenRouter's mid-stream failure: a top-level error beside finish_reason "error".
        if chunk.get("error"):
            raise self._stream_error(chunk["error"])
        events: list[ChatEvent] = []
        for choice in _first_choices(chunk):
            delta = choice.get("delta") or {}
            if not isinstance(delta, dict):
                raise self._malformed(sample(json.dumps(chunk)))
            events.extend(_deltas(delta))
            self._answered = self._answered or bool(events)
            reason = choice.get("finish_reason")
            if reason == "error":
                raise self._stream_error({"message": "the model stopped with an error"})
            if reason:
                self.finish_reason = str(reason)
        usage = chunk.get("usage")
        if isinstance(usage, dict):
            events.extend(_usage(usage))
        return events

    def _malformed(self, sample: str) -> MalformedChunk:
        return malformed_chunk(self.provider_name, sample)

    def _stream_error(self, error: Any) -> StreamErrorEvent:
        """An error in the stream; OpenRouter's and vLLM's code is an HTTP status (502, 503...),
        OpenAI's a word (rate_limit_exceeded), which says nothing about whether it will pass."""
        said, code = str(error), None
        if isinstance(error, dict):
            code = error.get("code")
            message = str(error.get("message") or error.get("type") or code or error)
            said = f"{code}: {message}" if code and str(code) != message else message
        return StreamErrorEvent.reported(self.provider_name, said, code, answered=self._answered)


def _first_choices(chunk: dict[str, Any]) -> list[dict[str, Any]]:
    """The choices with index 0 (Tally asks for one answer; extra choices are not shown)."""
    choices = chunk.get("choices") or []
    if not isinstance(choices, list):
        return []
    return [c for c in choices if isinstance(c, dict) and c.get("index", 0) == 0]


def _deltas(delta: dict[str, Any]) -> list[ChatEvent]:
    events: list[ChatEvent] = []
    # DeepSeek and llama.cpp say reasoning_content; Ollama and vLLM say reasoning; a server
    # without a reasoning parser leaves it in the content, between <think> and </think>, which
    # the session tells apart (think_tags.py).
    reasoning = delta.get("reasoning_content") or delta.get("reasoning")
    if isinstance(reasoning, str) and reasoning:
        events.append(ReasoningDelta(reasoning))
    for key in ("content", "refusal"):
        text = delta.get(key)
        if isinstance(text, str) and text:
            events.append(TextDelta(text))
    return events


@usage_reader
def _usage(usage: dict[str, Any]) -> Usage:
    prompt_details = usage.get("prompt_tokens_details") or {}
    completion_details = usage.get("completion_tokens_details") or {}
    cached = token_count(prompt_details, "cached_tokens")
    cached = cached or token_count(usage, "prompt_cache_hit_tokens")
    return Usage(
        input_tokens=token_count(usage, "prompt_tokens"),
        output_tokens=token_count(usage, "completion_tokens"),
        cached_input_tokens=cached,
        reasoning_tokens=token_count(completion_details, "reasoning_tokens"),
    )
