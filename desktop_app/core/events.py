"""The normalized events every provider adapter yields, whatever its wire format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class TextDelta:
    """A piece of the answer's text."""

    text: str


@dataclass(frozen=True, slots=True)
class ReasoningDelta:
    """A piece of the model's reasoning (DeepSeek reasoning_content, Ollama reasoning, ...)."""

    text: str


MAX_TOKENS = 10**9
"""More tokens than any model reads or writes for one answer: a count above it is nonsense."""


@dataclass(frozen=True, slots=True)
class Usage:
    """Token counts, normalized: input includes cached input and cache writes (the parts read
    from and written to the provider's prompt cache), output includes reasoning."""

    input_tokens: int
    output_tokens: int
    cached_input_tokens: int = 0
    reasoning_tokens: int = 0
    source: Literal["reported", "estimated"] = "reported"
    cache_write_tokens: int = 0

    def after(self, before: Usage | None) -> Usage:
        """This report of an answer's usage, following `before` (an earlier one of the same
        answer): each count the larger of the two, since counts only grow while an answer
        streams, and a server that reports less later has lost count, not given tokens back."""
        if before is None:
            return self
        return Usage(
            max(self.input_tokens, before.input_tokens),
            max(self.output_tokens, before.output_tokens),
            max(self.cached_input_tokens, before.cached_input_tokens),
            max(self.reasoning_tokens, before.reasoning_tokens),
            self.source,
            max(self.cache_write_tokens, before.cache_write_tokens),
        )


@dataclass(frozen=True, slots=True)
class Finish:
    """The answer ended; `reason` is the provider's (stop, length, ...) or None if it gave none."""

    reason: str | None


@dataclass(frozen=True, slots=True)
class KeepAlive:
    """Bytes arrived but no answer yet: the request is queued or the model is thinking."""


@dataclass(frozen=True, slots=True)
class Retrying:
    """The request failed before any answer and will be sent again after `delay` seconds.

    `reason` is a few words (such as "HTTP 503 (Service is too busy)"), not the full advice.
    """

    attempt: int
    delay: float
    reason: str


ChatEvent = TextDelta | ReasoningDelta | Usage | Finish | KeepAlive | Retrying
