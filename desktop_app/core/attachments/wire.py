"""What the three protocols share in sending a file: a text file's fenced, named form, and
the base64 of the bytes; and, for OpenAI's and Anthropic's, a question's content with its files."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Sequence
from typing import Any

from desktop_app.core.attachments.attachment import Attachment

_BACKTICKS = re.compile(r"`{3,}")


def fenced(attachment: Attachment) -> str:
    """A file's text as the model reads it: its name on a line, then the text in a ``` fence
    (longer than any run of backticks inside, so the text cannot close it)."""
    text = attachment.text or ""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=2)
    fence = "`" * (longest + 1)
    body = text if text.endswith("\n") else text + "\n"
    return f"{attachment.name}\n{fence}\n{body}{fence}"


def with_files(
    text: str, attachments: Sequence[Attachment], part: Callable[[Attachment], dict[str, Any]]
) -> str | list[dict[str, Any]]:
    """A question's content as OpenAI and Anthropic take it: the text alone when nothing is
    attached; else each file's part (`part`, the protocol's own), then the text as a text part."""
    if not attachments:
        return text
    parts = [part(attachment) for attachment in attachments]
    if text:
        parts.append({"type": "text", "text": text})
    return parts


def base64_data(attachment: Attachment) -> str:
    """The bytes in standard base64, as every API takes them."""
    return base64.b64encode(attachment.data).decode("ascii")


def data_url(attachment: Attachment) -> str:
    """`data:<type>;base64,<bytes>`, as OpenAI-style APIs take images and files."""
    return f"data:{attachment.mime_type};base64,{base64_data(attachment)}"
