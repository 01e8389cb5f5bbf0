"""The generic picker: the best scored candidate wins, the first printed on a tie, its reason kept."""

from __future__ import annotations

from datetime import date

from ctg_rules.extract.deliberation.picker import Candidate, pick
from tests.reader_helpers import BASE, reader


def test_no_candidate_picks_nothing() -> None:
    assert pick([]) == (None, 0)
    r = reader("Séance du 3 mars 2024\n")
    assert r.choose((*BASE, "session", "date"), iter(())) is None
    assert r.out.get((*BASE, "session", "date")) is None
    assert r.out.reasons == {}


def test_highest_score_wins_whatever_its_place() -> None:
    low = Candidate("a", 5, 1, "seule")
    high = Candidate("b", 40, 3, "titre")
    assert pick([low, high]) == (high, 2)
    assert pick([high, low]) == (high, 2)
    assert pick(iter([low, Candidate("c", 2, 2.5, "x"), high])) == (high, 3)


def test_on_a_tie_the_first_printed_wins() -> None:
    later = Candidate("later", 90, 2, "b")
    earlier = Candidate("earlier", 10, 2, "a")
    assert pick([later, earlier])[0] is earlier
    assert pick([earlier, later])[0] is earlier


def test_choose_writes_the_value_its_position_and_its_reason() -> None:
    r = reader("Conseil municipal\nSéance du 3 mars 2024\nLe 4 mars 2024\n")
    path = (*BASE, "session", "date")
    best = r.choose(
        path,
        [
            Candidate(date(2024, 3, 4), 40, 1, "date seule"),
            Candidate(date(2024, 3, 3), 28, 3, "titre de séance"),
        ],
    )
    assert best is not None and best.value == date(2024, 3, 3)
    assert r.out.get(path) == date(2024, 3, 3)
    position = r.out.sources[path]
    assert (position.line, position.column) == (2, 11)
    assert r.out.reasons[path] == "titre de séance (score 3, 1 autre(s) écartée(s))"


def test_a_lone_candidate_says_no_other_was_weighed() -> None:
    r = reader("Séance du 3 mars 2024\n")
    path = (*BASE, "session", "date")
    r.choose(path, [Candidate(date(2024, 3, 3), 10, 2.5, "date en lettres")])
    assert r.out.reasons[path] == "date en lettres (score 2.5)"


def test_three_candidates_two_set_aside() -> None:
    r = reader("x\n")
    path = (*BASE, "number")
    r.choose(path, [Candidate("1", 0, 1, "a"), Candidate("2", 1, 1, "b"), Candidate("3", 2, 4, "c")])
    assert r.out.get(path) == "3"
    assert r.out.reasons[path] == "c (score 4, 2 autre(s) écartée(s))"
