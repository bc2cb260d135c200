"""Image and text tokens before sending, by each provider's published rule, with the numbers
the providers' own documentation works out."""

from __future__ import annotations

import pytest

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.attachments.tokens import (
    anthropic_image_tokens,
    attachment_tokens,
    gemini_image_tokens,
    openai_image_tokens,
)
from desktop_app.core.attachments.wire import fenced
from desktop_app.core.money.prices import estimate_tokens
from tests.support.attachment_files import image_bytes, pdf_bytes


@pytest.mark.parametrize(
    ("width", "height", "tokens"),
    [
        (1024, 1024, 765),  # 768 x 768: 4 tiles
        (2048, 4096, 1105),  # 1024 x 2048, then 768 x 1536: 6 tiles
        (512, 512, 255),  # one tile, not scaled up
        (4096, 8192, 1105),  # fitted in 2048 first
        (100, 100, 255),
    ],
)
def test_gpt_4o_counts_512_px_tiles(width: int, height: int, tokens: int) -> None:
    assert openai_image_tokens(width, height, "gpt-4o") == tokens
    assert openai_image_tokens(width, height, "gpt-4.1") == tokens


def test_other_openai_tile_models_have_their_own_base_and_tile() -> None:
    assert openai_image_tokens(1024, 1024, "gpt-5") == 70 + 4 * 140
    assert openai_image_tokens(1024, 1024, "o3") == 75 + 4 * 150
    assert openai_image_tokens(1024, 1024, "gpt-4o-mini") == 2833 + 4 * 5667


@pytest.mark.parametrize(
    ("width", "height", "patches"),
    [
        (1024, 1024, 1024),  # 32 x 32 patches, under the cap
        (1800, 2400, 1452),  # shrunk to 1056 x 1408: 33 x 44 patches
        (10, 10, 1),
    ],
)
def test_gpt_4_1_mini_and_nano_count_32_px_patches(width: int, height: int, patches: int) -> None:
    assert openai_image_tokens(width, height, "gpt-4.1-mini") == pytest.approx(
        patches * 1.62, abs=1
    )
    assert openai_image_tokens(width, height, "gpt-4.1-nano") == pytest.approx(
        patches * 2.46, abs=1
    )


def test_patches_never_pass_1536() -> None:
    assert openai_image_tokens(8000, 8000, "gpt-5-mini") <= 1536 * 1.62 + 1


@pytest.mark.parametrize(
    ("width", "height", "tokens"),
    [
        (200, 200, 54),  # 40,000 / 750
        (1000, 1000, 1334),
        (1092, 1092, 1533),  # over 1.15 MP: scaled to 1072 x 1072
        (3000, 1000, 1094),  # long side to 1568: 1568 x 523
    ],
)
def test_anthropic_counts_pixels_over_750(width: int, height: int, tokens: int) -> None:
    assert anthropic_image_tokens(width, height) == tokens


@pytest.mark.parametrize(
    ("width", "height", "model", "tokens"),
    [
        (384, 384, "gemini-2.5-flash", 258),
        (385, 100, "gemini-2.5-flash", 258),  # one tile
        (1024, 1024, "gemini-2.5-flash", 4 * 258),
        (1536, 768, "gemini-2.0-flash", 2 * 258),
        (4000, 3000, "gemini-1.5-pro", 258),
    ],
)
def test_gemini_counts_258_per_768_tile(width: int, height: int, model: str, tokens: int) -> None:
    assert gemini_image_tokens(width, height, model) == tokens


def test_an_attached_image_is_counted_from_its_header_by_the_provider_kind() -> None:
    image = Attachment("a.png", "image/png", image_bytes(1024, 1024))
    assert attachment_tokens(image, "openai", "gpt-4o") == 765
    assert attachment_tokens(image, "anthropic", "claude-sonnet-4.5") == 1399
    assert attachment_tokens(image, "gemini", "gemini-2.5-flash") == 4 * 258


def test_a_relay_routes_the_rule_by_the_model_name() -> None:
    image = Attachment("a.png", "image/png", image_bytes(1024, 1024))
    assert attachment_tokens(image, "openai", "claude-sonnet-4.5") == 1399
    assert attachment_tokens(image, "openai", "google/gemini-2.5-flash") == 4 * 258
    assert attachment_tokens(image, "openai", "openai/gpt-4.1-mini") == 1659  # 1024 x 1.62


def test_a_text_attachment_counts_as_its_fenced_text() -> None:
    text = Attachment("notes.md", "text/markdown", b"", "# Notes\n" * 100)
    expected = estimate_tokens(fenced(text))
    assert attachment_tokens(text, "anthropic", "claude-sonnet-4.5") == expected
    assert expected == pytest.approx(len(text.text or "") / 4, abs=10)


def test_a_native_pdf_counts_by_its_pages() -> None:
    pdf = Attachment("scan.pdf", "application/pdf", pdf_bytes(None))
    assert attachment_tokens(pdf, "gemini", "gemini-2.5-flash") == 258
    assert attachment_tokens(pdf, "anthropic", "claude-sonnet-4.5") == 1600
