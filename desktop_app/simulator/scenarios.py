"""The scripted scenarios, chosen by the model name a request asks for."""

from __future__ import annotations

import asyncio
import functools
import json
import math
import re
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import dataclass, replace
from email.utils import formatdate
from typing import Any, Literal, NoReturn

from desktop_app.simulator import answer_texts as texts
from desktop_app.simulator import hostile_scenarios, scenario_names
from desktop_app.simulator import openai_payloads as payloads
from desktop_app.simulator.http_connection import (
    BodyReply,
    Reply,
    StreamReply,
    json_bytes,
    reason_phrase,
)

LISTED_MODELS = ["sim-normal", "sim-echo", "sim-slow", "sim-reasoning", "sim-long"]
COMMENT_GAP = 0.05  # seconds between keep-alive comments
CONTEXT_LENGTH_MESSAGE = (
    "This model's maximum context length is 128000 tokens. However, your messages resulted in "
    "150000 tokens. Please reduce the length of the messages."
)
# status -> (message, type, code) for sim-error-<status>; other codes get a generic body
_ERROR_TEXTS: dict[int, tuple[str, str, str | None]] = {
    400: ("Invalid request: 'messages' must be a non-empty array.", "invalid_request_error", None),
    402: ("Insufficient Balance", "invalid_request_error", "insufficient_balance"),
    403: ("This API key is not allowed to use this model.", "permission_error", "forbidden"),
    408: ("The request timed out while waiting for the model.", "timeout_error", "timeout"),
    409: ("Another request with this idempotency key is running.", "conflict_error", "conflict"),
    422: ("Invalid parameter: temperature must be between 0 and 2.", "invalid_request_error", None),
    429: (
        "Rate limit reached for requests per minute: limit 3, used 3. Please try again in 2s.",
        "rate_limit_error",
        "rate_limit_exceeded",
    ),
    500: ("The server had an error while processing your request.", "server_error", None),
    502: ("Bad gateway: the upstream provider sent an invalid response.", "server_error", None),
    503: ("Service is too busy. Please try again later.", "server_error", "service_unavailable"),
    529: ("Overloaded: the model is under heavy load right now.", "overloaded_error", "overloaded"),
}
_ERROR_NAME = re.compile(r"sim-error-([45]\d\d)(?:-(context|date))?")
_BROKEN_JSON_LINE = 'data: {"id": "x", "choices": [{"delta": {"content": "oops"'
# json.dumps escapes these; sim-unicode-separators wants them raw inside the JSON strings
_RAW_CONTROLS = {
    "\\u000b": "\x0b",
    "\\f": "\x0c",
    "\\u001c": "\x1c",
    "\\u001d": "\x1d",
    "\\u001e": "\x1e",
}


@dataclass(frozen=True)
class ScenarioContext(scenario_names.RequestContext):
    """A request in the OpenAI format (the Anthropic one reads the same fields)."""

    @property
    def stream(self) -> bool:
        return self.body.get("stream") is True

    @property
    def include_usage(self) -> bool:
        options = self.body.get("stream_options")
        return isinstance(options, dict) and options.get("include_usage") is True

    @property
    def messages(self) -> list[dict[str, Any]]:
        messages = self.body.get("messages")
        if not isinstance(messages, list):
            return []
        return [message for message in messages if isinstance(message, dict)]


Scenario = Callable[[ScenarioContext], Awaitable[Reply]]


async def forever() -> NoReturn:
    """Wait until cancelled: the client leaves or the simulator stops."""
    await asyncio.Event().wait()
    raise AssertionError("an event nobody sets was set")


def normal_text(ctx: ScenarioContext) -> str:
    return texts.NORMAL_ANSWER


def think_tagged_text(ctx: ScenarioContext) -> str:
    """The reasoning in the text itself, as a server without a reasoning parser sends R1's."""
    return f"<think>\n{texts.REASONING_TEXT}\n</think>\n\n{texts.NORMAL_ANSWER}"


def echo_text(ctx: ScenarioContext) -> str:
    users = [message for message in ctx.messages if message.get("role") == "user"]
    return "You said: " + (payloads.message_text(users[-1].get("content")) if users else "")


def _params_text(ctx: ScenarioContext) -> str:
    keys = ("temperature", "max_tokens", "max_completion_tokens", "stream", "stream_options")
    report = {key: ctx.body.get(key) for key in keys}
    report["roles"] = [message.get("role") for message in ctx.messages]
    return json.dumps(report, separators=(",", ":"))


def long_text(ctx: ScenarioContext) -> str:
    return texts.long_markdown()


def _separators_text(ctx: ScenarioContext) -> str:
    return texts.UNICODE_SEPARATOR_TEXT


def token_pieces(text: str) -> list[str]:
    return texts.split_pieces(text, 4)


def long_pieces(text: str) -> list[str]:
    return texts.split_fixed(text, 20)


def _upstream_error(chunks: payloads.CompletionChunks) -> str:
    error = payloads.error_body("The upstream model failed", "server_error", "upstream_error")
    return "data: " + json_bytes(error).decode()


def _openrouter_error(chunks: payloads.CompletionChunks) -> str:
    chunk = chunks.chunk({"content": ""}, finish_reason="error")
    chunk["error"] = {"code": 502, "message": "Provider returned error"}
    return "data: " + json_bytes(chunk).decode()


def _openrouter_status(status: int) -> Callable[[payloads.CompletionChunks], str]:
    """OpenRouter's error event in the 200 stream, its code the status (502, 503, 429, ...)."""
    error = {"error": {"code": status, "message": _ERROR_TEXTS[status][0]}}
    return lambda chunks: "data: " + json_bytes(error).decode()


def _llamacpp_error(chunks: payloads.CompletionChunks) -> str:
    return 'error: {"code":500,"message":"context shift failed","type":"server_error"}'


@dataclass(frozen=True)
class AnswerPlan:
    """A well-formed answer, bent in the ways its fields ask for; streams only if asked to."""

    text: Callable[[ScenarioContext], str] = normal_text
    split: Callable[[str], list[str]] = token_pieces
    reasoning_field: str | None = None  # delta key for reasoning pieces sent before the text
    delay: float | None = None  # seconds between pieces; None: the simulator's token_delay
    comments: tuple[str, ...] = ()  # SSE comments sent before the answer, COMMENT_GAP apart
    max_pieces: int | None = None  # cut the text short, for trouble in mid-answer
    broken_json_after: int | None = None  # pieces sent before a truncated JSON event
    tail: Callable[[payloads.CompletionChunks], str] | None = None  # one event line after text
    head: Callable[[payloads.CompletionChunks], str] | None = None  # one before text, the end
    head_requests: int | None = None  # send the head to this many requests, then answer
    finish_reason: str | None = "stop"
    usage: bool = True  # send usage when the client asks for it
    done: bool = True
    line_end: str = "\n"
    raw_controls: bool = False
    deepseek_cache: bool = False
    ending: Literal["end", "abort", "hang"] = "end"

    async def __call__(self, ctx: ScenarioContext) -> Reply:
        if not ctx.stream:
            return self._whole_completion(ctx)
        return StreamReply(self._events(ctx), abort_at_end=self.ending == "abort")

    def _event(self, line: str) -> bytes:
        return (line + self.line_end * 2).encode()

    def _data(self, payload: dict[str, Any]) -> bytes:
        line = "data: " + json_bytes(payload).decode()
        if self.raw_controls:
            for escaped, raw in _RAW_CONTROLS.items():
                line = line.replace(escaped, raw)
        return self._event(line)

    def _usage(self, ctx: ScenarioContext, content: int, reasoning: int) -> dict[str, Any]:
        prompt = payloads.estimate_prompt_tokens(ctx.messages)
        return payloads.usage(
            prompt, content + reasoning, reasoning, deepseek_cache=self.deepseek_cache
        )

    def _reasoning_delta(self, piece: str) -> dict[str, Any]:
        # DeepSeek sends content null beside reasoning_content; Ollama sends an empty string.
        content = None if self.reasoning_field == "reasoning_content" else ""
        return {"content": content, str(self.reasoning_field): piece}

    async def _events(self, ctx: ScenarioContext) -> AsyncGenerator[bytes, None]:
        reasoning = self.split(texts.REASONING_TEXT) if self.reasoning_field else []
        content = self.split(self.text(ctx))[: self.max_pieces]
        delay = ctx.piece_delay(len(reasoning) + len(content), self.delay)
        chunks = payloads.CompletionChunks(ctx.model, include_usage=ctx.include_usage)
        for comment in self.comments:
            yield self._event(comment)
            await asyncio.sleep(COMMENT_GAP)
        yield self._data(chunks.chunk({"role": "assistant", "content": ""}))
        if self.head is not None and ctx.among_first(self.head_requests):
            yield self._event(self.head(chunks))
            return  # the server ends the stream after an error
        for piece in reasoning:
            yield self._data(chunks.chunk(self._reasoning_delta(piece)))
            if delay:
                await asyncio.sleep(delay)
        for index, piece in enumerate(content):
            if index == self.broken_json_after:
                yield self._event(_BROKEN_JSON_LINE)
            yield self._data(chunks.chunk({"content": piece}))
            if delay:
                await asyncio.sleep(delay)
        if self.tail is not None:
            yield self._event(self.tail(chunks))
        if self.finish_reason is not None:
            yield self._data(chunks.chunk({}, finish_reason=self.finish_reason))
        if self.usage and ctx.include_usage:
            yield self._data(chunks.usage_chunk(self._usage(ctx, len(content), len(reasoning))))
        if self.done:
            yield self._event("data: [DONE]")
        if self.ending == "hang":
            await forever()

    def _whole_completion(self, ctx: ScenarioContext) -> BodyReply:
        text = self.text(ctx)
        message: dict[str, Any] = {"role": "assistant", "content": text}
        reasoning: list[str] = []
        if self.reasoning_field is not None:
            message[self.reasoning_field] = texts.REASONING_TEXT
            reasoning = self.split(texts.REASONING_TEXT)
        usage = self._usage(ctx, len(self.split(text)), len(reasoning))
        chunks = payloads.CompletionChunks(ctx.model, include_usage=True)
        completion = chunks.completion(message, self.finish_reason or "stop", usage)
        return BodyReply(200, json_bytes(completion))


def error_reply(
    ctx: ScenarioContext, status: int, variant: str | None = None, *, quick: bool = False
) -> BodyReply:
    """An OpenAI-shaped error response with a message that fits the status code."""
    if status == 401:
        body = payloads.wrong_key_error(ctx.sent_key)
    elif status == 404:
        body = payloads.unknown_model_error(ctx.model)
    elif variant == "context" or status == 413:
        body = payloads.error_body(
            CONTEXT_LENGTH_MESSAGE, "invalid_request_error", "context_length_exceeded", "messages"
        )
    else:
        kind = "server_error" if status >= 500 else "invalid_request_error"
        default = (f"{reason_phrase(status)} (simulated error {status}).", kind, None)
        body = payloads.error_body(*_ERROR_TEXTS.get(status, default))
    headers: tuple[tuple[str, str], ...] = ()
    if quick:
        headers = (("retry-after-ms", "10"), ("Retry-After", "0"))
    elif variant == "date":
        # HTTP dates have whole seconds: round up so the date is at least 1 s ahead
        headers = (("Retry-After", formatdate(math.ceil(time.time()) + 1, usegmt=True)),)
    elif status == 429:
        headers = (("retry-after-ms", "1500"), ("Retry-After", "2"))
    return BodyReply(status, json_bytes(body), headers=headers)


async def _html(ctx: ScenarioContext, status: int, page: str) -> Reply:
    return BodyReply(status, page.encode(), content_type="text/html; charset=utf-8")


async def _hang_before_headers(ctx: ScenarioContext) -> Reply:
    await forever()


async def _keepalive_forever(ctx: ScenarioContext) -> Reply:
    async def comments() -> AsyncGenerator[bytes, None]:
        while True:
            yield b": keep-alive\n\n"
            await asyncio.sleep(COMMENT_GAP)

    return StreamReply(comments())


_CUT_SHORT = AnswerPlan(max_pieces=6, finish_reason=None, usage=False, done=False)
# find_scenario() adds sim-error-<status>[-context|-date], sim-flaky-<status|drop>-<n> and
# sim-paced-<ms>
SCENARIOS: dict[str, Scenario] = {
    "sim-normal": AnswerPlan(),
    "sim-echo": AnswerPlan(text=echo_text),
    "sim-echo-params": AnswerPlan(text=_params_text),
    "sim-no-images": AnswerPlan(),  # text only: an image gets a 400 (received_files.py)
    "sim-slow": AnswerPlan(delay=0.05),
    "sim-reasoning": AnswerPlan(reasoning_field="reasoning_content", deepseek_cache=True),
    "sim-reasoning-field": AnswerPlan(reasoning_field="reasoning"),
    "sim-think-tags": AnswerPlan(text=think_tagged_text),  # its pieces cut the tags too
    "sim-long": AnswerPlan(text=long_text, split=long_pieces, delay=0.0),
    "sim-keepalive": AnswerPlan(comments=(": keep-alive",) * 5),
    "sim-openrouter-processing": AnswerPlan(comments=(": OPENROUTER PROCESSING",) * 3),
    "sim-keepalive-forever": _keepalive_forever,
    "sim-no-done": AnswerPlan(done=False),
    "sim-no-finish": AnswerPlan(finish_reason=None, usage=False, done=False),
    "sim-no-usage": AnswerPlan(usage=False),
    "sim-crlf": AnswerPlan(line_end="\r\n"),
    "sim-cr": AnswerPlan(line_end="\r"),
    "sim-unicode-separators": AnswerPlan(text=_separators_text, raw_controls=True),
    "sim-invalid-json": AnswerPlan(broken_json_after=2),
    "sim-midstream-error": replace(_CUT_SHORT, tail=_upstream_error),
    "sim-openrouter-error": replace(_CUT_SHORT, tail=_openrouter_error),
    "sim-llamacpp-error": replace(_CUT_SHORT, tail=_llamacpp_error),
    # An error event in the 200 stream before any text: passing ones (the first n requests),
    # or not (a 400).
    "sim-stream-overloaded": AnswerPlan(head=_openrouter_status(503)),
    "sim-stream-overloaded-2": AnswerPlan(head=_openrouter_status(503), head_requests=2),
    "sim-stream-bad-gateway-1": AnswerPlan(head=_openrouter_status(502), head_requests=1),
    "sim-stream-rate-limited-1": AnswerPlan(head=_openrouter_status(429), head_requests=1),
    "sim-stream-invalid-request": AnswerPlan(head=_openrouter_status(400)),
    "sim-drop": replace(_CUT_SHORT, ending="abort"),
    "sim-hang-midstream": replace(_CUT_SHORT, ending="hang"),
    "sim-hang-headers": _hang_before_headers,
    "sim-html-error": functools.partial(_html, status=502, page=texts.HTML_BAD_GATEWAY),
    "sim-html-200": functools.partial(_html, status=200, page=texts.HTML_HOME_PAGE),
    **hostile_scenarios.SCENARIOS,
}


def find_scenario(model: str) -> Scenario | None:
    """The scenario a model name asks for, or None for a model the simulator does not serve."""
    return scenario_names.find_scenario(model, SCENARIOS, _ERROR_NAME, error_reply)
