"""Plain-text tables for the terminal, as `tally spend`, `compare` and `models` print them."""

from __future__ import annotations

import unicodedata


def table(header: list[str], body: list[list[str]], *, left: int, last_left: int = 0) -> list[str]:
    """Columns as wide as their widest cell: the first `left` and the last `last_left` to the
    left, numbers right; a Chinese character takes two columns of the terminal, as it shows."""
    rows = [header, *body]
    widths = [max(width_of(row[column]) for row in rows) for column in range(len(header))]
    lefts = set(range(left)) | set(range(len(header) - last_left, len(header)))
    return [
        "  ".join(
            _padded(cell, width, to_left=column in lefts)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def width_of(text: str) -> int:
    """The columns `text` takes on a terminal: two for each wide or full-width character (CJK),
    none for a combining mark."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def _padded(cell: str, width: int, *, to_left: bool) -> str:
    padding = " " * (width - width_of(cell))
    return cell + padding if to_left else padding + cell
