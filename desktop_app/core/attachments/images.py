"""Images as they go out: their type from their first bytes, their size from their header, and a
copy scaled down to what the APIs use anyway (2048 px on the long side).

Pillow does the work: it is the image library every Python project keeps, reads all four formats
the APIs take, reads a header without decoding the pixels, and decodes a big JPEG at a reduced
scale (its `draft` mode), which keeps scaling a 20 MB photo quick.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

LONG_SIDE = 2048
"""The longest side sent: OpenAI fits images in 2048 x 2048, the others use less."""

# The formats by their first bytes: WebP is RIFF....WEBP.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
_PIL_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}


class ImageDamaged(ValueError):
    """The bytes start like an image but do not decode as one, or decode to too many pixels."""


def sniffed_image_type(data: bytes) -> str | None:
    """The image type the bytes are (image/png, jpeg, webp, gif), by their signature; else None."""
    for signature, mime_type in _SIGNATURES:
        if data.startswith(signature):
            return mime_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the header alone (no pixel is decoded)."""
    try:
        with _opened(data) as image:
            return image.size
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise ImageDamaged(str(exc)) from exc


def scaled_image(data: bytes, mime_type: str) -> bytes:
    """The image with its long side at most LONG_SIDE, re-encoded in its own format; the bytes
    as they are when it already fits, and for a GIF (scaling would lose its frames)."""
    try:
        with _opened(data) as image:
            if mime_type == "image/gif" or max(image.size) <= LONG_SIDE:
                image.load()  # a damaged file fails here, not at the provider
                return data
            image.draft("RGB" if image.mode == "CMYK" else image.mode, (LONG_SIDE, LONG_SIDE))
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
            return _encoded(upright, mime_type)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise ImageDamaged(str(exc)) from exc


def thumbnail_rgba(data: bytes, side: int) -> tuple[int, int, bytes] | None:
    """The image at most `side` pixels on its long side, upright, as RGBA pixels (width,
    height, 4 bytes a pixel): what the window shows of an attached image. A JPEG decodes at the
    reduced size directly, which keeps a large photo's thumbnail cheap. None when the bytes are
    not an image Pillow reads."""
    try:
        with _opened(data) as image:
            image.draft("RGB", (side, side))
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((side, side), Image.Resampling.BILINEAR)
            pixels = upright.convert("RGBA")
            return pixels.width, pixels.height, pixels.tobytes()
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
        return None


def png_from_rgba(width: int, height: int, pixels: bytes) -> bytes:
    """RGBA pixels (a pasted screenshot's) as a PNG file."""
    image = Image.frombytes("RGBA", (width, height), pixels)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _opened(data: bytes) -> Image.Image:
    # Pillow warns (and pytest fails) above 89 megapixels; above twice that it refuses, which
    # surfaces as ImageDamaged. No camera comes near: a 20 MB photo is 50 megapixels or so.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(io.BytesIO(data))


def _encoded(image: Image.Image, mime_type: str) -> bytes:
    out = io.BytesIO()
    pil_format = _PIL_FORMATS[mime_type]
    if pil_format == "JPEG":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=88)
    elif pil_format == "WEBP":
        image.save(out, "WEBP", quality=88)
    else:
        image.save(out, "PNG")
    return out.getvalue()
