"""Built-in rules: parties, signatories and governance of a convention (SIG001-SIG007).

People are compared through the shared name resolver (names.NameResolver) and roles loosely
(names.roles_match: "Président" matches "Le Président du conseil", not "Vice-Président");
organisations (a block's label, a committee member) through names.OrganisationResolver.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import regex
from ..api import Violation, rule
from ..dates import is_placeholder, real_date
from ..hookspecs import hookimpl
from ..model import Deliberation, Dossier, Person
from ..names import CIVILITIES, NameResolver, compare_names, fold, fold_alnum, name_tokens, roles_match
from ..packs import builtin_pack
from .convention import Parties, parties, party_label
from .dates import Acts, party_label_in, too_early

_SIGNATURE = ("convention", "signature")


@rule("SIG001")
def party_without_block(dossier: Dossier) -> Iterator[Violation]:
    """A party has no signature block, or a block names no party of the convention."""
    index = parties(dossier)
    signature = index.convention.signature if index else None
    if index is None or signature is None or not signature.blocks:
        return
    signed: set[int] = set()
    for j, block in enumerate(signature.blocks):
        ref = block.party or block.label
        found = index.find(ref)
        if found is not None:
            signed.add(found)
        elif ref:
            field = "party" if block.party else "label"
            yield Violation((*_SIGNATURE, "blocks", j, field), key="unknown_party", args={"ref": ref})
        else:
            yield Violation((*_SIGNATURE, "blocks", j), key="no_party", args={"n": j + 1})
    for i, party in enumerate(index.parties):
        if i not in signed:
            yield Violation(
                ("convention", "parties", i, "id"),
                key="no_block",
                args={"party": party_label(party), "id": party.id, "blocks": len(signature.blocks)},
            )


@rule("SIG002")
def signatory_not_announced(dossier: Dossier) -> Iterator[Violation]:
    """A signatory differs from the representative the convention announces for that party."""
    index = parties(dossier)
    if index is None:
        return
    for i, party in enumerate(index.parties):
        reps = party.representatives
        named = [n for n, r in enumerate(reps) if r.name]
        if not named:
            continue
        resolver = NameResolver([reps[n].name for n in named])  # type: ignore[misc]
        signed: set[int] = set()
        strangers = False
        for j, block in index.blocks_of(i):
            for k, signatory in enumerate(block.signatories):
                path = (*_SIGNATURE, "blocks", j, "signatories", k)
                if not signatory.name:
                    # nothing to compare but the role: it tells which representative signs
                    fitting = [n for n in named if roles_match(reps[n].role, signatory.role)]
                    signed.update(fitting or named)
                    continue
                match = resolver.resolve(signatory.name)
                if not match.resolved:
                    strangers = True
                    announced = [_person(reps[n]) for n in named]
                    args = {"name": signatory.name, "party": party_label(party), "announced": announced}
                    yield Violation((*path, "name"), key="person", args=args)
                    continue
                rep = reps[named[match.index]]  # type: ignore[index]
                signed.add(named[match.index])  # type: ignore[index]
                if not roles_match(rep.role, signatory.role):
                    args = {"name": signatory.name, "role": signatory.role, "announced": rep.role}
                    yield Violation((*path, "role"), key="role", args=args)
        if strangers or not signed:
            continue  # someone else signs instead (reported above), or nobody signs yet
        for n in named:
            if n not in signed:
                args = {"name": reps[n].name, "role": reps[n].role or "", "party": party_label(party)}
                yield Violation(
                    ("convention", "parties", i, "representatives", n, "name"), key="unsigned", args=args
                )


def _person(person: Person) -> str:
    return f"{person.name} ({person.role})" if person.role else person.name or ""


@rule("SIG003")
def originals_count(dossier: Dossier) -> Iterator[Violation]:
    """Fewer originals ("En N exemplaires") than parties, on a convention signed on paper."""
    convention = dossier.convention
    signature = convention.signature if convention else None
    if signature is None or signature.originals is None or signature.electronic or not convention.parties:  # type: ignore[union-attr]
        return
    count = len(convention.parties)  # type: ignore[union-attr]
    if signature.originals < count:  # more originals than parties is harmless
        yield Violation((*_SIGNATURE, "originals"), args={"originals": signature.originals, "parties": count})


@rule("SIG004")
def steering_committee_parity(dossier: Dossier) -> Iterator[Violation]:
    """The steering committee leaves out a party, or names someone who is not a party."""
    index = parties(dossier)
    governance = index.convention.governance if index else None
    if index is None or governance is None or not governance.steering_committee:
        return
    path = ("convention", "governance", "steering_committee")
    seated: set[int] = set()
    for k, member in enumerate(governance.steering_committee):
        found = index.find(member)
        if found is None:
            yield Violation((*path, k), key="unknown", args={"member": member})
        else:
            seated.add(found)
    signing = _signing_parties(index)
    for i, party in enumerate(index.parties):
        if i not in seated:
            yield Violation(
                path,
                key="missing_signatory" if i in signing else "missing",
                args={"party": party_label(party), "id": party.id},
            )


def _signing_parties(index: Parties) -> set[int]:
    signature = index.convention.signature
    found = (index.find(b.party or b.label) for b in (signature.blocks if signature else ()) if b.signatories)
    return {i for i in found if i is not None}


@rule("SIG005")
def signatory_not_authorised(dossier: Dossier, ctx: Any) -> Iterator[Violation]:
    """A signatory holds a role that the party's deliberation in the dossier did not authorise."""
    index = parties(dossier)
    if index is None:
        return
    for i, party in enumerate(index.parties):
        found = index.deliberation_of(party)
        if found is None:
            continue
        _, deliberation = found
        authorised = deliberation.approves.authorised_signatories if deliberation.approves else []
        if not authorised:
            continue
        announced = {name_tokens(r.name): r.role for r in party.representatives if r.name}
        for j, block in index.blocks_of(i):
            for k, signatory in enumerate(block.signatories):
                role = signatory.role or (
                    announced.get(name_tokens(signatory.name)) if signatory.name else None
                )
                if not role or _authorised(signatory.name, role, authorised, deliberation, ctx):
                    continue
                standing = delegation(role)
                if standing == "lawful":
                    continue
                yield Violation(
                    (*_SIGNATURE, "blocks", j, "signatories", k, "role" if signatory.role else "name"),
                    key="unreferenced" if standing else "default",
                    severity="warning" if standing else None,
                    args={
                        "name": signatory.name or "?",
                        "role": role,
                        "number": deliberation.number or "?",
                        "authorised": authorised,
                    },
                )


#: "pour le Maire empêché", "en l'absence du Président", "faisant fonction": the replacement of
#: L2122-17 (in the order of appointment), lawful without any act
_ABSENCE = regex.compile(r"\b(?:empeche|empechee|empechement|absence|absent|absente|faisant fonction)\b")
#: "par délégation", "P/O", "pour le Maire et par délégation", "Vice-Président délégué à ..."
_DELEGATION = regex.compile(
    r"\b(?:par delegation|p o|pour le (?:maire|president|presidente)|delegue|deleguee)\b"
)
#: the delegation's act: "arrêté n° 2020-45", "arrêté du 15 juillet 2020"
_REFERENCE = regex.compile(r"\barrete\b[^.;]*\d")


def delegation(role: str) -> str | None:
    """How a role printed with its signature claims the power to sign: "lawful" (the mayor's or
    president's absence, L2122-17; a delegation that names its arrêté, L2122-18, L5211-9),
    "unreferenced" (a delegation claimed without its arrêté), None (no claim)."""
    text = fold_alnum(role)
    if _ABSENCE.search(text):
        return "lawful"
    if _DELEGATION.search(text) or "delegation" in text:
        return "lawful" if _REFERENCE.search(text) else "unreferenced"
    return None


def _authorised(name: str | None, role: str, authorised: list[str], d: Deliberation, ctx: Any) -> bool:
    """Whether one entry of ``authorised_signatories`` covers this signatory.

    An entry is a role ("Président", "Monsieur le Maire") compared loosely, or a person
    ("Mme FERNANDEZ Florence, adjointe") resolved among the council's members, the chair's
    title standing for the member who chaired.
    """
    for entry in authorised:
        if roles_match(_without_civility(entry), role):
            return True
        if name:
            match = ctx.resolver(d).resolve(entry)
            person = match.name if match.resolved else entry
            if compare_names(name, person) in ("exact", "approximate"):
                return True
    return False


def _without_civility(text: str) -> str:
    words = text.split()
    while words and fold(words[0]) in CIVILITIES:
        words.pop(0)
    return " ".join(words)


@rule("SIG006")
def final_without_place_or_date(dossier: Dossier) -> Iterator[Violation]:
    """A final convention has no signature place or no signature date."""
    convention = dossier.convention
    if convention is None or convention.status != "final":
        return
    signature = convention.signature
    place = signature.place if signature else None
    no_place = not place or not fold(place) or bool(set(place.strip()) <= set("Xx.…_ "))
    no_date = signature is None or signature.date is None
    if signature is not None and is_placeholder(signature.date) and signature.date.blank:  # type: ignore[union-attr]
        no_date = True
    if no_place or no_date:
        key = "both" if no_place and no_date else "place" if no_place else "date"
        field = () if signature is None else ("place",) if no_place else ("date",)
        yield Violation((*_SIGNATURE, *field), key=key)


@rule("SIG007")
def block_signed_too_early(dossier: Dossier, lang: str) -> Iterator[Violation]:
    """A signature block is dated before its party's deliberation was enforceable."""
    index = parties(dossier)
    signature = index.convention.signature if index else None
    if index is None or signature is None:
        return
    acts = Acts(dossier)
    for j, block in enumerate(signature.blocks):
        signed = real_date(block.date)
        found = index.find(block.party or block.label) if signed else None
        if signed is None or found is None:
            continue
        party = index.parties[found]
        early = too_early(acts, party.id, signed, party_label_in(party, lang))
        if early is not None:
            key, args = early
            yield Violation((*_SIGNATURE, "blocks", j, "date"), key=key, args=args)


@hookimpl
def ctg_rules_packs() -> list[Any]:
    return [builtin_pack("signatures.yaml")]


@hookimpl
def ctg_rules_rules() -> list[Any]:
    return [
        party_without_block,
        signatory_not_announced,
        originals_count,
        steering_committee_parity,
        signatory_not_authorised,
        final_without_place_or_date,
        block_signed_too_early,
    ]
