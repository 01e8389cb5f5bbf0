"""The header reader called directly: the body, the session's date and time, convocation, urgency, chair,
secretary, place.

Each extract is written for the test (invented communes, names and dates), after real headers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.reader_helpers import BASE, pad, read, reader, where

SESSION = (*BASE, "session")


def header(text: str) -> dict[str, Any]:
    return read(text, "header")[1]


def session(text: str) -> dict[str, Any]:
    return header(text).get("session") or {}


def body(text: str) -> dict[str, Any]:
    return read(text, "body")[1].get("body") or {}


# --- the body ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("COMMUNE DE SAINT-GENIEZ\nSéance du 12 octobre 2023\n", "Commune de Saint-Geniez", "commune"),
        ("Commune de Rodez\n", "Commune de Rodez", "commune"),
        ("Ville d'Albi\n", "Ville de Albi", "commune"),
        ("Conseil municipal de la ville de Rodez\n", "ville de Rodez", "commune"),
        ("Conseil municipal de la commune d'Espalion\n", "commune de Espalion", "commune"),
        (
            "Communauté de communes du Haut Aubrac\nConseil communautaire\n",
            "Communauté de communes Haut Aubrac",
            "epci",
        ),
        (
            "Communauté d'agglomération Rodez Agglomération\n",
            "Communauté d'agglomération Rodez Agglomération",
            "epci",
        ),
        ("Communauté urbaine de Lyon\n", "Communauté urbaine Lyon", "epci"),
        ("Métropole de Montpellier\n", "Métropole Montpellier", "epci"),
        ("Syndicat mixte du Lot\n", "Syndicat mixte du Lot", "syndicat"),
        ("Conseil départemental de la Lozère\n", "Département de la Lozère", "departement"),
        ("Conseil général du Cantal\n", "Département de Cantal", "departement"),
        ("Conseil départemental de l'Aveyron\n", "Département de Aveyron", "departement"),
        ("DÉPARTEMENT DE LA LOZÈRE\nCommission permanente\n", "Département de la Lozère", "departement"),
        ("DÉPARTEMENT DU CANTAL\nConseil départemental\n", "Département de Cantal", "departement"),
        ("DÉPARTEMENT DE LA LOZÈRE\nCommune de Mende\n", "Commune de Mende", "commune"),
    ],
)
def test_the_body_and_its_kind(text: str, name: str, kind: str) -> None:
    assert body(text) == {"name": name, "kind": kind}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Syndicat *\nCommune de Rodez\n", "Commune de Rodez"),  # an empty name is skipped
        ("Département de la Lozère\nCommission permanente\n", "Département de la Lozère"),
        ("Département du Cantal\nCommission permanente\n", "Département de Cantal"),
        ("EXTRAIT\nDÉPARTEMENT DE LA LOZÈRE\nCommission permanente\n", "Département de la Lozère"),
        ("COMMUNE DE SAINT-FÉLIX\n", "Commune de Saint-Félix"),
        ("Commune de Rodez *\n", "Commune de Rodez"),
    ],
)
def test_the_body_s_name_as_printed(text: str, name: str) -> None:
    assert body(text)["name"] == name


def test_a_name_in_capitals_without_its_accents() -> None:
    found = body("COMMUNAUTE DE COMMUNES DES CAUSSES\n")
    assert found["kind"] == "epci"
    assert found["name"].casefold() == "communaute de communes causses"


def test_the_body_first_named_in_the_header() -> None:
    assert body("Commune de Mende\nSyndicat mixte du Lot\n")["name"] == "Commune de Mende"
    assert body("Syndicat mixte du Lot\nCommune de Mende\n")["name"] == "Syndicat mixte du Lot"


def test_the_body_s_position() -> None:
    r, _ = read("EXTRAIT DU REGISTRE\n  Commune de Rodez\n", "body")
    assert where(r, "body", "name") == (2, 3)
    assert where(r, "body", "kind") == (2, 3)


def test_a_name_in_capitals_is_written_as_the_document_prints_it_elsewhere() -> None:
    assert body(
        "COMMUNAUTE DE COMMUNES DU HAUT AUBRAC\n\nLa Communauté de communes Haut Aubrac décide.\n"
    ) == {
        "name": "Communauté de communes Haut Aubrac",
        "kind": "epci",
    }
    assert body("COMMUNE DE SAINT-GENIEZ D'OLT\n")["name"] == "Commune de Saint-Geniez d'Olt"


def test_the_body_s_name_ends_before_the_register_s_title() -> None:
    assert body("COMMUNE DE RODEZ EXTRAIT DU REGISTRE\n")["name"] == "Commune de Rodez"
    assert body("Syndicat des eaux du conseil\n") == {"name": "Syndicat des eaux", "kind": "syndicat"}


def test_the_body_is_read_before_the_subject_and_the_lists_only() -> None:
    assert body("Séance du 12 mars 2024\nObjet : subvention à la commune de Rodez\n") == {}
    assert body("Séance du 12 mars 2024\nPrésents : M. Paul ROUX\nCommune de Rodez\n") == {}
    assert body("Séance du 12 mars 2024\nPrésents : M. Paul ROUX\nCommune de Rodez\nObjet : budget\n") == {}
    text = "Séance du 12 mars 2024\nCommune de Rodez\nPrésents : M. Paul ROUX\n"
    r = reader(text)
    r.body(BASE, text.index("Commune"))
    assert r.out.get(BASE) is None
    assert body("Séance\n" + "x " * 1600 + "\nCommune de Rodez\n") == {}


def test_a_communaute_named_over_two_lines() -> None:
    assert body("Communauté de communes du Pays\nde Salars\n\nSéance du 12 mars 2024\n")["name"] == (
        "Communauté de communes Pays de Salars"
    )
    assert (
        body("Communauté de communes du Pays\nExtrait du registre\n")["name"] == "Communauté de communes Pays"
    )


# --- the session's date and time -----------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Séance du 2 décembre 2023",
        "Séance du 02/12/2023",
        "Séance du 2.12.2023",
        "Séance du lundi 2 décembre 2023",
        "SEANCE DU 2 DECEMBRE 2023",
        "Réunion du 2 décembre 2023",
        "Session du 2 décembre 2023",
        "Conseil municipal du 2 décembre 2023",
        "Conseil communautaire du samedi 2 décembre 2023",
        "Conseil syndical du 2 décembre 2023",
        "Comité syndical du 2 décembre 2023",
        "Bureau communautaire du 2 décembre 2023",
        "Commission permanente du 2 décembre 2023",
        "Assemblée générale du 2 décembre 2023",
        "Compte rendu de la réunion du 2 décembre 2023",
        "Procès-verbal de la séance du 2 décembre 2023",
        "Date de la séance : 2 décembre 2023",
        "CR du 2 décembre 2023",
    ],
)
def test_a_session_title_gives_the_date(title: str) -> None:
    r, d = read(f"Commune de Rodez\n{title}\n", "header")
    assert d["session"]["date"] == date(2023, 12, 2)
    assert r.out.reasons[(*SESSION, "date")] == "titre de séance (« Séance du … ») (score 3)"
    assert where(r, "session", "date")[0] == 2


def test_the_first_of_the_month() -> None:
    assert session("Séance du 1er décembre 2023\n")["date"] == date(2023, 12, 1)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("L'an deux mille vingt-trois, le deux décembre, le conseil s'est réuni.", date(2023, 12, 2)),
        ("L'an deux mille vingt-trois, le douze octobre, le conseil s'est réuni.", date(2023, 10, 12)),
        ("L'an deux mille vingt-trois, le premier décembre", date(2023, 12, 1)),
        ("L'an deux mil vingt-trois, le vingt et un décembre", date(2023, 12, 21)),
        ("L'an 2023, le 2 décembre", date(2023, 12, 2)),
        ("L'AN DEUX MILLE VINGT-TROIS, LE TRENTE ET UN MARS", date(2023, 3, 31)),
    ],
)
def test_a_date_in_words(text: str, day: date) -> None:
    r, d = read(f"Commune de Rodez\n{text}\n", "header")
    assert d["session"]["date"] == day
    assert r.out.reasons[(*SESSION, "date")] == "date en lettres (« L'an deux mille … ») (score 3)"
    assert where(r, "session", "date") == (2, 1)


def test_a_date_in_words_with_the_counts_of_a_left_column_among_its_lines() -> None:
    text = "L'an deux mille vingt-trois,\nPrésents : 12\nle deux décembre, à dix-huit heures\n"
    assert session(text) == {"date": date(2023, 12, 2), "time": "18:00"}


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("L'an deux mille vingt-trois, le deux décembre, à dix-neuf heures trente", "19:30"),
        ("L'an deux mille vingt-trois, le deux décembre à 18h", "18:00"),
        ("Séance du 12 octobre 2023 à 19 h 30", "19:30"),
        ("Séance du 12 octobre 2023 à 19h30", "19:30"),
        ("Séance du 12 octobre 2023 à 20 heures", "20:00"),
        ("Séance du 12 octobre 2023\nLa séance est ouverte dès 18 heures.", "18:00"),
    ],
)
def test_the_time_of_the_session(text: str, time: str) -> None:
    assert session(text + "\n")["time"] == time


def test_the_time_s_position() -> None:
    r, _ = read("Séance du 12 octobre 2023\nOuverte à 19 h 30\n", "header")
    assert where(r, "session", "time") == (2, 11)
    r, _ = read("Commune\nL'an deux mille vingt-trois, le deux décembre à 18h\n", "header")
    assert where(r, "session", "time") == (2, 1)


def test_no_time_read_from_a_figure_that_is_none() -> None:
    assert "time" not in session("Séance du 12 octobre 2023 à 25 h 00\n")
    assert "time" not in session("Séance du 12 octobre 2023\nRéunion à la salle 12.\n")


def test_a_time_in_words_after_an_impossible_one() -> None:
    text = "L'an deux mille vingt-trois, le deux décembre à 25 heures.\nOuverture à 18 h 15.\n"
    assert session(text) == {"date": date(2023, 12, 2), "time": "18:15"}


def test_a_date_followed_by_the_council_meeting() -> None:
    r, d = read("Le jeudi 24 octobre 2013 à 17 h 30, le Conseil municipal s'est réuni.\n", "header")
    assert d["session"] == {"date": date(2013, 10, 24), "time": "17:30"}
    assert r.out.reasons[(*SESSION, "date")] == "date suivie de « … s'est réuni » (score 2)"
    for met in ("s'est assemblé", "se sont réunis", "dûment convoqué", "le comité", "le bureau"):
        assert session(f"Le 24 octobre 2013, {met}\n")["date"] == date(2013, 10, 24)


def test_a_date_alone_at_the_top() -> None:
    r, d = read("Commune de Rodez\n\n12/10/2023\n\nObjet : Budget\n", "header")
    assert d["session"]["date"] == date(2023, 10, 12)
    assert r.out.reasons[(*SESSION, "date")] == "date seule sur une ligne en tête (score 1)"
    assert session("Commune\n- jeudi 12/10/2023\n")["date"] == date(2023, 10, 12)
    assert session("x\n" * 11 + "12/10/2023\n")["date"] == date(2023, 10, 12)
    assert session("x\n" * 12 + "12/10/2023\n") == {}  # too far down
    assert session("Le budget voté 12/10/2023\n") == {}  # in a sentence


def test_a_title_beats_a_date_alone_above_it() -> None:
    r, d = read("12/10/2023\nSéance du 13 octobre 2023\n", "header")
    assert d["session"]["date"] == date(2023, 10, 13)
    assert (
        r.out.reasons[(*SESSION, "date")]
        == "titre de séance (« Séance du … ») (score 3, 1 autre(s) écartée(s))"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Vu la délibération du 2 décembre 2023,\n",
        "Approbation du procès-verbal de la séance du 2 décembre 2023\n",
        "Séance précédente du 2 décembre 2023\n",
        "Conseil municipal convoqué le 2 décembre 2023\n",
        "Séance affichée le 2 décembre 2023\n",
        "Conseil municipal, arrêté du 2 décembre 2023\n",
        "Conseil municipal, en date du 2 décembre 2023\n",
        "Conseil municipal, décret du 2 décembre 2023\n",
        "Conseil municipal, budget 2023 du 2 décembre 2023\n",
        "Conseil municipal du 1er au 2 décembre 2023\n",
        "Conseil municipal\nLes 2 et 3 décembre 2023\n",
        "Séance\nLe 1 au mardi 2 décembre 2023\n",
        "Objet : budget du 3 mai 2024\n",
    ],
)
def test_a_date_cited_is_not_the_session_s(text: str) -> None:
    assert "date" not in session(text)


def test_the_session_date_among_cited_dates() -> None:
    text = "Commune de Rodez\nDélibération n° 12 du 2 décembre 2023\nSéance du 5 décembre 2023\n"
    assert session(text)["date"] == date(2023, 12, 5)
    text = "Séance du 12 octobre 2023\nApprobation du procès-verbal du 5 septembre 2023\n"
    assert session(text)["date"] == date(2023, 10, 12)


def test_two_session_titles_the_first_wins() -> None:
    assert session("Séance du 12 octobre 2023\nSéance du 13 octobre 2023\n")["date"] == date(2023, 10, 12)


def test_the_session_date_within_the_header_s_end() -> None:
    text = "Commune\nObjet : budget\n" + "Séance du 12 octobre 2023\n"
    r = reader(text)
    r.session_date(SESSION, text.index("Séance"))
    assert r.out.get((*SESSION, "date")) is None


# --- convocation, urgency --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Le conseil municipal, convoqué le 5 octobre 2023, s'est réuni.",
        "Le conseil, convoqué régulièrement le 5 octobre 2023",
        "Les membres convoqués par courrier le 5 octobre 2023",
        "Convocation adressée le 5/10/2023",
        "Convocation envoyée aux conseillers le 5/10/2023",
        "Sur convocation en date du 5 octobre 2023",
        "Par convocation régulière du 5 octobre 2023",
        "Convocation datée du 5 octobre 2023",
        "Convocation du 5 octobre 2023",
        "Convoqués par courrier en date du 5 octobre 2023",
        "Date de convocation : 05/10/2023",
        "Date de l'avis de convocation : 05/10/2023",
        "Date de la convocation :\n\n05/10/2023",
        "Convocations :\n05/10/2023",
        "Convocation aux membres du conseil et affichage le 5 octobre 2023",
    ],
)
def test_the_convocation_s_date(text: str) -> None:
    d = session(text + "\n")
    assert d["convened_on"] == date(2023, 10, 5)


def test_the_convocation_s_position() -> None:
    r, _ = read("Commune\nConvocation du 5 octobre 2023\n", "session")
    assert where(r, "session", "convened_on") == (2, 16)


def test_the_first_convocation_wording_s_date_and_a_second_convocation() -> None:
    assert session("Convocation du 5 octobre 2023\nDeuxième convocation\n") == {
        "convened_on": date(2023, 10, 5),
        "second_convocation": True,
    }
    assert session("Convoqué le 5 octobre 2023\nDate de convocation : 06/10/2023\n") == {
        "convened_on": date(2023, 10, 5)
    }


def test_a_convocation_whose_year_did_not_read_is_not_the_next_date() -> None:
    text = "Convoqué le 26 mars 202\nSéance du 27 mars 2024\n"
    assert "convened_on" not in session(text)


def test_no_convocation_date() -> None:
    assert "convened_on" not in session("Convocation du conseil municipal.\n")
    assert "convened_on" not in session("Convocation du XX/XX/2023\n")  # a draft's blank
    assert "convened_on" not in session("Convocation du " + "x" * 60 + " 5 octobre 2023\n")


@pytest.mark.parametrize(
    "wording", ["Deuxième convocation", "Seconde convocation", "2e convocation", "2ème convocation"]
)
def test_a_second_convocation(wording: str) -> None:
    r, d = read(f"Commune\n{wording}\n", "session")
    assert d["session"]["second_convocation"] is True
    assert where(r, "session", "second_convocation") == (2, 1)


def test_a_first_convocation_is_no_second() -> None:
    assert "second_convocation" not in session("Première convocation du 5 octobre 2023\n")


@pytest.mark.parametrize(
    "text",
    [
        "Le conseil, convoqué en urgence, s'est réuni.",
        "Le conseil, convoqué d'urgence, s'est réuni.",
        "Convocation d'urgence adressée aux membres",
        "Séance extraordinaire d'urgence",
        "Réunion d'urgence",
        "Procédure d'urgence",
        "En raison de l'urgence, le délai est réduit.",
        "L'urgence de la convocation a été invoquée.",
        "Le maire déclare que l'urgence est constatée.",
    ],
)
def test_urgency_invoked(text: str) -> None:
    r, d = read("Commune\n" + text + "\n", "session")
    assert d["session"] == {"urgency": True}
    assert where(r, "session", "urgency")[0] == 2


@pytest.mark.parametrize(
    "text",
    [
        "L'urgence a été reconnue à l'unanimité.",
        "L'urgence ayant été admise par le conseil.",
        "L'urgence est approuvée à la majorité.",
        "L'urgence de la convocation a été confirmée par les membres.",
        "Le conseil reconnaît l'urgence.",
        "Le conseil municipal, après en avoir délibéré, a reconnu l'urgence.",
        "Procédure d'urgence : l'assemblée se prononce sur l'urgence.",
    ],
)
def test_urgency_ruled_on(text: str) -> None:
    assert session(text + "\n") == {"urgency": True, "urgency_confirmed": True}


@pytest.mark.parametrize(
    "text",
    [
        "En raison de l'état d'urgence sanitaire, la séance se tient à huis clos.",
        "Le fonds d'urgence est abondé.",
    ],
)
def test_no_urgency(text: str) -> None:
    assert session(text + "\n") == {}


def test_the_urgency_ruled_on_located() -> None:
    r, _ = read("Procédure d'urgence.\nLe conseil reconnaît l'urgence.\n", "session")
    assert where(r, "session", "urgency") == (1, 1)
    assert where(r, "session", "urgency_confirmed") == (2, 1)


@pytest.mark.parametrize(
    "after",
    [
        "Sous la présidence de M. Paul ROUX",
        "Secrétaire de séance : Mme Anne VIDAL",
        "Mme Anne VIDAL a été désignée secrétaire de séance.",
        "Le Maire propose la candidature de Mme Anne VIDAL comme secrétaire.",
        "Convocation du 5 mars 2024",
        "Deuxième convocation",
        "Lieu : Salle des fêtes",
        "Le conseil s'est réuni à la mairie.",
        "L'urgence a été reconnue à l'unanimité.",
        "La séance est ouverte à 19 h 30.",
    ],
)
def test_the_session_is_read_in_the_header_only(after: str) -> None:
    text = "Séance du 12 mars 2024\nProcédure d'urgence.\nObjet : budget\n" + after + "\n"
    r = reader(text)
    r.session(BASE, text.index("Objet"))
    assert r.out.get(SESSION) == {"date": date(2024, 3, 12), "urgency": True}


def test_a_date_in_words_or_a_meeting_past_the_header_is_not_weighed() -> None:
    for after in (
        "L'an deux mille vingt-quatre, le treize mars",
        "Le conseil municipal s'est réuni",
        "Séance, le treize mars deux mille vingt-quatre",
    ):
        text = "Commune\n12/03/2024\nObjet : budget\n" + after + "\n"
        r = reader(text)
        r.session_date(SESSION, text.index("Objet"))
        assert r.out.get((*SESSION, "date")) == date(2024, 3, 12)
        assert r.out.reasons[(*SESSION, "date")] == "date seule sur une ligne en tête (score 1)"
        assert r.out.get((*SESSION, "time")) is None


def test_a_date_alone_near_the_reader_s_start() -> None:
    text = "x\n" * 8 + "Commune\n\n12/10/2023\n"
    r = reader(text)
    r.start = text.index("Commune")
    r.session_date(SESSION, r.end)
    assert r.out.get((*SESSION, "date")) == date(2023, 10, 12)


def test_the_time_of_the_sentence_in_words_only() -> None:
    text = "Commune\nConvocation pour 20 h\nL'an deux mille vingt-trois, le deux décembre, à dix-huit heures, le conseil s'est réuni.\n"
    assert session(text)["time"] == "18:00"
    text = (
        "L'an deux mille vingt-trois, le deux décembre, le conseil s'est réuni.\nSuspension de séance 21 h 10.\n"
        "Reprise à 21 h 30.\n"
    )
    assert session(text) == {"date": date(2023, 12, 2), "time": "21:30"}


def test_a_year_in_words_without_its_day_gives_no_date() -> None:
    assert "date" not in session(
        "L'an deux mille vingt-trois, le conseil s'est réuni.\nLe budget du 5 décembre est voté.\n"
    )


def test_urgency_far_down_is_another_matter() -> None:
    assert session("x\n" * 4100 + "Procédure d'urgence\n") == {}


# --- chair, secretary, place --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "president"),
    [
        ("Sous la présidence de M. Paul ROUX, Maire.", "Paul ROUX"),
        ("sous la présidence de Mme Anne VIDAL", "Anne VIDAL"),
        ("Sous la présidence de Monsieur le Maire, Philippe SAUREL", "Philippe SAUREL"),
        ("Sous la présidence de M. Paul ROUX - Maire", "Paul ROUX"),
        ("Sous la présidence de M. Paul ROUX qui ouvre la séance", "Paul ROUX"),
    ],
)
def test_the_president(text: str, president: str) -> None:
    r, d = read("Commune\n" + text + "\n", "session")
    assert d["session"]["president"] == president
    assert where(r, "session", "president")[0] == 2


@pytest.mark.parametrize(
    "text",
    [
        "Sous la présidence de la doyenne d'âge.\nM. Paul ROUX, Mme Anne VIDAL\nPrésents : Mme Claire NOËL\n",
        "Sous la présidence de\nSecrétaire de séance : Mme Anne VIDAL\n",  # a label: no name before it
        # a label line, not a list: the names after it are not the president's
        "Sous la présidence de\nRapporteur : M. Luc FAURE, Mme Anne VIDAL\n",
        "Sous la présidence de la séance, "
        + "après lecture de l'ordre du jour et des pièces " * 4
        + ", M. Paul ROUX\n",
    ],
)
def test_no_president_named_in_the_sentence(text: str) -> None:
    assert "president" not in session(text)


def test_the_president_before_the_attendance_list() -> None:
    text = "Sous la présidence de M. Paul ROUX\nPrésents : Mme Anne VIDAL, M. Luc FAURE\n"
    assert session(text) == {"president": "Paul ROUX"}
    assert session("Sous la présidence de : Présents : Mme Anne VIDAL\n") == {}


@pytest.mark.parametrize(
    ("text", "secretary"),
    [
        ("Secrétaire de séance : Mme Anne VIDAL", "Anne VIDAL"),
        ("Secrétaire de la séance : Mme Anne VIDAL", "Anne VIDAL"),
        ("Secrétaire : M. Luc FAURE", "Luc FAURE"),
        ("Secrétaire :\nMme Anne VIDAL", "Anne VIDAL"),  # a margin box: the name below its label
        ("Mme Anne VIDAL a été désignée secrétaire de séance.", "Anne VIDAL"),
        ("M. Luc FAURE a été nommé secrétaire.", "Luc FAURE"),
        ("Mme Anne VIDAL a été élue pour remplir les fonctions de secrétaire.", "Anne VIDAL"),
        ("Le quorum atteint. Mme Anne VIDAL a été choisie comme secrétaire.", "Anne VIDAL"),
        ("Le Maire propose la candidature de Mme Anne VIDAL, en qualité de secrétaire.", "Anne VIDAL"),
        ("La candidature de M. Luc FAURE comme secrétaire est retenue.", "Luc FAURE"),
        ("Mme Anne VIDAL est désignée comme secrétaire.", "Anne VIDAL"),
        ("Mme Anne VIDAL a été désigné(e) secrétaire.", "Anne VIDAL"),
    ],
)
def test_the_secretary(text: str, secretary: str) -> None:
    r, d = read("Commune\n" + text + "\n", "session")
    assert d["session"]["secretary"] == secretary
    assert where(r, "session", "secretary")[0] == 2 + text.count("\n")


@pytest.mark.parametrize(
    "text",
    ["Secrétaire de séance : à désigner", "Le secrétaire de mairie a été désigné."],
)
def test_no_secretary(text: str) -> None:
    assert "secretary" not in session(text + "\n")
    assert "secretary" not in session(text + "\nMme Anne VIDAL présente le rapport.\n")
    assert "secretary" not in session(text + "\nMme Anne VIDAL, Mme Claire NOËL\n")


@pytest.mark.parametrize(
    ("text", "secretary", "at"),
    [
        ("Commune\nSéance ouverte\nMme Anne VIDAL a été désignée secrétaire.\n", "Anne VIDAL", (3, 5)),
        ("Commune\nSéance ouverte\nM. Luc FAURE a été nommé secrétaire.\n", "Luc FAURE", (3, 4)),
        ("Commune\nSéance ouverte\nAnne VIDAL a été désignée secrétaire.\n", "Anne VIDAL", (3, 1)),
    ],
)
def test_the_secretary_designated_on_a_line_of_its_own(
    text: str, secretary: str, at: tuple[int, int]
) -> None:
    r, d = read(text, "session")
    assert d["session"]["secretary"] == secretary
    assert where(r, "session", "secretary") == at


def test_the_secretary_designated_in_the_last_sentence() -> None:
    text = "Séance ouverte. Quorum atteint. Mme Anne VIDAL a été désignée secrétaire.\n"
    assert session(text) == {"secretary": "Anne VIDAL"}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Lieu : Salle des fêtes", "Salle des fêtes"),
        ("Lieu de la séance : Mairie de Rodez.", "Mairie de Rodez"),
        ("Le conseil municipal s'est réuni à la mairie, sous la présidence de M. Paul ROUX.", "Mairie"),
        ("Le conseil s'est réuni en salle du conseil, le jeudi 12 octobre.", "Salle du conseil"),
        ("Le conseil s'est réuni au siège de la communauté, à 18 h.", "Siège de la communauté"),
        ("Le conseil s'est réuni à l'hôtel de ville, en session ordinaire.", "Hôtel de ville"),
        (
            "Le comité s'est réunie à la maison des associations, après convocation.",
            "Maison des associations",
        ),
        ("Les délégués se sont réunis. Le conseil s'est réuni au foyer rural", "Foyer rural"),
        ("Lieu : Salle des fêtes de SAINT-FÉLIX", "Salle des fêtes de SAINT-FÉLIX"),
        ("Le conseil s'est réuni à la salle de SAINT-FÉLIX.", "Salle de SAINT-FÉLIX"),
        ("Le conseil s'est réuni à la mairie,\n\nSous la présidence de M. Paul ROUX.", "Mairie"),
        ("Le conseil s'est réuni à la mairie ; le maire ouvre la séance. Suite", "Mairie"),
    ],
)
def test_the_place(text: str, place: str) -> None:
    r, d = read("Commune\n" + text + "\n", "session")
    assert d["session"]["place"] == place
    assert where(r, "session", "place")[0] == 2


@pytest.mark.parametrize(
    "text",
    [
        "Lieu : ",
        "Le conseil s'est réuni sous la présidence du maire.",
        "Le conseil s'est réuni en séance publique.",
        "Le conseil s'est réuni à la mairie " + "de la commune " * 10 + ".",
        "Le conseil s'est réuni. Le maire est à la mairie.",  # another sentence
        "Le conseil s'est réuni" + " et" * 110 + " à la mairie.",  # too far
    ],
)
def test_no_place(text: str) -> None:
    assert "place" not in session(text + "\n")


def test_a_place_label_without_a_value_falls_back_on_the_sentence() -> None:
    assert session("Lieu : .\nLe conseil s'est réuni à la mairie.\n")["place"] == "Mairie"
    assert session("Lieu :\nSalle des fêtes\n")["place"] == "Salle des fêtes"  # a margin box


def test_person_in() -> None:
    r = reader("Monsieur le Maire, Philippe SAUREL")
    assert r.person_in(0, r.end) == ("Philippe SAUREL", 19)
    r = reader("M. Paul ROUX, Mme Anne VIDAL")
    assert r.person_in(0, r.end) == ("Paul ROUX", 3)
    r = reader("le budget, la commune")
    assert r.person_in(0, r.end) is None
    # a surer name later wins over a possible one; between two possible ones, the first
    r = reader("Jean Dupont, Paul ROUX")
    assert r.person_in(0, r.end) == ("Paul ROUX", 13)
    r = reader("Jean Dupont, Anne Vidal")
    assert r.person_in(0, r.end) == ("Jean Dupont", 0)
    # the name's offset is its first word's first occurrence ("Jean" again inside "Jeanjean")
    r = reader("M. Jean Jeanjean")
    assert r.person_in(0, r.end) == ("Jean Jeanjean", 3)


def test_a_secretary_s_label_past_the_header_s_end_leaves_the_designation_in_it() -> None:
    # the label after the header's end is another item's: the header's own wording is still read
    text = (
        "Séance du 12 mars 2024\nMme Anne VIDAL a été désignée secrétaire de séance.\nObjet : budget\n"
        "Secrétaire : M. Luc FAURE\n"
    )
    r = reader(text)
    r.session(BASE, text.index("Objet"))
    assert r.out.get((*SESSION, "secretary")) == "Anne VIDAL"


def test_the_secretary_s_exact_position() -> None:
    r, _ = read("Secrétaire de séance : Anne VIDAL\n", "session")
    assert where(r, "session", "secretary") == (1, 24)
    r, _ = read("Secrétaire de séance : Mme Anne VIDAL\n", "session")
    assert where(r, "session", "secretary") == (1, 28)


def test_a_secretary_proposed_in_a_later_item_is_not_this_session_s() -> None:
    text = "Séance du 12 mars 2024\nObjet : budget\nLe Maire propose la candidature de Mme Anne VIDAL comme secrétaire.\n"
    r = reader(text)
    r.session(BASE, text.index("Objet"))
    assert r.out.get((*SESSION, "secretary")) is None


def test_without_counts() -> None:
    r = reader("L'an deux mille vingt-trois, Présents : 12 Votants : 14 le deux décembre")
    assert r.without_counts(0, r.end) == "L'an deux mille vingt-trois, le deux décembre"
    r = reader("Présents : M. Paul ROUX")
    assert r.without_counts(0, r.end) == "Présents : M. Paul ROUX"
    r = reader("L'an deux mille vingt-trois, Votants : 14 Présents : 12 le deux décembre")
    assert r.without_counts(0, r.end) == "L'an deux mille vingt-trois, le deux décembre"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Le deux décembre deux mille vingt-trois, le conseil municipal s'est réuni.", date(2023, 12, 2)),
        ("Le lundi trente et un mars deux mille vingt-cinq, le comité s'est réuni.", date(2025, 3, 31)),
        ("LE PREMIER DÉCEMBRE DEUX MIL VINGT-TROIS, LE CONSEIL S'EST RÉUNI", date(2023, 12, 1)),
    ],
)
def test_a_date_in_words_without_l_an(text: str, day: date) -> None:
    r, d = read(f"Commune de Valbrune\n{text}\n", "header")
    assert d["session"]["date"] == day
    assert r.out.reasons[(*SESSION, "date")] == "date en lettres suivie de « … s'est réuni » (score 2)"
    assert where(r, "session", "date") == (2, 1)


def test_a_date_in_words_cited_is_not_the_session_s() -> None:
    text = "Commune de Valbrune\nVu la délibération du deux décembre deux mille vingt-trois, le conseil s'est réuni.\n"
    assert "date" not in session(text)
    text = "Commune de Valbrune\nVu la délibération prise le deux décembre deux mille vingt-trois, le conseil s'est réuni.\n"
    assert "date" not in session(text)


def test_the_year_of_a_date_in_words_after_a_run_of_blanks() -> None:
    # a justified line: the year's last words far from "deux mille", in the same sentence
    assert session("Séance, le deux décembre deux mille" + " " * 100 + "vingt-trois\n")["date"] == date(
        2023, 12, 2
    )


def test_a_date_in_words_after_a_session_title() -> None:
    r, d = read("Commune de Valbrune\nSéance, le deux décembre deux mille vingt-trois\n", "header")
    assert d["session"]["date"] == date(2023, 12, 2)
    assert r.out.reasons[(*SESSION, "date")] == "date en lettres après un titre de séance (score 3)"
    assert where(r, "session", "date") == (2, 9)


def test_the_session_s_date_in_words_after_a_cited_one() -> None:
    text = (
        "Vu la délibération prise le deux décembre deux mille vingt-trois.\n"
        "Séance, le cinq décembre deux mille vingt-trois\n"
    )
    assert session(text)["date"] == date(2023, 12, 5)


def test_a_subject_naming_another_year_does_not_change_the_session_s_date_in_words() -> None:
    # the sentence in words is read from "L'an", not from the text's start: "an 2024" above is no year of it
    text = (
        "Objet : Subvention aux festivités du Nouvel An 2024\n"
        "L'an deux mille vingt-trois, le deux décembre, le conseil municipal s'est réuni.\n"
    )
    assert session(text)["date"] == date(2023, 12, 2)


# --- the edges of the header's limits: each thing exactly at the last character read, then one past it ---


@pytest.mark.parametrize(("last", "read"), [(2999, True), (3000, False)])
def test_a_header_without_lists_names_its_body_in_its_first_3000_characters(last: int, read: bool) -> None:
    # the name's first letter at offset `last`: the kind word needs a letter of the name to be read
    text = pad(last - len("Commune de ") - 1) + "\nCommune de Rodez\n"
    assert ("kind" in body(text)) is read


@pytest.mark.parametrize(("first", "read"), [(151, True), (160, False)])
def test_the_president_named_in_the_160_characters_after_sous_la_presidence(first: int, read: bool) -> None:
    # "Paul ROUX" starting `first` characters after "Sous la présidence de ": ending at the 160th, or past it
    text = "Commune\nSous la présidence de " + pad(first - 2) + ", Paul ROUX\n"
    assert session(text).get("president") == ("Paul ROUX" if read else None)


@pytest.mark.parametrize(("last", "read"), [(299, True), (300, False)])
def test_the_day_of_a_date_in_words_within_300_characters_of_l_an(last: int, read: bool) -> None:
    # the month's last letter `last` characters after "L'an"; no full stop in between
    head, day = "L'an deux mille vingt-trois, ", "le deux décembre"
    text = "Commune\n" + head + pad(last + 1 - len(head) - len(day) - 1) + " " + day + "\nSuite\n"
    assert session(text).get("date") == (date(2023, 12, 2) if read else None)


@pytest.mark.parametrize(("at", "read"), [(299, True), (300, False)])
def test_the_time_of_a_date_in_words_within_300_characters_of_l_an(at: int, read: bool) -> None:
    # the "h" of "heures" `at` characters after "L'an": past the sentence, no time in figures to fall back on
    head, time = "L'an deux mille vingt-trois, le deux décembre, ", "à dix-huit heures"
    text = "Commune\n" + head + pad(at - len(head) - len(time) + len("heures") - 1) + " " + time + "\nSuite\n"
    assert session(text) == {"date": date(2023, 12, 2), **({"time": "18:00"} if read else {})}


# a date in figures, and one in words without "L'an"
DAYS = ("12 octobre 2023", "le douze octobre deux mille vingt-trois")


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize(("distance", "read"), [(110, True), (111, False)])
def test_a_session_title_within_110_characters_before_the_date(distance: int, read: bool, day: str) -> None:
    # "Conseil municipal" starting `distance` characters before the date, nothing else to weigh it
    title = "Conseil municipal "
    text = title + pad(distance - len(title) - 1) + f" {day}\n"
    assert session(text).get("date") == (date(2023, 10, 12) if read else None)


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize(("distance", "read"), [(70, False), (71, True)])
def test_a_cited_date_s_wording_within_70_characters_before_the_date(
    distance: int, read: bool, day: str
) -> None:
    # "convocation" starting `distance` characters before the date: within 70, the date is one it cites
    text = "Séance, sur convocation " + pad(distance - len("convocation ") - 1) + f" {day}\n"
    assert session(text).get("date") == (date(2023, 10, 12) if read else None)


@pytest.mark.parametrize(("last", "read"), [(219, True), (220, False)])
def test_a_meeting_within_220_characters_after_the_date(last: int, read: bool) -> None:
    # the last letter of "s'est réuni" `last` characters after the date's start
    met = "l'assemblée s'est réuni"
    text = "Le 12 octobre 2023 " + pad(last + 1 - len("12 octobre 2023 ") - len(met) - 1) + " " + met + "\n"
    assert session(text).get("date") == (date(2023, 10, 12) if read else None)


@pytest.mark.parametrize(("last", "read"), [(219, True), (220, False)])
def test_a_meeting_within_220_characters_after_a_date_in_words(last: int, read: bool) -> None:
    # the last letter of "s'est réuni" `last` characters after the date's words up to "mille"
    met = "l'assemblée s'est réuni"
    text = (
        "Le douze octobre deux mille vingt-trois "
        + pad(last - len(" vingt-trois ") - len(met))
        + " "
        + met
        + "\n"
    )
    assert session(text).get("date") == (date(2023, 10, 12) if read else None)


@pytest.mark.parametrize("last", [90, 120, 300])
def test_a_later_year_after_a_date_in_words_is_not_its_year(last: int) -> None:
    # "l'an ... le premier janvier" ending `last` characters after the date in words, in its sentence:
    # another date's year and day, not this one's
    day, later = (
        "le deux décembre deux mille vingt-trois, ",
        "l'an deux mille vingt-quatre, le premier janvier",
    )
    text = "Séance, " + day + pad(last - len(day) - len(later)) + " " + later + "\n"
    assert session(text)["date"] == date(2023, 12, 2)


@pytest.mark.parametrize(("last", "read"), [(5999, True), (6000, False)])
def test_a_session_date_in_the_header_s_first_6000_characters(last: int, read: bool) -> None:
    # the date's last figure at offset `last`
    title = "Séance du 12 octobre 2023"
    text = pad(last - len(title)) + "\n" + title + "\nSuite\n"
    assert session(text).get("date") == (date(2023, 10, 12) if read else None)


@pytest.mark.parametrize(("last", "read"), [(299, True), (300, False)])
def test_a_place_within_300_characters_after_s_est_reuni(last: int, read: bool) -> None:
    # the last letter of "mairie" `last` characters after "s'est réuni"; no full stop in between
    text = "Le conseil s'est réuni " + pad(last - len(" à la mairie")) + " à la mairie.\n"
    assert session(text).get("place") == ("Mairie" if read else None)


@pytest.mark.parametrize(("length", "read"), [(119, True), (120, False)])
def test_a_place_of_fewer_than_120_characters(length: int, read: bool) -> None:
    place = ("salle des fêtes et des associations de la commune " * 3)[: length - 1] + "s"
    found = session(f"Le conseil s'est réuni à la {place}.\n").get("place")
    assert found == (place[:1].upper() + place[1:] if read else None)


@pytest.mark.parametrize(("last", "read"), [(7999, True), (8000, False)])
def test_urgency_in_the_header_s_first_8000_characters(last: int, read: bool) -> None:
    # the last letter of "Procédure d'urgence" at offset `last`
    urgency = "Procédure d'urgence"
    text = pad(last - len(urgency)) + "\n" + urgency + "\nSuite\n"
    assert session(text) == ({"urgency": True} if read else {})
