"""Minutes of a whole session read directly: each voted item, the approval of the previous minutes,
elections, and the attendance moving between items (arrivals, departures with a proxy).

The minutes are written for the test (invented commune, names and figures).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ctg_rules.extract.deliberation.session import _same
from ctg_rules.names import name_tokens
from tests.reader_helpers import pad, reader

PV = """COMMUNE DE LARIVE
Séance du 14 mars 2024
Présents : M. Paul ROUX, Mme Anne VIDAL, M. Luc FAURE, Mme Claire NOËL
Absents : M. Hugo GIRARD, M. Yves COLIN

Le compte rendu de la séance du 8 février 2024 est approuvé à l'unanimité.

2024-03-01 : Budget primitif
Adopté par 3 voix pour et 1 abstention.

Arrivée de M. Hugo GIRARD à 20 h 40.

2024-03-02 : Tarifs de la cantine
Adopté à l'unanimité.

Mme Claire NOËL quitte la séance et donne pouvoir à M. Luc FAURE.

2024-03-03 : Information sur les travaux
Le Maire informe le conseil.

2024-03-04 : Election du délégué
Au scrutin secret, M. Luc FAURE a obtenu 4 voix, bulletins blancs : 1. M. Luc FAURE est élu.
"""


def session(text: str) -> tuple[int, list[dict[str, Any]]]:
    r = reader(text)
    n = r.read(0)
    return n, r.out.data["deliberations"]


def _names(entries: list[Any]) -> list[str]:
    return [e["name"] if isinstance(e, dict) else e for e in entries]


def test_one_deliberation_per_voted_item_the_minutes_approval_first() -> None:
    n, ds = session(PV)
    assert n == 4 and len(ds) == 4
    assert [d.get("number") for d in ds] == [None, "2024-03-01", "2024-03-02", "2024-03-04"]
    assert [d.get("subject") for d in ds] == [
        None,
        "Budget primitif",
        "Tarifs de la cantine",
        "Election du délégué",
    ]
    assert ds[0]["vote"] == {"against": 0, "abstentions": 0} and ds[0]["unanimous"] is True
    assert ds[1]["vote"] == {"for": 3, "abstentions": 1} and ds[1]["decision"] == "adopted"
    assert ds[2]["vote"] == {"against": 0, "abstentions": 0} and ds[2]["unanimous"] is True
    assert ds[3]["election"] is True and "vote" not in ds[3]
    for d in ds:  # the session's header is every item's
        assert d["session"]["date"].isoformat() == "2024-03-14"
        assert d["body"]["name"] == "Commune de Larive"


def test_each_item_with_the_attendance_after_the_moves_before_it() -> None:
    _, ds = session(PV)
    approval, budget, tarifs, election = ds
    for d in (approval, budget):
        assert d["present"] == ["Paul ROUX", "Anne VIDAL", "Luc FAURE", "Claire NOËL"]
        assert d["absent"] == ["Hugo GIRARD", "Yves COLIN"]
    assert tarifs["present"] == ["Paul ROUX", "Anne VIDAL", "Luc FAURE", "Claire NOËL", "Hugo GIRARD"]
    assert tarifs["absent"] == ["Yves COLIN"]
    assert election["present"] == ["Paul ROUX", "Anne VIDAL", "Luc FAURE", "Hugo GIRARD"]
    assert election["absent"] == ["Yves COLIN", {"name": "Claire NOËL", "proxy_to": "Luc FAURE"}]


def test_an_arrival_is_located_where_it_is_printed() -> None:
    r = reader(PV)
    r.read(0)
    position = r.out.sources[("deliberations", 2, "present", 4)]
    assert (position.line, position.column) == (11, 1)
    position = r.out.sources[("deliberations", 3, "absent", 1)]
    assert (position.line, position.column) == (16, 1)
    # the members listed keep their own positions, the lists theirs, after a member left the list
    position = r.out.sources[("deliberations", 2, "present", 0)]
    assert position.line == 3
    position = r.out.sources[("deliberations", 2, "absent", 0)]  # Yves COLIN, first absent once Hugo came
    assert (position.line, position.column) == (4, 30)
    position = r.out.sources[("deliberations", 2, "absent")]
    assert (position.line, position.column) == (4, 1)


def test_an_election_and_its_number_located() -> None:
    r = reader(PV)
    r.read(0)
    line = PV.split("\n").index("2024-03-04 : Election du délégué") + 1
    for path in (("deliberations", 3, "election"), ("deliberations", 3, "number")):
        position = r.out.sources[path]
        assert (position.line, position.column) == (line, 1)


def test_an_approval_inside_a_numbered_item_is_that_item() -> None:
    text = (
        "Séance du 14 mars 2024\n\n2024-03-01 : Approbation du compte rendu de la séance du 8 février\n"
        "Adopté à l'unanimité.\n\n2024-03-02 : Tarifs\nAdopté à l'unanimité.\n"
    )
    n, ds = session(text)
    assert n == 2 and [d["number"] for d in ds] == ["2024-03-01", "2024-03-02"]


def test_an_item_nobody_voted_on_is_no_deliberation() -> None:
    _, ds = session(PV)
    assert "2024-03-03" not in [d.get("number") for d in ds]


def test_when_no_item_says_a_vote_every_item_is_kept() -> None:
    text = "Séance du 14 mars 2024\n\n2024-03-01 : Budget\nExposé.\n\n2024-03-02 : Tarifs\nExposé.\n"
    n, ds = session(text)
    assert n == 2 and [d["number"] for d in ds] == ["2024-03-01", "2024-03-02"]


def test_the_session_s_counts_come_before_its_first_item() -> None:
    """A figure inside an item (its report, another item's attendance) is not the session's count."""
    text = (
        "Séance du 14 mars 2024\nPrésents : M. Paul ROUX, Mme Anne VIDAL\n\n2024-03-01 : Budget\nVotants : 9\n"
        "Le Maire expose le budget.\nAdopté.\n\n2024-03-02 : Tarifs\nPrésents : 7\nAdopté.\n"
    )
    n, ds = session(text)
    assert n == 2
    assert [d.get("declared") for d in ds] == [None, None]
    assert [d["present"] for d in ds] == [["Paul ROUX", "Anne VIDAL"]] * 2


def test_the_counts_stop_at_the_report() -> None:
    text = (
        "Séance du 14 mars 2024\nPrésents : M. Paul ROUX, Mme Anne VIDAL\nVotants : 2\n"
        "Monsieur le Maire expose le rapport.\nAbsents : 40 en 2023.\nAdopté.\n"
    )
    _, [d] = session(text)
    assert d["declared"] == {"voters": 2}


def test_the_attendance_runs_to_the_report_after_the_first_list_at_a_line_start() -> None:
    """The first list printed at a line start (not one run into the header's sentence) opens the
    attendance: a line like the report's between two lists does not end it."""
    text = (
        "Séance du 12 mars 2024. Étaient présents : M. Paul ROUX, Mme Anne VIDAL.\n"
        "Le Maire rappelle que le quorum est atteint.\nAbsents : M. Hugo GIRARD\n"
        "Le Maire expose le projet.\nAdopté à l'unanimité.\n"
    )
    _, [d] = session(text)
    assert d["present"] == ["Paul ROUX", "Anne VIDAL"] and d["absent"] == ["Hugo GIRARD"]


def test_an_item_s_list_does_not_open_the_session_s_attendance() -> None:
    """No list at a line start before the first item: the report ends the attendance, whatever an
    item prints further down ("Suppléant : X" designates)."""
    text = (
        "Séance du 12 mars 2024. Étaient présents : M. Paul ROUX, Mme Anne VIDAL.\n"
        "M. le Maire rappelle la séance du 8 février 2024. Absent : M. Hugo GIRARD.\n\n"
        "2024-03-01 : Budget\nAdopté à l'unanimité.\n\n"
        "2024-03-02 : Syndicat\nSuppléant : M. Luc FAURE\nAdopté à l'unanimité.\n"
    )
    n, ds = session(text)
    assert n == 2
    for d in ds:
        assert d["present"] == ["Paul ROUX", "Anne VIDAL"] and "absent" not in d


def test_a_move_on_the_line_after_a_vote_counts_for_the_next_item() -> None:
    """Minutes closing each item with its vote line: an arrival printed right after it (where the next
    item starts) happens before that item's vote."""
    text = (
        "Séance du 14 mars 2024\nPrésents : M. Paul ROUX, Mme Anne VIDAL\nAbsent : M. Hugo GIRARD\n\n"
        "Budget primitif 2024\nLe budget est présenté.\nVote : à l'unanimité\n"
        "M. Hugo GIRARD arrive en séance.\nTarifs de la cantine\nLes tarifs sont revus.\nVote : à l'unanimité\n"
    )
    n, (budget, tarifs) = session(text)
    assert n == 2
    assert budget["present"] == ["Paul ROUX", "Anne VIDAL"] and budget["absent"] == ["Hugo GIRARD"]
    assert tarifs["present"] == ["Paul ROUX", "Anne VIDAL", "Hugo GIRARD"] and tarifs.get("absent") == []


def test_one_number_is_one_deliberation_whatever_is_said_before() -> None:
    text = (
        "Séance du 14 mars 2024\nPrésents : M. Paul ROUX\nLe compte rendu de la séance du 8 février est approuvé.\n"
        "Délibération n° 12 : Budget\nAdopté.\n"
    )
    n, [d] = session(text)
    assert n == 1 and d["number"] == "12" and d["decision"] == "adopted"


def test_what_each_item_approves_is_its_own() -> None:
    text = (
        "Séance du 14 mars 2024\n\n2024-03-01 : Tarifs\nAdopté.\n\n2024-03-02 : Convention\n"
        "APPROUVE la convention pour la période du 01/01/2024 au 31/12/2027.\n\n2024-03-03 : Travaux\nAdopté.\n"
    )
    _, ds = session(text)
    assert [d.get("approves") for d in ds] == [
        None,
        {"period": {"start": date(2024, 1, 1), "end": date(2027, 12, 31)}},
        None,
    ]


def test_each_item_with_its_own_stamp_and_convention() -> None:
    text = (
        "Séance du 14 mars 2024\n\n2024-03-01 : Tarifs\nAdopté.\n034-213401722-20240314-T1-DE\n"
        "Envoyé en préfecture le 15/03/2024\n\n2024-03-02 : Convention\nAUTORISE le Maire à signer la convention.\n"
        "La convention prend effet à compter du 01/04/2024.\nAdopté.\nPour extrait conforme, le 16/03/2024\n"
        "Certifié exécutoire le 20/03/2024\n\n2024-03-03 : Travaux\nAdopté.\n034-213401722-20240314-T3-DE\n"
        "Publié le 17/03/2024\n"
    )
    _, ds = session(text)
    assert [d.get("transmission") for d in ds] == [
        {"act_id": "034-213401722-20240314-T1-DE", "sent_on": date(2024, 3, 15)},
        {"executory_on": date(2024, 3, 20)},
        {"act_id": "034-213401722-20240314-T3-DE", "published_on": date(2024, 3, 17)},
    ]
    assert [d.get("certified_on") for d in ds] == [None, date(2024, 3, 16), None]
    assert [d.get("approves") for d in ds] == [
        None,
        {"period": {"start": date(2024, 4, 1)}, "authorised_signatories": ["Maire"]},
        None,
    ]


def test_a_single_act_is_one_deliberation() -> None:
    text = "Séance du 14 mars 2024\nDélibération n° 2024-12 : Budget\nPrésents : M. Paul ROUX\nAdopté à l'unanimité.\n"
    n, ds = session(text)
    assert n == 1 and ds[0]["number"] == "2024-12" and ds[0]["subject"] == "Budget"
    assert ds[0]["vote"] == {"against": 0, "abstentions": 0}


# --- minutes that number no item but close each with "Vote :" -------------------------------------------

UNNUMBERED = """Séance du 14 mars 2024
Présents : M. Paul ROUX, Mme Anne VIDAL
Secrétaire de séance : Mme Anne VIDAL

Nomination du secrétaire de séance
Vote : à l'unanimité

Budget primitif 2024
Le conseil examine le budget.
Vote : contre 2

Tarifs de la cantine
Les tarifs sont revus.
Vote : à l'unanimité
"""


def test_items_closed_by_their_vote_line() -> None:
    r = reader(UNNUMBERED)
    starts = r.vote_items()
    # the secretary's nomination is no deliberation; each item starts after the previous vote line
    assert [UNNUMBERED[s:].split("\n", 2)[1] for s in starts] == [
        "Budget primitif 2024",
        "Tarifs de la cantine",
    ]
    n, ds = session(UNNUMBERED)
    assert n == 2
    assert ds[0]["vote"] == {"against": 2} and ds[1]["vote"] == {"against": 0, "abstentions": 0}


def test_the_secretary_s_nomination_above_a_label_line_is_no_item() -> None:
    text = (
        "Séance du 14 mars 2024\n\nNomination du secrétaire de séance\nSecrétaire : Mme Anne VIDAL\n"
        "Vote : à l'unanimité\n\nBudget primitif 2024\n"
        + "Le conseil examine le budget primitif présenté par la commission des finances. " * 4
        + "\nVote : contre 2\n\nTarifs de la cantine\nVote : à l'unanimité\n"
    )
    starts = reader(text).vote_items()
    assert [text[s:].strip().split("\n")[0] for s in starts] == [
        "Budget primitif 2024",
        "Tarifs de la cantine",
    ]


def test_a_later_secretary_s_designation_does_not_drop_the_items_before_it() -> None:
    text = (
        "Séance\n\nBudget\nVote : pour 12\n\nTarifs\nVote : contre 1\n\n"
        "Désignation du secrétaire de mairie\nVote : à l'unanimité\n"
    )
    starts = reader(text).vote_items()
    assert [text[s:].strip().split("\n")[0] for s in starts] == ["Budget", "Tarifs"]


@pytest.mark.parametrize(
    "text",
    [
        "Budget\nVote : pour 12\n",  # one vote line: one item
        "Budget\nVote : à main levée\nVote : pour 12\n",  # one vote said twice
    ],
)
def test_no_items_from_vote_lines(text: str) -> None:
    assert reader(text).vote_items() == []


def test_the_first_item_starts_after_the_attendance() -> None:
    text = "Présents : M. X\nBudget\nLe budget.\nVote : pour 12\nTarifs\nVote : contre 1\n"
    assert reader(text).vote_items() == [16, 49]
    text = "Pouvoir à M. Y\nBudget\nVote : pour 12\nTarifs\nVote : contre 1\n"
    assert reader(text).vote_items()[0] == 15


def test_a_first_vote_line_right_after_a_blank_first_line() -> None:
    # the vote line's own line starts after the text's first line break: the next item after it
    assert reader("\nVote : pour 12\nTarifs\nVote : contre 1\n").vote_items() == [1, 16]


@pytest.mark.parametrize(
    ("distance", "items"), [(250, ["Tarifs"]), (251, ["Budget primitif 2024", "Tarifs"])]
)
def test_a_secretary_s_nomination_within_250_characters_above_the_first_vote_line(
    distance: int, items: list[str]
) -> None:
    # "Nomination" starting `distance` characters above the first vote line: within 250, the first item's heading
    head = "Nomination du secrétaire de séance\n\nBudget primitif 2024\n"
    text = head + pad(distance - len(head) - 1) + "\nVote : pour 12\n\nTarifs\nVote : contre 1\n"
    assert [text[s:].strip().split("\n")[0] for s in reader(text).vote_items()] == items


@pytest.mark.parametrize(("last", "items"), [(299, ["Budget"]), (300, ["Budget", "Tarifs de la cantine"])])
def test_a_secretary_s_designation_within_an_item_s_first_300_characters(last: int, items: list[str]) -> None:
    # the last letter of "secrétaire" `last` characters after the item's start: past 300, a mention in its text
    heading, designation = "Tarifs de la cantine\n", "désignation du secrétaire"
    item = heading + pad(last - len(heading) - len(designation)) + " " + designation + "\nVote : contre 1\n"
    text = "Budget\nVote : pour 12\n" + item
    assert [text[s:].strip().split("\n")[0] for s in reader(text).vote_items()] == items


@pytest.mark.parametrize(
    ("text", "top"),
    [
        ("Présents : M. X\nBudget\nLe budget.\nVote : pour 12\n", "Budget"),  # a label above
        ("Texte\nPouvoir à\nBudget\nVote : pour 12\n", "Budget"),
        ("Séance\n\nI\nVote : pour 12\n", "I"),  # a heading of one letter
        ("\nBudget\nVote : pour 12\n", "Budget"),  # not the blank line above
        ("Pouvoir à M. Y\nBudget\nVote : pour 12\n", "Budget"),  # a proxy given above
        ("Texte\n\nBudget\nVote : pour 12\n", "Budget"),  # a blank line above
        ("".join(f"ligne {i}\n" for i in range(20)) + "Vote : pour 12\n", "ligne 8"),  # twelve lines at most
        ("Vote : pour 12\n", "Vote : pour 12"),
    ],
)
def test_item_top(text: str, top: str) -> None:
    at = reader(text).item_top(text.index("Vote :"))
    assert text[at:].split("\n")[0] == top


def test_item_top_stops_at_the_reader_s_start() -> None:
    r = reader("Texte\nBudget\nVote : pour 12\n")
    r.start = 6
    assert r.item_top(13) == 6


# --- the approval of the previous minutes ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Le compte rendu de la séance du 8 février 2024 est approuvé à l'unanimité.",
        "Le compte-rendu de la réunion précédente est adopté.",
        "Approbation du procès-verbal du 28 janvier : adopté.",
        "Approbation à l'unanimité du compte rendu de la séance précédente.",
        "Les procès-verbaux des réunions du 3 et 4 mai sont adoptés.",
        "Le PV du conseil du 3 mai est approuvé.",
        "Le CR de la précédente réunion est rejeté.",
        "Approbation des procès-verbaux du comité : validés.",
    ],
)
def test_the_minutes_approval(text: str) -> None:
    full = "Commune\nSéance du 14 mars 2024\n" + text + "\nSuite.\n"
    r = reader(full)
    span = r.minutes_approval(0, r.end)
    assert span is not None
    assert full[span[0] : span[1]] == text


def test_the_minutes_approval_on_the_first_line() -> None:
    text = "\nLe compte rendu de la séance du 8 février est approuvé. Suite\n"
    r = reader(text)
    assert r.minutes_approval(0, r.end) == (1, text.index(" Suite"))


def test_the_minutes_approval_within_its_sentence() -> None:
    start = "Le compte rendu de la séance"
    for filler, approved in ((291, True), (292, False)):
        # the verb within 300 characters of the minutes' wording (no sentence end), else no approval
        text = start + " " + "x" * filler + " approuve\n"
        r = reader(text)
        assert (r.minutes_approval(0, r.end) is not None) is approved
    text = start + " " + "x " * 200 + "approuve.\n"
    r = reader(text)
    assert r.minutes_approval(0, r.end) is None


@pytest.mark.parametrize(
    "text",
    [
        "Le PV du conseil du 3 mai est lu.",  # not voted
        "Le compte rendu est approuvé.",  # which minutes: not said
        "La séance du 3 mai est approuvée.",
        "Le compte rendu de la séance du 3 mai est lu.\n2024-01 : Budget, à l'unanimité.",  # a later vote
        "Le compte rendu de la séance du 3 mai est lu.\nLe budget est adopté.",
    ],
)
def test_no_minutes_approval(text: str) -> None:
    r = reader(text + "\n")
    assert r.minutes_approval(0, r.end) is None


def test_the_minutes_approval_before_the_first_item_only() -> None:
    text = "Séance\n2024-03-01 : Budget\nLe compte rendu de la séance du 8 février est approuvé.\n"
    r = reader(text)
    assert r.minutes_approval(0, text.index("2024-03-01")) is None
    # a wording the first item completes ("Approbation à l'unanimité du" / "procès-verbal ...") is that item's
    text = "Séance\nApprobation à l'unanimité du\nprocès-verbal de la séance du 8 février\n"
    assert reader(text).minutes_approval(0, text.index("procès")) is None


# --- votes, elections --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Adopté à l'unanimité.",
        "À la majorité.",
        "ADOPTE le budget",
        "APPROUVÉ",
        "Le conseil approuve.",
        "accepté",
        "validées",
        "REJETTE la demande",
        "DECIDE d'attribuer",
        "Pour : 3",
    ],
)
def test_an_item_with_a_vote(text: str) -> None:
    r = reader(text + "\n")
    assert r.has_vote(0, r.end) is True


@pytest.mark.parametrize(
    "text", ["Le conseil prend acte.", "Le Maire informe le conseil.", "Décision n° 12 du maire"]
)
def test_an_item_without_a_vote(text: str) -> None:
    r = reader(text + "\n")
    assert r.has_vote(0, r.end) is False


@pytest.mark.parametrize(
    ("text", "election"),
    [
        ("Election du délégué\nM. Luc FAURE est élu.", True),
        ("Élection des délégués\nMme Anne VIDAL et M. Luc FAURE sont élus.", True),
        ("Désignation des représentants\nSont désignés : M. X", True),
        ("Désignation d'un délégué\nMme X est désignée.", True),
        ("Election du maire\nM. X a obtenu 9 voix.", True),
        ("Elections des délégués\nAu scrutin secret", True),
        ("Election du délégué\nBulletins nuls : 1", True),
        ("Election du délégué\nMme X est proclamée élue.", True),
        ("Election du délégué\nLe conseil prend acte.", False),  # no one elected
        ("Budget\nM. X a obtenu 4 voix", False),  # not an election's heading
        ("x" * 300 + "\nÉlection\nM. X est élu", False),  # the heading too far down
    ],
)
def test_an_election(text: str, election: bool) -> None:
    r = reader(text + "\n")
    assert r.is_election(0, r.end) is election


def test_an_election_s_heading_within_its_first_300_characters() -> None:
    for spaces, election in ((292, True), (293, False)):
        r = reader(" " * spaces + "Election\nM. X est élu.\n")
        assert r.is_election(0, r.end) is election


def test_the_one_elected_in_the_next_item_is_not_this_one_s() -> None:
    text = "Election du délégué\nLe conseil prend acte.\nM. X est élu.\n"
    r = reader(text)
    assert r.is_election(0, text.index("M. X")) is False


# --- arrivals and departures ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "name", "holder"),
    [
        ("Arrivée de M. Hugo GIRARD à 20 h 40.", "arrives", "Hugo GIRARD", None),
        ("Arrivée de Mme Anne VIDAL au point 4.", "arrives", "Anne VIDAL", None),
        ("Arrivée de M. Hugo GIRARD, 20 h 40", "arrives", "Hugo GIRARD", None),
        ("Arrivée de M. Hugo GIRARD (20 h 40)", "arrives", "Hugo GIRARD", None),
        ("Arrivée de M. Hugo GIRARD lors du vote", "arrives", "Hugo GIRARD", None),
        ("Arrivée de M. Hugo GIRARD pendant le débat", "arrives", "Hugo GIRARD", None),
        ("Arrivée de M. Hugo GIRARD en cours de séance", "arrives", "Hugo GIRARD", None),
        ("Arrivée de M. Hugo GIRARD après le vote", "arrives", "Hugo GIRARD", None),
        ("Arrivée de Monsieur Hugo GIRARD", "arrives", "Hugo GIRARD", None),
        ("M. Hugo GIRARD arrive à 20 h.", "arrives", "Hugo GIRARD", None),
        ("Mme Anne VIDAL rejoint la séance.", "arrives", "Anne VIDAL", None),
        ("Mme Anne VIDAL rejoint l'assemblée", "arrives", "Anne VIDAL", None),
        ("Mlle Anne VIDAL rejoint le conseil", "arrives", "Anne VIDAL", None),
        ("M. Hugo GIRARD entre en séance.", "arrives", "Hugo GIRARD", None),
        ("Mme Claire NOËL quitte la séance.", "leaves", "Claire NOËL", None),
        ("M. Luc FAURE a quitté la salle.", "leaves", "Luc FAURE", None),
        ("Mr Luc FAURE quittent la séance", "leaves", "Luc FAURE", None),
        (
            "Mme Claire NOËL quitte l'assemblée et donne pouvoir à M. Luc FAURE.",
            "leaves",
            "Claire NOËL",
            "Luc FAURE",
        ),
        (
            "Mme Claire NOËL quitte la séance, donnant procuration à Mme Anne VIDAL.",
            "leaves",
            "Claire NOËL",
            "Anne VIDAL",
        ),
        (
            "Madame Claire NOËL quitte la séance et a donné pouvoir à Monsieur Luc FAURE",
            "leaves",
            "Claire NOËL",
            "Luc FAURE",
        ),
        ("Départ de M. Luc FAURE à 21 h.", "leaves", "Luc FAURE", None),
        ("Départ de M. Luc FAURE, 21 h", "leaves", "Luc FAURE", None),
        ("Départ de M. Luc FAURE au point 5", "leaves", "Luc FAURE", None),
        ("Départ de M. Luc FAURE après le vote", "leaves", "Luc FAURE", None),
        ("Départ de M. Luc FAURE lors du point 5", "leaves", "Luc FAURE", None),
    ],
)
def test_a_move(text: str, kind: str, name: str, holder: str | None) -> None:
    full = "Budget adopté.\n" + text + "\n"
    r = reader(full)
    assert r.movements(0, r.end) == [(15, kind, name, holder)]


@pytest.mark.parametrize(
    "text",
    [
        "Arrivée de la délégation",
        "Le budget arrive à son terme",
        "Arrivée de M. le maire.",
        "Le départ du maire",
    ],
)
def test_no_move(text: str) -> None:
    r = reader(text + "\n")
    assert r.movements(0, r.end) == []


def test_moves_in_the_order_printed() -> None:
    text = "Mme Claire NOËL quitte la séance.\nArrivée de M. Hugo GIRARD.\nDépart de M. Luc FAURE.\n"
    r = reader(text)
    assert [(kind, name) for _, kind, name, _ in r.movements(0, r.end)] == [
        ("leaves", "Claire NOËL"),
        ("arrives", "Hugo GIRARD"),
        ("leaves", "Luc FAURE"),
    ]
    assert [name for _, _, name, _ in r.movements(text.index("Arrivée"), r.end)] == [
        "Hugo GIRARD",
        "Luc FAURE",
    ]


def test_apply_movements_moves_a_member_between_the_lists() -> None:
    r = reader("x")
    path = ("deliberations", 0)
    r.out.put((*path, "present"), ["Paul ROUX", {"name": "Anne VIDAL", "reason": "x"}])
    r.out.put((*path, "absent"), ["Hugo GIRARD"])
    r.apply_movements(path, [(0, "arrives", "Hugo GIRARD", None), (0, "leaves", "Anne VIDAL", "Paul ROUX")])
    assert r.out.get((*path, "present")) == ["Paul ROUX", "Hugo GIRARD"]
    assert r.out.get((*path, "absent")) == [{"name": "Anne VIDAL", "proxy_to": "Paul ROUX"}]


def test_apply_movements_creates_a_list_a_move_needs_only() -> None:
    r = reader("x")
    path = ("deliberations", 0)
    r.apply_movements(path, [])
    assert r.out.get(path) is None
    r.apply_movements(path, [(0, "leaves", "Anne VIDAL", None)])
    assert r.out.get((*path, "absent")) == ["Anne VIDAL"]
    assert r.out.get((*path, "present")) is None
    r.out.put((*path, "present"), [])
    r.apply_movements(path, [])
    assert r.out.get((*path, "present")) == []


def test_a_surname_alone_names_the_same_member() -> None:
    key = name_tokens("Paul ROUX")
    assert _same("M. ROUX", key)
    assert _same("Paul ROUX", name_tokens("ROUX"))
    assert _same({"name": "Paul ROUX", "proxy_to": "Anne VIDAL"}, key)
    assert not _same({"proxy": True}, key)
    assert not _same("Pierre ROUX", key)
    assert not _same("Paul BLANC", key)
    assert not _same("BLANC", key)  # a surname alone, another one


@pytest.mark.parametrize("after", ["à l'unanimité", "à la majorité", "ADOPTE", "adoptée"])
def test_the_next_item_s_vote_is_not_this_one_s(after: str) -> None:
    text = "Le conseil prend acte.\n" + after + "\n"
    r = reader(text)
    assert r.has_vote(0, text.index(after)) is False
    assert r.has_vote(0, r.end) is True


def test_the_moves_of_a_range_only() -> None:
    text = "Mme Claire NOËL quitte la séance.\nArrivée de M. Hugo GIRARD.\nDépart de M. Luc FAURE.\n"
    r = reader(text)
    assert [name for _, _, name, _ in r.movements(0, text.index("Arrivée"))] == ["Claire NOËL"]
    assert [name for _, _, name, _ in r.movements(0, text.index("Départ"))] == ["Claire NOËL", "Hugo GIRARD"]


def test_each_item_s_own_subject_and_recusals() -> None:
    text = (
        "Séance du 14 mars 2024\n\n2024-03-01 : Budget\nObjet : budget primitif\nAdopté.\n\n"
        "2024-03-02 : Tarifs\nM. Luc FAURE ne prend pas part au vote.\nAdopté.\n\n"
        "2024-03-03\nObjet : travaux de voirie\nAdopté.\n"
    )
    _, ds = session(text)
    assert [d.get("subject") for d in ds] == ["budget primitif", "Tarifs", "travaux de voirie"]
    assert [d.get("recused") for d in ds] == [None, ["Luc FAURE"], None]


def test_an_election_s_subject_is_its_own() -> None:
    text = (
        "Séance du 14 mars 2024\n\n2024-03-04 : Election du délégué\nAu scrutin secret, bulletins blancs : 1. M. Luc FAURE est élu.\n\n"
        "2024-03-05 : Tarifs\nObjet : tarifs de la cantine\nAdopté.\n"
    )
    _, ds = session(text)
    assert [d.get("subject") for d in ds] == ["Election du délégué", "tarifs de la cantine"]
    assert ds[0]["election"] is True
