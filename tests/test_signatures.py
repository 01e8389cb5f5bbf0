"""Signature and governance rules (SIG001-SIG006) and the organisation resolver they share."""

from __future__ import annotations

import pytest
import yaml

from ctg_rules.names import OrganisationResolver
from ctg_rules.testing import check_text

SEED_PARTIES = [
    ["Caisse Commune de Sécurité Sociale de la Lozère", "la CCSS"],
    ["Communauté de communes Aubrac Lot Causses Tarn", "la communauté de communes Aubrac Lot Causses Tarn"],
    ["Commune de Chanac", "la commune de Chanac"],
    ["Commune de Masegros Causses Gorges", None],
    ["Commune de La Canourgue", "la commune de La Canourgue"],
    ["Commune de Banassac Canilhac-Canilhac", "la commune de La Banassac Canilhac-Canilhac"],
    ["Direction des Services Départementaux de l'Education Nationale de la Lozère", "le DSDEN"],
    ["Département de la Lozère", "le Département"],
    ["Mutualité Sociale Agricole du Languedoc", "la MSA"],
]


@pytest.mark.parametrize(
    ("printed", "status", "index"),
    [
        # the seed's nine signature labels, as printed
        ("La CCSS", "exact", 0),
        ("La Communauté de communes Aubrac Lot Causses Tarn", "exact", 1),
        ("La Commune de Chanac", "exact", 2),
        ("La Commune de Masegros Causses Gorges", "exact", 3),
        ("La Commune de La Canorgue", "approximate", 4),
        ("La Commune de Banassac Canilhac", "approximate", 5),
        ("La Direction des Services Départementaux de l'Education Nationale", "approximate", 6),
        ("Le Département de la Lozère", "exact", 7),
        ("La Mutualité Sociale Agricole", "approximate", 8),
        # too vague, or another body
        ("La Commune", "ambiguous", None),
        ("Commune de Marvejols", "unresolved", None),
        ("", "unresolved", None),
    ],
)
def test_organisation_resolver(printed: str, status: str, index: int | None) -> None:
    match = OrganisationResolver(SEED_PARTIES).resolve(printed)
    assert (match.status, match.index) == (status, index)


def messages(text: str, code: str, lang: str = "fr") -> list[str]:
    result = check_text(text, builtins_only=True, select=(code,), lang=lang)
    return sorted(f.message for f in result.findings if f.code == code)


COMMITTEE = """\
ctg_rules: 1
convention:
  parties:
    - {id: ccss, name: Caisse Commune de Sécurité Sociale de la Lozère, short_name: la CCSS}
    - {id: dsden, name: Direction des Services Départementaux de l'Education Nationale}
    - {id: msa, name: Mutualité Sociale Agricole du Languedoc, short_name: la MSA}
  governance: {steering_committee: [ccss, Pôle emploi]}
  signature:
    blocks: [{party: msa, signatories: [{name: GARCIA Marie-Agnès}]}]
"""


def test_committee_reports_each_missing_party_and_each_stranger() -> None:
    assert messages(COMMITTEE, "SIG004") == [
        "Direction des Services Départementaux de l'Education Nationale (dsden) est partie à la "
        "convention mais ne siège pas au comité de pilotage",
        "la MSA (msa), partie et signataire de la convention, ne siège pas au comité de pilotage",
        "« Pôle emploi » siège au comité de pilotage mais n'est aucune des parties de la convention",
    ]


SIGNATORIES = """\
ctg_rules: 1
deliberations:
  - number: "2024-07"
    body: {name: Communauté de communes des Hautes Terres}
    approves: {authorised_signatories: [Président]}
convention:
  parties:
    - id: caf
      name: Caisse d'allocations familiales de la Lozère
      short_name: la Caf
      representatives:
        - {name: ESTEVE Louis, role: Président du conseil d'administration}
        - {name: NOGARET Sophie, role: Directrice}
    - id: cc
      name: Communauté de communes des Hautes Terres
      representatives: [{name: ROUQUETTE André, role: Président}]
  signature:
    blocks:
      - {party: caf, signatories: [{name: NOGARET Sophie, role: Présidente}]}
      - {party: cc, signatories: [{name: VIALA Roger, role: Vice-Président}]}
"""


def test_signatory_messages_give_who_signs_and_who_was_announced() -> None:
    assert messages(SIGNATORIES, "SIG002") == [
        "ESTEVE Louis (Président du conseil d'administration), annoncé(e) comme représentant(e) de "
        "la Caf, ne figure pas parmi ses signataires",
        "NOGARET Sophie signe en qualité de « Présidente » mais la convention l'annonce comme « Directrice »",
        "VIALA Roger signe pour Communauté de communes des Hautes Terres, mais la convention annonce "
        "comme représentant(s) : ROUQUETTE André (Président)",
    ]


def test_authorisation_is_read_from_the_deliberation_found_by_the_body_name() -> None:
    assert messages(SIGNATORIES, "SIG005", lang="en") == [
        'VIALA Roger signs as "Vice-Président", but deliberation 2024-07 only authorises: Président'
    ]
    widened = SIGNATORIES.replace("[Président]", "[Monsieur le Président, M. le Vice-Président]")
    assert messages(widened, "SIG005") == []


def test_the_chair_named_by_title_is_resolved_among_the_council_members() -> None:
    # "M. le Président" authorises whoever chaired the session, whatever role is printed
    text = SIGNATORIES.replace(
        "approves: {authorised_signatories: [Président]}",
        "session: {president: VIALA Roger}\n    present: [VIALA Roger, ROUQUETTE André]\n"
        "    approves: {authorised_signatories: [M. le Président]}",
    )
    assert messages(text, "SIG005") == []


@pytest.mark.parametrize(
    ("signature", "expected"),
    [
        ("", ["la convention est définitive mais ne porte ni lieu ni date de signature (« Fait à …, le … »)"]),
        ("signature: {place: Mende}", ["la convention est définitive mais ne porte pas de date de signature (« le … »)"]),
        ('signature: {place: "…", date: 2024-04-02}', ["la convention est définitive mais ne porte pas de lieu de signature (« Fait à … »)"]),
        ('signature: {place: Mende, date: ""}', ["la convention est définitive mais ne porte pas de date de signature (« le … »)"]),
        ("signature: {place: Mende, date: XX/04/2024}", []),  # a placeholder: DAT003
        ("signature: {place: Mende, date: 2024-04-02}", []),
    ],
)  # fmt: skip
def test_final_convention_place_and_date(signature: str, expected: list[str]) -> None:
    text = f"ctg_rules: 1\nconvention:\n  status: final\n  title: CTG\n  {signature}\n"
    assert messages(text, "SIG006") == expected


def test_originals_in_english() -> None:
    text = "ctg_rules: 1\nconvention:\n  parties: [{id: a}, {id: b}, {id: c}]\n  signature: {originals: 2}\n"
    assert messages(text, "SIG003", lang="en") == [
        '"En 2 exemplaires" for 3 parties: each party must keep its own original'
    ]


def large_convention() -> str:
    """60 parties, 1,000 council members, 300 articles: the indexes are built once."""

    def word(i: int) -> str:  # distinct letter-only names: "Valbcd"
        return "Val" + "".join(chr(97 + (i // 26**k) % 26) for k in range(3))

    members = [f"{word(i).upper()} {word(i + 7)}" for i in range(1000)]
    towns = [f"Commune de {word(i)}" for i in range(60)]
    authorised = {"authorised_signatories": ["Maire"]}
    dossier = {
        "ctg_rules": 1,
        "deliberations": [{"number": "D0", "present": members, "approves": authorised}]
        + [{"number": f"D{i}", "body": {"name": towns[i]}, "approves": authorised} for i in range(1, 60)],
        "convention": {
            "parties": [
                {"id": f"p{i}", "name": town, "kind": "commune", "deliberation": f"D{i}",
                 "representatives": [{"name": members[i], "role": "Maire"}]}
                for i, town in enumerate(towns)
            ],
            "articles": [
                {"number": str(i), "title": f"ENGAGEMENTS DE LA {towns[i % 60].upper()} ET DU TERRITOIRE"}
                for i in range(300)
            ],
            "governance": {"steering_committee": [f"p{i}" for i in range(60)]},
            "signature": {
                "originals": 60,
                "blocks": [
                    {"party": f"p{i}", "label": f"La {town}",
                     "signatories": [{"name": members[i], "role": "Le Maire"}]}
                    for i, town in enumerate(towns)
                ],
            },
        },
    }  # fmt: skip
    return yaml.safe_dump(dossier, allow_unicode=True, sort_keys=False)


def test_large_convention_is_checked_whole_and_clean() -> None:
    # its time: benchmarks/budgets.py
    result = check_text(large_convention(), builtins_only=True, select=("ANX", "SIG", "NAM"))
    assert result.status == "checked" and [f.code for f in result.findings] == []
