"""The counts: members in office, present, represented, voters, in a block, inline or in a table."""

from __future__ import annotations

import re
from functools import cache

from ... import regex
from .. import scan
from ..positions import Path
from ..words import (
    number,
)
from .base import ReaderBase
from .lexicon import (
    COUNT_LABELS,
    NOT_A_COUNT,
    SEP,
    VALUE,
)

# the labels compiled once; where a label may start is checked by hand (:func:`label_start`), which
# is much faster than a look-behind tried at every offset of the text
LABEL_RX = [(f, regex.compile(p)) for f, p in COUNT_LABELS]
#: a table's column heads are whole words: "présents" must not match inside "représentés"
_HEAD_RX = [(f, regex.compile(rf"(?<![a-z])(?:{p})")) for f, p in COUNT_LABELS]
COUNT_AT = [(f, regex.compile(rf"(?:{p})(?:{SEP})\(?" + VALUE)) for f, p in COUNT_LABELS]
_AFTER = frozenset(",;:(\n")
_PAIRS = frozenset({"  ", "| ", ". ", "- ", "– ", ") "})


def label_start(text: str, at: int) -> bool:
    """Whether a label may start at ``at``: a line start, after a separator, a figure, a dash, a full
    stop (minutes flattened into one paragraph); "Nombre de" anywhere."""
    j = at
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j == 0 or text[j - 1] in _AFTER or at - j >= 2:
        return True
    before = text[j - 1 : at]
    return (
        before in _PAIRS or (text[j - 1].isdigit() and at > j) or (at > j and text.startswith("nombre", at))
    )


_WHO = r"(?:(?:membres|conseillers|delegues|elus)(?:\s+titulaires)?\s+)?"
# counts in a sentence: "182 délégués étaient présents", "35 présents sur 37", "dont 3 représentés"
PROSE_COUNTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "present",
        regex.compile(
            r"(?<![\w.,])(?P<v>\d{1,3})\s+(?:(?:membres|conseillers|delegues|elus)(?:\s+titulaires)?\s+(?:etaient\s+|sont\s+)?presents?\b"
            r"|presents?\s+sur\s+(?P<of>\d{1,3})\b)"
        ),
    ),
    (
        "voters",
        regex.compile(
            r"(?<![\w.,])(?P<v>\d{1,3})\s+" + _WHO + r"(?:votants|ont\s+pris\s+part\s+au\s+vote)\b"
        ),
    ),
)
# a label waiting for its figure below ("Nombre de conseillers / en exercice :" ... "29"): a margin
# box whose labels came out first and its figures after
_LABEL_ALONE = regex.compile(r"[ \t]*:?[ \t]*$")
_DIGIT = regex.compile(r"\d")
# a word each count label holds: a line with none of them holds no label
_KEYWORDS = ("exercice", "present", "votant", "vote", "pouvoir", "procuration", "represent", "absent", "quorum",
             "majorite", "suppleant", "afferent", "seance", "titulaire")  # fmt: skip
_FIGURE_LINE = regex.compile(r"^[ \t]*(\d{1,4})[ \t]*$")


def _read_label_needs() -> tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]:
    """Each count label with the strings one of which every match of it holds (from its parse
    tree, :func:`.scan.needs`)."""
    return tuple((f, rx, scan.needs(rx) or ()) for f, rx in LABEL_RX)


# worked out at first use, once per process; a cache (emptied as the others are under mutation
# testing) wrapped without a decorator's syntax, so that mutation testing reaches its body
_label_needs = cache(_read_label_needs)


class CountsReader(ReaderBase):
    """Reads the printed counts."""

    # counts ---------------------------------------------------------------------------------------

    def counts(self, base: Path, start: int, end: int) -> None:
        found: dict[str, tuple[int, int]] = {}
        for fieldname, rx in COUNT_AT:
            for m in scan.finditer(rx, self.p, start, end):
                if not label_start(self.p, m.start()):
                    continue
                value = number(self.t[m.start("v") : m.end("v")], none_is_zero=True)
                if value is None or value > 5000:
                    continue
                # "Présents : 24" is a count, "Présents : M. X" a list; "24 octobre" a date
                if NOT_A_COUNT.match(self.p, m.end("v")):
                    continue
                found.setdefault(fieldname, (value, m.start("v")))
                break
        self.table_counts(found, start, end)
        self.column_counts(found, start, end)
        self.prose_counts(found, start, end)
        substitutes = found.pop("substitutes", None)
        if substitutes and substitutes[0] and "present" in found:
            value, at = found["present"]
            found["present"] = (value + substitutes[0], at)
            note = f"{value} titulaires présents + {substitutes[0]} suppléant(s) avec voix délibérative"
            self.out.notes.append(((*base, "declared", "present"), note))
        for fieldname, (value, at) in found.items():
            path = (
                (*base, "members_in_office")
                if fieldname == "members_in_office"
                else (*base, "declared", fieldname)
            )
            self.out.put(path, value, self.pos(at))

    def table_counts(self, found: dict[str, tuple[int, int]], start: int, end: int) -> None:
        """Labels on one line and their numbers on the next ("En exercice  Présents  Votants" / "34  24  30")."""
        first = self.src.line_of(start)
        last = self.src.line_of(end)
        for i in range(first, min(last, len(self.src.lines) - 1)):
            a, b = self.src.line_span(i)
            line = self.p[a:b]
            if len(line) < 10 or _DIGIT.search(line) or not any(k in line for k in _KEYWORDS):
                continue
            labels = [(m.start(), fieldname) for fieldname, rx in _HEAD_RX for m in rx.finditer(line)]
            if len(labels) < 2:
                continue
            labels.sort()
            j = i + 1
            while j < len(self.src.lines) and not self.src.lines[j].strip():
                j += 1
            if j >= len(self.src.lines):
                continue
            c, d = self.src.line_span(j)
            numbers = list(re.finditer(r"\b\d{1,4}\b", self.t[c:d]))
            if len(numbers) == len(labels) and not re.search(r"[a-z]{3}", self.p[c:d]):
                for (_, fieldname), m in zip(labels, numbers, strict=False):
                    found.setdefault(fieldname, (int(m.group(0)), c + m.start()))

    def prose_counts(self, found: dict[str, tuple[int, int]], start: int, end: int) -> None:
        """Counts said in a sentence: "182 délégués étaient présents", "35 présents sur 37"."""
        for fieldname, rx in PROSE_COUNTS:
            m = scan.search(rx, self.p, start, end)
            if m is None or fieldname in found:
                continue
            found[fieldname] = (int(m.group("v")), m.start("v"))
            if m.groupdict().get("of") and "members_in_office" not in found:
                found["members_in_office"] = (int(m.group("of")), m.start("of"))

    def column_counts(self, found: dict[str, tuple[int, int]], start: int, end: int) -> None:
        """Labels each ending a line with nothing after them, their figures alone on lines further down."""
        queue: list[str] = []
        first, last = self.src.line_of(start), self.src.line_of(end)
        above = ""
        for i in range(first, min(last + 1, len(self.src.lines))):
            a, b = self.src.line_span(i)
            line = self.p[a:b]
            if not line.strip():
                continue
            figure = _FIGURE_LINE.match(line)
            if figure and queue:
                fieldname = queue.pop(0)
                found.setdefault(fieldname, (int(figure.group(1)), a + figure.start(1)))
                continue
            # a label wrapped over two lines: "Nombre de conseillers" / "en séance :"
            label = self.label_ending(line) or (self.label_ending(f"{above} {line}") if above else None)
            above = line
            if label is not None:
                queue.append(label)
            elif len(line.strip()) > 60:
                queue = []  # prose: the labels above were not waiting for figures

    @staticmethod
    def label_ending(line: str) -> str | None:
        """The count field whose label ends the line with no value after it ("en exercice :")."""
        if not line.rstrip().endswith(":"):
            return None
        for fieldname, rx, needs in _label_needs():
            if needs and not any(word in line for word in needs):
                continue  # no match of this label can be in the line: not run at every offset
            for m in rx.finditer(line):
                if _LABEL_ALONE.match(line, m.end()) and ":" in line[m.end() :]:
                    return fieldname
        return None
