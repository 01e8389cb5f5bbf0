"""OpenDocument text (ODT, LibreOffice's format): content.xml's paragraphs and tables, in one pass.

The same caps as DOCX (:mod:`.zipparts`): content.xml is unpacked and parsed as it streams, and
tables become the same blocks (:mod:`.blocks`). A cell spanning rows repeats its text in the rows
it covers, as in a DOCX; notes, comments and tracked deletions are not the act's text and are left
out; a frame's paragraphs inside a paragraph are read as paragraphs of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import regex
from .blocks import MAX_NESTING, Cell, Table, lines_of
from .budget import Budget
from .errors import ExtractError, messages
from .zipparts import ZIP_ERRORS, Archive, PartError, Walker, parse_part

if TYPE_CHECKING:
    from ..loader import Limits

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_PARAGRAPHS = frozenset((_TEXT + "p", _TEXT + "h"))
_CELLS = frozenset((_TABLE + "table-cell", _TABLE + "covered-table-cell"))
#: not the act's text: footnotes, comments, deleted text kept for tracked changes
_LEFT_OUT = frozenset((_TEXT + "note", _OFFICE + "annotation", _TEXT + "tracked-changes"))
#: inside a paragraph: spaces (text:s, c of them), tabs, line breaks
_INLINE = {_TEXT + "s": " ", _TEXT + "tab": "\t", _TEXT + "line-break": "\n"}
_SPACES = regex.compile(r"[ \t\r\n]+")


class OdtError(ExtractError):
    messages = messages(
        {
            "odt_not_zip": (
                "ce fichier .odt n'est pas une archive OpenDocument : fichier abîmé, ou autre format renommé en .odt ?",
                "this .odt file is not an OpenDocument archive: damaged, or another format renamed .odt?",
            ),
            "odt_no_content": (
                "archive qui n'est pas un texte OpenDocument (il y manque content.xml) : "
                "enregistrez-le de nouveau depuis LibreOffice",
                "an archive that is not an OpenDocument text (content.xml is missing): save it again from LibreOffice",
            ),
        }
    )


def read_odt(path: str | Path, limits: Limits, budget: Budget | None = None) -> str:
    """Paragraphs and table rows in document order, one per line (cells separated by two spaces)."""
    budget = budget or Budget(limits)
    try:
        archive = Archive(path, "OpenDocument", budget)
    except ZIP_ERRORS as exc:
        raise OdtError("odt_not_zip").with_detail(exc) from None
    try:
        if not archive.has("content.xml"):
            raise OdtError("odt_no_content")
        manifest = "META-INF/manifest.xml"
        if archive.has(manifest) and b"encryption-data" in archive.read_small(manifest):
            raise PartError("encrypted_part", kind="OpenDocument")
        walker = _Walker()
        parse_part(archive, "content.xml", walker)
        return "\n".join(lines_of(walker.body))
    finally:
        archive.close()


class _Walker(Walker):
    """One pass over content.xml: paragraphs collect the text inside them, tables their cells."""

    def __init__(self) -> None:
        self.body: list[str | Table] = []
        self.containers: list[list[str | Table]] = [self.body]
        self.tables: list[_Open] = []
        self.cells: list[tuple[Cell, int, int]] = []  # cell, column, rows spanned
        self.paragraphs: list[list[str]] = []  # open paragraphs (a frame's inside another's)
        self.left_out = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.nodes += 1
        if self.nodes > self.cap:
            self.too_many()
        if name in _LEFT_OUT or self.left_out:
            self.left_out += name in _LEFT_OUT
        elif name in _PARAGRAPHS:
            self.paragraphs.append([])
        elif self.paragraphs:
            inline = _INLINE.get(name)
            if inline:
                count = _number(attrs, "c") if name == _TEXT + "s" else 1
                self.paragraphs[-1].append(inline * min(count, 200))
        elif name == _TABLE + "table":
            if len(self.tables) >= MAX_NESTING:
                raise PartError("too_deep", kind="OpenDocument", limit=MAX_NESTING)
            self.tables.append(_Open(Table()))
        elif name == _TABLE + "table-row" and self.tables:
            self.tables[-1].table.rows.append([])
            self.tables[-1].column = 0
        elif name in _CELLS and self.tables:
            self._start_cell(name, attrs)

    def end(self, name: str) -> None:
        if name in _LEFT_OUT:
            self.left_out -= 1
        elif self.left_out:
            return
        elif name in _PARAGRAPHS and self.paragraphs:
            self.containers[-1].append("".join(self.paragraphs.pop()))
            self.read += 1
        elif name in _CELLS and self.cells:
            self._end_cell()
        elif name == _TABLE + "table" and self.tables:
            self.containers[-1].append(self.tables.pop().table)

    def chars(self, data: str) -> None:
        if self.paragraphs and not self.left_out:
            self.paragraphs[-1].append(_SPACES.sub(" ", data))  # ODF collapses XML white space
            self.held += len(data)

    def _start_cell(self, name: str, attrs: dict[str, str]) -> None:
        table = self.tables[-1]
        cell = Cell()
        if name == _TABLE + "covered-table-cell":  # under a cell spanning rows: its text, as in Word
            text, last = table.merged.get(table.column, ("", -1))
            cell.continues = text if len(table.table.rows) - 1 <= last else ""
        self.cells.append((cell, table.column, _number(attrs, "number-rows-spanned")))
        self.containers.append(cell.blocks)
        table.column += min(_number(attrs, "number-columns-repeated"), 1024)

    def _end_cell(self) -> None:
        cell, column, rows = self.cells.pop()
        self.containers.pop()
        table = self.tables[-1]
        if rows > 1:
            table.merged[column] = (cell.flat(), len(table.table.rows) - 1 + rows - 1)
        if table.table.rows:
            table.table.rows[-1].append(cell)


@dataclass
class _Open:
    """A table being read: its rows, the cells spanning rows (column -> text, last row), the column."""

    table: Table
    merged: dict[int, tuple[str, int]] = field(default_factory=dict)
    column: int = 0


def _number(attrs: dict[str, str], name: str) -> int:
    """A count attribute (table:number-columns-repeated, text:c...): 1 when absent or absurd."""
    for key, value in attrs.items():
        if key.endswith("}" + name):
            try:
                return max(1, int(value))
            except ValueError:
                return 1
    return 1
