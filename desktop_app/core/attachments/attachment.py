"""One file attached to a message, as it is kept and sent."""

from __future__ import annotations

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
    sha256: str = field(default="", repr=False, compare=False)
    """The bytes' SHA-256, hex: given when known (the history stores it), else worked out once
    here. Once, because a 20 MB file takes some 40 ms to hash, which the window must not spend
    on its thread each time it names the file."""

    def __post_init__(self) -> None:
        if not self.sha256:
            import hashlib  # with the first file: OpenSSL's library takes some ms to load

            object.__setattr__(self, "sha256", hashlib.sha256(self.data).hexdigest())

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def is_image(self) -> bool:
        return self.mime_type in IMAGE_TYPES
