"""Plain text and Markdown: the bytes decoded (byte-order marks, UTF-16 without one, UTF-8, else
Windows-1252), NUL bytes dropped, the length bounded before anything is read."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ExtractError

if TYPE_CHECKING:
    from .budget import Budget

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
#: a character takes at most 4 bytes (UTF-8, UTF-16 surrogates): a bigger file holds too much text
_MAX_BYTES_PER_CHAR = 4
_CONTROLS = frozenset(range(32)) - {9, 10, 12, 13}


def read_text(path: str | Path, budget: Budget | None = None) -> str:
    """The text of a text file, whatever the encoding French office software saved it in."""
    from ..loader import DEFAULT_LIMITS
    from .budget import Budget, LimitError, count

    budget = budget or Budget(DEFAULT_LIMITS)
    limit = budget.limits.max_text
    try:
        if Path(path).stat().st_size > _MAX_BYTES_PER_CHAR * limit + 4:  # refused unread
            raise LimitError("too_much_text", where="", limit=count(limit), name="max-text")
        raw = Path(path).read_bytes()
    except OSError as exc:
        from ..i18n import os_error  # only to word the error

        raise ExtractError("unreadable", reason=partial(os_error, exc)) from None
    text = decode(raw, Path(path).suffix.lower())
    pages = text.split("\f")
    for number, page in enumerate(pages, start=1):
        if len(pages) > 1:
            budget.page_text(number, len(page))
    if len(pages) == 1:
        budget.add_text(len(text))
    return text


def decode(raw: bytes, suffix: str = ".txt") -> str:
    """Text from bytes: a byte-order mark, else UTF-16 told by its zero bytes, else UTF-8, else cp1252."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace").lstrip("\ufeff")
    utf16 = _utf16(raw[:8192])
    if utf16:
        return raw.decode(utf16, errors="replace").replace("\x00", "")
    if b"\x00" in raw:
        raw = raw.replace(b"\x00", b"")  # a file padded or damaged with zero bytes: the rest is read
    sample = raw[:8192]
    if sample and sum(b in _CONTROLS for b in sample) > len(sample) // 20:
        from .sniff import mismatch

        raise mismatch(suffix, "binary")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # French office software still saves text as Windows-1252
        return raw.decode("cp1252", errors="replace")


def _utf16(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when zero bytes fill one byte of each pair (Latin text), else None."""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0::2].count(0) / pairs
    odd = sample[1::2].count(0) / pairs
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None
