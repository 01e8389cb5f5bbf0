"""The extract of a council deliberation, as French acts print it.

Headers ("Séance du 12 octobre 2023", "L'an deux mille vingt-trois, le douze octobre"), counts in a
block, inline or in a table, attendance lists (civilities, commune groupings, proxies in every
usual form, suppléants), recusals, votes, the transmission stamp. A value the act does not print
is left out. Every regular expression runs on the plain text (lower case, no accents); values are
read from the original at the same offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..names import fold, name_tokens
from .positions import Path, Reader, plain
from .words import (
    DATE_RE,
    clean_name,
    date_in_words,
    find_date,
    match_date,
    name_score,
    number,
    org_kind,
    parse_time,
    sentence_case,
    title_case,
)

_SEP = r"[ \t]*[:=][ \t]*|[ \t]+"
_VALUE = r"(?P<v>[0-9OolI|]{1,4}(?![\w/])|/|-(?!\w)|neant\b|aucune?\b|[a-z]+(?:-[a-z]+)*(?:\s(?:et\s)?[a-z]+(?:-[a-z]+)*)?)"
_LABEL_START = r"(?:^|(?<=[,;:(\n])|(?<=  )|(?<=\d )|(?<=\| ))[ \t]*"

COUNT_LABELS: tuple[tuple[str, str], ...] = (
    (
        "members_in_office",
        r"(?:(?:nombre\s+(?:de|des)\s+)?(?:membres|conseillers|delegues)(?:\s+[a-z]+){0,2}\s+)?en\s+exercice|membres\s+titulaires(?!\s+presents)|(?:nombre\s+de\s+)?(?:membres|conseillers)\s+afferents(?:\s+au\s+conseil)?",
    ),
    ("present", r"(?:nombre\s+de\s+)?(?:(?:membres|conseillers|delegues)\s+)?(?:titulaires\s+)?presents?"),
    ("represented", r"(?:nombre\s+de\s+)?(?:pouvoirs?|procurations?|(?:membres\s+)?representes?)"),
    ("absent", r"(?:nombre\s+d')?absents?(?:\s+excuses?)?"),
    ("voters", r"(?:nombre\s+de\s+)?votants?"),
    ("quorum", r"quorum(?:\s+requis)?"),
    ("absolute_majority", r"majorite\s+absolue"),
    # suppléants sitting with a vote: counted with the members present (L5211-6 CGCT)
    (
        "substitutes",
        r"(?:delegues\s+)?suppleants?\s+(?:avec\s+(?:voix\s+deliberative|vote|droit\s+de\s+vote)|votants?|presents?)",
    ),
)
_COUNT_RE = [(f, re.compile(_LABEL_START + f"(?:{p})(?:{_SEP})" + _VALUE, re.M)) for f, p in COUNT_LABELS]
_COUNT_LABEL_ONLY = re.compile("|".join(f"(?:{p})" for _, p in COUNT_LABELS))

# Attendance lists: the label, then anything up to its colon (never past a sentence end).
_LISTS: tuple[tuple[str, str], ...] = (
    (
        "proxy",
        r"absents?\s+(?:ayant\s+vote|representes?)\s+par\s+procuration|absents?\s+ayant\s+donne\s+(?:pouvoir|procuration)|pouvoirs?|procurations?|(?:membres\s+|absents?\s+)?representes?|ont\s+donne\s+(?:pouvoir|procuration)",
    ),
    ("recused", r"ne\s+(?:prend|prennent|participe|participent)\s+pas\s+(?:part\s+)?au\s+vote"),
    (
        "substitute",
        r"(?:delegues?\s+)?suppleants?(?:\s+presents?)?(?:\s+avec\s+(?:voix\s+deliberative|vote|droit\s+de\s+vote))?",
    ),
    (
        "present",
        r"(?:etaient\s+|sont\s+)?presents?|(?:delegues|membres|conseillers)\s+(?:titulaires\s+)?presents?|titulaires\s+presents?",
    ),
    ("absent", r"(?:etaient\s+)?absents?(?:\s+excuses?|\s+non\s+excuses?)?|excuses?|etaient\s+excuses?"),
)
_LIST_RE = re.compile(
    r"^[ \t\-•*]*(?:"
    + "|".join(f"(?P<{k}>{p})" for k, p in _LISTS)
    + r")\b(?P<tail>[^:\n.]{0,80}(?:\n[^:\n.]{0,80})?)?:",
    re.M,
)
_NOT_LIST_TAIL = re.compile(r"sans\s+voix|sans\s+vote|\d")
_ANY_LABEL = re.compile(
    r"^[ \t\-•*]*(?:" + "|".join(p for _, p in _LISTS) + r"|secretaire|objet|ordre\s+du\s+jour|le\s+conseil|"
    r"vu\b|considerant|en\s+exercice|votants?|quorum|pour\s*:|contre\s*:|abstentions?|rapporteur|"
    r"deliberation|seance|date\s+de\s+convocation|nombre\s+de)\b",
    re.M,
)
_PROXY_FORMS = (
    re.compile(
        r"^(?P<n>.+?)\s*\(\s*(?:a\s+donne\s+|ayant\s+donne\s+)?(?:pouvoir|procuration|mandat)\s+(?:donnee?\s+)?(?:a|au\s+profit\s+de)\s+(?P<h>[^)]+)\)\s*$"
    ),
    re.compile(r"^(?P<n>.+?)\s*\(\s*representee?\s+par\s+(?P<h>[^)]+)\)\s*$"),
    re.compile(
        r"^(?P<n>.+?)\s*,?\s+(?:a\s+donne|donne|ayant\s+donne|qui\s+a\s+donne)\s+(?:pouvoir|procuration|mandat)\s+(?:a|au\s+profit\s+de)\s+(?P<h>.+)$"
    ),
    re.compile(r"^(?:pouvoir|procuration)\s+de\s+(?P<n>.+?)\s+(?:a|au\s+profit\s+de)\s+(?P<h>.+)$"),
    re.compile(r"^(?P<n>.+?)\s*,?\s+(?:pouvoir|procuration)\s+(?:donnee?\s+)?a\s+(?P<h>.+)$"),
    re.compile(r"^(?P<n>.+?)\s*,?\s+representee?\s+par\s+(?P<h>.+)$"),
)
_PROXY_LIST_FORMS = (
    re.compile(r"^(?P<n>.+?)\s+(?:a|->|→|=>|donne\s+a)\s+(?P<h>.+)$"),
    re.compile(r"^(?P<n>.+?)\s+par\s+(?P<h>.+)$"),
)
_SUBSTITUTE_FORMS = (
    re.compile(
        r"^(?P<n>.+?)\s*\(?\s*(?:,\s*)?(?:suppleante?\s+de|remplace|remplacant|remplacante|en\s+remplacement\s+de)\s+(?P<h>[^)]+)\)?\s*$"
    ),
    re.compile(
        r"^(?P<h>.+?)\s*,?\s*\(?\s*representee?\s+par\s+(?:son|sa)\s+suppleante?,?\s+(?P<n>[^)]+)\)?\s*$"
    ),
)
_ATTENDANCE_END = re.compile(
    r"^[^\n]{0,80}\b(?:rapporte|expose|rappelle|presente\s+le\s+rapport)\b|apres\s+en\s+avoir\s+delibere|"
    r"^[ \t]*(?:vu|considerant)\b|\bil\s+est\s+propose\b",
    re.M,
)
# a full stop, but not the one of "M." or "Mme."
_SENTENCE_END = re.compile(r"(?<!\bm)(?<!\bmm)(?<!\bmme)(?<!\bmlle)(?<!\bdr)\.(?:\s|$)|\n\s*\n|;")
_NOT_A_COUNT = re.compile(
    r"\s*(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\b|\s?[/.]\d|\s*h\d|\s*heures"
)
_HELD_PROXY = re.compile(r"\(\s*(?:pouvoir|procuration)\s+de\s+(?P<n>[^)]+)\)")
_PARENS = re.compile(r"\s*\([^)]*\)")
_GROUP_PREFIX = re.compile(r"^\s*[A-ZÀ-Þ][\w'’\- ]{1,40}?\s*:\s+(?=\S)")

_ACT_ID = re.compile(r"\b(\d{2}[\dab])-(\d{9})-(\d{8})-([a-z0-9_]{1,30})-([a-z]{2})\b")
_NUMBER_RE = re.compile(
    r"^[ \t]*(?:deliberation\s+)?n[°o]\s*(?:de\s+la\s+deliberation\s*)?:?\s*(?P<a>[a-z0-9][\w.\-]*(?:\s*/\s*[\w.\-]+)?)[ \t]*(?:$|:|[\-–][ \t])"
    r"|^[ \t]*deliberation\s+(?P<b>(?=[a-z0-9_.\-/]*\d)[a-z]{0,4}[\d_.\-/]+)[ \t]*(?:$|:|[\-–][ \t])"
    r"|^[ \t]*(?P<c>[a-z]{1,4}\s?\d{2,4}[._/\-]\d{1,4}(?:[._/\-]\d{1,4})?)[ \t]*(?:$|:|[\-–][ \t])",
    re.M,
)

_TRANSMISSION: tuple[tuple[str, str], ...] = (
    (
        "sent_on",
        r"envoye\s+(?:en|a\s+la)\s+prefecture|envoi\s+(?:en\s+)?prefecture|transmise?\s+(?:en|a\s+la)\s+prefecture|transmise?\s+au\s+(?:representant\s+de\s+l'etat|controle\s+de\s+legalite)|date\s+de\s+(?:tele)?transmission|date\s+d'envoi",
    ),
    (
        "received_on",
        r"recue?\s+en\s+prefecture|reception\s+(?:en\s+)?(?:prefecture|sous-prefecture)|date\s+de\s+reception(?:\s+(?:en\s+)?prefecture)?|accuse\s+de\s+reception\s+(?:le|du)",
    ),
    ("published_on", r"publiee?|mise?\s+en\s+ligne|date\s+de\s+(?:publication|mise\s+en\s+ligne)"),
    ("posted_on", r"affichee?|date\s+d'affichage"),
)
_TRANSMISSION_RE = re.compile(
    r"(?P<label>" + "|".join(f"(?P<{k}>{p})" for k, p in _TRANSMISSION) + r")(?:\s+le)?[ \t]*:?[ \t]*"
)


@dataclass
class Item:
    """One name in a list, as printed, with what the list said about it."""

    name: str
    offset: int
    proxy_to: str | None = None
    proxy: bool = False
    substitute_for: str | None = None
    reason: str | None = None
    held_proxy_of: list[tuple[str, int]] = field(default_factory=list)


class DeliberationReader(Reader):
    """Reads one deliberation (or several sharing a session) out of ``src.text[start:end]``."""

    # helpers --------------------------------------------------------------------------------

    def find(
        self, pattern: str | re.Pattern[str], start: int | None = None, end: int | None = None
    ) -> re.Match[str] | None:
        rx = re.compile(pattern, re.M) if isinstance(pattern, str) else pattern
        return rx.search(self.p, self.start if start is None else start, self.end if end is None else end)

    def finditer(
        self, pattern: str | re.Pattern[str], start: int | None = None, end: int | None = None
    ) -> Iterator[re.Match[str]]:
        rx = re.compile(pattern, re.M) if isinstance(pattern, str) else pattern
        return rx.finditer(self.p, self.start if start is None else start, self.end if end is None else end)

    def sentence_end(self, offset: int, limit: int = 400) -> int:
        m = _SENTENCE_END.search(self.p, offset, min(offset + limit, self.end))
        return m.start() if m else min(offset + limit, self.end)

    # the whole deliberation -----------------------------------------------------------------------

    def read(self, index: int) -> int:
        """Fill ``deliberations[index]`` (and the following ones when the act holds several); return how many."""
        items = self.items()
        base: Path = ("deliberations", index)
        preamble_end = items[0][0] if len(items) > 1 else self.end
        self.header(base, preamble_end)
        # attendance comes before the report: "Suppléant : X" further down designates, it does not attend
        first_list = _LIST_RE.search(self.p, self.start, preamble_end)
        report = _ATTENDANCE_END.search(self.p, first_list.end() if first_list else self.start, preamble_end)
        attendance_end = report.start() if report else preamble_end
        self.counts(base, self.start, attendance_end)
        self.attendance(base, self.start, attendance_end)
        if len(items) <= 1:
            number = items[0][1] if items else None
            self.item(base, self.start, self.end, number)
            self.transmission(base, self.start, self.end)
            return 1
        shared = {k: v for k, v in (self.out.get(base) or {}).items()}
        shared_sources = {k[2:]: v for k, v in self.out.sources.items() if k[:2] == base}
        for n, (offset, number) in enumerate(items):
            path: Path = ("deliberations", index + n)
            if n:
                for key, value in shared.items():
                    self.out.put((*path, key), _copy(value))
                for sub, position in shared_sources.items():
                    self.out.sources[(*path, *sub)] = position
            stop = items[n + 1][0] if n + 1 < len(items) else self.end
            self.item(path, offset, stop, number)
            self.transmission(path, offset, stop)
        return len(items)

    def items(self) -> list[tuple[int, tuple[str, int]]]:
        """Where each deliberation of the act starts, with its number (one act may hold several)."""
        found: list[tuple[int, tuple[str, int]]] = []
        seen: set[str] = set()
        for m in self.finditer(_NUMBER_RE):
            key = next(k for k in "abc" if m.group(k))
            raw = self.t[m.start(key) : m.end(key)].strip().rstrip(".:")
            value = re.sub(r"\s*/\s*", "/", raw)
            if not any(c.isdigit() for c in value) or _ACT_ID.match(self.p, m.start(key)):
                continue
            norm = plain(value).replace(" ", "")
            if norm in seen:
                continue
            seen.add(norm)
            line_start = self.t.rfind("\n", 0, m.start()) + 1
            found.append((line_start, (value, m.start(key))))
        return found

    def item(self, base: Path, start: int, end: int, number: tuple[str, int] | None) -> None:
        if number is not None:
            self.out.put((*base, "number"), number[0], self.pos(number[1]))
        self.subject(base, start, end, number)
        self.recusals(base, start, end)
        self.vote(base, start, end)
        self.approves(base, start, end)

    # header -------------------------------------------------------------------------------------------

    def header(self, base: Path, end: int) -> None:
        self.body(base, end)
        self.session(base, end)

    def body(self, base: Path, end: int) -> None:
        first_list = _LIST_RE.search(self.p, self.start, end)
        stop = first_list.start() if first_list else min(end, self.start + 3000)
        subject = re.compile(r"^[ \t]*objet\s*:", re.M).search(self.p, self.start, stop)
        head = self.p[self.start : subject.start() if subject else stop]
        patterns = (
            r"(?P<k>communaute\s+(?:de\s+communes|d'agglomeration|urbaine))(?:\s+(?:du|de\s+la|de|des|d'))?\s+(?P<n>[a-z][^\n,]*(?:\n(?!\s*\n)(?![ \t]*(?:proces|extrait|compte|seance|registre|deliberation|du\s+conseil|conseil))[^\n,]*)?)",
            r"(?P<k>metropole)\s+(?:de\s+|d')?(?P<n>[a-z][^\n,.]*)",
            r"(?P<k>syndicat)\s+(?P<n>[^\n,]+)",
            r"conseil\s+municipal\s+de\s+la\s+(?P<k>ville|commune)\s+d[e']\s*(?P<n>[a-z][^\n,.]*)",
            r"^[ \t]*(?P<k>ville|commune)\s+d[e']\s*(?P<n>[a-z][^\n,.]*)",
            r"(?P<k>conseil\s+(?:departemental|general))\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+)(?P<n>[a-z][^\n,.]*)",
        )
        matches = [m for m in (re.compile(p, re.M).search(head) for p in patterns) if m]
        if not matches and re.search(r"conseil\s+(?:departemental|general)|commission\s+permanente", head):
            # "DÉPARTEMENT DE LA LOZÈRE" heads the acts of communes too: the body only when nothing else is
            fallback = re.compile(
                r"^[ \t]*(?P<k>departement)\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+)(?P<n>[a-z][^\n,.]*)",
                re.M,
            )
            matches = [m for m in (fallback.search(head),) if m]
        for m in sorted(matches, key=lambda m: m.start()):  # the header names the body first
            k0 = self.start + m.start("k")
            n0, n1 = self.start + m.start("n"), self.start + m.end("n")
            name_part = " ".join(self.t[n0:n1].split()).strip(" *")
            name_part = re.split(r"\s+(?:EXTRAIT|Extrait|DU\s+CONSEIL|du\s+conseil)\b", name_part)[0].strip()
            kind_word = " ".join(self.t[k0 : self.start + m.end("k")].split())
            if not name_part:
                continue
            if fold(kind_word) == "departement":
                full = f"Département {'de la ' if ' de la ' in m.group(0) else 'de '}{name_part}"
                kind = "departement"
            elif kind_word.lower().startswith("conseil"):
                full = f"Département {('de la ' if m.group(0).find('de la ') >= 0 else 'de ')}{name_part}"
                kind = "departement"
            else:
                full = (
                    f"{kind_word} de {name_part}"
                    if fold(kind_word) in ("ville", "commune")
                    else f"{kind_word} {name_part}"
                )
                kind = org_kind(full) or ("commune" if fold(kind_word) in ("ville", "commune") else None)
            full = self.printed_form(full)
            self.out.put((*base, "body", "name"), full, self.pos(k0))
            if kind:
                self.out.put((*base, "body", "kind"), kind, self.pos(k0))
            return

    def printed_form(self, name: str) -> str:
        """The name as the document prints it in mixed case, when it does; else in title case."""
        if not any(c.isupper() for c in name[1:]) or not re.search(r"[A-Z]{3}", name):
            return name
        words = fold(name).split()
        rx = re.compile(r"\b" + r"[^a-z]+".join(re.escape(w) for w in words) + r"\b")
        for m in rx.finditer(self.p):
            candidate = self.t[m.start() : m.end()]
            if not re.search(r"[A-ZÀ-Þ]{3}", candidate):
                return " ".join(candidate.split())
        head = re.match(
            r"^(Communauté de communes|Communauté d'agglomération|Communauté urbaine|Métropole|Syndicat|Ville de|Commune de|Département de(?: la)?)\s+",
            name,
            re.I,
        )
        if head:
            return f"{head.group(1)[:1].upper()}{head.group(1)[1:].lower()} {title_case(name[head.end() :])}"
        return title_case(name)

    def session(self, base: Path, end: int) -> None:
        s = (*base, "session")
        m = self.find(r"\bseance\s+(?:publique\s+|ordinaire\s+|extraordinaire\s+|pleniere\s+)?du\s*", end=end)
        if m is None:
            m = self.find(r"\b(?:reunion|seance)\s+du\b\s*|\bdate\s+de\s+(?:la\s+)?seance\s*:?\s*", end=end)
        if m is not None:
            value, at = find_date(self.t, self.p, m.end(), min(m.end() + 60, end))
            if isinstance(value, date):
                self.out.put((*s, "date"), value, self.pos(at))
        words = self.find(r"\bl'an\s+(?:deux\s+mille|mil|[0-9])", end=end)
        if words is not None:
            stop = min(self.sentence_end(words.start(), 300), end)
            phrase = self.without_counts(words.start(), stop)
            if self.out.get((*s, "date")) is None:
                value = date_in_words(phrase)
                if value is not None:
                    self.out.put((*s, "date"), value, self.pos(words.start()))
            time = parse_time(phrase)
            if time:
                self.out.put((*s, "time"), time, self.pos(words.start()))
        if self.out.get((*s, "date")) is None:
            m = self.find(r"\bs'est\s+reunie?s?\b", end=end)
            if m is not None:
                value, at = find_date(self.t, self.p, m.end(), self.sentence_end(m.end()))
                if isinstance(value, date):
                    self.out.put((*s, "date"), value, self.pos(at))
        if self.out.get((*s, "time")) is None:
            for m in self.finditer(r"\b(?:a|des)\s+(\d{1,2}\s*(?:h|heures?)\s*\d{0,2})\b", end=end):
                time = parse_time(self.p[m.start(1) : m.end(1)])
                if time:
                    self.out.put((*s, "time"), time, self.pos(m.start(1)))
                    break
        m = self.find(
            r"\b(?:convoquee?s?|convocation\s+(?:adressee|envoyee|faite)(?:\s+aux\s+\w+)?)\s+le\s*|\bdate\s+(?:de\s+(?:la\s+)?)?convocation\s*:?\s*",
            end=end,
        )
        if m is not None:
            value, at = find_date(self.t, self.p, m.end(), min(m.end() + 50, end))
            if value is not None:
                self.out.put((*s, "convened_on"), value, self.pos(at))
        if self.find(r"\b(?:deuxieme|seconde|2e|2eme)\s+convocation\b", end=end):
            self.out.put(
                (*s, "second_convocation"),
                True,
                self.pos(self.find(r"\b(?:deuxieme|seconde|2e|2eme)\s+convocation\b", end=end).start()),
            )  # type: ignore[union-attr]
        self.place(s, end)
        m = self.find(r"\bsous\s+la\s+presidence\s+de\s+", end=end)
        if m is not None:
            stop = min(self.sentence_end(m.end(), 160), end)
            label = _LIST_RE.search(self.p, m.end(), stop) or _ANY_LABEL.search(self.p, m.end(), stop)
            stop = label.start() if label else stop
            found = self.person_in(m.end(), stop)
            if found:
                self.out.put((*s, "president"), found[0], self.pos(found[1]))
        m = self.find(r"\bsecretaire\s+de\s+(?:la\s+)?seance\s*:\s*|\bsecretaire\s*:\s*", end=end)
        if m is not None:
            found = self.person_in(m.end(), min(self.line_end(m.end()), end))
            if found:
                self.out.put((*s, "secretary"), found[0], self.pos(found[1]))
        else:
            m = self.find(
                r"\ba\s+ete\s+(?:nommee?|designee?|elue?|choisie?)\s+(?:comme\s+|pour\s+remplir\s+les\s+fonctions\s+de\s+)?secretaire",
                end=end,
            )
            if m is not None:
                begin = (
                    max(self.p.rfind(".", self.start, m.start()), self.p.rfind("\n", self.start, m.start()))
                    + 1
                )
                found = self.person_in(begin, m.start())
                if found:
                    self.out.put((*s, "secretary"), found[0], self.pos(found[1]))

    def place(self, s: Path, end: int) -> None:
        m = self.find(r"\blieu\s*(?:de\s+la\s+seance)?\s*:\s*", end=end)
        if m is not None:
            stop = self.line_end(m.end())
            value = self.t[m.end() : stop].strip(" .,")
            if value:
                self.out.put((*s, "place"), value, self.pos(m.end()))
                return
        m = self.find(r"\bs'est\s+reunie?s?\b", end=end)
        if m is None:
            return
        stop = self.sentence_end(m.end(), 300)
        where = re.compile(
            r"\b(?:a\s+la\s+|a\s+l'|au\s+|en\s+)(?=(?:mairie|salle|siege|hotel|maison|espace|centre|foyer)\b)"
        ).search(self.p, m.end(), stop)
        if where is None:
            return
        tail = re.compile(
            r",\s*(?:le\s+(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|\d)|sous\s+la\s+presidence|a\s+\d|en\s+session|apres\s+convocation)|\.(?:\s|$)|\n\s*\n"
        ).search(self.p, where.end(), stop)
        value = " ".join(self.t[where.end() : tail.start() if tail else stop].split()).strip(" ,")
        if value and len(value) < 120:
            self.out.put((*s, "place"), value[:1].upper() + value[1:], self.pos(where.end()))

    def person_in(self, start: int, stop: int) -> tuple[str, int] | None:
        """The first person named between two offsets ("Monsieur le Maire, Philippe SAUREL" -> Philippe SAUREL)."""
        text = self.t[start:stop]
        best: tuple[int, str, int] | None = None
        for m in re.finditer(r"[^,;()\n]+(?:\n[^,;()\n]+)?", text):
            raw = m.group(0)
            cut = re.split(r"\s+(?:a\s+ete|en\s+tant|qui\b|ne\s+|se\s+)", raw, maxsplit=1)[0]
            candidate = clean_name(cut)
            score = name_score(candidate)
            if score and (best is None or score > best[0]):
                offset = start + m.start() + max(raw.find(candidate.split()[0]), 0)
                best = (score, candidate, offset)
                if score == 2:
                    break
        return (best[1], best[2]) if best else None

    def without_counts(self, start: int, stop: int) -> str:
        """A sentence with the count labels of a left column ("Présents : 24") taken out."""
        text = self.t[start:stop]
        folded = self.p[start:stop]
        for _, rx in reversed(_COUNT_RE):
            for m in reversed(list(rx.finditer(folded))):
                if m.group("v") and number(m.group("v")) is not None:
                    text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
        return " ".join(text.split())

    # counts ---------------------------------------------------------------------------------------

    def counts(self, base: Path, start: int, end: int) -> None:
        found: dict[str, tuple[int, int]] = {}
        for fieldname, rx in _COUNT_RE:
            for m in rx.finditer(self.p, start, end):
                value = number(self.t[m.start("v") : m.end("v")], none_is_zero=True)
                if value is None or value > 5000:
                    continue
                # "Présents : 24" is a count, "Présents : M. X" a list; "24 octobre" a date
                if _NOT_A_COUNT.match(self.p, m.end("v")):
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

    # attendance -------------------------------------------------------------------------------

    def attendance(self, base: Path, start: int, end: int) -> None:
        present: list[Item] = []
        absent: list[Item] = []
        seen_lists: dict[str, int] = {}
        for m in self.finditer(_LIST_RE, start, end):
            kind = next(k for k, _ in _LISTS if m.group(k))
            if kind == "recused":
                continue
            tail = m.group("tail") or ""
            if kind == "substitute" and _NOT_LIST_TAIL.search(self.p[m.start() : m.end()]):
                continue
            items = self.read_list(m.end(), end, kind)
            if items is None:
                continue
            seen_lists.setdefault(kind, m.start())
            del tail
            if kind in ("present", "substitute"):
                for item in items:
                    present.append(item)
                    for held, at in item.held_proxy_of:
                        absent.append(Item(held, at, proxy_to=item.name))
            elif kind == "proxy":
                for item in items:
                    if not item.proxy_to:
                        item.proxy = True
                    absent.append(item)
            else:
                absent.extend(items)
        if "present" in seen_lists or present:
            self.put_people((*base, "present"), _merge(present), seen_lists.get("present", start))
        if absent or "absent" in seen_lists or "proxy" in seen_lists:
            self.put_people(
                (*base, "absent"), _merge(absent), seen_lists.get("absent", seen_lists.get("proxy", start))
            )

    def put_people(self, path: Path, items: list[Item], label_at: int) -> None:
        self.out.put(path, [], self.pos(label_at))
        for i, item in enumerate(items):
            entry: dict[str, Any] = {"name": item.name}
            if item.substitute_for:
                entry["substitute_for"] = item.substitute_for
            if item.proxy_to:
                entry["proxy_to"] = item.proxy_to
            elif item.proxy:
                entry["proxy"] = True
            if item.reason:
                entry["reason"] = item.reason
            value: Any = entry if len(entry) > 1 else item.name
            self.out.put((*path, i), value, self.pos(item.offset))
            self.out.sources[(*path, i, "name")] = self.pos(item.offset)

    def read_list(self, start: int, end: int, kind: str) -> list[Item] | None:
        """The names after a list label, on its line and on the lines that go on with names."""
        line_stop = min(self.line_end(start), end)
        first = self.t[start:line_stop].strip()
        if (
            first
            and number(first.split()[0].strip(".,;"), none_is_zero=False) is not None
            and not re.search(r"[A-Z]{2}", first)
        ):
            return None  # "Présents : 24": a count
        if re.match(r"(?:neant|aucune?|-|/)\s*\.?\s*$", self.p[start:line_stop].strip()):
            return []
        comma_mode = bool(re.search(r"[,;]", first))
        stop = line_stop
        strict = not first
        probe = line_stop + 1
        while probe < end:
            nxt_end = min(self.line_end(probe), end)
            line = self.t[probe:nxt_end]
            if self.src.line_of(probe) in self.src.dropped:
                probe = nxt_end + 1
                continue
            if not line.strip():
                if stop > start and self.t[start:stop].strip():
                    break
                probe = nxt_end + 1
                continue
            if _ANY_LABEL.match(self.p, probe) or _LIST_RE.match(self.p, probe):
                break
            if not self.names_line(line, strict and stop == line_stop and not first):
                break
            if stop == line_stop and not first:
                comma_mode = bool(re.search(r"[,;]", line))
            stop = nxt_end
            probe = nxt_end + 1
        region = self.t[start:stop]
        if not region.strip():
            return []
        return self.split_items(region, start, comma_mode, kind)

    def names_line(self, line: str, strict: bool) -> bool:
        parts = [p for p in re.split(r"[,;]|\bet\b", _PARENS.sub("", line)) if p.strip(" .-")]
        if not parts:
            return False
        scores = [_item_score(_GROUP_PREFIX.sub("", p)) for p in parts]
        good = sum(1 for s in scores if s)
        if strict:
            return all(scores) and sum(1 for s in scores if s == 2) * 2 >= len(scores)
        return good * 2 > len(scores)

    def split_items(self, region: str, base: int, comma_mode: bool, kind: str) -> list[Item]:
        pieces: list[tuple[str, int]] = []
        depth = 0
        begin = 0
        i = 0
        folded = self.p[base : base + len(region)]
        while i < len(region):
            ch = region[i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(depth - 1, 0)
            elif depth == 0:
                cut = 0
                if ch in ",;" or (ch == "\n" and not comma_mode and not region[:i].rstrip(" ").endswith("-")):
                    cut = 1
                elif folded.startswith(" et ", i) and not re.match(r" et (?:par|a) ", folded[i:]):
                    cut = 4
                if cut:
                    pieces.append((region[begin:i], begin))
                    begin = i + cut
                    i += cut
                    continue
            i += 1
        pieces.append((region[begin:], begin))
        items: list[Item] = []
        for text, offset in pieces:
            item = self.parse_item(text, base + offset, kind)
            if item is not None:
                if items and item.name == "" and item.proxy_to:
                    items[-1].proxy_to = item.proxy_to  # "X, pouvoir à Y" split by the comma
                    continue
                items.append(item)
        return [i for i in items if i.name]

    def parse_item(self, text: str, offset: int, kind: str) -> Item | None:
        lead = len(text) - len(text.lstrip())
        offset += lead
        text = re.sub(r"-\s*\n\s*", "-", text.strip())
        text = " ".join(text.replace("\n", " ").split()).strip(" .*-–•")
        if not text or fold(text) in ("neant", "aucun", "aucune"):
            return None
        group = _GROUP_PREFIX.match(text)
        if group and _item_score(_PARENS.sub("", text[group.end() :]).split(",")[0]):
            offset += group.end()
            text = text[group.end() :]
        folded = plain(text)
        held = []
        for m in _HELD_PROXY.finditer(folded):
            held.append((clean_name(text[m.start("n") : m.end("n")]), offset + m.start("n")))
        for m in reversed(list(_HELD_PROXY.finditer(folded))):
            text = text[: m.start()] + text[m.end() :]
        folded = plain(text)
        forms = list(_SUBSTITUTE_FORMS) + list(_PROXY_FORMS)
        if kind == "proxy":
            forms += list(_PROXY_LIST_FORMS)
        if re.match(r"^(?:pouvoir|procuration)\s+(?:donnee?\s+)?a\s+(?P<h>.+)$", folded):
            holder = clean_name(
                text[re.match(r"^(?:pouvoir|procuration)\s+(?:donnee?\s+)?a\s+", folded).end() :]
            )  # type: ignore[union-attr]
            return Item("", offset, proxy_to=holder) if name_score(holder) else None
        for rx in forms:
            m = rx.match(folded)
            if not m:
                continue
            name = clean_name(_PARENS.sub("", text[m.start("n") : m.end("n")]))
            other = clean_name(_PARENS.sub("", text[m.start("h") : m.end("h")]))
            if not name_score(name) or not name_score(other):
                continue
            item = Item(name, offset + m.start("n"))
            if rx in _SUBSTITUTE_FORMS:
                item.substitute_for = other
            else:
                item.proxy_to = other
            item.held_proxy_of = held
            return item
        name = clean_name(_PARENS.sub("", text))
        if not name_score(name):
            return None
        return Item(name, offset + max(text.find(name.split()[0]), 0), held_proxy_of=held)

    # recusals, votes, decision ---------------------------------------------------------------------

    def recusals(self, base: Path, start: int, end: int) -> None:
        people: list[Item] = []
        verb = re.compile(
            r"\b(?:ne\s+(?:participe|participent|prend|prennent)\s+pas\s+(?:part\s+)?(?:a|au)\s+(?:ce\s+|la\s+|cette\s+)?(?:vote|deliberation|debat)"
            r"|n'(?:a|ont)\s+pas\s+pris\s+part\s+(?:au\s+vote|a\s+la\s+deliberation)|se\s+retire(?:nt)?\b|s'est\s+retiree?|quitte(?:nt)?\s+la\s+salle)"
        )
        for m in verb.finditer(self.p, start, end):
            if self.p[m.end() : m.end() + 3].lstrip().startswith(":"):
                stop = self.line_end(m.end())
                colon = self.p.index(":", m.end())
                items = self.split_items(self.t[colon + 1 : stop], colon + 1, True, "recused")
                people.extend(items)
                continue
            begin = max(
                self.p.rfind("(", start, m.start()),
                self.p.rfind(". ", start, m.start()) + 1,
                self.p.rfind("\n\n", start, m.start()) + 1,
                start,
            )
            people.extend(self.people_in_sentence(begin, m.start()))
        if people:
            self.put_people((*base, "recused"), _merge(people), people[0].offset)

    def people_in_sentence(self, start: int, stop: int) -> list[Item]:
        """ "Monsieur A en tant que Président de X et Madame B et Monsieur C en tant qu'agents de X"."""
        text = self.t[start:stop]
        folded = self.p[start:stop]
        marks = [
            m.start()
            for m in re.finditer(r"(?<![a-z])(?:monsieur|madame|mademoiselle|mme|mlle|m\.|mm\.)\s", folded)
        ]
        if not marks:
            cut = re.split(r",\s*|\s+et\s+", text.strip(" ()"))
            out = []
            for piece in cut:
                name = clean_name(piece)
                if name_score(name) == 2:
                    out.append(Item(name, start + text.find(piece)))
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

    def vote(self, base: Path, start: int, end: int) -> None:
        v = (*base, "vote")
        counts = (
            ("for", r"(?:ont\s+vote\s+|votes?\s+|voix\s+)?pour"),
            ("against", r"(?:ont\s+vote\s+|votes?\s+|voix\s+)?contre"),
            ("abstentions", r"abstentions?|se\s+sont\s+abstenus|s'abstiennent"),
            ("blank", r"(?:bulletins\s+)?(?:blancs?(?:\s+(?:et|ou)\s+nuls?)?|nuls?)"),
        )
        for fieldname, label in counts:
            rx = re.compile(_LABEL_START + rf"(?:{label})[ \t]*:[ \t]*" + _VALUE, re.M)
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

    def subject(self, base: Path, start: int, end: int, number: tuple[str, int] | None) -> None:
        m = self.find(r"^[ \t]*objet\s*:\s*", start, end)
        if m is not None:
            stop = self.line_end(m.end())
            nxt = stop + 1
            while (
                nxt < end
                and self.t[nxt : self.line_end(nxt)].strip()
                and not _ANY_LABEL.match(self.p, nxt)
                and len(self.t[m.end() : stop]) < 200
                and self.t[stop - 1 : stop] not in "."
            ):
                if self.t[nxt].islower():
                    stop = self.line_end(nxt)
                    nxt = stop + 1
                else:
                    break
            value = " ".join(self.t[m.end() : stop].split()).strip(" .")
            if value:
                self.out.put((*base, "subject"), sentence_case(value), self.pos(m.end()))
                return
        if number is not None:
            rx = re.compile(
                re.escape(plain(number[0])).replace("/", r"\s*/\s*") + r"[ \t]*[:\-–][ \t]*(?P<s>\S[^\n]+)",
                re.M,
            )
            mm = rx.search(self.p, start, end)
            if mm:
                value = " ".join(self.t[mm.start("s") : mm.end("s")].split()).strip(" .")
                if value and not re.match(r"^\d", value):
                    self.out.put((*base, "subject"), sentence_case(value), self.pos(mm.start("s")))
                    return
        # "Monsieur le Maire rapporte :" follows the subject in many city layouts
        m = self.find(r"^[^\n]{0,60}\brapporte\s*:", start, end)
        if m is not None:
            lines: list[tuple[int, int]] = []
            i = self.src.line_of(m.start()) - 1
            while i >= 0 and self.src.starts[i] >= start and len(lines) < 4:
                a, b = self.src.line_span(i)
                line = self.t[a:b].strip()
                if not line:
                    if lines:
                        break
                    i -= 1
                    continue
                if re.search(r":\s*$", line) or _LIST_RE.match(self.p, a):
                    break
                if name_score(line.split(",")[0]) == 2 and "," in line:
                    break
                lines.insert(0, (a, b))
                i -= 1
            if lines:
                value = " ".join(" ".join(self.t[a:b].split()) for a, b in lines).strip(" .")
                if value:
                    self.out.put(
                        (*base, "subject"),
                        sentence_case(value),
                        self.pos(
                            lines[0][0]
                            + len(self.t[lines[0][0] : lines[0][1]])
                            - len(self.t[lines[0][0] : lines[0][1]].lstrip())
                        ),
                    )

    def approves(self, base: Path, start: int, end: int) -> None:
        a = (*base, "approves")
        m = self.find(
            r"\b(?:approuve|adopte|autorise|valide)\b[^.]{0,200}?\bpour\s+la\s+periode\s+du\s+", start, end
        )
        if m is None:
            m = self.find(
                r"\bconvention[^.]{0,160}?\b(?:pour\s+la\s+periode|a\s+compter)\s+du\s+", start, end
            )
        if m is not None:
            first, at1 = find_date(self.t, self.p, m.end(), m.end() + 30)
            if first is not None:
                sep = re.compile(r"[^\n]{0,25}?\b(?:au|jusqu'au)\s+").match(self.p, at1 + 4)
                second, at2 = find_date(self.t, self.p, at1 + 4, at1 + 60) if sep else (None, -1)
                self.out.put((*a, "period", "start"), first, self.pos(at1))
                if second is not None:
                    self.out.put((*a, "period", "end"), second, self.pos(at2))
        m = self.find(r"\bautorise\b,?\s*|\bd'autoriser\s+", start, end)
        if m is not None:
            stop = self.p.find(" a signer", m.end(), m.end() + 200)
            if stop > 0 and "convention" in self.p[stop : self.sentence_end(stop, 200)]:
                roles = []
                for r in re.finditer(
                    r"(?:monsieur|madame|m\.|mme)?\s*(?:le|la|l')\s*(?P<r>(?:vice-)?(?:president|presidente|maire|adjointe?(?:\s+delegue)?e?|directeur|directrice))\b",
                    self.p[m.end() : stop],
                ):
                    word = self.t[m.end() + r.start("r") : m.end() + r.end("r")]
                    roles.append(word[:1].upper() + word[1:])
                if roles:
                    self.out.put((*a, "authorised_signatories"), roles, self.pos(m.end()))

    # transmission -------------------------------------------------------------------------------

    def transmission(self, base: Path, start: int, end: int) -> None:
        t = (*base, "transmission")
        ids = list(self.finditer(_ACT_ID, start, end))
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
        queue: list[str] = []
        for m in self.finditer(_TRANSMISSION_RE, start, end):
            fieldname = next(k for k, _ in _TRANSMISSION if m.group(k))
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
                if queue and not _TRANSMISSION_RE.search(line):
                    values = [(v, s) for v, s in self.dates_in(nxt, self.line_end(nxt))]
                    for (value, at), name in zip(values, queue, strict=False):
                        if self.out.get((*t, name)) is None:
                            self.out.put((*t, name), value, self.pos(at))
                    queue = queue[len(values) :]
        m = self.find(
            r"\bpour\s+(?:copie|extrait)\s+(?:certifiee?\s+)?conforme|\bcertifiee?\s+conforme|\bcertifie\s+executoire\s+le\b",
            start,
            end,
        )
        if m is not None:
            # the date under "Pour extrait conforme", not one of a stamp printed across it
            stamp = re.compile(r"accuse\s+de\s+reception|" + _TRANSMISSION_RE.pattern).search(
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

    def dates_in(self, start: int, stop: int) -> list[tuple[Any, int]]:
        out = []
        for m in DATE_RE.finditer(self.p, start, stop):
            value = match_date(self.t, m)
            if isinstance(value, date):
                out.append((value, m.start()))
        return out


_PROXY_WORDS = re.compile(
    r"^\s*(?:pouvoir|procuration)\s+de\s+|\s+(?:a\s+donne|donne|ayant\s+donne)\s+(?:pouvoir|procuration)\s+a\s+"
    r"|\s+(?:a|par|->|→|=>|remplace)\s+"
)


def _item_score(text: str) -> int:
    """How surely a list item names people: each side of "X à Y", "X donne pouvoir à Y" must."""
    folded = plain(text)
    cuts = [0]
    for m in _PROXY_WORDS.finditer(folded):
        cuts.extend((m.start(), m.end()))
    cuts.append(len(text))
    sides = [text[a:b] for a, b in zip(cuts[::2], cuts[1::2], strict=True) if text[a:b].strip()]
    return min((name_score(side) for side in sides), default=0)


def _merge(items: list[Item]) -> list[Item]:
    """One entry per person, in the order of first mention, what each list said about them combined."""
    out: list[Item] = []
    index: dict[tuple[str, ...], Item] = {}
    for item in items:
        key = name_tokens(item.name)
        known = index.get(key)
        if known is None:
            index[key] = item
            out.append(item)
            continue
        known.proxy_to = known.proxy_to or item.proxy_to
        known.proxy = known.proxy or item.proxy
        known.substitute_for = known.substitute_for or item.substitute_for
        known.reason = known.reason or item.reason
    return out


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
