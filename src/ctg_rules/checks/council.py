"""What a deliberation's lists say, shared by the vote, proxy and recusal rules (VOT, PRX, REC).

Who is present, who gave a proxy to whom, who did not take part, how many could vote: worked
out by :func:`council` through the dossier's shared name resolver, once per deliberation and
dossier check (one pass over the lists, one indexed lookup per name, so a 1,000-member council
costs no more per member than a 30-member one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Deliberation
from ..names import Match, NameResolver, name_tokens
from . import has_proxy

__all__ = [
    "Council", "Proxy", "Voters", "absent_listed", "council", "present_count", "recusal_explains", "tally",
    "tally_args", "voters",
]  # fmt: skip


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


def council(d: Deliberation, ctx: Any) -> Council:
    """The facts of a deliberation's lists, worked out once per dossier check (a memo on the
    rule context: the fifteen rules share one pass over the lists, and nothing outlives it)."""
    return ctx.memo(("council", id(d)), lambda: work_out(d, ctx.resolver(d)))  # type: ignore[no-any-return]


def work_out(d: Deliberation, resolver: NameResolver) -> Council:
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


def present_count(d: Deliberation) -> int | None:
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
    present, proxies = present_count(d), _proxy_count(d, c)
    if present is None or proxies is None:
        return None
    if d.present:
        return Voters(
            present, proxies, len(c.recused_present), len(c.held_by_recused), len(c.given_by_recused), True
        )
    # no list: recused members are assumed present and holding nothing (the lenient reading)
    return Voters(present, proxies, len(d.recused), 0, 0, False)


def tally_args(d: Deliberation) -> dict[str, Any]:
    """The tallies as a message's arguments (``sum``: their total)."""
    v = d.vote
    assert v is not None
    return {
        "for": v.for_ or 0,
        "against": v.against or 0,
        "abstentions": v.abstentions or 0,
        "blank": v.blank or 0,
        "sum": tally(d),
    }


def recusal_explains(c: Council, v: Voters, counted: int) -> bool:
    """The tally is off exactly by the proxies of recused members (REC002 reports it)."""
    extra = counted - v.taking_part
    return extra > 0 and extra in {v.held, v.given, v.held + v.given}
