"""What an attachment costs in input tokens, estimated before sending by each provider's
published rule; the usage the provider reports afterwards decides.

Images (their size read from the header only):
- OpenAI, tiles: fit in 2048 x 2048, then the short side down to 768; a base plus so much per
  512-px tile (85 + 170 for GPT-4o, GPT-4.1 and GPT-4.5; 70 + 140 for GPT-5; 75 + 150 for o1 and
  o3; 2833 + 5667 for GPT-4o mini, priced at the same dollars as GPT-4o).
- OpenAI, patches (GPT-4.1 mini and nano, GPT-5 mini and nano, o4-mini): one token per 32 x 32
  patch, the image shrunk to at most 1536 patches, times the model's multiplier.
- Anthropic: width x height / 750, after scaling to 1568 px on the long side and 1.15 MP.
- Gemini 2 and later: 258 when both sides are at most 384 px, else 258 per 768 x 768 tile;
  Gemini 1.5: 258 per image.
A relay (kind "openai") is routed by the model's name: claude-* by Anthropic's rule, gemini-* by
Gemini's, everything else by OpenAI's. Text goes by the usual estimate, a token per four
characters: money/prices.py's estimate_tokens, not imported, as the money package sits above
this one (a test holds the two equal).
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable
from typing import Any

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.attachments.documents import pdf_pages
from desktop_app.core.attachments.images import ImageDamaged, image_size
from desktop_app.core.attachments.wire import fenced

GEMINI_IMAGE = 258
ANTHROPIC_LONG_SIDE = 1568
ANTHROPIC_PIXELS = 1_150_000
PATCH_LIMIT = 1536
PDF_PAGE_TOKENS = 1600
"""A PDF page sent as it is: the APIs read it as an image of about Anthropic's largest (plus its
text, counted apart); Gemini counts GEMINI_IMAGE a page."""

# (pattern matched at the name's start, base, per tile); the first match wins.
_OPENAI_TILES = (
    (re.compile(r"gpt-4o-mini"), 2833, 5667),
    (re.compile(r"gpt-5(?!-mini|-nano)"), 70, 140),
    (re.compile(r"o[13](?!-mini)"), 75, 150),
)
_OPENAI_TILE_DEFAULT = (85, 170)
_PATCH_MULTIPLIERS = (
    (re.compile(r"gpt-(?:4\.1|5)-nano"), 2.46),
    (re.compile(r"gpt-(?:4\.1|5)-mini"), 1.62),
    (re.compile(r"o4-mini"), 1.72),
)


def attachment_tokens(attachment: Attachment, kind: str, model: str) -> int:
    """The input tokens `attachment` adds to a request to `model` of a provider of `kind`
    (openai, anthropic, gemini); an estimate, shown with ≈."""
    rule = _rule(kind, model)
    if attachment.text is not None:
        return _text_tokens(attachment)
    measure = measured(attachment)
    if attachment.is_image:
        if measure is None:
            return 0  # the file was checked when attached; the API will say what is wrong
        width, height = measure
        return image_tokens(width, height, rule, model)
    pages = measure[0] if measure else 0
    return pages * (GEMINI_IMAGE if rule == "gemini" else PDF_PAGE_TOKENS)


_MEASURES_KEPT = 256
_measures: dict[str, tuple[int, int] | None] = {}
_texts: dict[tuple[str, str], int] = {}
_keeping = threading.Lock()
"""The caches are filled from workers (attaching a file, opening a conversation) and read on
the window's thread: one writer at a time, and readers that find an entry gone look it up."""
_MISSING = object()


def _keep(cache: dict[Any, Any], key: object, value: object) -> None:
    with _keeping:
        while len(cache) >= _MEASURES_KEPT:
            del cache[next(iter(cache))]
        cache[key] = value


def _text_tokens(attachment: Attachment) -> int:
    """A text file's tokens as it goes (named and fenced), worked out once per file: fencing a
    log of some MB scans and copies it, 20-40 ms, which the estimate must not spend at every
    pause in typing."""
    key = (attachment.sha256, attachment.name)
    found = _texts.get(key)
    if found is None:
        found = math.ceil(len(fenced(attachment)) / 4)
        _keep(_texts, key, found)
    return found


def measured(attachment: Attachment) -> tuple[int, int] | None:
    """An image's width and height, or a PDF's pages (as (pages, 0)), read once per file and
    kept by its hash: the estimate is worked out again as the user types, on the window's
    thread, and reading a large PDF's page count takes far longer than a frame. The window
    reads it first on a worker: the one that attached the file, or warm_up() for the files of
    a conversation opened. None: an image that cannot be read."""
    found = _measures.get(attachment.sha256, _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[return-value]
    measure: tuple[int, int] | None
    if attachment.is_image:
        try:
            measure = image_size(attachment.data)
        except ImageDamaged:
            measure = None
    else:
        measure = (pdf_pages(attachment.data), 0)
    _keep(_measures, attachment.sha256, measure)
    return measure


def warm_up(attachments: Iterable[Attachment]) -> None:
    """Work out what the estimate will ask of these files (sizes, pages, text tokens), on the
    calling thread: a worker's, so that the window's first estimate finds them kept."""
    for attachment in attachments:
        if attachment.text is None:
            measured(attachment)
        else:
            _text_tokens(attachment)


def image_tokens(width: int, height: int, rule: str, model: str) -> int:
    """The tokens of one image of `width` x `height` by `rule` (openai, anthropic, gemini)."""
    if rule == "anthropic":
        return anthropic_image_tokens(width, height)
    if rule == "gemini":
        return gemini_image_tokens(width, height, model)
    return openai_image_tokens(width, height, model)


def openai_image_tokens(width: int, height: int, model: str) -> int:
    """OpenAI's rule for `model` at detail "auto" (which is "high" for any real picture)."""
    name = _bare(model)
    for pattern, multiplier in _PATCH_MULTIPLIERS:
        if pattern.search(name):
            return math.ceil(_patches(width, height) * multiplier)
    base, per_tile = _OPENAI_TILE_DEFAULT
    for pattern, tile_base, tile_tokens in _OPENAI_TILES:
        if pattern.match(name):
            base, per_tile = tile_base, tile_tokens
            break
    w, h = float(width), float(height)
    if max(w, h) > 2048:
        w, h = _scaled(w, h, 2048 / max(w, h))
    if min(w, h) > 768:
        w, h = _scaled(w, h, 768 / min(w, h))
    return base + per_tile * math.ceil(w / 512) * math.ceil(h / 512)


def anthropic_image_tokens(width: int, height: int) -> int:
    factor = min(
        1.0,
        ANTHROPIC_LONG_SIDE / max(width, height),
        math.sqrt(ANTHROPIC_PIXELS / (width * height)),
    )
    w, h = _scaled(float(width), float(height), factor)
    return math.ceil(round(w) * round(h) / 750)


def gemini_image_tokens(width: int, height: int, model: str) -> int:
    if "gemini-1" in _bare(model) or (width <= 384 and height <= 384):
        return GEMINI_IMAGE
    return GEMINI_IMAGE * math.ceil(width / 768) * math.ceil(height / 768)


def _patches(width: int, height: int) -> int:
    """32-px patches of the image, shrunk to at most PATCH_LIMIT of them (whole patches across)."""
    w, h = float(width), float(height)
    if math.ceil(w / 32) * math.ceil(h / 32) > PATCH_LIMIT:
        w, h = _scaled(w, h, math.sqrt(32 * 32 * PATCH_LIMIT / (w * h)))
        across = w / 32
        w, h = _scaled(w, h, math.floor(across) / across)
    return min(PATCH_LIMIT, math.ceil(w / 32) * math.ceil(h / 32))


def _scaled(width: float, height: float, factor: float) -> tuple[float, float]:
    return width * factor, height * factor


def _rule(kind: str, model: str) -> str:
    if kind in ("anthropic", "gemini"):
        return kind
    name = _bare(model)
    if name.startswith("claude"):
        return "anthropic"
    if name.startswith("gemini"):
        return "gemini"
    return "openai"


def _bare(model: str) -> str:
    """The model's own name, lower case, without a relay's vendor prefix (openai/gpt-4o)."""
    return model.lower().rpartition("/")[2]
