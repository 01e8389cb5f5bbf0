"""The header of a deliberation: the body, the session (date, time, place, convocation, chair, secretary)."""

from __future__ import annotations

import re
from datetime import date

from ... import regex
from ...names import fold
from .. import scan
from ..positions import Path
from ..words import (
    _MONTH_ALT,
    clean_name,
    date_in_words,
    find_date,
    name_score,
    number,
    org_kind,
    parse_time,
    title_case,
)
from .base import ReaderBase
from .lexicon import (
    ANY_LABEL,
    COUNT_RE,
    LIST_RE,
)
from .picker import Candidate

# what names the session before its date: "Séance du", "Conseil municipal du lundi", "Comité syndical du"
SESSION_TITLE = regex.compile(
    r"\b(?:seance|reunion|session|conseil\s+(?:municipal|communautaire|syndical|general|departemental|d'administration)"
    r"|comite(?:\s+syndical)?|assemblee\s+generale|bureau(?:\s+communautaire)?|commission\s+permanente|c-?r|compte[\s-]rendu"
    r"|proces[\s-]verbal|date\s+de\s+(?:la\s+)?seance)\b[^.;:!?]{0,100}$"
    # a label: "Date de la séance : 12/10/2023"
    r"|\bdate\s+de\s+(?:la\s+)?seance[ \t]*:[ \t]*$"
)
# a date cited, not the session's: minutes approved, convocation, posting, an earlier act or meeting
DATE_DECOY = regex.compile(
    r"(?:approb|approuv|precedent|adopt|rectifi|convo|affich|publi|envoy|transmis|recu\b|reception|deliberation|arrete"
    r"|decision|en\s+date\s+du|lors\s+de|courrier|modifi|depuis|jusqu|avant|apres|notifi|signe|vu\b|loi|decret"
    r"|exercice|budget|ordonnance|circulaire|\bdu\s+[0-9]{1,2}\s*(?:er)?\s+au)[^\n]*$"
)
TWO_DAYS = regex.compile(r"\bles?\s+(?:[a-z]+\s+)?[0-9]{1,2}(?:er)?\s+(?:et|au)\s+(?:[a-z]+\s+)?$")
# "Le jeudi 24 octobre 2013 à 17 h 30, le Conseil municipal ... s'est réuni"
MET = regex.compile(
    r"s'?\s?est\s+(?:reunie?|assemblee?)|se\s+sont\s+reunis|dument\s+convoque|\ble\s+(?:conseil|comite|bureau)\b"
)
DATE_LINE = regex.compile(
    r"(?:^|\n)[ \t+\-•*]*(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)[ \t]+)?$"
)

_DAY_WORDS = r"premier|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente"
# a date in words without "L'an": "le deux décembre deux mille vingt-trois", "le lundi trente et un mai mil ..."
WORD_DATE = regex.compile(
    rf"\ble\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?:{_DAY_WORDS})(?:[\s-]+(?:et[\s-]+)?(?:{_DAY_WORDS}))*"
    rf"\s+(?:{_MONTH_ALT})\s+(?:deux\s+)?mil(?:le)?\b"
)

# the convocation's wordings, each with how far its date may stand (a label's date may be lines below)
CONVOCATION: tuple[tuple[re.Pattern[str], int], ...] = (
    (
        regex.compile(
            r"\b(?:convoquee?s?|convocation\s+(?:adressee|envoyee|faite|expediee)(?:\s+aux\s+\w+)?)(?:\s+(?:par\s+\w+|regulierement|legalement))*"
            r"\s+le\s*:?\s*|\b(?:sur\s+|par\s+)?convocations?\s+(?:reguliere\s+|ecrite\s+)?(?:en\s+date\s+du|datee\s+du|du)\s+"
            r"|\bconvoquee?s?\s+(?:par\s+courrier\s+|regulierement\s+|par\s+\w+\s+)*en\s+date\s+du\s+"
        ),
        50,
    ),
    (regex.compile(r"\bdate\s+(?:de\s+l'avis\s+)?(?:de\s+(?:la\s+)?)?convocation\s*:?\s*"), 60),
    (regex.compile(r"^[ \t]*convocations?\b[^\n:]{0,40}:?[ \t]*$", re.M), 80),
    (regex.compile(r"\bdate\s+de\s+(?:la\s+)?convocation\b"), 160),
    # "Convocation aux membres du conseil et affichage le 10 mars 2016"
    (regex.compile(r"\bconvocations?\b[^.\n]{0,60}?\ble\s+"), 30),
)


# a day and a month whose year did not read ("26 mars 202"): the date further down is another one
BROKEN_DATE = regex.compile(rf"\b\d{{1,2}}\s*(?:er)?\s+(?:{_MONTH_ALT})\b")

# urgency of the convocation, not "état d'urgence sanitaire" nor a "fonds d'urgence"
URGENCY = regex.compile(
    r"\bconvoquee?s?\s+(?:en\s+|d')urgence|\bconvocation\s+(?:en\s+|d')urgence|\b(?:seance|reunion)\s+(?:extraordinaire\s+)?d'urgence"
    r"|\bprocedure\s+d'urgence|\ben\s+raison\s+de\s+l'urgence|\bl'urgence\s+(?:de\s+la\s+convocation\s+)?"
    r"(?:ayant\s+ete|a\s+ete|est|etant)\s+(?:reconnue|admise|declaree|invoquee|constatee|approuvee|confirmee)"
    r"|\b(?:reconnait|reconnu|admet|confirme|approuve|valide)\s+l'urgence"
)
URGENCY_RULED = regex.compile(
    r"\bl'urgence\s+(?:de\s+la\s+convocation\s+)?(?:ayant\s+ete|a\s+ete|est|etant)\s+(?:reconnue|admise|approuvee|confirmee)"
    r"\s+(?:par\s+(?:le\s+conseil|l'assemblee|le\s+comite|les\s+membres)|a\s+l'unanimite|a\s+la\s+majorite)"
    r"|\b(?:le\s+conseil|l'assemblee|le\s+comite)[^.]{0,60}?\b(?:reconnait|a\s+reconnu|admet|confirme|approuve|valide|se\s+prononce\s+sur)\s+l'urgence"
)


SECRETARY_NAMED = regex.compile(
    r"\bcandidature\s+de\s+(?P<who>[^,;\n]{3,60}?)\s*,?\s+(?:en\s+qualite\s+de|comme|pour\s+(?:etre|assurer))\s+(?:la\s+|le\s+)?secretaire"
    r"|^[ \t]*(?P<who2>[^,;:\n]{3,60}?)\s+(?:est|a\s+ete)\s+designee?(?:\(e\))?\s+(?:comme\s+|en\s+tant\s+que\s+)?secretaire",
    re.M,
)


class HeaderReader(ReaderBase):
    """Reads the header and the session."""

    # header -------------------------------------------------------------------------------------------

    def header(self, base: Path, end: int) -> None:
        self.body(base, end)
        self.session(base, end)

    def body(self, base: Path, end: int) -> None:
        first_list = scan.search(LIST_RE, self.p, self.start, end)
        stop = first_list.start() if first_list else min(end, self.start + 3000)
        subject = scan.compiled(r"^[ \t]*objet\s*:", re.M).search(self.p, self.start, stop)
        head = self.p[self.start : subject.start() if subject else stop]
        patterns = (
            r"(?P<k>communaute\s+(?:de\s+communes|d'agglomeration|urbaine))(?:\s+(?:du|de\s+la|de|des|d'))?\s+(?P<n>[a-z][^\n,]*(?:\n(?!\s*\n)(?![ \t]*(?:proces|extrait|compte|seance|registre|deliberation|du\s+conseil|conseil))[^\n,]*)?)",
            r"(?P<k>metropole)\s+(?:de\s+|d')?(?P<n>[a-z][^\n,.]*)",
            r"(?P<k>syndicat)\s+(?P<n>[^\n,]+)",
            r"conseil\s+municipal\s+de\s+la\s+(?P<k>ville|commune)\s+d[e']\s*(?P<n>[a-z][^\n,.]*)",
            r"^[ \t]*(?P<k>ville|commune)\s+d[e']\s*(?P<n>[a-z][^\n,.]*)",
            r"(?P<k>conseil\s+(?:departemental|general))\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+)(?P<n>[a-z][^\n,.]*)",
        )
        matches = [m for m in (scan.compiled(p, re.M).search(head) for p in patterns) if m]
        if not matches and re.search(r"conseil\s+(?:departemental|general)|commission\s+permanente", head):
            # "DÉPARTEMENT DE LA LOZÈRE" heads the acts of communes too: the body only when nothing else is
            fallback = scan.compiled(
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
        rx = scan.compiled(r"\b" + r"[^a-z]+".join(re.escape(w) for w in words) + r"\b")
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
        self.session_date(s, end)
        self.convocation(s, end)
        self.urgency(s, end)
        self.place(s, end)
        self.chair(s, end)

    def session_date(self, s: Path, end: int) -> None:
        """The date and time of the session, in figures or in words ("L'an deux mille ..."): the best
        scored candidate (a title "Séance du ...", a date in words, "Le 9 mai 2019, le Conseil ... s'est
        réuni"), never a date cited (previous minutes approved, convocation, publication, earlier acts)."""
        self.choose((*s, "date"), self.date_candidates(end))
        words = self.find(r"\bl'an\s+(?:deux\s+mil|mil|[0-9])", end=end)
        if words is not None:
            time = parse_time(
                self.without_counts(words.start(), min(self.sentence_end(words.start(), 300), end))
            )
            if time:
                self.out.put((*s, "time"), time, self.pos(words.start()))
        if self.out.get((*s, "time")) is None:
            for m in self.finditer(r"\b(?:a|des)\s+(\d{1,2}\s*(?:h|heures?)\s*\d{0,2})\b", end=end):
                time = parse_time(self.p[m.start(1) : m.end(1)])
                if time:
                    self.out.put((*s, "time"), time, self.pos(m.start(1)))
                    break

    def date_candidates(self, end: int) -> list[Candidate]:
        """Each date the header could give as the session's, scored."""
        out: list[Candidate] = []
        stop = min(end, self.start + 6000)
        for value, at in self.dates_in(self.start, stop):
            before = self.p[max(at - 110, self.start) : at]
            if DATE_DECOY.search(before[-70:]) or TWO_DAYS.search(before):
                continue
            if SESSION_TITLE.search(before):
                out.append(Candidate(value, at, 3, "titre de séance (« Séance du … »)"))
            elif MET.search(self.p, at, min(at + 220, stop)):
                out.append(Candidate(value, at, 2, "date suivie de « … s'est réuni »"))
            elif self.src.line_of(at) - self.src.line_of(self.start) < 12 and DATE_LINE.search(before):
                out.append(Candidate(value, at, 1, "date seule sur une ligne en tête"))
        for words in self.finditer(WORD_DATE, end=stop):
            # scored as a date in figures is: after a session's title, or before "... s'est réuni"
            before = self.p[max(words.start() - 110, self.start) : words.start()]
            # its sentence up to "an": a later "l'an deux mille ..., le premier janvier" is another date's
            phrase = re.split(
                r"\ban\b", self.p[words.start() : self.sentence_end(words.start())], maxsplit=1
            )[0]
            value = date_in_words(phrase)
            if value is None or DATE_DECOY.search(before[-70:]):
                continue
            if SESSION_TITLE.search(before):
                out.append(Candidate(value, words.start(), 3, "date en lettres après un titre de séance"))
            elif MET.search(self.p, words.end(), min(words.end() + 220, stop)):
                out.append(Candidate(value, words.start(), 2, "date en lettres suivie de « … s'est réuni »"))
        for words in self.finditer(r"\bl'an\s+(?:deux\s+mil|mil|[0-9])", end=stop):
            phrase = self.without_counts(words.start(), min(self.sentence_end(words.start(), 300), stop))
            value = date_in_words(phrase)
            if value is not None:
                out.append(Candidate(value, words.start(), 3, "date en lettres (« L'an deux mille … »)"))
        return out

    def convocation(self, s: Path, end: int) -> None:
        """The convocation's date: "convoqué le", "sur convocation en date du", "Convocation du ...", a
        label "Date de la convocation :" with its date on the same line or further down (a margin box)."""
        for rx, reach in CONVOCATION:
            for m in self.finditer(rx, end=end):
                value, at = find_date(self.t, self.p, m.end(), min(m.end() + reach, end))
                if isinstance(value, date) and not BROKEN_DATE.search(self.p, m.end(), at):
                    self.out.put((*s, "convened_on"), value, self.pos(at))
                    break
            if self.out.get((*s, "convened_on")) is not None:
                break
        m = self.find(r"\b(?:deuxieme|seconde|2e|2eme)\s+convocation\b", end=end)
        if m is not None:
            self.out.put((*s, "second_convocation"), True, self.pos(m.start()))

    def urgency(self, s: Path, end: int) -> None:
        """Urgency invoked for the convocation, and whether the council ruled on it (L2121-11, L2121-12)."""
        stop = min(end, self.start + 8000)
        m = scan.search(URGENCY, self.p, self.start, stop)
        if m is None:
            return
        self.out.put((*s, "urgency"), True, self.pos(m.start()))
        ruled = scan.search(URGENCY_RULED, self.p, self.start, stop)
        if ruled is not None:
            self.out.put((*s, "urgency_confirmed"), True, self.pos(ruled.start()))

    def chair(self, s: Path, end: int) -> None:
        """The president and the secretary of the session."""
        m = self.find(r"\bsous\s+la\s+presidence\s+de\s+", end=end)
        if m is not None:
            stop = min(self.sentence_end(m.end(), 160), end)
            label = scan.search(LIST_RE, self.p, m.end(), stop) or scan.search(
                ANY_LABEL, self.p, m.end(), stop
            )
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
            else:
                self.secretary_proposed(s, end)

    def secretary_proposed(self, s: Path, end: int) -> None:
        """ "Le Maire propose la candidature de X, en qualité de secrétaire", "X est désignée secrétaire"."""
        m = scan.search(SECRETARY_NAMED, self.p, self.start, end)
        if m is not None:
            who = "who" if m.group("who") else "who2"
            found = self.person_in(m.start(who), m.end(who))
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
        where = scan.compiled(
            r"\b(?:a\s+la\s+|a\s+l'|au\s+|en\s+)(?=(?:mairie|salle|siege|hotel|maison|espace|centre|foyer)\b)"
        ).search(self.p, m.end(), stop)
        if where is None:
            return
        tail = scan.compiled(
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
            cut = re.split(r"\s+(?:a\s+ete|en\s+tant|qui\b|ne\s+|se\s+)|\s+[-–]\s+", raw, maxsplit=1)[0]
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
        for _, rx in reversed(COUNT_RE):
            for m in reversed(list(rx.finditer(folded))):
                if m.group("v") and number(m.group("v")) is not None:
                    text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
        return " ".join(text.split())
