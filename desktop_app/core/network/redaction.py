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
from desktop_app.core.events import ChatEvent, Finish, ReasoningDelta, TextDelta
from desktop_app.core.settings.providers_file import Provider

HIDDEN = "[key hidden]"
_MIN_CUT = 4
"""The shortest end of a shortened text that is hidden as the start of the key."""
_MIN_ENCODED = 8
"""Keys shorter than this are not looked for in base64 or hex: pieces of a few characters
would hide ordinary words."""
SHORTEST_SECRET = 8
"""A key for a server on this computer shorter than this is a placeholder (secret_in)."""
_WORDS = re.compile(r"(?:[a-z]+|[A-Z]+)(?:[-_](?:[a-z]+|[A-Z]+))*")
"""A key of words alone, "lm-studio", "EMPTY", "sk-no-key-required": for a server on this
computer, a placeholder too. Not for one elsewhere: SiliconFlow's keys are "sk-" and 48
lower-case letters."""
_TEXT_END = re.compile(r"[\s\"'.…]*\Z")
_REASON = 40
"""The longest finish reason kept ("stop", "max_tokens", "content_filter": a few words)."""
_CUT = "…"
"""What a shortened text (status_errors, a malformed chunk's sample) ends its part with."""


def redact(text: str, key: str | None, provider: Provider | None = None) -> str:
    """`text` with the key hidden wherever it appears: in any letter case, each character
    as itself, percent-encoded, a JSON \\u escape or an HTML character reference; the whole key
    in base64 (as a part of a longer encoded text too) or hex; and its start where the text
    was cut short in the middle of it. A placeholder key (secret_in) is hidden only where it
    stands as a word of its own, exactly as written, for the text around it is Tally's and the
    user's words too ("Could not connect to Ollama" for the key "ollama")."""
    if not key:
        return text
    if secret_in(key, provider) is None:  # a placeholder: as a word of its own, as written
        return _as_a_word(key).sub(HIDDEN, text)
    return _hide_cut_key(_forms(key).whole.sub(HIDDEN, text), key)


def redact_error(
    error: ProviderError, key: str | None, provider: Provider | None = None
) -> ProviderError:
    """`error` with the key hidden in its message (the text every view of it shows); the same
    object, so that its type, cause and partial answer stay. `provider`: the server the key was
    sent to, which tells a placeholder (secret_in)."""
    if key:
        redacted = redact(error.message, key, provider)
        # Replaced only when the key was there: a message untouched keeps its template, by
        # which it is shown in the user's language (text/messages.py).
        if redacted != error.message:
            error.message = redacted
            error.args = (error.message, *error.args[1:])
    return error


def secret_in(key: str | None, provider: Provider | None) -> str | None:
    """The key to hide in what a model writes (its answers, the names in its model list): None
    for a placeholder, a key given to a server on this computer that takes none (Ollama, LM
    Studio, llama.cpp, vLLM at localhost) and shorter than SHORTEST_SECRET or words alone
    ("ollama", "x", "lmstudio"), which would be cut out of every word of an answer or a model
    name that holds it ("Install [key hidden] first", "mixtral" left out for the key "x"). A key
    for a server elsewhere (or `provider` None) is a secret, whatever its shape. redact() hides
    a placeholder in errors only where it stands as a word of its own, exactly as written: not
    in the provider's name "Ollama", nor in "max" or "mixtral:8x7b"."""
    if key is None or provider is None or provider.needs_key:
        return key
    return None if len(key) < SHORTEST_SECRET or _WORDS.fullmatch(key) else key


@functools.lru_cache(maxsize=8)
def _as_a_word(key: str) -> re.Pattern[str]:
    """A placeholder key where it is a word of its own (no letter, digit, "_" or "-" beside)."""
    return re.compile(rf"(?<![\w-]){re.escape(key)}(?![\w-])")


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
        # What goes out never ends with a start of the key (that is held): only a start cut
        # short before an ellipsis is left to hide.
        return _hide_cut_key(text[:kept], self.key, at_end=False) if _CUT in text else text[:kept]

    def end(self) -> str:
        """What is held back: the start of the key hidden if it is long enough to tell (the
        text stopped in the middle of the key), else as it came."""
        held, self._held = self._held, ""
        return _hide_cut_key(held, self.key)


class AnswerRedaction:
    """StreamRedaction for the events of an answer, its text and its reasoning each on its own
    (no key, or a placeholder given to `provider`: the events as they come, see secret_in).
    The session that shows the answer asks for held() however the answer ends (finished,
    failed, stopped), so that nothing that arrived is lost."""

    def __init__(self, key: str | None, provider: Provider | None) -> None:
        self.key = key = secret_in(key, provider)
        self._text = StreamRedaction(key) if key else None
        self._reasoning = StreamRedaction(key) if key else None

    def shown(self, event: ChatEvent) -> list[ChatEvent]:
        """`event` with the key hidden; none while all its text is held, and before an
        answer's first text, the reasoning held back (the reasoning is over)."""
        if self._text is None or self._reasoning is None:
            return [event]
        if isinstance(event, TextDelta):
            return _events(self._reasoning.end(), self._text.add(event.text))
        if isinstance(event, ReasoningDelta):
            text = self._reasoning.add(event.text)
            return [ReasoningDelta(text)] if text else []
        if isinstance(event, Finish):  # its reason too is the server's word: "weird_<key>"
            reason = None if event.reason is None else redact(event.reason, self.key)[:_REASON]
            return [*self.held(), Finish(reason)]
        return [event]

    def held(self) -> list[ChatEvent]:
        """What is still held back, as events (the reasoning's, then the text's)."""
        if self._text is None or self._reasoning is None:
            return []
        return _events(self._reasoning.end(), self._text.end())


def _events(reasoning: str, text: str) -> list[ChatEvent]:
    """A ReasoningDelta and a TextDelta, each if it has any text."""
    events: list[ChatEvent] = [ReasoningDelta(reasoning)] if reasoning else []
    return [*events, TextDelta(text)] if text else events


@dataclass(frozen=True)
class _Forms:
    chars: tuple[tuple[str, ...], ...]
    """Each character of the key in the ways it can be written, in lower case."""
    encoded: tuple[str, ...]
    """The whole key in base64 (each alignment, both alphabets) and hex, in lower case."""
    whole: re.Pattern[str]
    """Any of them, whole, in any letter case."""
    firsts: frozenset[str]
    """The characters any of them can start with."""
    longest: int
    """The most characters any of them can take."""


@functools.lru_cache(maxsize=8)
def _forms(key: str) -> _Forms:
    chars = tuple(_char_forms(char) for char in key)
    encoded = _encoded_forms(key) if len(key) >= _MIN_ENCODED else ()
    spelled = "".join("(?:" + "|".join(map(re.escape, forms)) + ")" for forms in chars)
    pattern = "|".join([spelled, *map(re.escape, encoded)])
    firsts = frozenset(form[0] for form in (*chars[0], *encoded))
    longest = max([sum(max(map(len, forms)) for forms in chars), *map(len, encoded)])
    return _Forms(chars, encoded, re.compile(pattern, re.IGNORECASE), firsts, longest)


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
    for start in range(max(0, len(text) - forms.longest), len(text)):
        if text[start].lower() not in forms.firsts:
            continue
        end = text[start:].lower()
        if _starts_spelled(end, forms.chars) or any(form.startswith(end) for form in forms.encoded):
            return start
    return len(text)


def _starts_spelled(text: str, chars: tuple[tuple[str, ...], ...]) -> bool:
    """Whether `text` is a proper start of the key (`chars`), a character at a time in any
    of their forms, the last one perhaps cut short. The places in `text` it could have reached
    are followed one key character at a time (a loop: a key of thousands of characters, such as
    a token used as a key, is no deeper than a short one)."""
    places = {0}
    for index, forms in enumerate(chars):
        last = index == len(chars) - 1
        following: set[int] = set()
        for at in places:
            rest = text[at:]
            for form in forms:
                if form.startswith(rest) and (not last or len(form) > len(rest)):
                    return True  # the text ends inside this character's form
                if rest.startswith(form):
                    following.add(at + len(form))
        places = {at for at in following if at < len(text)}
        if not places:
            return False
    return False


def _hide_cut_key(text: str, key: str, *, at_end: bool = True) -> str:
    """Hide the key's first characters where they end the text (before an ellipsis or a quote;
    not `at_end`: a piece of a text that goes on) or end a part of it that was shortened
    (before an ellipsis): what is left of the key when a long text was shortened in the middle
    of it."""
    if not text:
        return text
    end = _TEXT_END.search(text) if at_end else None
    ends = [end.start() if end else len(text)]
    ends += [cut.start() for cut in re.finditer(_CUT, text) if cut.start() < ends[0]]
    if not at_end:
        ends = ends[1:]
    shortest = min(_MIN_CUT, len(key))
    for at in sorted(ends, reverse=True):  # from the last, so that the places before hold
        folded = text[max(0, at - len(key)) : at].casefold()
        for length in range(min(len(key) - 1, len(folded)), shortest - 1, -1):
            if folded.endswith(key[:length].casefold()):
                text = text[: at - length] + HIDDEN + text[at:]
                break
    return text
