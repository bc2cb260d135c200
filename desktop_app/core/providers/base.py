"""What a wire protocol provides: the HTTP request for a chat, and a parser for its stream."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from desktop_app.core.events import ChatEvent
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.sse import ServerSentEvent

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True, slots=True)
class Message:
    """One turn of a conversation."""

    role: Role
    content: str


@dataclass(frozen=True, slots=True)
class ChatRequest:
    """What to ask: the model, the conversation so far, and the sampling parameters."""

    model: str
    messages: tuple[Message, ...]
    system: str | None = None
    temperature: float | None = None
    max_tokens: int | None = None
    thinking_budget: int | None = None
    """Ask for the model's thinking up to this many tokens, where the API needs asking."""


@dataclass(frozen=True, slots=True)
class HttpRequest:
    """A request ready to send; `headers` may hold the key, so it is never logged."""

    method: str
    url: str
    headers: dict[str, str] = field(repr=False)
    json: dict[str, Any]


class StreamParser(Protocol):
    """Turns one response's server-sent events into ChatEvents; one instance per response."""

    sse_extra_fields: tuple[str, ...]
    """Non-standard SSE fields this protocol's servers use (see SSEDecoder(extra_fields=...))."""

    done: bool
    """True once the stream said it is over (OpenAI's [DONE], Anthropic's message_stop)."""

    finish_reason: str | None
    """The reason the answer ended, once known."""

    def parse(self, event: ServerSentEvent) -> list[ChatEvent]:
        """The ChatEvents in one event; raises StreamErrorEvent or MalformedChunk."""
        ...

    def parse_whole(self, body: Any) -> list[ChatEvent]:
        """The ChatEvents of a complete, non-streamed JSON answer."""
        ...

    def close(self) -> list[ChatEvent]:
        """The ChatEvents due at the end of the answer; raises the error that ended it, when
        the parser held one back so that the events before it (the usage) could come out first.
        """
        ...


class WireProtocol(Protocol):
    """One provider wire format."""

    def build_request(self, provider: Provider, key: str | None, chat: ChatRequest) -> HttpRequest:
        """The HTTP request that streams an answer to `chat`."""
        ...

    def new_parser(self, provider: Provider) -> StreamParser:
        """A fresh parser for one response."""
        ...
