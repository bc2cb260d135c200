"""Every error the core raises, each with a message that names the provider and says what to do.

TallyError
├── ConfigError                  the providers file or a setting is wrong
├── KeyringUnavailable           no working OS keyring
├── MissingKeyError              a provider needs a key and none is stored
├── AttachmentError              a file cannot be attached or sent as it is
│   ├── UnsupportedAttachment    a type no API takes (an executable, a .doc, a HEIC photo)
│   ├── UnreadableAttachment     the file cannot be read, or its contents are damaged
│   ├── AttachmentTooLarge       a file, or a message's files together, pass the size limit
│   ├── NoTextInDocument         a PDF has no text to extract (a scan): send it as a document
│   └── ImagesNotTaken           the model is known to take no images
├── HistoryError                 the local history cannot do what was asked
│   ├── HistoryVersionError      the database was upgraded by a newer Tally
│   ├── HistoryDamaged           the file is not a database, is malformed, or fails its check
│   ├── HistoryUnreadable        the file or its folder cannot be opened or written (permissions)
│   ├── DiskFull                 the disk holding the history has no room for a write
│   ├── BackupError              a backup cannot be made or restored
│   └── ConversationExists       a conversation with that id is already stored
└── ProviderError                talking to a provider failed (carries the partial answer)
    ├── ProviderUnreachable      connection refused, DNS failure, no route
    │   └── TLSFailure           the TLS handshake or certificate check failed
    ├── ProviderTimeout
    │   ├── ConnectTimeout       no TCP/TLS connection within the connect timeout
    │   ├── FirstByteTimeout     the request was sent but no response began in time
    │   ├── IdleTimeout          the stream went silent for longer than the idle timeout
    │   └── DeadlineExceeded     the whole answer took longer than the total timeout
    ├── ProviderHTTPError        the provider answered with an error status
    │   ├── AuthenticationError  401 / 403: the key is wrong or lacks access
    │   ├── InsufficientBalance  402: balance or credits exhausted
    │   ├── NotFoundError        404: unknown model or wrong base URL
    │   ├── ContextTooLong       413, or 400 naming the context length
    │   ├── BadRequestError      another 4xx: the request was rejected
    │   │   └── ImagesRefused    400 saying the model takes no images
    │   ├── RateLimited          429: too many requests (with the wait, if given)
    │   └── ServerError          5xx / 529: trouble on the provider's side
    ├── UnexpectedResponse       not JSON nor an event stream (an HTML page from a proxy)
    └── StreamError              the answer started but went wrong
        ├── StreamErrorEvent     the provider reported an error inside the stream
        ├── MalformedChunk       a chunk was not the JSON it should be
        ├── ResponseTooLarge     a line or an event of the stream passed Tally's limit
        └── ConnectionDropped    the connection closed in the middle of the answer
"""

from __future__ import annotations

from dataclasses import dataclass

# What a passing error reported inside a stream means, by the status it stands for: words for
# its message ("Gemini is overloaded right now and stopped ...") and for a retry note.
_PASSING_TROUBLE = {
    408: ("timed out", "timed out"),
    429: ("is rate-limiting requests", "rate-limited"),
    500: ("had an internal error", "an internal error"),
    503: ("is overloaded right now", "overloaded"),
    504: ("timed out", "timed out"),
    529: ("is overloaded right now", "overloaded"),
}
_OTHER_PASSING_TROUBLE = ("had a server error", "a server error")


@dataclass(frozen=True, slots=True)
class Partial:
    """What had arrived of an answer when it failed."""

    text: str = ""
    reasoning: str = ""


class TallyError(Exception):
    """Base of every error Tally raises on purpose."""


class ConfigError(TallyError):
    """Raised when the providers file or a setting cannot be used."""


class KeyringUnavailable(TallyError):
    """Raised when no OS keyring backend works (for example headless Linux without D-Bus)."""


class MissingKeyError(TallyError):
    """Raised when a provider that needs a key has none in the keyring or its variable."""


class AttachmentError(TallyError):
    """Base of the reasons a file cannot be attached; `name` is the file's name."""

    def __init__(self, message: str, *, name: str) -> None:
        super().__init__(message)
        self.name = name


class UnsupportedAttachment(AttachmentError):
    """Raised when a file is of a type Tally cannot send (neither image, text, PDF nor DOCX)."""


class UnreadableAttachment(AttachmentError):
    """Raised when a file cannot be opened or read, or its contents do not decode as its type."""


class AttachmentTooLarge(AttachmentError):
    """Raised when one file, or all of a message's files together, pass what a message may carry."""


class NoTextInDocument(AttachmentError):
    """Raised when a PDF holds no text to extract (a scan): it can only go as a document."""


class ImagesNotTaken(AttachmentError):
    """Raised before sending when the model is known to take no images; `takers` are models of
    the same provider that do."""

    def __init__(self, message: str, *, name: str, takers: tuple[str, ...] = ()) -> None:
        super().__init__(message, name=name)
        self.takers = takers


class HistoryError(TallyError):
    """Base of errors of the local history store; `detail` is the cause alone (SQLite's words,
    or the integrity check's), for a window that says the rest its own way."""

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class HistoryVersionError(HistoryError):
    """Raised when the history database was upgraded by a newer version of Tally."""


class HistoryDamaged(HistoryError):
    """Raised when the history file is not an SQLite database, is malformed, or fails PRAGMA
    quick_check: Tally must neither read nor write it until it is restored or set aside."""


class HistoryUnreadable(HistoryError):
    """Raised when the history file or its folder cannot be opened, read or written: its
    permissions, a read-only folder or file system, or a file that is not a file."""


class DiskFull(HistoryError):
    """Raised when a write to the history finds no room on its disk; what was written before
    stays, and the write can be made again once there is room."""


class HistoryBusy(HistoryError):
    """Raised when another writer holds the history's write lock for longer than a write waits
    (an import, which writes in one transaction); the write can be made again once it is done."""


class BackupError(HistoryError):
    """Raised when a backup of the history cannot be made, found or restored."""


class ConversationExists(HistoryError):
    """Raised when a conversation is created with the id of one already stored (a deleted one
    keeps its id until purged)."""


class ProviderError(TallyError):
    """Base of errors met while talking to a provider; `partial` is what arrived before."""

    retryable = False

    def __init__(self, message: str, *, provider: str, partial: Partial | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.provider = provider
        self.partial = partial or Partial()

    def __str__(self) -> str:
        return self.message


class ProviderUnreachable(ProviderError):
    """Raised when the connection is refused, the host name does not resolve, or no route."""

    retryable = True


class TLSFailure(ProviderUnreachable):
    """Raised when the TLS handshake or the certificate check fails."""

    retryable = False


class ProviderTimeout(ProviderError):
    """Base of the timeouts; `seconds` is the limit that ran out."""

    def __init__(
        self, message: str, *, provider: str, seconds: float, partial: Partial | None = None
    ) -> None:
        super().__init__(message, provider=provider, partial=partial)
        self.seconds = seconds


class ConnectTimeout(ProviderTimeout):
    """Raised when no connection is made within the connect timeout."""

    retryable = True


class FirstByteTimeout(ProviderTimeout):
    """Raised when the request was sent but no response began within the first-byte timeout."""


class IdleTimeout(ProviderTimeout):
    """Raised when nothing arrives for longer than the idle timeout while streaming."""


class DeadlineExceeded(ProviderTimeout):
    """Raised when the whole answer takes longer than the total timeout."""


class ProviderHTTPError(ProviderError):
    """Raised when the provider answers with an error status; `detail` is its own message.

    `retry_after` is the wait the provider asked for, in seconds, when it named one.
    """

    def __init__(
        self,
        message: str,
        *,
        provider: str,
        status: int,
        detail: str = "",
        retry_after: float | None = None,
        partial: Partial | None = None,
    ) -> None:
        super().__init__(message, provider=provider, partial=partial)
        self.status = status
        self.detail = detail
        self.retry_after = retry_after


class AuthenticationError(ProviderHTTPError):
    """Raised on 401 or 403: the key is wrong, revoked, or lacks access to the model."""


class InsufficientBalance(ProviderHTTPError):
    """Raised on 402: the account's balance or credits are used up."""


class NotFoundError(ProviderHTTPError):
    """Raised on 404: the model is unknown or the base URL is wrong."""


class ContextTooLong(ProviderHTTPError):
    """Raised on 413, or a 400 that names the context length: the conversation is too long."""


class BadRequestError(ProviderHTTPError):
    """Raised on another 4xx status: the provider rejected the request's parameters."""


class ImagesRefused(BadRequestError):
    """Raised on a 400 that says the model takes no images ("image_url is not supported")."""


class RateLimited(ProviderHTTPError):
    """Raised on 429: too many requests; `retry_after` says how long to wait, if the server did."""

    retryable = True


class ServerError(ProviderHTTPError):
    """Raised on 408, 409, 5xx and 529: the provider is down, overloaded or timed out."""

    retryable = True


class UnexpectedResponse(ProviderError):
    """Raised when the answer is neither the API's JSON nor an event stream (an HTML page)."""

    def __init__(
        self, message: str, *, provider: str, status: int, partial: Partial | None = None
    ) -> None:
        super().__init__(message, provider=provider, partial=partial)
        self.status = status
        # A proxy's 502/503 page is as passing as the API's own.
        self.retryable = is_retryable_status(status)


class StreamError(ProviderError):
    """Base of failures after the answer began streaming."""


class StreamErrorEvent(StreamError):
    """Raised when the provider sends an error inside a 200 stream.

    `status` is the HTTP status the error stands for, when it names one (Gemini's and
    OpenRouter's `code`, Anthropic's error type); a passing one (429, 503, ...) is retryable.
    """

    def __init__(
        self,
        message: str,
        *,
        provider: str,
        status: int | None = None,
        partial: Partial | None = None,
    ) -> None:
        super().__init__(message, provider=provider, partial=partial)
        self.status = status
        self.retryable = status is not None and is_retryable_status(status)

    @classmethod
    def reported(
        cls, provider: str, said: str, code: object, *, answered: bool
    ) -> StreamErrorEvent:
        """The error a provider reported in its own words (`said`), with what to do about it.

        `code` counts when it is an HTTP status (503 or "503"; OpenAI's codes are words): a
        passing one makes the error retryable, and the chat core then sends the request again
        if no text came yet.
        """
        status = _status_of(code)
        where = "in the middle of the answer" if answered else "before answering"
        kept = "The part received is kept; try" if answered else "Try"
        trouble = _passing_trouble(status)
        if trouble is None:
            what, when = f"reported an error {where}", "again or"
        else:
            what, when = f"{trouble[0]} and stopped {where}", "again in a moment, or"
        message = f"{provider} {what} ({said}). {kept} {when} switch to another model."
        return cls(message, provider=provider, status=status)

    @property
    def trouble(self) -> str | None:
        """A passing error in a few words ("overloaded", "rate-limited"); None for another."""
        trouble = _passing_trouble(self.status)
        return None if trouble is None else trouble[1]


class MalformedChunk(StreamError):
    """Raised when a streamed chunk is not valid JSON of the expected shape."""


class ResponseTooLarge(StreamError):
    """Raised when a line or an event of the stream grows past the decoder's limit (64 MiB)."""


class ConnectionDropped(StreamError):
    """Raised when the connection closes before the answer is complete."""


def is_retryable_status(status: int) -> bool:
    """Whether a request that got this status may be sent again before any answer arrived."""
    return status in (408, 409, 429) or 500 <= status <= 599


def _status_of(code: object) -> int | None:
    """`code` as an HTTP status, when it is one (503 or "503")."""
    if isinstance(code, str) and code.isascii() and code.isdigit():
        code = int(code)
    if isinstance(code, int) and not isinstance(code, bool) and 100 <= code <= 599:
        return code
    return None


def _passing_trouble(status: int | None) -> tuple[str, str] | None:
    """What a passing error with this status means (see _PASSING_TROUBLE), or None."""
    if status is None or not is_retryable_status(status):
        return None
    return _PASSING_TROUBLE.get(status, _OTHER_PASSING_TROUBLE)
