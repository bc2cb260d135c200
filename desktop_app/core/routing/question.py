"""What routing knows of a question before it is sent, and the two facts it reads from the text:
whether it holds code, and whether it is mostly Chinese or mostly English.

Both are plain rules, written down here so that a user can predict them:

- **Code**: a fenced block (a line starting with ``` or ~~~), or at least two lines that look
  like code: a line ending in `;`, `{` or `}`, or starting with a keyword that begins a
  statement in common languages (`def `, `class `, `import `, `from x import`, `#include`,
  `function `, `fn `, `func `, `const `, `let `, `var `, `public `, `private `, `return `,
  `SELECT ... FROM`). One such line is not enough: prose has the odd semicolon.
- **Language**: the share of Chinese characters (CJK ideographs) among the prompt's Chinese
  characters and Latin words, counted one each: "zh" at half or more, "en" below, none for a
  prompt with neither (only digits or symbols), which no language condition matches. A Chinese
  character and an English word carry about as much, so a Chinese question quoting an English
  term stays Chinese.

What routing reads of the prompt's text is its first and last READ_CHARS characters (all of
it, up to twice that): a question says what it wants at its start or at its end, around whatever
was pasted in between, and a 100,000-token prompt (some 400,000 characters) is then routed in
the time of a short one (benchmarks/routing.py). The code and language facts and a rule's
`matches` read that text; the token count is the whole prompt's. Each fact is worked out only
when a rule asks, and once per question however many rules ask.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop_app.core.routing.rules import Language

_FENCE = re.compile(r"^[ \t]*(?:```|~~~)", re.MULTILINE)
_CODE_LINE = re.compile(
    r"^[ \t]*(?:"
    r"(?:def|class|import|function|fn|func|const|let|var|public|private|return)[ \t]"
    r"|from[ \t]+[\w.]+[ \t]+import[ \t]"
    r"|\#include\b"
    r"|SELECT[ \t].*\bFROM\b"
    r")|[;{}][ \t]*$",
    re.MULTILINE,
)
_CODE_LINES_NEEDED = 2
# CJK Unified Ideographs, Extension A, and the compatibility ideographs.
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
READ_CHARS = 10_000
"""Characters read from each end of the prompt (the whole prompt up to twice as many)."""
ZH_SHARE = 0.5
"""The share of Chinese at or above which a prompt is "zh"."""


def has_code(text: str) -> bool:
    """Whether `text` holds code, by the rule in this module's docstring."""
    if _FENCE.search(text):
        return True
    for found, _ in enumerate(_CODE_LINE.finditer(text), start=1):
        if found >= _CODE_LINES_NEEDED:
            return True
    return False


def chinese_share(text: str) -> float | None:
    """Chinese characters / (Chinese characters + Latin words); None when there are neither."""
    han = len(_HAN.findall(text))
    words = len(_LATIN_WORD.findall(text))
    return None if han + words == 0 else han / (han + words)


def language_of(share: float | None) -> Language | None:
    if share is None:
        return None
    return "zh" if share >= ZH_SHARE else "en"


@dataclass(slots=True)
class Question:
    """A question about to be sent (or, in a backtest, one that was): its prompt, the tokens
    of the prompt with its context (estimated: about four characters a token, as the app
    estimates everything before the provider counts), whether an image is attached, and the
    assistant it is asked as (None: plain chat)."""

    text: str
    tokens: int
    has_image: bool = False
    assistant: str | None = None
    _read: str | None = field(default=None, repr=False)
    _code: bool | None = field(default=None, repr=False)
    _share: tuple[float | None] | None = field(default=None, repr=False)

    @classmethod
    def of(
        cls,
        text: str,
        *,
        context_chars: int = 0,
        has_image: bool = False,
        assistant: str | None = None,
    ) -> Question:
        """A question from its prompt and the length of the context sent with it (earlier
        turns, the system prompt, the text of attached documents), in characters."""
        return cls(text, estimated_tokens(len(text) + context_chars), has_image, assistant)

    @property
    def read_text(self) -> str:
        """What routing reads of the prompt: its first and last READ_CHARS characters, with a
        line break between them (all of it when it is short)."""
        if self._read is None:
            text = self.text
            long = len(text) > 2 * READ_CHARS
            self._read = text[:READ_CHARS] + "\n" + text[-READ_CHARS:] if long else text
        return self._read

    @property
    def has_code(self) -> bool:
        if self._code is None:
            self._code = has_code(self.read_text)
        return self._code

    @property
    def chinese_share(self) -> float | None:
        if self._share is None:
            self._share = (chinese_share(self.read_text),)
        return self._share[0]

    @property
    def language(self) -> Language | None:
        return language_of(self.chinese_share)


def estimated_tokens(chars: int) -> int:
    """Tokens in so many characters, as money/prices.py's estimate_tokens counts them."""
    return -(-chars // 4)
