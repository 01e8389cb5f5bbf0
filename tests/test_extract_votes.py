"""Votes as acts print them: tallies in any order, in words, unanimity with or without the word.

Each extract is written for the test (invented names and figures), after layouts seen in real acts.
"""

from __future__ import annotations

from typing import Any

import pytest

from ctg_rules.extract import extract_text

HEAD = """EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL
Séance du 12 mars 2024
Nombre de conseillers en exercice : 23
Présents : 18
Votants : 21
Objet : Subvention au comité des fêtes
"""


def _first(text: str) -> dict[str, Any]:
    return extract_text(HEAD + text).data["deliberations"][0]


@pytest.mark.parametrize(
    ("body", "vote"),
    [
        # a vote table, one label a line, and the same inline
        ("Pour : 18\nContre : 2\nAbstentions : 1\n", {"for": 18, "against": 2, "abstentions": 1}),
        ("VOTE : Pour : 18 Contre : / Abstention : 3\n", {"for": 18, "against": 0, "abstentions": 3}),
        # labels after the figures, in any order, with slashes or commas between them
        ("Vote : 14 pour / 0 contre / 0 abstention adopté\n", {"for": 14, "against": 0, "abstentions": 0}),
        ("0 contre, 2 abstentions, 19 pour\n", {"for": 19, "against": 0, "abstentions": 2}),
        ("Adopté par 17 voix pour et 2 abstentions.\n", {"for": 17, "abstentions": 2}),
        # figures in words
        ("Adopté par dix-neuf voix pour et deux voix contre.\n", {"for": 19, "against": 2}),
        # a table with the label before the figure and no colon
        ("Le Conseil DECIDE à l'unanimité d'accorder la subvention.\nPour 21\nAbstention 0\nContre 0\n",
         {"for": 21, "against": 0, "abstentions": 0}),
    ],
)  # fmt: skip
def test_tallies(body: str, vote: dict[str, int]) -> None:
    assert _first(body)["vote"] == vote


def test_plain_unanimity_is_nobody_against_and_no_abstention_with_the_voters_for() -> None:
    d = _first("Après en avoir délibéré, le Conseil adopte à l'unanimité.\n")
    assert d["unanimous"] is True
    assert d["vote"] == {"for": 21, "against": 0, "abstentions": 0}  # "Votants : 21" printed above


@pytest.mark.parametrize(
    "wording",
    [
        "Le projet est adopté sans opposition ni abstention.",
        "La proposition est approuvée par l'ensemble des membres présents.",
        "Le Conseil approuve unanimement la proposition.",
    ],
)
def test_unanimity_without_the_word(wording: str) -> None:
    d = _first(wording + "\n")
    assert d["vote"]["against"] == 0 and d["vote"]["abstentions"] == 0


def test_unanimity_of_votes_cast_with_abstentions_named() -> None:
    d = _first("Adopté à l'unanimité des suffrages exprimés, M. Paul ROUX et Mme Anne VIDAL s'abstenant.\n")
    assert d["vote"] == {"against": 0, "abstentions": 2}
    assert "unanimous" not in d  # not every voter voted for
    d = _first("Adopté à l'unanimité des votants (19 voix), 2 abstentions.\n")
    assert d["vote"] == {"for": 19, "against": 0, "abstentions": 2}


def test_figures_quoted_from_another_vote_are_not_this_vote() -> None:
    d = _first(
        "M. ROUX signale que le compte rendu porte 11 voix pour au lieu de 12 voix pour.\n"
        "Le Conseil adopte la délibération par 20 voix pour et 1 voix contre.\n"
    )
    assert d["vote"] == {"for": 20, "against": 1}


def test_prose_with_a_count_in_words_is_not_a_vote() -> None:
    d = _first("Un vote favorable ouvre droit au fonds de concours.\n12 votes pour\n")
    assert d["vote"] == {"for": 12}
