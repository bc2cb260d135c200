"""One file attached to a message, as it is kept and sent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/webp", "image/gif"})
"""The image formats every vision API takes."""


@dataclass(frozen=True, slots=True)
class StoredBytes:
    """A file's bytes as the history keeps them: their size, and how to read them when asked
    for. A reopened conversation holds this rather than the bytes, so opening it reads no file
    on the GUI thread and keeps none in memory (30 screenshots are some 90 MB)."""

    size: int
    read: Callable[[], bytes] = field(repr=False)


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file as attached: its name, its type, its bytes, and the text that stands for it.

    `content` is the bytes, or for a file the history holds, where to read them (`data` reads
    them each time it is asked: on a worker, for a large file). `text` is what goes to the model
    in place of the bytes: a text file's text, or the text extracted from a PDF or a DOCX. None
    means the bytes themselves go: an image, or a document the user chose to send as it is
    (Anthropic `document`, Gemini inline data). Two attachments are equal when their names,
    types, texts and hashes are.
    """

    name: str
    mime_type: str
    content: bytes | StoredBytes = field(repr=False, compare=False)
    text: str | None = field(default=None, repr=False)
    sha256: str = field(default="", repr=False)
    """The bytes' SHA-256, hex: given when known (the history stores it), else worked out once
    here. Once, because a 20 MB file takes some 40 ms to hash, which the window must not spend
    on its thread each time it names the file."""

    def __post_init__(self) -> None:
        if not self.sha256:
            import hashlib  # with the first file: OpenSSL's library takes some ms to load

            object.__setattr__(self, "sha256", hashlib.sha256(self.data).hexdigest())

    @property
    def data(self) -> bytes:
        """The bytes; for a file the history holds, read from it now."""
        content = self.content
        return content if isinstance(content, bytes) else content.read()

    @property
    def size(self) -> int:
        content = self.content
        return len(content) if isinstance(content, bytes) else content.size

    @property
    def is_image(self) -> bool:
        return self.mime_type in IMAGE_TYPES
