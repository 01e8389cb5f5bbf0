"""NAM001: one finding per distinct spelling variant, with both spellings and where each is."""

from __future__ import annotations

import pytest

from ctg_rules.names import is_spelling_slip
from ctg_rules.testing import check_text


@pytest.mark.parametrize(
    ("a", "b", "slip"),
    [
        ("masegros", "massegros", True),  # a letter added
        ("canourgue", "canorgue", True),  # a letter dropped
        ("canourgue", "canuorgue", True),  # two letters swapped
        ("chanac", "chenac", True),  # a letter changed
        ("service", "services", False),  # a plural
        ("national", "nationale", False),  # a feminine
        ("mende", "monde", False),  # too short to tell
        ("banassac", "banassac", False),  # the same word
        ("canourgue", "canrogue", False),  # two slips
    ],
)
def test_is_spelling_slip(a: str, b: str, slip: bool) -> None:
    assert is_spelling_slip(a, b) is slip
    assert is_spelling_slip(b, a) is slip


def nam(text: str, **options) -> list:
    result = check_text(text, builtins_only=True, select=("NAM001",), **options)
    return [f for f in result.findings if f.code == "NAM001"]


PARTY = """\
ctg_rules: 1
convention:
  parties:
    - {id: lacanourgue, name: Commune de La Canourgue}
    - {id: ccss, name: Caisse Commune de Sécurité Sociale de la Lozère}
  articles:
"""


def test_a_misspelling_repeated_twenty_times_is_one_finding() -> None:
    articles = "".join(f'    - {{number: "{i}", title: ACTION {i} A LA CANORGUE}}\n' for i in range(20))
    (finding,) = nam(PARTY + articles)
    # twenty against one: the party's name is the odd spelling, and the finding says so once
    assert finding.line == 4
    assert finding.message == (
        "« Canourgue » (nom de la partie lacanourgue) s'écrit « CANORGUE » ailleurs dans le dossier "
        "(titre de l'article 0, titre de l'article 1, titre de l'article 2, et 17 autre(s)) : "
        "un même nom, deux orthographes"
    )


def test_each_distinct_variant_is_one_finding() -> None:
    titles = ["LA CANORGUE", "LA CANOURGE", "LA CANORGUE", "LA CANNOURGUE", "LA CANOURGUE"]
    articles = "".join(f'    - {{number: "{i}", title: {t}}}\n' for i, t in enumerate(titles))
    found = nam(PARTY + articles)
    assert [(f.line, f.message.split("»")[0]) for f in found] == [
        (7, "« CANORGUE "),
        (8, "« CANOURGE "),
        (10, "« CANNOURGUE "),
    ]


def test_the_most_frequent_spelling_is_the_reference() -> None:
    # the parties' list has the odd spelling: the finding lands on it and quotes the others
    text = PARTY.replace("La Canourgue}", "La Canorgue}") + "".join(
        f'    - {{number: "{i}", title: LA CANOURGUE}}\n' for i in range(3)
    )
    (finding,) = nam(text)
    assert finding.path == "convention.parties[0].name"
    assert finding.message.startswith("« Canorgue » (nom de la partie lacanourgue) s'écrit « CANOURGUE »")


def test_common_words_and_grammar_are_not_variants() -> None:
    text = """\
ctg_rules: 1
convention:
  parties:
    - {id: cc, name: Communauté de communes Aubrac Lot Causses Tarn}
    - {id: dsden, name: Direction des Services Départementaux de l'Education Nationale}
  visas:
    - text: Vu l'arrêté relatif à l'Action sociale des Caisses d'allocations familiales (Caf) ;
  articles:
    - {number: "1", title: OBJET DE LA CONVENTION DE SERVICE AUX FAMILLES}
    - {number: "2", title: LES CHAMPS D'INTERVENTION DE LA DIRECTION DES SERVICES DE L'EDUCATION NATIONAL}
    - {number: "3", title: LES CAUSSE ET LE TARN}
"""
    assert nam(text) == []


def test_thresholds_are_parameters() -> None:
    text = PARTY.replace("La Canourgue", "Mende") + '    - {number: "1", title: LA COMMUNE DE MANDE}\n'
    assert nam(text) == []  # "Mende": five letters, under min_length
    (finding,) = nam(text, parameters={"NAM001": {"min_length": 5}})
    assert finding.message.startswith("« MANDE » (titre de l'article 1) s'écrit « Mende »")
    text = PARTY + '    - {number: "1", title: LA CANORGE}\n'  # two slips
    assert nam(text) == []
    assert len(nam(text, parameters={"NAM001": {"max_distance": 2}})) == 1


def test_people_across_the_register_and_the_convention() -> None:
    text = """\
ctg_rules: 1
deliberations:
  - number: D23.080
    present: [FERNANDEZ Florence, SALEIL Jean-Claude]
convention:
  parties:
    - id: chanac
      representatives: [{name: FERNANDES Florence, role: Adjointe au Maire}]
  signature:
    blocks:
      - {party: chanac, signatories: [{name: FERNANDES Florence}]}
"""
    (finding,) = nam(text, lang="en")
    assert finding.line == 8
    assert finding.message == (
        '"FERNANDES Florence" (representative of chanac, signatory for chanac) and "FERNANDEZ '
        'Florence" (register of deliberation D23.080) most likely name the same person: one name, '
        "two spellings"
    )
