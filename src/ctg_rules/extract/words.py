"""French as acts print it: numbers and dates in words, people with civilities, organisations.

Numbers written in words go through text2num (a maintained French number parser), never a
hand-made table. Every function returns None when the text does not say: the extractor never
guesses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from text_to_num import alpha2digit

from .. import regex
from ..dates import MONTHS_FR, parse_placeholder
from ..names import CIVILITIES, fold
from .positions import plain
from .scan import Scanner

# --- numbers -----------------------------------------------------------------------------------

_NONE_WORDS = frozenset({"/", "-", "neant", "aucun", "aucune", "zero", "nul", "o"})
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})
_DIGITS_RE = regex.compile(r"[0-9OolI|]*\d[0-9OolI|]*|\d+")
_SMALL = {"un": 1, "une": 1, "premier": 1, "premiere": 1}


def to_digits(text: str, threshold: float = 3) -> str:
    """French number words turned into digits ("vingt-quatre" -> "24"; "premier" -> "1"); those below
    ``threshold`` stay words (text2num's default: "un", "deux" are mostly not numbers in prose)."""
    out = alpha2digit(text, "fr", threshold=threshold)
    return re.sub(r"\b(?:premier|1er|1\^\{er\})\b", "1", out, flags=re.IGNORECASE)


def number(text: str, *, none_is_zero: bool = False) -> int | None:
    """A count as printed: "34", "trente-quatre", "3O" (an OCR slip), "une"; "/" or "néant" is 0 when asked."""
    value = text.strip().strip(".,;:()").strip()
    if not value:
        return None
    folded = plain(value)
    if none_is_zero and folded in _NONE_WORDS:
        return 0
    if value.isdigit():
        return int(value)
    if _DIGITS_RE.fullmatch(value) and any(c.isdigit() for c in value):
        return int(value.translate(_OCR_DIGITS))
    if folded in _SMALL:
        return _SMALL[folded]
    converted = to_digits(value)
    return int(converted) if converted.isdigit() else None


# --- dates and times ---------------------------------------------------------------------------

_MONTHS = {plain(k): v for k, v in MONTHS_FR.items()}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
# a hole a draft leaves for a date: "XX", "XXXXXX", "___", "...", "…", "??"
_HOLE = r"(?:x{1,8}|_{2,}|\.{3}|…|\?{2})"
DATE_RE = regex.compile(
    rf"(?:{_DAY}\s+)?(?P<d>\d{{1,2}}|1er)\s*(?:er\b)?\s*(?P<m>{_MONTH_ALT})\s+(?P<y>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s?[/.\-]\s?(?P<m2>\d{{1,2}})\s?[/.\-]\s?(?P<y2>\d{{4}}|\d{{2}}\b)"
    rf"|(?<![\d/])(?P<d3>\d{{2}}) (?P<m3>\d{{2}}) (?P<y3>\d{{4}})\b"
    rf"|(?<!\w)(?P<hole>(?:{_HOLE}|\d{{1,2}})(?:[\s/.\-]+(?:{_HOLE}|{_MONTH_ALT}|\d{{1,2}}))?[\s/.\-]+\d{{4}}"
    rf"|{_HOLE}(?:\s+{_HOLE})*(?!\w))"
)
#: DATE_RE's matches, tried only where one may start: a figure, a hole's first sign, a day's name
DATES = Scanner(
    DATE_RE, r"[\d_.…?x]", ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
)


def match_date(original: str, m: re.Match[str]) -> date | str | None:
    """The value of a DATE_RE match: a date, a placeholder (as printed) or None (impossible date)."""
    g = m.groupdict()
    try:
        if g["y"]:
            day = 1 if g["d"] == "1er" else int(g["d"])
            return date(int(g["y"]), _MONTHS[g["m"]], day)
        if g["y2"]:
            year = int(g["y2"])
            year += 2000 if year < 100 else 0
            return date(year, int(g["m2"]), int(g["d2"]))
        if g["y3"]:
            return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
    except ValueError:
        return None
    text = original[m.start() : m.end()].strip()
    placeholder = parse_placeholder(text)
    return str(placeholder) if placeholder is not None else None


def find_date(original: str, plain_text: str, start: int = 0, end: int | None = None):  # type: ignore[no-untyped-def]
    """The first date (or placeholder) in ``plain_text[start:end]``: (value, offset) or (None, -1)."""
    for m in DATES.finditer(plain_text, start, len(plain_text) if end is None else end):
        if _cut(plain_text, m, end):
            continue
        value = match_date(original, m)
        if value is not None:
            return value, m.start()
    return None, -1


def _cut(plain_text: str, m: re.Match[str], end: int | None) -> bool:
    """Whether ``m`` ends at the window's end only because the window cut a longer date: "01/01/20"
    of "01/01/2024" is no date of 2020 (a two-digit year printed so is still read)."""
    if end is None or m.end() != end or end >= len(plain_text):
        return False
    whole = DATE_RE.match(plain_text, m.start())
    return whole is not None and whole.end() > end


def date_in_words(text: str) -> date | None:
    """ "L'an deux mille vingt-trois, le douze octobre" or "le douze octobre deux mille vingt-trois"."""
    # every number word: "le deux décembre" is the 2nd
    digits = plain(to_digits(text, threshold=0))
    m = re.search(rf"\ban\s+(\d{{4}})\b.*?\b(\d{{1,2}})\s*(?:er)?\s+({_MONTH_ALT})\b", digits, re.S)
    if m:
        year, day, month = int(m.group(1)), int(m.group(2)), _MONTHS[m.group(3)]
    else:
        m = re.search(rf"\b(\d{{1,2}})\s*(?:er)?\s+({_MONTH_ALT})\s+(?:de\s+l'an\s+)?(\d{{4}})\b", digits)
        if not m:
            return None
        day, month, year = int(m.group(1)), _MONTHS[m.group(2)], int(m.group(3))
    try:
        return date(year, month, day)
    except ValueError:
        return None


TIME_RE = regex.compile(r"\b(\d{1,2})\s*(?:h|heures?)\s*(\d{2})?(?:\s*(?:min(?:utes)?)?)\b")


def parse_time(text: str) -> str | None:
    """ "20 heures 30", "18h00", "dix-huit heures trente" -> "HH:MM"."""
    m = TIME_RE.search(plain(to_digits(text)))
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


# --- people ----------------------------------------------------------------------------------------

PARTICLES = frozenset(
    {
        "de",
        "du",
        "des",
        "d",
        "le",
        "la",
        "van",
        "von",
        "der",
        "den",
        "di",
        "da",
        "dos",
        "del",
        "ben",
        "el",
        "al",
        "y",
    }
)
#: Words that name an office or an organisation, never a person: an item holding one is not a name.
NOT_PEOPLE = frozenset(
    [
        "maire",
        "adjoint",
        "adjointe",
        "president",
        "presidente",
        "vice",
        "directeur",
        "directrice",
        "conseiller",
        "conseillere",
        "delegue",
        "deleguee",
        "delegues",
        "titulaire",
        "titulaires",
        "suppleant",
        "suppleante",
        "suppleants",
        "secretaire",
        "prefet",
        "commission",
        "societe",
        "association",
        "comite",
        "conseil",
        "syndicat",
        "commune",
        "communes",
        "ville",
        "communaute",
        "departement",
        "region",
        "election",
        "designation",
        "creation",
        "modification",
        "attribution",
        "festival",
        "agence",
        "centre",
        "office",
        "groupement",
        "caisse",
        "direction",
        "service",
        "services",
        "personnel",
        "instances",
        "membres",
        "membre",
        "representants",
        "mairie",
        "seance",
        "ordre",
        "jour",
        "objet",
        "rapport",
        "deliberation",
        "convention",
        "article",
        "annexe",
        "tous",
        "toutes",
        "sauf",
        "absent",
        "absents",
        "present",
        "presents",
        "excuse",
        "excuses",
        "pouvoir",
        "pouvoirs",
        "procuration",
        "monsieur",
        "madame",
        "general",
        "generale",
        "municipal",
        "municipale",
        "municipaux",
        "communautaire",
        "assemblee",
        "le",
        "la",
        "les",
        "un",
        "une",
    ]
)
_CIVILITY_RE = regex.compile(
    r"^\s*(?:(?:m|mr|mm|mme|mmes|mlle|mlles|melle|dr|me|pr)\.?|monsieur|madame|mademoiselle|messieurs|mesdames)"
    r"(?=[\s.]|$)\.?\s*",
    re.IGNORECASE,
)
_NAME_TOKEN = regex.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.\-]*|[dl]['’][A-ZÀ-ÖØ-Þ][\w'’\-]*)$")


def strip_civility(text: str) -> tuple[str, bool]:
    """ "M. Jean FABRE" -> ("Jean FABRE", True)."""
    out, n = _CIVILITY_RE.subn("", text, count=1)
    return out.strip(), bool(n)


def clean_name(text: str) -> str:
    name, _ = strip_civility(" ".join(text.split()))
    return name.strip(" .,;:*-–").strip()


def is_upper_word(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def name_score(text: str) -> int:
    """2: surely a person ("M. Poulle", "Jean FABRE"); 1: could be ("Jean Dupont"); 0: not a name."""
    bare, civility = strip_civility(" ".join(text.split()))
    bare = bare.strip(" .,;:").strip()
    tokens = bare.split()
    if not tokens or len(tokens) > 6:
        return 0
    caps = False
    for token in tokens:
        folded = fold(token)
        if not folded:
            return 0
        if folded in NOT_PEOPLE or folded in CIVILITIES:
            return 0
        if folded in PARTICLES:
            continue
        if not _NAME_TOKEN.match(token):
            return 0
        caps = caps or is_upper_word(token)
    if all(fold(t) in PARTICLES for t in tokens):
        return 0
    return 2 if civility or caps else 1


# --- organisations -------------------------------------------------------------------------------

_STOP = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "au", "aux", "a"})
_KIND_WORDS: tuple[tuple[str, str], ...] = (
    (
        r"\bcommunaute(?:s)? (?:de communes|d agglomeration|urbaine)\b|\bconseil communautaire\b|\bmetropole\b",
        "epci",
    ),
    (r"\bconseil departemental\b|\bconseil general\b|\bdepartement\b", "departement"),
    (r"\bconseil regional\b|\bregion\b", "region"),
    (r"\bsyndicat\b|\bsivom\b|\bsivu\b", "syndicat"),
    (r"\bconseil municipal\b|\bcommune\b|\bville\b", "commune"),
)


def significant(text: str) -> list[str]:
    return [t for t in fold(text).split() if t not in _STOP]


def org_kind(name: str) -> str | None:
    """The kind of an organisation from its name, or None."""
    f = fold(name)
    if re.search(r"\bcaisse\b|\bcaf\b|\bmsa\b|\bmutualite sociale\b|\bcpam\b|\bccss\b|\burssaf\b", f):
        return "social-security"
    if re.search(
        r"\bdirection (?:des )?services departementaux\b|\bdsden\b|\bprefe|\betat\b|\bacademie\b|\brectorat\b|\bministere\b",
        f,
    ):
        return "state"
    if re.match(r"(?:l )?association\b", f):
        return "association"
    for pattern, kind in _KIND_WORDS:
        if re.search(pattern, f):
            return kind
    return None


def _token_like(a: str, b: str) -> bool:
    if a == b or min(len(a), len(b)) < 5:
        return a == b
    from rapidfuzz.distance import Levenshtein  # conventions' parties only: not at every start

    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


class OrgMatcher:
    """Finds which party a label or a phrase means ("La CCSS", "la commune de Chanac", "les communes")."""

    def __init__(self, parties: Sequence[dict]) -> None:  # type: ignore[type-arg]
        self.parties = list(parties)
        self.tokens = [set(significant(p.get("name") or "")) for p in self.parties]
        self.acronyms: list[set[str]] = []
        self.places: list[str] = []
        for p in self.parties:
            acr = set()
            short = p.get("short_name") or ""
            for token in short.split():
                if is_upper_word(token) and len(token) >= 2:
                    acr.add(fold(token))
            initials = "".join(t[0] for t in significant(p.get("name") or ""))
            acr.update(initials[:n] for n in range(3, len(initials) + 1))
            self.acronyms.append(acr)
            # "Commune de Chanac" -> "chanac": the part that names the place
            place = re.sub(
                r"^(?:commune|ville|communaute de communes|communaute d agglomeration|departement)\s+(?:de\s+(?:la\s+|l\s+)?|d\s+)?",
                "",
                fold(p.get("name") or ""),
            )
            self.places.append(place)

    def kinds(self, kind: str) -> list[int]:
        return [i for i, p in enumerate(self.parties) if p.get("kind") == kind]

    def best(self, label: str) -> int | None:
        """The one party a label names (signature block, steering committee member), or None."""
        words = significant(label)
        if not words:
            return None
        scores = []
        for i, tokens in enumerate(self.tokens):
            hit = 0
            for w in words:
                if w in self.acronyms[i] or any(_token_like(w, t) for t in tokens):
                    hit += 1
            scores.append((hit / len(words), i))
        scores.sort(reverse=True)
        top = scores[0] if scores else (0.0, -1)
        second = scores[1][0] if len(scores) > 1 else 0.0
        if top[0] >= 0.75 and top[0] > second:
            return top[1]
        return self.by_kind_words(label, single=True)

    def by_kind_words(self, text: str, *, single: bool = False) -> int | None:
        f = fold(text)
        for pattern, kind in _KIND_WORDS:
            if re.search(pattern, f):
                found = self.kinds(kind)
                if len(found) == 1:
                    return found[0]
                return None
        return None

    def mentioned(self, text: str) -> int | None:
        """The party a sentence mentions ("délibération du conseil municipal de Chanac"), or None."""
        f = f" {fold(text)} "
        found: list[tuple[int, int]] = []
        for i, place in enumerate(self.places):
            words = place.split()
            for n in range(len(words), 0, -1):
                if n < min(2, len(words)):
                    break
                if f" {' '.join(words[:n])} " in f:
                    found.append((n, i))
                    break
            for acr in self.acronyms[i]:
                if (
                    f" {acr} " in f
                    and acr == fold(acr)
                    and len(acr) >= 3
                    and acr in {fold(t) for t in (self.parties[i].get("short_name") or "").split()}
                ):
                    found.append((9, i))
        if found:
            found.sort(reverse=True)
            if len(found) == 1 or found[0][0] > found[1][0] or found[0][1] == found[1][1]:
                return found[0][1]
            return None
        return self.by_kind_words(text)


def sentence_case(text: str) -> str:
    """ "APPROBATION DE LA CONVENTION" -> "Approbation de la convention" (only for text in capitals)."""
    if not is_upper_word(text.replace(" ", "")):
        return text
    lowered = text.lower()
    return lowered[:1].upper() + lowered[1:]


def title_case(text: str) -> str:
    """ "AUBRAC LOT CAUSSES TARN" -> "Aubrac Lot Causses Tarn" (particles stay lower case inside)."""

    def word(w: str, first: bool) -> str:
        parts = w.split("-")
        out = []
        for j, p in enumerate(parts):
            low = p.lower()
            if (j or not first) and low in PARTICLES | {"sur", "sous", "en", "et", "les", "lès"}:
                out.append(low)
            elif low.startswith(("d'", "l'")) and len(low) > 2:
                out.append(low[:2] + low[2:3].upper() + low[3:])
            else:
                out.append(low[:1].upper() + low[1:])
        return "-".join(out)

    return " ".join(word(w, i == 0) for i, w in enumerate(text.split()))
