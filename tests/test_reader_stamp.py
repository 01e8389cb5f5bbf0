"""The stamp reader called directly: the act's identifier, its transmission dates, certification, signatures.

Each extract is written for the test (invented identifiers, names and dates), after real stamps.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.reader_helpers import BASE, read, reader, where


def stamp(text: str) -> dict[str, Any]:
    return read(text, "transmission")[1]


def transmission(text: str) -> dict[str, Any]:
    return stamp(text).get("transmission") or {}


# --- the act's identifier ---------------------------------------------------------------------------


def test_the_act_id_gives_the_siren_and_the_department() -> None:
    r, d = read("Accusé de réception\n034-213401722-20240312-DEL2024_12-DE\n", "transmission")
    assert d["transmission"] == {"act_id": "034-213401722-20240312-DEL2024_12-DE"}
    assert d["body"] == {"siren": "213401722", "department": "034"}
    assert where(r, "transmission", "act_id") == (2, 1)
    assert where(r, "body", "siren") == (2, 5)
    assert where(r, "body", "department") == (2, 1)
    assert r.out.notes == []


def test_a_corsican_department_in_capitals() -> None:
    d = stamp("02a-200012345-20240312-12-ar\n")
    assert d["body"]["department"] == "02A"
    assert d["transmission"]["act_id"] == "02a-200012345-20240312-12-ar"


@pytest.mark.parametrize(
    "text",
    [
        "34-213401722-20240312-12-DE",
        "034-21340172-20240312-12-DE",
        "034-213401722-2024031-12-DE",
        "034-213401722-20240312-12-D",
    ],
)
def test_what_is_no_act_id(text: str) -> None:
    assert "transmission" not in stamp(text + "\n")


def test_an_act_sent_twice_keeps_the_last_id_and_says_so() -> None:
    r, d = read("034-213401722-20240312-A1-DE\nRenvoyé :\n034-213401722-20240312-A2-DE\n", "transmission")
    assert d["transmission"]["act_id"] == "034-213401722-20240312-A2-DE"
    assert where(r, "transmission", "act_id") == (3, 1)
    assert r.out.notes == [
        (
            (*BASE, "transmission", "act_id"),
            "plusieurs identifiants imprimés : 034-213401722-20240312-A1-DE (l.1), "
            "034-213401722-20240312-A2-DE (l.3) ; le dernier est retenu",
        )
    ]


def test_the_same_id_printed_twice_is_no_note() -> None:
    r, d = read("034-213401722-20240312-A1-DE\n034-213401722-20240312-A1-DE\n", "transmission")
    assert d["transmission"]["act_id"] == "034-213401722-20240312-A1-DE"
    assert r.out.notes == []


# --- the transmission dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("Envoyé en préfecture le", "sent_on"),
        ("Envoyé à la préfecture le", "sent_on"),
        ("Envoi préfecture :", "sent_on"),
        ("Envoi en préfecture :", "sent_on"),
        ("Transmis en préfecture le", "sent_on"),
        ("Transmise à la préfecture le", "sent_on"),
        ("Transmis au représentant de l'Etat le", "sent_on"),
        ("Transmis au contrôle de légalité le", "sent_on"),
        ("Date de télétransmission :", "sent_on"),
        ("Date de transmission :", "sent_on"),
        ("Date d'envoi :", "sent_on"),
        ("Reçu en préfecture le", "received_on"),
        ("Reçue en préfecture le", "received_on"),
        ("Réception préfecture :", "received_on"),
        ("Réception en sous-préfecture :", "received_on"),
        ("Date de réception :", "received_on"),
        ("Date de réception préfecture :", "received_on"),
        ("Accusé de réception le", "received_on"),
        ("Accusé de réception du", "received_on"),
        ("Publié le", "published_on"),
        ("Publiée le", "published_on"),
        ("Publié :", "published_on"),
        ("Mis en ligne le", "published_on"),
        ("Mise en ligne le", "published_on"),
        ("Date de publication :", "published_on"),
        ("Date de mise en ligne :", "published_on"),
        ("Affiché le", "posted_on"),
        ("Affichée le", "posted_on"),
        ("Date d'affichage :", "posted_on"),
    ],
)
def test_each_stamp_label_gives_its_date(line: str, field: str) -> None:
    assert transmission(f"{line} 14/03/2024\n") == {field: date(2024, 3, 14)}
    assert transmission(f"{line.upper()} 14 mars 2024\n") == {field: date(2024, 3, 14)}
    assert transmission(f"{line}\n14/03/2024\n") == {field: date(2024, 3, 14)}


def test_a_full_stamp_each_date_with_its_position() -> None:
    text = "Envoyé en préfecture le 14/03/2024\nReçu en préfecture le 15/03/2024\nPublié le 16/03/2024\nAffiché le 17 mars 2024\n"
    r, d = read(text, "transmission")
    assert d["transmission"] == {
        "sent_on": date(2024, 3, 14),
        "received_on": date(2024, 3, 15),
        "published_on": date(2024, 3, 16),
        "posted_on": date(2024, 3, 17),
    }
    assert where(r, "transmission", "sent_on") == (1, 25)
    assert where(r, "transmission", "posted_on") == (4, 12)


@pytest.mark.parametrize(
    "text",
    [
        "Publié sur le site le 16/03/2024\n",  # "publié" not followed by its date: a word of the text
        "Affichée en mairie le 17/03/2024\n",
        "Envoyé en préfecture le ... \n",
        "Envoyé en préfecture le, après relecture par le service juridique, 14/03/2024\n",
    ],
)
def test_no_stamp_date(text: str) -> None:
    assert transmission(text) == {}


def test_the_first_date_of_a_label_is_kept() -> None:
    text = "Envoyé en préfecture le 14/03/2024\nEnvoyé en préfecture le 20/03/2024\n"
    assert transmission(text) == {"sent_on": date(2024, 3, 14)}


def test_a_date_far_along_the_label_s_line() -> None:
    assert transmission("Envoyé en préfecture le                  14/03/2024\n") == {
        "sent_on": date(2024, 3, 14)
    }


@pytest.mark.parametrize(
    "text",
    [
        "Envoi préfecture :\nRéception préfecture :\n14/03/2024 15/03/2024\n",
        "Envoi préfecture :     Réception préfecture :\n14/03/2024 15/03/2024\n",
        "Envoi préfecture :\nRéception préfecture :\n14/03/2024   15/03/2024   16/03/2024\n",
    ],
)
def test_labels_in_a_row_or_a_column_their_dates_below(text: str) -> None:
    assert transmission(text) == {"sent_on": date(2024, 3, 14), "received_on": date(2024, 3, 15)}


def test_three_labels_in_a_row() -> None:
    text = "Envoi préfecture :     Réception préfecture :     Date d'affichage :\n14/03/2024   15/03/2024   16/03/2024\n"
    r, d = read(text, "transmission")
    assert d["transmission"] == {
        "sent_on": date(2024, 3, 14),
        "received_on": date(2024, 3, 15),
        "posted_on": date(2024, 3, 16),
    }
    assert where(r, "transmission", "received_on") == (2, 14)


def test_a_full_stamp_in_columns_then_labels_below() -> None:
    text = (
        "Envoi préfecture :\nRéception préfecture :\n14/03/2024 15/03/2024\nDate d'affichage :\n17/03/2024\n"
        "Date de publication :\n18/03/2024\n"
    )
    assert transmission(text) == {
        "sent_on": date(2024, 3, 14),
        "received_on": date(2024, 3, 15),
        "posted_on": date(2024, 3, 17),
        "published_on": date(2024, 3, 18),
    }


def test_a_label_followed_by_words_waits_for_no_date() -> None:
    assert transmission("Objet\nEnvoi préfecture : voir ci-dessous\n14/03/2024\n") == {}
    text = "Envoi préfecture : voir ci-dessous\nRéception préfecture :\n14/03/2024 15/03/2024\n"
    assert transmission(text) == {"received_on": date(2024, 3, 14)}


def test_a_word_publie_does_not_end_the_stamp() -> None:
    text = "Publié sur le site internet\nEnvoyé en préfecture le 14/03/2024\n"
    assert transmission(text) == {"sent_on": date(2024, 3, 14)}


def test_a_label_alone_and_a_dated_label_below() -> None:
    assert transmission("Envoi préfecture :\nPublié le 16/03/2024\n") == {"published_on": date(2024, 3, 16)}
    assert transmission("Envoi préfecture :\n14/03/2024 15/03/2024\n") == {"sent_on": date(2024, 3, 14)}


# --- executory, certified --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wording",
    [
        "Certifié exécutoire le 20 mars 2024",
        "Certifiée exécutoire le : 20/03/2024",
        "Certifiée exécutoire en date du 20/03/2024",
        "Rendu exécutoire le 20/03/2024",
        "Rendue exécutoire à compter du 20/03/2024",
        "Devenue exécutoire le 20/03/2024",
        "Caractère exécutoire au 20/03/2024",
        "Acte exécutoire depuis le 20/03/2024",
        "Délibération exécutoire à la date du 20/03/2024",
        "Acte rendu exécutoire, 20/03/2024",
    ],
)
def test_the_executory_date(wording: str) -> None:
    r, d = read("Vu et publié.\n" + wording + "\n", "transmission")
    assert d["transmission"]["executory_on"] == date(2024, 3, 20)
    assert where(r, "transmission", "executory_on")[0] == 2


@pytest.mark.parametrize(
    "text",
    [
        "Certifié exécutoire le XX/XX/2024",  # a draft's blank
        "Acte rendu exécutoire" + " " * 70 + "le 20/03/2024",  # too far from its wording
    ],
)
def test_no_executory_date(text: str) -> None:
    assert "executory_on" not in transmission(text + "\n")


def test_an_executory_heading_over_another_label_s_date() -> None:
    t = transmission("Certifié exécutoire\nEnvoi préfecture : 14/03/2024\n")
    assert t == {"sent_on": date(2024, 3, 14)}
    t = transmission("Acte certifié exécutoire après envoi, 14/03/2024\n")
    assert "executory_on" not in t


def test_the_second_executory_wording_when_the_first_has_no_date() -> None:
    t = transmission("Certifié exécutoire\n\nRendu exécutoire le 21/03/2024\n")
    assert t == {"executory_on": date(2024, 3, 21)}


@pytest.mark.parametrize(
    "text",
    [
        "Pour extrait conforme,\nLe 13 mars 2024\nLe Maire\n",
        "Pour copie certifiée conforme\nFait à Rodez, le 13/03/2024\n",
        "Pour extrait conforme, le 13/03/2024\n",
        "Certifié conforme le 13/03/2024\n",
        "Pour copie conforme. Rodez, 13/03/2024\n",
    ],
)
def test_the_date_of_the_certification(text: str) -> None:
    assert stamp(text)["certified_on"] == date(2024, 3, 13)


@pytest.mark.parametrize(
    "text",
    [
        "Pour extrait conforme\nAccusé de réception 15/03/2024\n",  # a stamp across it
        "Pour extrait conforme\nEnvoyé le 14/03/2024\n",
        "Pour extrait conforme, notifiée le 14/03/2024\n",
        "Pour extrait conforme\n" + "x" * 160 + " 13/03/2024\n",  # too far
        "Extrait conforme au registre, 13/03/2024\n",
        "Pour extrait conforme, le XX/XX/2024\n",  # a draft's blank
        # a stamp printed across the certification: its date is the stamp's
        "Pour extrait conforme\nAccusé de réception\nIdentifiant : 034-213401722-20240312-12-DE\n15/03/2024\n",
    ],
)
def test_no_certification_date(text: str) -> None:
    assert "certified_on" not in stamp(text)


def test_the_certification_s_position() -> None:
    r, _ = read("Délibéré.\nPour extrait conforme,\nRodez, le 13/03/2024\n", "transmission")
    assert where(r, "certified_on") == (3, 11)


def test_certified_executory_is_certified_too() -> None:
    d = stamp("Certifié exécutoire le 20/03/2024\n")
    assert d["certified_on"] == date(2024, 3, 20)
    assert d["transmission"] == {"executory_on": date(2024, 3, 20)}


# --- the register's signatures ----------------------------------------------------------------------


def test_signatures_in_two_columns() -> None:
    text = "Délibéré en séance.\n\nLe Maire,                         Le secrétaire de séance,\nPaul ROUX                         Anne VIDAL\n"
    r, d = read(text, "transmission")
    assert d["signed_by"] == [
        {"name": "Paul ROUX", "role": "Le Maire"},
        {"name": "Anne VIDAL", "role": "Le secrétaire de séance"},
    ]
    assert where(r, "signed_by") == (3, 1)


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("La Présidente,", "La Présidente"),
        ("Le Président", "Le Président"),
        ("Le Vice-Président", "Le Vice-Président"),
        ("Le Maire de Rodez,", "Le Maire de Rodez"),
        ("Monsieur le Maire de Rodez,", "Monsieur le Maire de Rodez"),
        ("Madame la Présidente", "Madame la Présidente"),
        ("La secrétaire de la séance", "La secrétaire de la séance"),
        ("La adjointe au maire,", "La adjointe au maire"),
    ],
)
def test_signer_headings(heading: str, role: str) -> None:
    assert stamp(f"{heading}\n\nAnne VIDAL\n")["signed_by"] == [{"name": "Anne VIDAL", "role": role}]


def test_a_sentence_starting_like_a_heading_before_the_signatures() -> None:
    # its first word is a role's ("La", "Le"), its line no heading: the headings below are still read
    text = (
        "La séance est levée à 21 h 30.\n\n"
        "Le Maire,                         Le secrétaire de séance,\n"
        "Paul ROUX                         Anne VIDAL\n"
    )
    assert stamp(text)["signed_by"] == [
        {"name": "Paul ROUX", "role": "Le Maire"},
        {"name": "Anne VIDAL", "role": "Le secrétaire de séance"},
    ]


def test_every_signer_heading_starts_with_a_role_word() -> None:
    """The lines are sorted out by their first word before SIGNER_ROLE is tried: each of its
    beginnings (from its parse tree, "^" set aside) is one of those words or starts one."""
    from ctg_rules.extract import scan
    from ctg_rules.extract.deliberation.stamp import _ROLE_WORDS, SIGNER_ROLE

    assert SIGNER_ROLE.pattern.startswith("^")
    found = scan.beginnings(SIGNER_ROLE.pattern[1:])
    assert found
    assert all(any(w.startswith(r) or r.startswith(w) for r in _ROLE_WORDS) for w in found)


def test_an_indented_heading_with_a_non_breaking_space() -> None:
    text = "Délibéré.\n \u00a0 Madame\u00a0la Présidente,\nAnne VIDAL\n"
    assert stamp(text)["signed_by"] == [{"name": "Anne VIDAL", "role": "Madame\u00a0la Présidente"}]


def test_a_signer_whose_name_starts_with_x() -> None:
    assert stamp("Le Maire,\nXavier ROUX\n")["signed_by"] == [{"name": "Xavier ROUX", "role": "Le Maire"}]


@pytest.mark.parametrize(
    "text",
    [
        "Le Maire, Paul ROUX\n",  # a name after the heading on its line: not a signature block
        "Le Maire,\n- Paul ROUX\n",  # a list
        "Le Maire,\n\n\n\nPaul ROUX\n",  # too far below
        "Le Maire,  Le secrétaire\nPaul ROUX\n",  # one name for two headings
        "Le Maire,\nle budget\n",  # no name
        "Pour extrait conforme,\nLe Maire,\nPaul ROUX\n",
        "Copie conforme\n\nLe Maire,\nPaul ROUX\n",
        "Le Maire propose\nPaul ROUX\n",
    ],
)
def test_no_register_signature(text: str) -> None:
    assert "signed_by" not in stamp(text)


def test_only_the_act_s_forty_last_lines_are_signatures() -> None:
    text = "La Présidente,\nAnne VIDAL\n" + "Considérant le budget.\n" * 39
    assert "signed_by" not in stamp(text)
    text = "La Présidente,\nAnne VIDAL\n" + "Considérant le budget.\n" * 38
    assert stamp(text)["signed_by"] == [{"name": "Anne VIDAL", "role": "La Présidente"}]


def test_signatures_on_the_very_last_lines() -> None:
    assert stamp("Délibéré.\nLe Maire,\nPaul ROUX")["signed_by"] == [
        {"name": "Paul ROUX", "role": "Le Maire"}
    ]


def test_signatures_in_rows_located_at_the_first() -> None:
    r, d = read("Délibéré.\nLe Maire,\nPaul ROUX\nLe secrétaire de séance,\nAnne VIDAL\n", "transmission")
    assert d["signed_by"] == [
        {"name": "Paul ROUX", "role": "Le Maire"},
        {"name": "Anne VIDAL", "role": "Le secrétaire de séance"},
    ]
    assert where(r, "signed_by") == (2, 1)


def test_signatures_above_a_certification() -> None:
    text = "Le Maire,  Le secrétaire\nPaul ROUX  Anne VIDAL\n\nPour extrait conforme\nLe Maire\n"
    assert stamp(text)["signed_by"] == [
        {"name": "Paul ROUX", "role": "Le Maire"},
        {"name": "Anne VIDAL", "role": "Le secrétaire"},
    ]


def test_the_secretary_s_signature_after_the_mayor_s_certification() -> None:
    text = "Pour extrait conforme,\nLe Maire,\nPaul ROUX\n\n\n\nLe secrétaire de séance,\nAnne VIDAL\n"
    assert stamp(text)["signed_by"] == [{"name": "Anne VIDAL", "role": "Le secrétaire de séance"}]


def test_a_role_ending_with_a_capital_x() -> None:
    d = stamp("Le Maire de SAINT-FÉLIX,\nPaul ROUX\n")
    assert d["signed_by"] == [{"name": "Paul ROUX", "role": "Le Maire de SAINT-FÉLIX"}]


def test_the_signatures_of_a_range_only() -> None:
    text = "La Présidente,\nAnne VIDAL\n\nLe Maire,\nPaul ROUX\n"
    r = reader(text)
    r.signatures(BASE, text.index("\n\n"), r.end)
    assert r.out.get((*BASE, "signed_by")) == [{"name": "Paul ROUX", "role": "Le Maire"}]


@pytest.mark.parametrize(
    ("line", "field", "column"),
    [
        ("Date d'envoi : lundi 14/03/2024\n", "sent_on", 22),
        ("Date de réception : le mardi 14/03/2024\n", "received_on", 30),
        ("Affiché le : jeudi, 14.03.2024\n", "posted_on", 21),
    ],
)
def test_a_day_s_name_between_the_label_and_its_date(line: str, field: str, column: int) -> None:
    r, d = read(line, "transmission")
    assert d["transmission"] == {field: date(2024, 3, 14)}
    assert where(r, "transmission", field) == (1, column)


def test_other_words_between_the_label_and_a_date_are_no_date() -> None:
    assert transmission("Date d'envoi : lundi prochain, avant le 14/03/2024\n") == {}


def test_a_column_of_labels_then_their_dates_one_per_line() -> None:
    text = "Date d'envoi :\nDate de réception :\nDate d'affichage :\n14/03/2024\n15/03/2024\n16/03/2024\n"
    r, d = read(text, "transmission")
    assert d["transmission"] == {
        "sent_on": date(2024, 3, 14),
        "received_on": date(2024, 3, 15),
        "posted_on": date(2024, 3, 16),
    }
    assert where(r, "transmission", "posted_on") == (6, 1)


def test_dates_one_per_line_stop_at_the_labels_count() -> None:
    text = "Envoi préfecture :\nRéception préfecture :\n14/03/2024\n15/03/2024\n20/03/2024\nDate d'affichage : 21/03/2024\n"
    assert transmission(text) == {
        "sent_on": date(2024, 3, 14),
        "received_on": date(2024, 3, 15),
        "posted_on": date(2024, 3, 21),
    }


# --- the edges of each reach (from the mutation run's survivors) -------------------------------------


@pytest.mark.parametrize(("spaces", "read_"), [(50, True), (51, False)])
def test_the_executory_date_ends_at_most_sixty_characters_after_its_wording(spaces: int, read_: bool) -> None:
    t = transmission("Certifié exécutoire" + " " * spaces + "20/03/2024\n")
    assert t.get("executory_on") == (date(2024, 3, 20) if read_ else None)


@pytest.mark.parametrize(("spaces", "read_"), [(140, True), (141, False)])
def test_the_certification_date_ends_at_most_150_characters_after_it(spaces: int, read_: bool) -> None:
    d = stamp("Pour extrait conforme" + " " * spaces + "13/03/2024\n")
    assert d.get("certified_on") == (date(2024, 3, 13) if read_ else None)


@pytest.mark.parametrize(
    ("text", "distance", "read_"),
    [
        # "envoyée" 25 characters before the date: the sending's date, not the certification's
        ("Pour extrait conforme, copie envoyée au préfet. Rodez 13/03/2024\n", 25, False),
        ("Pour extrait conforme, copie envoyée au préfet. Pau le 13/03/2024\n", 26, True),
    ],
)
def test_a_sending_word_makes_the_date_its_own_within_25_characters(
    text: str, distance: int, read_: bool
) -> None:
    assert text.index("13/03") - text.index("envoyée") == distance
    assert stamp(text).get("certified_on") == (date(2024, 3, 13) if read_ else None)


def test_the_certification_s_date_is_looked_for_in_its_range_only() -> None:
    # the range ends under the certification; a stamp further on does not widen it
    text = "Pour extrait conforme\nLe 13/03/2024\nEnvoyé en préfecture le 14/03/2024\n"
    r = reader(text)
    r.certified(BASE, 0, text.index("Le 13"))
    assert r.out.get(BASE) is None


def test_the_secretary_s_signature_right_under_the_mayor_s_certification() -> None:
    # the certification three lines above the secretary's heading is the mayor's, not the secretary's
    text = "Pour extrait conforme,\nLe Maire,\nPaul ROUX\nLe secrétaire de séance,\nAnne VIDAL\n"
    assert stamp(text)["signed_by"] == [{"name": "Anne VIDAL", "role": "Le secrétaire de séance"}]


@pytest.mark.parametrize("word", ["publiée", "affichée", "Publié", "Affiché"])
def test_a_publication_word_ending_a_line_takes_no_date_below(word: str) -> None:
    assert transmission(f"La présente délibération sera {word}\nRodez, le 13/03/2024\n") == {}


@pytest.mark.parametrize(("spaces", "read_"), [(22, True), (23, False)])
def test_a_stamp_date_ends_at_most_40_characters_after_its_label(spaces: int, read_: bool) -> None:
    t = transmission("Date d'envoi : mercredi" + " " * spaces + "14/03/2024\n")
    assert t == ({"sent_on": date(2024, 3, 14)} if read_ else {})


@pytest.mark.parametrize(("between", "read_"), [("(AR) ", True), ("(A/R) ", False)])
def test_at_most_five_characters_between_a_stamp_label_and_its_date(between: str, read_: bool) -> None:
    t = transmission(f"Date d'envoi : {between}14/03/2024\n")
    assert t == ({"sent_on": date(2024, 3, 14)} if read_ else {})


def test_a_column_of_labels_whose_dates_stop_takes_no_later_date() -> None:
    text = "Date d'envoi :\nDate de réception :\n14/03/2024\nObjet : budget\n20/03/2024\n"
    assert transmission(text) == {"sent_on": date(2024, 3, 14)}


@pytest.mark.parametrize(
    "between",
    [
        "Objet : budget\n",  # a line without a date: the first label waits in vain
        "Réception préfecture : 15/03/2024\n",  # a dated label: the first label's date is not below
    ],
)
def test_a_label_s_date_missing_below_then_a_column_label(between: str) -> None:
    t = transmission(f"Envoi préfecture :\n{between}Date d'affichage :\n17/03/2024\n")
    assert "sent_on" not in t
    assert t["posted_on"] == date(2024, 3, 17)
