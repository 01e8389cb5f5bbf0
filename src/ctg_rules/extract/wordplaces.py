"""Where a line read from a Word document is in Word's terms: a paragraph (§12) or a table cell.

Word shows no line numbers: a finding on a DOCX says "§12" or "tableau 2, ligne 3, cellule 1" and
quotes the text. The document's main part is walked once more, on its own (the reader's lines
are not tied to this walk): paragraphs of the body and rows of its tables, in order, then each
line the extractor read is matched, in order, to the paragraph or row whose text holds it.
Paragraphs are counted as a reader counts them, empty ones left out; tables, rows and cells
from 1. Anything unexpected gives no place: the finding keeps its line, the run goes on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import regex
from ..results import place_label

__all__ = ["Block", "blocks", "place_label", "places"]

_W = "}"  # namespaced tags end in "}name"
_SPACES = regex.compile(r"\s+")
_CELL_GAP = regex.compile(r" {2,}")  # the reader joins a row's cells with two spaces
#: how far ahead of the last matched block a line is looked for (lines come in document order)
_WINDOW = 80


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph (``table`` None) or a table row, and its text as Word shows it."""

    number: int  # the paragraph's number, or the row's
    text: str
    table: int | None = None
    #: a row's cells: (cell number, its text), empty ones and merged repeats left out
    cells: tuple[tuple[int, str], ...] = ()

    def place(self, line: str, column: int | None) -> dict[str, int]:
        """{"paragraph": n} or {"table": t, "row": r, "cell": c} for a column of the reader's line."""
        if self.table is None:
            return {"paragraph": self.number}
        return {"table": self.table, "row": self.number, "cell": self._cell(line, column)}

    def _cell(self, line: str, column: int | None) -> int:
        if not self.cells:
            return 1
        before = line[: max((column or 1) - 1, 0)]
        k = len(_CELL_GAP.findall(before.lstrip()))
        fragment = _norm(_CELL_GAP.split(line[len(before) :].lstrip(), 1)[0])
        if k < len(self.cells) and (not fragment or fragment in _norm(self.cells[k][1])):
            return self.cells[k][0]
        found = [n for n, text in self.cells if fragment and fragment in _norm(text)]
        return found[0] if found else self.cells[min(k, len(self.cells) - 1)][0]


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip().lower()


def blocks(path: str | Path) -> list[Block]:
    """The body's paragraphs and top-level table rows, in document order."""
    import zipfile
    from xml.etree.ElementTree import iterparse

    out: list[Block] = []
    with zipfile.ZipFile(path) as archive, archive.open(_main_part(archive)) as part:
        walk = _Walk(out)
        for event, element in iterparse(part, events=("start", "end")):
            walk.step(event, element)
    return out


def _main_part(archive: Any) -> str:
    """The main document part as [Content_Types].xml names it (Word Online: document2.xml)."""
    try:
        types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except KeyError:
        return "word/document.xml"
    for override in re.findall(r"<(?:\w+:)?Override\b[^>]*>", types):  # attributes in any order
        name = re.search(r'PartName="/([^"]+)"', override)
        kind = re.search(
            r'ContentType="[^"]*(?:document|template)(?:\.macroenabled)?\.main\+xml"', override, re.I
        )
        if name and kind and name.group(1) in archive.namelist():
            return name.group(1)
    return "word/document.xml"


class _Walk:
    """One pass over the part's XML events, building paragraphs and rows."""

    def __init__(self, out: list[Block]) -> None:
        self.out = out
        self.paragraphs = self.tables = 0
        self.depth = 0  # tables open (a table in a cell belongs to its cell)
        self.fallback = 0  # inside mc:Fallback: the same content again, for older readers
        self.text: list[str] = []
        self.row: list[tuple[int, str]] = []
        self.rows = self.cell = 0

    def step(self, event: str, element: Any) -> None:
        tag = element.tag.rsplit(_W, 1)[-1]
        if tag == "Fallback":
            self.fallback += 1 if event == "start" else -1
        if self.fallback or (tag == "Fallback" and event == "end"):
            return
        if event == "start":
            self._start(tag)
        else:
            self._end(tag, element)

    def _start(self, tag: str) -> None:
        if tag == "tbl":
            self.depth += 1
            if self.depth == 1:
                self.tables, self.rows = self.tables + 1, 0
        elif tag == "tr" and self.depth == 1:
            self.rows, self.row, self.cell = self.rows + 1, [], 0
        elif tag == "tc" and self.depth == 1:
            self.cell += 1
            self.text = []

    def _end(self, tag: str, element: Any) -> None:
        if tag == "t":
            self.text.append(element.text or "")
        elif tag in ("tab", "br", "cr"):
            self.text.append(" ")
        elif tag == "p":
            if self.depth == 0:
                text = "".join(self.text)
                if text.strip():
                    self.paragraphs += 1
                    self.out.append(Block(self.paragraphs, text))
                self.text = []
            else:
                self.text.append(" ")
        elif tag == "tc" and self.depth == 1:
            text = _norm("".join(self.text))
            if text and (not self.row or _norm(self.row[-1][1]) != text):
                self.row.append((self.cell, "".join(self.text).strip()))
        elif tag == "tr" and self.depth == 1:
            joined = "  ".join(t for _, t in self.row)
            self.out.append(Block(self.rows, joined, self.tables, tuple(self.row)))
        elif tag == "tbl":
            self.depth -= 1
        if tag in ("p", "tr", "tbl"):
            element.clear()  # a long document stays small in memory


def places(path: str | Path, lines: Mapping[tuple[int | None, int], str] | None) -> dict[int, Block]:
    """Each line the extractor read (by number) to the paragraph or row it comes from; {} when
    the document cannot be walked again."""
    if not lines:
        return {}
    try:
        found = blocks(path)
    except Exception:  # a place is a convenience: never a reason to fail a check
        return {}
    texts = [_norm(b.text) for b in found]
    out: dict[int, Block] = {}
    at = 0
    for (_, number), line in sorted(lines.items(), key=lambda kv: kv[0][1]):
        wanted = _norm(line)
        if not wanted:
            continue
        for k in range(at, min(at + _WINDOW, len(found))):
            if wanted in texts[k]:
                out[number], at = found[k], k
                break
    return out
