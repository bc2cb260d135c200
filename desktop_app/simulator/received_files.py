"""The files inside a request, as each API would read them: images and documents in the
dialect's own parts, their base64 decoded, so tests can compare them with what was attached.

A malformed data URL or bad base64 gets a 400 in the dialect's words, as the real APIs answer.
The model sim-no-images (OpenAI dialect) refuses any image as relays in front of text-only
models do: 400 "image_url is not supported".
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Literal

Dialect = Literal["openai", "anthropic", "gemini"]
NO_IMAGES_MODEL = "sim-no-images"
NO_IMAGES_MESSAGE = "image_url is not supported"
_DATA_URL = re.compile(r"data:([\w.+-]+/[\w.+-]+);base64,(.*)", re.DOTALL)


@dataclass(frozen=True)
class ReceivedFile:
    """One image or document a request carried: where, which part, its type and its bytes."""

    dialect: Dialect
    part: str  # image_url, file, image, document, inline_data
    mime_type: str
    data: bytes = field(repr=False)
    name: str | None = None  # the file name, where the part has one (OpenAI's file)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


class PartProblem(Exception):
    """A part the API would refuse; the message is in the API's own manner."""


def received_files(dialect: Dialect, body: dict[str, Any] | None) -> list[ReceivedFile]:
    """The files in a request body of `dialect`, in order; raises PartProblem."""
    if body is None:
        return []
    if dialect == "gemini":
        turns = body.get("contents")
        return [
            found
            for turn in _dicts(turns)
            for index, part in enumerate(_dicts(turn.get("parts")))
            if (found := _gemini_part(part, index)) is not None
        ]
    files: list[ReceivedFile] = []
    for turn in _dicts(body.get("messages")):
        content = turn.get("content")
        for index, part in enumerate(_dicts(content if isinstance(content, list) else [])):
            found = _openai_part(part, index) if dialect == "openai" else _anthropic_part(part)
            if found is not None:
                if turn.get("role") != "user":
                    raise PartProblem(f"{found.part} parts are only allowed in user messages")
                files.append(found)
    return files


def _openai_part(part: dict[str, Any], index: int) -> ReceivedFile | None:
    kind = part.get("type")
    if kind == "image_url":
        image = part.get("image_url")
        if not isinstance(image, dict) or not isinstance(image.get("url"), str):
            raise PartProblem(f"Invalid content[{index}].image_url: expected an object with url")
        if image.get("detail", "auto") not in ("auto", "low", "high"):
            raise PartProblem(f"Invalid value for content[{index}].image_url.detail")
        mime_type, data = _data_url(image["url"], f"content[{index}].image_url.url")
        if not mime_type.startswith("image/"):
            raise PartProblem(f"Invalid MIME type {mime_type!r} for an image.")
        return ReceivedFile("openai", "image_url", mime_type, data)
    if kind == "file":
        file = part.get("file")
        if not isinstance(file, dict) or not isinstance(file.get("file_data"), str):
            raise PartProblem(f"Missing required parameter: content[{index}].file.file_data")
        mime_type, data = _data_url(file["file_data"], f"content[{index}].file.file_data")
        return ReceivedFile("openai", "file", mime_type, data, file.get("filename"))
    if kind != "text":
        raise PartProblem(f"Invalid value: {kind!r}. Supported values are: 'text', 'image_url'.")
    return None


def _anthropic_part(part: dict[str, Any]) -> ReceivedFile | None:
    kind = part.get("type")
    if kind not in ("image", "document"):
        return None
    source = part.get("source")
    if not isinstance(source, dict) or source.get("type") != "base64":
        raise PartProblem(f"{kind}.source: Input tag does not match the expected tag 'base64'")
    mime_type = source.get("media_type")
    allowed: tuple[str, ...] = ("image/png", "image/jpeg", "image/webp", "image/gif")
    if kind == "document":
        allowed = ("application/pdf",)
    if mime_type not in allowed:
        raise PartProblem(f"{kind}.source.media_type: Input should be one of {allowed}")
    return ReceivedFile("anthropic", kind, mime_type, _base64(source.get("data"), kind))


def _gemini_part(part: dict[str, Any], index: int) -> ReceivedFile | None:
    inline = part.get("inline_data", part.get("inlineData"))
    if inline is None:
        return None
    mime_type = (
        inline.get("mime_type", inline.get("mimeType")) if isinstance(inline, dict) else None
    )
    if not isinstance(mime_type, str) or "/" not in mime_type:
        raise PartProblem(f"* contents.parts[{index}].inline_data.mime_type: required")
    data = _base64(inline.get("data"), f"contents.parts[{index}].inline_data.data")
    return ReceivedFile("gemini", "inline_data", mime_type, data)


def _data_url(url: str, where: str) -> tuple[str, bytes]:
    match = _DATA_URL.fullmatch(url)
    if match is None:
        raise PartProblem(f"Invalid {where}: expected a base64-encoded data URL.")
    return match[1], _base64(match[2], where)


def _base64(text: object, where: str) -> bytes:
    if not isinstance(text, str) or not text:
        raise PartProblem(f"{where}: the base64 data is missing.")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise PartProblem(f"{where}: invalid base64 data.") from exc


def _dicts(value: object) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
