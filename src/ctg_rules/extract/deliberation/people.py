"""People in a piece of an attendance list: "M. Jean DURAND Mme Claire ROBIN" -> two names.

A list separates its entries by commas, dashes, slashes or line ends, but not always: a PDF's
columns lose them ("Jean DURAND Claire ROBIN"), lines wrap inside names ("Julien LE / GLOU") and
civilities go plural ("Mmes et MM."). Within one piece, a new person starts at a civility, or where
the capitalisation pattern starts again: in "Prénom NOM" order a given name (or an initial) after a
surname; in "NOM Prénom" order a surname after a given name. Words naming an office ("Maire",
"adjoints", "déléguée de ...") end a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ... import regex
from ..positions import plain
from ..words import NOT_PEOPLE, PARTICLES


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: plural or grouped civilities printed before a list ("Mmes et MM.", "Mesdames et Messieurs")
_CIVILITY_GROUP = regex.compile(
    r"\b(?:mesdames|messieurs|mmes|mme|mm|mrs|mr|m)\.?\s*(?:,|et|&)\s*(?:mesdames|messieurs|mmes|mm|mrs|mr|m)\b\.?"
    r"(?:\s*:)?"
)
_CIVILITIES = _set(
    """m mr mm mme mmes mlle mlles melle mrs monsieur madame mademoiselle messieurs mesdames dr
    me"""
)
#: office words that end a name ("M. HUET, Député-Maire", "Mme CLABOT déléguée du Coudray")
_OFFICE = frozenset(NOT_PEOPLE) | (
    _set(
        """adjoints adjointes depute deputee senateur senatrice conseillers conseilleres
    vice-president vice-presidente depute-maire maire-adjoint formant demissionnaire
    demissionnaires"""
    )
)
_CHAIRS = frozenset({"maire", "president", "presidente"})
_UPPER_PARTICLES = frozenset(
    {"le", "la", "de", "du", "des", "da", "di", "van", "von", "der", "del", "dos", "mc"}
)
#: "J.", "Ph.", "JL.", "J.F.", "J.-P."
_INITIALS = regex.compile(r"^(?:[A-ZÀ-Þ][a-zà-ÿ]?\.-?)+$|^[A-Z]{1,2}\.?$")
#: glued tokens: "M.Jacques", "C.BUZOS", "J.F.PINONCELY"
_GLUED = regex.compile(r"^((?:[A-ZÀ-Þ][a-zà-ÿ]?\.)+)(?=[A-ZÀ-Þ][\wÀ-ÿ'’-])")
_TOKEN = regex.compile(r"[^\s]+")
_EDGE = regex.compile(r"^[^\wÀ-ÿ]+|[^\wÀ-ÿ.'’]+$")


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a piece: its text, where it starts in the piece, its class, whether a line end precedes it."""

    text: str
    at: int
    kind: str  # civ | ini | up | cap | part | low | other
    newline: bool = False
    hyphen: bool = False  # printed with a hyphen at its end: the next token goes on with it


@lru_cache(maxsize=8192)  # a council's names come back in every list and every act of a run
def _classify(word: str) -> str:
    folded = plain(word).strip(".")
    if folded in _CIVILITIES and (word[:1].isupper() or folded in ("madame", "monsieur")):
        return "civ"
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return "other"
    if _INITIALS.match(word) and len(letters) <= 3 and (word.endswith(".") or len(letters) <= 2):
        return "ini" if not word.isupper() or word.endswith(".") or len(letters) == 1 else "up"
    if folded in PARTICLES and word.islower():
        return "part"
    if all(c.isupper() for c in letters) and len(letters) >= 2:
        return "up"
    if word[:1].isupper():
        return "cap"
    if re.match(r"^[dl]['’][A-ZÀ-Þ]", word):
        return "cap"
    return "low"


def tokens(piece: str) -> list[Token]:
    """The words of a piece, glued initials and civilities taken apart, edge punctuation dropped."""
    return list(_tokens(piece))


@lru_cache(maxsize=4096)  # an entry is read by several steps (order, split, prose): cut once
def _tokens(piece: str) -> tuple[Token, ...]:
    out: list[Token] = []
    last = 0
    for m in _TOKEN.finditer(piece):
        word, at = m.group(0), m.start()
        newline = bool(out) and "\n" in piece[last:at]
        last = m.end()
        glued = _GLUED.match(word)
        parts = [(glued.group(1), at), (word[glued.end(1) :], at + glued.end(1))] if glued else [(word, at)]
        for text, start in parts:
            hyphen = text.endswith("-") and len(text) > 1
            edge = _EDGE.match(text)
            if edge:
                start += edge.end()
            text = _EDGE.sub("", text)
            if not text:
                continue
            if out and out[-1].hyphen:  # "MARTIN-" / "GRAS", "Jean- François"
                joined = out[-1].text + "-" + text
                out[-1] = Token(joined, out[-1].at, _classify(joined), out[-1].newline)
                continue
            out.append(Token(text, start, _classify(text), newline, hyphen))
            newline = False
    return tuple(out)


def order(pieces: list[str]) -> str:
    """ "given" (Prénom NOM) or "family" (NOM Prénom): how most entries of a list print names."""
    given = family = 0
    for piece in pieces:
        toks = tokens(piece.rsplit(":", 1)[-1])  # "Cerelles : M. POULLE Guy": after the heading
        names = [t for t in toks if t.kind in ("up", "cap", "ini")]
        if len(names) < 2 or not any(t.kind == "up" for t in names) or all(t.kind == "up" for t in names):
            continue
        if names[0].kind == "up":
            family += 1
        else:
            given += 1
    return "family" if family > given else "given"


def _complete(group: list[Token], surnames: bool) -> bool:
    """A name that may end here: it has its surname (or two words where no surname is in capitals)."""
    names = [t for t in group if t.kind in ("up", "cap", "ini")]
    if surnames:
        return any(t.kind == "up" for t in names) and plain(group[-1].text) not in _UPPER_PARTICLES
    return len(names) >= 2


def _starts_person(group: list[Token], tok: Token, way: str, line_mode: bool, surnames: bool) -> bool:
    prev = group[-1]
    if tok.kind == "civ":
        return prev.kind != "civ"
    if prev.kind == "civ":
        return False
    if tok.newline and line_mode and _complete(group, surnames):  # one entry per line
        return True
    if way == "given":
        return prev.kind == "up" and tok.kind in ("cap", "ini") and plain(prev.text) not in _UPPER_PARTICLES
    return prev.kind in ("cap", "ini") and tok.kind == "up"


def split(piece: str, way: str = "given", *, line_mode: bool = False) -> list[tuple[str, int]]:
    """Each person of a piece: (name as printed without civility or office, offset in the piece)."""
    return list(_split(piece, way, line_mode))


@lru_cache(maxsize=4096)  # an entry is split by the heading, status and proxy readers in turn
def _split(piece: str, way: str, line_mode: bool) -> tuple[tuple[str, int], ...]:
    piece = _CIVILITY_GROUP.sub(lambda m: " " * len(m.group(0)), piece)
    toks = tokens(piece)
    surnames = any(t.kind == "up" for t in toks)
    groups: list[list[Token]] = []
    for tok in toks:
        if groups and not _starts_person(groups[-1], tok, way, line_mode, surnames):
            groups[-1].append(tok)
        else:
            groups.append([tok])
    out = []
    for group in groups:
        name = _name_of(group)
        if name:
            out.append(name)
    return tuple(out)


def _name_of(group: list[Token]) -> tuple[str, int] | None:
    """The name a run of tokens prints: civility dropped, cut at the first office or common word."""
    words: list[Token] = []
    for tok in group:
        if tok.kind == "civ" and not words:
            continue
        word = plain(tok.text).strip(".")
        if word in _CHAIRS and [plain(w.text) for w in words] in (["le"], ["la"]):
            return f"{words[0].text} {tok.text.rstrip('.')}", words[
                0
            ].at  # "M. le Maire": the chair, a member
        if tok.kind in ("low", "other", "civ") or (word in _OFFICE and word not in _UPPER_PARTICLES):
            break
        words.append(tok)
    while words and words[-1].kind == "part":
        words.pop()
    if not words or len(words) > 6 or all(t.kind in ("ini", "part") for t in words):
        return None
    name = " ".join(t.text for t in words)
    if words[-1].kind != "ini":
        name = name.rstrip(".")
    return name, words[0].at


#: the words of an entry that say what it is, not who ("a donné pouvoir à", "remplacée par son suppléant")
_ENTRY_WORDS = frozenset(
    _set(
        """pouvoir pouvoirs pourvoir procuration procurations donne donnee ayant qui avait porteur porteuse
        represente representee remplace remplacee par son sa suppleant suppleante remplacant remplacante
        mandat absent absente excuse excusee present presente non saint sainte"""
    )
)


def _common(word: str) -> bool:
    folded = plain(word)
    return folded not in _OFFICE and folded not in _ENTRY_WORDS and folded not in PARTICLES


class _CommonWord:
    """The first common (lower-case, not office, not entry) word of a text, as a regex would find it."""

    _RX = regex.compile(r"(?<![\w'’-])[a-zà-ÿ][a-zà-ÿ'’]{2,}")

    def search(self, text: str) -> re.Match[str] | None:
        return next((m for m in self._RX.finditer(text) if _common(m.group(0))), None)


COMMON_WORD = _CommonWord()


def is_prose(piece: str) -> bool:
    """A piece that is a sentence, not an entry: it ends the list ("Le conseil municipal ...")."""
    lower = [m.group(0) for m in _CommonWord._RX.finditer(piece) if _common(m.group(0))]
    if len(lower) >= 2:
        return True
    # one common word and no surname nor civility: "En préambule", "présentation du PPI" is not
    return bool(lower) and not any(t.kind in ("up", "civ") and len(t.text) > 2 for t in tokens(piece))
