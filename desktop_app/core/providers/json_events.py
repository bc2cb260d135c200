"""What every wire protocol does with the JSON in its events: read an object, or say the stream
is mangled; and read a token count from a usage object."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from desktop_app.core.errors import MalformedChunk

SAMPLE_LENGTH = 200
"""How much of malformed data an error message quotes."""


def load_object(data: str, malformed: Callable[[str], MalformedChunk]) -> dict[str, Any]:
    """The JSON object in an event's data; raises `malformed(sample)` for anything else."""
    try:
        # strict=False: some servers leave control characters unescaped inside strings.
        loaded = json.loads(data, strict=False)
    except ValueError:
        raise malformed(data[:SAMPLE_LENGTH]) from None
    if not isinstance(loaded, dict):
        raise malformed(data[:SAMPLE_LENGTH])
    return loaded


def malformed_chunk(provider_name: str, sample: str, what: str = "a chunk") -> MalformedChunk:
    """The error for `what` (a chunk, an event) that is not the JSON object expected."""
    return MalformedChunk(
        f"{provider_name} sent {what} that is not valid JSON ({sample!r}); the answer was cut "
        "there. Try again; if it keeps happening, the server or a proxy is mangling the stream.",
        provider=provider_name,
    )


def token_count(usage: Any, key: str) -> int:
    """A count in a usage object: a positive whole number, else 0 (missing, null, or odd)."""
    value = usage.get(key) if isinstance(usage, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0
