"""The name resolver every rule shares."""

from __future__ import annotations

import random
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctg_rules.checks.names import _WORD, _text_words
from ctg_rules.names import (
    NameResolver,
    compare_names,
    fold,
    fold_words,
    is_chair_title,
    name_tokens,
    near_reason,
    roles_match,
)

ROSTER = ["VALENTIN Denis", "SAGNET-POUGET Valérie", "FABRE Jean", "VALENTIN Christine",
          "ROCHEREAU-POUGET Bernadette", "SALEIL Jean-Claude", "DE SOUSA Guy"]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "status", "name"),
    [
        ("SAGNET-POUGET Valérie", "exact", "SAGNET-POUGET Valérie"),
        ("Mme Valérie Sagnet-Pouget", "exact", "SAGNET-POUGET Valérie"),
        ("sagnet pouget valerie", "exact", "SAGNET-POUGET Valérie"),
        ("POUGET Valérie", "approximate", "SAGNET-POUGET Valérie"),
        ("SALEIL Jean-Claud", "approximate", "SALEIL Jean-Claude"),
        ("J. FABRE", "approximate", "FABRE Jean"),
        ("Guy de Sousa", "exact", "DE SOUSA Guy"),
        ("M. le Président", "exact", "SALEIL Jean-Claude"),
        ("Monsieur le Maire", "exact", "SALEIL Jean-Claude"),
        ("VALENTIN", "ambiguous", None),
        ("POUGET", "unresolved", None),  # two parts missing
        ("DUPONT Jean", "unresolved", None),
        ("", "unresolved", None),
    ],
)
def test_resolution(query: str, status: str, name: str | None) -> None:
    match = NameResolver(ROSTER, chair="SALEIL Jean-Claude").resolve(query)
    assert (match.status, match.name) == (status, name)


def test_two_people_with_the_same_name_are_ambiguous() -> None:
    assert NameResolver(["MARTIN Anne", "Anne MARTIN"]).resolve("MARTIN Anne").status == "ambiguous"


def test_helpers() -> None:
    assert name_tokens("M. Jean-Claude SALEIL") == ("claude", "jean", "saleil")
    assert is_chair_title("Madame la Présidente") and not is_chair_title("Président Dupont")
    assert compare_names("PERRIN Nicolas", "Nicolas Perrin") == "exact"
    assert compare_names("PERRIN Nicolas", "PERIN Nicolas") == "approximate"
    assert compare_names("PERRIN Nicolas", "DURAND Luc") == "unresolved"


@given(st.text(st.characters(codec="utf-8"), max_size=60) | st.sampled_from(["Œuvre", "¼ Ⅻ ß", "ﬁn İle"]))
def test_folding_words_at_once_folds_each_word(text: str) -> None:
    words = _WORD.findall(text)
    assert fold_words(words) == [fold(w).replace(" ", "") for w in words] if words else True
    assert fold_words(["Lozère", "Œuvres", "CAF"]) == ["lozere", "oeuvres", "caf"]


@given(
    st.text(st.characters(codec="utf-8"), max_size=80)
    | st.sampled_from(["Vu la délibération n°12 du\xa05 mai"])
)
def test_a_text_cut_at_white_space_gives_the_words_of_the_whole_text(text: str) -> None:
    words = _WORD.findall(text)
    expected = tuple(zip(words, fold_words(words), strict=True)) if words else ()
    assert _text_words.__wrapped__(text) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("Président", "Le Président du conseil", True), ("Président", "Vice-Président", False),
     ("Adjointe au Maire", "L'adjointe au Maire", True), ("Directrice Générale", "La Directrice Générale", True),
     ("Présidente", "Le Président", True), ("Directeur", "Président", False), (None, "Maire", True)],
)  # fmt: skip
def test_roles_compare_loosely(a: str | None, b: str, same: bool) -> None:
    assert roles_match(a, b) is same


def big_roster() -> tuple[list[str], list[str]]:
    """1,000 members, and 3,000 names to resolve: each member, each one letter off, strangers."""
    rng = random.Random(7)

    def word(n: int) -> str:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(n))

    firsts = [word(6).capitalize() for _ in range(80)]
    roster = [f"{word(8).upper()} {rng.choice(firsts)}" for _ in range(1000)]
    queries = (
        roster
        + [f"{n.split()[0][:-1]}Z {n.split()[1]}" for n in roster]
        + [f"{word(8)} {word(6)}" for _ in roster]
    )
    return roster, queries


def test_a_thousand_member_roster_resolves_each_kind_of_name() -> None:
    roster, queries = big_roster()  # its time: benchmarks/budgets.py
    resolver = NameResolver(roster)
    statuses = [resolver.resolve(q).status for q in queries]
    assert statuses[:1000].count("exact") == 1000
    assert statuses[1000:2000].count("approximate") > 950
    assert statuses[2000:].count("unresolved") > 990


_PARTS = [
    "Jean",
    "Jean-Claude",
    "SALEIL",
    "SALEILL",
    "J.",
    "POUGET",
    "SAGNET-POUGET",
    "Valérie",
    "Mme",
    "le Maire",
    "DE",
    "Sousa",
]


@given(st.lists(st.sampled_from(_PARTS), max_size=4), st.lists(st.sampled_from(_PARTS), max_size=4))
def test_near_reason_is_what_a_one_name_roster_says(a: list[str], b: list[str]) -> None:
    name_a, name_b = " ".join(a), " ".join(b)
    match = NameResolver([name_b]).resolve(name_a)
    assert near_reason(name_a, name_b) == (match.reason if match.status == "approximate" else "")
    assert compare_names(name_a, name_b) == match.status


@given(st.lists(st.sampled_from(_PARTS), max_size=4))
def test_a_name_sharing_no_part_with_the_roster_resolves_to_no_slip(parts: list[str]) -> None:
    resolver = NameResolver(ROSTER, chair="SALEIL Jean-Claude")
    name = " ".join(parts)
    if not resolver.shares_a_part(name):
        match = resolver.resolve(name)
        assert match.status != "approximate" and (match.status == "unresolved" or match.reason == "chair")
