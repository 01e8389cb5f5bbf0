"""What the annex, signature and naming rules share about a convention: its parties (found by
id or by name), their approving deliberations, annex ids and the annexes a text cites."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from .. import regex
from ..model import Convention, Deliberation, Dossier, Party, SignatureBlock
from ..names import OrganisationResolver, number_key

_SEPARATORS = regex.compile(r"[\s._\-/]+")
_LEADING_ZEROS = regex.compile(r"^0+(?=\d)")


@lru_cache(maxsize=4096)  # a dozen rules compare the same few ids ("1a", "2")
def annex_key(annex_id: str) -> str:
    """An annex id as compared: "1 A", "1a", "1-a" and "01a" are the same annex."""
    return _LEADING_ZEROS.sub("", _SEPARATORS.sub("", annex_id.casefold()))


# "annexe 7", "Annexe n° 4", "annexes 3 et 4", "annexes 1a à 1f", "(Annexe 4)"; the id must be
# glued to its letter ("1a"), so "l'annexe 1 a été" cites annex 1.
_ID = r"\d{1,3}[a-z]?(?![\w])"
_CITATION = regex.compile(
    rf"\bannexes?\s+(?:(?:n[°o]|num[ée]ro)\.?\s*)?(?P<ids>{_ID}(?:\s*(?:,|et|ou|à|a|-|&)\s*{_ID})*)"
    # "l'annexe 2 du décret": an annex of another text
    r"(?!\s+(?:(?:du|des|de\s+la)\s+|de\s+l['’]\s*)(?:d[ée]cret|arr[êe]t[ée]|code|loi|circulaire|r[èe]glement))",
    re.IGNORECASE,
)
_ONE_ID = regex.compile(r"(\d{1,3})([a-z]?)", re.IGNORECASE)
_RANGE = regex.compile(rf"({_ID})\s*(?:à|a|-)\s*({_ID})", re.IGNORECASE)


def _annex_words(text: str) -> list[int]:
    """Where "annex" starts in ``text``, in any case, in order.

    Every citation starts with that word, so the citation pattern is only tried there instead of
    being run over the whole of a long article (most of which cites nothing). The word is found
    through its "x" (a fast substring search; only ASCII letters fold to a, n, e and x).
    """
    starts = []
    for x in ("x", "X"):
        i = text.find(x, 4)
        while i >= 0:
            if text[i - 4 : i].lower() == "anne":
                starts.append(i - 4)
            i = text.find(x, i + 1)
    starts.sort()
    return starts


def cited_annexes(text: str | None) -> list[str]:
    """Annex ids (as written, lower case) a text cites, in order, each once; ranges are expanded."""
    return list(_cited(text)) if text else []


@lru_cache(maxsize=2048)
def _cited(text: str) -> tuple[str, ...]:
    # kept by text: conventions repeat their model's articles from one dossier to the next
    found: dict[str, None] = {}
    # A citation cannot hold another "annex" after its first word: matching at each occurrence
    # finds exactly what scanning the whole text would.
    for start in _annex_words(text):
        match = _CITATION.match(text, start)
        if match is None:
            continue
        ids = match.group("ids")
        for first, last in _RANGE.findall(ids):
            for key in _expand(first.lower(), last.lower()):
                found.setdefault(key)
        for one in re.findall(_ID, ids, re.IGNORECASE):
            found.setdefault(one.lower())
    return tuple(found)


def _expand(first: str, last: str) -> list[str]:
    a, b = _ONE_ID.fullmatch(first), _ONE_ID.fullmatch(last)
    if not (a and b):
        return []
    if not a.group(2) and not b.group(2) and int(a.group(1)) < int(b.group(1)) <= int(a.group(1)) + 50:
        return [str(n) for n in range(int(a.group(1)), int(b.group(1)) + 1)]
    if a.group(1) == b.group(1) and a.group(2) and b.group(2) and a.group(2) < b.group(2):
        return [a.group(1) + chr(c) for c in range(ord(a.group(2)), ord(b.group(2)) + 1)]
    return []


def party_label(party: Party) -> str:
    """How a message names a party: its short name as the convention defines it, else its name."""
    return party.short_name or party.name or party.id


@dataclass
class Parties:
    """The parties of a convention, found by id or by any of their names, and their deliberations."""

    dossier: Dossier
    convention: Convention
    by_id: dict[str, int] = field(default_factory=dict)
    names: OrganisationResolver | None = None
    deliberations: dict[str, int] = field(default_factory=dict)
    # Answers already worked out for this dossier: a dozen rules ask the same questions (which
    # party a block, a visa or an annex names; which deliberation approves a party).
    _found: dict[str, int | None] = field(default_factory=dict, repr=False)
    _approvals: dict[int, tuple[int, Deliberation] | None] = field(default_factory=dict, repr=False)
    _blocks: dict[int | None, list[tuple[int, SignatureBlock]]] | None = field(default=None, repr=False)
    _positions: dict[int, int] | None = field(default=None, repr=False)

    @property
    def parties(self) -> list[Party]:
        return self.convention.parties

    def find(self, ref: str | None) -> int | None:
        """The index of the party ``ref`` designates (an id, or a name as printed), or None."""
        if not ref:
            return None
        try:
            return self._found[ref]
        except KeyError:
            pass
        found = self.by_id.get(ref)
        if found is None:
            found = self.by_id.get(ref.strip().casefold())
        if found is None and self.names is not None:
            match = self.names.resolve(ref)
            found = match.index if match.resolved else None
        self._found[ref] = found
        return found

    def deliberation_of(self, party: Party) -> tuple[int, Deliberation] | None:
        """The deliberation of the dossier by which ``party`` approves the convention, if any.

        ``party.deliberation`` names it; else a deliberation whose body is the party (same
        SIREN, or the same name through the organisation resolver).
        """
        key = id(party)  # the party lives as long as the dossier this index belongs to
        if key not in self._approvals:
            self._approvals[key] = self._deliberation_of(party)
        return self._approvals[key]

    def _position(self, party: Party) -> int:
        """``self.parties.index(party)`` without comparing whole models with the parties before
        it (pydantic's ``==``, field by field): only a party with the same id can be equal."""
        if self._positions is None:
            self._positions = {id(p): i for i, p in enumerate(self.parties)}
        own = self._positions.get(id(party))
        if own is None or self.by_id.get(party.id, own) < own:  # from elsewhere, or an id met before
            return self.parties.index(party)
        return own

    def _deliberation_of(self, party: Party) -> tuple[int, Deliberation] | None:
        if party.deliberation:
            k = self.deliberations.get(number_key(party.deliberation))
            return None if k is None else (k, self.dossier.deliberations[k])
        index = self._position(party)
        for k, d in enumerate(self.dossier.deliberations):
            body = d.body
            if body is None:
                continue
            if party.siren and body.siren:
                if party.siren == body.siren:
                    return k, d
                continue
            if body.name and self.find(body.name) == index:
                return k, d
        return None

    def blocks_of(self, index: int) -> Iterator[tuple[int, SignatureBlock]]:
        """Signature blocks (with their index) signed for the party at ``index``."""
        if self._blocks is None:  # each block's party found once, not once per party asked for
            self._blocks = {}
            signature = self.convention.signature
            for j, block in enumerate(signature.blocks if signature else ()):
                self._blocks.setdefault(self.find(block.party or block.label), []).append((j, block))
        return iter(self._blocks.get(index, ()))


_CACHE: list[Parties] = []


def parties(dossier: Dossier) -> Parties | None:
    """The party index of the dossier's convention (None without one), built once per dossier."""
    convention = dossier.convention
    if convention is None:
        return None
    if _CACHE and _CACHE[0].dossier is dossier:
        return _CACHE[0]
    index = Parties(dossier, convention)
    for i, party in enumerate(convention.parties):
        index.by_id.setdefault(party.id, i)
        index.by_id.setdefault(party.id.strip().casefold(), i)
    index.names = OrganisationResolver([p.name, p.short_name] for p in convention.parties)
    for k, d in enumerate(dossier.deliberations):
        if d.number:
            index.deliberations.setdefault(number_key(d.number), k)
    _CACHE[:] = [index]
    return index
