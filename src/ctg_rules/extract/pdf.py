"""PDF: the text layer of each page, through PDFium (pypdfium2, the ``pdf`` extra)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ExtractError, messages
from .pdfcalls import PdfiumError, TextPage, close_document, held, open_document
from .pdflayout import page_text
from .scanned import needs_ocr

if TYPE_CHECKING:
    from ..loader import Limits
    from .budget import Budget
    from .ocr import OcrSpans

#: PDFium is not thread-safe: one document at a time in the process (the reading thread of
#: :mod:`.prefetch`, a server's concurrent requests), from opening it to closing it, OCR's
#: rendering included
PDFIUM_LOCK = threading.RLock()

_PDF_ERRORS = {
    3: "pdf_damaged",
    4: "pdf_password",
    5: "pdf_security",
}  # FPDF_ERR_FORMAT, _PASSWORD, _SECURITY


class PdfError(ExtractError):
    messages = messages(
        {
            "bad_pdf": (
                "PDF illisible : fichier abîmé ou d'une forme que PDFium ne lit pas ; "
                "ouvrez-le et imprimez-le de nouveau en PDF",
                "cannot read the PDF: a damaged file, or one PDFium cannot read; open it and print it to PDF again",
            ),
            "too_many_pages": (
                "document trop long ({pages} pages ; limite {limit})",
                "document too long ({pages} pages; limit {limit})",
            ),
            "no_text": (
                "aucun texte : les pages ne portent ni texte ni image à lire",
                "no text: the pages carry neither text nor an image to read",
            ),
            "ocr_nothing": (
                "aucun texte lisible, même par OCR : pages blanches ou images illisibles",
                "no readable text, even by OCR: blank pages or unreadable images",
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


def read_pdf(
    path: str | Path, limits: Limits, budget: Budget | None = None
) -> tuple[list[str], OcrSpans | None]:
    """The text of each page, in PDFium's order, scanned pages read by OCR; raise PdfError.

    The second value says where each word of an OCR'd page sits and how sure the engine was of it
    (:func:`.ocr.read_scanned`); None when no page needed OCR. ``budget`` bounds the time, memory
    and text per page and in all (OCR pages are bounded by ``max-pages``).
    """
    from .budget import Budget

    budget = budget or Budget(limits)
    try:
        held()  # PDFium, from pypdfium2's wheel
    except (ImportError, OSError, AttributeError):
        raise PdfError("missing_extra", kind="PDF", package="pypdfium2", extra="pdf") from None
    waiting = budget.pause()
    with PDFIUM_LOCK:
        budget.resume(waiting)  # waiting for another thread's document is not reading this one
        pages, scanned, confidence = _read_pages(path, limits, budget)
    if not any(p.strip() for p in pages):
        raise PdfError("ocr_nothing" if scanned else "no_text")
    return pages, confidence


def _read_pages(
    path: str | Path, limits: Limits, budget: Budget
) -> tuple[list[str], list[int], OcrSpans | None]:
    """Each page's text, the pages read by OCR, where their words are (PDFium held by the caller)."""
    document, error = open_document(path)
    if document is None:  # damaged, encrypted, not a PDF
        raise PdfError(_PDF_ERRORS.get(error, "bad_pdf")).with_detail(f"PDFium error {error}")
    calls = held()
    try:
        count = calls.FPDF_GetPageCount(document)
        if count > limits.max_pages:
            raise PdfError("too_many_pages", pages=count, limit=limits.max_pages)
        pages = []
        scanned = []  # pages without a text layer, or with only a stamp's
        for i in range(count):
            text, scan = _page(calls, document, i)
            pages.append(text)
            budget.page_text(i + 1, len(text))
            budget.spend(f" (page {i + 1})")
            if scan:
                scanned.append(i)
        confidence = _ocr(path, scanned, pages) if scanned else None
    except ExtractError:
        raise
    except Exception as exc:
        raise PdfError("bad_pdf").with_detail(exc) from None
    finally:
        close_document(document)
    return pages, scanned, confidence


def _page(calls: Any, document: Any, i: int) -> tuple[str, bool]:
    """Page ``i``'s text in reading order, and whether it is a scan to read by OCR. PDFium's two
    long calls (loading the page, its text) let go of the GIL, the short ones keep it
    (:mod:`.pdfcalls`): a reading thread waits for the GIL twice a page, not a hundred times."""
    page = calls.FPDF_LoadPage(document, i)
    if not page:
        raise PdfiumError("Failed to load page.")
    try:
        textpage = calls.FPDFText_LoadPage(page)
        if not textpage:
            raise PdfiumError("Failed to load text page.")
        try:
            reader = TextPage(textpage)
            text = page_text(reader, reader.get_text_range())
        finally:
            calls.FPDFText_ClosePage(textpage)
        scan = needs_ocr(page, text)  # a page with a text layer of some length is answered at once
    finally:
        calls.FPDF_ClosePage(page)
    return text.replace("\r\n", "\n").replace("\r", "\n"), scan


def _ocr(path: str | Path, scanned: list[int], pages: list[str]) -> OcrSpans | None:
    """Scanned pages read by OCR (:mod:`.ocr`, which renders them with pypdfium2); without the
    engine, the text pages alone, if any."""
    import pypdfium2 as pdfium

    from .ocr import OcrError
    from .scanned import read_scanned

    pdf = pdfium.PdfDocument(str(path))
    try:
        return read_scanned(pdf, path, scanned, pages)
    except OcrError as exc:
        if exc.message_id.startswith("ocr_missing") and any(p.strip() for p in pages):
            return None  # a text document with a scanned annex: what can be read is read
        raise
    finally:
        pdf.close()
