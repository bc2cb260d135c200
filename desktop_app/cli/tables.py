"""Plain-text tables for the terminal, as `tally spend` and `tally compare` print them."""

from __future__ import annotations


def table(header: list[str], body: list[list[str]], *, left: int) -> list[str]:
    """Columns as wide as their widest cell: the first `left` to the left, numbers right."""
    rows = [header, *body]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    return [
        "  ".join(
            cell.ljust(width) if column < left else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
