"""Recusals (extract/deliberation/recusals.py): who does not take part in an item's vote, and why.

Direct calls of the reader on short extracts with invented names: each wording of a recusal, the
names before it or after a colon, the reason ("en tant que ..."), and where each name is printed.
"""

from __future__ import annotations

import pytest

from ctg_rules.extract.deliberation.recusals import RecusalsReader
from ctg_rules.extract.positions import Extraction, Source


def _recused(text: str) -> tuple[list[object] | None, list[tuple[int, int]]]:
    """The recused members read from a text, and where each is printed (line, column)."""
    src, out = Source(text), Extraction()
    RecusalsReader(src, out, 0, len(src.text)).recusals(("d",), 0, len(src.text))
    found = out.data.get("d", {}).get("recused")
    at = [(p.line, p.column) for path, p in out.sources.items() if len(path) == 3]
    return found, at


@pytest.mark.parametrize(
    "verb",
    [
        "ne prend pas part au vote",
        "ne participe pas au vote",
        "ne prend pas part à la délibération",
        "ne participe pas à ce vote",
        "ne prend pas part à cette délibération",
        "ne participe pas au débat",
        "n'a pas pris part au vote",
        "n'a pas pris part à la délibération",
        "se retire",
        "s'est retirée",
        "quitte la salle",
    ],
)
def test_each_wording_of_a_recusal(verb: str) -> None:
    assert _recused(f"Le rapport est présenté. M. Jean DURAND {verb}.") == (["Jean DURAND"], [(1, 29)])


@pytest.mark.parametrize(
    "verb",
    [
        "ne prennent pas part au vote",
        "ne participent pas au vote",
        "n'ont pas pris part au vote",
        "se retirent",
        "quittent la salle",
    ],
)
def test_plural_wordings_name_everyone_before_them(verb: str) -> None:
    assert _recused(f"Jean DURAND et Claire ROBIN {verb}.") == (
        ["Jean DURAND", "Claire ROBIN"],
        [(1, 1), (1, 16)],
    )
    assert _recused(f"Jean DURAND, Claire ROBIN {verb}.") == (
        ["Jean DURAND", "Claire ROBIN"],
        [(1, 1), (1, 14)],
    )


def test_the_names_after_a_colon() -> None:
    text = "Ne prend pas part au vote : Mme Claire ROBIN, M. Jean DURAND\nLe conseil adopte."
    assert _recused(text) == (["Claire ROBIN", "Jean DURAND"], [(1, 33), (1, 50)])


def test_the_reason_of_each_named_after_a_civility() -> None:
    text = (
        "Monsieur Jean DURAND en tant que Président de l'association et Madame Claire ROBIN et "
        "Monsieur Paul MARTIN en tant qu'agents de la commune ne prennent pas part au vote."
    )
    found, at = _recused(text)
    assert found == [
        {"name": "Jean DURAND", "reason": "Président de l'association"},
        {"name": "Claire ROBIN", "reason": "agents de la commune"},  # "X et Y en tant qu'agents": theirs too
        {"name": "Paul MARTIN", "reason": "agents de la commune"},
    ]
    assert at == [(1, 10), (1, 71), (1, 96)]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Mme Anne PETIT en qualité d'adjointe se retire", "adjointe"),
        ("M. Jean DURAND en sa qualité de président ne participe pas au vote", "président"),
        ("M. Jean DURAND, intéressé, quitte la salle.", "intéressé"),
    ],
)
def test_the_reason_after_an_abbreviated_civility(text: str, reason: str) -> None:
    # the dot of "M." or "Mme" ends no sentence: the civility and the reason stay with the name
    name = "Anne PETIT" if "Anne" in text else "Jean DURAND"
    assert _recused(text) == ([{"name": name, "reason": reason}], [(1, text.index(name) + 1)])


def test_the_sentence_before_is_not_read() -> None:
    text = "Le rapport de Jean DURAND est adopté le 12 mai 2024. Claire ROBIN se retire."
    assert _recused(text) == (["Claire ROBIN"], [(1, 54)])
    text = "Vu le budget (annexe). J. DURAND se retire."
    assert _recused(text) == (["J. DURAND"], [(1, 24)])
    text = "Jean DURAND présente le rapport\n\nClaire ROBIN se retire."  # a blank line ends it too
    assert _recused(text) == (["Claire ROBIN"], [(3, 1)])


def test_in_parentheses() -> None:
    text = "Le conseil adopte (Jean DURAND, Claire ROBIN ne prennent pas part à la délibération)."
    assert _recused(text) == (["Jean DURAND", "Claire ROBIN"], [(1, 20), (1, 33)])


def test_a_member_recused_twice_is_listed_once() -> None:
    text = "M. Jean DURAND ne prend pas part à ce vote.\nM. Jean DURAND se retire."
    assert _recused(text) == (["Jean DURAND"], [(1, 4)])


@pytest.mark.parametrize(
    "text",
    [
        "Rien ne se passe.",
        "Le Maire se retire.",
        "Le conseil adopte à l'unanimité.",
        "Jean DURAND se retire"[:0],
    ],
)
def test_nobody_recused(text: str) -> None:
    assert _recused(text) == (None, [])


def test_only_the_item_s_own_text_is_read() -> None:
    text = "M. Jean DURAND se retire.\nPoint 2\nM. Luc BLANC ne prend pas part au vote."
    src, out = Source(text), Extraction()
    RecusalsReader(src, out, 0, len(text)).recusals(("d",), 0, text.index("Point 2"))
    assert out.data["d"] == {"recused": ["Jean DURAND"]}


@pytest.mark.parametrize(
    ("text", "recused", "at"),
    [
        # a name printed earlier in the sentence: the position of the one that recuses
        ("Sur le rapport de Jean DURAND, Jean DURAND se retire.", ["Jean DURAND"], [(1, 32)]),
        ("Xavier DURAND et Claire ROBIN se retirent.", ["Xavier DURAND", "Claire ROBIN"], [(1, 1), (1, 18)]),
        # a civility before something that is no name: the next one is read
        ("M. le Maire et M. Jean DURAND se retirent", ["Jean DURAND"], [(1, 19)]),
        # a name inside a later one, a name printed earlier in the sentence: each at its own place
        (
            "Jean DURAND et Jean DURAND-MOREL se retirent.",
            ["Jean DURAND", "Jean DURAND-MOREL"],
            [(1, 1), (1, 16)],
        ),
        (
            "Sur le rapport de Claire ROBIN, Jean DURAND et Claire ROBIN se retirent.",
            ["Jean DURAND", "Claire ROBIN"],
            [(1, 33), (1, 48)],
        ),
        ("M. DURAND se retire", ["DURAND"], [(1, 4)]),
        # the last parenthesis before the verb opens the sentence
        (
            "Le conseil (12 voix) adopte (Claire ROBIN et Jean DURAND ne prennent pas part au vote)",
            ["Claire ROBIN", "Jean DURAND"],
            [(1, 30), (1, 46)],
        ),
        # and the last blank line
        ("Vu le rapport\n\nJean DURAND présente\n\nClaire ROBIN se retire", ["Claire ROBIN"], [(5, 1)]),
        # no space after the colon
        ("Ne prend pas part au vote :Mme Claire ROBIN", ["Claire ROBIN"], [(1, 32)]),
        # a list after a colon, then another recusal
        (
            "Ne prend pas part au vote : Mme Claire ROBIN.\nM. Jean DURAND se retire.",
            ["Claire ROBIN", "Jean DURAND"],
            [(1, 33), (2, 4)],
        ),
    ],
)
def test_where_the_sentence_of_a_recusal_starts(
    text: str, recused: list[str], at: list[tuple[int, int]]
) -> None:
    assert _recused(text) == (recused, at)


def test_a_reason_in_parentheses_loses_the_closing_parenthesis() -> None:
    text = "(M. Jean DURAND en tant que président) ne prend pas part au vote"
    assert _recused(text) == ([{"name": "Jean DURAND", "reason": "président"}], [(1, 5)])


def test_an_item_starting_at_a_name() -> None:
    text = "Point 1\nJean DURAND et Claire ROBIN se retirent."
    src, out = Source(text), Extraction()
    RecusalsReader(src, out, 0, len(text)).recusals(("d",), text.index("Jean"), len(text))
    assert out.data["d"] == {"recused": ["Jean DURAND", "Claire ROBIN"]}
    assert [(p.line, p.column) for path, p in out.sources.items() if len(path) == 3] == [(2, 1), (2, 16)]


@pytest.mark.parametrize("blanks", ["   ", "\t", "\u00a0", " " * 12])
def test_the_names_after_a_colon_the_blanks_put_far_from_the_verb(blanks: str) -> None:
    text = f"Ne prennent pas part au vote{blanks}: Mme Claire ROBIN, M. Jean DURAND"
    at = text.index("Claire") + 1
    assert _recused(text) == (["Claire ROBIN", "Jean DURAND"], [(1, at), (1, at + 17)])


def test_a_colon_after_words_is_not_the_recusal_s_list() -> None:
    # the names are before the verb; the colon further on is another sentence's
    text = "M. Jean DURAND se retire avant le vote : le conseil adopte."
    assert _recused(text) == (["Jean DURAND"], [(1, 4)])


def test_a_reason_ending_with_a_capital_x() -> None:
    text = "M. Jean DURAND en tant que président du syndicat de DAX ne prend pas part au vote."
    assert _recused(text) == ([{"name": "Jean DURAND", "reason": "président du syndicat de DAX"}], [(1, 4)])
