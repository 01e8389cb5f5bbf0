"""Minutes whose items carry no number but each end with "Vote : ...", names joined by " - ".

The texts are written for the test (invented commune and names), in the layout of small communes'
comptes rendus: the counts in a margin column printed after the body, titled paragraphs.
"""

from __future__ import annotations

from typing import Any

from ctg_rules.extract import extract_text

CR = """COMPTE RENDU DU CONSEIL MUNICIPAL DE BELCASTEL
Séance du 12 avril 2023
L'an deux mille vingt-trois, le douze avril, le Conseil Municipal s'est réuni sous la présidence de
Monsieur Louis ARNAL - Maire
Présents : Louis ARNAL - Marie COSTE  - Paul DAUDE - - Anne FABRE
Jeanne GARRIGUES  - Henri LACAN - MOURGUES
Absents excusés : Sophie VIDAL - Marc BOYER
Procurations : Sophie VIDAL donne procuration à Marie COSTE
Ouverture de la séance
Le quorum est atteint, Monsieur le Maire déclare la séance ouverte
Nomination du secrétaire
Monsieur le Maire propose la candidature de Paul DAUDE en qualité de secrétaire de séance
Vote : à l'unanimité
Approbation du compte rendu de la séance précédente
Aucune observation n'est formulée.
Vote : à l'unanimité
Budget primitif de l'eau
Monsieur le Maire présente le budget, équilibré en dépenses et en recettes.
Vote : à l'unanimité
Tarifs de la salle des fêtes
La location passe à 120 euros le week-end.
Vote : à l'unanimité
Questions diverses
Le repas des aînés sera organisé en mai, le projet est validé par les présents.

Nombre de membres
en exercice : 9
qui ont pris part à la
délibération : 8
dont 1 procuration
Date de la convocation :
5 avril 2023
"""


def _names(entries: list[Any]) -> list[str]:
    return [e["name"] if isinstance(e, dict) else e for e in entries]


def test_each_vote_line_closes_an_item_the_secretary_nomination_is_none() -> None:
    ds = extract_text(CR).data["deliberations"]
    # approval of the minutes, budget, tariffs: the nomination and the questions are no deliberation
    assert len(ds) == 3
    assert all(d["unanimous"] is True for d in ds)
    # the margin column, printed after the first items, still gives every item its counts
    assert all(d["members_in_office"] == 9 and d["declared"]["voters"] == 8 for d in ds)
    assert ds[0]["session"]["convened_on"].isoformat() == "2023-04-05"
    assert ds[0]["session"]["secretary"] == "Paul DAUDE"


def test_a_spaced_hyphen_inside_a_surname_and_doubled_separators() -> None:
    d = extract_text(CR).data["deliberations"][0]
    assert _names(d["present"]) == [
        "Louis ARNAL",
        "Marie COSTE",
        "Paul DAUDE",
        "Anne FABRE",
        "Jeanne GARRIGUES",
        "Henri LACAN-MOURGUES",
    ]
    assert d["absent"] == [{"name": "Sophie VIDAL", "proxy_to": "Marie COSTE"}, "Marc BOYER"]


def test_a_list_of_surnames_alone_is_not_joined() -> None:
    text = "Séance du 3 mai 2023\nPrésents : MM. ARNAL - COSTE - DAUDE - FABRE\nAbsents : néant\n"
    assert _names(extract_text(text).data["deliberations"][0]["present"]) == [
        "ARNAL",
        "COSTE",
        "DAUDE",
        "FABRE",
    ]


def test_one_act_with_one_vote_line_stays_one() -> None:
    text = CR.split("Ouverture")[0] + "Budget primitif\nLe budget est présenté.\nVote : à l'unanimité\n"
    assert len(extract_text(text).data["deliberations"]) == 1


def test_one_proxy_a_line_under_its_label_each_read() -> None:
    text = """Séance du 3 mai 2023
Présents : Louis ARNAL - Marie COSTE - Paul DAUDE - Anne FABRE
Procurations :
Sophie VIDAL donne procuration à Marie COSTE
Marc BOYER a donné pouvoir à Paul DAUDE
Le quorum est atteint, Monsieur le Maire déclare la séance ouverte.
"""
    assert extract_text(text).data["deliberations"][0]["absent"] == [
        {"name": "Sophie VIDAL", "proxy_to": "Marie COSTE"},
        {"name": "Marc BOYER", "proxy_to": "Paul DAUDE"},
    ]


def test_a_convocation_date_missing_its_year_is_not_replaced_by_the_next_date() -> None:
    # the margin of page 1 lost the year's last digit; page 2 prints the margin again, whole
    margin = "Date de la convocation :\n{}\nCompte rendu\nconseil municipal du\n12 avril 2023\n"
    text = CR.split("Ouverture")[0] + margin.format("5 avril 202") + "\f" + margin.format("5 avril 2023")
    assert extract_text(text).data["deliberations"][0]["session"]["convened_on"].isoformat() == "2023-04-05"


def test_two_vote_lines_of_one_act_are_one_item() -> None:
    text = CR.split("Ouverture")[0] + "Budget primitif\nVote : à main levée\nVote : à l'unanimité\n"
    assert len(extract_text(text).data["deliberations"]) == 1


def test_a_name_wrapped_before_its_proxy_stays_whole() -> None:
    text = """Séance du 3 mai 2023
Présents : Louis ARNAL - Marie COSTE - Paul DAUDE
Absents excusés : Anne FABRE donne pouvoir à Marie COSTE, Marc
BOYER donne pouvoir à Paul DAUDE
Le quorum est atteint, Monsieur le Maire déclare la séance ouverte.
"""
    absent = extract_text(text).data["deliberations"][0]["absent"]
    assert absent[0] == {"name": "Anne FABRE", "proxy_to": "Marie COSTE"}
    # never cut at that line end into two people, "Marc" and "BOYER"
    assert not {"Marc", "BOYER"} & set(_names(absent))
