"""Where each extracted value came from: the document's cleaned lines, each with its page and line.

The extractor works on one string (``Source.text``, lines joined by ``\\n``) and its same-length
plain twin (``Source.plain``: lower case, no accents) so that a regular expression can match a
label whatever its accents and read the value at the same offsets. Every offset maps back to the
page and line of the source document.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import regex

Path = tuple[str | int, ...]

_PLAIN_MAP = {
    "’": "'", "‘": "'", "`": "'", "´": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    "–": "-", "—": "-", "‑": "-", "‐": "-", "œ": "o", "Œ": "o", "æ": "a", "Æ": "a",
}  # fmt: skip


def plain_char(ch: str) -> str:
    mapped = _PLAIN_MAP.get(ch)
    if mapped is not None:
        return mapped
    if ch.isascii():
        return ch.lower()
    base = unicodedata.normalize("NFKD", ch)[:1].lower()
    return base if len(base) == 1 and base.isascii() else ch.lower()[:1] or ch


class _PlainTable(dict):  # type: ignore[type-arg]
    """str.translate table filled on first sight of each character (a C loop after that)."""

    def __missing__(self, code: int) -> str:
        value = self[code] = plain_char(chr(code))
        return value


_PLAIN_TABLE = _PlainTable()


class _Unsafe(Exception):
    """A character whose plain form lower() would change again: the text goes through the table."""


def _plain_one(m: re.Match[str]) -> str:
    value = _PLAIN_TABLE[ord(m.group(0))]
    if value == "`" or value.lower() != value:
        raise _Unsafe
    return value


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def plain(text: str) -> str:
    """Lower case without accents, typographic quotes and dashes made ASCII, **same length**.

    Labels are matched on this text; values are read from the original at the same offsets.
    """
    # what the table gives, faster: ASCII lowered in C, only the other characters looked up (a
    # French text has a few in a hundred); every plain form is already in lower case, so that
    # lowering the whole text afterwards changes only the ASCII letters
    text = text.replace("`", "'")
    if text.isascii():
        return text.lower()
    if len(text) > _LONG:
        return _plain_long(text)
    try:
        return _NON_ASCII.sub(_plain_one, text).lower()
    except _Unsafe:
        return text.translate(_PLAIN_TABLE)


#: a text this long (a document's) has its distinct characters replaced each at once
_LONG = 1000


def _plain_long(text: str) -> str:
    """:func:`plain` of a long text: a few distinct characters outside ASCII (a dozen in a French
    act), each replaced all over the text by one ``str.replace`` (C) rather than one call each."""
    chars = set(_NON_ASCII.findall(text))
    values = {c: _PLAIN_TABLE[ord(c)] for c in chars}
    # as _plain_one: a plain form lower() would change, or one that is another character to
    # replace (the replacements must not chain), goes through the table
    if any(v == "`" or v.lower() != v or (v != c and v in chars) for c, v in values.items()):
        return text.translate(_PLAIN_TABLE)
    for c, v in values.items():
        if v != c:
            text = text.replace(c, v)
    return text.lower()


@dataclass(frozen=True, slots=True)
class Position:
    """A place in the source document (1-based; ``page`` is None for sources without pages)."""

    line: int
    column: int
    page: int | None = None

    def __str__(self) -> str:
        return f"p.{self.page} l.{self.line}" if self.page is not None else f"l.{self.line}"


_PAGE_NUMBER = regex.compile(r"^\s*(?:page\s*)?-?\s*\d{1,3}\s*(?:/\s*\d{1,3}|sur\s+\d{1,3})?\s*-?\s*$", re.I)
_SOFT_HYPHEN = regex.compile("\ufffe(?=[A-ZÀ-Þ])")
_DIGITS = regex.compile(r"\d+")
#: a running line numbering its page ("Séance du 3 mars - page 2/3", "2 sur 3"), figures as "#"
_PAGE_COUNTER = regex.compile(r"\bpage\s*#|#\s*(?:/|sur)\s*#\s*$", re.I)


def _clean_line(line: str) -> str:
    # pdfium marks a hyphen at a line end it joined as U+FFFE: a real hyphen before a capital
    # (LEVY-RAMEAU), a hyphenation otherwise.
    if "\ufffe" in line:
        line = _SOFT_HYPHEN.sub("-", line).replace("\ufffe", "")
    line = line.replace("\u00ad", "").replace("\t", " ")
    # Markdown markers are blanked, not removed, so that columns stay those of the source.
    line = line.replace("**", "  ").replace("^{er}", "er   ")
    if line.startswith("#"):
        line = re.sub(r"^#+\s", lambda m: " " * len(m.group(0)), line)
    return line


def _first(line: str, kept: set[str], read_once: Callable[[str], bool] | None) -> bool:
    """Whether a running line is one to read once, seen here for the first time (it is then kept)."""
    if read_once is None or line in kept or not read_once(line):
        return False
    kept.add(line)
    return True


class Source:
    """A document's text as lines, cleaned for matching, each remembering its page and line."""

    def __init__(
        self,
        text: str,
        pages: Sequence[str] | None = None,
        *,
        paged: bool | None = None,
        read_once: Callable[[str], bool] | None = None,
    ) -> None:
        """``read_once``: which running lines to keep where they first appear (the prefecture's
        stamp, printed on every page); the others are blanked on every page."""
        if pages is None:
            pages = text.split("\f") if "\f" in text else [text]
            paged = len(pages) > 1 if paged is None else paged
        elif paged is None:
            paged = True
        self.paged = paged
        raw: list[tuple[int, int, str]] = []  # (page, line, text)
        for p, page in enumerate(pages, start=1):
            for n, line in enumerate(page.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
                raw.append((p, n, line))
        blanked = self._blanked(raw, len(pages), read_once)
        lines: list[str] = []
        self.origin: list[tuple[int, int]] = []
        #: index of the first line of a multi-line bold span (``**A\nB**``) for each line inside one
        self.bold_group: dict[int, int] = {}
        #: running headers, footers and page numbers, blanked (a list goes on across them)
        self.dropped: set[int] = set()
        open_bold: int | None = None
        for p, n, line in raw:
            drop = (p, n) in blanked
            index = len(lines)
            if open_bold is not None:
                self.bold_group[index] = open_bold
            if line.count("**") % 2 == 1:
                if open_bold is None:
                    open_bold = index
                    self.bold_group[index] = index
                else:
                    open_bold = None
            if drop:
                self.dropped.add(index)
            lines.append("" if drop else _clean_line(line.rstrip()))
            self.origin.append((p, n))
        self.lines = lines
        self.text = "\n".join(lines)
        self.plain = plain(self.text)
        self.starts: list[int] = []
        #: the positions given, by offset (immutable: a value and its entry, the acts of a session
        #: sharing their header, ask for the same ones)
        self._positions: dict[int, Position] = {}
        offset = 0
        for line in lines:
            self.starts.append(offset)
            offset += len(line) + 1

    @classmethod
    def _blanked(
        cls, raw: list[tuple[int, int, str]], pages: int, read_once: Callable[[str], bool] | None
    ) -> set[tuple[int, int]]:
        """(page, line) of the running lines, page numbers and blank lines at page breaks."""
        repeated, numbered = cls._running_lines(raw, pages)
        kept: set[str] = set()  # running lines read once, where they first appear
        last_line = {p: n for p, n, _ in raw}
        margins = cls._page_margins(raw, repeated)
        out = set()
        for p, n, line in raw:
            stripped = line.strip()
            # a lone figure is a page number only at the top or the foot of its page (a margin box
            # of counts prints its figures alone on lines too)
            drop = (stripped in repeated and not _first(stripped, kept, read_once)) or (
                pages > 1
                and (p, n) in margins
                and stripped != ""
                and (bool(_PAGE_NUMBER.match(stripped)) or _DIGITS.sub("#", stripped) in numbered)
            )
            # a blank line where a page ends is the page break, not a paragraph break
            if drop or (not stripped and pages > 1 and n in (1, last_line[p])):
                out.add((p, n))
        return out

    @staticmethod
    def _page_margins(raw: list[tuple[int, int, str]], running: set[str]) -> set[tuple[int, int]]:
        """(page, line) of the first and last three lines holding text on each page, running lines
        set aside."""
        per_page: dict[int, list[int]] = {}
        for p, n, line in raw:
            if line.strip() and line.strip() not in running:
                per_page.setdefault(p, []).append(n)
        return {(p, n) for p, ns in per_page.items() for n in ns[:3] + ns[-3:]}

    @staticmethod
    def _running_lines(raw: list[tuple[int, int, str]], pages: int) -> tuple[set[str], set[str]]:
        """Lines repeated near the top or bottom of most pages (running headers and footers), and
        lines numbering their page, figures as "#", repeated once those are set aside ("Page 2/3")."""
        if pages < 3:
            return set(), set()
        per_page: dict[int, list[str]] = {}
        for p, _, line in raw:
            if line.strip():
                per_page.setdefault(p, []).append(line.strip())
        least = max(3, pages * 0.6)
        counts: Counter[str] = Counter()
        for page_lines in per_page.values():
            counts.update(set(page_lines[:3] + page_lines[-3:]))
        repeated = {line for line, n in counts.items() if n >= least and len(line) > 3}
        counts.clear()
        for page_lines in per_page.values():
            rest = [line for line in page_lines if line not in repeated]
            counts.update(
                {
                    m
                    for m in (_DIGITS.sub("#", line) for line in rest[:3] + rest[-3:])
                    if _PAGE_COUNTER.search(m)
                }
            )
        return repeated, {line for line, n in counts.items() if n >= least and len(line) > 3}

    def line_of(self, offset: int) -> int:
        """Index (0-based) of the line holding ``offset``."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def position(self, offset: int) -> Position:
        found = self._positions.get(offset)
        if found is None:
            index = self.line_of(offset)
            page, line = self.origin[index]
            column = offset - self.starts[index] + 1
            found = self._positions[offset] = Position(line, max(column, 1), page if self.paged else None)
        return found

    def line_span(self, index: int) -> tuple[int, int]:
        start = self.starts[index]
        return start, start + len(self.lines[index])


@dataclass
class Extraction:
    """A dossier built from a document: its data (what the YAML holds) and where each value came from.

    ``sources`` maps a model path (``("deliberations", 0, "declared", "present")``) to the
    position of the printed value; ``missing`` lists what the document did not say.
    """

    data: dict[str, Any] = field(default_factory=lambda: {"ctg_rules": 1})
    sources: dict[Path, Position] = field(default_factory=dict)
    missing: list[Path] = field(default_factory=list)
    #: what a reader should know about a value (two act ids printed...), as (path, French text)
    notes: list[tuple[Path, str]] = field(default_factory=list)
    source_name: str | None = None
    pages: int | None = None
    #: how sure the OCR was (%) of each value read on a scanned page (see .confidence)
    confidence: dict[Path, int] = field(default_factory=dict)
    #: the document's lines by (page or None, line): what a report prints under a finding
    lines: dict[tuple[int | None, int], str] | None = None
    #: a Word document's lines to their paragraph or table row (see .wordplaces)
    places: dict[int, Any] | None = None
    #: why a value was chosen among several the document printed (deliberation.picker), in French
    reasons: dict[Path, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.data.get("deliberations") and not self.data.get("convention")

    def put(self, path: Path, value: Any, position: Position | None = None) -> None:
        """Set the value at ``path`` (creating the mappings and lists on the way) and remember its origin."""
        node: Any = self.data
        for part, nxt in itertools.pairwise(path):
            if isinstance(part, int):
                while len(node) <= part:
                    node.append({} if not isinstance(nxt, int) else [])
                node = node[part]
            else:
                if part not in node:
                    node[part] = [] if isinstance(nxt, int) else {}
                node = node[part]
        last = path[-1]
        if isinstance(last, int):
            while len(node) <= last:
                node.append(None)
        node[last] = value
        if position is not None:
            self.sources[path] = position

    def get(self, path: Path, default: Any = None) -> Any:
        node: Any = self.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return default
        return node

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int, int | None] | None:
        """Page and line of the value at ``path`` (or of its nearest located parent), for findings."""
        path = tuple(path)
        for end in range(len(path), 0, -1):
            prefix = path[:end]
            found = self.sources.get(prefix)
            if found is None:
                # a list's or a mapping's position is that of its first located value
                inside = [p for k, p in self.sources.items() if k[:end] == prefix]
                found = min(inside, key=lambda p: (p.page or 0, p.line, p.column), default=None)
            if found is not None:
                return found.line, found.column, found.page
        return None

    def place(self, path: Sequence[str | int], *, key: bool = False) -> tuple[Any, ...] | None:
        """``locate``, the text of the line and, in a Word document, its paragraph or cell
        (line, column, page, None: this document, text, {"paragraph": n} or None)."""
        found = self.locate(path, key=key)
        if found is None:
            return None
        text = self.lines.get((found[2], found[0])) if self.lines else None
        return (*found, None, text, self.block(found[0], found[1], text))

    def block(self, line: int, column: int | None, text: str | None) -> dict[str, int] | None:
        """The paragraph or table cell of a Word document's line ({"paragraph": 12}), or None."""
        found = self.places.get(line) if self.places else None
        return found.place(text or "", column) if found is not None else None

    def locate2(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int] | None:
        """``locate`` without the page, for validation messages."""
        found = self.locate(path, key=key)
        return None if found is None else (found[0], found[1])


class Reader:
    """What every reader of a region of a document shares: the text, its plain twin, positions."""

    def __init__(self, src: Source, out: Extraction, start: int, end: int) -> None:
        self.src = src
        self.t = src.text
        self.p = src.plain
        self.out = out
        self.start = start
        self.end = end

    def pos(self, offset: int) -> Position:
        return self.src.position(offset)

    def line_end(self, offset: int) -> int:
        end = self.t.find("\n", offset)
        return len(self.t) if end < 0 else end
