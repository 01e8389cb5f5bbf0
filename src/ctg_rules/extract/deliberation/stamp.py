"""The transmission stamp: act id, sent, received, published, posted, certified."""

from __future__ import annotations

import re
from datetime import date

from ..positions import Path
from ..words import (
    DATE_RE,
    find_date,
    match_date,
)
from .base import ReaderBase
from .lexicon import (
    ACT_ID,
    TRANSMISSION,
    TRANSMISSION_RE,
)


class StampReader(ReaderBase):
    """Reads the transmission stamp and the certification."""

    # transmission -------------------------------------------------------------------------------

    def transmission(self, base: Path, start: int, end: int) -> None:
        self.act_id(base, start, end)
        self.stamp_dates((*base, "transmission"), start, end)
        self.certified(base, start, end)

    def act_id(self, base: Path, start: int, end: int) -> None:
        """The @CTES identifier (``034-213401722-20140424-0000071216-DE``): the body's SIREN and department."""
        t = (*base, "transmission")
        ids = list(self.finditer(ACT_ID, start, end))
        if ids:
            # a re-sent act carries the stamps of each sending: the last one printed is kept
            m = ids[-1]
            distinct = list(dict.fromkeys(self.t[i.start() : i.end()] for i in ids))
            if len(distinct) > 1:
                where = ", ".join(f"{self.t[i.start() : i.end()]} ({self.pos(i.start())})" for i in ids)
                self.out.notes.append(
                    ((*t, "act_id"), f"plusieurs identifiants imprimés : {where} ; le dernier est retenu")
                )
            value = self.t[m.start() : m.end()]
            self.out.put((*t, "act_id"), value, self.pos(m.start()))
            self.out.put((*base, "body", "siren"), m.group(2), self.pos(m.start(2)))
            self.out.put(
                (*base, "body", "department"), self.t[m.start(1) : m.end(1)].upper(), self.pos(m.start(1))
            )

    def stamp_dates(self, t: Path, start: int, end: int) -> None:
        """Sent, received, published, posted: on the label's line or below a row of labels."""
        queue: list[str] = []
        for m in self.finditer(TRANSMISSION_RE, start, end):
            fieldname = next(k for k, _ in TRANSMISSION if m.group(k))
            if fieldname in ("published_on", "posted_on") and not re.match(
                r"[^\n]{0,4}(?:le\b|:)", self.p[m.end("label") : m.end("label") + 8]
            ):
                continue
            value, at = find_date(self.t, self.p, m.end(), min(self.line_end(m.end()), m.end() + 40))
            if value is not None and at - m.end() < 6:
                if self.out.get((*t, fieldname)) is None:
                    self.out.put((*t, fieldname), value, self.pos(at))
                continue
            if not self.t[m.end() : self.line_end(m.end())].strip():
                queue.append(fieldname)  # the value comes below, with the others' (a stamp in columns)
                nxt = self.line_end(m.end()) + 1
                line = self.p[nxt : self.line_end(nxt)]
                if queue and not TRANSMISSION_RE.search(line):
                    values = [(v, s) for v, s in self.dates_in(nxt, self.line_end(nxt))]
                    for (value, at), name in zip(values, queue, strict=False):
                        if self.out.get((*t, name)) is None:
                            self.out.put((*t, name), value, self.pos(at))
                    queue = queue[len(values) :]

    def certified(self, base: Path, start: int, end: int) -> None:
        m = self.find(
            r"\bpour\s+(?:copie|extrait)\s+(?:certifiee?\s+)?conforme|\bcertifiee?\s+conforme|\bcertifie\s+executoire\s+le\b",
            start,
            end,
        )
        if m is not None:
            # the date under "Pour extrait conforme", not one of a stamp printed across it
            stamp = re.compile(r"accuse\s+de\s+reception|" + TRANSMISSION_RE.pattern).search(
                self.p, m.end(), end
            )
            for dm in DATE_RE.finditer(self.p, m.end(), min(m.end() + 150, stamp.start() if stamp else end)):
                before = self.p[max(dm.start() - 25, m.end()) : dm.start()]
                if re.search(
                    r"(?:publiee?|affichee?|recue?|envoyee?|transmise?|notifiee?|reception|envoi)\b[^\n]*$",
                    before,
                ):
                    break
                value = match_date(self.t, dm)
                if isinstance(value, date):
                    self.out.put((*base, "certified_on"), value, self.pos(dm.start()))
                    break
