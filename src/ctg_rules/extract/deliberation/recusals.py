"""Recusals: members who do not take part in one item's vote ("ne prend pas part au vote", "se retire")."""

from __future__ import annotations

import re

from ... import regex
from .. import scan
from ..positions import Path
from ..words import clean_name, name_score
from .attendance import AttendanceReader
from .base import Item, merge

#: a full stop ending a sentence: after a word or number of two characters or more or a parenthesis,
#: not the dot of "M. Jean DURAND" or of an initial ("J. DURAND ne prend pas part au vote": one sentence)
_FULL_STOP = regex.compile(r"(?:(?<=[^\W_]{2})|(?<=\)))\.\s")
#: the colon of a list after the verb, on its line however far the blanks put it ("vote      :")
_COLON_AFTER = regex.compile(r"[^\S\n]*:")


class RecusalsReader(AttendanceReader):
    """Reads who stood aside from an item's vote, and why when it is said."""

    def recusals(self, base: Path, start: int, end: int) -> None:
        people: list[Item] = []
        verb = scan.compiled(
            r"\b(?:ne\s+(?:participe|participent|prend|prennent)\s+pas\s+(?:part\s+)?(?:a|au)\s+(?:ce\s+|la\s+|cette\s+)?(?:vote|deliberation|debat)"
            r"|n'(?:a|ont)\s+pas\s+pris\s+part\s+(?:au\s+vote|a\s+la\s+deliberation)|se\s+retire(?:nt)?\b|s'est\s+retiree?|quitte(?:nt)?\s+la\s+salle)"
        )
        for m in scan.finditer(verb, self.p, start, end):
            colon = _COLON_AFTER.match(self.p, m.end())
            if colon is not None:
                items = self.read_region(colon.end(), self.line_end(m.end()), "present")
                people.extend(items)
                continue
            begin = max(
                self.p.rfind("(", start, m.start()),
                max((f.start() + 1 for f in _FULL_STOP.finditer(self.p, start, m.start())), default=0),
                self.p.rfind("\n\n", start, m.start()) + 1,
                start,
            )
            people.extend(self.people_in_sentence(begin, m.start()))
        if people:
            self.put_people((*base, "recused"), merge(people), people[0].offset)

    def people_in_sentence(self, start: int, stop: int) -> list[Item]:
        """ "Monsieur A en tant que Président de X et Madame B et Monsieur C en tant qu'agents de X"."""
        text = self.t[start:stop]
        folded = self.p[start:stop]
        marks = [
            m.start()
            for m in re.finditer(r"(?<![a-z])(?:monsieur|madame|mademoiselle|mme|mlle|m\.|mm\.)\s", folded)
        ]
        if not marks:
            cut = re.split(r",\s*|\s+et\s+", text.strip(" ()\t\n"))
            out = []
            at = 0  # each piece is found after the one before ("rapport de Jean DURAND, Jean DURAND se retire")
            for piece in cut:
                at = text.find(piece, at)
                name = clean_name(piece)
                if name_score(name) == 2:
                    out.append(Item(name, start + at))
                at += len(piece)
            return out
        out = []
        pending: list[Item] = []
        for k, mark in enumerate(marks):
            seg_end = marks[k + 1] if k + 1 < len(marks) else len(text)
            seg = text[mark:seg_end]
            fseg = folded[mark:seg_end]
            r = re.search(
                r"\s(?:en\s+tant\s+qu[e']\s*|en\s+sa\s+qualite\s+d[e']\s*|en\s+qualite\s+d[e']\s*)|\s*,\s*",
                fseg,
            )
            name_part = seg[: r.start()] if r else seg
            name_part = re.sub(r"\s+et\s*$", "", name_part.strip())
            name = clean_name(name_part)
            if not name_score(name):
                continue
            item = Item(
                name,
                start + mark + (len(seg) - len(seg.lstrip())) + len(seg[: seg.find(name.split()[0])])
                if name.split()[0] in seg
                else start + mark,
            )
            reason = None
            if r:
                reason = " ".join(seg[r.end() :].split())
                reason = re.sub(r"\s*(?:,|\bet)\s*$", "", reason).strip(" ,)")
            if reason:
                item.reason = reason
                for p in pending:
                    p.reason = reason  # "X et Y en tant qu'agents de ...": the reason is theirs too
                pending = []
            else:
                pending.append(item)
            out.append(item)
        return out
