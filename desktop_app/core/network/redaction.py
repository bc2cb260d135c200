"""The one redaction every text a server sent passes before it reaches a message, a log, the
history or an export: servers echo the key back (in an error about it, in a broken chunk, in
the answer itself), in capitals, percent-encoded, as JSON or HTML escapes, in base64 or hex, or
cut off where a long text was shortened."""

from __future__ import annotations

import base64
import functools
import re
from dataclasses import dataclass

from desktop_app.core.errors import ProviderError

HIDDEN = "[key hidden]"
_MIN_CUT = 4
"""The shortest end of a shortened text that is hidden as the start of the key."""
_MIN_ENCODED = 8
"""Keys shorter than this are not looked for in base64 or hex: pieces of a few characters
would hide ordinary words."""
_TEXT_END = re.compile(r"[\s\"'.…]*\Z")
_CUT = "…"
"""What a shortened text (status_errors, a malformed chunk's sample) ends its part with."""


def redact(text: str, key: str | None) -> str:
    """`text` with the key hidden wherever it appears: in any letter case, each character
    as itself, percent-encoded, a JSON \\u escape or an HTML character reference; the whole key
    in base64 (as a part of a longer encoded text too) or hex; and its start where the text
    was cut short in the middle of it. A key of any length is hidden, even one shorter than 4
    characters."""
    if not key:
        return text
    return _hide_cut_key(_forms(key).whole.sub(HIDDEN, text), key)


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


class StreamRedaction:
    """redact() for a text that arrives in pieces (an answer, its reasoning): add() gives back
    each piece with the key hidden, holding back an end that could be the start of the key
    until the next piece says whether it is; end() gives what is held when the text is over."""

    def __init__(self, key: str) -> None:
        self.key = key
        self._held = ""

    def add(self, piece: str) -> str:
        text = _forms(self.key).whole.sub(HIDDEN, self._held + piece)
        kept = _start_of_key_at_end(text, self.key)
        self._held = text[kept:]
        return text[:kept]

    def end(self) -> str:
        """What is held back: the start of the key hidden if it is long enough to tell (the
        text stopped in the middle of the key), else as it came."""
        held, self._held = self._held, ""
        return _hide_cut_key(held, self.key)


@dataclass(frozen=True)
class _Forms:
    chars: tuple[tuple[str, ...], ...]
    """Each character of the key in the ways it can be written, in lower case."""
    encoded: tuple[str, ...]
    """The whole key in base64 (each alignment, both alphabets) and hex, in lower case."""
    whole: re.Pattern[str]
    """Any of them, whole, in any letter case."""


@functools.lru_cache(maxsize=8)
def _forms(key: str) -> _Forms:
    chars = tuple(_char_forms(char) for char in key)
    encoded = _encoded_forms(key) if len(key) >= _MIN_ENCODED else ()
    spelled = "".join("(?:" + "|".join(map(re.escape, forms)) + ")" for forms in chars)
    pattern = "|".join([spelled, *map(re.escape, encoded)])
    return _Forms(chars, encoded, re.compile(pattern, re.IGNORECASE))


def _char_forms(char: str) -> tuple[str, ...]:
    """The character itself, its UTF-8 bytes percent-encoded, a JSON escape (\\u0073) and
    HTML's decimal and hex character references (&#115; &#x73;)."""
    code = ord(char)
    forms = [char, "".join(f"%{byte:02x}" for byte in char.encode("utf-8"))]
    if code < 0x10000:
        forms.append(f"\\u{code:04x}")
    forms += [f"&#{code};", f"&#x{code:x};"]
    return tuple(dict.fromkeys(form.lower() for form in forms))


def _encoded_forms(key: str) -> tuple[str, ...]:
    """The key in hex, and the part of any base64 text that holds it which depends on the key
    alone, whatever came before it (three alignments) and after it."""
    data = key.encode("utf-8")
    forms = [data.hex()]
    for offset in range(3):
        encoded = base64.b64encode(bytes(offset) + data).decode("ascii")
        first = -(-offset * 4 // 3)  # the first character made of the key's bits alone
        last = (offset + len(data)) * 4 // 3  # past the last one
        middle = encoded[first:last]
        forms += [middle, middle.translate(_URL_SAFE)]
    return tuple(dict.fromkeys(form.lower() for form in forms))


_URL_SAFE = str.maketrans("+/", "-_")


def _start_of_key_at_end(text: str, key: str) -> int:
    """Where an end of `text` begins that could be the start of the key written in any of its
    forms (the last character's form may itself be cut short); len(text) if none."""
    forms = _forms(key)
    firsts = {form[0] for form in forms.chars[0]} | {form[0] for form in forms.encoded}
    longest = max(len(form) for forms_of in forms.chars for form in forms_of) * len(key)
    longest = max([longest, *map(len, forms.encoded)])
    for start in range(max(0, len(text) - longest), len(text)):
        if text[start].lower() not in firsts:
            continue
        end = text[start:].lower()
        if _starts_spelled(end, forms.chars) or any(form.startswith(end) for form in forms.encoded):
            return start
    return len(text)


def _starts_spelled(text: str, chars: tuple[tuple[str, ...], ...]) -> bool:
    """Whether `text` is a proper start of the key (`chars`), a character at a time in any
    of their forms, the last one perhaps cut short."""
    for form in chars[0]:
        if form.startswith(text) and (len(chars) > 1 or len(form) > len(text)):
            return True
        if (
            len(chars) > 1
            and text.startswith(form)
            and _starts_spelled(text[len(form) :], chars[1:])
        ):
            return True
    return False


def _hide_cut_key(text: str, key: str) -> str:
    """Hide the key's first characters where they end the text (before an ellipsis or a quote)
    or end a part of it that was shortened (before an ellipsis): what is left of the key when a
    long text was shortened in the middle of it."""
    end = _TEXT_END.search(text)
    ends = [end.start() if end else len(text)]
    ends += [at for at in range(len(text)) if text.startswith(_CUT, at) and at < ends[0]]
    for at in sorted(ends, reverse=True):  # from the last, so that the places before hold
        folded = text[:at].casefold()
        for length in range(len(key) - 1, min(_MIN_CUT, len(key)) - 1, -1):
            if folded.endswith(key[:length].casefold()):
                text = text[: at - length] + HIDDEN + text[at:]
                break
    return text
