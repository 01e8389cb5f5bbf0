"""Property: a consistent council gives no VOT/PRX/REC finding; changing any one count is caught.

Hypothesis draws councils of random size with substitutes, proxies (named, unnamed, held by
interested members), recusals, votes, outcomes and session dates across the 2020-2022 health
windows, and prints the counts either way acts print them. Then every printed count is changed
in turn; a change that lands on another accepted reading of the same figure (documented in the
pack: absentees with or without the represented, voters with or without those not taking part,
the absolute majority on votes cast or on voters) is not a defect and is skipped by name.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctg_rules.checks.votes import threshold
from ctg_rules.engine import Engine, Options, registry
from ctg_rules.model import Dossier

FAMILIES = ("VOT", "PRX", "REC")
SURNAMES = [
    "ALBOUY", "BARDOU", "CAYLA", "DELPRAT", "ESPINASSE", "FALGUIER", "GALZIN", "HERMET", "IZARN",
    "JOUVE", "LACAS", "MALAVAL", "NOGARET", "OLIVIER", "PAGES", "QUINTIN", "RAMADIER", "SALLES",
    "TEISSEDRE", "URBAIN", "VIDALENC", "WALTER", "YMONET", "ZANCHI",
]  # fmt: skip
GIVEN = ["Alain", "Brigitte", "Cédric", "Danièle", "Étienne", "Françoise", "Gilles", "Hélène", "Igor",
         "Josiane", "Karine", "Lucien", "Michèle", "Noël", "Odile", "Pascal"]  # fmt: skip


def _engine() -> Engine:
    return Engine(Options(builtins_only=True, select=FAMILIES))


ENGINE = _engine()
PARAMS = registry(builtins_only=True)


def person(i: int) -> str:
    """Distinct people: surname and first name from the lists, a suffix word beyond them."""
    surname = SURNAMES[i % len(SURNAMES)]
    first = GIVEN[(i // len(SURNAMES)) % len(GIVEN)]
    extra = i // (len(SURNAMES) * len(GIVEN))
    return f"{surname}{'-' + SURNAMES[extra - 1] if extra else ''} {first}"


def written(name: str, style: int) -> str:
    """The same person as acts write a proxy holder: order, case, civility vary (exact matches)."""
    surname, first = name.rsplit(" ", 1)
    return [name, f"{first} {surname}", f"M. {first} {surname.title()}", name.lower()][style]


@st.composite
def councils(draw: Any) -> tuple[dict[str, Any], dict[str, set[int]]]:
    """A consistent deliberation, and for each count the other values that are accepted readings."""
    on = draw(st.dates(date(2019, 1, 1), date(2025, 12, 31)))
    allowed = PARAMS.params("PRX002", None).at("proxies_per_member", on)
    quorum_rule = PARAMS.params("VOT005", None).at("quorum", on)
    seats = draw(st.integers(3, 60))
    names = [person(i) for i in range(seats + 10)]
    minimum = threshold(quorum_rule, seats)
    second = draw(st.integers(0, 9)) == 0  # a second convocation now and then: no quorum
    n_present = draw(st.integers(1 if second else minimum, seats))
    titulars_present, absent = names[:n_present], names[n_present:seats]
    # absent titulars replaced by a suppléant sitting in their place (one seat each)
    n_replaced = draw(st.integers(0, min(2, len(absent))))
    replaced = absent[:n_replaced]
    substitutes = [{"name": names[seats + k], "substitute_for": t} for k, t in enumerate(replaced)]
    present_names = titulars_present + [s["name"] for s in substitutes]
    # recusals among the titulars present but the president (who chairs: REC005), keeping the
    # quorum even once they withdraw
    room = len(present_names) - (0 if second else minimum)
    n_recused = draw(st.integers(0, max(0, min(3, room, len(titulars_present) - 1))))
    recused_present = draw(st.permutations(titulars_present[1:]))[:n_recused]
    # proxies from the absent titulars who were not replaced, within the limit per holder
    load: dict[str, int] = {}
    absent_entries: list[Any] = []
    held_by_recused = given_by_recused = 0
    recused_absent: list[str] = []
    for name in absent:
        if name in replaced or not draw(st.booleans()):
            absent_entries.append(name)
            continue
        holders = [h for h in present_names if load.get(h, 0) < allowed]
        if not holders or draw(st.integers(0, 5)) == 0:
            absent_entries.append({"name": name, "proxy": True})
            holder = None
        else:
            holder = draw(st.sampled_from(holders))
            load[holder] = load.get(holder, 0) + 1
            absent_entries.append({"name": name, "proxy_to": written(holder, draw(st.integers(0, 3)))})
        if holder is not None and holder in recused_present:
            held_by_recused += 1
        elif draw(st.integers(0, 7)) == 0:  # an interested member who is absent
            recused_absent.append(name)
            given_by_recused += 1
    represented = sum(1 for a in absent_entries if isinstance(a, dict))
    voters = len(present_names) + represented
    out = len(recused_present) + held_by_recused + given_by_recused
    taking_part = voters - out
    # the votes: taking_part split four ways, and an outcome that agrees with them
    a = draw(st.integers(0, taking_part))
    b = draw(st.integers(0, taking_part - a))
    c = draw(st.integers(0, taking_part - a - b))
    tallies = {"for": a, "against": b, "abstentions": c, "blank": taking_part - a - b - c}
    secret = draw(st.booleans())
    cast = a + b
    if cast and a == b and not secret:
        decision = draw(st.sampled_from(["adopted", "rejected"]))
    else:
        decision = "adopted" if cast and a >= threshold("> 1/2", cast) else "rejected"
    absent_printed = draw(st.sampled_from([len(absent_entries), len(absent_entries) - represented]))
    voters_printed = draw(st.sampled_from([voters, taking_part]))
    bases = {n for n in (cast, voters, taking_part, voters_printed) if n > 0}
    majority = threshold("> 1/2", draw(st.sampled_from(sorted(bases)))) if bases else None
    declared = {
        "present": len(present_names),
        "represented": represented,
        "absent": absent_printed,
        "voters": voters_printed,
        "quorum": minimum,
        "absolute_majority": majority,
    }
    # absent data is no defect: any printed figure may be missing
    declared = {k: v for k, v in declared.items() if v is not None and draw(st.booleans())}
    deliberation = {
        "number": "P1",
        "session": {"date": on, "second_convocation": second, "president": present_names[0]},
        "members_in_office": seats,
        "declared": declared,
        "present": titulars_present + substitutes,
        "absent": absent_entries,
        "recused": [*recused_present, *({"name": n, "reason": "intéressé"} for n in recused_absent)],
        "vote": {**tallies, "secret": secret},
        "decision": decision,
        "unanimous": draw(st.booleans()) and decision == "adopted" and b == 0 and a > 0,
    }
    accepted = {
        "absent": {len(absent_entries), len(absent_entries) - represented},
        "voters": {voters, taking_part},
        "absolute_majority": {threshold("> 1/2", n) for n in bases},
    }
    return {"ctg_rules": 1, "deliberations": [deliberation]}, accepted


def findings(data: dict[str, Any]) -> list[Any]:
    return ENGINE.check_dossier(Dossier.model_validate(data)).findings


def count_fields(deliberation: dict[str, Any]) -> list[tuple[str, ...]]:
    fields = [("members_in_office",)]
    fields += [("declared", k) for k in deliberation["declared"]]
    fields += [("vote", k) for k in ("for", "against", "abstentions", "blank")]
    return fields


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(councils(), st.integers(1, 3), st.booleans())
def test_consistent_council_is_clean_and_any_changed_count_is_caught(
    drawn: tuple[dict[str, Any], dict[str, set[int]]], delta: int, up: bool
) -> None:
    data, accepted = drawn
    found = findings(data)
    assert found == [], [(f.code, f.message) for f in found]
    for field in count_fields(data["deliberations"][0]):
        changed = copy.deepcopy(data)
        holder = changed["deliberations"][0]
        for part in field[:-1]:
            holder = holder[part]
        value = holder[field[-1]]
        new = value + delta if up or value < delta else value - delta
        if new in accepted.get(field[-1], ()) and field[0] == "declared":
            continue  # another accepted reading of the same printed figure
        holder[field[-1]] = new
        assert findings(changed), f"{'.'.join(field)}: {value} -> {new} not caught"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(councils())
def test_printed_voters_at_the_boundaries(drawn: tuple[dict[str, Any], dict[str, set[int]]]) -> None:
    # "Votants" is present + represented (or that less those not taking part), never the present
    # alone when proxies were given: each neighbouring figure is tried, not left to chance.
    data, accepted = drawn
    deliberation = data["deliberations"][0]
    present = len(deliberation["present"])
    represented = sum(1 for a in deliberation["absent"] if isinstance(a, dict))
    for printed in {
        present,
        present + represented,
        present + represented + 1,
        present - 1,
        *accepted["voters"],
    }:
        if printed < 0:
            continue
        changed = copy.deepcopy(data)
        changed["deliberations"][0]["declared"]["voters"] = printed
        vot003 = [f for f in findings(changed) if f.code == "VOT003"]
        if printed in accepted["voters"]:
            assert vot003 == [], (printed, accepted["voters"])
        else:
            assert [f.line for f in vot003] == [vot003[0].line], (printed, present, represented)
            assert f"{printed}" in vot003[0].message


def test_voters_equal_to_the_present_are_caught_when_a_proxy_was_given() -> None:
    deliberation = {
        "number": "B1",
        "members_in_office": 5,
        "declared": {"present": 3, "voters": 3},
        "present": [person(0), person(1), person(2)],
        "absent": [{"name": person(3), "proxy_to": person(0)}, person(4)],
        "vote": {"for": 4, "against": 0},
    }
    found = findings({"ctg_rules": 1, "deliberations": [deliberation]})
    assert [(f.code, f.severity) for f in found] == [("VOT003", "error")]
    deliberation["declared"]["voters"] = 4
    assert findings({"ctg_rules": 1, "deliberations": [deliberation]}) == []
