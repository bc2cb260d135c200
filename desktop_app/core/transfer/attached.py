"""Attached files in an export: the JSON's "attachments" of a message, with the bytes in
base64 (DESIGN.md, "JSON export"), and the Markdown's line naming each file."""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from typing import Any

from desktop_app.core.history.attachment_rows import AttachmentRecord


def attachments_json(
    files: Sequence[AttachmentRecord], read_data: Callable[[str], bytes] | None
) -> dict[str, Any]:
    """A message's "attachments" (its bytes read now, one file at a time, through
    `read_data`), or nothing for a message without files."""
    if not files:
        return {}
    if read_data is None:
        raise ValueError("a conversation with attached files needs read_data to export them")
    return {
        "attachments": [
            {
                "name": file.name,
                "mime_type": file.mime_type,
                "size": file.size,
                "sha256": file.sha256,
                "data": base64.b64encode(read_data(file.sha256)).decode("ascii"),
                # The text that went to the model in place of the bytes (a PDF's), if any.
                **({"text": file.text} if file.text is not None else {}),
            }
            for file in files
        ]
    }


def attached_markdown(files: Sequence[AttachmentRecord]) -> list[str]:
    """A line naming each attached file and its size: a Markdown document holds no bytes."""
    lines: list[str] = []
    for file in files:
        name = " ".join(file.name.split())
        lines += [f"*Attached: {name} ({file_size(file.size)})*", ""]
    return lines


def file_size(size: int) -> str:
    """A file's size as people read it: 512 bytes, 47 KB, 2.3 MB."""
    if size < 1024:
        return f"{size} byte" if size == 1 else f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
