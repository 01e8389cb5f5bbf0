"""Word documents (DOCX): paragraphs and table rows in document order, read in one streaming pass.

The main part is the one ``[Content_Types].xml`` (or the package relationships) names: Word Online
saves ``word/document2.xml``. Its XML is read once, as it is unpacked (:mod:`.zipparts`): tables are
read from their rows and cells as they come (a vertically merged cell repeats the text of the cell
it continues, as Word shows it), tables inside tables included, with none of python-docx's
recursive walk of merged cells (minutes, then "maximum recursion depth exceeded", on a 3,000-row
table).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .blocks import MAX_NESTING, Cell, Table, lines_of
from .budget import Budget
from .errors import ExtractError, messages
from .zipparts import ZIP_ERRORS, Archive, PartError, Walker, parse_part

if TYPE_CHECKING:
    from ..loader import Limits

_W = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # ISO "strict" documents
)
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: the content types of a Word main part (document, template, with macros)
MAIN_TYPES = (
    "wordprocessingml.document.main+xml",
    "wordprocessingml.template.main+xml",
    "ms-word.document.macroenabled.main+xml",
    "ms-word.template.macroenabledtemplate.main+xml",
)


class OfficeError(ExtractError):
    messages = messages(
        {
            "docx_not_zip": (
                "ce fichier .docx n'est pas une archive Word : fichier abîmé, ou autre format renommé en .docx ?",
                "this .docx file is not a Word archive: damaged, or another format renamed .docx?",
            ),
            "docx_ole": (
                "ancien format Word (.doc) ou document protégé par un mot de passe : enregistrez-le en .docx "
                "sans mot de passe, ou en PDF",
                "old Word format (.doc) or a password-protected document: save it as .docx without a password, "
                "or as PDF",
            ),
            "doc_old": (
                "ancien format Word (.doc), que ctg-rules ne lit pas : enregistrez-le en PDF ou en DOCX",
                "old Word format (.doc), which ctg-rules does not read: save it as PDF or DOCX",
            ),
            "docx_not_word": (
                "archive ZIP qui n'est pas un document Word (ni [Content_Types].xml ni word/document.xml "
                "n'y nomment de document) : enregistrez-le de nouveau depuis Word",
                "a ZIP archive that is not a Word document (neither [Content_Types].xml nor word/document.xml "
                "names a document): save it again from Word",
            ),
        }
    )


def _tags(*names: str) -> dict[str, str]:
    return {f"{ns}}}{name}": name for ns in _W for name in names}


#: the elements the reader acts on, by expat's "namespace}name"
_TAGS = {
    **_tags("p", "t", "tab", "ptab", "br", "cr", "noBreakHyphen", "tbl", "tr", "tc", "gridSpan", "vMerge"),
    **_tags("gridBefore"),
    _MC + "Fallback": "Fallback",  # the same content again, for older readers
}
_INLINE = {"tab": "\t", "ptab": "\t", "noBreakHyphen": "-"}


def read_docx(path: str | Path, limits: Limits, budget: Budget | None = None) -> str:
    """Paragraphs and table rows in document order, one per line (cells separated by two spaces)."""
    budget = budget or Budget(limits)
    try:
        archive = Archive(path, "Word", budget)
    except ZIP_ERRORS as exc:
        raise OfficeError("docx_not_zip").with_detail(exc) from None
    try:
        main = main_part(archive)
        if main is None:
            raise OfficeError("docx_not_word")
        walker = _Walker()
        parse_part(archive, main, walker)
        return "\n".join(lines_of(walker.body))
    finally:
        archive.close()


def main_part(archive: Archive) -> str | None:
    """The part holding the document: named by [Content_Types].xml, else by _rels/.rels, else the usual."""
    names = {name.lower(): name for name in archive.infos}
    candidates: list[str] = []
    if "[content_types].xml" in names:
        candidates += _SmallPart.collect(
            archive, names["[content_types].xml"], "Override", "PartName", "ContentType", MAIN_TYPES
        )
    if not candidates and "_rels/.rels" in names:
        candidates += _SmallPart.collect(
            archive, names["_rels/.rels"], "Relationship", "Target", "Type", ("/officedocument",)
        )
    candidates.append("word/document.xml")
    for candidate in candidates:
        name = candidate.strip().lstrip("/").removeprefix("./").lower()
        if name in names:
            return names[name]
    return None


class _SmallPart(Walker):
    """[Content_Types].xml or _rels/.rels: the ``value`` of each ``element`` whose ``key`` ends so."""

    def __init__(self, element: str, value: str, key: str, endings: tuple[str, ...]) -> None:
        self.element, self.value, self.key, self.endings = element, value, key, endings
        self.found: list[str] = []

    @classmethod
    def collect(
        cls, archive: Archive, name: str, element: str, value: str, key: str, endings: tuple[str, ...]
    ) -> list[str]:
        walker = cls(element, value, key, endings)
        parse_part(archive, name, walker)
        return walker.found

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.nodes += 1
        if self.nodes > self.cap:
            self.too_many()
        if name.rsplit("}", 1)[-1] == self.element and attrs.get(self.key, "").lower().endswith(self.endings):
            self.found.append(attrs.get(self.value, ""))

    def end(self, name: str) -> None:
        pass

    def chars(self, data: str) -> None:
        pass


class _Walker(Walker):
    """The state of one pass over the main part: open paragraphs, tables, rows and cells."""

    def __init__(self) -> None:
        self.body: list[str | Table] = []
        self.containers: list[list[str | Table]] = [self.body]  # where a finished block goes
        self.paragraphs: list[list[str]] = []  # the text of each open paragraph
        self.tables: list[_Open] = []
        self.cells: list[tuple[Cell, int, str | None]] = []  # each open cell, its column, its vMerge
        self.in_text = False
        self.skipping = 0  # inside mc:Fallback

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.nodes += 1
        if self.nodes > self.cap:
            self.too_many()
        tag = _TAGS.get(name)
        if tag is None:
            return
        if tag == "Fallback" or self.skipping:
            self.skipping += tag == "Fallback"
        elif tag == "t":
            self.in_text = True
        elif tag == "p":
            self.paragraphs.append([])
        elif tag in _INLINE:
            self._text(_INLINE[tag])
        elif tag in ("br", "cr"):  # a line break; a page or column break is no text (as in Word)
            self._text("" if _attr(attrs, "type") not in (None, "textWrapping") else "\n")
        else:
            self._table(tag, attrs)

    def end(self, name: str) -> None:
        tag = _TAGS.get(name)
        if tag is None:
            return
        if tag == "Fallback":
            self.skipping -= 1
        elif self.skipping:
            return
        elif tag == "t":
            self.in_text = False
        elif tag == "p" and self.paragraphs:
            self.containers[-1].append("".join(self.paragraphs.pop()))
            self.read += 1
        elif tag == "tc" and self.cells:
            self._end_cell()
        elif tag == "tbl" and self.tables:
            self.containers[-1].append(self.tables.pop().table)

    def chars(self, data: str) -> None:
        if self.in_text and self.paragraphs and not self.skipping:
            self.paragraphs[-1].append(data)
            self.held += len(data)

    def _text(self, text: str) -> None:
        if self.paragraphs:
            self.paragraphs[-1].append(text)

    def _table(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "tbl":
            if len(self.tables) >= MAX_NESTING:
                raise PartError("too_deep", kind="Word", limit=MAX_NESTING)
            self.tables.append(_Open(Table()))
        elif not self.tables:
            return
        elif tag == "tr":
            self.tables[-1].table.rows.append([])
            self.tables[-1].column = 0
        elif tag == "tc":
            cell = Cell()
            self.cells.append((cell, self.tables[-1].column, None))
            self.containers.append(cell.blocks)
        elif tag == "gridBefore":
            self.tables[-1].column += _number(_attr(attrs, "val"))
        elif self.cells and tag == "gridSpan":
            self.cells[-1][0].span = max(1, min(_number(_attr(attrs, "val")), 64))
        elif self.cells and tag == "vMerge":  # <w:vMerge/> continues the cell above; "restart" starts one
            cell, column, _ = self.cells[-1]
            self.cells[-1] = (cell, column, _attr(attrs, "val") or "continue")

    def _end_cell(self) -> None:
        cell, column, merge = self.cells.pop()
        self.containers.pop()
        if not self.tables:
            return
        table = self.tables[-1]
        if merge == "continue":
            cell.continues = table.merged.get(column, "")
        elif merge == "restart":
            table.merged[column] = cell.flat()
        else:
            table.merged.pop(column, None)
        if table.table.rows:
            table.table.rows[-1].append(cell)
        table.column = column + cell.span


@dataclass
class _Open:
    """A table being read: its rows so far, the text of its merged columns, the next cell's column."""

    table: Table
    merged: dict[int, str] = field(default_factory=dict)
    column: int = 0


def _attr(attrs: dict[str, str], name: str) -> str | None:
    """A w: attribute, whichever of the two WordprocessingML namespaces the document uses."""
    for ns in _W:
        value = attrs.get(f"{ns}}}{name}")
        if value is not None:
            return value
    return None


def _number(value: str | None) -> int:
    try:
        return max(0, int(value or 0))
    except ValueError:
        return 0
