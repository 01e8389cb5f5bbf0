"""A PDF page's reading order, rebuilt from PDFium's boxes where the content stream mixes it up.

PDFium gives a page's text in the order of its content stream. That order is the reading order on
almost every page, and then the text is left exactly as PDFium gave it. A few generators write a
page otherwise: a margin column of counts ("en exercice : 27", the date of convocation) beside the
body, its lines interleaved with the body's or written after it; a table written column by column
("Pour", "Contre", then "20", "3"). There the readers see a margin line in the middle of a list of
names, or labels far from their figures.

:func:`page_text` first walks the text's rectangles in stream order (cheap PDFium calls): a page
whose text never goes back up, never sits side by side on a line and never alternates between
horizontally separate places is left alone. Otherwise the rectangles are grouped into lines, and a
vertical gutter running down several lines splits a band of them into a left and a right side:

- **columns**: the sides do not share baselines (two flows of text), or a narrow side of short
  statements with figures ("en exercice : 27", "Convoqué le 3/03/2025") beside a wide body. They
  are read one after the other, left first: a margin column of counts is its own block before the
  body. Kept as it is when the stream already writes the left side, then the right one.
- **a table**: the sides share baselines. Each row is one line, its cells separated by two spaces
  (a cell boundary for the readers, as in a Word table's row). Rewritten only when the stream
  writes it column by column; a narrow side beside a wide one with no figures (labels and their
  values, or a margin of headings) is kept in the stream's order, which reads either way.

Only a band whose stream order is neither is rewritten, from the characters' boxes; the rest of the
page keeps PDFium's text byte for byte (a stamp added at the end of the stream stays where it was).
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import Any

from .. import regex

#: a gap wider than this many font heights between two pieces of a line separates cells or columns
_CELL_GAP = 1.0
#: the gap that makes a page suspect (a justified line's widest spaces stay under it)
_WIDE_GAP = 2.0
#: a gutter is at least this wide (points)
_GUTTER = 6.0
#: lines on each side of a gutter, overlapping in height, for it to be one
_SIDE_LINES = 2
#: a page of more pieces of text than this is left in PDFium's order (words placed one by one,
#: dense tables: 2,000 a page in a real convention's action sheets; a deliberation's page, under 150)
_MAX_RECTS = 800
#: the places a gutter may run that are tried, the most shared first
_CANDIDATES = 8
#: a side narrower than this many font heights holds a list's bullets or numbers
_BULLET = 4.0
#: a body beside a margin is at least this wide (points)
_BODY = 200.0
#: a margin of counts: this share of its lines are statements with a figure
_FIGURES = 0.5
_STATEMENT = regex.compile(r"[^\W\d_]{3}.*\d|\d.*[^\W\d_]{3}", re.S)
CELL = "  "

Box = tuple[float, float, float, float, int]  # left, bottom, right, top, index in stream order
Reach = tuple[list[float], list[float]]


def page_text(textpage: Any, text: str) -> str:
    """``text`` (PDFium's text of the page) in reading order: unchanged unless the stream mixes it up."""
    boxes = _rects(textpage)
    if boxes is None or not _suspect(boxes):
        return text
    try:
        return _rebuilt(textpage, text, boxes)
    except (ArithmeticError, LookupError, ValueError):
        return text  # boxes PDFium gave in a shape not foreseen: the stream's order is still text


def _rebuilt(textpage: Any, text: str, boxes: list[Box]) -> str:
    """The page's text with each band whose stream order is not its reading order rewritten."""
    plans = [p for p in _plans(_lines(boxes), textpage) if p.mode]
    if not plans:
        return text
    runs = _runs(textpage, text)
    if runs is None:
        return text
    regions = [_region(runs, plan) for plan in plans]
    if any(r is None for r in regions):
        return text
    return _splice(text, runs, [r for r in regions if r is not None])


def _rects(textpage: Any) -> list[Box] | None:
    """The text's rectangles in stream order (one short PDFium call each, the GIL kept: this runs on
    every page); None past ``_MAX_RECTS`` (a page of words placed one by one, a dense table: left in
    PDFium's order, whose reading would cost more than the page's)."""
    from .pdfcalls import rects

    return rects(textpage.raw, _MAX_RECTS)


def _suspect(boxes: list[Box]) -> bool:
    """Whether the stream order may not be the reading order: wide gaps inside two lines lining up,
    consecutive lines apart horizontally twice in a row, or the stream going back up to text beside
    what it wrote before (:func:`_beside`)."""
    flows = [0]  # where the stream goes back up the page: a new flow of text
    line = (0.0, 0.0, 0.0, 0.0)  # the left, bottom, right and top of the line written so far
    disjoint = 0
    gaps: list[tuple[float, float]] = []  # wide gaps inside lines so far
    for k, (left, bottom, right, top, _) in enumerate(boxes):
        if right - left < top - bottom or top - bottom < 1:
            continue  # a bullet, a stray comma or dash: no column
        middle = (bottom + top) / 2
        if k and middle > line[3]:
            flows.append(k)
            disjoint = 0
        elif k and middle >= line[1]:  # the same line
            height = max(top - bottom, line[3] - line[1])
            if left - line[2] > height * _WIDE_GAP and line[2] - line[0] > _BULLET * height:
                # a gutter runs down two lines at least (a justified line's wide spaces do not line up)
                if any(min(left, end) - max(line[2], start) >= _GUTTER for start, end in gaps):
                    return True
                gaps.append((line[2], left))
            line = (min(left, line[0]), line[1], max(right, line[2]), line[3])
            continue
        elif k and (left > line[2] or right < line[0]):
            disjoint += 1
            if disjoint >= 2:
                return True
        else:
            disjoint = 0
        line = (left, bottom, right, top)
    flows.append(len(boxes))
    return any(_beside(boxes[a:b], boxes[b:c]) for a, b, c in zip(flows, flows[1:], flows[2:], strict=False))


def _beside(before: list[Box], after: list[Box]) -> bool:
    """Whether a flow written after another may be out of order beside it: a column to its left (a
    margin written last), or one to its right on the same baselines (a table written column by
    column). Not a flow over or under the other (a stamp or a header written apart), nor a body or
    text on baselines of its own to the right (read in order)."""
    if len(after) <= _SIDE_LINES or len(before) <= _SIDE_LINES:
        return False  # two pieces at most (a stamp's dates, a bullet): too few to make a column
    left, right = min(b[0] for b in after), max(b[2] for b in after)
    if sum(1 for b in before if b[0] < right and left < b[2]) > _SIDE_LINES:
        return False
    if 2 * left <= min(b[0] for b in before) + max(b[2] for b in before):
        return True
    if right - left >= _BODY:
        return False
    shared = sum(1 for b in after if any(a[1] <= (b[1] + b[3]) / 2 <= a[3] for a in before))
    return shared >= _SIDE_LINES


def _lines(boxes: list[Any]) -> list[list[Any]]:
    """Boxes (or runs, as boxes) grouped into lines by height on the page, top to bottom, each left to
    right."""
    lines: list[list[Any]] = []
    anchor = (0.0, 0.0)  # the middle and height of the line's first box
    for box in sorted(boxes, key=lambda b: -(b[1] + b[3])):
        middle, height = (box[1] + box[3]) / 2, box[3] - box[1]
        if lines and abs(middle - anchor[0]) <= max(min(height, anchor[1]), 1.0) / 2:
            lines[-1].append(box)
            continue
        lines.append([box])
        anchor = (middle, height)
    for line in lines:
        line.sort(key=lambda b: b[0])
    return lines


class Plan:
    """A band of lines split by a gutter at ``x``, and how to rewrite it ("" to keep it).

    (Plain classes here, not dataclasses: this module is imported by every PDF check, and a
    dataclass costs a millisecond of start-up.)
    """

    __slots__ = ("bottom", "mode", "top", "x")

    def __init__(self, top: float, bottom: float, x: float, mode: str) -> None:
        self.top, self.bottom, self.x = top, bottom, x
        self.mode = mode  # "columns", "rows" or ""


def _plans(lines: list[list[Box]], textpage: Any) -> list[Plan]:
    """The page's bands with a gutter running down them, each with what to do with it."""
    plans: list[Plan] = []
    half = _GUTTER / 2
    # each line's starts of text, and how far right the text reaches up to each: is x crossed?
    reach = [
        ([b[0] - half for b in line], list(itertools.accumulate((b[2] + half for b in line), max)))
        for line in lines
    ]
    begin = 0
    while begin < len(lines):
        found = _gutter(lines, reach, begin)
        if found is None:
            break
        first, last, x = found
        band = lines[first : last + 1]
        top = max(b[3] for b in band[0])
        bottom = min(b[1] for b in band[-1])
        plans.append(Plan(top, bottom, x, _mode(band, x, textpage)))
        begin = last + 1
    return plans


def _gutter(lines: list[list[Box]], reach: list[Reach], begin: int) -> tuple[int, int, float] | None:
    """The band of lines from ``begin`` that a vertical gutter crosses with the most lines on its
    thinner side (the highest of equals): (first, last, x)."""
    best: tuple[int, int, float] | None = None
    score = (0, 0)
    for x in _candidates(lines, begin):
        for first, last, thinner in _bands(lines, reach, begin, x):
            if (thinner, -first) > score:
                best, score = (first, last, x), (thinner, -first)
    return best


def _candidates(lines: list[list[Box]], begin: int) -> list[float]:
    """Where a gutter may run: beside the start of text or the end of text that at least two gaps
    (inside a line, or between consecutive lines apart) share, within 3 points; the most shared."""
    found: dict[tuple[int, int], list[float]] = {}
    above: list[Box] | None = None
    margin = _GUTTER / 2 + 0.5
    for line in lines[begin:]:
        pairs = list(itertools.pairwise(line))
        if above is not None:
            pairs += [(above[-1], line[0]), (line[-1], above[0])]
        for a, b in pairs:
            if b[0] - a[2] >= 2 * margin:
                # the gutter clear of every end (or start) of text that lines up here
                end = found.setdefault((0, round(a[2] / 3)), [a[2] + margin, 0])
                end[0], end[1] = max(end[0], a[2] + margin), end[1] + 1
                start = found.setdefault((1, round(b[0] / 3)), [b[0] - margin, 0])
                start[0], start[1] = min(start[0], b[0] - margin), start[1] + 1
        above = line
    shared = sorted((times, x) for x, times in found.values() if times >= _SIDE_LINES)
    return sorted({x for _, x in shared[-_CANDIDATES:]})


def _bands(lines: list[list[Box]], reach: list[Reach], begin: int, x: float) -> list[tuple[int, int, int]]:
    """Runs of lines no text crosses at ``x``, where text on both sides overlaps in height:
    (first, last, lines on the thinner side)."""
    out = []
    start = begin
    for n in range(begin, len(lines) + 1):
        if n < len(lines):
            starts, ends = reach[n]
            i = bisect.bisect_left(starts, x) - 1
            if i < 0 or ends[i] <= x:
                continue  # no text across x on this line
        if n - start >= _SIDE_LINES:
            band = _both_sides(lines, start, n - 1, x)
            if band is not None:
                out.append(band)
        start = n + 1
    return out


def _both_sides(lines: list[list[Box]], first: int, last: int, x: float) -> tuple[int, int, int] | None:
    """Of lines first..last, those from where both sides hold text (a heading above stays above)
    to where they stop, and on through the lines of one piece below (a column going on), when each
    side holds text on at least two lines beside the other's."""
    left = [n for n in range(first, last + 1) if lines[n][0][2] < x]
    right = [n for n in range(first, last + 1) if lines[n][-1][0] > x]
    if not left or not right:
        return None
    top, bottom = max(left[0], right[0]), min(left[-1], right[-1])
    thinner = min(sum(top <= n <= bottom for n in left), sum(top <= n <= bottom for n in right))
    if thinner < _SIDE_LINES:
        return None
    while bottom < last and not _gapped(lines[bottom + 1]):
        bottom += 1
    return top, bottom, thinner


def _gapped(line: list[Box]) -> bool:
    """Whether a line has a wide gap inside (cells, or columns)."""
    return any(b[0] - a[2] > (b[3] - b[1]) * _WIDE_GAP for a, b in itertools.pairwise(line))


def _mode(band: list[list[Box]], x: float, textpage: Any) -> str:
    """What to do with a band: "columns" or "rows" when the stream order is not its reading order."""
    sides = [[b for line in band for b in line if (b[2] < x) == (k == 0)] for k in (0, 1)]
    widths = [max(b[2] for b in s) - min(b[0] for b in s) for s in sides]
    narrow = 0 if widths[0] <= widths[1] else 1
    if narrow == 0 and widths[0] < _BULLET * max(b[3] - b[1] for b in sides[1]):
        return ""  # a list's bullets or numbers beside its items
    stream = sorted((b[4], b[2] < x) for side in sides for b in side)
    switches = sum(a[1] != b[1] for a, b in itertools.pairwise(stream))
    counts = [sum(1 for line in band if any((b[2] < x) == (k == 0) for b in line)) for k in (0, 1)]
    # line by line from one side to the other (a stamp written last adds a switch or two, no more)
    interleaved = switches >= 3 and switches >= min(counts)
    shared = sum(1 for line in band if line[0][2] < x < line[-1][0])
    aligned = shared >= 0.6 * min(counts)
    body = widths[1 - narrow] >= _BODY and widths[1 - narrow] >= 2 * widths[narrow]
    if not interleaved:
        # a table written column by column, one line a cell: most rows fill both sides (cells
        # holding paragraphs of their own are read cell after cell, as written)
        if shared >= 0.8 * max(counts) and not body and max(widths) < _BODY:
            return "rows" if switches <= 1 else ""
        # a body, then the margin on its left
        return "columns" if body and narrow == 0 and not stream[0][1] and not _split(sides[1], band) else ""
    # interleaved by a generator that sorted the text by height (a table written row by row goes
    # back up inside its rows, where a cell of several lines sits beside a shorter one), and each
    # side one column (a table on a side would be mixed up line by line)
    if not _by_height(stream_boxes(sides)) or any(_split(side, band) for side in sides):
        return ""
    if not aligned or (body and _margin(sides[narrow], textpage)):
        return "columns"
    return ""  # a table's rows, or labels and their values, in order


def stream_boxes(sides: list[list[Box]]) -> list[Box]:
    """The boxes of both sides in stream order."""
    return sorted((b for side in sides for b in side), key=lambda b: b[4])


def _by_height(boxes: list[Box]) -> bool:
    """Whether the stream never goes back up (by more than a third of a line)."""
    return all(
        (b[1] + b[3]) / 2 <= (a[1] + a[3]) / 2 + (a[3] - a[1]) / 3 for a, b in itertools.pairwise(boxes)
    )


def _split(side: list[Box], band: list[list[Box]]) -> bool:
    """Whether a side holds columns of its own: wide gaps inside two of its lines."""
    ids = {b[4] for b in side}
    return sum(_gapped([b for b in line if b[4] in ids]) for line in band) >= _SIDE_LINES


def _margin(side: list[Box], textpage: Any) -> bool:
    """A margin of counts and dates: most of its lines are statements with a figure in them."""
    texts = [textpage.get_text_bounded(b[0], b[1], b[2], b[3]) for b in side]
    return sum(bool(_STATEMENT.search(t)) for t in texts) >= _FIGURES * len(texts)


class Run:
    """Characters written one after the other on one line with no wide gap: one piece of text."""

    __slots__ = ("bottom", "chars", "left", "right", "start", "top")

    def __init__(
        self, start: int, left: float, bottom: float, right: float, top: float, chars: list[str]
    ) -> None:
        self.start = start  # index of its first character in the page's text
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        self.chars = chars

    def __getitem__(self, k: int) -> float:  # a box, for _lines
        return (self.left, self.bottom, self.right, self.top)[k]

    @property
    def text(self) -> str:
        return "".join(self.chars).strip()


def _runs(textpage: Any, text: str) -> list[Run] | None:
    """The page's runs in stream order, from each character's box (None: text and boxes disagree)."""
    if textpage.count_chars() != len(text):
        return None
    box = textpage.get_charbox
    runs: list[Run] = []
    run: Run | None = None
    for i, ch in enumerate(text):
        if ch in "\r\n":
            run = None
            continue
        left, bottom, right, top = box(i, loose=True)
        if right <= left and ch.isspace():  # a space PDFium made up: it belongs to the run it is in
            if run is not None:
                run.chars.append(ch)
            continue
        if run is not None and _goes_on(run, left, bottom, top):
            run.chars.append(ch)
            run.right = max(run.right, right)
            run.bottom, run.top = min(run.bottom, bottom), max(run.top, top)
            continue
        run = Run(i, left, bottom, right, top, [ch])
        runs.append(run)
    return [r for r in runs if r.text]


def _goes_on(run: Run, left: float, bottom: float, top: float) -> bool:
    """Whether a character at this place continues the run (same line, just after it)."""
    height = max(run.top - run.bottom, 1.0)
    if abs((bottom + top) / 2 - (run.bottom + run.top) / 2) > height / 2:
        return False
    return run.right - height / 2 <= left <= run.right + height * _CELL_GAP


class Region:
    """A band rewritten: its text, and the runs (by index) it replaces."""

    __slots__ = ("runs", "text")

    def __init__(self, text: str, runs: set[int]) -> None:
        self.text, self.runs = text, runs


def _region(runs: list[Run], plan: Plan) -> Region | None:
    """A band's runs in reading order, as text (None: a run crosses the gutter)."""
    inside = [k for k, r in enumerate(runs) if plan.bottom <= (r.bottom + r.top) / 2 <= plan.top]
    if not inside or any(runs[k].left < plan.x < runs[k].right for k in inside):
        return None
    lines = _lines([runs[k] for k in inside])
    if plan.mode == "columns":
        sides = [[[r for r in line if (r.right < plan.x) == (k == 0)] for line in lines] for k in (0, 1)]
        lines = [line for side in sides for line in side if line]
    text = "\n".join(_joined(line) for line in lines)
    # PDFium joins a word hyphenated at a line's end with the next line (U+FFFE): so does the rewrite
    return Region(text.replace("\ufffe\n", "\ufffe"), set(inside))


def _joined(line: list[Run]) -> str:
    """A line's runs: cells two spaces apart, pieces of one word or one phrase (an apostrophe PDFium
    put apart) as close as they were printed."""
    out = line[0].text
    for before, run in itertools.pairwise(line):
        gap = run.left - before.right
        height = max(run.top - run.bottom, 1.0)
        out += (CELL if gap > height * _CELL_GAP else " " if gap > height / 6 else "") + run.text
    return out


def _splice(text: str, runs: list[Run], regions: list[Region]) -> str:
    """PDFium's text with each region's runs replaced by the region's text, where its first run was."""
    owner = {k: region for region in regions for k in region.runs}
    pieces: list[str] = [text[: runs[0].start]]
    for k, run in enumerate(runs):
        end = runs[k + 1].start if k + 1 < len(runs) else len(text)
        region = owner.get(k)
        if region is None:
            pieces.append(text[run.start : end])
        elif k == min(region.runs):
            if pieces[-1] and not pieces[-1].endswith(("\n", "\r")):
                pieces.append("\n")
            pieces.append(region.text + "\n")
    return "".join(pieces)
