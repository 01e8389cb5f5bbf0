"""Built-in rule: the same party or person spelled two ways across the dossier (NAM001).

Spellings are grouped: two forms one slip apart are linked, every form of a group is counted
where it occurs, and the reference form is the council's register for a person, else the most
frequent form (on a tie, the parties' list). Each other form gives one finding, placed where it
first occurs and saying where each form is: a misspelling repeated twenty times is one finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import regex
from ..api import PathPart, Violation, rule
from ..hookspecs import hookimpl
from ..model import Dossier
from ..names import Match, fold, fold_words, is_spelling_slip, name_tokens, near_reason, one_edit_apart
from ..packs import builtin_pack, load_packs, text
from .convention import parties

_WORD = regex.compile(r"[^\W\d_]+")
Path = tuple[PathPart, ...]


@dataclass
class _Form:
    """One spelling and where it occurs (``where`` holds label keys with their arguments)."""

    display: str
    order: int
    authority: int = 0  # a council's register outranks the convention's drafts
    where: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)


class _Spellings:
    """Spellings linked into groups (union-find), each group with a reference form."""

    def __init__(self) -> None:
        self.forms: dict[Any, _Form] = {}
        self._parent: dict[Any, Any] = {}

    def add(
        self, key: Any, display: str, label: str, args: dict[str, Any], path: Path, authority: int = 0
    ) -> None:
        form = self.forms.get(key)
        if form is None:
            form = self.forms[key] = _Form(display, len(self.forms))
            self._parent[key] = key
        form.authority = max(form.authority, authority)
        if path in form.paths:
            return
        if (label, args) not in form.where:
            form.where.append((label, args))
        form.paths.append(path)

    def link(self, a: Any, b: Any) -> None:
        ra, rb = self._root(a), self._root(b)
        if ra != rb:
            self._parent[rb] = ra

    def _root(self, key: Any) -> Any:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def variants(self) -> Iterator[tuple[_Form, _Form]]:
        """(variant, reference) pairs, in the order the variants first occur."""
        groups: dict[Any, list[_Form]] = {}
        for key, form in self.forms.items():
            groups.setdefault(self._root(key), []).append(form)
        pairs = []
        for forms in groups.values():
            if len(forms) > 1:
                reference = max(forms, key=lambda f: (f.authority, len(f.paths), -f.order))
                pairs += [(f, reference) for f in forms if f is not reference]
        return iter(sorted(pairs, key=lambda p: p[0].order))


@rule("NAM001")
def spelling_variants(dossier: Dossier, params: Any, ctx: Any, lang: str) -> Iterator[Violation]:
    """The same party or person spelled differently across the dossier ("Masegros" / "Massegros")."""
    limit = params["max_places"]
    for kind, spellings in (("party", _places(dossier, params)), ("person", _people(dossier, ctx))):
        for variant, reference in spellings.variants():
            yield Violation(
                variant.paths[0],
                key=kind,
                args={
                    "variant": variant.display,
                    "where": _where(variant, lang, limit),
                    "reference": reference.display,
                    "elsewhere": _where(reference, lang, limit),
                },
            )


def _places(dossier: Dossier, params: Any) -> _Spellings:
    """Words of the parties' names (proper nouns) against annex titles, visas, article titles, labels."""
    spellings = _Spellings()
    convention = dossier.convention
    if convention is None or not convention.parties:
        return spellings
    min_length, max_distance = params["min_length"], params["max_distance"]
    common = _folded_set(tuple(params["common_words"]))
    known: set[str] = set(common)  # words that are never a misspelling: the parties' own, common ones
    names: dict[str, None] = {}  # the proper nouns of the parties' names, compared with the rest
    for i, party in enumerate(convention.parties):
        for attr, label in (("name", "party_name"), ("short_name", "party_short")):
            for word, folded in _words(getattr(party, attr)):
                known.add(folded)
                if len(folded) >= min_length and word[0].isupper() and folded not in common:
                    names.setdefault(folded)
                    spellings.add(folded, word, label, {"id": party.id}, ("convention", "parties", i, attr))
    if not names:
        return spellings
    vocabulary = list(names)
    # What a word is depends only on the word and this dossier's parties: decided once per
    # spelling, as titles, visas and labels repeat the same words ("Délibération", "Commune").
    nearest: dict[str, str | None] = {}
    for path, label, args, value in _scanned(dossier):
        for word, folded in _long_words(value, min_length):  # shorter ones are never compared
            if folded in names:
                spellings.add(folded, word, label, args, path)
                continue
            near = nearest.get(word, _UNSEEN)
            if near is _UNSEEN:
                near = nearest[word] = (
                    _nearest(folded, vocabulary, max_distance, min_length)
                    if len(folded) >= min_length and word[0].isupper() and not _inflected(folded, known)
                    else None
                )
            if near is not None:
                spellings.add(folded, word, label, args, path)
                spellings.link(near, folded)
    return spellings


_UNSEEN = ""  # no word is empty


def _inflected(word: str, known: set[str]) -> bool:
    """A word of the parties' names, or one of them with a plural or feminine ending ("Caisses")."""
    return (
        word in known
        or (word[-1] in "sxe" and word[:-1] in known)
        or any(word + end in known for end in "sxe")
    )


def _scanned(dossier: Dossier) -> Iterator[tuple[Path, str, dict[str, Any], str | None]]:
    """The texts where a party's name is written again, with where they are."""
    for k, d in enumerate(dossier.deliberations):
        if d.body:
            yield ("deliberations", k, "body", "name"), "body", {"id": d.number or k + 1}, d.body.name
    convention = dossier.convention
    assert convention is not None
    for j, visa in enumerate(convention.visas):
        yield ("convention", "visas", j, "text"), "visa", {"n": j + 1}, visa.text
    for j, annex in enumerate(convention.annexes):
        yield ("convention", "annexes", j, "title"), "annex_title", {"id": annex.id}, annex.title
    for j, article in enumerate(convention.articles):
        yield (
            ("convention", "articles", j, "title"),
            "article_title",
            {"id": article.number or j + 1},
            article.title,
        )
    for j, block in enumerate(convention.signature.blocks if convention.signature else ()):
        args = {"id": block.party or j + 1}
        yield ("convention", "signature", "blocks", j, "label"), "block_label", args, block.label


@lru_cache(maxsize=4096)
def _text_words(value: str) -> tuple[tuple[str, str], ...]:
    # A text met for the first time is mostly words met before ("Délibération", a commune's
    # name): it is cut at white space (no word holds any) and each piece looked up, so only
    # pieces never seen are searched for words and folded.
    found: list[tuple[str, str]] = []
    for piece in value.split():
        pairs = _PIECES.get(piece)
        if pairs is None:
            words = _WORD.findall(piece)
            pairs = tuple(zip(words, fold_words(words), strict=True)) if words else ()
            if len(_PIECES) >= 65536:  # bounded: a batch of 100,000 dossiers has more
                _PIECES.clear()
            _PIECES[piece] = pairs
        found += pairs
    return tuple(found)


_PIECES: dict[str, tuple[tuple[str, str], ...]] = {}


def _words(value: str | None) -> tuple[tuple[str, str], ...]:
    """The words of a text as written and folded (boilerplate recurs from dossier to dossier)."""
    return _text_words(value) if value else ()


@lru_cache(maxsize=4096)
def _long_words(value: str | None, min_length: int) -> tuple[tuple[str, str], ...]:
    """The words of at least ``min_length`` letters once folded."""
    return tuple(w for w in _words(value) if len(w[1]) >= min_length)


@lru_cache(maxsize=8)
def _folded_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(w).replace(" ", "") for w in words)


def _nearest(word: str, vocabulary: list[str], max_distance: int, min_length: int) -> str | None:
    """The first name of the vocabulary, nearest first, that ``word`` is a slip of."""
    if max_distance == 1:
        # ``word`` is none of the names: every one within reach is one edit away, in their order
        candidates: Iterable[str] = (c for c in vocabulary if one_edit_apart(word, c))
    else:
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        found = process.extract(word, vocabulary, scorer=OSA.distance, score_cutoff=max_distance, limit=None)
        candidates = (c for c, _, _ in found)
    for candidate in candidates:
        if is_spelling_slip(word, candidate, max_distance=max_distance, min_length=min_length):
            return candidate
    return None


def _people(dossier: Dossier, ctx: Any) -> _Spellings:
    """Representatives and signatories against each other and against the councils' registers.

    A deliberation's own lists (a proxy holder against the members present) are PRX004's
    business; initials ("J. FABRE") are abbreviations, not misspellings.
    """
    spellings = _Spellings()
    index = parties(dossier)
    if index is None:
        return spellings
    people: dict[int, list[tuple[str, str, dict[str, Any], Path]]] = {}  # by party (-1: none)
    for i, party in enumerate(index.parties):
        for n, rep in enumerate(party.representatives):
            if rep.name:
                path = ("convention", "parties", i, "representatives", n, "name")
                people.setdefault(i, []).append((rep.name, "representative", {"id": party.id}, path))
    signature = index.convention.signature
    for j, block in enumerate(signature.blocks if signature else ()):
        found = index.find(block.party or block.label)
        for k, signatory in enumerate(block.signatories):
            if signatory.name:
                path = ("convention", "signature", "blocks", j, "signatories", k, "name")
                entry = (signatory.name, "signatory", {"id": block.party or j + 1}, path)
                people.setdefault(-1 if found is None else found, []).append(entry)
    links: list[tuple[Any, Any]] = []
    # a council's register is the reference for its members' names
    for k, d in enumerate(dossier.deliberations):
        resolver = ctx.resolver(d)
        if not resolver.names:
            continue
        for entries in people.values():
            for name, *_ in entries:
                if not resolver.shares_a_part(name):  # the chair or no member: no slip
                    continue
                match = resolver.resolve(name)
                if _slipped(match):
                    # the resolver's roster is the members present, then the members absent
                    n = match.index
                    where = ("present", n) if n < len(d.present) else ("absent", n - len(d.present))
                    path = ("deliberations", k, *where, "name")
                    args = {"id": d.number or k + 1}
                    spellings.add(name_tokens(match.name), match.name, "member", args, path, authority=1)
                    links.append((name_tokens(match.name), name_tokens(name)))
    for party, entries in people.items():
        for name, label, args, path in entries:
            spellings.add(name_tokens(name), name, label, args, path)
        if party >= 0:  # a party's signatories against its representatives (a handful each)
            for a, (name_a, *_) in enumerate(entries):
                for name_b, *_ in entries[a + 1 :]:
                    if near_reason(name_a, name_b) not in ("", "initial"):
                        links.append((name_tokens(name_a), name_tokens(name_b)))
    for a, b in links:
        spellings.link(a, b)
    return spellings


def _slipped(match: Match) -> bool:
    return match.status == "approximate" and match.reason not in ("initial", "chair")


def _where(form: _Form, lang: str, limit: int) -> str:
    labels = _labels(lang)
    shown = [labels[label].format(**args) for label, args in form.where[:limit]]
    if len(form.where) > limit:
        shown.append(labels["more"].format(n=len(form.where) - limit))
    return ", ".join(shown)


@lru_cache(maxsize=4)
def _labels(lang: str) -> dict[str, str]:
    """The words for where a spelling occurs, from the pack (``places`` of NAM001)."""
    pack = load_packs([builtin_pack("names.yaml")]).rules["NAM001"]
    return {key: text(value, lang) for key, value in pack.raw["places"].items()}


@hookimpl
def ctg_rules_packs() -> list[Any]:
    return [builtin_pack("names.yaml")]


@hookimpl
def ctg_rules_rules() -> list[Any]:
    return [spelling_variants]
