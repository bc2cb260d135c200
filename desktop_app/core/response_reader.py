"""What a streamed answer's response means, without I/O: body bytes in, ChatEvents out, and the
rules around them (which failures are retried and after how long, what a timeout is called).

Two drivers do the I/O and share all of this: chat.stream_chat (asyncio, the window's chat
session) and chat_blocking.stream_chat_blocking (one thread, `tally ask`), so both read every
wire format, every hostile stream and every failure the same way.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from desktop_app.core.errors import (
    DeadlineExceeded,
    FirstByteTimeout,
    IdleTimeout,
    Partial,
    ProviderError,
    ProviderHTTPError,
)
from desktop_app.core.events import ChatEvent, Finish, KeepAlive, ReasoningDelta, TextDelta
from desktop_app.core.network.redaction import redact_error
from desktop_app.core.network.server_json import loads
from desktop_app.core.providers.base import StreamParser
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.sse import EventTooLarge, ServerSentEvent, SSEDecoder

log = logging.getLogger("desktop_app.core.chat")  # one logger for both drivers

ERROR_BODY_LIMIT = 64 * 1024
"""How much of an error body is read (its message is in the first few hundred bytes)."""

DRAIN_SECONDS = 1.0
"""How long to read what follows [DONE], so the connection ends cleanly."""


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how long to retry a request that failed before any answer arrived."""

    attempts: int = 3
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_wait: float = 60.0
    """A server that asks for a longer wait than this gets an error, not a frozen window."""


def is_rejection(status: int, content_type: str) -> bool:
    """Whether a response is an error to read and report rather than an answer to stream: an
    error status, or a web page (a proxy's or a CDN's) where the API should be."""
    return status >= 400 or content_type.startswith("text/html")


def says_json(content_type: str) -> bool:
    """Some servers ignore "stream": true and send the whole answer at once, as JSON."""
    return "json" in content_type


class ResponseReader:
    """Turns one successful response's body into ChatEvents, ending with one Finish.

    feed() each decoded piece of the body as it arrives, until `done` (the stream said it is
    over) or the body ends, then end(); a body that is one JSON answer goes to whole() instead.
    Each yields its events one by one, so that the events before a failure in the same piece
    are out before the failure is raised (a ProviderError: an error inside the stream, a
    mangled chunk, an event too large, a stream cut short). The key is hidden in the text and
    the reasoning by the session that shows them (network/redaction.py's AnswerRedaction),
    which alone knows when an answer is over, however it ends.
    """

    def __init__(self, provider: Provider, parser: StreamParser) -> None:
        self.provider = provider
        self.parser = parser
        self.decoder = SSEDecoder(extra_fields=parser.sse_extra_fields)
        self.answered = False
        """Text or reasoning arrived."""
        self.received = False
        """Any event arrived: an empty stream is not an answer cut short."""

    @property
    def done(self) -> bool:
        return self.parser.done

    @property
    def said_complete(self) -> bool:
        """The stream gave a finish reason: an idle wait after it is a server that keeps the
        connection open (Gemini has no end marker), not an answer cut off."""
        return self.parser.finish_reason is not None

    def feed(self, chunk: bytes) -> Iterator[ChatEvent]:
        """The events in the next piece of the body; KeepAlive for a piece of comments only
        (": keep-alive") before the answer began: the request is queued, and not dead."""
        sse_events = self._decoded(chunk)
        yield from self._parsed(sse_events)
        if not self.answered and not sse_events:
            yield KeepAlive()

    def end(self) -> Iterator[ChatEvent]:
        """The events due when the body is over (or the stream said it is done)."""
        if not self.parser.done:
            yield from self._parsed(self._decoded(None))
            if not self.parser.done and self.parser.finish_reason is None:
                from desktop_app.core.network.http_errors import ended_early  # see _decoded

                raise ended_early(self.provider, began=self.received)
        yield from self.parser.close()
        yield Finish(self.parser.finish_reason)

    def whole(
        self, body: bytes, model: str, headers: Mapping[str, str], key: str | None
    ) -> Iterator[ChatEvent]:
        """The events of a whole JSON answer (a server that did not stream)."""
        try:
            parsed = loads(body)
        except ValueError:
            from desktop_app.core.network.status_errors import error_for_status  # see _decoded

            raise error_for_status(self.provider, model, 200, headers, body, key) from None
        yield from self.parser.parse_whole(parsed)
        yield from self.parser.close()
        yield Finish(self.parser.finish_reason)

    def _decoded(self, chunk: bytes | None) -> list[ServerSentEvent]:
        try:
            events = self.decoder.feed(chunk) if chunk is not None else self.decoder.close()
        except EventTooLarge as exc:
            # The errors of a failed response are loaded when one fails: `tally ask` does
            # without them (some 3 ms) before the first byte of its answer.
            from desktop_app.core.network.http_errors import too_large

            raise too_large(self.provider, exc.max_size) from None
        self.received = self.received or bool(events)
        return events

    def _parsed(self, sse_events: list[ServerSentEvent]) -> Iterator[ChatEvent]:
        for sse in sse_events:
            for event in self.parser.parse(sse):
                self.answered = self.answered or isinstance(event, TextDelta | ReasoningDelta)
                yield event
            if self.parser.done:
                return


class Attempts:
    """The attempts at one answer: what each showed, and whether a failure is tried again."""

    def __init__(self, provider: Provider, key: str | None, policy: RetryPolicy | None) -> None:
        self.provider = provider
        self.key = key
        self.policy = policy or RetryPolicy()
        self.number = 0
        self._text: list[str] = []
        self._reasoning: list[str] = []

    def begin(self, model: str) -> None:
        """A new attempt starts."""
        self.number += 1
        self._text, self._reasoning = [], []
        log.info("asking %s for %s (attempt %d)", self.provider.id, model, self.number)

    def saw(self, event: ChatEvent) -> None:
        """`event` was passed on to whoever shows the answer."""
        if isinstance(event, TextDelta):
            self._text.append(event.text)
        elif isinstance(event, ReasoningDelta):
            self._reasoning.append(event.text)

    def failed(self, exc: ProviderError, remaining: float) -> float | None:
        """Seconds to wait before the next attempt, or None if `exc` is final. Redacts what
        the server said in it, and keeps what arrived as its `partial`."""
        redact_error(exc, self.key, self.provider)  # what the server said, before it is read
        shown = bool(self._text or self._reasoning)
        exc.partial = Partial("".join(self._text), "".join(self._reasoning))
        delay = None if shown else retry_delay(exc, self.number, self.policy, remaining)
        name = type(exc).__name__
        if delay is None:
            log.warning("%s: %s", self.provider.id, name)
        else:
            log.info("%s: %s; retrying in %.2f s", self.provider.id, name, delay)
        return delay


def retry_delay(
    exc: ProviderError, attempt: int, policy: RetryPolicy, remaining: float
) -> float | None:
    """Seconds to wait before the next attempt, or None if this error is not retried."""
    if not exc.retryable or attempt >= policy.attempts:
        return None
    asked = exc.retry_after if isinstance(exc, ProviderHTTPError) else None
    if asked is not None:
        delay = asked
    else:
        backoff = min(policy.max_delay, policy.base_delay * 2 ** (attempt - 1))
        delay = backoff * random.uniform(0.8, 1.2)
    if delay > policy.max_wait or delay >= remaining:
        return None
    return delay


def timeout_error(
    provider: Provider, limit: float, remaining: float, *, first_byte: bool
) -> ProviderError:
    """The error for a wait that ran out: the total deadline's if it is (all but) reached
    (`remaining` seconds before it), else the first byte's or the idle one's."""
    name = provider.name
    if remaining <= 0.001:
        total = provider.timeouts.total
        return DeadlineExceeded(
            f"{name} did not finish the answer within {total:g} s (the total timeout), though "
            "the connection stayed open. The request may be stuck in a queue: try again later, "
            "pick another model, or raise timeouts.total for this provider.",
            provider=name,
            seconds=total,
        )
    if first_byte:
        return FirstByteTimeout(
            f"{name} accepted the request but sent nothing back within {limit:g} s. It may be "
            "overloaded: try again, pick another model, or raise timeouts.first_byte.",
            provider=name,
            seconds=limit,
        )
    return IdleTimeout(
        f"{name} stopped sending in the middle of the answer: nothing for {limit:g} s. The "
        "part received is kept; try again, or raise timeouts.idle for slow models.",
        provider=name,
        seconds=limit,
    )


def budget(limit: float, remaining: float) -> float:
    """How long the next wait may take: its own limit, cut to what is left before the
    deadline."""
    return max(0.0, min(limit, remaining))
