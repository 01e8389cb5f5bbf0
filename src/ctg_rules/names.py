"""One name resolver for every rule: people as acts print them, and roles.

"SAGNET-POUGET Valérie", "Mme Valérie Sagnet-Pouget" and "sagnet pouget valerie" are the same
person (exact); "POUGET Valérie" (one name part missing) and "SAGNET-POUGET Valéri" (one letter
off) resolve with a warning (approximate); "M. le Président" is the chair. No match, or two
equally good candidates, is unresolved. Lookups go through token indexes, so a 1,000-member
roster costs no more per name than a 30-member one; rapidfuzz measures fuzzier likenesses.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from . import regex

Status = Literal["exact", "approximate", "ambiguous", "unresolved"]

CIVILITIES = frozenset(
    {"m", "mr", "mm", "mme", "mmes", "mlle", "mlles", "monsieur", "madame", "mademoiselle",
     "messieurs", "mesdames", "dr", "docteur", "me", "maitre", "pr", "professeur"}
)  # fmt: skip
_CHAIR_RE = regex.compile(
    r"^(?:(?:m|mme|monsieur|madame)\s+)?(?:le|la)\s+(?:maire|president|presidente)"
    r"(?:\s+(?:du|de\s+la)\s+(?:seance|conseil|communaute|comite)\b.*)?$"
)
_NON_LETTERS = regex.compile(r"[^a-z]+")
_NON_ALNUM = regex.compile(r"[^a-z0-9]+")
_FEMININE = {
    "presidente": "president", "directrice": "directeur", "adjointe": "adjoint",
    "conseillere": "conseiller", "deleguee": "delegue", "secretaire": "secretaire",
    "generale": "general", "premiere": "premier", "vice": "vice",
}  # fmt: skip
_ROLE_FILLER = frozenset(
    {"le", "la", "l", "les", "son", "sa", "ses", "de", "du", "des", "d", "en", "qualite"}
)


class _Marks(dict):  # type: ignore[type-arg]
    """str.translate table deleting combining marks, filled in as characters are met."""

    def __missing__(self, code: int) -> int | None:
        found = self[code] = None if unicodedata.combining(chr(code)) else code
        return found


_DROP_MARKS = _Marks()


def _plain(text: str) -> str:
    plain = text.lower()
    if not plain.isascii():  # ASCII has nothing to decompose (and names are often ASCII)
        plain = unicodedata.normalize("NFKD", plain).translate(_DROP_MARKS)
    return plain.replace("œ", "oe").replace("æ", "ae")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, accents removed, anything but letters turned into single spaces.

    For people's names and roles only: digits go too, so "2025-008" folds to "". Texts and
    identifiers where numbers matter (subjects, act numbers, organisations) use :func:`fold_alnum`
    and :func:`number_key`.
    """
    return _NON_LETTERS.sub(" ", _plain(text)).strip()


@lru_cache(maxsize=65536)
def fold_alnum(text: str) -> str:
    """:func:`fold` keeping digits: "CTG 2025-2028" -> "ctg 2025 2028", not "ctg"."""
    return _NON_ALNUM.sub(" ", _plain(text)).strip()


@lru_cache(maxsize=16384)
def number_key(text: str) -> str:
    """An act number or identifier as compared: its letters and digits, lower case, accents
    removed, separators dropped. "D23.080", "d23_080" and "D23 080" are one act; "2025-008" and
    "2025-012" two; leading zeros count ("2024-7" is not "2024-07")."""
    return _NON_ALNUM.sub("", _plain(text))


#: the ASCII bytes that are not letters a-z (NUL separates words): deleted by bytes.translate
_NOT_LETTER_OR_NUL = bytes(c for c in range(128) if c and not 97 <= c <= 122)


def fold_words(words: Sequence[str]) -> list[str]:
    """``fold(w).replace(" ", "")`` for each word: its letters only, in one pass over them all.

    Lower case, decomposition and the removal of marks act character by character (a NUL,
    which no word holds, keeps the words apart), so folding the joined words at once gives the
    same as folding each, for the cost of one call instead of one per new word.
    """
    joined = "\x00".join(words).lower()
    if not joined.isascii():
        # Marks need no removing of their own here: everything but a-z goes in the last step.
        joined = unicodedata.normalize("NFKD", joined).replace("œ", "oe").replace("æ", "ae")
    # what is not ASCII goes with the encoding, what is not a letter with the translation
    return joined.encode("ascii", "ignore").translate(None, _NOT_LETTER_OR_NUL).decode("ascii").split("\x00")


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """The parts of a person's name, civilities dropped, in sorted order (word order is free)."""
    return tuple(sorted(t for t in fold(name).split() if t not in CIVILITIES))


def is_chair_title(name: str) -> bool:
    """ "M. le Maire", "Madame la Présidente", "le Président du conseil"."""
    return bool(_CHAIR_RE.match(fold(name)))


@dataclass(frozen=True, slots=True)
class Match:
    """What a name resolved to in a roster."""

    status: Status
    name: str | None = None
    index: int | None = None
    candidates: tuple[str, ...] = ()
    reason: str = ""
    #: roster positions of ``candidates`` (an ambiguous match), in the same order
    candidate_indexes: tuple[int, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.status in ("exact", "approximate")


_UNRESOLVED = Match("unresolved")


class NameResolver:
    """Resolves printed names against a roster (the members of a council, a party's representatives)."""

    def __init__(self, roster: Iterable[str], chair: str | None = None) -> None:
        self.names: list[str] = list(roster)
        self.chair = chair
        self._keys: list[tuple[str, ...]] = [name_tokens(n) for n in self.names]
        self._by_key: dict[tuple[str, ...], list[int]] = {}
        for i, key in enumerate(self._keys):
            self._by_key.setdefault(key, []).append(i)
        self._tokens: dict[str, list[int]] | None = None  # built on the first approximate lookup
        self._memo: dict[str, Match] = {}

    @property
    def _by_token(self) -> dict[str, list[int]]:
        """Member positions by name part (most lookups are exact and never need it)."""
        if self._tokens is None:
            self._tokens = {}
            for i, key in enumerate(self._keys):
                for token in set(key):
                    self._tokens.setdefault(token, []).append(i)
        return self._tokens

    def shares_a_part(self, name: str) -> bool:
        """Whether ``name`` has a part (a word of it) in common with some member of the roster.

        Every approximate match needs one, so a name sharing none can only be the chair or no
        one: rules that only look for slips skip it without resolving it.
        """
        return not self._by_token.keys().isdisjoint(name_tokens(name))

    def resolve(self, name: str) -> Match:
        """How ``name`` relates to the roster (each name worked out once: several rules ask)."""
        found = self._memo.get(name)
        if found is None:
            found = self._memo[name] = self._resolve(name)
        return found

    def _resolve(self, name: str) -> Match:
        if not name or not name.strip():
            return _UNRESOLVED
        if self.chair and is_chair_title(name):
            found = self.resolve(self.chair)
            if found.resolved:
                return Match("exact", found.name, found.index, reason="chair")
            return found
        key = name_tokens(name)
        if not key:
            return _UNRESOLVED
        exact = self._by_key.get(key)
        if exact:
            if len({self._keys[i] for i in exact}) == 1 and len(exact) == 1:
                return Match("exact", self.names[exact[0]], exact[0])
            return Match(
                "ambiguous", candidates=tuple(self.names[i] for i in exact), candidate_indexes=tuple(exact)
            )
        return self._approximate(key)

    def _approximate(self, key: tuple[str, ...]) -> Match:
        # Every approximate reason (a part missing or added, one part a letter off) needs at least
        # one part in common, so the members sharing none of the name's parts are never looked at:
        # the token index gives the only candidates, whatever the size of the roster.
        seen: set[int] = set()
        by_token = self._by_token
        for token in set(key):
            seen.update(by_token.get(token, ()))
        found: dict[int, str] = {}
        for i in seen:
            reason = _near(key, self._keys[i])
            if reason:
                found[i] = reason
        if len(found) == 1:
            ((i, reason),) = found.items()
            return Match("approximate", self.names[i], i, reason=reason)
        if found:
            ordered = tuple(sorted(found))
            return Match(
                "ambiguous", candidates=tuple(self.names[i] for i in ordered), candidate_indexes=ordered
            )
        return _UNRESOLVED


def _near(query: Sequence[str], known: Sequence[str]) -> str:
    """Why ``query`` approximately names ``known``: a part missing or added, a letter off; else ''."""
    q, k = list(query), list(known)
    common = _multiset_common(q, k)
    if common == len(q) and len(k) - len(q) == 1 and common >= 1:
        return "missing-part"
    if common == len(k) and len(q) - len(k) == 1 and common >= 1:
        return "extra-part"
    if len(q) == len(k) and common == len(q) - 1 and len(q) >= 2:
        left = _remove_common(q, k)
        right = _remove_common(k, q)
        if len(left) == len(right) == 1:
            a, b = left[0], right[0]
            if min(len(a), len(b)) >= 3 and one_edit_apart(a, b, swaps=False):
                return "spelling"
            if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
                return "initial"
    return ""


def _multiset_common(a: Sequence[str], b: Sequence[str]) -> int:
    rest = list(b)
    n = 0
    for token in a:
        if token in rest:
            rest.remove(token)
            n += 1
    return n


def _remove_common(a: Sequence[str], b: Sequence[str]) -> list[str]:
    rest = list(b)
    out = []
    for token in a:
        if token in rest:
            rest.remove(token)
        else:
            out.append(token)
    return out


def near_reason(a: str, b: str) -> str:
    """Why printed name ``a`` approximately names ``b``: what ``NameResolver([b]).resolve(a)``
    gives as its reason when it says "approximate" ("missing-part", "spelling", "initial"...);
    "" when the names are the same person exactly or different people."""
    key_a, key_b = name_tokens(a), name_tokens(b)
    if not key_a or key_a == key_b:
        return ""
    return _near(key_a, key_b)


def compare_names(a: str, b: str) -> Status:
    """How two printed names relate: exact, approximate, or unresolved (different people).

    What ``NameResolver([b]).resolve(a).status`` says, without building a resolver for one name.
    """
    key_a = name_tokens(a)
    if key_a and key_a == name_tokens(b):
        return "exact"
    return "approximate" if near_reason(a, b) else "unresolved"


@lru_cache(maxsize=4096)
def role_tokens(role: str) -> tuple[str, ...]:
    """A role without articles or feminine endings: "La Présidente" -> ("president",)."""
    return tuple(_FEMININE.get(t, t) for t in fold(role).split() if t not in _ROLE_FILLER)


def roles_match(a: str | None, b: str | None) -> bool:
    """Loose role comparison: "Président" matches "Le Président du conseil", not "Vice-Président"."""
    if not a or not b:
        return True  # absent data is not a contradiction
    ta, tb = role_tokens(a), role_tokens(b)
    if not ta or not tb:
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return long_[: len(short)] == short


# --- organisations and places -------------------------------------------------------------------
# A convention names its parties again and again: "Commune de La Canourgue" in the list of
# parties, "La Commune de La Canorgue" over a signature, "LA CANOURGUE" in an article title.

_ORG_FILLER = frozenset({"le", "la", "les", "l", "de", "du", "des", "d", "et", "en", "a", "au", "aux", "sur"})
#: Below this rapidfuzz token-set score, two organisation names are different organisations.
ORG_CUTOFF = 95.0


@lru_cache(maxsize=16384)
def org_tokens(name: str) -> tuple[str, ...]:
    """An organisation's or a place's name without articles and prepositions, in order (its
    numbers kept: "Syndicat n° 2" is not "Syndicat n° 3")."""
    return tuple(t for t in fold_alnum(name).split() if t not in _ORG_FILLER)


class OrganisationResolver:
    """Finds which organisation a printed name designates, each organisation known by several names.

    Exact: the same words once articles, case and accents are dropped ("Le Département de la
    Lozère" for "Département de la Lozère"). Approximate: one name's words contained in the
    other's ("La Mutualité Sociale Agricole" for "... du Languedoc") or one letter off ("La
    Commune de La Canorgue"), for one organisation only; two equally good ones are ambiguous.
    ``Match.index`` is the organisation's position, ``Match.name`` the name it matched.
    """

    def __init__(self, organisations: Iterable[Iterable[str | None]]) -> None:
        self._aliases: list[tuple[int, str, str]] = []  # (organisation, printed name, folded words)
        self._exact: dict[tuple[str, ...], set[int]] = {}
        for index, names in enumerate(organisations):
            for name in names:
                key = org_tokens(name) if name else ()
                if key:
                    self._aliases.append((index, name, " ".join(key)))  # type: ignore[arg-type]
                    self._exact.setdefault(key, set()).add(index)
        self._choices = [folded for _, _, folded in self._aliases]

    def resolve(self, name: str | None) -> Match:
        key = org_tokens(name) if name else ()
        if not key:
            return _UNRESOLVED
        exact = self._exact.get(key)
        if exact:
            if len(exact) > 1:
                return Match("ambiguous", candidates=tuple(str(i) for i in sorted(exact)))
            (index,) = exact
            return Match("exact", self._alias_name(index, key), index)
        from rapidfuzz import fuzz, process  # imported on the first name that needs it

        best: dict[int, tuple[float, str]] = {}  # organisation -> (score, the name that scored it)
        for _, score, position in process.extract(
            " ".join(key), self._choices, scorer=fuzz.token_set_ratio, score_cutoff=ORG_CUTOFF, limit=None
        ):
            index, printed, _ = self._aliases[position]
            if score > best.get(index, (0.0, ""))[0]:
                best[index] = (score, printed)
        if not best:
            return _UNRESOLVED
        top = max(score for score, _ in best.values())
        winners = sorted(i for i, (score, _) in best.items() if score == top)
        if len(winners) > 1:
            return Match("ambiguous", candidates=tuple(str(i) for i in winners))
        return Match("approximate", best[winners[0]][1], winners[0], reason="organisation")

    def _alias_name(self, index: int, key: tuple[str, ...]) -> str:
        folded = " ".join(key)
        return next(name for i, name, f in self._aliases if i == index and f == folded)


def is_spelling_slip(a: str, b: str, *, max_distance: int = 1, min_length: int = 6) -> bool:
    """Two folded words that are one slip apart ("masegros"/"massegros", "canourgue"/"canorgue").

    A letter added, dropped, changed or two letters swapped; words shorter than ``min_length``
    are never compared (too many real words differ by one letter), and a plural or feminine
    ending ("service"/"services", "national"/"nationale") is grammar, not a misspelling.
    """
    if a == b or min(len(a), len(b)) < min_length:
        return False
    short, long_ = sorted((a, b), key=len)
    if long_[:-1] == short and long_[-1] in "sxe":
        return False
    if max_distance == 1:
        return one_edit_apart(a, b)
    from rapidfuzz.distance import OSA  # a pack asking for more than one slip

    return OSA.distance(a, b, score_cutoff=max_distance) <= max_distance


def one_edit_apart(a: str, b: str, *, swaps: bool = True) -> bool:
    """Whether ``b`` is ``a`` with at most one letter added, dropped or changed, or (``swaps``)
    two neighbouring letters exchanged: an edit distance of at most 1 (optimal string alignment,
    Levenshtein without ``swaps``), found in one pass instead of a distance matrix.

    Most comparisons are of one word against another at most one letter off: the one question
    the name rules ask, without importing a fuzzy-matching library at start-up for it.
    """
    if a == b:
        return True
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]  # b has one letter more, at i
    if a[i + 1 :] == b[i + 1 :]:
        return True  # one letter changed, at i
    return (
        swaps
        and a[i + 1 : i + 2] == b[i : i + 1]
        and a[i : i + 1] == b[i + 1 : i + 2]
        and a[i + 2 :] == b[i + 2 :]
    )
