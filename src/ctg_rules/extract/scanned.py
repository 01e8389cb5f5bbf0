"""The PDF reader's side of OCR: which pages are scans, and their text read in place of the text layer's.

:mod:`.ocr` reads the words of a page image, :mod:`.ocrlines` puts them back in reading order;
this module decides which pages need them and hands the reader each page's text with, for every
word, where it sits in its line and how sure the engine was of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # OCR's modules are imported when a page needs them, not for every text PDF
    from .ocr import OcrSpans

#: a text layer with fewer words than this over a scanned image is a stamp, not the page's text
STAMP_WORDS = 40
#: share of the page an image must cover for the page to be a scan
SCAN_COVER = 0.5


def needs_ocr(page: Any, text: str) -> bool:
    """No text layer over something drawn, or a thin one (a stamp, a page number) over a scanned
    image. ``page``: PDFium's handle of the page (``FPDF_PAGE``)."""
    words = len(text.split())
    if words >= STAMP_WORDS:
        return False
    from .pdfcalls import FPDF_PAGEOBJ_IMAGE, FPDF_PAGEOBJ_PATH, object_bounds, page_objects, page_size

    kinds = (FPDF_PAGEOBJ_IMAGE,) if words else (FPDF_PAGEOBJ_IMAGE, FPDF_PAGEOBJ_PATH)
    width, height = page_size(page)
    covered = 0.0
    for obj in page_objects(page, kinds):
        if not words:
            return True  # something is drawn where there is no text: a scan, or text drawn as shapes
        left, bottom, right, top = object_bounds(obj)
        covered += max(0.0, min(right, width) - max(left, 0.0)) * max(
            0.0, min(top, height) - max(bottom, 0.0)
        )
    return covered >= SCAN_COVER * width * height


def read_scanned(pdf: Any, path: str | Path, indexes: Sequence[int], pages: list[str]) -> OcrSpans:
    """OCR pages ``indexes`` of ``pdf`` in place of their text in ``pages``.

    Returns where each word of the new text sits and how sure Tesseract was of it:
    (page, line) -> [(first column, column after the last, confidence %)], all 1-based.
    """
    from .ocr import file_key, read_pages
    from .ocrlines import page_lines

    found = read_pages(pdf, indexes, key=file_key(path))
    spans: OcrSpans = {}
    for i, page in found.items():
        lines = page_lines(page)
        pages[i] = "\n".join(line.text for line in lines)
        for n, line in enumerate(lines, start=1):
            if line.spans:
                spans[(i + 1, n)] = line.spans
    return spans
