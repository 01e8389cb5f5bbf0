"""Attendance lists in the layouts real minutes print (extracts written for these tests).

Each test is one trap of issue 16: labels inline in a flattened paragraph and in any order, counts
of a margin column inside a list, names with no separator between them, plural civilities, initials
glued or looking like civilities, names wrapped over lines, proxies written on either side or as
matching marks, suppléants, commune headings, first names only, one entry per line.
"""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

from ctg_rules import hookimpl
from ctg_rules.extract import extract_path, extract_text
from ctg_rules.extract.deliberation import labels, people, picker, proxies
from ctg_rules.extract.positions import plain
from ctg_rules.plugins import Registry
from tests.test_extract_cli import run

HEAD = "COMMUNE DE VALMONT\nCompte rendu de la séance du conseil municipal du 4 mars 2024\n"


def _d(body: str) -> dict[str, Any]:
    return extract_text(HEAD + body).data["deliberations"][0]  # type: ignore[no-any-return]


def _names(entries: list[Any]) -> list[str]:
    return [e if isinstance(e, str) else e["name"] for e in entries]


def _proxies(entries: list[Any]) -> dict[str, str | bool]:
    return {e["name"]: e.get("proxy_to") or e.get("proxy", False) for e in entries if isinstance(e, dict)}


def test_flattened_paragraph_labels_inline_in_any_order_with_counts_inside() -> None:
    d = _d(
        "L'an deux mille vingt-quatre, le quatre mars, le conseil municipal s'est réuni sous la présidence "
        "de M. Paul ROCHE, Maire. Absents excusés : M. Louis MARTY (pouvoir à M. Paul ROCHE), Mme Lise "
        "BRUN. Étaient présents : Mmes et MM. Paul ROCHE, Anne Conseillers en exercice : 9 VIDAL, Marc "
        "DURAND, Présents : 6 Julie FAURE, Henri GAY et Rose PONS Votants : 7 Secrétaire de séance : "
        "Mme Julie FAURE. Le conseil approuve le compte rendu.\n"
    )
    assert _names(d["present"]) == [
        "Paul ROCHE",
        "Anne VIDAL",
        "Marc DURAND",
        "Julie FAURE",
        "Henri GAY",
        "Rose PONS",
    ]
    assert d["absent"] == [{"name": "Louis MARTY", "proxy_to": "Paul ROCHE"}, "Lise BRUN"]


def test_names_without_separators_in_either_order() -> None:
    assert people.split("Jean DURAND Claire ROBIN Luc LE GALL") == [
        ("Jean DURAND", 0), ("Claire ROBIN", 12), ("Luc LE GALL", 25),
    ]  # fmt: skip
    assert [n for n, _ in people.split("DURAND Jean ROBIN Claire", "family")] == [
        "DURAND Jean",
        "ROBIN Claire",
    ]
    assert people.order(["DURAND Jean", "ROBIN Claire-Marie", "Cerelles : LEROY Paul"]) == "family"
    assert [n for n, _ in people.split("JACQUOT C. PALLIOT JM.", "family")] == ["JACQUOT C.", "PALLIOT JM."]


def test_civilities_initials_and_offices() -> None:
    split = [n for n, _ in people.split("M.Jacques LIGNEUL Mme C.BUZOS M. BAQUÉ, Maire MM LE ROUX")]
    assert split == ["Jacques LIGNEUL", "C. BUZOS", "BAQUÉ", "LE ROUX"]
    # an office ends a name; a sentence is no entry
    assert people.split("M. Yves GUILLOT Maire du Coudray") == [("Yves GUILLOT", 3)]
    assert people.is_prose("formant la majorité des membres en exercice")
    assert not people.is_prose("Mme Aline ROUX ayant donné pouvoir à M. Jean VIGNE")


def test_names_wrapped_and_hyphenated_over_lines() -> None:
    d = _d(
        "Présents : Julien LE\nGUERN, Anne-\nSophie MARTEL, Jean-Claude POIRIER-\nDUVAL, Rémi\nFAYOLLE.\n"
        "Absents : néant.\n"
    )
    assert _names(d["present"]) == [
        "Julien LE GUERN",
        "Anne-Sophie MARTEL",
        "Jean-Claude POIRIER-DUVAL",
        "Rémi FAYOLLE",
    ]
    assert d["absent"] == []


def test_proxies_in_every_usual_form() -> None:
    d = _d(
        "Présents : Mme Ada NOEL, M. Jean VIGNE (porteur du pouvoir de M. Guy TESSIER), Mme Rose PONS, "
        "M. Marc ADAM.\n"
        "Absents excusés : Mme Aline ROUX ayant donné pouvoir à M. Jean VIGNE – M. Loïc BERT, représenté "
        "par Mme Rose PONS – pouvoir de M. Hugo LAMY à Mme Ada NOEL – M. Yann COSTE (procuration donnée à "
        "M. Marc ADAM) – Mme Inès GARNIER.\n"
        "Secrétaire : Mme Ada NOEL\n"
    )
    assert _names(d["present"]) == ["Ada NOEL", "Jean VIGNE", "Rose PONS", "Marc ADAM"]
    assert _proxies(d["absent"]) == {
        "Guy TESSIER": "Jean VIGNE", "Aline ROUX": "Jean VIGNE", "Loïc BERT": "Rose PONS",
        "Hugo LAMY": "Ada NOEL", "Yann COSTE": "Marc ADAM",
    }  # fmt: skip
    assert "Inès GARNIER" in d["absent"]


def test_a_list_of_proxies_run_together_one_per_line_or_without_separators() -> None:
    d = _d(
        "Présents : A. ROUX, B. VIGNE, C. PONS\n"
        "Pouvoirs\nD. LAMY a donné pouvoir à A. ROUX E. COSTE a donné pouvoir à B. VIGNE\n"
        "Mme F. GARNIER à M. C. PONS\n"
        "Ordre du jour :\n"
    )
    assert _proxies(d["absent"]) == {"D. LAMY": "A. ROUX", "E. COSTE": "B. VIGNE", "F. GARNIER": "C. PONS"}


def test_proxies_as_matching_marks_and_first_names_only() -> None:
    d = _d(
        "+ Présents : Jean (Pr*), Anne-Marie, Paul (Pr**), Lucie.\n"
        "+ Absents excusés : Marc (Pr*), Hélène (Pr**), David.\n"
        "Maryline : absente non excusée\n"
        "Ordre du jour\n"
    )
    assert _names(d["present"]) == ["Jean", "Anne-Marie", "Paul", "Lucie"]
    assert d["absent"] == [
        {"name": "Marc", "proxy_to": "Jean"}, {"name": "Hélène", "proxy_to": "Paul"}, "David", "Maryline",
    ]  # fmt: skip


def test_suppleants_and_commune_headings() -> None:
    d = _d(
        "Délégués présents :\n"
        "Commune d'Aulnay : CHAUVIN Jean, DELMAS Marie\n"
        "Commune de Bessac : PRADEL Anne remplacée par son suppléant NAVARRE Paul\n"
        "Membres suppléants : GIRAUD Luc\n"
        "Absents excusés : MAILLARD Yves\n"
    )
    assert _names(d["present"]) == ["CHAUVIN Jean", "DELMAS Marie", "NAVARRE Paul"]
    assert d["present"][2] == {"name": "NAVARRE Paul", "substitute_for": "PRADEL Anne", "commune": "Bessac"}
    assert d["present"][1] == {"name": "DELMAS Marie", "commune": "Aulnay"}  # "Commune d'Aulnay : X, Y"
    assert d["absent"] == ["MAILLARD Yves"]  # a suppléant without a vote is not counted; the replaced neither


def test_bullets_one_per_line_and_labels_alone_on_their_line() -> None:
    d = _d(
        "Étaient présents :\n  • M. Philippe RENARD,\n  • Mme Frédérique POSTEL\n  • Jean MARTY\n"
        "Était absente avec procuration\n  • Mme Agnès OZEL pouvoir à M. RENARD.\n"
        "Absent\nM. Pierre GUILLAUX\n\nMembres en exercice 5\n\nAprès lecture du compte rendu, le conseil passe à l'ordre du jour.\n"
    )
    assert _names(d["present"]) == ["Philippe RENARD", "Frédérique POSTEL", "Jean MARTY"]
    assert d["absent"] == [{"name": "Agnès OZEL", "proxy_to": "RENARD"}, "Pierre GUILLAUX"]


def test_a_title_after_an_empty_label_is_no_list() -> None:
    d = _d("Présents : Anne ROUX, Paul VIGNE.\nAbsents :\nModalités de remboursement des frais de mission\n")
    assert d["absent"] == []


def test_labels_grammar() -> None:
    text = (
        "Étaient absent.e.s et excusé.e.s : X\nAbsents ayant voté par procuration en application de "
        "l'article L 2121-20 du Code\nGénéral des Collectivités Territoriales :\n"
        "Christian BOURA Membres titulaires : Y\nNombre de conseillers présents : 21\nSecrétaire de séance\n"
    )
    found = [
        (lab.kind, lab.count, text[lab.start : lab.end].split()[0])
        for lab in labels.find(plain(text), text, 0, len(text))
    ]
    assert found == [
        ("absent", False, "Étaient"), ("proxy", False, "Absents"), ("group", False, "Membres"),
        ("stop", True, "Nombre"), ("stop", False, "Secrétaire"),
    ]  # fmt: skip
    # the holder's side and the giver's side of the same proxy
    [holder] = proxies.parse("M. Jean VIGNE (porteur du pouvoir de M. Guy TESSIER)", "present")
    assert holder.name == "Jean VIGNE" and holder.held_from[0][0] == "Guy TESSIER"


def test_the_picker_keeps_the_best_candidate_and_says_why(tmp_path: Path) -> None:
    best, weighed = picker.pick(
        [
            picker.Candidate("a", 40, 1, "seule"),
            picker.Candidate("b", 90, 3, "titre"),
            picker.Candidate("c", 10, 3, "x"),
        ]
    )
    assert (best.value, weighed) == ("c", 3)  # the highest score, the first printed on a tie
    doc = tmp_path / "cr.txt"
    doc.write_text(
        "COMMUNE DE VALMONT\nCompte rendu de la séance du 4 mars 2024\n2 mars 2024\n"
        "Présents : Anne ROUX, Paul VIGNE.\n",
        encoding="utf-8",
    )
    code, _, err = run("extract", "--verbose", str(doc))
    assert code == 0
    assert "retenu: deliberations[0].session.date = 2024-03-04 (titre de séance" in err
    assert "1 autre(s) écartée(s)" in err


PLUGIN = types.SimpleNamespace(
    __name__="synonyms",
    ctg_rules_label_variants=hookimpl(
        lambda: {"filler": ["séance"], "heads": {"present": "assistent", "absent": "Empêchés"}}
    ),
)
BROKEN = types.SimpleNamespace(
    __name__="broken_words", ctg_rules_label_variants=hookimpl(lambda: {"heads": {"visitors": "invités"}})
)


def test_a_plugin_contributes_label_variants_as_data(tmp_path: Path) -> None:
    doc = tmp_path / "cr.txt"
    doc.write_text(
        HEAD + "Assistent à la séance : Anne ROUX, Paul VIGNE.\nEmpêchés : Marc ADAM.\n", encoding="utf-8"
    )
    assert "present" not in extract_path(doc).data["deliberations"][0]  # unknown words: no list
    reg = Registry(builtins_only=True, extra_plugins=[PLUGIN, BROKEN])
    d = extract_path(doc, host=reg.host).data["deliberations"][0]
    assert _names(d["present"]) == ["Anne ROUX", "Paul VIGNE"] and d["absent"] == ["Marc ADAM"]
    # a plugin's malformed words are its own failure, the others' words still count
    assert [f.name for f in reg.host.failures] == ["broken_words"]
    assert "unknown kind of label 'visitors'" in reg.host.failures[0].error


def test_labels_with_optional_endings_and_the_chair_as_a_member() -> None:
    d = _d(
        "Présent(e)s : M. le Maire, Mmes Anne ROUX, Julie FAURE, MM. Paul VIGNE, Henri GAY.\n"
        "Délégués suppléants (avec voix délibérative) : M. Luc PONS.\n"
        "Absent(e)s excusé(e)s ayant donné pouvoir : Mme Rose ADAM à M. le Maire ; M. Yves COSTE à Mme Anne ROUX.\n"
        "Absent(s) : M. Marc BLANC.\n"
        "Assistaient également à la séance : Mme Léa NOEL, directrice générale des services.\n"
    )
    assert _names(d["present"]) == [
        "le Maire",
        "Anne ROUX",
        "Julie FAURE",
        "Paul VIGNE",
        "Henri GAY",
        "Luc PONS",
    ]
    assert d["absent"] == [
        {"name": "Rose ADAM", "proxy_to": "le Maire"}, {"name": "Yves COSTE", "proxy_to": "Anne ROUX"}, "Marc BLANC",
    ]  # fmt: skip


def test_a_name_printed_twice_in_a_list_counts_twice_a_roll_printed_again_does_not() -> None:
    d = _d("Présents : Anne, Paul, Nelly, Marc, Nelly.\nDépart de Paul à 21h.\nOrdre du jour\n")
    assert _names(d["present"]) == ["Anne", "Paul", "Nelly", "Marc", "Nelly"]  # as printed
    d = _d(
        "ÉTAIENT PRÉSENTS : Anne ROUX, Paul VIGNE\nSecrétaire de séance : Anne ROUX\n"
        "ÉTAIENT PRÉSENTS : Anne ROUX, Paul VIGNE\n"
    )
    assert _names(d["present"]) == ["Anne ROUX", "Paul VIGNE"]  # the roll read again


def test_denied_labels_and_holders_in_parentheses() -> None:
    d = _d(
        "Présents : Anne ROUX, Paul VIGNE, Marc ADAM.\n"
        "Représentés : Mme Lise BRUN (par M. Paul VIGNE).\n"
        "Absents non représentés : M. Yves COSTE.\nExcusés sans pouvoir : Mme Inès GAY.\n"
    )
    assert d["absent"] == [{"name": "Lise BRUN", "proxy_to": "Paul VIGNE"}, "Yves COSTE", "Inès GAY"]


def test_an_ocr_semicolon_for_a_colon_and_roles_in_parentheses() -> None:
    d = _d(
        "Présents ; M. Jean DURAND (Maire), Mme Claire MARTIN (1ère adjointe), Paul LEROY\n"
        "Absents ; Anne PETIT (excusée), Luc ROBERT (pouvoir à Jean DURAND)\n"
    )
    assert _names(d["present"]) == ["Jean DURAND", "Claire MARTIN", "Paul LEROY"]
    assert d["absent"] == ["Anne PETIT", {"name": "Luc ROBERT", "proxy_to": "Jean DURAND"}]
