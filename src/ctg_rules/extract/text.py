"""Plain text and Markdown: the bytes decoded (byte-order marks, UTF-8, else Windows-1252)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from .errors import ExtractError

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")


def read_text(path: str | Path) -> str:
    """The text of a text file, whatever the encoding French office software saved it in."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        from ..i18n import os_error  # only to word the error

        raise ExtractError("unreadable", reason=partial(os_error, exc)) from None
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace").lstrip("\ufeff")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # French office software still saves text as Windows-1252
        return raw.decode("cp1252", errors="replace")
