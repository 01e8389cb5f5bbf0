"""Proxies and substitutes in every usual form, read from one entry of an attendance list.

Giver first: "X a donné pouvoir à Y", "X donne procuration à Y", "X, représenté par Y", "X (pouvoir
à Y)", "X (pouvoir donné à Y)", "pouvoir de X à Y", in a list of proxies "X à Y" or "X par Y". Holder
first: "Y (pouvoir de X)", "Y, porteur du pouvoir de X". Suppléants: "X remplacé par son suppléant
Y", "Y (suppléant de X)". Matching marks ("Jean (Pr*)" among the present, "Paul (Pr*)" among the
absent) pair a giver and a holder. Several statements may run together without separators ("B. V a
donné pouvoir à G. G C. G a donné pouvoir à S. M"): the people between two verbs are split by
:func:`.people.split`, the last one gives, the first one holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import regex
from .. import scan
from ..positions import plain
from . import people

_POWER = r"(?:pou?r?voirs?|procurations?|mandat|delegation\s+de\s+vote)"
#: "(pouvoir de X)", "(porteur du pouvoir de X)": the entry holds X's proxy
_PAREN_HELD = regex.compile(
    rf"^\s*(?:(?:porteu(?:r|se)|detent(?:eur|rice)|titulaire)\s+(?:du|des|d'un)\s+)?{_POWER}\s+(?:de|d')\s*(?P<n>.+)$"
)
#: "(pouvoir à Y)", "(pouvoir donné à Y)", "(a donné pouvoir à Y)", "(représentée par Y)"
_PAREN_GIVEN = regex.compile(
    rf"^\s*(?:(?:qui\s+)?(?:a|ayant|avait)\s+)?(?:donnee?\s+)?(?:son\s+|sa\s+)?{_POWER}\s+(?:donnee?\s+)?"
    r"(?:a\s+l'ordre\s+de\s+|au\s+profit\s+de\s+|a\s+)?(?P<h>[^\d].*)$"
    r"|^\s*(?:representee?\s+)?par\s+(?!(?:son|sa)\s+suppl)(?P<r>.+)$"
)
_PAREN_SUBSTITUTE = regex.compile(
    r"^\s*(?:suppleante?\s+(?:de|d')|remplacante?(?:\s+(?:de\s|d'))?|remplace|en\s+remplacement\s+(?:de|d'))\s*(?P<h>.+)$"
)
#: a proxy mark: "(Pr*)", "(P1)", "(Pr  )" (the stars may be lost by the PDF reader)
_PAREN_MARK = regex.compile(r"^\s*(?:pr|p|proc|pouv)\.?[\s*°+\d]*$")
_PAREN = regex.compile(r"[()]")

_GIVES = (
    rf"\s*,?\s+(?:qui\s+)?(?:(?:a|ayant|avait|avaient|ont)\s+)?donnee?s?\s+(?:son\s+|sa\s+|leur\s+)?{_POWER}"
    r"\s+(?:de\s+vote\s+)?(?:a\s+l'ordre\s+de|au\s+profit\s+de|a)?\s+"
    rf"|\s*,?\s+{_POWER}\s+(?:donnee?\s+)?(?:a|au\s+profit\s+de)\s+"
    r"|\s*,?\s+representee?s?\s+par\s+(?!(?:son|sa)\s+suppl)"
    r"|\s*(?:->|→|=>|>)\s*"
)
_HOLDS = r"\s*,?\s+(?:porteu(?:r|se)|detent(?:eur|rice))\s+(?:du|des|d'un)\s+pouvoirs?\s+(?:de|d')\s*"
_REPLACED_BY = r"\s*,?\s+(?:remplacee?|representee?)\s+par\s+(?:son|sa)\s+suppleante?\s*,?\s*"
_REPLACES = (
    r"\s*,?\s+(?:suppleante?\s+(?:de|d')|remplacante?(?:\s+(?:de\s|d'))?|en\s+remplacement\s+(?:de|d'))\s*"
)
_VERBS = regex.compile(f"(?P<give>{_GIVES})|(?P<hold>{_HOLDS})|(?P<by>{_REPLACED_BY})|(?P<for>{_REPLACES})")
_LIST_VERBS = regex.compile(
    f"(?P<give>{_GIVES}|\\s+(?:a|par)\\s+)|(?P<hold>{_HOLDS})|(?P<by>{_REPLACED_BY})|(?P<for>{_REPLACES})"
)
_PREFIX = regex.compile(rf"^\s*{_POWER}\s+(?:de|d')\s*")
_GROUP = regex.compile(r"^[^:()]{2,60}:")
_STATUS = regex.compile(
    r"^(?P<n>[^:]{2,60}?)\s*:\s*(?P<s>(?:absente?s?|excusee?s?|presente?s?)(?:\s*,?\s*(?:et\s+)?(?:non\s+)?excusee?s?)?)\s*\.?\s*$"
)


_COMMUNE_WORDS = regex.compile(
    r"^(?:commune|ville)\s+(?:de\s+la\s+|de\s+l'|d'|de\s+|du\s+|des\s+)|\s+(?:titulaires?|suppleants?|delegues?)$"
)


def heading(entry: str, way: str = "given") -> str | None:
    """The commune an entry is grouped under ("Commune d'Aulnay : M. X", "Cerelles : M. Y"), or None."""
    text, _ = blank_parens(entry)
    group = _GROUP.match(plain(text))
    if group is None or _STATUS.match(plain(text)) or not people.split(text[group.end() :], way):
        return None
    name = " ".join(text[: group.end() - 1].split()).strip(" -•*+")
    while (m := _COMMUNE_WORDS.search(plain(name))) is not None and m.group(0):
        name = (name[m.end() :] if m.start() == 0 else name[: m.start()]).strip()
    return name or None


def is_status(entry: str) -> bool:
    """ "Maryline : absente non excusée": a name and what they were."""
    return _STATUS.match(plain(entry.strip())) is not None


@dataclass
class Person:
    """One person an entry names, and what the entry says about them (offsets within the entry)."""

    name: str
    at: int
    proxy_to: str | None = None
    held_from: list[tuple[str, int]] = field(default_factory=list)
    substitute_for: str | None = None
    mark: str | None = None
    status: str | None = None  # "absent" or "present" when the entry says so ("Marie : absente")
    replaced: bool = False  # a titulaire replaced by a suppléant: neither present nor counted absent


def blank_parens(text: str) -> tuple[str, list[tuple[str, int]]]:
    """The entry with its parentheses blanked (same length), and their contents.

    Only the outermost pairs count, with the pairs they enclose blanked in their content: "Anne
    PETIT (pouvoir à Jean DURAND (adjoint), excusée)" is one statement about Anne PETIT. A pair
    under an opener that never closes (a line cut by the reader) still counts on its own.
    """
    if "(" not in text:
        return text, []
    opened: list[int] = []
    pairs: list[tuple[int, int]] = []
    for m in _PAREN.finditer(text):
        if m.group() == "(":
            opened.append(m.start())
        elif opened:
            pairs.append((opened.pop(), m.start()))
    pairs.sort()
    chars = list(text)
    inside: list[tuple[str, int]] = []
    end = -1
    for start, close in pairs:
        if start < end:  # enclosed by an outer pair: blanked with it
            continue
        end = close
        content = list(text[start + 1 : close])
        for inner, inner_close in pairs:
            if start < inner and inner_close < close:
                content[inner - start - 1 : inner_close - start] = " " * (inner_close - inner + 1)
        inside.append(("".join(content), start + 1))
        chars[start : close + 1] = " " * (close - start + 1)
    return "".join(chars), inside


def _one(text: str, at: int, way: str) -> tuple[str, int] | None:
    found = people.split(text, way)
    return (found[0][0], at + found[0][1]) if found else None


def _apply_parens(person: Person, inside: list[tuple[str, int]], way: str) -> None:
    for content, at in inside:
        folded = plain(content)
        if m := _PAREN_HELD.match(folded):
            giver = _one(content[m.start("n") :], at + m.start("n"), way)
            if giver:
                person.held_from.append(giver)
        elif (m := _PAREN_GIVEN.match(folded)) and not folded.lstrip().startswith("pas"):
            key = "h" if m.group("h") else "r"
            holder = _one(content[m.start(key) :], at, way)
            if holder:
                person.proxy_to = holder[0]
        elif m := _PAREN_SUBSTITUTE.match(folded):
            titulaire = _one(content[m.start("h") :], at, way)
            if titulaire:
                person.substitute_for = titulaire[0]
        elif _PAREN_MARK.match(folded):
            person.mark = "".join(content.split()) + str(len(content))


def parse(entry: str, kind: str, way: str = "given", *, line_mode: bool = False) -> list[Person]:
    """The people of one entry of a list of ``kind`` (present, absent, proxy, substitute)."""
    text, inside = blank_parens(entry)
    folded = plain(text)
    status = _STATUS.match(folded)
    if status and people.split(text[: status.end("n")], way):
        name = people.split(text[: status.end("n")], way)[-1]
        return [Person(name[0], name[1], status="present" if "present" in status.group("s") else "absent")]
    group = _GROUP.match(folded)
    if group and people.split(text[group.end() :], way):  # "Cerelles : M. POULLE Guy": a commune heading
        text = " " * group.end() + text[group.end() :]
        folded = plain(text)
    prefix = _PREFIX.match(folded)
    if prefix:  # "pouvoir de X à Y"
        text = " " * prefix.end() + text[prefix.end() :]
        folded = plain(text)
    verbs = list(scan.finditer(_LIST_VERBS if kind == "proxy" or prefix else _VERBS, folded))
    cuts = [0] + [x for v in verbs for x in (v.start(), v.end())] + [len(text)]
    segments = [
        people.split(text[a:b], way, line_mode=line_mode) for a, b in zip(cuts[::2], cuts[1::2], strict=True)
    ]
    found: list[list[Person]] = [
        [Person(n, cuts[2 * k] + at) for n, at in seg] for k, seg in enumerate(segments)
    ]
    for k, verb in enumerate(verbs):
        left, right = found[k], found[k + 1]
        if not left or not right:
            continue
        a, b = left[-1], right[0]
        if verb.group("give"):
            a.proxy_to = b.name  # the holder is named here, listed where they sit
            right.pop(0)
        elif verb.group("hold"):
            a.held_from.append((b.name, b.at))
            right.pop(0)
        elif verb.group("by"):
            b.substitute_for = a.name
            a.replaced = True
        else:
            a.substitute_for = b.name
            b.replaced = True
    out = [p for seg in found for p in seg]
    if out:
        # parentheses speak of the person printed just before them
        for content, at in inside:
            owner = max((p for p in out if p.at < at), key=lambda p: p.at, default=out[0])
            _apply_parens(owner, [(content, at)], way)
    return out
