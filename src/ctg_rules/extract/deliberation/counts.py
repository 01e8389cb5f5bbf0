"""The counts: members in office, present, represented, voters, in a block, inline or in a table."""

from __future__ import annotations

import re

from ..positions import Path
from ..words import (
    number,
)
from .base import ReaderBase
from .lexicon import (
    COUNT_LABELS,
    COUNT_RE,
    NOT_A_COUNT,
)


class CountsReader(ReaderBase):
    """Reads the printed counts."""

    # counts ---------------------------------------------------------------------------------------

    def counts(self, base: Path, start: int, end: int) -> None:
        found: dict[str, tuple[int, int]] = {}
        for fieldname, rx in COUNT_RE:
            for m in rx.finditer(self.p, start, end):
                value = number(self.t[m.start("v") : m.end("v")], none_is_zero=True)
                if value is None or value > 5000:
                    continue
                # "Présents : 24" is a count, "Présents : M. X" a list; "24 octobre" a date
                if NOT_A_COUNT.match(self.p, m.end("v")):
                    continue
                found.setdefault(fieldname, (value, m.start("v")))
                break
        self.table_counts(found, start, end)
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
            labels = []
            for fieldname, pattern in COUNT_LABELS:
                for m in re.finditer(pattern, self.p[a:b]):
                    labels.append((m.start(), fieldname))
            if len(labels) < 2 or re.search(r"\d", self.p[a:b]):
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
