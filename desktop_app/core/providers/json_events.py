"""What every wire protocol does with the JSON in its events: read an object, or say the stream
is mangled; and read a token count from a usage object."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from desktop_app.core.errors import MalformedChunk
from desktop_app.core.events import MAX_TOKENS, ChatEvent, Usage
from desktop_app.core.network.server_json import loads

log = logging.getLogger(__name__)


SAMPLE_LENGTH = 200
"""How much of malformed data an error message quotes."""


def sample(data: str) -> str:
    """What an error message quotes of malformed `data`: its start, with an ellipsis where it
    was cut (which tells the redaction that a key may have been cut there too)."""
    return data if len(data) <= SAMPLE_LENGTH else data[:SAMPLE_LENGTH] + "…"


def load_object(data: str, malformed: Callable[[str], MalformedChunk]) -> dict[str, Any]:
    """The JSON object in an event's data; raises `malformed(sample)` for anything else."""
    try:
        # strict=False: some servers leave control characters unescaped inside strings.
        loaded = loads(data, strict=False)
    except ValueError:
        raise malformed(sample(data)) from None
    if not isinstance(loaded, dict):
        raise malformed(sample(data))
    return loaded


def malformed_chunk(provider_name: str, sample: str, what: str = "a chunk") -> MalformedChunk:
    """The error for `what` (a chunk, an event) that is not the JSON object expected."""
    return MalformedChunk(
        f"{provider_name} sent {what} that is not valid JSON ({sample!r}); the answer was cut "
        "there. Try again; if it keeps happening, the server or a proxy is mangling the stream.",
        provider=provider_name,
    )


class UnreadableCount(ValueError):
    """A usage object holds a count that is not one (negative, fractional, text, absurd)."""


def token_count(usage: Any, key: str) -> int:
    """A count in a usage object: a whole number of tokens, 0 when missing or null; raises
    UnreadableCount for anything else there."""
    value = usage.get(key) if isinstance(usage, dict) else None
    if value is None:
        return 0
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 12.0: a count, written by a server that keeps numbers as floats
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_TOKENS:
        # Its type, not its value: a server may have put anything there, the key too.
        numeric = isinstance(value, int) and not isinstance(value, bool)
        kind = "out of range" if numeric else f"a {type(value).__name__}"
        raise UnreadableCount(f"{key} is {kind}")
    return value


def usage_reader(
    read: Callable[[dict[str, Any]], Usage],
) -> Callable[[dict[str, Any]], list[ChatEvent]]:
    """`read` (a wire format's usage object to Usage) giving [its Usage], or [] when a count in
    the object cannot be read: the answer's cost is then estimated from its text, as for a
    server that reports no usage, rather than billed as the nothing (or the absurd sum) the
    server reported."""

    @functools.wraps(read)
    def reader(usage: dict[str, Any]) -> list[ChatEvent]:
        try:
            return [read(usage)]
        except UnreadableCount as exc:
            log.warning("usage left out, a count is not one (%s): the cost is estimated", exc)
            return []

    return reader
