"""The text inside PDF and Word (DOCX) files, for models that are sent text in their place.

pypdf reads PDFs and python-docx reads DOCX: both are pure Python (nothing to build on any of
the three systems the app ships for), long kept, and read from bytes in memory.
"""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from pypdf import PdfReader
from pypdf.errors import PyPdfError


class DocumentDamaged(ValueError):
    """The bytes are not the document they were taken for, or are damaged or locked."""


def pdf_text(data: bytes) -> str:
    """The text of every page, pages apart by a blank line; "" for a PDF of scans only."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentDamaged("the PDF is protected by a password")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, DocumentDamaged):
            raise
        raise DocumentDamaged(str(exc) or type(exc).__name__) from exc
    return "\n\n".join(page for page in pages if page)


def pdf_pages(data: bytes) -> int:
    """How many pages a PDF has (1 when it cannot tell)."""
    try:
        return max(1, len(PdfReader(io.BytesIO(data)).pages))
    except (PyPdfError, OSError, ValueError, KeyError, TypeError):
        return 1


def docx_text(data: bytes) -> str:
    """The paragraphs of a Word document, then its tables row by row (cells apart by tabs)."""
    try:
        document = Document(io.BytesIO(data))
        lines = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            lines.append("")
            lines.extend("\t".join(cell.text for cell in row.cells) for row in table.rows)
    # lxml's XMLSyntaxError, for a damaged part, is a SyntaxError.
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as exc:
        raise DocumentDamaged(str(exc) or type(exc).__name__) from exc
    return "\n".join(lines).strip()
