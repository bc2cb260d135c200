"""What a wire protocol provides: the HTTP request for a chat, and a parser for its stream."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeAlias

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.events import ChatEvent
from desktop_app.core.settings.providers_file import Provider

if TYPE_CHECKING:
    # Models are listed only when asked: their import waits for the first list. The decoder's
    # events come with the first request: the app's start loads this module (the history names
    # Role) and needs neither.
    from desktop_app.core.settings.model_cache import ListedModel
    from desktop_app.core.sse import ServerSentEvent

Role = Literal["system", "user", "assistant"]

USER_AGENT = "Tally/0.1"

ModelPage: TypeAlias = "tuple[list[ListedModel], str | None]"
"""The models on one page of a list, and where the next page starts (None: the last page)."""


@dataclass(frozen=True, slots=True)
class Message:
    """One turn of a conversation."""

    role: Role
    content: str
    attachments: tuple[Attachment, ...] = ()
    """Files sent with the text (user turns only), each in the protocol's own form."""


@dataclass(frozen=True, slots=True)
class ChatRequest:
    """What to ask: the model, the conversation so far, and the sampling parameters."""

    model: str
    messages: tuple[Message, ...]
    system: str | None = None
    temperature: float | None = None
    top_p: float | None = None
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
    body: bytes | None = field(default=None, repr=False)
    """`json` encoded already, where it is tens of MB (a question's files in base64): encoded on
    a worker, which httpx would do on the thread that sends."""


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


def _never(status: int, body: bytes) -> bool:
    return False


@dataclass(frozen=True, slots=True)
class ModelListing:
    """How a protocol's servers list their models: where, with which headers, page by page."""

    url: Callable[[str], str]
    """The list's address, from the provider's base URL."""
    headers: Callable[[str | None], dict[str, str]]
    """The request's headers, from the key (None for a keyless local server); never the URL."""
    params: Callable[[str | None], dict[str, str] | None]
    """The query of one page, from where the last page ended (None for the first)."""
    page: Callable[[Any], ModelPage | None]
    """The models in one parsed page; None when the JSON is not a model list."""
    root_hint: str
    """What the API's root looks like, for a message about a base URL with no list (404)."""
    key_rejected: Callable[[int, bytes], bool] = _never
    """A wrong key said with a status other than 401/403 (Gemini: 400 API_KEY_INVALID)."""


def listed_text(value: Any) -> str | None:
    """A listed name or id, stripped; None unless it is text with something in it."""
    return value.strip() if isinstance(value, str) and value.strip() else None


class WireProtocol(Protocol):
    """One provider wire format."""

    models: ModelListing
    """How its servers list their models (the settings' Test connection, the picker's Refresh)."""

    def build_request(self, provider: Provider, key: str | None, chat: ChatRequest) -> HttpRequest:
        """The HTTP request that streams an answer to `chat`."""
        ...

    def new_parser(self, provider: Provider) -> StreamParser:
        """A fresh parser for one response."""
        ...
