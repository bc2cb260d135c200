"""Text from elsewhere (a server, a file, a model's answer) on one line, as a list, a message or
a terminal can show it."""

from __future__ import annotations

import re

_NOT_SHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]+")
"""Control characters (a terminal runs ESC's sequences: `\\x1b[2J` clears it; NUL bytes show as
escapes) and the marks that turn the direction of text around (U+202E shows a name backwards)."""


def one_line(text: str) -> str:
    """`text` on one line: each run of whitespace, control characters or direction marks one
    space, none at either end."""
    return " ".join(_NOT_SHOWN.sub(" ", text).split())
