"""An OCR'd page's words as lines of text in reading order, each word keeping its confidence.

Kept small and apart on purpose: the generic layout step (character boxes of a PDF's text
layer, ordered into lines) can take these word boxes in its place. What it does:

- Tesseract's lines are cut where a wide gap separates two words (two columns, or a label and
  its value far to the right), and the pieces standing left of the text body (the margin column
  of French municipal templates: counts, convocation date, page number) become their own block,
  after the body;
- the pieces of one column that sit on one row are joined, rows read top to bottom;
- a word split by a hyphen at a line end is joined with the next line as PDFium joins a text
  layer's (U+FFFE in place of the hyphen), so that the reader sees both kinds of page alike;
- specks read as punctuation at a line's ends are dropped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from .. import regex
from .ocr import OcrPage, Word

#: (first column, column after the last, confidence): where a word sits in its line (1-based)
Span = tuple[int, int, int]


@dataclass(slots=True)
class Line:
    text: str = ""
    spans: list[Span] = field(default_factory=list)

    def add(self, word: str, conf: int, sep: str = " ") -> None:
        if self.text:
            self.text += sep
        start = len(self.text) + 1
        self.text += word
        self.spans.append((start, len(self.text) + 1, conf))


@dataclass(slots=True)
class _Piece:
    """Words of one Tesseract line with no wide gap between them; later, a whole row."""

    words: list[Word]
    top: int = 0
    bottom: int = 0

    def __post_init__(self) -> None:
        self.top = min(w.top for w in self.words)
        self.bottom = max(w.bottom for w in self.words)

    @property
    def left(self) -> int:
        return self.words[0].left

    @property
    def right(self) -> int:
        return max(w.right for w in self.words)


def page_lines(page: OcrPage) -> list[Line]:
    """The page as lines: the body, a blank line, then the margin column when there is one."""
    pieces = _pieces(page.words)
    edge = _body_left(pieces, page.width)
    gap = page.width // 100
    margin = [p for p in pieces if edge is not None and p.right < edge - gap]
    if len(margin) < 3:  # a stray mark left of the text is no column
        margin = []
    body = [p for p in pieces if not any(p is m for m in margin)]
    lines = _column(body)
    if margin:
        lines.append(Line())
        lines += _column(margin)
    return lines


def _pieces(words: list[Word]) -> list[_Piece]:
    """Tesseract's lines, cut where two words are further apart than twice the letters' height."""
    grouped: dict[int, list[Word]] = {}
    for word in words:
        grouped.setdefault(word.line, []).append(word)
    pieces = []
    for line in grouped.values():
        line.sort(key=lambda w: w.left)
        height = median(w.bottom - w.top for w in line)
        start = 0
        for n in range(1, len(line) + 1):
            if n == len(line) or line[n].left - line[n - 1].right > 2 * height:
                piece = line[start:n]
                if any(_is_text(w) for w in piece):
                    pieces.append(_Piece(piece))
                start = n
    return pieces


def _is_text(word: Word) -> bool:
    """Not a speck read as punctuation with no confidence."""
    return any(c.isalnum() for c in word.text) or word.conf >= 50


def _body_left(pieces: list[_Piece], width: int) -> int | None:
    """The left edge most of the text starts at (to within 1% of the page width)."""
    step = max(width // 100, 1)
    starts: Counter[int] = Counter()
    for piece in pieces:
        if len(piece.words) >= 3:
            starts[piece.left // step] += len(piece.words)
    if not starts:
        return None
    best = starts.most_common(1)[0][0]
    return min(p.left for p in pieces if abs(p.left // step - best) <= 1)


def _column(pieces: list[_Piece]) -> list[Line]:
    rows = _rows(pieces)
    lines: list[Line] = []
    open_line: Line | None = None  # a line whose last word goes on in the next row
    for n, row in enumerate(rows):
        words = _trim(row.words)
        if not words:
            continue
        glued = open_line is not None
        if open_line is None:
            open_line = Line()
            lines.append(open_line)
        hyphen = n + 1 < len(rows) and _hyphenated(words, row, rows[n + 1])
        _extend(open_line, words, glued=glued, hyphen=hyphen)
        if not hyphen:
            open_line = None
    return lines


def _rows(pieces: list[_Piece]) -> list[_Piece]:
    """Pieces that share a row (a label and its value far right) joined, rows top to bottom."""
    rows: list[_Piece] = []
    for piece in sorted(pieces, key=lambda p: (p.top + p.bottom) / 2):
        middle = (piece.top + piece.bottom) / 2
        row = next(
            (
                r
                for r in rows
                if r.top <= middle <= r.bottom
                and not any(w.left < v.right and v.left < w.right for w in piece.words for v in r.words)
            ),
            None,
        )
        if row is None:
            rows.append(_Piece(list(piece.words)))
        else:
            row.words = sorted(row.words + piece.words, key=lambda w: w.left)
            row.top, row.bottom = min(row.top, piece.top), max(row.bottom, piece.bottom)
    return sorted(rows, key=lambda r: r.top)


_SPECK = regex.compile(r"[|.,'‘’`_\[\]{}!;~^°«»\"*]+")


def _trim(words: list[Word]) -> list[Word]:
    """Without the specks a scan's dust leaves at the ends of a line ("|", ".", "‘")."""
    start, end = 0, len(words)
    while start < end and _SPECK.fullmatch(words[start].text):
        start += 1
    while end > start and (_SPECK.fullmatch(words[end - 1].text) and words[end - 1].text not in (".", "»")):
        end -= 1
    return [w for w in words[start:end] if _is_text(w)]


_HYPHENATED = regex.compile(r"[\w-]*[^\W\d_]-")


def _hyphenated(words: list[Word], row: _Piece, below: _Piece) -> bool:
    """The row ends in the first part of a hyphenated word and the next row, just below, goes on."""
    if not words or not _HYPHENATED.fullmatch(words[-1].text):
        return False
    height = row.bottom - row.top
    first = min(below.words, key=lambda w: w.left)
    return below.top - row.bottom < height and first.text[:1].isalpha()


#: one or two strokes a serif 1 is misread as: "ii", "il", "[l", "{1", "|"
_ONE_LIKE = regex.compile(r"[\[{(|!iIl1]?[|!iIl1]")


def _extend(line: Line, words: list[Word], *, glued: bool, hyphen: bool) -> None:
    """Add a row's words; ``glued``: they go on a word hyphenated at the end of the row above."""
    previous: Word | None = None
    for n, word in enumerate(words):
        text = word.text
        last = n == len(words) - 1
        if last and previous is not None and previous.text.endswith(":"):
            text = _count_after_label(text)
        if last and hyphen:
            text = text[:-1] + "\ufffe"  # PDFium's mark of a hyphen where it joined two lines
        if previous is None:
            sep = "" if glued else " "
        elif previous.text.endswith("_") and word.left - previous.right < word.bottom - word.top:
            sep = ""  # "DEL2023_ 112": Tesseract cuts identifiers after an underscore
        else:
            sep = "  " if word.left - previous.right > 2 * max(word.bottom - word.top, 1) else " "
        line.add(text, word.conf, sep)
        previous = word


def _count_after_label(text: str) -> str:
    """ "en exercice : ii" -> 11: strokes closing a labelled line are ones (a serif 1 read as i or l)."""
    if _ONE_LIKE.fullmatch(text) and not text.isdigit():
        return "1" * len(text)
    return text
