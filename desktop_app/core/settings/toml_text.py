"""What each hand-edited TOML file of the data folder (providers, settings, assistants, routing)
needs to say where it is wrong: its text parsed, with an error naming the file, and the line of
a key inside one of its tables. tomllib says neither for a value it reads but Tally refuses."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from desktop_app.core.errors import ConfigError
from desktop_app.core.text.messages import t


def toml_document(text: str, source: str) -> dict[str, Any]:
    """The text parsed; a ConfigError naming `source` (tomllib's words name the line)."""
    import tomllib  # here: a first run has no file to parse, and needs none of it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            t(
                "{source}: {error}. Fix the file or remove it to start over.",
                source=source,
                error=exc,
            )
        ) from exc


def table_starts(lines: Sequence[str], header: re.Pattern[str]) -> list[int]:
    """The lines (from 0) where the tables that `header` matches begin, in order."""
    return [number for number, line in enumerate(lines) if header.match(line)]


def key_line(lines: Sequence[str], start: int, end: int, key: str) -> int:
    """The line (from 0) that sets `key` between `start` and `end` (a table's lines); `start`,
    its header, when none does (the key is missing, or the table itself is wrong)."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    return next((number for number in range(start, end) if pattern.match(lines[number])), start)
