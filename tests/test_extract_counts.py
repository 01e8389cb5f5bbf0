"""Printed counts as acts lay them out: inline after the lists, in parentheses, in prose, in a margin box.

Each extract is written for the test (invented names and figures), after layouts seen in real acts.
"""

from __future__ import annotations

from typing import Any

import pytest

from ctg_rules.extract import extract_text

HEAD = "EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL\nSéance du 12 mars 2024\n"


def _counts(text: str) -> tuple[Any, dict[str, int]]:
    d = extract_text(HEAD + text).data["deliberations"][0]
    return d.get("members_in_office"), d.get("declared") or {}


def test_count_line_after_the_lists_in_a_flattened_paragraph() -> None:
    text = (
        "Le conseil s'est réuni sous la présidence de M. Paul ROUX. Présents : M. Paul ROUX, Mme Anne VIDAL, "
        "M. Luc FAURE. Pouvoirs : Mme Claire NOËL à M. Luc FAURE. Conseillers en exercice : 27 - "
        "Présents : 22 - Votants : 26 - Majorité absolue : 14\n"
    )
    assert _counts(text) == (27, {"present": 22, "voters": 26, "absolute_majority": 14})


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Nombre de conseillers votants : 12\n", {"voters": 12}),
        ("MEMBRES VOTANTS : 15\n", {"voters": 15}),
        ("Nombre de présents : (31)\n", {"present": 31}),
        ("Nombre d élus participant au vote : 12\n", {"voters": 12}),  # apostrophe lost by the conversion
        ("Elus présents : 17\n", {"present": 17}),
    ],
)
def test_count_wordings(line: str, expected: dict[str, int]) -> None:
    assert _counts(line)[1] == expected


def test_counts_in_prose() -> None:
    assert _counts("A l'ouverture de la séance, 35 présents sur 37.\n") == (37, {"present": 35})
    text = (
        "Membres en exercice : 265 Quorum : 133. A l'ouverture de la séance, 182 délégués étaient présents.\n"
    )
    assert _counts(text) == (265, {"quorum": 133, "present": 182})


def test_suppleants_in_office_are_not_the_members_in_office() -> None:
    text = "Nombre de délégués suppléants en exercice : 52\nNombre de délégués titulaires en exercice : 52\n"
    assert _counts(text)[0] == 52
    assert _counts("Nombre de délégués suppléants en exercice : 40\n")[0] is None


def test_margin_box_whose_labels_came_out_before_its_figures() -> None:
    text = (
        "Nombre de conseillers\nen exercice :\n\n______\n\nNombre de conseillers\nen séance :\n\n______\n\n"
        "Pouvoirs :\n\n______\n\n29\n\n25\n\n4\n\nDate de la convocation : 24 juin 2013\n"
    )
    assert _counts(text) == (29, {"present": 25, "represented": 4})


def test_a_figure_alone_inside_a_page_is_no_page_number() -> None:
    # three pages: lone figures at a page's top or foot are page numbers, not those of the margin box
    text = (
        HEAD
        + "Conseillers en exercice :\nPrésents :\n\n19\n\n15\n\nObjet : Budget\nLe Maire expose le budget.\n"
        "Il en donne le détail.\nIl propose de l'adopter.\n1\n\f"
        "Le Conseil adopte le budget.\n\n2\n\fSuite.\n\n3\n"
    )
    d = extract_text(text).data["deliberations"][0]
    assert d["members_in_office"] == 19 and d["declared"] == {"present": 15}
