"""Built-in rules: vote totals, quorum, proxies and recusals (VOT, PRX, REC).

Every rule reads the same facts about a deliberation's lists (who is present, who gave a proxy
to whom, who did not take part), worked out by :func:`council` through the dossier's shared name
resolver: one pass over the lists, one indexed lookup per name, so a 1,000-member council costs
no more per member than a 30-member one.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from math import ceil, floor
from typing import Any

from ..api import Violation, rule
from ..hookspecs import hookimpl
from ..model import LOCAL_AUTHORITY_KINDS, Deliberation, Dossier, Party
from ..names import Match, NameResolver, is_chair_title, name_tokens, number_key, org_tokens
from ..packs import Params, builtin_pack
from . import deliberations, has_proxy

# --- what the lists say ------------------------------------------------------------------------


@dataclass(slots=True)
class Proxy:
    """A proxy given by an absent member (``absent[index]``)."""

    index: int
    giver: str
    holder: str | None  # as printed; None for `proxy: true`
    match: Match | None = None
    holder_present: int | None = None  # index in ``present`` of the member holding it
    holder_absent: int | None = None  # index in ``absent`` when the holder is listed absent
    to_self: bool = False

    @property
    def counts(self) -> bool:
        """Counts among the voters: its holder sits at the session, or the act does not name him."""
        return self.holder is None or self.holder_present is not None


@dataclass(slots=True)
class Council:
    """The facts of one deliberation's lists that the VOT/PRX/REC rules share."""

    d: Deliberation
    resolver: NameResolver
    proxies: list[Proxy] = field(default_factory=list)
    #: positions in ``recused`` of members found in neither list
    recused_unknown: list[int] = field(default_factory=list)
    recused_present: set[int] = field(default_factory=set)
    recused_absent: set[int] = field(default_factory=set)
    #: absent members whose seat a present suppléant holds (``substitute_for``)
    replaced_absent: set[int] = field(default_factory=set)

    @property
    def valid_proxies(self) -> list[Proxy]:
        return [p for p in self.proxies if p.counts]

    @property
    def held_by_recused(self) -> list[Proxy]:
        """Proxies held by a recused member present: neither his vote nor this one may be cast."""
        return [p for p in self.valid_proxies if p.holder_present in self.recused_present]

    @property
    def given_by_recused(self) -> list[Proxy]:
        """Proxies given by a recused member who is absent: his vote must not be cast either."""
        return [p for p in self.valid_proxies if p.index in self.recused_absent]

    def locate(self, match: Match) -> tuple[str, int] | None:
        """Which list and position a resolved name is in (the resolver's roster is present + absent)."""
        if match.index is None:
            return None
        n = len(self.d.present)
        return ("present", match.index) if match.index < n else ("absent", match.index - n)

    def find(self, name: str) -> tuple[Match, tuple[str, int] | None]:
        """Resolve a member's name; a name listed twice (VOT007's business) resolves to its present entry."""
        match = self.resolver.resolve(name)
        if match.resolved:
            return match, self.locate(match)
        if match.status == "ambiguous" and len({name_tokens(c) for c in match.candidates}) == 1:
            for index in match.candidate_indexes:
                if index < len(self.d.present):
                    found = Match("exact", self.resolver.names[index], index)
                    return found, ("present", index)
        return match, None


#: the last councils worked out, by their resolver (one per deliberation and dossier check): the
#: fifteen rules share one pass over the lists. Small, so that nothing outlives a few dossiers.
_COUNCILS: OrderedDict[int, tuple[NameResolver, Council]] = OrderedDict()


def council(d: Deliberation, ctx: Any) -> Council:
    """The facts of a deliberation's lists, worked out once per dossier check."""
    resolver = ctx.resolver(d)
    cached = _COUNCILS.get(id(resolver))
    if cached is not None and cached[0] is resolver and cached[1].d is d:
        return cached[1]
    c = _work_out(d, resolver)
    _COUNCILS[id(resolver)] = (resolver, c)
    while len(_COUNCILS) > 8:
        _COUNCILS.popitem(last=False)
    return c


def _work_out(d: Deliberation, resolver: NameResolver) -> Council:
    c = Council(d, resolver)
    for member in d.present:
        if member.substitute_for:
            _, where = c.find(member.substitute_for)
            if where and where[0] == "absent":
                c.replaced_absent.add(where[1])
    for j, member in enumerate(d.absent):
        if not has_proxy(member):
            continue
        proxy = Proxy(j, member.name, member.proxy_to or None)
        if proxy.holder:
            if name_tokens(proxy.holder) == name_tokens(member.name):
                proxy.to_self = True
            else:
                proxy.match, where = c.find(proxy.holder)
                if where and where[0] == "present":
                    proxy.holder_present = where[1]
                elif where:
                    proxy.to_self = where[1] == j
                    proxy.holder_absent = None if proxy.to_self else where[1]
        c.proxies.append(proxy)
    for k, member in enumerate(d.recused):
        _, where = c.find(member.name)
        if where is None:
            c.recused_unknown.append(k)
            continue
        (c.recused_present if where[0] == "present" else c.recused_absent).add(where[1])
    return c


def session_date(d: Deliberation) -> date:
    """The session date; without a real one (absent, "XX"), today: the rules in force now apply."""
    value = d.session.date if d.session else None
    return value if isinstance(value, date) else date.today()


_THRESHOLD_RE = re.compile(r"^\s*(>=|>)\s*(\d+)\s*/\s*(\d+)\s*$")


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


def tally(d: Deliberation) -> int | None:
    """for + against + abstentions + blank, when the act prints at least the votes for."""
    v = d.vote
    if v is None or v.for_ is None:
        return None
    return v.for_ + (v.against or 0) + (v.abstentions or 0) + (v.blank or 0)


def absent_listed(d: Deliberation) -> bool:
    """The absent list is known: it names someone, it is written out even empty (`absent: []`:
    nobody absent), or those present fill every seat. A missing `absent` key is not a transcription."""
    return (
        bool(d.absent)
        or "absent" in d.model_fields_set
        or (bool(d.present) and d.members_in_office is not None and len(d.present) >= d.members_in_office)
    )


def _present_count(d: Deliberation) -> int | None:
    if d.present:
        return len(d.present)
    return d.declared.present if d.declared else None


def _proxy_count(d: Deliberation, c: Council) -> int | None:
    """Proxies that count among the voters; None when the act's lists do not say."""
    if absent_listed(d):
        return len(c.valid_proxies)
    if d.declared and d.declared.represented is not None:
        return d.declared.represented
    if d.declared and d.declared.absent == 0:
        return 0
    return None


@dataclass(slots=True)
class Voters:
    """Who could vote and who did not take part."""

    present: int
    proxies: int
    own: int  # recused members present (their own votes)
    held: int  # proxies held by recused members
    given: int  # proxies given by recused absent members
    from_lists: bool

    @property
    def total(self) -> int:
        return self.present + self.proxies

    @property
    def out(self) -> int:
        return self.own + self.held + self.given

    @property
    def taking_part(self) -> int:
        return self.total - self.out


def voters(d: Deliberation, c: Council) -> Voters | None:
    """Present + proxies, and those who did not take part, from the lists or the printed counts."""
    present, proxies = _present_count(d), _proxy_count(d, c)
    if present is None or proxies is None:
        return None
    if d.present:
        return Voters(
            present, proxies, len(c.recused_present), len(c.held_by_recused), len(c.given_by_recused), True
        )
    # no list: recused members are assumed present and holding nothing (the lenient reading)
    return Voters(present, proxies, len(d.recused), 0, 0, False)


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


def _tally_args(d: Deliberation) -> dict[str, Any]:
    v = d.vote
    assert v is not None
    return {
        "for": v.for_ or 0,
        "against": v.against or 0,
        "abstentions": v.abstentions or 0,
        "blank": v.blank or 0,
        "sum": tally(d),
    }


def _recusal_explains(c: Council, v: Voters, counted: int) -> bool:
    """The tally is off exactly by the proxies of recused members (REC002 reports it)."""
    extra = counted - v.taking_part
    return extra > 0 and extra in {v.held, v.given, v.held + v.given}


@rule("VOT004")
def vote_total(dossier: Dossier, ctx: Any) -> Iterator[Violation]:
    """for + against + abstentions + blank differs from the voters minus those who did not take part."""
    for i, d in deliberations(dossier):
        counted = tally(d)
        if counted is None:
            continue
        c = council(d, ctx)
        v = voters(d, c)
        args = _tally_args(d)
        if v is not None and v.from_lists:
            if counted == v.taking_part or _recusal_explains(c, v, counted):
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
        present = _present_count(d)
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
        if v is None or v.for_ is None:
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


# --- REC: recusals ---------------------------------------------------------------------------


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
        if v is None or not _recusal_explains(c, v, counted):
            continue
        extra = counted - v.taking_part
        held, given = c.held_by_recused, c.given_by_recused
        args = {
            **_tally_args(d),
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
