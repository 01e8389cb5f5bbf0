"""Built-in rules: annexes of a convention and the documents of the dossier (ANX001-ANX009).

An empty annex list, or no visas at all, means that part of the convention was not
transcribed: absent data is not a defect, so the rules that compare lists skip it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import regex
from ..api import Violation, rule
from ..hookspecs import hookimpl
from ..model import LOCAL_AUTHORITY_KINDS, Annex, Dossier
from ..packs import builtin_pack
from .convention import annex_key, cited_annexes, parties, party_label

_ANNEXES = ("convention", "annexes")
_NUMBERED = regex.compile(r"(\d{1,3})([a-z]?)")


@rule("ANX001")
def annex_not_provided(dossier: Dossier, ctx: Any) -> Iterator[Violation]:
    """An annex is listed but not provided: ``attached: false``, or its file does not exist."""
    convention = dossier.convention
    base = ctx.base_dir
    for i, annex in enumerate(convention.annexes if convention else ()):
        if annex.attached is False:
            yield Violation((*_ANNEXES, i, "attached"), key="not_attached", args={"annex": annex.id})
        elif annex.file and base is not None and "://" not in annex.file and not _exists(base / annex.file):
            yield Violation(
                (*_ANNEXES, i, "file"), key="no_file", args={"annex": annex.id, "file": annex.file}
            )


def _exists(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name the system refuses is a file that is not there
        return False


@rule("ANX002")
def annex_numbering(dossier: Dossier) -> Iterator[Violation]:
    """A gap in the annex numbers (1, 2, 4) or in a letter series (1a, 1b, 1d), or 2b without 2a."""
    convention = dossier.convention
    if convention is None:
        return
    first: dict[tuple[int, str], int] = {}  # (number, letter) -> index of its first listing
    for i, annex in enumerate(convention.annexes):
        parsed = _NUMBERED.fullmatch(annex_key(annex.id))
        if parsed:
            first.setdefault((int(parsed.group(1)), parsed.group(2)), i)
    if not first:
        return
    ids = {key: convention.annexes[i].id for key, i in first.items()}
    numbers = sorted({n for n, _ in first})
    previous: str | None = None
    expected = 0 if numbers[0] == 0 else 1
    for n in numbers:
        series = sorted(letter for m, letter in first if m == n)
        head = (n, series[0])
        if n > expected:
            yield Violation(
                (*_ANNEXES, first[head], "id"),
                key="number_gap" if previous else "number_start",
                args={
                    "missing": [str(m) for m in range(expected, n)],
                    "before": previous,
                    "after": ids[head],
                },
            )
        expected = n + 1
        letters = [letter for letter in series if letter]
        wanted = "a"
        for letter in letters:
            if letter > wanted:
                missing = [f"{n}{chr(c)}" for c in range(ord(wanted), ord(letter))]
                after = ids[(n, letter)]
                if wanted != "a":
                    key, before = "letter_gap", _prev(ids, n, letter)
                elif (n, "") in ids:  # "2" then "2b": where is 2a?
                    key, before = "letter_after_bare", ids[(n, "")]
                else:
                    key, before = "letter_start", None
                yield Violation(
                    (*_ANNEXES, first[(n, letter)], "id"),
                    key=key,
                    args={"missing": missing, "before": before, "after": after, "number": n},
                )
            wanted = chr(ord(letter) + 1)
        previous = ids[(n, series[-1])]


def _prev(ids: dict[tuple[int, str], str], n: int, letter: str) -> str:
    """The id of the letter listed just before ``letter`` in series ``n``."""
    return ids[max(key for key in ids if key[0] == n and key[1] and key[1] < letter)]


@rule("ANX003")
def cited_annex_not_listed(dossier: Dossier) -> Iterator[Violation]:
    """An article cites an annex ("annexe 7", "annexes 3 et 4") that is not in the list."""
    convention = dossier.convention
    if convention is None or not convention.annexes:
        return
    listed = {annex_key(a.id) for a in convention.annexes}
    listing = [a.id for a in convention.annexes]
    for i, article in enumerate(convention.articles):
        for part in ("title", "text"):
            for cited in cited_annexes(getattr(article, part)):
                if annex_key(cited) not in listed:
                    yield Violation(
                        ("convention", "articles", i, part),
                        args={"article": article.number or i + 1, "annex": cited, "listed": listing},
                    )


@rule("ANX004")
def authority_without_deliberation(dossier: Dossier) -> Iterator[Violation]:
    """A local authority party has no approving deliberation: neither an annex nor one in the dossier."""
    index = parties(dossier)
    if index is None:
        return
    convention = index.convention
    annexed = {
        index.find(a.party) for a in convention.annexes if a.kind == "deliberation" and a.party is not None
    }
    for i, party in enumerate(convention.parties):
        if party.kind not in LOCAL_AUTHORITY_KINDS or i in annexed:
            continue
        found = index.deliberation_of(party)
        args = {"party": party_label(party), "id": party.id, "number": party.deliberation}
        if found is None:
            if party.deliberation:
                yield Violation(("convention", "parties", i, "deliberation"), key="unknown", args=args)
            else:
                yield Violation(("convention", "parties", i, "id"), key="missing", args=args)
        elif found[1].decision == "rejected":
            yield Violation(("convention", "parties", i, "deliberation"), key="rejected", args=args)


@rule("ANX005")
def visas_and_annexes(dossier: Dossier) -> Iterator[Violation]:
    """A deliberation annex with no visa, a visa citing an annex not listed, or naming another party."""
    index = parties(dossier)
    if index is None:
        return
    convention = index.convention
    if not convention.annexes or not convention.visas:
        return
    annexes: dict[str, Annex] = {}
    for annex in convention.annexes:
        annexes.setdefault(annex_key(annex.id), annex)
    seen_annexes: set[str] = set()
    seen_parties: set[int | None] = set()
    for j, visa in enumerate(convention.visas):
        cited: dict[str, str] = {}
        for annex_id in ([visa.annex] if visa.annex else []) + cited_annexes(visa.text):
            cited.setdefault(annex_key(annex_id), annex_id)
        if not cited and visa.party:
            seen_parties.add(index.find(visa.party))  # "Vu la délibération de X" without an annex number
        for key, annex_id in cited.items():
            seen_annexes.add(key)
            annex = annexes.get(key)
            path = ("convention", "visas", j, "annex" if visa.annex else "text")
            if annex is None:
                yield Violation(path, key="unknown_annex", args={"annex": annex_id})
            elif visa.party and annex.party and index.find(visa.party) != index.find(annex.party):
                yield Violation(
                    ("convention", "visas", j, "party"),
                    key="party",
                    args={"annex": annex.id, "visa_party": visa.party, "annex_party": annex.party},
                )
    for i, annex in enumerate(convention.annexes):
        if annex.kind != "deliberation" or annex_key(annex.id) in seen_annexes:
            continue
        if annex.party and index.find(annex.party) in seen_parties - {None}:
            continue
        party = index.find(annex.party)
        label = party_label(convention.parties[party]) if party is not None else annex.party
        yield Violation((*_ANNEXES, i, "id"), key="no_visa", args={"annex": annex.id, "party": label or "?"})


@rule("ANX006")
def required_annex_kind(dossier: Dossier, params: Any) -> Iterator[Violation]:
    """An annex kind the profile requires (CTG: diagnostic, action plan...) is not in the list."""
    convention = dossier.convention
    required = params["required_kinds"]
    if convention is None or not convention.annexes or not required:
        return
    present = {a.kind for a in convention.annexes}
    for kind in required:
        if kind not in present:
            yield Violation(_ANNEXES, args={"kind": kind, "type": convention.type or ""})


@rule("ANX007")
def duplicate_annex_id(dossier: Dossier) -> Iterator[Violation]:
    """Two annexes share an id ("1a" and "1 A" are the same id)."""
    convention = dossier.convention
    seen: dict[str, int] = {}
    for i, annex in enumerate(convention.annexes if convention else ()):
        key = annex_key(annex.id)
        if key in seen:
            first = convention.annexes[seen[key]]  # type: ignore[union-attr]
            yield Violation(
                (*_ANNEXES, i, "id"),
                args={
                    "annex": annex.id,
                    "first": first.id,
                    "first_title": first.title or "",
                    "n": seen[key] + 1,
                },
            )
        else:
            seen[key] = i


@rule("ANX009")
def deliberation_not_linked(dossier: Dossier) -> Iterator[Violation]:
    """A deliberation that links to no party of the convention, or to two (see ctg_rules.linking)."""
    convention = dossier.convention
    if convention is None or not convention.parties:
        return
    from ..linking import links

    for found in links(dossier):
        if len(found.parties) == 1:
            continue
        d = dossier.deliberations[found.deliberation]
        args = {
            "act": d.number or f"n° {found.deliberation + 1}",
            "body": (d.body.name if d.body else None) or "?",
            "parties": ", ".join(party_label(convention.parties[j]) for j in sorted(found.parties)),
        }
        yield Violation(
            ("deliberations", found.deliberation), key="two" if found.parties else "none", args=args
        )


@hookimpl
def ctg_rules_packs() -> list[Any]:
    return [builtin_pack("annexes.yaml")]


@hookimpl
def ctg_rules_rules() -> list[Any]:
    return [
        annex_not_provided,
        annex_numbering,
        cited_annex_not_listed,
        authority_without_deliberation,
        visas_and_annexes,
        required_annex_kind,
        duplicate_annex_id,
        deliberation_not_linked,
    ]
