"""Built-in rules: vote totals, quorum and majority (VOT), proxies (PRX); the ``votes`` plugin.

Every rule reads the same facts about a deliberation's lists (who is present, who gave a proxy
to whom, who did not take part), worked out once per dossier in :mod:`.council`. The plugin also
registers the recusal rules (REC, :mod:`.recusals`), which read the same facts.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from math import ceil, floor
from typing import Any

from .. import regex
from ..api import Violation, rule
from ..hookspecs import hookimpl
from ..model import Deliberation, Dossier
from ..names import name_tokens
from ..packs import Params, builtin_pack
from . import deliberations, has_proxy, recused_president
from .council import (
    Proxy,
    absent_listed,
    council,
    present_count,
    recusal_explains,
    tally,
    tally_args,
    voters,
)
from .recusals import member_of_other_party, recused_proxy_counted, recused_unknown

# --- dates and thresholds -------------------------------------------------------------------


def session_date(d: Deliberation) -> date:
    """The session date; without a real one (absent, "XX"), today: the rules in force now apply."""
    value = d.session.date if d.session else None
    return value if isinstance(value, date) else date.today()


_THRESHOLD_RE = regex.compile(r"^\s*(>=|>)\s*(\d+)\s*/\s*(\d+)\s*$")


def threshold(spec: str, total: int) -> int:
    """The smallest count meeting a pack threshold: "> 1/2" (more than half), ">= 1/3" (at least a third)."""
    match = _THRESHOLD_RE.match(str(spec))
    if not match:
        raise ValueError(f"threshold {spec!r}: expected '> a/b' or '>= a/b'")
    share = Fraction(int(match.group(2)), int(match.group(3))) * total
    return floor(share) + 1 if match.group(1) == ">" else ceil(share)


def _threshold_args(spec: str, total: int) -> dict[str, Any]:
    match = _THRESHOLD_RE.match(str(spec))
    assert match is not None  # threshold() has already checked it
    return {"fraction": f"{match.group(2)}/{match.group(3)}", "minimum": threshold(spec, total)}


def _threshold_key(spec: str) -> str:
    """The message variant: "more_than" (plus de la moitié) or "at_least" (au moins le tiers)."""
    match = _THRESHOLD_RE.match(str(spec))
    return "more_than" if match and match.group(1) == ">" else "at_least"


# --- VOT: counts, quorum, majority -------------------------------------------------------------


@rule("VOT001")
def declared_counts(dossier: Dossier) -> Iterator[Violation]:
    """A printed count (present, represented, absent) differs from the names listed."""
    for i, d in deliberations(dossier):
        declared = d.declared
        if declared is None:
            continue
        represented = sum(1 for a in d.absent if has_proxy(a))
        absent_known = absent_listed(d)
        if declared.present is not None and d.present and declared.present != len(d.present):
            yield Violation(
                ("deliberations", i, "declared", "present"),
                key="present",
                args={"declared": declared.present, "listed": len(d.present)},
            )
        if declared.represented is not None and absent_known and declared.represented != represented:
            yield Violation(
                ("deliberations", i, "declared", "represented"),
                key="represented",
                args={"declared": declared.represented, "listed": represented},
            )
        # Acts print "absents" either with or without the members represented: accept both.
        if (
            declared.absent is not None
            and absent_known
            and declared.absent not in (len(d.absent), len(d.absent) - represented)
        ):
            yield Violation(
                ("deliberations", i, "declared", "absent"),
                key="absent",
                args={"declared": declared.absent, "listed": len(d.absent), "represented": represented},
            )


@rule("VOT002")
def seats(dossier: Dossier, ctx: Any) -> Iterator[Violation]:
    """Present + absent listed differs from the members in office, or more present than in office."""
    for i, d in deliberations(dossier):
        in_office = d.members_in_office
        if in_office is None:
            continue
        path = ("deliberations", i, "members_in_office")
        if not d.present:
            printed = d.declared.present if d.declared else None
            if printed is not None and printed > in_office:
                yield Violation(path, key="too_many", args={"present": printed, "in_office": in_office})
            continue
        c = council(d, ctx)
        merged = len(c.replaced_absent)
        total = len(d.present) + len(d.absent) - merged
        if len(d.present) - merged > in_office:
            yield Violation(path, key="too_many", args={"present": len(d.present), "in_office": in_office})
        elif (absent_listed(d) or (d.declared and d.declared.absent == 0)) and total != in_office:
            yield Violation(
                path,
                key="seats_substitutes" if merged else "seats",
                args={
                    "present": len(d.present),
                    "absent": len(d.absent),
                    "substitutes": merged,
                    "total": total,
                    "in_office": in_office,
                },
            )


@rule("VOT003")
def declared_voters(dossier: Dossier, ctx: Any) -> Iterator[Violation]:
    """The printed number of voters differs from present + proxies whose holder sits at the session."""
    for i, d in deliberations(dossier):
        if d.declared is None or d.declared.voters is None:
            continue
        c = council(d, ctx)
        v = voters(d, c)
        if v is None:
            continue
        # "Votants" is printed with or without the members who do not take part: both readings pass.
        if d.declared.voters in (v.total, v.taking_part):
            continue
        not_counted = len(c.proxies) - len(c.valid_proxies)
        yield Violation(
            ("deliberations", i, "declared", "voters"),
            key="with_invalid" if not_counted else ("with_out" if v.out else "default"),
            args={
                "present": v.present,
                "proxies": v.proxies,
                "expected": v.total,
                "declared": d.declared.voters,
                "out": v.out,
                "taking_part": v.taking_part,
                "not_counted": not_counted,
            },
        )


@rule("VOT004")
def vote_total(dossier: Dossier, ctx: Any) -> Iterator[Violation]:
    """for + against + abstentions + blank differs from the voters minus those who did not take part."""
    for i, d in deliberations(dossier):
        counted = tally(d)
        if counted is None or d.election:  # an election's votes go to candidates: no for/against sum
            continue
        c = council(d, ctx)
        v = voters(d, c)
        args = tally_args(d)
        if v is not None and v.from_lists:
            if counted == v.taking_part or recusal_explains(c, v, counted):
                continue
            args.update(voters=v.total, out=v.out, expected=v.taking_part)
        else:
            # only printed figures: "votants" may or may not already leave the recused members out
            base = d.declared.voters if d.declared and d.declared.voters is not None else None
            if base is None and v is not None:
                base = v.total
            if base is None or counted in (base, base - len(d.recused)):
                continue
            args.update(voters=base, out=len(d.recused), expected=base - len(d.recused))
        yield Violation(("deliberations", i, "vote"), key="with_out" if args["out"] else "default", args=args)


@rule("VOT005")
def quorum(dossier: Dossier, params: Params, ctx: Any) -> Iterator[Violation]:
    """Quorum not reached: members present must be more than half of those in office (one third in 2020-2022)."""
    for i, d in deliberations(dossier):
        in_office = d.members_in_office
        if in_office is None or not in_office or (d.session and d.session.second_convocation):
            continue
        present = present_count(d)
        if present is None:
            continue
        on = session_date(d)
        spec = params.at("quorum", on)
        minimum = threshold(spec, in_office)
        c = council(d, ctx)
        v = voters(d, c)
        represented = 0
        if params.at("quorum_counts_represented", on):
            represented = v.proxies if v is not None else 0
        # members who do not take part: their own presence, and the proxies when those count
        if v is not None:
            out = v.own + ((v.held + v.given) if represented else 0)
        else:
            out = len(c.recused_present) if d.present else len(d.recused)
        counted = present + represented
        path = ("deliberations", i, "present" if d.present else "declared")
        args = {
            "present": present,
            "represented": represented,
            "counted": counted,
            "out": out,
            "counted_without": counted - out,
            "in_office": in_office,
            "date": on,
            **_threshold_args(spec, in_office),
        }
        key = "represented" if represented else _threshold_key(spec)
        if counted < minimum:
            yield Violation(path, key=key, args=args)
        elif out and counted - out < minimum:
            # Interested members do not count for the quorum even if they stay in the room (Sénat
            # QE n° 24626, 2007; CE 19/01/1983 Chauré): an error. Without an attendance list the
            # recused may have been absent anyway: a warning.
            severity = "error" if d.present else "warning"
            yield Violation(path, key=f"{key}_recused", args=args, severity=severity)


@rule("VOT006")
def outcome(dossier: Dossier, params: Params) -> Iterator[Violation]:
    """The stated outcome contradicts the tallies (absolute majority of votes cast, casting vote, unanimity)."""
    for i, d in deliberations(dossier):
        v = d.vote
        if v is None or v.for_ is None or d.election:  # candidates' votes decide no majority for/against
            continue
        against = v.against or 0
        cast = v.for_ + against
        if d.unanimous and against:
            yield Violation(("deliberations", i, "unanimous"), key="unanimous", args={"against": against})
        if d.decision is None:
            continue
        on = session_date(d)
        spec = params.at("majority", on)
        needed = threshold(spec, cast)
        args = {"for": v.for_, "against": against, "cast": cast, "majority": needed}
        tie = cast > 0 and v.for_ == against
        path = ("deliberations", i, "decision")
        if tie and not v.secret and recused_president(d) is not None:
            # an interested president takes no part: he has no casting vote (L2131-11, REC005)
            if d.decision == "adopted":
                yield Violation(path, key="tie_recused_president", args=args)
            continue
        if tie and not v.secret:
            continue  # the president's vote decides (L2121-20): either outcome is possible
        carried = cast > 0 and v.for_ >= needed
        if d.decision == "adopted" and not carried:
            yield Violation(path, key="tie_secret" if tie else "adopted", args=args)
        elif d.decision == "rejected" and carried:
            yield Violation(path, key="rejected", args=args)


@rule("VOT007")
def listed_twice(dossier: Dossier, ctx: Any) -> Iterator[Violation]:
    """The same member is listed twice (present and absent, present twice, absent twice, recused twice)."""
    for i, d in deliberations(dossier):
        seen: dict[tuple[str, ...], tuple[str, int]] = {}
        for part, members in (("present", d.present), ("absent", d.absent)):
            for j, member in enumerate(members):
                key = name_tokens(member.name)
                if not key:
                    continue
                first = seen.get(key)
                if first is None:
                    seen[key] = (part, j)
                    continue
                if part == "absent" and first[0] == "present" and has_proxy(member):
                    continue  # a giver listed present: PRX003 says so
                yield Violation(
                    ("deliberations", i, part, j),
                    key=f"{first[0]}_{part}",
                    args={"name": member.name, "first": members_name(d, first)},
                )
        recused: dict[tuple[str, ...], int] = {}
        for k, member in enumerate(d.recused):
            key = name_tokens(member.name)
            if key in recused:
                yield Violation(("deliberations", i, "recused", k), key="recused", args={"name": member.name})
            elif key:
                recused[key] = k
        if any(p.substitute_for for p in d.present):
            c = council(d, ctx)
            for j, member in enumerate(d.present):
                if not member.substitute_for:
                    continue
                _, where = c.find(member.substitute_for)
                if where and where[0] == "present" and where[1] != j:
                    yield Violation(
                        ("deliberations", i, "present", j, "substitute_for"),
                        key="substitute",
                        args={"name": member.name, "titular": d.present[where[1]].name},
                    )


def members_name(d: Deliberation, where: tuple[str, int]) -> str:
    part, j = where
    return (d.present if part == "present" else d.absent)[j].name


@rule("VOT008")
def printed_thresholds(dossier: Dossier, params: Params, ctx: Any) -> Iterator[Violation]:
    """A printed quorum or absolute majority does not match the counts and the regime in force."""
    for i, d in deliberations(dossier):
        declared = d.declared
        if declared is None:
            continue
        on = session_date(d)
        if declared.quorum is not None and d.members_in_office:
            spec = params.at("quorum", on)
            expected = threshold(spec, d.members_in_office)
            if declared.quorum != expected:
                yield Violation(
                    ("deliberations", i, "declared", "quorum"),
                    key=f"quorum_{_threshold_key(spec)}",
                    args={
                        "declared": declared.quorum,
                        "in_office": d.members_in_office,
                        "expected": expected,
                        "date": on,
                        **_threshold_args(spec, d.members_in_office),
                    },
                )
        if declared.absolute_majority is not None:
            spec = params.at("majority", on)
            bases = _majority_bases(d, ctx)
            if bases and declared.absolute_majority not in {threshold(spec, n) for n in bases.values()}:
                yield Violation(
                    ("deliberations", i, "declared", "absolute_majority"),
                    key="majority",
                    args={
                        "declared": declared.absolute_majority,
                        "expected": " / ".join(
                            str(n) for n in sorted({threshold(spec, n) for n in bases.values()})
                        ),
                        "cast": bases.get("cast", "—"),
                        "voters": bases.get("voters", bases.get("printed_voters", "—")),
                    },
                )


def _majority_bases(d: Deliberation, ctx: Any) -> dict[str, int]:
    """What acts compute the absolute majority on: votes cast (L2121-20), or the voters."""
    bases: dict[str, int] = {}
    if d.vote and d.vote.for_ is not None:
        bases["cast"] = d.vote.for_ + (d.vote.against or 0)
    v = voters(d, council(d, ctx))
    if v is not None:
        bases["voters"] = v.total
        bases["taking_part"] = v.taking_part
    if d.declared and d.declared.voters is not None:
        bases["printed_voters"] = d.declared.voters
    return {k: n for k, n in bases.items() if n > 0}


# --- PRX: proxies ----------------------------------------------------------------------------


@rule("PRX001")
def holder_not_present(dossier: Dossier, ctx: Any) -> Iterator[Violation]:
    """A named proxy holder is not among the members present."""
    for i, d in deliberations(dossier):
        if not d.present:
            continue  # the attendance list was not transcribed: nothing to compare
        for p in council(d, ctx).proxies:
            if p.holder is None or p.to_self or p.holder_present is not None:
                continue
            path = ("deliberations", i, "absent", p.index, "proxy_to")
            args = {"giver": p.giver, "holder": p.holder}
            if p.holder_absent is not None:
                yield Violation(path, key="absent", args={**args, "member": d.absent[p.holder_absent].name})
            elif p.match is not None and p.match.status == "ambiguous":
                yield Violation(path, key="ambiguous", args={**args, "candidates": list(p.match.candidates)})
            else:
                yield Violation(path, key="unknown", args=args)


@rule("PRX002")
def too_many_proxies(dossier: Dossier, params: Params, ctx: Any) -> Iterator[Violation]:
    """A member holds more proxies than allowed (one; two in the 2020-2022 health-emergency windows)."""
    for i, d in deliberations(dossier):
        on = session_date(d)
        allowed = int(params.at("proxies_per_member", on))
        held: dict[int, list[Proxy]] = {}
        for p in council(d, ctx).proxies:
            if p.holder_present is not None:
                held.setdefault(p.holder_present, []).append(p)
        for holder, proxies in held.items():
            if len(proxies) > allowed:
                yield Violation(
                    ("deliberations", i, "absent", proxies[allowed].index, "proxy_to"),
                    key="default",
                    args={
                        "holder": d.present[holder].name,
                        "count": len(proxies),
                        "givers": [p.giver for p in proxies],
                        "allowed": allowed,
                        "date": on,
                    },
                )


@rule("PRX003")
def invalid_giver(dossier: Dossier, ctx: Any) -> Iterator[Violation]:
    """A proxy giver is listed present, gives the proxy to himself, or his seat is held by his suppléant."""
    for i, d in deliberations(dossier):
        present_keys = {name_tokens(m.name) for m in d.present}
        c = council(d, ctx)
        to_self = {p.index for p in c.proxies if p.to_self}
        for j, member in enumerate(d.absent):
            if not has_proxy(member):
                continue
            path = ("deliberations", i, "absent", j)
            args = {"giver": member.name, "holder": member.proxy_to or "—"}
            if name_tokens(member.name) in present_keys:
                yield Violation(path, key="present", args=args)
            elif j in to_self:
                yield Violation(path, key="self", args=args)
            elif j in c.replaced_absent:
                yield Violation(path, key="replaced", args=args)


_REASONS = ("missing-part", "extra-part", "spelling", "initial")


@rule("PRX004")
def approximate_holder(dossier: Dossier, ctx: Any) -> Iterator[Violation]:
    """A proxy holder only approximately matches a present member: say which member it was resolved to."""
    for i, d in deliberations(dossier):
        for p in council(d, ctx).proxies:
            if p.holder_present is None or p.match is None or p.match.status != "approximate":
                continue
            yield Violation(
                ("deliberations", i, "absent", p.index, "proxy_to"),
                key=p.match.reason if p.match.reason in _REASONS else "default",
                args={"holder": p.holder, "member": d.present[p.holder_present].name, "giver": p.giver},
            )


RULES = [
    declared_counts, seats, declared_voters, vote_total, quorum, outcome, listed_twice, printed_thresholds,
    holder_not_present, too_many_proxies, invalid_giver, approximate_holder,
    recused_unknown, recused_proxy_counted, member_of_other_party,
]  # fmt: skip


@hookimpl
def ctg_rules_packs() -> list[Any]:
    return [builtin_pack("votes.yaml")]


@hookimpl
def ctg_rules_rules() -> list[Any]:
    return list(RULES)
