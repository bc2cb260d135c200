"""One file attached to a message, as it is kept and sent."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/webp", "image/gif"})
"""The image formats every vision API takes."""


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file as attached: its name, its type, its bytes, and the text that stands for it.

    `text` is what goes to the model in place of the bytes: a text file's text, or the text
    extracted from a PDF or a DOCX. None means the bytes themselves go: an image, or a
    document the user chose to send as it is (Anthropic `document`, Gemini inline data).
    """

    name: str
    mime_type: str
    data: bytes = field(repr=False)
    text: str | None = field(default=None, repr=False)

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def is_image(self) -> bool:
        return self.mime_type in IMAGE_TYPES
