"""The counts reader called directly: members in office, present, represented, voters as acts print them.

Each extract is written for the test (invented figures), after the layouts of real acts: a label and
its figure on one line, several on one line, a row of labels over a row of figures, labels in a
margin box with their figures below, counts said in a sentence.
"""

from __future__ import annotations

from typing import Any

import pytest

from ctg_rules.extract.deliberation.counts import CountsReader, label_start
from tests.reader_helpers import BASE, read, reader, where


def counts(text: str) -> dict[str, Any]:
    """What the counts reader found: members in office and the declared counts, flat."""
    _, d = read(text, "counts")
    out = dict(d.get("declared") or {})
    if "members_in_office" in d:
        out["members_in_office"] = d["members_in_office"]
    return out


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("Membres en exercice", "members_in_office"),
        ("Nombre de conseillers en exercice", "members_in_office"),
        ("Conseillers municipaux en exercice", "members_in_office"),
        ("Délégués titulaires en exercice", "members_in_office"),
        ("En exercice", "members_in_office"),
        ("Membres titulaires", "members_in_office"),
        ("Nombre de membres afférents au conseil", "members_in_office"),
        ("Conseillers afférents", "members_in_office"),
        ("Présents", "present"),
        ("Présent", "present"),
        ("Nombre de présents", "present"),
        ("Membres présents", "present"),
        ("Délégués titulaires présents", "present"),
        ("Nombre de conseillers en séance", "present"),
        ("Etaient présents", "present"),
        ("Pouvoirs", "represented"),
        ("Nombre de pouvoirs", "represented"),
        ("Procurations", "represented"),
        ("Procuration", "represented"),
        ("Représentés", "represented"),
        ("Membres représentés", "represented"),
        ("Absents", "absent"),
        ("Absents excusés", "absent"),
        ("Nombre d'absents", "absent"),
        ("Votants", "voters"),
        ("Nombre de votants", "voters"),
        ("Conseillers votants", "voters"),
        ("Membres participant au vote", "voters"),
        ("Nombre de membres ayant pris part au vote", "voters"),
        ("Qui ont pris part à la délibération", "voters"),
        ("Quorum", "quorum"),
        ("Quorum requis", "quorum"),
        ("Majorité absolue", "absolute_majority"),
    ],
)
def test_each_label_of_the_lexicon_gives_its_count(line: str, field: str) -> None:
    assert counts(f"{line} : 17\n") == {field: 17}
    assert counts(f"{line.upper()}: 17\n") == {field: 17}
    assert counts(f"{line} = 17\n") == {field: 17}


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("22", 22),
        ("(31)", 31),
        ("vingt-sept", 27),
        ("douze", 12),
        ("vingt et un", 21),
        ("1O", 10),  # an O read for a zero
        ("néant", 0),
        ("/", 0),
        ("-", 0),
        ("aucun", 0),
        ("5000", 5000),
    ],
)
def test_a_count_in_figures_in_words_or_none(printed: str, value: int) -> None:
    assert counts(f"Présents : {printed}\n") == {"present": value}


@pytest.mark.parametrize(
    "after",
    [
        "24 octobre 2023",
        "12/03/2024",
        "12.03.2024",
        "19h30",
        "19 heures",
        "6000",
        "M. Paul ROUX, Mme Anne VIDAL",
    ],
)
def test_what_follows_a_label_and_is_no_count(after: str) -> None:
    assert counts(f"Présents : {after}\n") == {}


def test_counts_of_a_block_each_with_its_position() -> None:
    text = "Membres en exercice : 27\nPrésents : 22\nReprésentés : 4\nVotants : 26\nAbsents : 5\n"
    r, d = read(text, "counts")
    assert d == {
        "members_in_office": 27,
        "declared": {"present": 22, "represented": 4, "voters": 26, "absent": 5},
    }
    assert where(r, "members_in_office") == (1, 23)
    assert where(r, "declared", "present") == (2, 12)
    assert where(r, "declared", "voters") == (4, 11)


@pytest.mark.parametrize(
    "text",
    [
        "Conseillers en exercice : 27 - Présents : 22 - Votants : 26\n",
        "Conseillers en exercice : 27, Présents : 22, Votants : 26\n",
        "Conseillers en exercice : 27 ; Présents : 22 ; Votants : 26\n",
        "Conseillers en exercice : 27  Présents : 22  Votants : 26\n",
        "Conseillers en exercice : 27 | Présents : 22 | Votants : 26\n",
        "Conseillers en exercice : 27. Présents : 22. Votants : 26\n",
        "Conseillers en exercice : 27 Présents : 22 Votants : 26\n",
        "Conseillers en exercice : 27 – Présents : 22 – Votants : 26\n",
        "Votants : 26 Présents : 22 Conseillers en exercice : 27\n",
        "(Conseillers en exercice : 27) Présents : 22\tVotants : 26\n",
    ],
)
def test_counts_inline_after_any_separator_in_any_order(text: str) -> None:
    found = counts(text)
    assert found["members_in_office"] == 27
    assert found["present"] == 22
    assert found.get("voters", 26) == 26


def test_a_one_figure_count_before_the_next_label() -> None:
    """ "Présents : 9 Votants : 11": the label after a one-figure count is a label too (not "9 votants")."""
    assert counts("Présents : 9 Votants : 11\n") == {"present": 9, "voters": 11}
    assert counts("Membres en exercice : 5 Quorum : 3\n") == {"members_in_office": 5, "quorum": 3}
    assert counts("Membres en exercice : 15 Quorum : 8 Majorité absolue : 9\n") == {
        "members_in_office": 15,
        "quorum": 8,
        "absolute_majority": 9,
    }


@pytest.mark.parametrize(
    "text",
    [
        "xPrésents : 10\n",  # inside a word
        "Le texte des Présents : 10\n",  # a word before it, no separator
        "Conseillers présents, 10\n",  # no separator between the label and the figure
    ],
)
def test_a_label_inside_prose_is_no_count(text: str) -> None:
    assert counts(text) == {}


def test_nombre_de_is_a_label_anywhere() -> None:
    assert counts("Le nombre de présents : 10\n") == {"present": 10}
    assert counts("Ce jour, nombre de votants : 11\n") == {"voters": 11}


def test_represented_is_not_present() -> None:
    assert counts("Représentés : 3\n") == {"represented": 3}
    assert counts("Membres représentés : 3\nPrésents : 12\n") == {"represented": 3, "present": 12}


def test_the_first_count_printed_is_kept() -> None:
    assert counts("Présents : 10\nPrésents : 12\n") == {"present": 10}
    r, _ = read("Présents : 10\nPrésents : 12\n", "counts")
    assert where(r, "declared", "present") == (1, 12)


def test_what_is_no_count_does_not_hide_the_count_below() -> None:
    assert counts("Présents : 24 octobre\nPrésents : 12\n") == {"present": 12}
    assert counts("Présents : 6000\nPrésents : 12\n") == {"present": 12}
    assert counts("Présents : Monsieur ROUX\nPrésents : 12\n") == {"present": 12}


def test_the_counts_of_a_range_only() -> None:
    def in_range(text: str, start: int, end: int) -> dict[str, Any]:
        r = reader(text)
        r.counts(BASE, start, end)
        return r.out.get(BASE) or {}

    text = "Objet : budget\nVotants : 12\n"
    assert in_range(text, 0, text.index("Votants")) == {}
    text = "Membres en exercice :\n23\n"
    assert in_range(text, 0, text.index("\n23")) == {}  # the figure on the line after the range
    text = "Membres en exercice :\nObjet\n23\n"
    assert in_range(text, text.index("Objet"), len(text)) == {}  # the label before it
    text = "En exercice  Présents\n19  15\n"
    assert in_range(text, text.index("19"), len(text)) == {}
    text = "Objet : budget\nSoit 35 présents sur 37.\n"
    assert in_range(text, 0, text.index("Soit")) == {}


def test_suppleants_with_a_vote_count_among_the_present() -> None:
    r, d = read("Présents : 10\nDélégués suppléants votants : 2\n", "counts")
    assert d == {"declared": {"present": 12}}
    assert r.out.notes == [
        (
            ("deliberations", 0, "declared", "present"),
            "10 titulaires présents + 2 suppléant(s) avec voix délibérative",
        )
    ]
    assert where(r, "declared", "present") == (1, 12)


@pytest.mark.parametrize(
    "label",
    [
        "Suppléants avec voix délibérative",
        "Suppléant avec droit de vote",
        "Suppléants présents",
        "Suppléants avec vote",
    ],
)
def test_suppleant_wordings(label: str) -> None:
    assert counts(f"Présents : 10\n{label} : 3\n") == {"present": 13}


def test_suppleants_without_present_or_none_leave_the_counts_alone() -> None:
    r, d = read("Suppléants votants : 2\n", "counts")
    assert d == {}
    r, d = read("Présents : 10\nSuppléants votants : 0\n", "counts")
    assert d == {"declared": {"present": 10}}
    assert r.out.notes == []


def test_suppleants_in_office_are_not_the_members_in_office() -> None:
    assert counts("Nombre de délégués suppléants en exercice : 40\n") == {}
    assert counts("Délégués suppléants en exercice : 40\nDélégués titulaires en exercice : 52\n") == {
        "members_in_office": 52
    }


# --- a row of labels over a row of figures -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "En exercice  Présents  Représentés  Votants\n 34  24  6  30\n",
        "En exercice | Présents | Représentés | Votants\n\n\n34 | 24 | 6 | 30\n",
        "Représentés  Votants  Présents  En exercice\n6  30  24  34\n",
    ],
)
def test_a_table_of_counts(text: str) -> None:
    assert counts(text) == {"members_in_office": 34, "present": 24, "represented": 6, "voters": 30}


def test_a_table_gives_each_figure_its_position() -> None:
    r, _ = read("Conseil\nEn exercice  Présents  Votants\n19  15  17\n", "counts")
    assert where(r, "members_in_office") == (3, 1)
    assert where(r, "declared", "present") == (3, 5)
    assert where(r, "declared", "voters") == (3, 9)


def test_a_two_column_table() -> None:
    assert counts("Présents  Votants\n15  17\n") == {"present": 15, "voters": 17}
    assert counts("Présents  Votants\n15  17") == {"present": 15, "voters": 17}  # the text's last line


def test_a_table_after_a_line_naming_one_label() -> None:
    assert counts("Liste des présents\nEn exercice  Présents  Votants\n19  15  17\n") == {
        "members_in_office": 19,
        "present": 15,
        "voters": 17,
    }


@pytest.mark.parametrize(
    "text",
    [
        "En exercice  Présents  Votants\n19  15\n",  # a figure missing
        "En exercice  Présents  Votants\n19  15  17  4\n",  # one too many
        "En exercice  Présents  Votants\n19  15  17 membres\n",  # words: not a row of figures
        "En exercice  Présents  Votants\n",  # the last line
        "En exercice  Présents  Votants\n\n\n",
        "Présents\n15\n",  # one label alone is no table
    ],
)
def test_what_is_no_table_of_counts(text: str) -> None:
    assert counts(text) == {}


def test_a_figure_among_the_labels_makes_no_table() -> None:
    assert counts("En exercice 3 Présents  Votants\n19  15  17\n") == {"members_in_office": 3}


def test_a_table_after_the_inline_counts_does_not_replace_them() -> None:
    assert counts("Présents : 9\nPrésents  Votants\n15  17\n") == {"present": 9, "voters": 17}


# --- labels in a margin box, their figures below ----------------------------------------------------


def test_labels_over_their_figures_in_a_margin_box() -> None:
    r, d = read("Membres en exercice :\nPrésents :\nVotants :\n\n23\n19\n21\n", "counts")
    assert d == {"members_in_office": 23, "declared": {"present": 19, "voters": 21}}
    assert where(r, "declared", "voters") == (7, 1)


def test_an_indented_figure_s_position() -> None:
    r, _ = read("Présents :\n  19\n", "counts")
    assert where(r, "declared", "present") == (2, 3)


def test_a_line_over_sixty_characters_is_prose() -> None:
    assert counts("Membres en exercice :\n" + "x" * 61 + "\n23\n") == {}
    assert counts("Membres en exercice :\n" + "x" * 60 + "\n23\n") == {"members_in_office": 23}


def test_a_label_wrapped_over_two_lines_waits_for_its_figure() -> None:
    assert counts("Nombre de conseillers\nen séance :\n14\n") == {"present": 14}
    assert counts("Membres en exercice : \n23\n") == {"members_in_office": 23}


@pytest.mark.parametrize(
    "text",
    [
        "Membres en exercice\n23\n",  # no colon: a heading, not a label waiting
        "Membres en exercice :\nCe texte est une phrase de prose qui dépasse bien soixante caractères.\n23\n",
        "23\nMembres en exercice :\n",  # the figure above
        # a label among other words before the colon: a sentence announcing what follows, not a label
        "Le maire remercie les présents et rappelle :\n2\n",
    ],
)
def test_no_figure_waits_for_these_labels(text: str) -> None:
    assert counts(text) == {}


def test_label_ending() -> None:
    assert CountsReader.label_ending("Membres en exercice :") == "members_in_office"
    assert CountsReader.label_ending("Membres en exercice :  ") == "members_in_office"
    assert CountsReader.label_ending("Votants") is None
    assert CountsReader.label_ending("Votants : 12 :") is None
    assert CountsReader.label_ending("Objet :") is None


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("Nombre de membres afférents au conseil :", "members_in_office"),
        ("Nombre de conseillers en séance :", "present"),
        ("Absents excusés :", "absent"),
        ("Ayant pris part à la délibération :", "voters"),
        ("Qui ont pris part au vote :", "voters"),
        ("Majorité absolue :", "absolute_majority"),
        ("Suppléants avec voix délibérative :", "substitutes"),
    ],
)
def test_label_ending_of_every_field(line: str, field: str) -> None:
    from ctg_rules.extract.deliberation.counts import _label_needs
    from ctg_rules.extract.positions import plain

    line = plain(line)  # the reader reads the plain twin
    assert CountsReader.label_ending(line) == field
    # a label is only tried on a line holding one of the strings every match of it holds
    needs = {f: words for f, _, words in _label_needs()}
    assert needs[field] and any(word in line for word in needs[field])


# --- counts said in a sentence ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A l'ouverture de la séance, 35 présents sur 37.", {"present": 35, "members_in_office": 37}),
        ("182 délégués étaient présents.", {"present": 182}),
        ("12 conseillers titulaires sont présents.", {"present": 12}),
        ("15 membres présents.", {"present": 15}),
        ("20 votants.", {"voters": 20}),
        ("18 membres ont pris part au vote.", {"voters": 18}),
        ("1.35 présents sur 37", {}),  # a figure inside another
        ("Article 3,15 présents", {}),
    ],
)
def test_counts_in_a_sentence(sentence: str, expected: dict[str, int]) -> None:
    assert counts(sentence + "\n") == expected


def test_a_sentence_gives_the_present_but_not_the_members_printed() -> None:
    assert counts("Membres en exercice : 40\nSoit 35 présents sur 37.\n") == {
        "members_in_office": 40,
        "present": 35,
    }


def test_a_sentence_does_not_replace_a_printed_count() -> None:
    assert counts("Présents : 20\nMembres en exercice : 40\nSoit 35 présents sur 37.\n") == {
        "present": 20,
        "members_in_office": 40,
    }
    assert counts("Votants : 20\nSoit 18 votants.\n") == {"voters": 20}
    assert counts("Présents : 20\nSoit 35 présents sur 37.\n") == {"present": 20}


def test_label_start() -> None:
    text = "x présents : 1\n"
    assert label_start("présents", 0)
    assert label_start(", présents", 2)
    assert label_start("a  présents", 3)
    assert label_start("12 présents", 3)
    assert label_start("9 présents", 2)
    assert label_start("- présents", 2)
    assert label_start(". présents", 2)
    assert label_start("| présents", 2)
    assert label_start(") présents", 2)
    assert label_start("le nombre", 3)
    assert not label_start(text, 2)
    assert not label_start("xprésents", 1)
    assert not label_start("a\tprésents", 2)
    assert label_start(" présents", 1)  # spaces at the start of the text
    assert label_start("présents : 12 ", 0)
    assert label_start("présents : M. X ", 0)  # a trailing space, no figure before it
    assert not label_start("X présents", 2)  # a letter, then a space
    assert not label_start("12présents", 2)  # a figure glued to the word
    assert not label_start("le conseil dénombre", 13)  # "nombre" inside a word


def test_a_count_above_5000_is_no_count() -> None:
    assert counts("Présents : 5001\n") == {}
    assert counts("Présents : 5000\n") == {"present": 5000}
