"""Decoding a big import file a piece at a time, with json's own decoder.

json.loads() of a 300 MB export is one call into C that holds the GIL for seconds, and the
window's thread, which an import runs beside, would stand still that long. Here the outer object
is read key by key, and the list of conversations (or a ChatGPT file's outer list) an element at
a time, each with JSONDecoder.raw_decode(): the same values, the same errors (a JSONDecodeError
with its line and column), and no single call longer than one conversation.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any, NoReturn

_SPACE = re.compile(r"[ \t\n\r]*")
_LISTS = ("conversations",)
"""The keys of the outer object whose list is read an element at a time."""


def loads(text: str) -> Any:
    """json.loads(text) with numbers with a fraction or an exponent as Decimal, and NaN or
    Infinity refused (ValueError)."""
    decoder = json.JSONDecoder(parse_float=Decimal, parse_constant=_reject_constant)
    value, end = _value(decoder, text, _skip(text, 0), outer=True)
    end = _skip(text, end)
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return value


def _value(decoder: json.JSONDecoder, text: str, at: int, *, outer: bool) -> tuple[Any, int]:
    if outer and text.startswith("{", at):
        return _object(decoder, text, at)
    if outer and text.startswith("[", at):
        return _list(decoder, text, at)
    if at >= len(text):
        raise json.JSONDecodeError("Expecting value", text, at)
    value, end = decoder.raw_decode(text, at)
    return value, end


def _object(decoder: json.JSONDecoder, text: str, at: int) -> tuple[dict[str, Any], int]:
    found: dict[str, Any] = {}
    at = _skip(text, at + 1)
    if text.startswith("}", at):
        return found, at + 1
    while True:
        if not text.startswith('"', at):
            raise json.JSONDecodeError(
                "Expecting property name enclosed in double quotes", text, at
            )
        key, at = decoder.raw_decode(text, at)
        at = _skip(text, at)
        if not text.startswith(":", at):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, at)
        at = _skip(text, at + 1)
        if key in _LISTS and text.startswith("[", at):
            found[key], at = _list(decoder, text, at)
        else:
            found[key], at = _value(decoder, text, at, outer=False)
        at = _skip(text, at)
        if text.startswith("}", at):
            return found, at + 1
        if not text.startswith(",", at):
            raise json.JSONDecodeError("Expecting ',' delimiter", text, at)
        at = _skip(text, at + 1)


def _list(decoder: json.JSONDecoder, text: str, at: int) -> tuple[list[Any], int]:
    found: list[Any] = []
    at = _skip(text, at + 1)
    if text.startswith("]", at):
        return found, at + 1
    while True:
        value, at = _value(decoder, text, at, outer=False)
        found.append(value)
        at = _skip(text, at)
        if text.startswith("]", at):
            return found, at + 1
        if not text.startswith(",", at):
            raise json.JSONDecodeError("Expecting ',' delimiter", text, at)
        at = _skip(text, at + 1)


def _skip(text: str, at: int) -> int:
    """The index of the first character from `at` on that is not JSON white space."""
    match = _SPACE.match(text, at)
    return match.end() if match else at


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number JSON allows")
