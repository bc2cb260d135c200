"""The simulator speaking the Anthropic Messages API: `POST /v1/messages` and, with an
`x-api-key` header, `GET /v1/models`. Model names pick the scenario, as for the OpenAI format,
and the names and texts are the same where the scenario is."""

from __future__ import annotations

import asyncio
import math
import re
import time
from collections.abc import AsyncGenerator, Callable, Mapping
from dataclasses import dataclass, replace
from email.utils import formatdate
from typing import Any, Literal
from urllib.parse import parse_qs

from desktop_app.simulator import answer_texts as texts
from desktop_app.simulator import anthropic_payloads as payloads
from desktop_app.simulator import scenario_names
from desktop_app.simulator.anthropic_requests import invalid_request, params_text
from desktop_app.simulator.http_connection import (
    BodyReply,
    RecordedRequest,
    Reply,
    StreamReply,
    json_bytes,
    reason_phrase,
)
from desktop_app.simulator.scenarios import (
    COMMENT_GAP,
    LISTED_MODELS,
    Scenario,
    ScenarioContext,
    echo_text,
    forever,
    long_pieces,
    long_text,
    normal_text,
    token_pieces,
)

CountAttempt = Callable[[str], int]
"""Counts a request for a model and says which attempt it is (for sim-flaky-*)."""

_ERROR_NAME = re.compile(r"sim-error-([45]\d\d)(?:-(context|credit|html|date))?")
_ERROR_MESSAGES = {
    400: "messages.0.content: text content blocks must be non-empty",
    401: "invalid x-api-key",
    402: "Your organization's billing information is missing or invalid. Please update it "
    "in Plans & Billing.",
    403: "Your API key does not have permission to use the specified resource.",
    413: "Request exceeds the maximum allowed number of bytes.",
    429: "This request would exceed the rate limit for your organization of 50 requests per "
    "minute. Please reduce the prompt length or the maximum tokens requested, or try again later.",
    500: "Internal server error",
    504: "Request timed out",
    529: "Overloaded",
}
_VARIANT_MESSAGES = {
    "context": "prompt is too long: 210000 tokens > 200000 maximum",
    "credit": "Your credit balance is too low to access the Anthropic API. Please go to Plans & "
    "Billing to upgrade or purchase credits.",
}
# What Anthropic's front end sends for a request too large to reach the API: not JSON.
_HTML_ERROR = (
    "<html>\r\n<head><title>{status} {phrase}</title></head>\r\n<body>\r\n"
    "<center><h1>{status} {phrase}</h1></center>\r\n<hr><center>cloudflare</center>\r\n"
    "</body>\r\n</html>\r\n"
)


def speaks_anthropic(path: str, headers: Mapping[str, str]) -> bool:
    """Whether a request is for the Anthropic API: its messages path, or models with its key
    header (the OpenAI model list at the same path takes a Bearer key)."""
    return path == "/v1/messages" or (path == "/v1/models" and "x-api-key" in headers)


async def route(
    request: RecordedRequest, api_key: str | None, token_delay: float, count: CountAttempt
) -> Reply:
    """Answer one Anthropic request as the API would, its errors included."""
    path, _, query = request.path.partition("?")
    method = "GET" if path == "/v1/models" else "POST"
    if request.method != method:
        return error_reply(405, "invalid_request_error", f"Use {method} for {path}.")
    sent_key = request.headers.get("x-api-key")
    if api_key is not None and sent_key != api_key:
        said = "invalid x-api-key" if sent_key else "x-api-key header is required"
        return error_reply(401, "authentication_error", said)
    if "anthropic-version" not in request.headers:
        return error_reply(400, "invalid_request_error", "anthropic-version: header is required")
    if path == "/v1/models":
        return _model_list(query)
    body = request.body or {}
    problem = invalid_request(body)
    if problem is not None:
        return error_reply(400, "invalid_request_error", problem)
    model = str(body["model"])
    scenario = find_scenario(model)
    if scenario is None:
        return error_reply(404, "not_found_error", f"model: {model}")
    return await scenario(ScenarioContext(body, model, sent_key, count(model), token_delay))


def error_reply(
    status: int, error_type: str, message: str, headers: tuple[tuple[str, str], ...] = ()
) -> BodyReply:
    """A response with Anthropic's error body."""
    return BodyReply(status, json_bytes(payloads.error_body(error_type, message)), headers=headers)


def _model_list(query: str) -> BodyReply:
    params = parse_qs(query)
    limit_text = params.get("limit", ["20"])[0]
    limit = int(limit_text) if limit_text.isdigit() else 20
    if not 1 <= limit <= 1000:
        return error_reply(400, "invalid_request_error", "limit: must be between 1 and 1000")
    after_id = params.get("after_id", [None])[0]
    return BodyReply(200, json_bytes(payloads.model_list(LISTED_MODELS, limit, after_id)))


def _params_text(ctx: ScenarioContext) -> str:
    return params_text(ctx.body)


def _overloaded() -> bytes:
    return payloads.event("error", payloads.error_body("overloaded_error", "Overloaded"))


def _api_error() -> bytes:
    return payloads.event("error", payloads.error_body("api_error", "Internal server error"))


def _invalid_request() -> bytes:
    message = "messages: the conversation could not be processed (simulated)"
    return payloads.event("error", payloads.error_body("invalid_request_error", message))


def _unknown_events(index: int) -> list[bytes]:
    """Events of a type this client cannot know, and a delta of an unknown type."""
    future = {"type": "content_block_future", "index": index, "hint": "ignore me"}
    delta = {"type": "future_delta", "payload": "ignore me too"}
    return [
        payloads.event("content_block_future", future),
        _indexed("content_block_delta", index, "delta", delta),
    ]


@dataclass(frozen=True)
class MessagesPlan:
    """A well-formed Messages answer, bent in the ways its fields ask for."""

    text: Callable[[ScenarioContext], str] = normal_text
    split: Callable[[str], list[str]] = token_pieces
    thinking: bool = False  # a thinking block even when the request did not ask for one
    delay: float | None = None  # seconds between pieces; None: the simulator's token_delay
    pings: int = 1  # after message_start, as the API sends; COMMENT_GAP apart when several
    cache: tuple[int, int] = (0, 0)  # input tokens written to and read from the prompt cache
    unknown_events: bool = False
    max_pieces: int | None = None  # cut the text short, for trouble in mid-answer
    tail: Callable[[], bytes] | None = None  # one event after the text (an error)
    head: Callable[[], bytes] | None = None  # one event before any block (an error), then the end
    head_requests: int | None = None  # send the head to this many requests, then answer
    finish: bool = True  # send message_delta and message_stop
    whole: bool = False  # answer with one JSON message even when asked to stream
    ending: Literal["end", "abort", "hang"] = "end"

    async def __call__(self, ctx: ScenarioContext) -> Reply:
        if self.whole or not ctx.stream:
            return self._whole(ctx)
        return StreamReply(self._events(ctx), abort_at_end=self.ending == "abort")

    def _pieces(self, ctx: ScenarioContext) -> tuple[list[str], list[str], str]:
        """Thinking and text pieces (one output token each) within max_tokens, and the stop."""
        asked = ctx.body.get("thinking")
        thinks = self.thinking or (isinstance(asked, dict) and asked.get("type") == "enabled")
        thinking = self.split(texts.REASONING_TEXT) if thinks else []
        text = self.split(self.text(ctx))[: self.max_pieces]
        # Thinking is spent out of max_tokens too; the chat core always sends max_tokens.
        limit = ctx.body.get("max_tokens")
        room = limit if isinstance(limit, int) else len(thinking) + len(text)
        if room >= len(thinking) + len(text):
            return thinking, text, "end_turn"
        return thinking[:room], text[: max(0, room - len(thinking))], "max_tokens"

    def _usage(self, ctx: ScenarioContext, output_tokens: int) -> dict[str, Any]:
        written, read = self.cache
        return payloads.usage(
            payloads.prompt_tokens(ctx.body), output_tokens, written=written, read=read
        )

    async def _events(self, ctx: ScenarioContext) -> AsyncGenerator[bytes, None]:
        thinking, text, stop_reason = self._pieces(ctx)
        delay = ctx.piece_delay(len(thinking) + len(text), self.delay)
        start = payloads.message(ctx.model, [], None)
        start["usage"] = self._usage(ctx, 1)
        yield payloads.event("message_start", {"type": "message_start", "message": start})
        for number in range(self.pings):
            if number:
                await asyncio.sleep(COMMENT_GAP)
            yield payloads.event("ping", {"type": "ping"})
        if self.head is not None and ctx.among_first(self.head_requests):
            yield self.head()
            return  # the API ends the stream after an error
        blocks = [("thinking", thinking)] if thinking else []
        blocks.append(("text", text))
        for index, (kind, pieces) in enumerate(blocks):
            if self.unknown_events:
                for unknown in _unknown_events(index):
                    yield unknown
            async for chunk in _block(index, kind, pieces, delay):
                yield chunk
        if self.tail is not None:
            yield self.tail()
        if self.finish:
            usage = {"output_tokens": len(thinking) + len(text)}
            if any(self.cache):  # newer API versions repeat the input counts here
                usage = self._usage(ctx, usage["output_tokens"])
            delta = {"stop_reason": stop_reason, "stop_sequence": None}
            yield payloads.event(
                "message_delta", {"type": "message_delta", "delta": delta, "usage": usage}
            )
            yield payloads.event("message_stop", {"type": "message_stop"})
        if self.ending == "hang":
            await forever()

    def _whole(self, ctx: ScenarioContext) -> BodyReply:
        thinking, text, stop_reason = self._pieces(ctx)
        content: list[dict[str, Any]] = []
        if thinking:
            content.append(
                {"type": "thinking", "thinking": "".join(thinking), "signature": payloads.SIGNATURE}
            )
        content.append({"type": "text", "text": "".join(text)})
        whole = payloads.message(ctx.model, content, stop_reason)
        whole["usage"] = self._usage(ctx, len(thinking) + len(text))
        return BodyReply(200, json_bytes(whole))


async def _block(
    index: int, kind: str, pieces: list[str], delay: float
) -> AsyncGenerator[bytes, None]:
    """One content block: start, a delta per piece (and a thinking block's signature), stop."""
    empty: dict[str, Any] = {"type": kind, kind: ""}
    if kind == "thinking":
        empty["signature"] = ""
    yield _indexed("content_block_start", index, "content_block", empty)
    for piece in pieces:
        yield _indexed(
            "content_block_delta", index, "delta", {"type": f"{kind}_delta", kind: piece}
        )
        if delay:
            await asyncio.sleep(delay)
    if kind == "thinking":
        signature = {"type": "signature_delta", "signature": payloads.SIGNATURE}
        yield _indexed("content_block_delta", index, "delta", signature)
    yield payloads.event("content_block_stop", {"type": "content_block_stop", "index": index})


def _indexed(name: str, index: int, field: str, value: dict[str, Any]) -> bytes:
    """An event about the content block at `index`."""
    return payloads.event(name, {"type": name, "index": index, field: value})


def error_for(
    ctx: ScenarioContext, status: int, variant: str | None = None, *, quick: bool = False
) -> BodyReply:
    """Anthropic's error response for a status, with the headers it comes with."""
    if variant == "html":
        page = _HTML_ERROR.format(status=status, phrase=reason_phrase(status))
        return BodyReply(status, page.encode(), content_type="text/html")
    generic = "api_error" if status >= 500 else "invalid_request_error"
    error_type = payloads.ERROR_TYPES.get(status, generic)
    message = _VARIANT_MESSAGES.get(variant or "") or _ERROR_MESSAGES.get(status)
    if status == 404:
        message = f"model: {ctx.model}"
    message = message or f"{reason_phrase(status)} (simulated error {status})."
    headers: tuple[tuple[str, str], ...] = ()
    if quick:
        headers = (("retry-after", "0"),)
    elif variant == "date":
        headers = (("retry-after", formatdate(math.ceil(time.time()) + 1, usegmt=True)),)
    elif status == 429:
        headers = (("retry-after", "2"),)
    return error_reply(status, error_type, message, headers)


_CUT_SHORT = MessagesPlan(max_pieces=6, finish=False)
# find_scenario() adds sim-error-<status>[-context|-credit|-html|-date],
# sim-flaky-<status|drop>-<n> and sim-paced-<ms>
SCENARIOS: dict[str, Scenario] = {
    "sim-normal": MessagesPlan(),
    "sim-echo": MessagesPlan(text=echo_text),
    "sim-echo-params": MessagesPlan(text=_params_text),
    "sim-slow": MessagesPlan(delay=0.05),
    "sim-reasoning": MessagesPlan(thinking=True),
    "sim-long": MessagesPlan(text=long_text, split=long_pieces),
    "sim-cache": MessagesPlan(cache=(1200, 3000)),
    "sim-keepalive": MessagesPlan(pings=5),
    "sim-unknown-event": MessagesPlan(unknown_events=True),
    "sim-no-finish": MessagesPlan(finish=False),
    "sim-whole": MessagesPlan(thinking=True, cache=(0, 3000), whole=True),
    "sim-midstream-error": replace(_CUT_SHORT, tail=_overloaded),
    # Errors in the 200 stream before any text: passing ones (the first n requests), or not.
    "sim-stream-overloaded": MessagesPlan(head=_overloaded),
    "sim-stream-overloaded-2": MessagesPlan(head=_overloaded, head_requests=2),
    "sim-stream-api-error-1": MessagesPlan(head=_api_error, head_requests=1),
    "sim-stream-invalid-request": MessagesPlan(head=_invalid_request),
    "sim-drop": replace(_CUT_SHORT, ending="abort"),
    "sim-hang-midstream": replace(_CUT_SHORT, ending="hang"),
}


def find_scenario(model: str) -> Scenario | None:
    """The scenario a model name asks for, or None for a model the simulator does not serve."""
    return scenario_names.find_scenario(model, SCENARIOS, _ERROR_NAME, error_for)
