"""The label lexicon: how French acts print each label, as tables of patterns on the plain text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ... import regex
from ...dates import MONTHS_FR
from ..positions import plain

SEP = r"[ \t]*[:=][ \t]*|[ \t]+"
VALUE = r"(?P<v>[0-9OolI|]{1,4}(?![\w/])|/|-(?!\w)|neant\b|aucune?\b|[a-z]+(?:-[a-z]+)*(?:\s(?:et\s)?[a-z]+(?:-[a-z]+)*)?)"
# a label starts a line, follows a separator, a figure, a dash or a full stop (minutes flattened into
# one paragraph: "... Conseillers en exercice : 27 - Présents : 22 - Votants : 26"); "Nombre de"
# is a label anywhere
LABEL_START = r"(?:^|(?<=[,;:(\n])|(?<=  )|(?<=\d )|(?<=\| )|(?<=[.\-–)] )|(?<=\s)(?=nombre\s))[ \t]*"
_NOMBRE = r"(?:nombre\s+d(?:es?\s+|'\s*|\s+))"
_MEMBERS = r"(?:membres|conseillers|delegues|elus)"

COUNT_LABELS: tuple[tuple[str, str], ...] = (
    (
        "members_in_office",
        # "délégués titulaires en exercice", not "délégués suppléants en exercice"
        rf"(?:{_NOMBRE}?{_MEMBERS}(?:\s+(?!suppleant)[a-z]+){{0,2}}\s+)?en\s+exercice|membres\s+titulaires(?!\s+presents)"
        rf"|{_NOMBRE}?(?:membres|conseillers)\s+afferents(?:\s+au\s+conseil)?",
    ),
    (
        "present",
        rf"{_NOMBRE}?(?:{_MEMBERS}\s+)?(?:titulaires\s+)?presents?|{_NOMBRE}?{_MEMBERS}\s+en\s+seance|etaient\s+presents",
    ),
    ("represented", rf"{_NOMBRE}?(?:pouvoirs?|procurations?|(?:membres\s+)?representes?)"),
    ("absent", r"(?:nombre\s+d'?\s*)?absents?(?:\s+excuses?)?"),
    (
        "voters",
        rf"{_NOMBRE}?(?:{_MEMBERS}\s+)?(?:votants?|(?:participant|ayant\s+pris\s+part|prenant\s+part)\s+au\s+vote)"
        r"|(?:qui\s+ont|ayant)\s+pris\s+part\s+(?:a\s+la\s+deliberation|au\s+vote)",
    ),
    ("quorum", r"quorum(?:\s+requis)?"),
    ("absolute_majority", r"majorite\s+absolue"),
    # suppléants sitting with a vote: counted with the members present (L5211-6 CGCT)
    (
        "substitutes",
        r"(?:delegues\s+)?suppleants?\s+(?:avec\s+(?:voix\s+deliberative|vote|droit\s+de\s+vote)|votants?|presents?)",
    ),
)
# the figure may stand in parentheses: "Nombre de présents : (31)", "Étaient présents (12) :"
COUNT_RE = [
    (f, regex.compile(LABEL_START + f"(?:{p})(?:{SEP})" + r"\(?" + VALUE, re.M)) for f, p in COUNT_LABELS
]
COUNT_LABEL_ONLY = regex.compile("|".join(f"(?:{p})" for _, p in COUNT_LABELS))

# Attendance lists: the label, then anything up to its colon (never past a sentence end).
LISTS: tuple[tuple[str, str], ...] = (
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
LIST_RE = regex.compile(
    r"^[ \t\-•*]*(?:"
    + "|".join(f"(?P<{k}>{p})" for k, p in LISTS)
    + r")\b(?P<tail>[^:\n.]{0,80}(?:\n[^:\n.]{0,80})?)?:",
    re.M,
)
NOT_LIST_TAIL = regex.compile(r"sans\s+voix|sans\s+vote|\d")
ANY_LABEL = regex.compile(
    r"^[ \t\-•*]*(?:" + "|".join(p for _, p in LISTS) + r"|secretaire|objet|ordre\s+du\s+jour|le\s+conseil|"
    r"vu\b|considerant|en\s+exercice|votants?|quorum|pour\s*:|contre\s*:|abstentions?|rapporteur|"
    r"deliberation|seance|date\s+de\s+convocation|nombre\s+de)\b",
    re.M,
)
PROXY_FORMS = (
    regex.compile(
        r"^(?P<n>.+?)\s*\(\s*(?:a\s+donne\s+|ayant\s+donne\s+)?(?:pouvoir|procuration|mandat)\s+(?:donnee?\s+)?(?:a|au\s+profit\s+de)\s+(?P<h>[^)]+)\)\s*$"
    ),
    regex.compile(r"^(?P<n>.+?)\s*\(\s*representee?\s+par\s+(?P<h>[^)]+)\)\s*$"),
    regex.compile(
        r"^(?P<n>.+?)\s*,?\s+(?:a\s+donne|donne|ayant\s+donne|qui\s+a\s+donne)\s+(?:pouvoir|procuration|mandat)\s+(?:a|au\s+profit\s+de)\s+(?P<h>.+)$"
    ),
    regex.compile(r"^(?:pouvoir|procuration)\s+de\s+(?P<n>.+?)\s+(?:a|au\s+profit\s+de)\s+(?P<h>.+)$"),
    regex.compile(r"^(?P<n>.+?)\s*,?\s+(?:pouvoir|procuration)\s+(?:donnee?\s+)?a\s+(?P<h>.+)$"),
    regex.compile(r"^(?P<n>.+?)\s*,?\s+representee?\s+par\s+(?P<h>.+)$"),
)
PROXY_LIST_FORMS = (
    regex.compile(r"^(?P<n>.+?)\s+(?:a|->|→|=>|donne\s+a)\s+(?P<h>.+)$"),
    regex.compile(r"^(?P<n>.+?)\s+par\s+(?P<h>.+)$"),
)
SUBSTITUTE_FORMS = (
    regex.compile(
        r"^(?P<n>.+?)\s*\(?\s*(?:,\s*)?(?:suppleante?\s+de|remplace|remplacant|remplacante|en\s+remplacement\s+de)\s+(?P<h>[^)]+)\)?\s*$"
    ),
    regex.compile(
        r"^(?P<h>.+?)\s*,?\s*\(?\s*representee?\s+par\s+(?:son|sa)\s+suppleante?,?\s+(?P<n>[^)]+)\)?\s*$"
    ),
)
ATTENDANCE_END = regex.compile(
    r"^[^\n]{0,80}\b(?:rapporte|expose|rappelle|presente\s+le\s+rapport)\b|apres\s+en\s+avoir\s+delibere|"
    r"^[ \t]*(?:vu|considerant)\b|\bil\s+est\s+propose\b",
    re.M,
)
# a full stop, but not the one of "M." or "Mme."
SENTENCE_END = regex.compile(r"(?<!\bm)(?<!\bmm)(?<!\bmme)(?<!\bmlle)(?<!\bdr)\.(?:\s|$)|\n\s*\n|;")
#: month names on the plain text (no accents), from the one date parser's table
_MONTHS = "|".join(m for m in MONTHS_FR if m.isascii())
NOT_A_COUNT = regex.compile(rf"\s*(?:{_MONTHS})\b|\s?[/.]\d|\s*h\d|\s*heures")
HELD_PROXY = regex.compile(r"\(\s*(?:pouvoir|procuration)\s+de\s+(?P<n>[^)]+)\)")
PARENS = regex.compile(r"\s*\([^)]*\)")
GROUP_PREFIX = regex.compile(r"^\s*[A-ZÀ-Þ][\w'’\- ]{1,40}?\s*:\s+(?=\S)")

ACT_ID = regex.compile(r"\b(\d{2}[\dab])-(\d{9})-(\d{8})-([a-z0-9_]{1,30})-([a-z]{2})\b")
NUMBER_RE = regex.compile(
    r"^[ \t]*(?:deliberation\s+)?n[°o]\s*(?:de\s+la\s+deliberation\s*)?:?\s*(?P<a>[a-z0-9][\w.\-]*(?:\s*/\s*[\w.\-]+)?)[ \t]*(?:$|:|[\-–][ \t])"
    r"|^[ \t]*deliberation\s+(?P<b>(?=[a-z0-9_.\-/]*\d)[a-z]{0,4}[\d_.\-/]+)[ \t]*(?:$|:|[\-–][ \t])"
    r"|^[ \t]*(?P<c>[a-z]{1,4}[\s\-]?\d{2,4}[._/\-]\d{1,4}(?:[._/\-]\d{1,4})?)[ \t]*(?:$|:|[\-–][ \t])"
    # a number alone before the title: "2016-03-004" then "Subvention ...", "2024-03-01 : Budget"
    r"|^[ \t]*(?P<d>(?:19|20)\d{2}[._/\-]\d{1,3}[._/\-]\d{1,4})[ \t]*(?:$|:|[\-–][ \t])",
    re.M,
)

TRANSMISSION: tuple[tuple[str, str], ...] = (
    (
        "sent_on",
        r"envoye\s+(?:en|a\s+la)\s+prefecture|envoi\s+(?:en\s+)?prefecture|transmise?\s+(?:en|a\s+la)\s+prefecture|transmise?\s+au\s+(?:representant\s+de\s+l'etat|controle\s+de\s+legalite)|date\s+de\s+(?:tele)?transmission|date\s+d'envoi"
        # a stamp's bare label, its colon right after it: "Envoi : 12/03/2024"
        r"|(?<![\w'])envoi(?=[ \t]*:)",
    ),
    (
        "received_on",
        r"recue?\s+en\s+prefecture|reception\s+(?:en\s+)?(?:prefecture|sous-prefecture)|date\s+de\s+reception(?:\s+(?:en\s+)?prefecture)?|accuse\s+de\s+reception\s+(?:le|du)"
        r"|(?<![\w'])reception(?=[ \t]*:)",
    ),
    ("published_on", r"publiee?|mise?\s+en\s+ligne|date\s+de\s+(?:publication|mise\s+en\s+ligne)"),
    ("posted_on", r"affichee?|date\s+d'affichage|(?<![\w'])affichage(?=[ \t]*:)"),
)
TRANSMISSION_RE = regex.compile(
    r"(?P<label>" + "|".join(f"(?P<{k}>{p})" for k, p in TRANSMISSION) + r")(?:\s+le)?[ \t]*:?[ \t]*"
)


def stamp_line(line: str) -> bool:
    """A line of the prefecture's stamp ("Envoyé en préfecture le ...", "ID : 034-...-DE"): when it
    runs on every page, it is read once (:class:`..positions.Source`)."""
    folded = plain(line)
    return bool(TRANSMISSION_RE.search(folded) or ACT_ID.search(folded))


PROXY_WORDS = regex.compile(
    r"^\s*(?:pouvoir|procuration)\s+de\s+|\s+(?:a\s+donne|donne|ayant\s+donne)\s+(?:pouvoir|procuration)\s+a\s+"
    r"|\s+(?:a|par|->|→|=>|remplace)\s+"
)


# --- attendance labels, as data: lexicon.yaml ---------------------------------------------------------


def _words(value: Any) -> frozenset[str]:
    """Words given as one string or a list, folded as the plain text is (lower case, no accents)."""
    text = " ".join(value) if isinstance(value, list | tuple) else value
    if not isinstance(text, str):
        raise ValueError(f"words expected, not {type(value).__name__}")
    return frozenset(plain(text).split())


@dataclass(frozen=True)
class Lexicon:
    """The attendance labels' words: filler, heads by kind, and what makes a suppléant vote."""

    filler: frozenset[str]
    heads: dict[str, frozenset[str]]
    substitute_voting: frozenset[str]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Lexicon:
        return cls(frozenset(), {kind: frozenset() for kind in KINDS}, frozenset()).extended(data)

    def extended(self, data: Mapping[str, Any]) -> Lexicon:
        """This lexicon with the words of ``data`` (lexicon.yaml's shape) added; ValueError if malformed."""
        if not isinstance(data, Mapping) or set(data) - {"filler", "heads", "substitute_voting"}:
            raise ValueError("expected a mapping of 'filler', 'heads', 'substitute_voting'")
        heads = dict(self.heads)
        for kind, words in (data.get("heads") or {}).items():
            if kind not in KINDS:
                raise ValueError(f"unknown kind of label {kind!r} (known: {', '.join(KINDS)})")
            heads[kind] = heads[kind] | _words(words)
        return Lexicon(
            self.filler | _words(data.get("filler") or ""),
            heads,
            self.substitute_voting | _words(data.get("substitute_voting") or ""),
        )

    def _read_kinds(self) -> dict[str, str]:
        """Each head word's kind: the first kind (in ``heads``' order) whose words hold it."""
        kinds: dict[str, str] = {}
        for kind, words in self.heads.items():
            for word in words:
                kinds.setdefault(word, kind)
        return kinds

    # kept per lexicon; wrapped without a decorator's syntax so that mutation testing reaches its body
    _kinds = cached_property(_read_kinds)

    def head(self, word: str) -> str | None:
        return self._kinds.get(word)

    def known(self, word: str) -> bool:
        return word in self.filler or self.head(word) is not None


#: the kinds of attendance labels, in the order a label's kind is decided (labels.kind_of)
KINDS = ("stop", "substitute", "proxy", "absent", "present", "group")


def _load() -> dict[str, Any]:
    """lexicon.yaml, parsed once per version of it (the on-disk cache holds the data)."""
    from ... import cache

    raw = Path(__file__).with_name("lexicon.yaml").read_bytes()
    kept = cache.load("lexicon", raw)
    if kept is not cache.MISSING:
        return kept  # type: ignore[no-any-return]
    import yaml

    data = yaml.safe_load(raw.decode("utf-8"))
    cache.store("lexicon", raw, data)
    return data  # type: ignore[no-any-return]


#: the built-in lexicon (lexicon.yaml); a plugin's variants extend a copy (labels_with)
LEXICON = Lexicon.from_data(_load())
