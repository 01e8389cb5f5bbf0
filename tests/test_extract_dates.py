"""The session's date and the convocation's, among the other dates a header prints.

Each extract is written for the test (invented places, names and dates), after layouts seen in real acts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ctg_rules.extract import extract_text
from ctg_rules.extract.positions import plain
from ctg_rules.extract.words import find_date


def _session(text: str) -> dict[str, Any]:
    return extract_text(text).data["deliberations"][0].get("session") or {}


def test_date_only_in_words_with_the_old_spelling() -> None:
    text = (
        "REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL\n"
        "L'an deux mil cinq, le douze avril, à vingt heures, le Conseil Municipal s'est réuni.\n"
        "Présents : M. Paul ROUX, Mme Anne VIDAL.\n"
    )
    assert _session(text)["date"] == date(2005, 4, 12)


def test_the_approved_minutes_date_is_no_session_date() -> None:
    text = (
        "PROCES-VERBAL DE LA REUNION DU CONSEIL MUNICIPAL\nDU LUNDI 1ER JUILLET 2013\n\n"
        "Présents : M. Paul ROUX, Mme Anne VIDAL.\n"
        "Approbation du compte-rendu de la séance du 4 mars 2013 : adopté à l'unanimité.\n"
    )
    assert _session(text)["date"] == date(2013, 7, 1)


def test_a_publication_date_above_the_minutes_and_a_failed_meeting_cited() -> None:
    text = (
        "Publié le 3 juin 2019\nCompte-rendu du Comité Syndical du jeudi 22 mai 2019\n"
        "Lors de la réunion du comité syndical du 16 mai 2019 le quorum n'a pas été atteint. Le comité "
        "syndical s'est réuni, après avoir été convoqué par courrier en date du 17 mai 2019.\n"
        "Etaient présents : M. Paul ROUX, Mme Anne VIDAL.\n"
    )
    s = _session(text)
    assert s["date"] == date(2019, 5, 22) and s["convened_on"] == date(2019, 5, 17)


def test_date_only_in_the_title_of_minutes() -> None:
    text = "CR du conseil municipal 09 avril 2021\nPrésents : Jean, Yves, Anne.\nOrdre du jour\n"
    assert _session(text)["date"] == date(2021, 4, 9)


def test_a_session_over_two_days_gives_no_made_up_date() -> None:
    text = (
        "EXTRAIT DU REGISTRE DES DELIBERATIONS\nLe conseil communautaire s'est réuni les 12 et 13 octobre 2023.\n"
        "Présents : M. Paul ROUX, Mme Anne VIDAL.\n"
    )
    assert "date" not in _session(text)


def test_a_date_followed_by_the_council_meeting() -> None:
    text = (
        "SYNDICAT DES EAUX\nLe 9 décembre 2014, sur convocation datée du 21 novembre 2014, le Comité du "
        "Syndicat s'est réuni en session ordinaire.\nMembres en exercice : 65\n"
    )
    s = _session(text)
    assert s["date"] == date(2014, 12, 9) and s["convened_on"] == date(2014, 11, 21)


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("Le conseil municipal, dûment convoqué le 14\noctobre 2015, s'est réuni.", date(2015, 10, 14)),
        ("Convocation du 05 Mars 2016", date(2016, 3, 5)),
        ("Le conseil, sur convocation régulière en date du 2 mars 2016, s'est réuni.", date(2016, 3, 2)),
        ("Date de l'avis de convocation :\n\n24 juin 2013\n\n______", date(2013, 6, 24)),
    ],
)
def test_convocation_wordings(wording: str, expected: date) -> None:
    text = f"EXTRAIT DU REGISTRE DES DELIBERATIONS\nSéance du 20 mars 2016\n{wording}\nPrésents : M. Paul ROUX.\n"
    assert _session(text)["convened_on"] == expected


def test_convocation_and_posting_in_one_phrase_and_apostrophes_lost() -> None:
    text = (
        "COMPTE RENDU DU CONSEIL MUNICIPAL\nConvocation aux membres du conseil et affichage le 10 mars 2016\n"
        "Le 15 mars 2016, le conseil municipal s est réuni en mairie.\nPrésents : M. Paul ROUX, Mme Anne VIDAL.\n"
    )
    s = _session(text)
    assert s["convened_on"] == date(2016, 3, 10) and s["date"] == date(2016, 3, 15)


def test_president_before_a_dash_and_secretary_proposed() -> None:
    text = (
        "COMPTE RENDU du CONSEIL MUNICIPAL\nSéance du 11 mars 2021\nLe Conseil Municipal s'est réuni sous la "
        "présidence de Monsieur Paul ROUX - Maire\nPrésents : Paul ROUX - Anne VIDAL - Luc FAURE\n"
        "Nombre de membres\nen exercice : 11\nqui ont pris part à la\ndélibération : 9\n"
        "Monsieur le Maire propose la candidature de Anne VIDAL, en qualité de secrétaire.\n"
    )
    d = extract_text(text).data["deliberations"][0]
    assert d["session"]["president"] == "Paul ROUX" and d["session"]["secretary"] == "Anne VIDAL"
    assert d["declared"]["voters"] == 9  # "qui ont pris part à la délibération", over two lines


def test_a_date_cut_by_the_search_window_is_not_a_two_digit_year() -> None:
    cut = "le 01/01/2024 à 18 h"
    # the window ends inside the year: "01/01/20" would read as 2020
    assert find_date(cut, plain(cut), 0, len("le 01/01/20")) == (None, -1)
    assert find_date(cut, plain(cut), 0, None) == (date(2024, 1, 1), 3)
    short = "le 01/01/24 à 18 h"  # a two-digit year printed so is still read
    assert find_date(short, plain(short), 0, len("le 01/01/24")) == (date(2024, 1, 1), 3)
