"""The one redaction every text a server sent passes before it reaches a message, a log, the
history or an export: servers echo the key back (in an error about it, in a broken chunk), in
capitals, percent-encoded, or cut off where a long text was shortened."""

from __future__ import annotations

import re

from desktop_app.core.errors import ProviderError

HIDDEN = "[key hidden]"
_MIN_CUT = 4
"""The shortest end of a shortened text that is hidden as the start of the key."""
_TEXT_END = re.compile(r"[\s\"'.…]*\Z")


def redact(text: str, key: str | None) -> str:
    """`text` with the key hidden wherever it appears: in any letter case, percent-encoded
    wholly or in part, and its start where the text was cut short in the middle of it. A key of
    any length is hidden, even one shorter than 4 characters."""
    if not key:
        return text
    text = re.sub("".join(_char_pattern(char) for char in key), HIDDEN, text, flags=re.IGNORECASE)
    return _hide_cut_key(text, key)


def redact_error(error: ProviderError, key: str | None) -> ProviderError:
    """`error` with the key hidden in its message (the text every view of it shows); the same
    object, so that its type, cause and partial answer stay."""
    if key:
        redacted = redact(error.message, key)
        # Replaced only when the key was there: a message untouched keeps its template, by
        # which it is shown in the user's language (text/messages.py).
        if redacted != error.message:
            error.message = redacted
            error.args = (error.message, *error.args[1:])
    return error


def _char_pattern(char: str) -> str:
    """The character itself, or its UTF-8 bytes percent-encoded (%2F or %2f)."""
    encoded = "".join(f"%{byte:02x}" for byte in char.encode("utf-8"))
    return f"(?:{re.escape(char)}|{encoded})"


def _hide_cut_key(text: str, key: str) -> str:
    """Hide the key's first characters where they end the text (before an ellipsis or a quote):
    what is left of the key when a long text was shortened in the middle of it."""
    end = _TEXT_END.search(text)
    body = text[: end.start()] if end else text
    folded = body.casefold()
    for length in range(len(key) - 1, min(_MIN_CUT, len(key)) - 1, -1):
        if folded.endswith(key[:length].casefold()):
            return body[: len(body) - length] + HIDDEN + text[len(body) :]
    return text
