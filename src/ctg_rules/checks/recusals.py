"""Built-in rules: recusals (REC): members who must not take part in the vote.

They read the facts of the deliberation's lists worked out once per dossier by
:func:`ctg_rules.checks.council.council`; the ``votes`` plugin registers them with the VOT and
PRX rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..api import Violation, rule
from ..model import LOCAL_AUTHORITY_KINDS, Deliberation, Dossier, Party
from ..names import Match, is_chair_title, number_key, org_tokens
from . import deliberations
from .council import Proxy, council, recusal_explains, tally, tally_args, voters


@rule("REC001")
def recused_unknown(dossier: Dossier, ctx: Any) -> Iterator[Violation]:
    """A recused member is neither present nor absent in the lists."""
    for i, d in deliberations(dossier):
        if not d.recused or not (d.present or d.absent):
            continue
        c = council(d, ctx)
        for k in c.recused_unknown:
            yield Violation(("deliberations", i, "recused", k), args={"name": d.recused[k].name})


@rule("REC002")
def recused_proxy_counted(dossier: Dossier, ctx: Any) -> Iterator[Violation]:
    """A recused member holds (or gave) a proxy and the tallies still count that proxy."""
    for i, d in deliberations(dossier):
        counted = tally(d)
        if counted is None or not d.recused or not d.present:
            continue
        c = council(d, ctx)
        v = voters(d, c)
        if v is None or not recusal_explains(c, v, counted):
            continue
        extra = counted - v.taking_part
        held, given = c.held_by_recused, c.given_by_recused
        args = {
            **tally_args(d),
            "expected": v.taking_part,
            "extra": extra,
            "holders": sorted(
                {d.present[p.holder_present].name for p in held if p.holder_present is not None}
            ),
            "held": [p.giver for p in held],
            "givers": [p.giver for p in given],
        }
        if extra in (v.held, v.held + v.given) and v.held:
            yield Violation(("deliberations", i, "vote"), key="held", args=args)
        else:
            # no text says whether a proxy given by an interested member may be used: warn only
            yield Violation(("deliberations", i, "vote"), key="given", args=args, severity="warning")


@rule("REC003")
def member_of_other_party(dossier: Dossier, ctx: Any) -> Iterator[Violation]:
    """A member who took part in the vote represents or signs for another party of the convention."""
    convention = dossier.convention
    if convention is None or not convention.parties:
        return
    people = _party_people(dossier)
    for i, d in deliberations(dossier):
        if not (d.present or d.absent):
            continue
        c = council(d, ctx)
        voting_by_proxy = {p.index: p for p in c.valid_proxies}
        reported: set[tuple[str, int, str]] = set()
        for party in convention.parties:
            if _is_own_party(party, d):
                continue
            for name, role in people.get(party.id, ()):
                # a name sharing no part with the council's (the usual case) is no member
                if not name or is_chair_title(name) or not c.resolver.shares_a_part(name):
                    continue
                match, where = c.find(name)
                if where is None:
                    continue
                part, j = where
                if part == "present" and j in c.recused_present:
                    continue
                if part == "absent" and (j not in voting_by_proxy or j in c.recused_absent):
                    continue
                if (part, j, party.id) in reported:
                    continue
                reported.add((part, j, party.id))
                yield _rec003(i, d, party, part, j, name, role, match, voting_by_proxy)


def _party_people(dossier: Dossier) -> dict[str, list[tuple[str | None, str | None]]]:
    """Each party's representatives and signatories, by party id."""
    convention = dossier.convention
    assert convention is not None
    people: dict[str, list[tuple[str | None, str | None]]] = {}
    for party in convention.parties:
        people.setdefault(party.id, []).extend((p.name, p.role) for p in party.representatives)
    for block in convention.signature.blocks if convention.signature else ():
        if block.party is not None:
            people.setdefault(block.party, []).extend((p.name, p.role) for p in block.signatories)
    return people


def _is_own_party(party: Party, d: Deliberation) -> bool:
    """The party this deliberation's council speaks for (its own signature is no conflict)."""
    # numbers compared as numbers: "2025-008" and "2025-012" are two acts (fold drops digits)
    if (
        party.deliberation is not None
        and d.number is not None
        and number_key(party.deliberation) == number_key(d.number)
    ):
        return True
    body = d.body
    if body is None:
        return False
    if party.siren and body.siren:
        return party.siren == body.siren
    return bool(party.name and body.name and org_tokens(party.name) == org_tokens(body.name))


def _rec003(
    i: int,
    d: Deliberation,
    party: Party,
    part: str,
    j: int,
    name: str,
    role: str | None,
    match: Match,
    voting_by_proxy: dict[int, Proxy],
) -> Violation:
    member = (d.present if part == "present" else d.absent)[j].name
    if party.kind is None:
        kind, severity = "unknown", "info"
    elif party.kind in LOCAL_AUTHORITY_KINDS:
        kind, severity = "local", "info"
    else:
        # an approximate match may be another person: say so without calling it illegal
        kind, severity = "other", "error" if match.status == "exact" else "warning"
    proxy = voting_by_proxy.get(j) if part == "absent" else None
    key = "approximate" if match.status != "exact" else f"{kind}_{'proxy' if proxy else 'present'}"
    return Violation(
        ("deliberations", i, part, j),
        key=key,
        severity=severity,  # type: ignore[arg-type]
        args={
            "member": member,
            "printed": name,
            "party": party.name or party.short_name or party.id,
            "kind": party.kind or "—",
            "role": role or "—",
            "holder": (proxy.holder or "—") if proxy else "—",
        },
    )
