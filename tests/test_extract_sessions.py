"""Minutes of a whole session: one deliberation per voted item, attendance moving between items.

The procès-verbal is written for the test (invented commune, names and figures).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ctg_rules import check
from ctg_rules.extract import extract_text

PV = """COMMUNE DE LARIVE
PROCES-VERBAL DE LA SEANCE DU CONSEIL MUNICIPAL DU 14 MARS 2024
L'an deux mille vingt-quatre, le quatorze mars, à vingt heures, le Conseil Municipal, dûment convoqué
le 7 mars 2024, s'est réuni sous la présidence de M. Paul ROUX, Maire.
Nombre de conseillers en exercice : 11
Présents : M. Paul ROUX, Mme Anne VIDAL, M. Luc FAURE, Mme Claire NOËL, M. Jean BLANC, Mme Rose PETIT,
M. Marc LEROY
Absents excusés : Mme Julie MOREAU (pouvoir à M. Paul ROUX), M. Hugo GIRARD, Mme Lise BRUN
Absent : M. Yves COLIN
Secrétaire de séance : Mme Anne VIDAL

Le procès-verbal de la séance du 8 février 2024 est adopté à l'unanimité.

Monsieur le Maire propose d'ajouter un point à l'ordre du jour : accepté à l'unanimité.

2024-03-01 : Budget primitif 2024
Le Conseil Municipal adopte le budget primitif par 6 voix pour et 2 abstentions.

Arrivée de M. Hugo GIRARD à 20 h 40.

2024-03-02 : Décisions prises par délégation
Le Maire rend compte des décisions prises en vertu de sa délégation. Le Conseil en prend acte.

2024-03-03 : Subvention au comité des fêtes
Le Conseil Municipal, à l'unanimité, accorde une subvention de 500 euros.

Mme Claire NOËL quitte la séance et donne pouvoir à M. Luc FAURE.

2024-03-04 : Election d'un délégué au syndicat des eaux
Candidat : M. Jean BLANC. Au scrutin secret, M. Jean BLANC a obtenu 9 voix, bulletins blancs : 1.
M. Jean BLANC est élu délégué.

2024-03-05 : Tarifs de la cantine
Le Conseil Municipal adopte les tarifs à l'unanimité.
"""


def _names(entries: list[Any]) -> list[str]:
    return [e["name"] if isinstance(e, dict) else e for e in entries]


def test_one_deliberation_per_voted_item_the_minutes_approval_first() -> None:
    ds = extract_text(PV).data["deliberations"]
    # the approval of the minutes, then items 1, 3, 4, 5: item 2 is not voted, the agenda change is no item
    assert [d.get("number") for d in ds] == [None, "2024-03-01", "2024-03-03", "2024-03-04", "2024-03-05"]
    assert ds[0]["vote"] == {"against": 0, "abstentions": 0} and ds[0]["unanimous"] is True
    assert ds[1]["vote"] == {"for": 6, "abstentions": 2} and ds[1]["subject"] == "Budget primitif 2024"
    for d in ds:  # the session's header and counts are every item's
        assert d["session"]["date"].isoformat() == "2024-03-14" and d["members_in_office"] == 11


def test_arrivals_and_departures_change_the_attendance_of_the_items_after_them() -> None:
    ds = extract_text(PV).data["deliberations"]
    before, after_arrival, after_departure = ds[1], ds[2], ds[4]
    assert len(before["present"]) == 7 and "Hugo GIRARD" in _names(before["absent"])
    assert len(after_arrival["present"]) == 8 and "Hugo GIRARD" not in _names(after_arrival["absent"])
    assert "Claire NOËL" not in _names(after_departure["present"])
    assert {"name": "Claire NOËL", "proxy_to": "Luc FAURE"} in after_departure["absent"]


def test_an_election_has_no_vote_arithmetic() -> None:
    election = extract_text(PV).data["deliberations"][3]
    assert election["election"] is True and "vote" not in election


def test_every_item_is_checked_with_its_own_attendance(tmp_path: Path) -> None:
    # the last item counts 9 + 3 votes where 7 members present and 2 proxies could vote (one arrived,
    # one left giving a proxy): the finding is that item's, on the attendance it had
    text = PV.replace("adopte les tarifs à l'unanimité", "adopte les tarifs par 9 voix pour et 3 voix contre")
    (tmp_path / "pv.txt").write_text(text, encoding="utf-8")
    [result] = check(tmp_path / "pv.txt", select="VOT004").results
    assert [(f.code, f.path) for f in result.findings] == [("VOT004", "deliberations[4].vote")]
    assert "9 votants" in result.findings[0].message


def test_minutes_approved_with_the_unanimity_first() -> None:
    text = PV.replace(
        "Le procès-verbal de la séance du 8 février 2024 est adopté à l'unanimité.",
        "Approbation à l'unanimité du compte rendu de la séance du 8 février 2024.",
    )
    first = extract_text(text).data["deliberations"][0]
    assert "number" not in first and first["vote"] == {"against": 0, "abstentions": 0}
