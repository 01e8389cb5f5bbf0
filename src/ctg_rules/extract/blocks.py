"""A word-processing document as blocks (paragraphs and tables) and the lines the extractor reads.

DOCX and ODT readers build the same blocks. A table row is one line, its cells separated by two
spaces (a label and its value stay on one line: "Présents  12"), except a row whose one filled cell
holds several paragraphs or a table: Word's layout tables (a whole deliberation in a frame, or in
a table inside a table) are read as the lines they hold. A table inside a cell of a row of several
cells is read after that row's line, so that no text is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: tables inside tables deeper than this are refused (Word's own interface stops far sooner)
MAX_NESTING = 40


@dataclass
class Cell:
    """One cell: its blocks, and for a merged cell the text of the cell it continues."""

    blocks: list[str | Table] = field(default_factory=list)
    #: a vertically merged continuation repeats its first cell's text, as Word shows it
    continues: str | None = None
    span: int = 1

    def flat(self) -> str:
        """The cell's paragraphs on one line (tables inside are read apart)."""
        if self.continues is not None:
            return self.continues
        return " ".join(" ".join(b.split()) for b in self.blocks if isinstance(b, str) and b.strip())

    def is_layout(self) -> bool:
        """Several paragraphs or a table: a frame for text rather than a value."""
        paragraphs = [b for b in self.blocks if isinstance(b, str) and b.strip()]
        return len(paragraphs) > 1 or any(isinstance(b, Table) for b in self.blocks)


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)


def lines_of(blocks: list[str | Table]) -> list[str]:
    """The lines the extractor reads, in document order (iterative: nesting costs no recursion)."""
    out: list[str] = []
    stack: list[list[str | Table]] = [list(reversed(blocks))]
    while stack:
        todo = stack[-1]
        if not todo:
            stack.pop()
            continue
        block = todo.pop()
        if isinstance(block, str):
            out.extend(block.split("\n"))
            continue
        pending: list[str | Table] = []  # this table's rows, as lines and tables to read in order
        for row in block.rows:
            pending.extend(_row(row))
        stack.append(list(reversed(pending)))
    return out


def _row(row: list[Cell]) -> list[str | Table]:
    """One row: a line, or the blocks of its one layout cell; tables in a row of cells follow it."""
    filled = [c for c in row if c.continues or c.blocks]
    if len(filled) == 1 and filled[0].continues is None and filled[0].is_layout():
        return list(filled[0].blocks)
    cells: list[str] = []
    nested: list[str | Table] = []
    for cell in row:
        text = cell.flat()
        if text and (not cells or cells[-1] != text):  # a cell spanning columns is read once
            cells.append(text)
        if cell.continues is None:
            nested += [b for b in cell.blocks if isinstance(b, Table)]
    return ["  ".join(cells), *nested]
