"""The Gemini API's own format (`streamGenerateContent?alt=sse`), for keys from Google AI Studio.

A provider's base_url is the API's host, "https://generativelanguage.googleapis.com"; one that
already ends in a version ("/v1beta", "/v1") is used as written. The key goes in the
`x-goog-api-key` header, never in the URL (URLs are logged). The stream has no end marker: the
answer ends with the body, and its finishReason says whether it was complete, cut at the token
limit, or withheld by one of Gemini's filters.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.attachments.wire import base64_data, fenced
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

API_VERSION = "v1beta"
"""The version thinking and system instructions need; "v1" lacks some of them."""

PAGE_SIZE = "1000"
"""The most models one page of the list gives."""

_VERSIONED = re.compile(r"/v\d+(?:alpha|beta)?$")
_FINISHES = {"STOP": "stop", "MAX_TOKENS": "length"}
# finishReason values that mean Gemini withheld (the rest of) the answer: what to tell the user.
_WITHHELD = {
    "SAFETY": "blocked the answer with its safety filter",
    "RECITATION": "stopped the answer because it was repeating published text too closely",
    "BLOCKLIST": "blocked the answer because it contained a blocked term",
    "PROHIBITED_CONTENT": "blocked the answer as prohibited content",
    "SPII": "blocked the answer because it contained sensitive personal information",
    "IMAGE_SAFETY": "blocked an image in the answer with its safety filter",
    "IMAGE_PROHIBITED_CONTENT": "blocked an image in the answer as prohibited content",
    "IMAGE_RECITATION": "blocked an image in the answer as too close to published material",
    "LANGUAGE": "stopped the answer: the model does not support the conversation's language",
    "OTHER": "stopped the answer without giving a reason",
}
# promptFeedback.blockReason values: the question itself was refused, before any answer.
_PROMPT_BLOCKS = {
    "SAFETY": "its safety filter flagged the conversation",
    "BLOCKLIST": "the conversation contains a blocked term",
    "PROHIBITED_CONTENT": "the conversation was flagged as prohibited content",
    "IMAGE_SAFETY": "an image in the conversation was flagged by its safety filter",
}


def api_root(base_url: str) -> str:
    """The versioned API root: `base_url` if it names a version, else `base_url/v1beta`."""
    root = base_url.rstrip("/")
    return root if _VERSIONED.search(root) else f"{root}/{API_VERSION}"


def model_path(model: str) -> str:
    """The model's resource name for the URL; people write both "models/x" and "x"."""
    name = model.strip()
    if not name.startswith(("models/", "tunedModels/")):
        name = f"models/{name}"
    return quote(name, safe="/")


def auth_headers(key: str | None) -> dict[str, str]:
    """The header that carries the key (empty for a keyless local server)."""
    return {"x-goog-api-key": key} if key else {}


def _model_page(parsed: Any) -> ModelPage | None:
    """`{"models": [{"name": "models/...", "displayName", "supportedGenerationMethods"}],
    "nextPageToken"}`; only the models that can chat (generateContent), not the embedders."""
    from desktop_app.core.settings.model_cache import ListedModel

    if not isinstance(parsed, dict) or not isinstance(parsed.get("models", []), list):
        return None
    models = []
    for entry in parsed.get("models", []):
        name = listed_text(entry.get("name")) if isinstance(entry, dict) else None
        methods = entry.get("supportedGenerationMethods") if name else None
        if name and isinstance(methods, list) and "generateContent" in methods:
            shown = listed_text(entry.get("displayName"))
            models.append(ListedModel(name.removeprefix("models/"), shown))
    return models, listed_text(parsed.get("nextPageToken"))


MODEL_LISTING = ModelListing(
    # Beside the chat's `models/{model}:streamGenerateContent`.
    url=lambda base_url: f"{api_root(base_url)}/models",
    headers=lambda key: {"Accept": "application/json"} | auth_headers(key),
    params=lambda cursor: {"pageSize": PAGE_SIZE} | ({"pageToken": cursor} if cursor else {}),
    page=_model_page,
    root_hint="such as https://generativelanguage.googleapis.com",
    # Gemini says a wrong key with 400 INVALID_ARGUMENT, not 401.
    key_rejected=lambda status, body: status == 400 and b"API_KEY_INVALID" in body,
)


class GeminiAPI:
    """Builds `POST {root}/models/{model}:streamGenerateContent?alt=sse`; lists the models that
    can chat at `GET {root}/models`, page by page."""

    models = MODEL_LISTING

    def build_request(self, provider: Provider, key: str | None, chat: ChatRequest) -> HttpRequest:
        url = (
            f"{api_root(provider.base_url)}/{model_path(chat.model)}:streamGenerateContent?alt=sse"
        )
        headers = {
            "Accept": "text/event-stream",
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            **auth_headers(key),
        }
        return HttpRequest("POST", url, headers, request_body(chat))

    def new_parser(self, provider: Provider) -> GeminiStreamParser:
        return GeminiStreamParser(provider.name)


def request_body(chat: ChatRequest) -> dict[str, Any]:
    """The GenerateContentRequest for a chat: contents, systemInstruction, generationConfig."""
    system, contents = _turns(chat)
    body: dict[str, Any] = {"contents": contents}
    if system:
        body["systemInstruction"] = {"parts": [{"text": text} for text in system]}
    config = _generation_config(chat)
    if config:
        body["generationConfig"] = config
    return body


def _turns(chat: ChatRequest) -> tuple[list[str], list[dict[str, Any]]]:
    """The system texts, and the other turns as Contents with Gemini's roles."""
    system = [chat.system] if chat.system else []
    contents: list[dict[str, Any]] = []
    for message in chat.messages:
        if message.role == "system":
            if message.content:
                system.append(message.content)
            continue
        role = "model" if message.role == "assistant" else "user"
        parts = _parts(message)
        if not parts:
            continue  # Gemini rejects an empty part
        # Gemini wants turns to alternate; two in a row (after a failed answer) become one.
        if contents and contents[-1]["role"] == role:
            contents[-1]["parts"].extend(parts)
        else:
            contents.append({"role": role, "parts": parts})
    return system, contents


def _parts(message: Message) -> list[dict[str, Any]]:
    """A turn's parts: its files first (images and PDFs as inline data, texts in their fenced
    form; on user turns only), then its text."""
    parts: list[dict[str, Any]] = []
    if message.role == "user":
        parts.extend(_file_part(attachment) for attachment in message.attachments)
    if message.content:
        parts.append({"text": message.content})
    return parts


def _file_part(attachment: Attachment) -> dict[str, Any]:
    if attachment.text is not None:
        return {"text": fenced(attachment)}
    return {"inline_data": {"mime_type": attachment.mime_type, "data": base64_data(attachment)}}


def _generation_config(chat: ChatRequest) -> dict[str, Any]:
    config: dict[str, Any] = {}
    if chat.temperature is not None:
        config["temperature"] = chat.temperature
    if chat.top_p is not None:
        config["topP"] = chat.top_p
    if chat.max_tokens is not None:
        config["maxOutputTokens"] = chat.max_tokens
    if chat.thinking_budget is not None:
        config["thinkingConfig"] = {"includeThoughts": True, "thinkingBudget": chat.thinking_budget}
    return config


class GeminiStreamParser:
    """Parses GenerateContentResponse chunks: parts, finishReason, usageMetadata, errors.

    Usage is taken from the chunk that ends the answer (and any after it), which carries the
    totals; earlier chunks count only the prompt, and reporting those would stop the live cost
    meter from estimating the answer meanwhile. A withheld answer (SAFETY, RECITATION, ...) is
    billed too: its chunk's usage is reported, and the error waits for close().
    """

    sse_extra_fields: tuple[str, ...] = ()

    def __init__(self, provider_name: str) -> None:
        self.provider_name = provider_name
        # No end marker: the end of the body ends the answer, unless a filter withheld it.
        self.done = False
        self.finish_reason: str | None = None
        self._answered = False
        self._withheld: StreamErrorEvent | None = None

    def parse(self, event: ServerSentEvent) -> list[ChatEvent]:
        return self._chunk_events(load_object(event.data, self._malformed))

    def parse_whole(self, body: Any) -> list[ChatEvent]:
        # streamGenerateContent without alt=sse answers a JSON array of the same chunks.
        chunks = body if isinstance(body, list) else [body]
        events: list[ChatEvent] = []
        for chunk in chunks:
            if not isinstance(chunk, dict):
                raise self._malformed(sample(json.dumps(body)))
            events.extend(self._chunk_events(chunk))
        self.done = True
        return events

    def close(self) -> list[ChatEvent]:
        if self._withheld is not None:
            raise self._withheld
        return []

    def _chunk_events(self, chunk: dict[str, Any]) -> list[ChatEvent]:
        if chunk.get("error"):
            raise self._stream_error(chunk["error"])
        self._check_prompt(chunk.get("promptFeedback"))
        candidate = _first_candidate(chunk)
        events = _part_events(candidate.get("content"))
        self._answered = self._answered or bool(events)
        reason = candidate.get("finishReason")
        if isinstance(reason, str) and reason and reason != "FINISH_REASON_UNSPECIFIED":
            self._finish(reason)
        usage = chunk.get("usageMetadata")
        if self.finish_reason is not None and isinstance(usage, dict):
            events.extend(_usage(usage))
        return events

    def _finish(self, reason: str) -> None:
        # Values added after this was written pass through, in the app's lower case.
        self.finish_reason = _FINISHES.get(reason, reason.lower())
        if reason in _WITHHELD and self._withheld is None:
            # The answer is over, but the usage in this same chunk comes out before the error.
            self._withheld = self._withheld_error(reason)
            self.done = True

    def _check_prompt(self, feedback: Any) -> None:
        reason = feedback.get("blockReason") if isinstance(feedback, dict) else None
        if not reason or reason == "BLOCK_REASON_UNSPECIFIED":
            return
        why = _PROMPT_BLOCKS.get(str(reason), "it gave no reason")
        raise StreamErrorEvent(
            f"{self.provider_name} refused to answer: {why} (blockReason {reason}). Rephrase "
            "the message; if an earlier message tripped the filter, start a new conversation.",
            provider=self.provider_name,
        )

    def _withheld_error(self, reason: str) -> StreamErrorEvent:
        kept = (
            "The part received is kept; rephrase"
            if self._answered
            else "Nothing was answered; rephrase"
        )
        return StreamErrorEvent(
            f"{self.provider_name} {_WITHHELD[reason]} (finishReason {reason}). {kept} the "
            "question, or try another model.",
            provider=self.provider_name,
        )

    def _malformed(self, sample: str) -> MalformedChunk:
        return malformed_chunk(self.provider_name, sample)

    def _stream_error(self, error: Any) -> StreamErrorEvent:
        """An error object in the stream; its code is an HTTP status (503 UNAVAILABLE, ...)."""
        said, code = str(error), None
        if isinstance(error, dict):
            status, code = error.get("status"), error.get("code")
            message = str(error.get("message") or status or code)
            said = f"{status}: {message}" if status and status != message else message
        return StreamErrorEvent.reported(self.provider_name, said, code, answered=self._answered)


def _first_candidate(chunk: dict[str, Any]) -> dict[str, Any]:
    """Candidate 0 (Tally asks for one), or an empty one when the chunk has none."""
    candidates = chunk.get("candidates")
    if isinstance(candidates, list):
        for candidate in candidates:
            if isinstance(candidate, dict) and candidate.get("index", 0) == 0:
                return candidate
    return {}


def _part_events(content: Any) -> list[ChatEvent]:
    """Text parts as the answer, `thought` parts as reasoning; other kinds are not shown."""
    parts = content.get("parts") if isinstance(content, dict) else None
    events: list[ChatEvent] = []
    for part in parts if isinstance(parts, list) else []:
        text = part.get("text") if isinstance(part, dict) else None
        if isinstance(text, str) and text:
            events.append(ReasoningDelta(text) if part.get("thought") is True else TextDelta(text))
    return events


@usage_reader
def _usage(meta: dict[str, Any]) -> Usage:
    """Normalized counts: thoughts are billed as output, cached tokens are part of the prompt."""
    thoughts = token_count(meta, "thoughtsTokenCount")
    return Usage(
        input_tokens=token_count(meta, "promptTokenCount"),
        output_tokens=token_count(meta, "candidatesTokenCount") + thoughts,
        cached_input_tokens=token_count(meta, "cachedContentTokenCount"),
        reasoning_tokens=thoughts,
    )
