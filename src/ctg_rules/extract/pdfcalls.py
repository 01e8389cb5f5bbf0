"""The PDFium functions the text reader calls, declared on the library pypdfium2 ships.

Importing pypdfium2 declares all its ~500 functions in Python (ctypesgen's bindings) and its helper
classes: about 30 ms of every PDF check, all of it under the GIL, so that the reading thread's
import held up the main thread's extraction as long. The reader calls some twenty functions: they
are declared here with the prototypes of PDFium's public headers, on the very library file
pypdfium2's bindings load (``pypdfium2_raw/libpdfium.so``: one handle when both are loaded, and
PDFium initialised once). Where that file is not found (pypdfium2 built on a system PDFium), the
same functions are taken from pypdfium2's bindings. Rendering scans for OCR still goes through
pypdfium2 (:mod:`.ocr`).

Two kinds of calls. The long ones (opening a document, loading a page, then its text: milliseconds
of PDFium's own work) let go of the GIL, so that the reading thread of :mod:`.prefetch` runs on one
core while the main thread extracts on the other. The short ones (a text rectangle, a character's
box: microseconds, a hundred a page) keep it: after each, the thread would otherwise wait for the
busy main thread to hand the GIL back (``ctypes.PYFUNCTYPE``).

:class:`TextPage` offers the methods :mod:`.pdflayout` uses under the names pypdfium2's
``PdfTextPage`` gives them, with the same results (the tests compare them on real PDFs).
"""

from __future__ import annotations

import ctypes
import os
import sys
from codecs import decode
from ctypes import POINTER, byref, c_char_p, c_double, c_float, c_int, c_uint, c_ulong, c_ushort, c_void_p
from functools import cache
from types import SimpleNamespace
from typing import Any

FPDF_PAGEOBJ_PATH = 2
FPDF_PAGEOBJ_IMAGE = 3
FPDF_PAGEOBJ_FORM = 5


class PdfiumError(RuntimeError):
    """A PDFium call that failed (the reader reports the document as unreadable)."""


class FS_RECTF(ctypes.Structure):  # PDFium's name
    _fields_ = [("left", c_float), ("top", c_float), ("right", c_float), ("bottom", c_float)]


class _LibraryConfig(ctypes.Structure):  # FPDF_LIBRARY_CONFIG, version 2 (as pypdfium2 sets it)
    _fields_ = [
        ("version", c_int),
        ("m_pUserFontPaths", c_void_p),
        ("m_pIsolate", c_void_p),
        ("m_v8EmbedderSlot", c_uint),
    ]


_DOUBLE_P, _FLOAT_P, _USHORT_P = POINTER(c_double), POINTER(c_float), POINTER(c_ushort)
#: name -> (result, arguments), as fpdfview.h, fpdf_text.h and fpdf_edit.h declare them
_LONG = {
    "FPDF_LoadDocument": (c_void_p, (c_char_p, c_char_p)),
    "FPDF_LoadMemDocument64": (c_void_p, (c_void_p, ctypes.c_size_t, c_char_p)),
    "FPDF_LoadPage": (c_void_p, (c_void_p, c_int)),
    "FPDFText_LoadPage": (c_void_p, (c_void_p,)),
}
_SHORT = {
    "FPDF_GetLastError": (c_ulong, ()),
    "FPDF_CloseDocument": (None, (c_void_p,)),
    "FPDF_GetPageCount": (c_int, (c_void_p,)),
    "FPDF_GetPageWidthF": (c_float, (c_void_p,)),
    "FPDF_GetPageHeightF": (c_float, (c_void_p,)),
    "FPDF_ClosePage": (None, (c_void_p,)),
    "FPDFText_ClosePage": (None, (c_void_p,)),
    "FPDFText_CountChars": (c_int, (c_void_p,)),
    "FPDFText_GetTextIndexFromCharIndex": (c_int, (c_void_p, c_int)),
    "FPDFText_GetText": (c_int, (c_void_p, c_int, c_int, _USHORT_P)),
    "FPDFText_CountRects": (c_int, (c_void_p, c_int, c_int)),
    "FPDFText_GetRect": (c_int, (c_void_p, c_int, _DOUBLE_P, _DOUBLE_P, _DOUBLE_P, _DOUBLE_P)),
    "FPDFText_GetLooseCharBox": (c_int, (c_void_p, c_int, POINTER(FS_RECTF))),
    "FPDFText_GetBoundedText": (c_int, (c_void_p, c_double, c_double, c_double, c_double, _USHORT_P, c_int)),
    "FPDFPage_CountObjects": (c_int, (c_void_p,)),
    "FPDFPage_GetObject": (c_void_p, (c_void_p, c_int)),
    "FPDFPageObj_GetType": (c_int, (c_void_p,)),
    "FPDFPageObj_GetBounds": (c_int, (c_void_p, _FLOAT_P, _FLOAT_P, _FLOAT_P, _FLOAT_P)),
    "FPDFFormObj_CountObjects": (c_int, (c_void_p,)),
    "FPDFFormObj_GetObject": (c_void_p, (c_void_p, c_ulong)),
}


def _library() -> Any:
    """The PDFium library pypdfium2 loads, loaded without pypdfium2's bindings where it can be."""
    import importlib.util

    spec = importlib.util.find_spec("pypdfium2_raw")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    name = {"win32": "pdfium.dll", "darwin": "libpdfium.dylib"}.get(sys.platform, "libpdfium.so")
    for folder in folders:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return ctypes.CDLL(path)
    # elsewhere (a system PDFium, another layout of pypdfium2): its own bindings, which import it
    import pypdfium2.raw

    return pypdfium2.raw


@cache
def held() -> Any:
    """The functions, PDFium initialised: the long ones let go of the GIL, the short ones keep it."""
    library = _library()
    calls = {}
    for table, kind in ((_LONG, ctypes.CFUNCTYPE), (_SHORT, ctypes.PYFUNCTYPE)):
        for name, (result, arguments) in table.items():
            address = ctypes.cast(getattr(library, name), c_void_p).value
            calls[name] = kind(result, *arguments)(address)
    if (
        "pypdfium2" not in sys.modules
    ):  # pypdfium2 initialises it as it is imported (a second call is a no-op)
        init = library.FPDF_InitLibraryWithConfig
        init.argtypes, init.restype = [POINTER(_LibraryConfig)], None
        init(byref(_LibraryConfig(2, None, None, 0)))
    return SimpleNamespace(**calls)


#: what a document opened from memory reads from, kept as long as it is open
_BUFFERS: dict[int, Any] = {}


def open_document(path: str | os.PathLike[str]) -> tuple[int | None, int]:
    """A document handle (or None) and PDFium's error code when it could not be opened (1 unknown,
    2 file, 3 not a PDF or damaged, 4 password, 5 unsupported security)."""
    calls = held()
    name = os.fspath(path)
    if os.name == "nt" and not name.isascii():
        # PDFium reads a path as the system's narrow encoding there: the file is read here instead
        with open(name, "rb") as handle:
            data = handle.read()
        buffer = ctypes.create_string_buffer(data, len(data))
        document = calls.FPDF_LoadMemDocument64(buffer, len(data), None)
        if document:
            _BUFFERS[document] = buffer
    else:
        document = calls.FPDF_LoadDocument(os.fsencode(name), None)
    return (document, 0) if document else (None, int(calls.FPDF_GetLastError()))


def close_document(document: int) -> None:
    held().FPDF_CloseDocument(document)
    _BUFFERS.pop(document, None)


def page_objects(page: Any, kinds: tuple[int, ...], depth: int = 3) -> list[Any]:
    """A page's objects of ``kinds``, those inside form objects too (``depth`` levels down)."""
    calls = held()
    found: list[Any] = []

    def walk(count: int, get: Any, owner: Any, level: int) -> None:
        for i in range(count):
            obj = get(owner, i)
            kind = calls.FPDFPageObj_GetType(obj)
            if kind in kinds:
                found.append(obj)
            if kind == FPDF_PAGEOBJ_FORM and level < depth:
                walk(calls.FPDFFormObj_CountObjects(obj), calls.FPDFFormObj_GetObject, obj, level + 1)

    walk(calls.FPDFPage_CountObjects(page), calls.FPDFPage_GetObject, page, 1)
    return found


def object_bounds(obj: Any) -> tuple[float, float, float, float]:
    """A page object's box in points: left, bottom, right, top."""
    box = c_float(), c_float(), c_float(), c_float()
    if not held().FPDFPageObj_GetBounds(obj, *map(byref, box)):
        raise PdfiumError("Failed to get the bounds of a page object.")
    return box[0].value, box[1].value, box[2].value, box[3].value


def page_size(page: Any) -> tuple[float, float]:
    calls = held()
    return calls.FPDF_GetPageWidthF(page), calls.FPDF_GetPageHeightF(page)


class TextPage:
    """A PDFium text page (``raw``, an ``FPDF_TEXTPAGE``) read with :func:`held` calls."""

    __slots__ = ("calls", "raw")

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.calls = held()

    def count_chars(self) -> int:
        count = self.calls.FPDFText_CountChars(self.raw)
        if count == -1:
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
        buffer = (c_ushort * size)()
        written = self.calls.FPDFText_GetText(self.raw, start, end - start + 1, buffer)
        return decode(memoryview(buffer)[: written - 1], "utf-16-le", errors="ignore")

    def get_charbox(self, index: int, loose: bool = True) -> tuple[float, float, float, float]:
        """A character's loose box: left, bottom, right, top (the only kind :mod:`.pdflayout` asks)."""
        rect = FS_RECTF()
        if not self.calls.FPDFText_GetLooseCharBox(self.raw, index, rect):
            raise PdfiumError("Failed to get charbox.")
        return rect.left, rect.bottom, rect.right, rect.top

    def get_text_bounded(self, left: float, bottom: float, right: float, top: float) -> str:
        """The text inside a box of the page."""
        args = (self.raw, left, top, right, bottom)
        size = self.calls.FPDFText_GetBoundedText(*args, None, 0)
        if size <= 0:
            return ""
        buffer = (c_ushort * size)()
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
