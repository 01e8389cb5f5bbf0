"""The facts the VOT/PRX/REC rules share (checks/council.py), by direct calls: who holds each
proxy, who is replaced, who is recused where, how many could vote."""

from __future__ import annotations

from typing import Any

from ctg_rules.checks.council import Voters, present_count, recusal_explains, voters, work_out
from ctg_rules.model import Deliberation
from ctg_rules.names import Match, NameResolver


def deliberation(**fields: Any) -> Deliberation:
    return Deliberation.model_validate(fields)


def worked_out(d: Deliberation):
    return work_out(d, NameResolver([m.name for m in d.present] + [m.name for m in d.absent]))


def test_a_name_listed_twice_among_those_present_holds_the_proxy_as_its_first_entry() -> None:
    d = deliberation(
        present=["Paul DURAND", "Anne MARTIN", "Anne MARTIN"],
        absent=[{"name": "Marc ARNAL", "proxy_to": "Anne MARTIN"}],
    )
    [proxy] = worked_out(d).proxies
    assert proxy.match == Match("exact", "Anne MARTIN", 1)
    assert (proxy.holder_present, proxy.holder_absent, proxy.to_self) == (1, None, False)


def test_a_name_listed_twice_only_among_the_absent_is_no_one_present() -> None:
    d = deliberation(present=["Paul DURAND"], absent=["Anne MARTIN", "Anne MARTIN"], recused=["Anne MARTIN"])
    c = worked_out(d)
    assert (c.recused_unknown, c.recused_present, c.recused_absent) == ([0], set(), set())


def test_a_proxy_whose_holder_resolves_to_its_own_giver_is_given_to_self() -> None:
    d = deliberation(present=["Paul DURAND"], absent=[{"name": "Jean DUPONT", "proxy_to": "M. DUPONT"}])
    [proxy] = worked_out(d).proxies
    assert (proxy.to_self, proxy.holder_absent, proxy.holder_present) == (True, None, None)
    assert not proxy.counts  # nobody present holds it


def test_a_proxy_held_by_another_absent_member_names_him() -> None:
    d = deliberation(
        present=["Paul DURAND"], absent=[{"name": "Jean DUPONT", "proxy_to": "Anne MARTIN"}, "Anne MARTIN"]
    )
    [proxy] = worked_out(d).proxies
    assert (proxy.to_self, proxy.holder_absent, proxy.holder_present) == (False, 1, None)


def test_a_suppleant_replaces_only_a_member_listed_absent() -> None:
    d = deliberation(
        present=[
            "Paul DURAND",
            {"name": "Luc BLANC", "substitute_for": "Paul DURAND"},  # listed present: replaces no one
            {"name": "Eve NOIR", "substitute_for": "Zoé INCONNUE"},  # listed nowhere
            {"name": "Léa ROUX", "substitute_for": "Anne MARTIN"},
        ],
        absent=["Anne MARTIN"],
    )
    assert worked_out(d).replaced_absent == {0}


def test_every_recused_member_is_placed_after_one_found_in_neither_list() -> None:
    d = deliberation(
        present=["Paul DURAND", "Luc BLANC"],
        absent=["Anne MARTIN"],
        recused=["Zoé INCONNUE", "Luc BLANC", "Anne MARTIN"],
    )
    c = worked_out(d)
    assert (c.recused_unknown, c.recused_present, c.recused_absent) == ([0], {1}, {0})


def test_printed_counts_alone_give_the_voters_and_no_proxy_when_nobody_is_absent() -> None:
    d = deliberation(declared={"present": 10, "absent": 0}, recused=["Paul DURAND"])
    assert voters(d, worked_out(d)) == Voters(10, 0, 1, 0, 0, False)
    one_absent = deliberation(declared={"present": 10, "absent": 1})
    assert voters(one_absent, worked_out(one_absent)) is None  # his proxy may or may not count


def test_no_list_and_no_printed_count_give_no_present_count() -> None:
    assert present_count(deliberation()) is None
    assert present_count(deliberation(declared={"absent": 2})) is None


def test_a_tally_off_by_both_kinds_of_recused_proxies_is_explained() -> None:
    v = Voters(present=10, proxies=4, own=1, held=2, given=1, from_lists=True)  # 14 - 4 take part
    assert [recusal_explains(None, v, counted) for counted in (10, 11, 12, 13, 14)] == [
        False, True, True, True, False,
    ]  # fmt: skip
