"""The transmission stamp: act id, sent, received, published, posted, certified."""

from __future__ import annotations

import re
from datetime import date

from ... import regex
from .. import scan
from ..positions import Path, plain
from ..words import (
    DATES,
    clean_name,
    find_date,
    match_date,
    name_score,
)
from .base import ReaderBase
from .lexicon import (
    ACT_ID,
    TRANSMISSION,
    TRANSMISSION_RE,
)

EXECUTORY = regex.compile(
    r"\b(?:certifiee?\s+executoire|rendue?\s+executoire|devenue?\s+executoire|caractere\s+executoire"
    r"|(?:acte|deliberation)\s+executoire)\b"
)
EXECUTORY_GAP = regex.compile(
    r"[\s:,]*(?:(?:le|au|a\s+compter\s+du|depuis\s+le|en\s+date\s+du|a\s+la\s+date\s+du)\b[\s:]*)?"
)
# a signature heading alone on its line: "Le Maire,", "La Présidente", "Le secrétaire de séance"
SIGNER_ROLE = regex.compile(
    r"^(?:(?:le|la)\s+(?:maire|vice-presidente?|presidente?|secretaire(?:\s+de\s+(?:la\s+)?seance)?|adjointe?\s+au\s+maire)"
    r"|(?:monsieur|madame)\s+(?:le|la)\s+(?:maire|presidente?))(?:\s+(?:de|du|des|d')\s*[^,]{1,40})?\s*,?$"
)
#: the words SIGNER_ROLE's every match starts with
_ROLE_WORDS = ("le", "la", "monsieur", "madame")
# between a stamp label and its date: little, or a day's name ("Date d'envoi : lundi 14/03/2024")
LABEL_GAP = regex.compile(r"[\s:,]*(?:le\s+)?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b[\s,]*")
CERTIFIED_ABOVE = regex.compile(r"extrait\s+conforme|copie\s+conforme|certifiee?\s+conforme|pour\s+extrait")


class StampReader(ReaderBase):
    """Reads the transmission stamp and the certification."""

    # transmission -------------------------------------------------------------------------------

    def transmission(self, base: Path, start: int, end: int) -> None:
        self.act_id(base, start, end)
        self.stamp_dates((*base, "transmission"), start, end)
        self.certified(base, start, end)
        self.executory(base, start, end)
        self.signatures(base, start, end)

    def executory(self, base: Path, start: int, end: int) -> None:
        """ "Certifié exécutoire le ...", "rendu exécutoire le ...", "acte exécutoire à compter du ..."."""
        for m in scan.finditer(EXECUTORY, self.p, start, end):
            value, at = find_date(self.t, self.p, m.end(), min(m.end() + 60, end))
            # its own date, not the stamp's next label's ("Acte certifié exécutoire / Envoi préfecture : ...")
            if isinstance(value, date) and EXECUTORY_GAP.fullmatch(self.p, m.end(), at):
                self.out.put((*base, "transmission", "executory_on"), value, self.pos(at))
                return

    def signatures(self, base: Path, start: int, end: int) -> None:
        """The names printed under "Le Maire", "Le secrétaire de séance" in the act's last lines (the
        register's signatures, L2121-23); not the mayor's alone under "Pour extrait conforme"."""
        first = max(self.src.line_of(start), self.src.line_of(end) - 40)
        signers: list[dict[str, str]] = []
        at: int | None = None
        for i in range(first, self.src.line_of(end) + 1):
            a, b = self.src.line_span(i)
            line = self.t[a:b]
            # a heading line's first word is one of SIGNER_ROLE's (read in the plain twin, same
            # offsets): nearly every line fails here, before the split and a plain() per cell
            if not self.p.startswith(_ROLE_WORDS, a + len(line) - len(line.lstrip())):
                continue
            heads = [h for h in re.split(r"\s{2,}|\t", line.strip()) if h]
            if not heads or not all(SIGNER_ROLE.match(plain(h)) for h in heads):
                continue
            if CERTIFIED_ABOVE.search(self.p, self.src.starts[max(i - 2, 0)], b):
                continue
            for role, name in zip(heads, self.names_under(i, heads), strict=True):
                role, _, inline = role.partition(",")
                name = name or clean_name(inline)
                if name and name_score(name):
                    signers.append({"name": name, "role": role.strip(" ,:")})
                    at = a if at is None else at
        if signers and at is not None:
            self.out.put((*base, "signed_by"), signers, self.pos(at))

    def names_under(self, i: int, heads: list[str]) -> list[str]:
        """The names on the next line holding text, one per heading (columns apart by two spaces)."""
        for j in range(i + 1, min(i + 4, len(self.src.lines))):
            line = self.src.lines[j].strip()
            if line:
                if line[0] in "-•*–":
                    break  # a list, not the names under signature headings
                cells = [clean_name(c) for c in re.split(r"\s{2,}|\t", line) if c.strip()]
                if len(cells) == len(heads) and all(name_score(c) for c in cells):
                    return cells
                break
        return [""] * len(heads)

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
            if value is not None and (at - m.end() < 6 or LABEL_GAP.fullmatch(self.p, m.end(), at)):
                if self.out.get((*t, fieldname)) is None:
                    self.out.put((*t, fieldname), value, self.pos(at))
                queue = []  # the labels above it wait for no date further down
                continue
            rest = self.p[m.end() : self.line_end(m.end())].strip()
            if rest and TRANSMISSION_RE.match(rest):
                queue.append(fieldname)  # a row of labels ("Envoi : Réception :"), their dates below
                continue
            if not rest:
                queue.append(fieldname)  # the value comes below, with the others' (a stamp in columns)
                queue = self.dates_below(t, queue, self.line_end(m.end()) + 1, end)

    def dates_below(self, t: Path, queue: list[str], nxt: int, end: int) -> list[str]:
        """The dates under a stamp's labels, in the labels' order: on one line, or one per line; the
        labels still waiting for theirs."""
        while queue and nxt < end:
            stop = min(self.line_end(nxt), end)
            if TRANSMISSION_RE.search(self.p[nxt:stop]):
                break
            values = self.dates_in(nxt, stop)
            if not values:
                return []  # the labels waiting have no date below: not a later label's (a line between)
            for (value, at), name in zip(values, queue, strict=False):
                if self.out.get((*t, name)) is None:
                    self.out.put((*t, name), value, self.pos(at))
            queue = queue[len(values) :]
            nxt = stop + 1
        return queue

    def certified(self, base: Path, start: int, end: int) -> None:
        m = self.find(
            r"\bpour\s+(?:copie|extrait)\s+(?:certifiee?\s+)?conforme|\bcertifiee?\s+conforme|\bcertifie\s+executoire\s+le\b",
            start,
            end,
        )
        if m is not None:
            # the date under "Pour extrait conforme", not one of a stamp printed across it
            stamp = scan.compiled(r"accuse\s+de\s+reception|" + TRANSMISSION_RE.pattern).search(
                self.p, m.end(), end
            )
            for dm in DATES.finditer(self.p, m.end(), min(m.end() + 150, stamp.start() if stamp else end)):
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
