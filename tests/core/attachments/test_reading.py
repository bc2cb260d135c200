"""Reading a file into an attachment: its type, scaling images, text and documents, the limits,
and a clear error for every file that cannot go."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.attachments.reading import (
    DOCX,
    FILE_LIMIT,
    MESSAGE_LIMIT,
    PDF,
    attachment_from_bytes,
    check_message,
    read_attachment,
)
from desktop_app.core.errors import (
    AttachmentTooLarge,
    NoTextInDocument,
    UnreadableAttachment,
    UnsupportedAttachment,
)
from desktop_app.core.text.messages import shown
from tests.support.attachment_files import docx_bytes, image_bytes, pdf_bytes


def _size_of(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        return image.size


def _format_of(data: bytes) -> str | None:
    with Image.open(io.BytesIO(data)) as image:
        return image.format


def test_a_small_png_goes_as_it_is(tmp_path: Path) -> None:
    data = image_bytes(640, 480)
    (tmp_path / "chart.png").write_bytes(data)
    attachment = read_attachment(tmp_path / "chart.png")
    assert attachment == Attachment("chart.png", "image/png", data)
    assert attachment.is_image
    assert attachment.text is None


@pytest.mark.parametrize(
    ("pil_format", "mime_type"),
    [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")],
)
def test_a_large_image_is_scaled_to_2048_on_its_long_side_in_its_own_format(
    tmp_path: Path, pil_format: str, mime_type: str
) -> None:
    data = image_bytes(4000, 3000, pil_format)
    (tmp_path / "photo").write_bytes(data)
    attachment = read_attachment(tmp_path / "photo")
    assert attachment.mime_type == mime_type
    assert _size_of(attachment.data) == (2048, 1536)
    assert _format_of(attachment.data) == pil_format
    assert attachment.size < len(data)


def test_a_tall_image_is_scaled_by_its_height(tmp_path: Path) -> None:
    (tmp_path / "scroll.jpg").write_bytes(image_bytes(1000, 5000, "JPEG"))
    assert _size_of(read_attachment(tmp_path / "scroll.jpg").data) == (410, 2048)


def test_a_gif_is_never_re_encoded() -> None:
    data = image_bytes(3000, 100, "GIF")
    assert attachment_from_bytes("anim.gif", data).data == data


def test_the_type_of_an_image_comes_from_its_bytes_not_its_name() -> None:
    data = image_bytes(20, 20, "PNG")
    attachment = attachment_from_bytes("really-a-png.jpg", data)
    assert attachment.mime_type == "image/png"


def test_pasted_image_bytes_become_an_attachment() -> None:
    data = image_bytes(30, 10, "JPEG")
    attachment = attachment_from_bytes("pasted image", data, "image/jpeg")
    assert (attachment.name, attachment.mime_type, attachment.data) == (
        "pasted image",
        "image/jpeg",
        data,
    )


def test_a_damaged_image_is_unreadable_not_dropped() -> None:
    data = image_bytes(100, 100)[:60]
    with pytest.raises(UnreadableAttachment) as caught:
        attachment_from_bytes("broken.png", data + b"\x00" * 4000)
    assert caught.value.name == "broken.png"
    assert "broken.png" in str(caught.value)


def test_a_code_file_goes_as_its_text_with_its_name(tmp_path: Path) -> None:
    source = "def hello():\n    return '你好'\n"
    (tmp_path / "hello.py").write_text(source, encoding="utf-8")
    attachment = read_attachment(tmp_path / "hello.py")
    assert (attachment.name, attachment.mime_type, attachment.text) == (
        "hello.py",
        "text/plain",
        source,
    )
    assert attachment.data == source.encode("utf-8")


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xef\xbb\xbfwith a BOM", "with a BOM"),
        ("utf-16 文本".encode("utf-16"), "utf-16 文本"),
        ("中文的 GBK 文件".encode("gb18030"), "中文的 GBK 文件"),
    ],
)
def test_text_in_other_encodings_is_decoded(data: bytes, text: str) -> None:
    assert attachment_from_bytes("notes.txt", data).text == text


def test_markdown_and_json_keep_their_own_types() -> None:
    assert attachment_from_bytes("README.md", b"# Title").mime_type == "text/markdown"
    assert attachment_from_bytes("data.json", b"{}").mime_type == "application/json"


def test_a_text_file_with_an_unknown_extension_is_read_as_text() -> None:
    attachment = attachment_from_bytes("Makefile", b"all:\n\techo hi\n")
    assert attachment.text == "all:\n\techo hi\n"


def test_a_binary_file_is_refused_with_the_types_that_can_go() -> None:
    with pytest.raises(UnsupportedAttachment) as caught:
        attachment_from_bytes("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" * 10)
    message = str(caught.value)
    assert "setup.exe" in message
    assert "PDF" in message
    assert "setup.exe" in shown(caught.value.args[0], "zh_CN")
    assert "无法发送" in shown(caught.value.args[0], "zh_CN")


def test_a_pdf_goes_as_its_text_by_default() -> None:
    data = pdf_bytes("Quarterly report")
    attachment = attachment_from_bytes("report.pdf", data)
    assert (attachment.mime_type, attachment.text, attachment.data) == (
        PDF,
        "Quarterly report",
        data,
    )


def test_a_pdf_goes_as_it_is_when_documents_go_natively() -> None:
    data = pdf_bytes(None)
    attachment = attachment_from_bytes("scan.pdf", data, native_documents=True)
    assert (attachment.mime_type, attachment.text, attachment.data) == (PDF, None, data)


def test_a_pdf_without_text_says_to_send_it_as_a_document() -> None:
    with pytest.raises(NoTextInDocument) as caught:
        attachment_from_bytes("scan.pdf", pdf_bytes(None))
    assert "scan.pdf" in str(caught.value)
    assert "document" in str(caught.value)


def test_a_file_named_pdf_that_is_not_one_is_unreadable() -> None:
    with pytest.raises(UnreadableAttachment, match=r"report\.pdf.*not a PDF"):
        attachment_from_bytes("report.pdf", b"<html>not a pdf</html>")


def test_a_docx_goes_as_its_text_with_its_tables() -> None:
    data = docx_bytes("Minutes", "All agreed.", table=[["who", "what"], ["Ann", "notes"]])
    attachment = attachment_from_bytes("minutes.docx", data, native_documents=True)
    assert attachment.mime_type == DOCX
    assert attachment.text == "Minutes\nAll agreed.\n\nwho\twhat\nAnn\tnotes"


def test_a_damaged_docx_is_unreadable() -> None:
    with pytest.raises(UnreadableAttachment, match=r"minutes\.docx"):
        attachment_from_bytes("minutes.docx", b"PK\x03\x04 not really a zip")


def test_a_missing_file_is_unreadable_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(UnreadableAttachment, match=r"gone\.txt \(No such file"):
        read_attachment(tmp_path / "gone.txt")


def test_a_folder_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableAttachment):
        read_attachment(tmp_path)


def test_a_text_file_over_the_limit_is_too_large() -> None:
    with pytest.raises(AttachmentTooLarge, match=r"big\.txt is 20\.1 MB; a file can be at most 20"):
        attachment_from_bytes("big.txt", b"a" * (FILE_LIMIT + 100_000))


def test_a_message_over_its_limit_is_too_large_naming_its_files() -> None:
    half = Attachment("a.txt", "text/plain", b"", "x" * (MESSAGE_LIMIT // 2))
    check_message([half, half])
    with pytest.raises(AttachmentTooLarge, match=r"a\.txt, a\.txt, b\.txt"):
        check_message([half, half, Attachment("b.txt", "text/plain", b"", "y")])
