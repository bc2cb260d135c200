"""Decoding a big import file a piece at a time, with json's own decoder.

json.loads(path.read_text()) of a 300 MB export is two calls into C that hold the GIL for
seconds each (the decoding of the bytes, then of the JSON), and the window's thread, which an
import runs beside, would stand still that long; the text alone takes 300 MB to 1.2 GB. Here
the file is read a chunk of text at a time, the outer object key by key and the list of
conversations (or a ChatGPT file's outer list) an element at a time, each element with
JSONDecoder.raw_decode(): the same values, the same errors (a JSONDecodeError with the line and
column in the whole file), no call into C longer than one chunk or one conversation, and no more
text in memory than a chunk and a conversation. With `each`, every element of such a list is
handed over as soon as it is decoded, and what it returns is kept in its place: an import reads
each conversation into its record there, so that the decoded JSON of one conversation at a time
is in memory, not that of the whole file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NoReturn, TextIO

CHUNK = 1 << 18
"""Characters read at a time (some 2 ms to decode); doubled while one element does not fit."""

_SPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"[0-9.eE+-]*")
_CUT = 8
"""An error this close to the end of the text read may be the end of the chunk, not of the
value: a \\uXXXX escape, a literal (false), a number's exponent cut in two."""
_LISTS = ("conversations",)
"""The keys of the outer object whose list is read an element at a time."""

Each = Callable[[int, Any, dict[str, Any] | None], Any]
"""(index, element, outer) -> what to keep in the element's place: for each element of the outer
list (`outer` None) or of a list in _LISTS (`outer`: the outer object's members decoded so far,
those written before the list)."""


def load(stream: TextIO, chunk: int = CHUNK, each: Each | None = None) -> Any:
    """json.load(stream), with numbers with a fraction or an exponent as Decimal, and NaN or
    Infinity refused (ValueError); `each` sees the elements of the lists read an element at a
    time, and what it raises goes through as it is."""
    reader = _Reader(stream, chunk, each)
    value = reader.value(outer=True)
    if reader.next_char():
        raise reader.error("Extra data", reader.at)
    return value


def loads(text: str) -> Any:
    """load() of a text already in memory."""
    import io

    return load(io.StringIO(text))


class _Reader:
    """The text read so far that is not yet decoded, and where it is in the whole file."""

    def __init__(self, stream: TextIO, chunk: int, each: Each | None = None) -> None:
        self.stream, self.chunk, self.each = stream, chunk, each
        self.decoder = json.JSONDecoder(parse_float=Decimal, parse_constant=_reject_constant)
        self.text = ""
        self.at = 0
        """Where decoding is in `text`."""
        self.eof = False
        self.gone = 0
        """Characters dropped from the front of `text` (decoded), with their line ends, and
        the characters after the last of those: for the line and column of an error."""
        self.gone_lines = 0
        self.gone_column = 0

    def value(self, *, outer: bool) -> Any:
        first = self.next_char()
        if outer and first == "{":
            return self.object()
        if outer and first == "[":
            return self.list(None)
        return self.decode()

    def object(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        self.at += 1
        if self.next_char() == "}":
            self.at += 1
            return found
        while True:
            if self.next_char() != '"':
                raise self.error("Expecting property name enclosed in double quotes", self.at)
            key = self.decode()
            if self.next_char() != ":":
                raise self.error("Expecting ':' delimiter", self.at)
            self.at += 1
            if key in _LISTS and self.next_char() == "[":
                found[key] = self.list(found)
            else:
                found[key] = self.value(outer=False)
            after = self.next_char()
            self.at += 1
            if after == "}":
                return found
            if after != ",":
                raise self.error("Expecting ',' delimiter", self.at - 1)

    def list(self, outer: dict[str, Any] | None) -> list[Any]:
        found: list[Any] = []
        self.at += 1
        if self.next_char() == "]":
            self.at += 1
            return found
        while True:
            value = self.value(outer=False)
            found.append(value if self.each is None else self.each(len(found), value, outer))
            after = self.next_char()
            self.at += 1
            if after == "]":
                return found
            if after != ",":
                raise self.error("Expecting ',' delimiter", self.at - 1)

    def decode(self) -> Any:
        """One whole JSON value from here, reading on until it is whole."""
        size = self.chunk
        while True:
            if not self.next_char():
                raise self.error("Expecting value", self.at)
            try:
                value, end = self.decoder.raw_decode(self.text, self.at)
            except json.JSONDecodeError as exc:
                # Where the text read so far ends in the middle of the value, json says so at
                # its end, or at the start of the string that runs on past it.
                cut = exc.pos >= len(self.text) - _CUT or exc.msg.startswith("Unterminated")
                if cut and self.read(size):
                    size *= 2
                    continue
                raise self.error(exc.msg, exc.pos) from None
            number = isinstance(value, int | Decimal) and not isinstance(value, bool)
            if number and _NUMBER.fullmatch(self.text, end) and self.read(size):
                size *= 2  # the number may go on past what was read: 1.5|e3
                continue
            self.at = end
            return value

    def next_char(self) -> str:
        """The next character that is not white space ("" at the end), which `at` is then at."""
        while True:
            match = _SPACE.match(self.text, self.at)
            self.at = match.end() if match else self.at
            if self.at < len(self.text):
                return self.text[self.at]
            if not self.read(self.chunk):
                return ""

    def read(self, size: int) -> bool:
        """Append up to `size` more characters, dropping the text already decoded; False at
        the end of the file."""
        if self.eof:
            return False
        more = self.stream.read(size)
        if not more:
            self.eof = True
            return False
        line_end = self.text.rfind("\n", 0, self.at)
        self.gone_column = self.at - line_end - 1 if line_end >= 0 else self.gone_column + self.at
        self.gone_lines += self.text.count("\n", 0, self.at)
        self.gone += self.at
        self.text = self.text[self.at :] + more
        self.at = 0
        return True

    def error(self, message: str, at: int) -> json.JSONDecodeError:
        """json's error for `message` at `at` in `text`, placed in the whole file."""
        line_end = self.text.rfind("\n", 0, at)
        line = self.gone_lines + self.text.count("\n", 0, at) + 1
        column = at - line_end if line_end >= 0 else self.gone_column + at + 1
        position = self.gone + at
        error = json.JSONDecodeError.__new__(json.JSONDecodeError)
        ValueError.__init__(error, f"{message}: line {line} column {column} (char {position})")
        error.msg, error.doc, error.pos = message, self.text, position
        error.lineno, error.colno = line, column
        return error


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number JSON allows")
