"""Word documents (DOCX): paragraphs and table rows in document order."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ExtractError, messages

if TYPE_CHECKING:
    from ..loader import Limits


class OfficeError(ExtractError):
    messages = messages(
        {
            "bad_docx": ("DOCX illisible ({reason})", "cannot read the DOCX file ({reason})"),
            "docx_not_zip": (
                "ce fichier .docx n'est pas une archive Word : fichier abîmé, ou autre format renommé en .docx ?",
                "this .docx file is not a Word archive: damaged, or another format renamed .docx?",
            ),
            "docx_ole": (
                "ancien format Word (.doc) ou document protégé par un mot de passe : enregistrez-le en .docx sans mot de passe",
                "old Word format (.doc) or a password-protected document: save it as .docx without a password",
            ),
            "docx_not_word": (
                "archive ZIP qui n'est pas un document Word (il y manque word/document.xml)",
                "a ZIP archive that is not a Word document (word/document.xml is missing)",
            ),
            "docx_too_large": (
                "document Word démesuré une fois décompressé ({size} octets ; limite {limit}) : archive piégée ?",
                "Word document too large once unpacked ({size} bytes; limit {limit}): a zip bomb?",
            ),
        }
    )


def read_docx(path: str | Path, limits: Limits) -> str:
    """Paragraphs and table rows in document order, one per line (cells separated by two spaces)."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise OfficeError("missing_extra", kind="DOCX", package="python-docx", extra="docx") from None
    _check_docx_archive(path, limits)
    try:
        document = docx.Document(str(path))
        lines: list[str] = []
        body = document.element.body
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.extend(Paragraph(child, document).text.split("\n"))
            elif tag == "tbl":
                for row in Table(child, document).rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        text = " ".join(cell.text.split())
                        if text and (not cells or cells[-1] != text):  # merged cells repeat
                            cells.append(text)
                    lines.append("  ".join(cells))
    except Exception as exc:  # zipfile.BadZipFile, KeyError, lxml errors
        raise OfficeError("bad_docx", reason=str(exc) or type(exc).__name__) from None
    return "\n".join(lines)


def _check_docx_archive(path: str | Path, limits: Limits) -> None:
    """What python-docx would only say in its own words, or not at all (a zip bomb is read whole)."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE container: Word 97-2003, or an encrypted .docx
        raise OfficeError("docx_ole")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise OfficeError("docx_not_zip") from None
    if not any(m.filename == "word/document.xml" for m in members):
        raise OfficeError("docx_not_word")
    unpacked = sum(m.file_size for m in members)
    if unpacked > limits.max_unpacked:
        raise OfficeError("docx_too_large", size=unpacked, limit=limits.max_unpacked)
