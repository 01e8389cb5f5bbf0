"""Issue 18 facts the act prints: when it became executory, urgency, who signs the register.

Each extract is written for the test (invented commune, names and dates).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ctg_rules.extract import extract_text

HEAD = """EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL
Séance du 12 mars 2024
Présents : M. Paul ROUX, Mme Anne VIDAL, M. Luc FAURE.
Objet : Tarifs de la cantine
Le Conseil adopte à l'unanimité.
"""


def _first(text: str) -> dict[str, Any]:
    return extract_text(text).data["deliberations"][0]


@pytest.mark.parametrize(
    "wording",
    ["Certifié exécutoire le 20 mars 2024", "Acte rendu exécutoire le 20/03/2024 après transmission"],
)
def test_executory_date(wording: str) -> None:
    assert _first(HEAD + wording + "\n")["transmission"]["executory_on"] == date(2024, 3, 20)


def test_a_stamp_heading_is_no_executory_date() -> None:
    stamp = "Acte certifié exécutoire\nEnvoi Préfecture :\nRéception en Préfecture :\n18/03/2024 19/03/2024\n"
    assert "executory_on" not in (_first(HEAD + stamp).get("transmission") or {})


def test_urgency_invoked_and_ruled_on() -> None:
    text = HEAD.replace(
        "Présents", "Le conseil, convoqué en urgence le 11 mars 2024, s'est réuni. L'urgence a été reconnue "
        "par le conseil à l'unanimité.\nPrésents",
    )  # fmt: skip
    session = _first(text)["session"]
    assert session["urgency"] is True and session["urgency_confirmed"] is True
    session = _first(HEAD.replace("Présents", "Le conseil, convoqué d'urgence, s'est réuni.\nPrésents"))[
        "session"
    ]
    assert session["urgency"] is True and "urgency_confirmed" not in session


def test_a_sanitary_state_of_emergency_is_no_urgency() -> None:
    text = HEAD.replace(
        "Présents", "En raison de l'état d'urgence sanitaire, la séance se tient à huis clos.\nPrésents"
    )
    assert "urgency" not in _first(text)["session"]


def test_signatures_of_the_register_in_two_columns() -> None:
    text = (
        HEAD
        + "\nLe Maire,                         Le secrétaire de séance,\nPaul ROUX                         Anne VIDAL\n"
    )
    assert _first(text)["signed_by"] == [
        {"name": "Paul ROUX", "role": "Le Maire"},
        {"name": "Anne VIDAL", "role": "Le secrétaire de séance"},
    ]


def test_the_mayor_certifying_an_extract_is_not_the_register_signatures() -> None:
    text = HEAD + "\nPour extrait conforme,\nLe Maire,\nPaul ROUX\n"
    assert "signed_by" not in _first(text)


def test_a_stamps_bare_labels_with_their_colon() -> None:
    stamp = "Pour extrait conforme, le Maire\nEnvoi : 18/03/2024\nRéception : 19/03/2024\nAffichage : 20/03/2024\n"
    assert _first(HEAD + stamp)["transmission"] == {
        "sent_on": date(2024, 3, 18),
        "received_on": date(2024, 3, 19),
        "posted_on": date(2024, 3, 20),
    }
    # the same words in a sentence, or followed by what they are of, are no stamp
    prose = "Réception des offres : 02/02/2024. L'envoi du dossier : le 03/02/2024 au plus tard.\n"
    assert "transmission" not in _first(HEAD.replace("Le Conseil", prose + "Le Conseil"))
