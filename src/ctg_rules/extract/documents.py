"""A document's text: the dispatcher from a file's name to its format's reader.

One module per format: :mod:`.text` (plain text and Markdown), :mod:`.pdf` (pypdfium2, the ``pdf``
extra), :mod:`.office` (DOCX), :mod:`.odt` (OpenDocument text); :mod:`.sniff` says what a file
really is, :mod:`.budget` bounds what reading it costs. Optional libraries are imported only when
such a file is read; a missing one is a plain-language error, never a traceback.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .budget import Budget
from .errors import ExtractError
from .sniff import head, looks_like, mismatch
from .text import TEXT_SUFFIXES

if TYPE_CHECKING:
    from ..loader import Limits
    from .ocr import OcrSpans

__all__ = ["DOCUMENT_SUFFIXES", "TEXT_SUFFIXES", "ExtractError", "SourceText", "is_document", "read"]

DOCUMENT_SUFFIXES = (*TEXT_SUFFIXES, ".pdf", ".docx", ".odt", ".doc", ".rtf")
#: what a file of each extension may really be, and be read as (a .doc saved by Word may be a
#: DOCX or an RTF)
_READ_AS = {".pdf": ("pdf",), ".docx": ("docx",), ".odt": ("odt",), ".doc": ("docx", "rtf"), ".rtf": ("rtf",)}
#: what the readers themselves say better than "this file is...": damaged or foreign archives
_OWN_WORDS = {".docx": ("zip", "ole", "binary", "text"), ".odt": ("zip", "binary", "text"), ".doc": ("ole",)}


@dataclass
class SourceText:
    """The text of a document: ``pages`` when the format has pages (PDF, text with form feeds)."""

    path: str
    kind: str  # text | pdf | docx | odt | rtf
    text: str
    pages: list[str] | None = None
    #: words read by OCR: (page, line) -> [(first column, column after, confidence %)] (see .ocr)
    ocr: OcrSpans | None = None


def is_document(path: str | Path) -> bool:
    """Is this a file ``check`` extracts a dossier from (rather than a YAML dossier)?"""
    return str(path).lower().endswith(DOCUMENT_SUFFIXES)


#: the run's reading thread (:mod:`.prefetch`), when one reads the next PDFs ahead
PREFETCH: Any = None


def read(path: str | Path, limits: Limits | None = None) -> SourceText:
    """The text of a .txt/.md, .pdf, .docx or .odt file (or a .doc that is a DOCX); raise ExtractError.

    The file's first bytes decide how it is read, not its extension alone: one that is not what its
    extension says is refused with what it looks like ("this .pdf file is an HTML page").
    """
    if limits is None:
        from ..loader import DEFAULT_LIMITS as limits
    if PREFETCH is not None:
        done, source = PREFETCH.taken_by(path, limits)
        if done:
            return source  # type: ignore[no-any-return]
    return read_now(path, limits)


def read_now(path: str | Path, limits: Limits) -> SourceText:
    """:func:`read`, in this thread."""
    name = Path(path).as_posix()
    suffix = Path(path).suffix.lower()
    try:
        info = Path(path).stat()
        first = head(path) if stat.S_ISREG(info.st_mode) else b""
    except OSError as exc:
        from ..i18n import os_error  # only to word the error

        raise ExtractError("unreadable", reason=partial(os_error, exc)) from None
    if not stat.S_ISREG(info.st_mode):  # a named pipe would block the read
        raise ExtractError("not_a_file")
    if info.st_size > limits.max_document_bytes:
        raise ExtractError("too_large", size=info.st_size, limit=limits.max_document_bytes)
    if not first:
        raise ExtractError("empty")
    kind = looks_like(path, first)
    try:
        return _read_as(path, name, suffix, kind, Budget(limits))
    except ExtractError:
        raise
    except MemoryError:  # what the limits did not foresee still ends in a sentence
        raise ExtractError("out_of_memory") from None
    except Exception as exc:  # a library's surprise on a strange file: one sentence, its words with -v
        if os.environ.get("CTG_RULES_DEBUG"):
            raise
        raise ExtractError("reader_failed", kind=kind.upper()).with_detail(
            f"{type(exc).__name__}: {exc}"
        ) from None


def _read_as(path: str | Path, name: str, suffix: str, kind: str, budget: Budget) -> SourceText:
    """The reader for what the file is, when its extension allows it."""
    if suffix in TEXT_SUFFIXES:
        if kind in ("text", "xml", "binary"):  # text may hold markup; "binary" may be UTF-16
            from .text import read_text

            text = read_text(path, budget)
            return SourceText(name, "text", text, text.split("\f") if "\f" in text else None)
        raise mismatch(suffix, kind)
    if suffix not in _READ_AS:
        raise ExtractError("format", suffix=suffix or name)
    if kind not in _READ_AS[suffix] and kind not in _OWN_WORDS.get(suffix, ()):
        raise mismatch(suffix, kind)
    if suffix == ".pdf":
        from .pdf import read_pdf

        pages, ocr = read_pdf(path, budget.limits, budget)
        return SourceText(name, "pdf", "\f".join(pages), pages, ocr)
    if kind == "rtf":
        from .rtf import read_rtf

        return SourceText(name, "rtf", read_rtf(path, budget))
    if suffix == ".odt":
        from .odt import read_odt

        return SourceText(name, "odt", read_odt(path, budget.limits, budget))
    from .office import OfficeError, read_docx

    if kind == "ole":  # Word 97-2003, or an encrypted DOCX (an OLE container too)
        raise OfficeError("doc_old" if suffix == ".doc" else "docx_ole")
    return SourceText(name, "docx", read_docx(path, budget.limits, budget))
