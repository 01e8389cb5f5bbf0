"""Direct calls of the deliberation's section readers on short extracts written for the tests."""

from __future__ import annotations

from typing import Any

from ctg_rules.extract.deliberation import DeliberationReader
from ctg_rules.extract.positions import Extraction, Source

BASE = ("deliberations", 0)


def reader(text: str) -> DeliberationReader:
    """A reader over the whole of ``text`` (no document around it)."""
    src = Source(text)
    return DeliberationReader(src, Extraction(), 0, len(src.text))


# the readers given the end of the header only (they start at the reader's start)
_TO_END = frozenset({"header", "body", "session"})


def read(text: str, method: str) -> tuple[DeliberationReader, dict[str, Any]]:
    """Run one section reader over the whole of ``text``; the reader and the deliberation it filled."""
    r = reader(text)
    bounds = (r.end,) if method in _TO_END else (r.start, r.end)
    getattr(r, method)(BASE, *bounds)
    return r, r.out.get(BASE) or {}


def where(r: DeliberationReader, *path: str | int) -> tuple[int, int]:
    """The (line, column) the reader gave a value of the deliberation."""
    position = r.out.sources[(*BASE, *path)]
    return position.line, position.column


def pad(n: int) -> str:
    """``n`` characters of filler words ("x x x"), ending with a letter: no label, date, title or full
    stop; to put a word exactly at the edge of a reader's limit."""
    return ("x " * n)[: n - 1] + "x"
