"""What the parts of the convention reader share: where they write, and the parties met so far."""

from __future__ import annotations

import re
from typing import Any

from ..positions import Extraction, Path, Reader, Source
from ..words import OrgMatcher
from . import lexicon as lx


class Part(Reader):
    """A reader of one part of the convention held in ``src.text[start:end]``."""

    def __init__(self, src: Source, out: Extraction, start: int, end: int) -> None:
        super().__init__(src, out, start, end)
        self.base: Path = ("convention",)
        self.matcher = OrgMatcher([])
        #: where the title starts (the parties a title names complete a block cut short)
        self.title_at: int | None = None

    def put(self, sub: Path, value: Any, offset: int) -> None:
        self.out.put((*self.base, *sub), value, self.pos(offset))

    def party_id(self, index: int) -> Any:
        return self.out.get(("convention", "parties", index, "id"))


def cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a line: a table's cells or a PDF's columns joined by wide gaps."""
    out: list[tuple[int, int]] = []
    pos = 0
    for gap in [*lx.CELL_GAP.finditer(line), None]:
        end = gap.start() if gap else len(line)
        piece = line[pos:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((pos + lead, pos + len(piece.rstrip())))
        pos = gap.end() if gap else len(line)
    return out


def strip_article(text: str) -> str:
    """ "La Commune de X" -> "Commune de X" (capitalised)."""
    m = re.match(r"^(?:La|Le|Les|L['’]|la|le|les|l['’]|LA|LE|LES)\s*(?=\S)", text)
    name = text[m.end() :] if m else text
    return name[:1].upper() + name[1:]
