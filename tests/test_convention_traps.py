"""The layout traps of real conventions, each in a short extract written for the test (fictional
bodies and people): what the reader must make of them."""

from __future__ import annotations

from typing import Any

from ctg_rules.extract import extract_text


def _convention(text: str) -> dict[str, Any]:
    return extract_text(text).data.get("convention") or {}


def _parties(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (p["name"], [(r.get("name", ""), r.get("role", "")) for r in p.get("representatives", [])])
        for p in _convention(text).get("parties", [])
    ]


def test_symbol_bullets_and_a_separator_at_the_end_of_a_line() -> None:
    text = """CONVENTION TERRITORIALE GLOBALE

Entre :

\uf0b7 la Caisse d'Allocations Familiales du Cantal représentée par le président de son Conseil d'Administration, M. Aubier et par la directrice, Mme Vidal, dûment habilitées, ci-après dénommée « la Caf » ;

\uf0b7 Le Conseil Départemental du Cantal représenté par le président, M. Roche dûment habilité par délibération du …, ci- après dénommé « le Département » ; D'une part,

\uf0b7 la Communauté de Communes du Haut Plateau représentée par la présidente, Mme Anne Fabre dûment habilitée, ci-après dénommée « la Communauté » ;

D'autre part,

Il est convenu et arrêté ce qui suit :

Vu le Code de la sécurité sociale ; Vu le Code de l'action sociale et des familles ;
"""
    assert _parties(text) == [
        (
            "Caisse d'Allocations Familiales du Cantal",
            [("Aubier", "Président du Conseil d'Administration"), ("Vidal", "Directrice")],
        ),
        ("Conseil Départemental du Cantal", [("Roche", "Président")]),
        ("Communauté de Communes du Haut Plateau", [("Anne Fabre", "Présidente")]),
    ]
    assert len(_convention(text)["visas"]) == 2  # two "Vu" on one line


def test_entre_printed_after_the_parties() -> None:
    text = """convention cadre de l'animation de la vie sociale 2024 - 2027

État,

représenté par le Préfet du Cantal, Monsieur Paul DURAND

Caisse d'Allocations Familiales du Cantal,

représentée par son Président, Monsieur Marc BLANC

Fédération des Centres Sociaux du Cantal,

représentée par sa Présidente, Madame Julie NOIR

ENTRE

L'animation de la vie sociale est un axe constant des politiques familiales.
"""
    assert _parties(text) == [
        ("État", [("Paul DURAND", "Préfet du Cantal")]),
        ("Caisse d'Allocations Familiales du Cantal", [("Marc BLANC", "Président")]),
        ("Fédération des Centres Sociaux du Cantal", [("Julie NOIR", "Présidente")]),
    ]


def test_dune_part_et_entre_and_an_address_between_name_and_representative() -> None:
    text = """Convention de partenariat
pour les centres sociaux de la ville
Entre :
L'Association Maison des Quartiers, (A.M.Q.)
dont le siège social est situé au 3 rue Haute 15000 Aurillac représentée par son Représentant légal, Monsieur Léo PETIT,
L'AMQ réunit les centres sociaux de la ville :
Le Centre Social des Prés
d'une part, Et entre
La Ville d'Aurillac, sise à l'Hôtel de Ville et représentée par son Maire en exercice, Monsieur Hugo LEROY, ou son représentant, dûment habilité,
d'autre part, Et entre
La Caisse d'Allocations Familiales du Cantal, sise 1 place du Square,
représentée par sa Directrice, Madame Inès ROUX,
a été convenu ce qui suit :
Article 1 – Objet de la convention
"""
    convention = _convention(text)
    assert _parties(text) == [
        ("Association Maison des Quartiers", [("Léo PETIT", "Représentant légal")]),
        ("Ville d'Aurillac", [("Hugo LEROY", "Maire en exercice")]),
        ("Caisse d'Allocations Familiales du Cantal", [("Inès ROUX", "Directrice")]),
    ]
    assert convention["parties"][0]["short_name"] == "A.M.Q."
    assert convention["title"] == "Convention de partenariat pour les centres sociaux de la ville"


def test_parties_separated_by_their_designation_only() -> None:
    text = """CONVENTION D'OBJECTIFS ET DE FINANCEMENT
Relative à :
l'accueil de loisirs
Entre :
La CAISSE D'ALLOCATIONS FAMILIALES DU CANTAL
représentée par son Directeur, Monsieur Jean Paul Martin
ci-après désignée "la Caf".
LA COMMUNE DE SAINT PAUL DES LANDES
représenté(e) par son Maire, Monsieur Louis Bernard
ci-après désigné(e) "le gestionnaire"
pour son établissement accueil de loisirs du Bourg
15250 SAINT PAUL DES LANDES
Préambule :
"""
    convention = _convention(text)
    assert _parties(text) == [
        ("CAISSE D'ALLOCATIONS FAMILIALES DU CANTAL", [("Jean Paul Martin", "Directeur")]),
        ("COMMUNE DE SAINT PAUL DES LANDES", [("Louis Bernard", "Maire")]),
    ]
    assert [p.get("short_name") for p in convention["parties"]] == ["la Caf", "le gestionnaire"]
    assert convention["title"] == "CONVENTION D'OBJECTIFS ET DE FINANCEMENT Relative à : l'accueil de loisirs"


def test_a_flattened_text_cut_inside_the_parties_takes_the_title_s_parties() -> None:
    text = """Convention de mise en commun des services numériques de la Ville d'Aurillac

1 1 Convention de mise en commun SOMMAIRE PREAMBULE... 3 ARTICLE 1 : OBJET... 4 ARTICLE 2 : PERIMETRE DU SERVICE... 4 ARTICLE 3 : DUREE ET EFFETS... 5 ENTRE La Communauté d Agglomération du Bassin d Aurillac, représent"""
    convention = _convention(text)
    assert [p["name"] for p in convention["parties"]] == [
        "Communauté d Agglomération du Bassin d Aurillac",
        "Ville d'Aurillac",
    ]
    assert [(a["number"], a.get("title")) for a in convention["articles"]] == [
        ("1", "OBJET"), ("2", "PERIMETRE DU SERVICE"), ("3", "DUREE ET EFFETS")
    ]  # fmt: skip


def test_a_contract_signed_name_first_in_two_columns() -> None:
    text = """Contrat Local de Santé
du Pays du Lioran
2025/2028

Entre d'une part :
L'agence régionale de santé d'Auvergne, dont le siège est situé 60 avenue de l'Union 63000
CLERMONT, représentée par son Directeur
général, Monsieur Yves MOREL,
- Ci-après dénommée « l'ARS »
et,
La Communauté de communes du Lioran, dont le siège social est situé 2 rue du Lac, représentée par son Président
Monsieur Guy SERRE,
- Ci-après dénommée « la CCL »
et,
La Caisse d'Allocations Familiales, dont le siège social est situé 5 rue du Pont 15000 AURILLAC représentée par Claire VIAL MORIN, Directrice
- Ci-après dénommée « la CAF »
et,
La Communauté Professionnelle Territoriale de Santé du Lioran, représentée par son Président le Docteur Marc ANDRIEU,
- Ci-après dénommée « la CPTS »
,
Il est convenu ce qui suit :
SOMMAIRE
PREAMBULE
ARTICLE 1 : Objet du contrat
ARTICLE 2 : Gouvernance
Vu le code de la santé publique ;
Vu la délibération du XXXXXX autorisant le Président de la communauté de communes
du Lioran à signer le contrat ;
Préambule
Le territoire compte 20 000 habitants.
ARTICLE 1 : Objet du contrat
Le contrat organise l'offre de soins.
ARTICLE 2 : Gouvernance
Le comité de pilotage est l'instance de décision. Il est composé des membres signataires ou de leurs représentants.
Fait à xxxxxxxx, le 21 octobre 2025
Monsieur Yves MOREL
Directeur Général de l'Agence
Régionale de Santé d'Auvergne
Monsieur Guy SERRE
Président de la Communauté de
Communes du Lioran
Madame Claire VIAL
MORIN
Directrice de la
Caisse d'Allocations Familiales
Docteur Marc ANDRIEUX
Président de la Communauté
Professionnelle Territoriale de Santé du Lioran
Annexe :
Plan d'actions
"""
    convention = _convention(text)
    assert _parties(text) == [
        ("Agence régionale de santé d'Auvergne", [("Yves MOREL", "Directeur général")]),
        ("Communauté de communes du Lioran", [("Guy SERRE", "Président")]),
        ("Caisse d'Allocations Familiales", [("Claire VIAL MORIN", "Directrice")]),
        ("Communauté Professionnelle Territoriale de Santé du Lioran", [("Marc ANDRIEU", "Président")]),
    ]
    assert [a["number"] for a in convention["articles"]] == ["1", "2"]  # not twice (the table of contents)
    assert len(convention["visas"]) == 2 and convention["visas"][1]["date"] == "XXXXXX"
    assert (
        convention["signature"]["place"] == "xxxxxxxx"
        and str(convention["signature"]["date"]) == "2025-10-21"
    )
    blocks = convention["signature"]["blocks"]
    ids = [p["id"] for p in convention["parties"]]
    assert [b["party"] for b in blocks] == ids
    assert [b["signatories"][0]["name"] for b in blocks] == [
        "Yves MOREL", "Guy SERRE", "Claire VIAL MORIN", "Marc ANDRIEUX"
    ]  # fmt: skip
    assert convention["governance"]["steering_committee"] == ids


def test_parties_in_a_table_under_a_header() -> None:
    text = """CONVENTION TERRITORIALE GLOBALE
Les parties à la présente convention sont :
Partie  Représentée par  Qualité
Caisse d'allocations familiales du Cantal  Anne LEGRAND  Directrice
Commune de Vic  Paul ARNAUD  Maire
Il est convenu ce qui suit :
"""
    assert _parties(text) == [
        ("Caisse d'allocations familiales du Cantal", [("Anne LEGRAND", "Directrice")]),
        ("Commune de Vic", [("Paul ARNAUD", "Maire")]),
    ]


def test_a_deliberation_s_proxies_are_no_parties() -> None:
    text = """EXTRAIT DU REGISTRE DES DELIBERATIONS
Séance du 12 octobre 2023
CONVENTION TERRITORIALE GLOBALE 2024-2028
Présents : DUPONT Jean, MARTIN Anne
Absents : ROUX Eve représentée par M. DUPONT Jean, BLANC Max représenté par Mme MARTIN Anne
Le conseil approuve la convention.
"""
    assert "convention" not in extract_text(text).data
