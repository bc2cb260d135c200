"""The Gemini dialect of the simulator: its scripted answers, chosen by model name.

The names mirror the OpenAI scenarios where they mean the same (sim-normal, sim-error-503,
sim-flaky-429-2, sim-drop); the rest are Gemini's own (thought parts, SAFETY, MAX_TOKENS, a
prompt blocked before any answer, an error object in the middle of the stream).
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

from desktop_app.simulator import answer_texts as texts
from desktop_app.simulator import gemini_payloads as payloads
from desktop_app.simulator import scenario_names
from desktop_app.simulator.http_connection import (
    BodyReply,
    Reply,
    StreamReply,
    json_bytes,
)

Mode = Literal["sse", "array", "whole"]
"""streamGenerateContent?alt=sse, streamGenerateContent (a JSON array), generateContent."""

THOUGHT_TEXT = "**Planning the answer**\n\n" + texts.REASONING_TEXT
PIECE_SIZE = 24  # Gemini sends a few words per chunk, more than OpenAI's token or two
_ERROR_NAME = re.compile(r"sim-error-([45]\d\d)(?:-(context|location))?")


@dataclass(frozen=True)
class GeminiContext(scenario_names.RequestContext):
    """A request in Gemini's format, and which of its methods it came by."""

    mode: Mode

    @property
    def contents(self) -> list[dict[str, Any]]:
        contents = self.body.get("contents")
        return [c for c in contents if isinstance(c, dict)] if isinstance(contents, list) else []

    def prompt_tokens(self) -> int:
        """A deterministic stand-in for a tokenizer: a quarter of the characters, plus 4 a turn."""
        turns = [*self.contents, self.body.get("systemInstruction")]
        characters = sum(len(text_of(turn)) for turn in turns)
        return max(1, characters // 4 + 4 * len(self.contents))


Scenario = Callable[[GeminiContext], Awaitable[Reply]]


def text_of(content: Any) -> str:
    """The text of a Content's parts."""
    parts = content.get("parts") if isinstance(content, dict) else None
    if not isinstance(parts, list):
        return ""
    found = (part.get("text") for part in parts if isinstance(part, dict))
    return "".join(text for text in found if isinstance(text, str))


def _normal_text(ctx: GeminiContext) -> str:
    return texts.NORMAL_ANSWER


def _echo_text(ctx: GeminiContext) -> str:
    users = [content for content in ctx.contents if content.get("role") == "user"]
    return "You said: " + (text_of(users[-1]) if users else "")


def _pieces(text: str) -> list[str]:
    return texts.split_fixed(text, PIECE_SIZE)


def _error_event(code: int) -> Callable[[], str]:
    """An error object as one event of the stream, as the API sends it after the 200."""
    body = payloads.error_body(code, payloads.message_for(code))
    return lambda: "data: " + json_bytes(body).decode()


@dataclass(frozen=True)
class GeminiPlan:
    """An answer in Gemini's chunks, bent in the ways its fields ask for."""

    text: Callable[[GeminiContext], str] = _normal_text
    thoughts: bool = False  # thought parts before the text
    delay: float | None = None  # seconds between chunks; None: the simulator's token_delay
    max_pieces: int | None = None  # cut the text short, for trouble in mid-answer
    finish: str | None = "STOP"  # None: no chunk says the answer ended
    cached: bool = False  # half the prompt read from the context cache
    tail: Callable[[], str] | None = None  # one event line after the text
    head: Callable[[], str] | None = None  # one event line before any text (an error), the end
    head_requests: int | None = None  # send the head to this many requests, then answer
    ending: Literal["end", "abort", "hang"] = "end"

    async def __call__(self, ctx: GeminiContext) -> Reply:
        if ctx.mode == "sse":
            return StreamReply(self._events(ctx), abort_at_end=self.ending == "abort")
        chunks = self._chunks(ctx)
        return BodyReply(200, json_bytes(chunks if ctx.mode == "array" else _merged(chunks)))

    async def _events(self, ctx: GeminiContext) -> AsyncGenerator[bytes, None]:
        if self.head is not None and ctx.among_first(self.head_requests):
            yield (self.head() + "\r\n\r\n").encode()
            return  # the API ends the stream after an error
        chunks = self._chunks(ctx)
        delay = ctx.piece_delay(len(chunks), self.delay)
        for chunk in chunks:
            yield b"data: " + json_bytes(chunk) + b"\r\n\r\n"
            if delay:
                await asyncio.sleep(delay)
        if self.tail is not None:
            yield (self.tail() + "\r\n\r\n").encode()
        if self.ending == "hang":  # the answer is over, the stream never closes
            await asyncio.Event().wait()

    def _chunks(self, ctx: GeminiContext) -> list[dict[str, Any]]:
        """Thought chunks, text chunks, and the finish; the last chunk carries the totals."""
        builder = payloads.ResponseChunks(ctx.model)
        prompt = ctx.prompt_tokens()
        running = payloads.usage_metadata(prompt)  # mid-answer chunks count only the prompt
        thoughts = _pieces(THOUGHT_TEXT) if self.thoughts else []
        pieces = _pieces(self.text(ctx))[: self.max_pieces]
        parts = [[{"text": t, "thought": True}] for t in thoughts] + [[{"text": p}] for p in pieces]
        chunks = [builder.chunk(part, running) for part in parts]
        if self.finish is None:
            return chunks
        cached = prompt // 2 if self.cached else 0
        final = payloads.usage_metadata(prompt, len(pieces), len(thoughts), cached)
        if self.finish in ("STOP", "MAX_TOKENS") and chunks:
            # The real API puts the finish on the chunk with the last words.
            chunks[-1] = builder.chunk(parts[-1], final, self.finish)
        else:
            chunks.append(builder.chunk(None, final, self.finish))
        return chunks


def _merged(chunks: list[dict[str, Any]]) -> dict[str, Any]:
    """generateContent's single response: the chunks' parts joined, the last chunk's rest."""
    thought = "".join(_texts(chunks, thought=True))
    text = "".join(_texts(chunks, thought=False))
    parts = ([{"text": thought, "thought": True}] if thought else []) + [{"text": text}]
    whole: dict[str, Any] = json.loads(json.dumps(chunks[-1]))
    candidate = whole["candidates"][0]
    if "content" in candidate:  # a blocked answer has none, whatever came before the block
        candidate["content"] = {"parts": parts, "role": "model"}
    return whole


def _texts(chunks: list[dict[str, Any]], *, thought: bool) -> list[str]:
    parts = [
        part
        for chunk in chunks
        for part in chunk["candidates"][0].get("content", {}).get("parts", [])
    ]
    return [part["text"] for part in parts if part.get("thought", False) is thought]


async def _prompt_blocked(ctx: GeminiContext) -> Reply:
    builder = payloads.ResponseChunks(ctx.model)
    chunk = builder.prompt_blocked(payloads.usage_metadata(ctx.prompt_tokens()))
    if ctx.mode != "sse":
        return BodyReply(200, json_bytes([chunk] if ctx.mode == "array" else chunk))

    async def events() -> AsyncGenerator[bytes, None]:
        yield b"data: " + json_bytes(chunk) + b"\r\n\r\n"

    return StreamReply(events())


def error_reply(
    ctx: GeminiContext, status: int, variant: str | None = None, *, quick: bool = False
) -> BodyReply:
    """A Gemini-shaped error response; a quick 429 asks for a wait short enough for tests."""
    body = payloads.status_error(status, ctx.model, ctx.sent_key, variant)
    if quick and status == 429:
        body = payloads.quota_error(ctx.model, "0.010s")
    return BodyReply(status, json_bytes(body), content_type="application/json; charset=UTF-8")


_CUT_SHORT = GeminiPlan(max_pieces=4, finish=None)
# find_scenario() adds sim-error-<status>[-context|-location], sim-flaky-<status|drop>-<n> and
# sim-paced-<ms>
SCENARIOS: dict[str, Scenario] = {
    "sim-normal": GeminiPlan(),
    "sim-echo": GeminiPlan(text=_echo_text),
    "sim-slow": GeminiPlan(delay=0.05),
    "sim-thoughts": GeminiPlan(thoughts=True),
    "sim-cached": GeminiPlan(thoughts=True, cached=True),
    "sim-max-tokens": GeminiPlan(max_pieces=5, finish="MAX_TOKENS"),
    "sim-safety": GeminiPlan(max_pieces=5, finish="SAFETY"),
    "sim-safety-at-once": GeminiPlan(max_pieces=0, finish="SAFETY"),
    "sim-recitation": GeminiPlan(max_pieces=5, finish="RECITATION"),
    "sim-prompt-blocked": _prompt_blocked,
    "sim-midstream-error": replace(_CUT_SHORT, tail=_error_event(500)),
    # An error object in the 200 stream before any text: passing ones (the first n requests:
    # 503 UNAVAILABLE, 500 INTERNAL, 429 RESOURCE_EXHAUSTED), or not (400 INVALID_ARGUMENT).
    "sim-stream-overloaded": GeminiPlan(head=_error_event(503)),
    "sim-stream-overloaded-2": GeminiPlan(head=_error_event(503), head_requests=2),
    "sim-stream-internal-1": GeminiPlan(head=_error_event(500), head_requests=1),
    "sim-stream-exhausted-1": GeminiPlan(head=_error_event(429), head_requests=1),
    "sim-stream-invalid-argument": GeminiPlan(head=_error_event(400)),
    "sim-no-finish": _CUT_SHORT,
    "sim-drop": replace(_CUT_SHORT, ending="abort"),
    "sim-stop-hang": GeminiPlan(ending="hang"),
}
LISTED_MODELS: list[tuple[str, list[str], str]] = [
    ("sim-normal", ["generateContent", "countTokens", "streamGenerateContent"], "Sim Normal"),
    ("sim-thoughts", ["generateContent", "countTokens", "streamGenerateContent"], "Sim Thoughts"),
    ("sim-slow", ["generateContent", "countTokens", "streamGenerateContent"], "Sim Slow"),
    ("sim-embedding", ["embedContent"], "Sim Embedding"),
]
"""GET /v1beta/models: chat models and one that cannot chat, as the real list mixes them."""


def find_scenario(model: str) -> Scenario | None:
    """The scenario a model name asks for, or None for a model the simulator does not serve."""
    return scenario_names.find_scenario(model, SCENARIOS, _ERROR_NAME, error_reply)
