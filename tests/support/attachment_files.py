"""Small real files to attach: images drawn with Pillow, a PDF written by hand (with text, or
with a drawing only, as a scan has), a Word document written with python-docx."""

from __future__ import annotations

import io

from docx import Document
from PIL import Image


def image_bytes(width: int, height: int, pil_format: str = "PNG") -> bytes:
    """An image of `width` x `height` in `pil_format` (PNG, JPEG, WEBP, GIF), with a gradient so
    that scaling it has something to do."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    out = io.BytesIO()
    image.save(out, pil_format)
    return out.getvalue()


def pdf_bytes(text: str | None) -> bytes:
    """A one-page PDF that shows `text` (ASCII) in Helvetica; None: a page with a line drawn and
    no text, as a scanned page has none to extract."""
    if text is None:
        content = b"0 0 m 200 200 l S"
    else:
        content = b"BT /F1 12 Tf 72 720 Td (" + text.encode("ascii") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%b\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def docx_bytes(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    """A Word document with these paragraphs, then a table of these rows."""
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
