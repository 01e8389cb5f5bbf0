"""Short extracts in the other common layouts (written for these tests, under fixtures/extract/).

Each test names what the layout exercises: a small commune's "compte rendu" holding several
deliberations, an EPCI's procès-verbal grouped by commune with suppléants, a département's
commission permanente, and the text of a two-column PDF with OCR slips and running headers.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ctg_rules.extract import extract_path, extract_text
from ctg_rules.extract.words import date_in_words, number, parse_time

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def _people(entries: list) -> list:  # type: ignore[type-arg]
    return [e if isinstance(e, str) else e["name"] for e in entries]


def test_commune_compte_rendu_holds_three_deliberations_sharing_the_session() -> None:
    x = extract_path(FIXTURES / "commune-compte-rendu.txt")
    ds = x.data["deliberations"]
    assert [d["number"] for d in ds] == ["2024-05", "2024-06", "2024-07"]
    assert ds[1]["subject"] == "Adhésion au service commun d'instruction des autorisations d'urbanisme"
    for d in ds:  # the session and the attendance are the compte rendu's, shared
        assert d["body"] == {"name": "Commune de Saint-André-de-Lancize", "kind": "commune"}
        assert d["session"] == {
            "date": date(2024, 3, 7), "time": "18:30", "place": "Salle du conseil de la mairie",
            "convened_on": date(2024, 2, 29), "president": "Claire BOISSIER", "secretary": "COSTE Julien",
        }  # fmt: skip
        assert d["members_in_office"] == 11 and d["declared"] == {"present": 8, "voters": 10}
        assert (
            len(d["present"]) == 8 and _people(d["present"])[-1] == "VERDIER Sophie"
        )  # "... et Mme VERDIER Sophie."
        assert d["absent"] == [
            {"name": "SALLES Marc", "proxy_to": "ROUVIÈRE Alain"},  # "(pouvoir à M. ROUVIÈRE Alain)"
            {"name": "BRUN Odile", "proxy_to": "PAGÈS Lucie"},  # "a donné pouvoir à"
            "AIGOIN Jacques",
        ]
    first, second, third = ds
    assert first["recused"] == [{"name": "Claire BOISSIER", "reason": "Maire"}]  # "se retire"
    # "à l'unanimité": every one of the 10 voters printed above
    assert first["unanimous"] is True and first["vote"] == {"for": 10, "against": 0, "abstentions": 0}
    assert second["vote"] == {"for": 9, "against": 1, "abstentions": 0}  # inline "POUR : 9 CONTRE : 1 ..."
    assert "recused" not in second and "unanimous" not in second
    assert third["vote"] == {"abstentions": 1}  # "à la majorité avec une abstention": nothing else printed
    assert [d["decision"] for d in ds] == ["adopted"] * 3
    # each value points at its own item's lines
    assert [x.locate(("deliberations", i, "vote"))[0] for i in range(3)] == [18, 21, 25]


def test_epci_proces_verbal_grouped_by_commune_with_suppleants() -> None:
    x = extract_path(FIXTURES / "epci-proces-verbal.txt")
    [d] = x.data["deliberations"]
    assert d["number"] == "DEL2023_112"
    assert d["body"] == {
        "name": "Communauté de communes Gâtine et Choisilles", "kind": "epci",
        "siren": "200072353", "department": "037",
    }  # fmt: skip
    assert d["session"]["convened_on"] == date(2023, 11, 7)
    assert d["session"]["date"] == date(2023, 11, 14) and d["session"]["time"] == "18:30"
    assert d["members_in_office"] == 12
    # 6 titulaires + 1 suppléant with a vote are present (and a note says so)
    assert d["declared"] == {"present": 7, "represented": 3, "voters": 10}
    assert any("suppléant" in note for _, note in x.notes)
    assert _people(d["present"]) == [
        "POULLE Guy",
        "LEMAIRE Martine",
        "GUÉRIN Jacques",
        "TRYSTRAM Antoine",
        "ROBERT Sylvie",
        "ANCEAU Patrick",
        "BIENVENU Claude",
    ]  # fmt: skip  ("Cerelles : M. POULLE Guy": the commune is not a name)
    assert d["present"][-1] == {
        "name": "BIENVENU Claude",
        "substitute_for": "GASNIER Pierre",
        "commune": "Sonzay",
    }
    # the commune heading holds for the names after it on its line ("Charentilly : Mme X, M. Y")
    assert [p["commune"] for p in d["present"][1:3]] == ["Charentilly", "Charentilly"]
    assert d["absent"] == [
        {"name": "HERVÉ Yves", "proxy_to": "POULLE Guy"},  # "X à Y"
        {"name": "DUPUY Anne", "proxy_to": "LEMAIRE Martine"},  # "X donne pouvoir à Y"
        {"name": "MOREAU Luc", "proxy_to": "ANCEAU Patrick"},  # "pouvoir de X à Y"
        "GASNIER Pierre",
        "LAMBERT Julie",
    ]
    assert d["vote"] == {"for": 9, "against": 0, "abstentions": 1}  # "CONTRE : /"
    assert d["decision"] == "adopted"
    assert d["transmission"] == {
        "sent_on": date(2023, 11, 16), "received_on": date(2023, 11, 16),
        "act_id": "037-200072353-20231114-DEL2023_112-DE",
    }  # fmt: skip


def test_departement_commission_permanente() -> None:
    x = extract_path(FIXTURES / "departement-commission-permanente.txt")
    [d] = x.data["deliberations"]
    # the subject names a communauté de communes: the body is still the département
    assert d["body"]["name"] == "Département de la Lozère" and d["body"]["kind"] == "departement"
    assert d["number"] == "CP_23_254"
    assert d["session"]["date"] == date(2023, 9, 26)  # "Réunion du 26 septembre 2023"
    assert d["session"]["time"] == "10:30"  # "à 10 h 30"
    assert d["session"]["convened_on"] == date(2023, 9, 15)  # "régulièrement convoquée le"
    assert d["session"]["president"] == "Sophie PANTEL"
    assert _people(d["present"])[:2] == ["Sophie PANTEL", "Robert AIGOIN"]
    assert d["absent"][:2] == [
        {"name": "Laurent SUAU", "proxy_to": "Denis BERTRAND"},  # "ayant donné pouvoir à"
        {"name": "Guylène PANTEL", "proxy_to": "Régine BOURGADE"},
    ]
    assert d["recused"] == ["Valérie FABRE"]  # "Ne prend pas part au vote : Mme Valérie FABRE."
    # "Adopté à l'unanimité" with no count printed: nobody against, no abstention; the votes for
    # are not made up (no voters count printed)
    assert d["unanimous"] is True and d["vote"] == {"against": 0, "abstentions": 0}
    assert d["decision"] == "adopted"
    assert d["certified_on"] == date(2023, 9, 29)
    assert d["approves"] == {
        "period": {"start": date(2023, 1, 1), "end": date(2027, 12, 31)},
        "authorised_signatories": ["Présidente"],
    }
    missing = {".".join(str(p) for p in path[2:]) for path in x.missing}
    assert {"members_in_office", "declared.present", "transmission.sent_on"} <= missing


def test_two_columns_ocr_slips_running_headers() -> None:
    x = extract_path(FIXTURES / "two-columns-ocr.txt")  # form feeds: three pages
    [d] = x.data["deliberations"]
    # the count labels of the left column interleave with the sentence on the right
    assert d["members_in_office"] == 15 and d["declared"] == {"present": 11, "voters": 13}  # "Votants : l3"
    assert d["session"]["date"] == date(2023, 6, 5)  # "L'an deux mille vingt-trois, le / cinq juin"
    assert d["session"]["time"] == "20:00"  # "à vingt heures"
    assert d["session"]["convened_on"] == date(2023, 5, 30)
    assert d["body"]["name"] == "Commune de Sainte-Énimie"  # "**COMMUNE DE SAINTE-ÉNIMIE**"
    # the list goes on across the page break, the running header and "Page 1/3" skipped
    assert len(d["present"]) == 11
    assert _people(d["present"])[-1] == "MARTIN-GRAS Zoé"  # "MARTIN-" / "GRAS Zoé."
    assert d["vote"] == {"for": 10, "against": 2, "abstentions": 1}  # "POUR : 1O"
    assert d["subject"] == "Tarifs de la cantine scolaire"
    assert "number" not in d  # not printed
    assert x.locate(("deliberations", 0, "vote", "for")) == (2, 8, 3)  # page 3, line 2, column 8
    assert x.locate(("deliberations", 0, "present", 4))[::2] == (2, 2)  # ESPINASSE: page 2, line 2


def test_numbers_and_dates_in_words_use_text2num() -> None:
    assert number("trente-quatre") == 34 and number("3O") == 30 and number("une") == 1
    assert number("/", none_is_zero=True) == 0 and number("M. DUPONT") is None
    assert date_in_words("L'an deux mille vingt-trois, le douze octobre") == date(2023, 10, 12)
    assert date_in_words("le premier mars deux mille vingt-quatre") == date(2024, 3, 1)
    assert date_in_words("le trente février deux mille vingt-quatre") is None  # impossible: not guessed
    assert parse_time("à 20 heures 30") == "20:30" and parse_time("à dix-huit heures trente") == "18:30"
    assert parse_time("à 18h00") == "18:00" and parse_time("à 25 heures") is None


def test_a_text_that_is_no_act_gives_nothing() -> None:
    x = extract_text("Liste de courses : pain, lait, œufs.\n")
    assert x.empty and x.data == {"ctg_rules": 1}


def test_proxy_and_list_forms_inline() -> None:
    text = (
        "EXTRAIT DU REGISTRE DES DELIBERATIONS\nSéance du 3 avril 2024\n"
        "Présents : MM. DURAND Paul et LEROY Marc, Mme PETIT Anne\n"
        "Représentés : M. BLANC Luc par M. DURAND Paul ; Mme NOIR Eve (procuration à Mme PETIT Anne)\n"
        "Excusés : M. VERT Max\n"
        "Quorum : 3   Majorité absolue : 3\n"
    )
    d = extract_text(text).data["deliberations"][0]
    assert _people(d["present"]) == ["DURAND Paul", "LEROY Marc", "PETIT Anne"]
    assert d["absent"] == [
        {"name": "BLANC Luc", "proxy_to": "DURAND Paul"},
        {"name": "NOIR Eve", "proxy_to": "PETIT Anne"},
        "VERT Max",
    ]
    assert d["declared"] == {"quorum": 3, "absolute_majority": 3}


def _act_with(counts: str) -> str:
    return (
        "COMMUNE DE SAINT-GERMAIN-DU-TEIL\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\n"
        "Séance du 12 mars 2024\nDélibération n° 2024-11\n\n"
        f"{counts}\n\n"
        "Présents : M. ALBOUY Jean, Mme BARDOU Anne\nObjet : Convention territoriale globale\n"
        "Pour : 13   Contre : 0   Abstentions : 0\n"
    )


def test_counts_printed_as_a_table_label_line_over_number_line() -> None:
    # "En exercice  Présents  Pouvoirs  Votants" over "15  11  2  13": each number under its label
    x = extract_text(
        _act_with("En exercice    Présents    Pouvoirs    Votants\n\n    15     11          2        13")
    )
    [d] = x.data["deliberations"]
    assert d["members_in_office"] == 15
    assert d["declared"] == {"present": 11, "represented": 2, "voters": 13}
    # each value located at its number, on the number line (the blank line between is skipped)
    assert [
        x.locate(("deliberations", 0, "declared", k))[:2] for k in ("present", "represented", "voters")
    ] == [
        (8, 12),
        (8, 24),
        (8, 33),
    ]
    assert x.locate(("deliberations", 0, "members_in_office"))[:2] == (8, 5)
    x = extract_text(
        _act_with("Nombre de conseillers en exercice   Présents   Absents   Votants\n23   18   5   20")
    )
    d = x.data["deliberations"][0]
    assert (d["members_in_office"], d["declared"]) == (23, {"present": 18, "absent": 5, "voters": 20})
    # "Présents" is a whole word: inside "Représentés" it is no fifth column
    x = extract_text(_act_with("En exercice   Présents   Représentés   Votants\n15   11   2   13"))
    d = x.data["deliberations"][0]
    assert (d["members_in_office"], d["declared"]) == (15, {"present": 11, "represented": 2, "voters": 13})


def test_a_table_whose_numbers_do_not_match_its_labels_is_not_read() -> None:
    for counts in (
        "En exercice    Présents    Votants\n    15     11",  # a number missing: which is which?
        "En exercice    Présents    Votants\nle 15 mars 11 h 13",  # a sentence, not a row of counts
        "Présents    Votants\n",  # nothing under the labels
    ):
        d = extract_text(_act_with(counts)).data["deliberations"][0]
        assert "members_in_office" not in d and "declared" not in d, counts


def test_voters_counted_in_a_sentence() -> None:
    # a prose count pattern without a "sur N" part once raised IndexError (no group "of")
    d = extract_text(
        "COMPTE RENDU DU CONSEIL MUNICIPAL\nSéance du 5 mai 2024\n"
        "Présents : Anne ROUX, Paul VIGNE.\n12 conseillers ont pris part au vote.\n"
    ).data["deliberations"][0]
    assert d["declared"]["voters"] == 12
