"""Minutes of a whole session (comptes rendus, procès-verbaux): what happens between the items.

The approval of the previous minutes, often written in prose before the first numbered item, is the
session's first voted item. Arrivals and departures ("arrivée de M. X au point 4", "Mme Y quitte la
séance et donne pouvoir à M. Z") change the attendance of the items that follow. An election or a
designation is recognised as such: it has no vote count to check. An item nobody voted on (a
decision taken under delegated powers, an information) is not a deliberation.
"""

from __future__ import annotations

import re
from typing import Any

from ... import regex
from ...names import name_tokens
from .. import scan
from ..positions import Path
from ..words import clean_name, name_score
from .base import ReaderBase
from .lexicon import ANY_LABEL
from .votes import MAJORITY, UNANIMITY

# "Le compte rendu de la séance du 27 mai 2013 est approuvé à l'unanimité", "Approbation du
# procès-verbal du 28 janvier : adopté ..."
MINUTES = regex.compile(
    r"(?:approbation\s+(?:a\s+l'unanimite\s+)?(?:du|des)\s+|\b(?:le|les)\s+)(?:compte[\s-]rendus?|proces[\s-]verbaux|proces[\s-]verbal|pv|cr)\b"
    r"[^\n]{0,120}?(?:seance|reunion|conseil|comite|precedente?|du\s+\d)"
)
VOTED = regex.compile(
    r"\b(?:adoptee?s?|approuvee?s?|accepte(?:e|s|es)?|valide(?:e|s|es)?|rejetee?s?|adopte|approuve|rejette)\b"
    r"|^[ \t]*(?:ADOPT|APPROUV|D[EÉ]CIDE|REJET)",
    re.M,
)
ELECTION = regex.compile(r"\b(?:elections?|designations?|election\s+d[eu]s?)\b")
ELECTED = regex.compile(
    r"\b(?:a\s+obtenu|ont\s+obtenu|est\s+(?:elue?|proclamee?|designee?)|sont\s+(?:elus|elues|proclames|designes)"
    r"|au\s+scrutin\s+secret|bulletins?\s+(?:blancs?|nuls?))\b"
)
_WHO = r"(?P<who>(?:m\.|mme|mlle|monsieur|madame|mr)\s*[^,;:()\n]{2,60}?)"
ARRIVES = regex.compile(
    r"\barrivee\s+de\s+" + _WHO + r"(?=\s*(?:,|\(|\.|$|a\s|au\s|lors|pendant|en\s+cours|apres))"
    r"|"
    + _WHO.replace("who", "who2")
    + r"\s+(?:arrive|rejoint\s+(?:la\s+seance|l'assemblee|le\s+conseil)|entre\s+en\s+seance)\b",
    re.M,
)
LEAVES = regex.compile(
    _WHO + r"\s+(?:quitte|a\s+quitte|quittent)\s+(?:la\s+seance|la\s+salle|l'assemblee)"
    r"(?:[^.;\n]{0,40}?(?:donne|a\s+donne|donnant)\s+(?:pouvoir|procuration)\s+a\s+(?P<holder>(?:m\.|mme|monsieur|madame)\s*[^,;.()\n]{2,60}))?"
    r"|\bdepart\s+de\s+" + _WHO.replace("who", "who3") + r"(?=\s*(?:,|\(|\.|$|a\s|au\s|apres|lors))",
    re.M,
)


# "Vote : à l'unanimité" closing each item of minutes that number none
VOTE_LINE = regex.compile(r"^[ \t]*votes?[ \t]*:", re.M)
# the secretary's nomination opening a session is no deliberation of the council
SECRETARY = regex.compile(r"\b(?:nomination|designation|election|candidature)\b[^\n]{0,60}\bsecretaire\b")
# what an item's first lines never are: attendance, a proxy given
NOT_ITEM = regex.compile(r"\b(?:procuration|pouvoir)\s+a\b")


class SessionReader(ReaderBase):
    """Reads what happens between a session's items."""

    def vote_items(self) -> list[int]:
        """Where each item starts in minutes that number none but close each item with "Vote : ...":
        after the previous vote line (the first one: its heading, above); the secretary's nomination out."""
        lines = [self.t.rfind("\n", 0, m.start()) + 1 for m in self.finditer(VOTE_LINE)]
        if len(lines) < 2:
            return []
        starts = [self.item_top(lines[0])] + [self.line_end(a) + 1 for a in lines[:-1]]
        if any(not self.t[a:b].strip() for a, b in zip(starts[1:], lines[1:], strict=True)):
            return []  # "Vote : à main levée" / "Vote : pour 12": one vote said twice, not two items
        # the first item's heading may sit above a label line ("secrétaire ...") item_top stops at
        heads = [max(lines[0] - 250, self.start), *starts[1:]]
        return [
            s
            for s, head, vote in zip(starts, heads, lines, strict=True)
            if not SECRETARY.search(self.p, min(s, head), min(s + 300, vote))
        ]

    def item_top(self, vote_line: int) -> int:
        """The first line of the item whose vote line starts at ``vote_line``: up to a blank line, a label
        or a proxy line, at most a dozen lines."""
        top = vote_line
        for _ in range(12):
            above = self.t.rfind("\n", 0, max(top - 1, 0)) + 1
            line = self.p[above : top - 1] if top else ""
            if (
                top <= self.start
                or not line.strip()
                or ANY_LABEL.match(self.p, above)
                or NOT_ITEM.search(line)
            ):
                break
            top = above
        return top

    def minutes_approval(self, start: int, end: int) -> tuple[int, int] | None:
        """The approval of the previous minutes between two offsets (before the first item): its span."""
        for m in scan.finditer(MINUTES, self.p, start, end):
            stop = min(self.sentence_end(m.end(), 300) + 1, end)
            if scan.search(UNANIMITY, self.p, m.start(), stop) or scan.search(VOTED, self.p, m.start(), stop):
                line = self.t.rfind("\n", 0, m.start()) + 1
                return line, stop
        return None

    def has_vote(self, start: int, end: int) -> bool:
        """Whether the item says how the council voted (or that it adopted, approved, decided)."""
        return bool(
            scan.search(UNANIMITY, self.p, start, end)
            or scan.search(MAJORITY, self.p, start, end)
            or scan.search(VOTED, self.t, start, end)
            or scan.search(VOTED, self.p, start, end)
            or self.tallies(start, end)
        )

    def is_election(self, start: int, end: int) -> bool:
        head = self.p[start : min(end, start + 300)]
        return bool(ELECTION.search(head)) and scan.search(ELECTED, self.p, start, end) is not None

    def movements(self, start: int, end: int) -> list[tuple[int, str, str, str | None]]:
        """(offset, "arrives" or "leaves", name, proxy holder) for each arrival and departure, in order."""
        out: list[tuple[int, str, str, str | None]] = []
        for m in scan.finditer(ARRIVES, self.p, start, end):
            group = "who" if m.group("who") else "who2"
            out.append((m.start(), "arrives", self.person(m.start(group), m.end(group)), None))
        for m in scan.finditer(LEAVES, self.p, start, end):
            group = "who" if m.group("who") else "who3"
            holder = self.person(m.start("holder"), m.end("holder")) if m.group("holder") else None
            out.append((m.start(), "leaves", self.person(m.start(group), m.end(group)), holder))
        return sorted((o for o in out if o[2]), key=lambda o: o[0])

    def person(self, start: int, end: int) -> str:
        name = clean_name(self.t[start:end])
        return name if name_score(name) else ""

    def apply_movements(self, path: Path, moves: list[tuple[int, str, str, str | None]]) -> None:
        """The item's attendance after the arrivals and departures before it."""
        lists = {k: self.located((*path, k)) for k in ("present", "absent")}
        for at, kind, name, holder in moves:
            key = name_tokens(name)
            for k in lists:
                lists[k] = [(e, pos) for e, pos in lists[k] if not _same(e, key)]
            if kind == "arrives":
                lists["present"].append((name, self.pos(at)))
            else:
                lists["absent"].append(({"name": name, "proxy_to": holder} if holder else name, self.pos(at)))
        for k, entries in lists.items():
            if not entries and self.out.get((*path, k)) is None:
                continue
            self.out.put((*path, k), [e for e, _ in entries], self.out.sources.get((*path, k)))
            for i, (_, pos) in enumerate(entries):
                if pos is not None:
                    self.out.sources[(*path, k, i)] = pos

    def located(self, path: Path) -> list[tuple[Any, Any]]:
        return [(e, self.out.sources.get((*path, i))) for i, e in enumerate(self.out.get(path) or [])]


def _same(entry: Any, key: tuple[str, ...]) -> bool:
    name = entry.get("name") if isinstance(entry, dict) else entry
    if not isinstance(name, str):
        return False
    other = name_tokens(name)
    # "M. ROUX" names the same member as "Paul ROUX": the surname is enough when it is all there is
    return other == key or (len(key) == 1 and key[0] in other) or (len(other) == 1 and other[0] in key)
