"""PDF: the text layer of each page, through PDFium (pypdfium2, the ``pdf`` extra)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ExtractError, messages

if TYPE_CHECKING:
    from ..loader import Limits

_PDF_ERRORS = {
    3: "pdf_damaged",
    4: "pdf_password",
    5: "pdf_security",
}  # FPDF_ERR_FORMAT, _PASSWORD, _SECURITY


class PdfError(ExtractError):
    messages = messages(
        {
            "bad_pdf": (
                "PDF illisible ({reason}) : fichier abîmé ou protégé par un mot de passe ?",
                "cannot read the PDF ({reason}): damaged or password-protected?",
            ),
            "too_many_pages": (
                "document trop long ({pages} pages ; limite {limit})",
                "document too long ({pages} pages; limit {limit})",
            ),
            "no_text": (
                "aucun texte : document scanné, passez-le d'abord en reconnaissance de caractères (OCR)",
                "no text: scanned document, OCR it first",
            ),
            "pdf_damaged": (
                "PDF tronqué ou abîmé : ce n'est pas un PDF complet (téléchargement interrompu ?)",
                "truncated or damaged PDF: not a complete PDF file (an interrupted download?)",
            ),
            "pdf_password": (
                "PDF protégé par un mot de passe : enregistrez-en une copie sans mot de passe",
                "password-protected PDF: save a copy without the password",
            ),
            "pdf_security": (
                "PDF chiffré d'une manière non prise en charge : enregistrez-en une copie sans protection",
                "PDF encrypted in an unsupported way: save an unprotected copy",
            ),
        }
    )


def read_pdf(path: str | Path, limits: Limits) -> list[str]:
    """The text of each page, in PDFium's order; raise PdfError."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise PdfError("missing_extra", kind="PDF", package="pypdfium2", extra="pdf") from None
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # PdfiumError and friends: damaged, encrypted, not a PDF
        known = _PDF_ERRORS.get(getattr(exc, "err_code", None))  # type: ignore[arg-type]
        if known:
            raise PdfError(known) from None
        raise PdfError("bad_pdf", reason=str(exc) or type(exc).__name__) from None
    try:
        if len(pdf) > limits.max_pages:
            raise PdfError("too_many_pages", pages=len(pdf), limit=limits.max_pages)
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            try:
                pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            finally:
                textpage.close()
                page.close()
    except ExtractError:
        raise
    except Exception as exc:
        raise PdfError("bad_pdf", reason=str(exc) or type(exc).__name__) from None
    finally:
        pdf.close()
    if not any(p.strip() for p in pages):
        raise PdfError("no_text")
    return pages
