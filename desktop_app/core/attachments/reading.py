"""A file (or pasted bytes) turned into an Attachment ready to send, or a clear reason why not.

What a file is comes from its first bytes for images (a PNG named .jpg is a PNG) and from its
extension for the rest. Images are scaled down to a 2048 px long side (images.py), text and code
go as their text, PDFs and DOCX as the text inside them (documents.py), or a PDF as it is when
the user sends documents natively. This blocks (reading, decoding, scaling): the window calls it
from a worker thread, the command line directly.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from pathlib import Path, PurePath

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.attachments.documents import DocumentDamaged, docx_text, pdf_text
from desktop_app.core.attachments.images import (
    ImageDamaged,
    scaled_image,
    sniffed_image_type,
)
from desktop_app.core.errors import (
    AttachmentTooLarge,
    NoTextInDocument,
    UnreadableAttachment,
    UnsupportedAttachment,
)
from desktop_app.core.text.messages import t

MB = 1_000_000
READ_LIMIT = 100 * MB
"""The largest file read at all (a big photo is read, then scaled down)."""
FILE_LIMIT = 20 * MB
"""The most one file may put in a message: its bytes as sent, or its text."""
MESSAGE_LIMIT = 20 * MB
"""The most a message's files may carry together: Gemini takes about 20 MB of inline data."""

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_TEXT_TYPES = {
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".csv": "text/csv",
    ".html": "text/html",
    ".htm": "text/html",
    ".json": "application/json",
    ".xml": "application/xml",
}
"""Text files with a type of their own; every other text or code file is text/plain."""
_CODE_EXTENSIONS = (
    ".txt .text .log .rst .tex .ini .cfg .conf .toml .yaml .yml .env .properties .sql .sh "
    ".bash .zsh .fish .ps1 .bat .cmd .py .pyi .ipynb .js .mjs .cjs .ts .tsx .jsx .vue .svelte "
    ".css .scss .less .java .kt .kts .scala .groovy .gradle .c .h .cc .cpp .cxx .hpp .hh .m "
    ".mm .cs .fs .go .rs .swift .rb .php .pl .pm .lua .r .jl .dart .ex .exs .erl .hs .ml .clj "
    ".elm .zig .nim .v .sv .vhd .proto .graphql .srt .vtt .diff .patch .tsv .dockerfile "
    ".makefile .cmake .gitignore .editorconfig"
)
_TEXT_EXTENSIONS = frozenset(_CODE_EXTENSIONS.split()) | frozenset(_TEXT_TYPES)
_BINARY_SAMPLE = 8192


def read_attachment(path: Path, *, native_documents: bool = False) -> Attachment:
    """The file at `path` as an attachment; `native_documents` sends a PDF as it is (for APIs
    that read PDFs themselves) instead of its text. Raises an AttachmentError subclass."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > READ_LIMIT:
            raise _too_large(name, size, READ_LIMIT)
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UnreadableAttachment(
            t("Tally cannot read {name} ({reason}).", name=name, reason=reason), name=name
        ) from exc
    return attachment_from_bytes(name, data, native_documents=native_documents)


def attachment_from_bytes(
    name: str, data: bytes, mime_type: str | None = None, *, native_documents: bool = False
) -> Attachment:
    """Bytes (pasted or dropped) as an attachment named `name`; `mime_type` is what the source
    said they are, a hint that the bytes' own signature and the name's extension come before."""
    if len(data) > READ_LIMIT:
        raise _too_large(name, len(data), READ_LIMIT)
    image_type = sniffed_image_type(data)
    if image_type is not None:
        return _checked(_image(name, data, image_type))
    extension = PurePath(name).suffix.lower()
    if extension == ".pdf" or (not extension and mime_type == PDF):
        return _checked(_pdf(name, data, native=native_documents))
    if extension == ".docx" or (not extension and mime_type == DOCX):
        return _checked(_docx(name, data))
    hinted_text = mime_type is not None and mime_type.startswith("text/")
    if extension in _TEXT_EXTENSIONS or hinted_text or _looks_like_text(name, data):
        text_type = _TEXT_TYPES.get(extension, "text/plain")
        return _checked(Attachment(name, text_type, data, _decoded(name, data)))
    raise UnsupportedAttachment(
        t(
            "Tally cannot send {name}: attach images (PNG, JPEG, WebP, GIF), text or code"
            " files, PDFs or Word (DOCX) documents.",
            name=name,
        ),
        name=name,
    )


def sent_size(attachment: Attachment) -> int:
    """What an attachment puts in a message: its text (UTF-8) when it has one, else its bytes."""
    if attachment.text is not None:
        return len(attachment.text.encode("utf-8"))
    return attachment.size


def check_message(attachments: Sequence[Attachment]) -> None:
    """Raise AttachmentTooLarge when one message's files together pass MESSAGE_LIMIT."""
    total = sum(sent_size(attachment) for attachment in attachments)
    if total > MESSAGE_LIMIT:
        names = ", ".join(attachment.name for attachment in attachments)
        raise AttachmentTooLarge(
            t(
                "The files of this message ({names}) come to {size} MB together; one message"
                " can carry {limit} MB. Send some of them with another message.",
                names=names,
                size=_megabytes(total),
                limit=_megabytes(MESSAGE_LIMIT),
            ),
            name=names,
        )


def _image(name: str, data: bytes, mime_type: str) -> Attachment:
    try:
        scaled = scaled_image(data, mime_type)
    except ImageDamaged as exc:
        raise _damaged(name, str(exc)) from exc
    return Attachment(name, mime_type, scaled)


def _pdf(name: str, data: bytes, *, native: bool) -> Attachment:
    if not data.lstrip()[:5] == b"%PDF-":
        raise _damaged(name, t("not a PDF file"))
    if native:
        return Attachment(name, PDF, data)
    try:
        text = pdf_text(data)
    except DocumentDamaged as exc:
        raise _damaged(name, str(exc)) from exc
    if not text.strip():
        raise NoTextInDocument(
            t(
                "{name} has no text Tally can take out (it may be scanned pages). Send it as a"
                " document instead, to a model that reads PDFs (Claude, Gemini).",
                name=name,
            ),
            name=name,
        )
    return Attachment(name, PDF, data, text)


def _docx(name: str, data: bytes) -> Attachment:
    """A Word document goes as its text always: no API takes DOCX files themselves."""
    try:
        text = docx_text(data)
    except DocumentDamaged as exc:
        raise _damaged(name, str(exc)) from exc
    return Attachment(name, DOCX, data, text)


def _decoded(name: str, data: bytes) -> str:
    """UTF-8 (a BOM dropped); UTF-16 with its BOM; GB 18030 (Chinese files from Windows); and
    failing those, UTF-8 with the odd byte replaced."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _damaged(name, t("not valid UTF-16 text")) from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _looks_like_text(name: str, data: bytes) -> bool:
    """A file of unknown extension is text when its start has no NUL byte and decodes as UTF-8
    (a cut multi-byte character at the sample's end allowed)."""
    sample = data[:_BINARY_SAMPLE]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - 3 and len(data) > len(sample)
    return True


def _checked(attachment: Attachment) -> Attachment:
    size = sent_size(attachment)
    if size > FILE_LIMIT:
        raise _too_large(attachment.name, size, FILE_LIMIT)
    return attachment


def _too_large(name: str, size: int, limit: int) -> AttachmentTooLarge:
    return AttachmentTooLarge(
        t(
            "{name} is {size} MB; a file can be at most {limit} MB.",
            name=name,
            size=_megabytes(size),
            limit=_megabytes(limit),
        ),
        name=name,
    )


def _damaged(name: str, reason: str) -> UnreadableAttachment:
    return UnreadableAttachment(
        t("{name} cannot be read as its type says ({reason}).", name=name, reason=reason),
        name=name,
    )


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f}".removesuffix(".0")
