"""PDFium's short calls bound to keep the GIL, and a page's text handle that makes them.

ctypes lets go of the GIL around every foreign call. Around a page's two long calls (loading the
page, then its text: milliseconds of PDFium's own work) that is what lets the reading thread of
:mod:`.prefetch` run on one core while the main thread extracts on the other. Around the hundred
short calls a page also makes (its text, one call per text rectangle, characters' boxes) it is a
cost: after each, the thread must wait for the busy main thread to hand the GIL back (up to the
switch interval). Those calls are bound again here with :func:`ctypes.PYFUNCTYPE`: the same
functions of the same library, called with the GIL kept (microseconds each).

:class:`TextPage` offers the methods :mod:`.pdflayout` uses under the names pypdfium2's
``PdfTextPage`` gives them, with the same results (the tests compare them on real PDFs).
"""

from __future__ import annotations

import ctypes
from codecs import decode
from ctypes import byref, c_double
from functools import cache
from types import SimpleNamespace
from typing import Any

#: the calls that return at once: bound to keep the GIL
_SHORT = (
    "FPDFText_CountChars",
    "FPDFText_GetTextIndexFromCharIndex",
    "FPDFText_GetText",
    "FPDFText_CountRects",
    "FPDFText_GetRect",
    "FPDFText_GetLooseCharBox",
    "FPDFText_GetBoundedText",
    "FPDFText_ClosePage",
    "FPDF_ClosePage",
)


@cache
def held() -> Any:
    """The short calls, as functions that keep the GIL (same addresses, same prototypes)."""
    import pypdfium2.raw as pdfium_c

    calls = {}
    for name in _SHORT:
        cdll_function = getattr(pdfium_c, name)
        prototype = ctypes.PYFUNCTYPE(cdll_function.restype, *cdll_function.argtypes)
        calls[name] = prototype(ctypes.cast(cdll_function, ctypes.c_void_p).value)
    return SimpleNamespace(**calls)


class TextPage:
    """A PDFium text page (``raw``, an ``FPDF_TEXTPAGE``) read with :func:`held` calls."""

    __slots__ = ("calls", "raw")

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.calls = held()

    def count_chars(self) -> int:
        count = self.calls.FPDFText_CountChars(self.raw)
        if count == -1:
            from pypdfium2 import PdfiumError

            raise PdfiumError("Failed to get character count.")
        return int(count)

    def get_text_range(self) -> str:
        """The page's whole text, as ``PdfTextPage.get_text_range()`` gives it."""
        start, end = 0, self.count_chars() - 1
        index = self.calls.FPDFText_GetTextIndexFromCharIndex
        # characters PDFium leaves out of the text at either end are skipped (pypdfium2 issue 261)
        while start <= end and index(self.raw, start) == -1:
            start += 1
        while start <= end and index(self.raw, end) == -1:
            end -= 1
        if start > end:
            return ""
        size = index(self.raw, end) + 2 - index(self.raw, start)  # with the NUL terminator
        buffer = (ctypes.c_ushort * size)()
        written = self.calls.FPDFText_GetText(self.raw, start, end - start + 1, buffer)
        return decode(memoryview(buffer)[: written - 1], "utf-16-le", errors="ignore")

    def get_charbox(self, index: int, loose: bool = True) -> tuple[float, float, float, float]:
        """A character's loose box: left, bottom, right, top (the only kind :mod:`.pdflayout` asks)."""
        import pypdfium2.raw as pdfium_c

        rect = pdfium_c.FS_RECTF()
        if not self.calls.FPDFText_GetLooseCharBox(self.raw, index, rect):
            from pypdfium2 import PdfiumError

            raise PdfiumError("Failed to get charbox.")
        return rect.left, rect.bottom, rect.right, rect.top

    def get_text_bounded(self, left: float, bottom: float, right: float, top: float) -> str:
        """The text inside a box of the page."""
        args = (self.raw, left, top, right, bottom)
        size = self.calls.FPDFText_GetBoundedText(*args, None, 0)
        if size <= 0:
            return ""
        buffer = (ctypes.c_ushort * size)()
        self.calls.FPDFText_GetBoundedText(*args, buffer, size)
        return decode(buffer, "utf-16-le", errors="ignore")


def rects(raw: Any, most: int) -> list[tuple[float, float, float, float, int]] | None:
    """A text page's rectangles in stream order (left, bottom, right, top, index); None past ``most``."""
    calls = held()
    count = calls.FPDFText_CountRects(raw, 0, -1)
    if count > most:
        return None
    left, top, right, bottom = c_double(), c_double(), c_double(), c_double()
    refs = byref(left), byref(top), byref(right), byref(bottom)
    get = calls.FPDFText_GetRect
    boxes = []
    for i in range(count):
        if get(raw, i, *refs):
            boxes.append((left.value, bottom.value, right.value, top.value, i))
    return boxes
