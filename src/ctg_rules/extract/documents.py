"""A document's text: the dispatcher from a file's name to its format's reader.

One module per format: :mod:`.text` (plain text and Markdown), :mod:`.pdf` (pypdfium2, the ``pdf``
extra), :mod:`.office` (DOCX). Optional libraries are imported only when such a file is read; a
missing one is a plain-language error, never a traceback.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ExtractError
from .text import TEXT_SUFFIXES

if TYPE_CHECKING:
    from ..loader import Limits
    from .ocr import OcrSpans

__all__ = ["DOCUMENT_SUFFIXES", "TEXT_SUFFIXES", "ExtractError", "SourceText", "is_document", "read"]

DOCUMENT_SUFFIXES = (*TEXT_SUFFIXES, ".pdf", ".docx")


@dataclass
class SourceText:
    """The text of a document: ``pages`` when the format has pages (PDF, text with form feeds)."""

    path: str
    kind: str  # text | pdf | docx
    text: str
    pages: list[str] | None = None
    #: words read by OCR: (page, line) -> [(first column, column after, confidence %)] (see .ocr)
    ocr: OcrSpans | None = None


def is_document(path: str | Path) -> bool:
    """Is this a file ``check`` extracts a dossier from (rather than a YAML dossier)?"""
    return str(path).lower().endswith(DOCUMENT_SUFFIXES)


def read(path: str | Path, limits: Limits | None = None) -> SourceText:
    """The text of a .txt/.md, .pdf or .docx file; raise ExtractError."""
    if limits is None:
        from ..loader import DEFAULT_LIMITS as limits
    name = Path(path).as_posix()
    suffix = Path(path).suffix.lower()
    try:
        info = Path(path).stat()
    except OSError as exc:
        from ..i18n import os_error  # only to word the error

        raise ExtractError("unreadable", reason=partial(os_error, exc)) from None
    if not stat.S_ISREG(info.st_mode):  # a named pipe would block the read
        raise ExtractError("not_a_file")
    size = info.st_size
    if size > limits.max_document_bytes:
        raise ExtractError("too_large", size=size, limit=limits.max_document_bytes)
    if suffix == ".pdf":
        from .pdf import read_pdf

        pages, ocr = read_pdf(path, limits)
        return SourceText(name, "pdf", "\f".join(pages), pages, ocr)
    if suffix == ".docx":
        from .office import read_docx

        return SourceText(name, "docx", read_docx(path, limits))
    if suffix in TEXT_SUFFIXES:
        from .text import read_text

        text = read_text(path)
        pages = text.split("\f") if "\f" in text else None
        return SourceText(name, "text", text, pages)
    raise ExtractError("format", suffix=suffix or name)
