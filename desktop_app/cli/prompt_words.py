"""The text a command is given: the words of its command line, or what is piped into it, refused
with one line when it is not text (bytes that are not UTF-8, as `head -c` leaves when it cuts a
Chinese file in the middle of a character)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop_app.core.errors import ConfigError

TEXT_ARGUMENTS = {"prompt": "PROMPT", "system": "--system", "query": "QUERY"}
"""The arguments that are text sent to a model or looked for in the history (not file names,
which may be any bytes)."""


def check_text_arguments(args: argparse.Namespace) -> None:
    """Raise ConfigError if a text argument holds bytes that are not text: Python keeps them as
    lone surrogates, which neither the history nor a request can hold."""
    for name, shown in TEXT_ARGUMENTS.items():
        value = getattr(args, name, None)
        words = [value] if isinstance(value, str) else value or []
        if any(not _is_text(word) for word in words):
            raise ConfigError(f"{shown} holds bytes that are not UTF-8 text; nothing was sent.")


def prompt_from(words: Sequence[str], nothing: str) -> str:
    """The words of PROMPT, else stdin (PROMPT '-' or none); ConfigError(`nothing`) when there
    is none, and when what was piped in is not text in stdin's encoding."""
    prompt = " ".join(words)
    if not prompt or prompt == "-":
        prompt = _piped() if not sys.stdin.isatty() else ""
    if not prompt.strip():
        raise ConfigError(nothing)
    return prompt


def _piped() -> str:
    refused = ConfigError(
        f"What was piped in is not {sys.stdin.encoding or 'UTF-8'} text; nothing was sent."
    )
    try:
        text = sys.stdin.read()
    except UnicodeDecodeError:
        raise refused from None
    if not _is_text(text):  # read with errors="surrogateescape", as under the C locale
        raise refused
    return text


def _is_text(word: str) -> bool:
    try:
        word.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
