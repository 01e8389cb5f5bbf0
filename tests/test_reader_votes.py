"""The votes reader called directly: the figures of the first vote, unanimity, majority, the decision.

Each extract is written for the test (invented names and figures), after the wordings of real acts.
"""

from __future__ import annotations

from typing import Any

import pytest

from ctg_rules.extract.deliberation.votes import VotesReader, count
from tests.reader_helpers import BASE, reader, where


def vote(text: str, voters: int | None = None) -> dict[str, Any]:
    """The vote (and "unanimous", "decision") the reader found; ``voters``: a count printed above."""
    r = reader(text)
    if voters is not None:
        r.out.put((*BASE, "declared", "voters"), voters)
    r.vote(BASE, 0, r.end)
    d = dict(r.out.get(BASE) or {})
    d.pop("declared", None)
    return d


def figures(text: str, voters: int | None = None) -> dict[str, Any]:
    return vote(text, voters).get("vote") or {}


# --- tallies ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Pour : 20\nContre : 2\nAbstentions : 1\n",
        "Pour : 20 Contre : 2 Abstentions : 1\n",
        "POUR : 20 / CONTRE : 2 / ABSTENTION : 1\n",
        "Pour = 20 / Contre = 2 / Abstention = 1\n",
        "Pour 20\nContre 2\nAbstentions 1\n",
        "Pour : 20, contre : 2, abstentions : 1\n",
        "Votes pour : 20 ; votes contre : 2 ; abstentions : 1\n",
        "Ont voté pour : 20\nOnt voté contre : 2\nAbstentions : 1\n",
        "Voix pour : 20 | Voix contre : 2 | Abstentions : 1\n",
        "20 pour / 2 contre / 1 abstention\n",
        "par 20 voix pour, 2 voix contre et 1 abstention\n",
        "par 20 votes pour, 2 votes contre, 1 abstention\n",
        '20 "pour", 2 "contre", 1 abstention\n',
        "Pour : vingt\nContre : deux\nAbstention : une\n",
        "par vingt voix pour, deux voix contre et une abstention\n",
        "Abstentions : 1\nContre : 2\nPour : 20\n",
        "Pour : 2O\nContre : 2\nAbstentions : 1\n",  # an O read for a zero
    ],
)
def test_a_tally_in_every_usual_wording(text: str) -> None:
    assert figures(text) == {"for": 20, "against": 2, "abstentions": 1}


@pytest.mark.parametrize("none", ["/", "-", "néant", "aucune", "0", "zéro"])
def test_none_printed_after_a_label_is_zero(none: str) -> None:
    assert figures(f"Pour : 12\nContre : {none}\nAbstentions : {none}\n") == {
        "for": 12,
        "against": 0,
        "abstentions": 0,
    }


def test_blank_and_void_ballots() -> None:
    assert figures("Pour : 12\nContre : 1\nBlancs : 2\n") == {"for": 12, "against": 1, "blank": 2}
    assert figures("Bulletins blancs et nuls : 3\n") == {"blank": 3}
    assert figures("Nuls : 4\n") == {"blank": 4}
    assert figures("Blancs ou nuls : 5\n") == {"blank": 5}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 se sont abstenus\n", {"abstentions": 5}),
        ("3 s'abstiennent\n", {"abstentions": 3}),
        ("3 refus de vote\n", {"abstentions": 3}),
        ("deux abstentions\n", {"abstentions": 2}),
        ("Pour (12 voix)\n", {"for": 12}),
        ("adopté (12 votes)\n", {"for": 12}),
        ("dix voix pour\n", {"for": 10}),
        ("Voix contre : 4\n", {"against": 4}),
        ("12 suffrages pour\n", {"for": 12}),
        ("12 bulletins contre\n", {"against": 12}),
    ],
)
def test_single_figures(text: str, expected: dict[str, int]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "un vote pour le projet\n",  # a count in words before "pour" needs its noun
        "Pour : 2500\n",  # more figures than a council has members
        "Montant : 12.500 pour la commune\n",  # a sum, not a count
        "le 12/03 pour la commune\n",
        "Adopté par 11 voix au lieu de 12.\n",  # quoted from another vote
        "Adopté par 11 voix, et non 12.\n",
        "Adopté par 11 voix (rectificatif)\n",
        "Suite à une erreur, 11 voix pour\n",
        "Le conseil se prononce pour.\n",
    ],
)
def test_no_vote_figure(text: str) -> None:
    assert figures(text) == {}


def test_a_label_s_figure_is_not_the_next_label_s_count() -> None:
    """ "Pour : 9 Contre : 1": 9 votes for, not 9 against."""
    assert figures("Pour : 9 Contre : 1 Abstentions : 0\n") == {"for": 9, "against": 1, "abstentions": 0}
    assert figures("Contre : 3 Pour : 12\n") == {"against": 3, "for": 12}


def test_the_first_vote_only() -> None:
    assert figures("Pour : 12\nPour : 14\n") == {"for": 12}
    # figures too far apart are no longer the same vote
    assert figures("Pour : 12\n" + "x" * 100 + "\nContre : 3\n") == {"for": 12}
    assert figures("Pour : 12\n" + "x" * 60 + "\nContre : 3\n") == {"for": 12, "against": 3}


def test_each_figure_s_position() -> None:
    r = reader("Le conseil décide.\nPour : 20\nContre : 2\n")
    r.vote(BASE, 0, r.end)
    assert where(r, "vote", "for") == (2, 8)
    assert where(r, "vote", "against") == (3, 10)


def test_a_vote_in_a_range_only() -> None:
    text = "Pour : 20\nContre : 2\n\nPour : 7\nContre : 5\n"
    r = reader(text)
    r.vote(BASE, text.index("\n\n"), r.end)
    assert r.out.get((*BASE, "vote")) == {"for": 7, "against": 5}


@pytest.mark.parametrize(
    "after",
    [
        "ADOPTE le budget",
        "Le budget est adopté à l'unanimité.",
        "Le conseil rejette la demande.",
        "Adopté à la majorité (3 contre).",
        "Adopté à l'unanimité.",
    ],
)
def test_the_next_item_s_vote_and_decision_are_not_this_one_s(after: str) -> None:
    text = "Pour : 12\nExposé.\n\n" + after + "\n"
    r = reader(text)
    r.vote(BASE, 0, text.index(after))
    assert r.out.get(BASE) == {"vote": {"for": 12}}
    text = "Exposé.\n\n" + after + "\n"
    r = reader(text)
    r.vote(BASE, 0, text.index(after))
    assert r.out.get(BASE) is None


def test_count() -> None:
    assert count("12") == 12
    assert count("1O") == 10
    assert count("/") == 0
    assert count("néant") == 0
    assert count("deux") == 2
    assert count("quatre-vingt-dix") == 90
    assert count(" trente et un ") == 31
    assert count("abc") is None


# --- unanimity ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Adopté à l'unanimité.\n",
        "Le conseil, à l'unanimité, approuve la convention.\n",
        "A L'UNANIMITE\n",
        "adopté à l’unanimité\n",
        "Unanimement, le conseil approuve.\n",
        "Approuvé à l'unanimité de ses membres.\n",
        "Adopté sans opposition ni abstention.\n",
        "Adopté sans aucune opposition ni abstention.\n",
        "Adopté par l'ensemble des membres présents.\n",
        "Adopté par l'ensemble des conseillers votants.\n",
        "Adopté par l'ensemble des délégués présents.\n",
    ],
)
def test_a_plain_unanimity_is_no_vote_against_and_no_abstention(text: str) -> None:
    found = vote(text)
    assert found["unanimous"] is True
    assert found["vote"] == {"against": 0, "abstentions": 0}


def test_a_unanimity_with_the_voters_printed_gives_the_votes_for() -> None:
    assert vote("Adopté à l'unanimité.\n", voters=19)["vote"] == {"against": 0, "abstentions": 0, "for": 19}
    assert figures("Adopté à l'unanimité (12 voix).\n", voters=19) == {
        "for": 12,
        "against": 0,
        "abstentions": 0,
    }
    # with abstentions or blank ballots, the votes for are not every voter
    assert figures("Adopté à l'unanimité (2 abstentions).\n", voters=19) == {"abstentions": 2, "against": 0}
    assert figures("Adopté à l'unanimité, blancs : 1.\n", voters=19) == {
        "blank": 1,
        "against": 0,
        "abstentions": 0,
    }


@pytest.mark.parametrize(
    "cast",
    ["des suffrages exprimés", "des votants", "des voix exprimées"],
)
def test_unanimity_of_the_votes_cast_leaves_room_for_abstentions(cast: str) -> None:
    found = vote(f"Adopté à l'unanimité {cast}.\n", voters=19)
    assert "unanimous" not in found
    assert found["vote"] == {"against": 0}  # neither the abstentions nor the votes for are known


@pytest.mark.parametrize(
    ("text", "abstentions"),
    [
        ("Adopté à l'unanimité, Mme Anne VIDAL s'abstenant.\n", 1),
        ("Adopté à l'unanimité, M. Paul ROUX s'abstient.\n", 1),
        ("Adopté à l'unanimité, M. Paul ROUX et Mme Anne VIDAL s'abstenant.\n", 2),
        ("Le conseil, à l'unanimité, Mme Anne VIDAL et Mme Claire NOËL s'abstenant, approuve.\n", 2),
        ("Adopté à l'unanimité (Mme Anne VIDAL, Mme Claire NOËL s'abstiennent).\n", 2),
        ("Adopté à l'unanimité, Mme Anne VIDAL, M. Luc FAURE et Mme Claire NOËL se sont abstenus.\n", 3),
        ("Mme Anne VIDAL s'abstenant, le conseil adopte à l'unanimité.\n", 1),
        ("Adopté à l'unanimité des suffrages exprimés (Mme Anne VIDAL s'étant abstenue).\n", 1),
        (
            "Adopté à l'unanimité des suffrages exprimés, Mme Anne VIDAL et M. Luc FAURE s'étant abstenus.\n",
            2,
        ),
        ("Adopté à l'unanimité des votants, Mme Anne VIDAL s'est abstenue.\n", 1),
    ],
)
def test_a_unanimity_with_its_abstentions_named(text: str, abstentions: int) -> None:
    assert figures(text, voters=19) == {"abstentions": abstentions, "against": 0}


@pytest.mark.parametrize(
    "text",
    [
        "M. Paul ROUX s'abstient sur le point 2. Adopté à l'unanimité\n",  # an earlier sentence
        "Le point 1 est lu\n\nM. Paul ROUX s'abstient sur le point 2\n\nAdopté à l'unanimité\n",  # paragraph
        "Adopté à l'unanimité. Mme Anne VIDAL s'abstient sur le point suivant.\n",  # a later sentence
        "Adopté à l'unanimité" + " et sans débat" * 20 + ", Mme Anne VIDAL s'abstenant.\n",  # too far
    ],
)
def test_abstentions_named_outside_the_unanimity_s_sentence_are_not_its_own(text: str) -> None:
    assert figures(text) == {"abstentions": 0, "against": 0}


def test_abstentions_named_before_the_unanimity_in_its_sentence() -> None:
    text = "Mme Anne VIDAL s'abstenant, le conseil adopte à l'unanimité.\n\nSuite.\n"
    r = reader(text)
    r.vote(BASE, 0, r.end)
    assert r.out.get((*BASE, "vote")) == {"abstentions": 1, "against": 0}
    assert where(r, "vote", "abstentions") == (1, 1)


def test_the_printed_figures_are_kept_beside_a_unanimity() -> None:
    """Contradictory figures are the rules' to report: the unanimity's zeros do not replace them."""
    assert figures("Adopté à l'unanimité : Pour : 12, Contre : 1\n") == {
        "for": 12,
        "against": 1,
        "abstentions": 0,
    }


def test_the_positions_of_what_a_unanimity_implies() -> None:
    r = reader("Exposé.\nAdopté à l'unanimité.\n")
    r.out.put((*BASE, "declared", "voters"), 19)
    r.vote(BASE, 0, r.end)
    assert r.out.get((*BASE, "vote")) == {"abstentions": 0, "against": 0, "for": 19}
    for field in ("abstentions", "against", "for"):
        assert where(r, "vote", field) == (2, 8)


def test_the_position_of_named_abstentions() -> None:
    r = reader("Délibération\nAdopté à l'unanimité, Mme Anne VIDAL s'abstenant.\n")
    r.vote(BASE, 0, r.end)
    assert where(r, "vote", "abstentions") == (2, 23)
    assert where(r, "vote", "against") == (2, 8)
    assert where(r, "unanimous") == (2, 8)


def test_figures_printed_with_the_unanimity_are_its_own() -> None:
    assert figures("Adopté à l'unanimité : Pour : 15\n") == {"for": 15, "against": 0, "abstentions": 0}


def test_figures_far_after_the_unanimity_s_sentence_are_not_its_own() -> None:
    text = "Adopté à l'unanimité." + " et" * 70 + "\nPour : 15\n\nII Budget\n"
    assert figures(text) == {"against": 0, "abstentions": 0}


def test_an_item_heading_above_the_unanimity_does_not_cut_its_figures() -> None:
    assert figures("Séance\n2) Budget\nAdopté à l'unanimité : Pour : 15\n") == {
        "for": 15,
        "against": 0,
        "abstentions": 0,
    }


def test_an_unreadable_figure_is_no_figure() -> None:
    assert figures("Pour : deux trois\n") == {}


def test_a_corrected_figure_then_the_vote() -> None:
    text = (
        "Erreur matérielle : Pour : 11.\n" + "Le conseil reprend le vote. " * 4 + "\nPour : 14\nContre : 2\n"
    )
    assert figures(text) == {"for": 14, "against": 2}


def test_the_next_item_s_figures_are_not_the_unanimity_s() -> None:
    text = "Adopté à l'unanimité.\n\nII Budget\nPour : 12 Contre : 3\n"
    assert figures(text) == {"against": 0, "abstentions": 0}
    text = "Adopté à l'unanimité.\n3) Budget : Pour : 12 Contre : 3\n"
    assert figures(text) == {"against": 0, "abstentions": 0}


def test_a_tally_before_a_unanimity_is_the_vote() -> None:
    text = "Pour : 12 Contre : 3\nL'urgence est adoptée à l'unanimité.\n"
    found = vote(text)
    assert found["vote"] == {"for": 12, "against": 3}
    assert "unanimous" not in found


# --- majority, secret ballot, decision -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Adopté à la majorité (3 contre).\n", {"against": 3}),
        ("Adopté à la majorité : 12 pour, 3 contre\n", {"for": 12, "against": 3}),
        ("Adopté à la majorité absolue (Pour : 12, Contre : 3).\n", {"for": 12, "against": 3}),
        ("Adopté à la majorité, 2 abstentions.\n", {"abstentions": 2}),
        ("Adopté à la majorité.\n", {}),
    ],
)
def test_a_majority_with_its_figures(text: str, expected: dict[str, int]) -> None:
    assert figures(text) == expected


def test_a_majority_s_figures_after_another_tally() -> None:
    text = "Pour : 12\n" + "Le conseil en débat longuement. " * 4 + "\nAdopté à la majorité (3 contre).\n"
    r = reader(text)
    r.vote(BASE, 0, r.end)
    assert r.out.get((*BASE, "vote")) == {"for": 12, "against": 3}
    assert where(r, "vote", "against") == (3, 23)


def test_a_majority_s_figures_end_with_its_sentence() -> None:
    r = reader("Adopté à la majorité. Le budget prévoit 3 contre-allées et 12 voix pour rien.\n")
    r.majority((*BASE, "vote"), 0, 30)
    assert r.out.get((*BASE, "vote")) is None


@pytest.mark.parametrize(
    "text",
    [
        "Vote au scrutin secret : Pour : 12, Contre : 3\n",
        "Vote à bulletins secrets : Pour : 12, Contre : 3\n",
        "Vote à bulletin secret : Pour : 12, Contre : 3\n",
    ],
)
def test_a_secret_ballot(text: str) -> None:
    assert figures(text) == {"for": 12, "against": 3, "secret": True}


def test_the_secret_ballot_s_position() -> None:
    r = reader("Exposé.\nVote au scrutin secret : Pour : 12\n")
    r.vote(BASE, 0, r.end)
    assert where(r, "vote", "secret") == (2, 6)


def test_no_secret_ballot_said() -> None:
    assert "secret" not in figures("Pour : 12, Contre : 3\n")


@pytest.mark.parametrize(
    ("text", "decision"),
    [
        ("Le conseil municipal adopte la délibération.\n", "adopted"),
        ("Le conseil approuve le budget.\n", "adopted"),
        ("Adoptée à l'unanimité.\n", "adopted"),
        ("Adoptés à la majorité.\n", "adopted"),
        ("L'adoption est votée.\n", "adopted"),
        ("ADOPTE\n", "adopted"),
        ("APPROUVE la convention\n", "adopted"),
        ("DÉCIDE d'attribuer une subvention\n", "adopted"),
        ("DECIDE d'attribuer une subvention\n", "adopted"),
        ("VALIDE le plan\n", "adopted"),
        ("ACCEPTE le don\n", "adopted"),
        ("  Adopté\n", "adopted"),
        ("Le conseil rejette la proposition.\n", "rejected"),
        ("La délibération est rejetée.\n", "rejected"),
        ("Le conseil n'adopte pas la délibération.\n", "rejected"),
        ("Le conseil n'approuve pas le projet.\n", "rejected"),
        ("Le conseil refuse d'approuver le projet.\n", "rejected"),
    ],
)
def test_the_decision(text: str, decision: str) -> None:
    assert vote(text)["decision"] == decision


@pytest.mark.parametrize(
    "text",
    [
        "APPROUVE la convention. Le conseil rejette l'amendement.\n",  # both: nothing said
        "Le conseil prend acte du rapport.\n",
        "Il approuve le rapport.\n",  # a verb in prose, not a decision's heading
    ],
)
def test_no_decision(text: str) -> None:
    assert "decision" not in vote(text)


def test_the_rejection_s_position() -> None:
    r = reader("Exposé.\nLe conseil rejette la demande.\n")
    r.vote(BASE, 0, r.end)
    assert r.out.get((*BASE, "decision")) == "rejected"
    assert where(r, "decision") == (2, 12)


def test_the_decision_s_position_is_its_first_word() -> None:
    r = reader("Exposé.\nLe conseil municipal adopte la délibération.\nADOPTE\n")
    r.vote(BASE, 0, r.end)
    assert r.out.get((*BASE, "decision")) == "adopted"
    assert where(r, "decision") == (2, 1)


def test_windows_merge_the_stretches_around_vote_words() -> None:
    r = reader("a" * 200 + " pour " + "b" * 30 + " contre " + "c" * 300 + " abstention " + "d" * 10)
    windows = r.windows(0, r.end)
    # "pour" at 201 and "contre" at 237 share one stretch; "abst" at 545 has its own, cut at the end
    assert windows == [[141, 303], [485, 566]]
    assert r.windows(150, 560) == [[150, 303], [485, 560]]


def test_windows_touching_are_one() -> None:
    text = "a" * 200 + " pour " + "b" * 118 + " contre " + "c" * 100
    assert text.index("contre") - 60 == text.index("pour") + 4 + 60
    r = reader(text)
    assert r.windows(0, r.end) == [[141, 391]]


def test_cluster() -> None:
    tallies = [("for", 12, 0, 7), ("against", 3, 10, 19), ("for", 9, 30, 36)]
    assert VotesReader.cluster(tallies) == tallies[:2]
    assert VotesReader.cluster([]) == []
    far = [("for", 12, 0, 7), ("against", 3, 98, 107)]
    assert VotesReader.cluster(far) == far[:1]
    near = [("for", 12, 0, 7), ("against", 3, 97, 106)]
    assert VotesReader.cluster(near) == near


def test_figures_far_along_a_long_unanimity_sentence_are_not_its_own() -> None:
    assert figures("Adopté à l'unanimité" + " et" * 130 + "\nPour : 15\n") == {"against": 0, "abstentions": 0}


@pytest.mark.parametrize(
    "text",
    [
        "Pour : dix-sept Contre : deux Abstention : un\n",
        "POUR : dix-sept CONTRE : 2 ABSTENTIONS : une\n",
        "Pour : 17 Contre : deux Abstention : 1\n",
    ],
)
def test_labels_on_one_line_after_figures_in_words(text: str) -> None:
    assert figures(text) == {"for": 17, "against": 2, "abstentions": 1}


def test_a_zero_in_words_before_the_next_label() -> None:
    assert figures("Pour : vingt Contre : zéro Abstention : zéro\n") == {
        "for": 20,
        "against": 0,
        "abstentions": 0,
    }


# --- the limits of what the reader looks at, each pinned at its edge -----------------------------------


def _spaced(head: str, distance: int, tail: str) -> str:
    """``head``, a word, then ``tail`` ending exactly ``distance`` characters after ``head``'s end."""
    return head + " " + "x" * (distance - len(tail) - 1) + tail


def test_a_majority_s_figures_beside_a_correction_after_its_sentence() -> None:
    # the item's own look refuses '3 contre' (a correction follows it): the majority's sentence keeps it
    found = vote("Le conseil adopte à la majorité (3 contre). Cette délibération rectifie celle du 2 mars.\n")
    assert found == {"vote": {"against": 3}, "decision": "adopted"}


@pytest.mark.parametrize(("distance", "expected"), [(200, {"against": 3}), (201, {})])
def test_a_majority_s_figures_within_200_characters(distance: int, expected: dict[str, int]) -> None:
    # '3 contre' ends at the 200th character after 'majorité' or one past it
    text = _spaced("Le conseil adopte à la majorité", distance, " 3 contre")
    assert figures(text + ". Rectifie la délibération du 2 mars.\n") == expected


def test_a_refused_figure_does_not_hide_the_next_of_its_wording() -> None:
    # '1 pour' is the abstention's figure, not a vote for: '12 voix pour', the same wording, is
    text = "Abstention : 1 pour motif personnel ; 12 voix pour ; 0 contre.\n"
    assert figures(text) == {"abstentions": 1, "for": 12, "against": 0}


@pytest.mark.parametrize(("distance", "abstentions"), [(250, 1), (251, 0)])
def test_abstentions_named_within_250_characters_of_the_unanimity(distance: int, abstentions: int) -> None:
    # "s'abstenant" ends at the 250th character after 'unanimité' or one past it
    text = _spaced("Adopté à l'unanimité", distance, " M. Paul ROUX s'abstenant") + ".\n"
    assert figures(text) == {"abstentions": abstentions, "against": 0}


@pytest.mark.parametrize(("distance", "expected"), [(350, {"for": 12}), (351, {})])
def test_figures_within_350_characters_of_a_long_unanimity(distance: int, expected: dict[str, int]) -> None:
    # no sentence end: its 200 characters and 150 more; '12 voix pour' ends at the 350th or one past it
    text = _spaced("Adopté à l'unanimité", distance, " par 12 voix pour") + ".\n"
    assert figures(text) == expected | {"against": 0, "abstentions": 0}


@pytest.mark.parametrize(("distance", "expected"), [(40, {}), (41, {"for": 12})])
def test_a_correction_within_40_characters_before_a_figure(distance: int, expected: dict[str, int]) -> None:
    # 'Erreur' starts 40 characters before '12 voix pour' (a quoted figure) or one further
    text = "Erreur " + "x" * (distance - 8) + " 12 voix pour.\n"
    assert text.index("12 voix") - text.index("Erreur") == distance
    assert figures(text) == expected


@pytest.mark.parametrize(("distance", "expected"), [(30, {}), (31, {"for": 12})])
def test_a_correction_within_30_characters_after_a_figure(distance: int, expected: dict[str, int]) -> None:
    # 'au lieu de' ends at the 30th character after '12 voix pour' (a quoted figure) or one further
    assert figures(_spaced("Adopté par 12 voix pour", distance, " au lieu de") + " 11.\n") == expected


_FIELD = {"pour": "for", "contre": "against", "abstention": "abstentions", "blanc": "blank", "nul": "blank"}


@pytest.mark.parametrize(
    ("label", "other"),
    [
        ("Pour", "Contre"),
        ("Contre", "Pour"),
        ("Abstention", "Pour"),
        ("Abstentions", "Pour"),
        ("Blanc", "Contre"),
        ("Blancs", "Contre"),
        ("Nul", "Contre"),
        ("Nuls", "Contre"),
    ],
)
@pytest.mark.parametrize("gap", [" : ", ":", " :" + " " * 20, "\t:\n", " = ", " " * 12 + ": "])
def test_a_figure_after_a_label_s_colon_is_that_label_s(label: str, other: str, gap: str) -> None:
    # "Pour :   9 Contre : 1": 9 is the votes for, never 9 against, however wide the table's columns
    expected = {_FIELD[label.lower().rstrip("s")]: 9, _FIELD[other.lower()]: 1}
    assert figures(f"{label}{gap}9 {other} : 1\n") == expected


def test_a_figure_after_another_colon_is_counted_first() -> None:
    assert figures("Vote :" + " " * 20 + "12 voix pour, 1 contre\n") == {"for": 12, "against": 1}
