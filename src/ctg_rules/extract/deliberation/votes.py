"""The vote of an item: counts for, against, abstentions, unanimity, majority, the decision."""

from __future__ import annotations

import re

from ..positions import Path
from ..words import (
    number,
)
from .base import ReaderBase
from .lexicon import (
    LABEL_START,
    VALUE,
)


class VotesReader(ReaderBase):
    """Reads the vote and the decision."""

    def vote(self, base: Path, start: int, end: int) -> None:
        v = (*base, "vote")
        counts = (
            ("for", r"(?:ont\s+vote\s+|votes?\s+|voix\s+)?pour"),
            ("against", r"(?:ont\s+vote\s+|votes?\s+|voix\s+)?contre"),
            ("abstentions", r"abstentions?|se\s+sont\s+abstenus|s'abstiennent"),
            ("blank", r"(?:bulletins\s+)?(?:blancs?(?:\s+(?:et|ou)\s+nuls?)?|nuls?)"),
        )
        for fieldname, label in counts:
            rx = re.compile(LABEL_START + rf"(?:{label})[ \t]*:[ \t]*" + VALUE, re.M)
            m = rx.search(self.p, start, end)
            if m:
                value = number(self.t[m.start("v") : m.end("v")], none_is_zero=True)
                if value is not None:
                    self.out.put((*v, fieldname), value, self.pos(m.start("v")))
        if self.find(
            r"\b(?:au\s+scrutin\s+secret|a\s+bulletins?\s+secrets?|vote\s+a\s+bulletin\s+secret)\b",
            start,
            end,
        ):
            m = self.find(
                r"\b(?:au\s+scrutin\s+secret|a\s+bulletins?\s+secrets?|vote\s+a\s+bulletin\s+secret)\b",
                start,
                end,
            )
            self.out.put((*v, "secret"), True, self.pos(m.start()))  # type: ignore[union-attr]
        m = self.find(r"\ba\s+l'unanimite\b(?!\s+des\s+suffrages\s+exprimes)", start, end)
        if m:
            self.out.put((*base, "unanimous"), True, self.pos(m.start()))
            voters = self.out.get((*base, "declared", "voters"))
            if voters is not None and self.out.get(v) is None:
                # "à l'unanimité": every voter voted for
                self.out.put((*v, "for"), voters, self.pos(m.start()))
                self.out.put((*v, "against"), 0, self.pos(m.start()))
                self.out.put((*v, "abstentions"), 0, self.pos(m.start()))
        m = self.find(r"\ba\s+la\s+majorite\b", start, end)
        if m:
            stop = self.sentence_end(m.end(), 200)
            for fieldname, rx in (
                ("abstentions", r"(?:avec|par|dont)?\s*(?P<v>[a-z0-9\-]+(?:\s[a-z\-]+)?)\s+abstentions?"),
                ("against", r"(?P<v>[a-z0-9\-]+(?:\s[a-z\-]+)?)\s+(?:voix\s+|votes?\s+)?contre\b"),
                ("for", r"(?P<v>[a-z0-9\-]+(?:\s[a-z\-]+)?)\s+(?:voix\s+|votes?\s+)?pour\b"),
            ):
                if self.out.get((*v, fieldname)) is not None:
                    continue
                mm = re.compile(rx).search(self.p, m.end(), stop)
                if mm:
                    words = self.t[mm.start("v") : mm.end("v")].split()
                    for k in range(len(words)):
                        value = number(" ".join(words[k:]))
                        if value is not None:
                            self.out.put((*v, fieldname), value, self.pos(mm.start("v")))
                            break
        self.decision(base, start, end)

    def decision(self, base: Path, start: int, end: int) -> None:
        # "APPROUVE le ..." in capitals at a line start, or a phrase: "Le Conseil adopte", "adopté à l'unanimité"
        verb = re.compile(r"^[ \t]*(?:ADOPTE|APPROUVE|D[EÉ]CIDE|VALIDE|ACCEPTE)\b", re.M)
        adopted = re.compile(
            r"\ble\s+conseil(?:\s+\w+)?\s+(?:adopte|approuve)\b|\badoptee?s?\s+a\s+l'unanimite|\badoptee?s?\s+a\s+la\s+majorite"
            r"|\bl'adoption\s+est\s+votee|^[ \t]*adoptee?s?\b",
            re.M,
        )
        rejected = re.compile(
            r"\brejette\b|\brejetee?\b|\bn'adopte\s+pas\b|\bn'approuve\s+pas\b|\brefuse\s+d'approuver\b"
        )
        yes = [m.start() for m in verb.finditer(self.t, start, end)] + [
            m.start() for m in adopted.finditer(self.p, start, end)
        ]
        no = [m.start() for m in rejected.finditer(self.p, start, end)]
        if yes and not no:
            self.out.put((*base, "decision"), "adopted", self.pos(min(yes)))
        elif no and not yes:
            self.out.put((*base, "decision"), "rejected", self.pos(min(no)))
