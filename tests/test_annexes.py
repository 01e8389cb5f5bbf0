"""Annex rules (ANX001-ANX007), and what the annex, signature and naming families find in the examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctg_rules.checks.convention import _annex_words, annex_key, cited_annexes
from ctg_rules.testing import check_file, check_text, triples

from .conftest import CLEAN, DEFECTS, SEED

FAMILIES = ("ANX", "SIG", "NAM")


def findings(result, *codes: str):
    wanted = codes or FAMILIES
    return sorted(
        (f for f in result.findings if f.code.startswith(wanted)), key=lambda f: (f.line, f.code, f.message)
    )


# --- the examples --------------------------------------------------------------------------------


def test_seed_gives_exactly_the_known_defects() -> None:
    """The issue's list (ANX002, ANX005, SIG004, NAM001 on Article 8), plus "La Canorgue" in a
    signature label: the same kind of defect as Massegros (a commune's name misspelled where it
    signs), so it is reported too. No SIG001-SIG003: nine parties, nine blocks, nine originals."""
    got = [(f.code, f.severity, f.line) for f in findings(check_file(SEED, builtins_only=True))]
    assert got == [
        ("ANX002", "warning", 175),  # 1e missing between 1d and 1f
        ("ANX005", "warning", 175),  # Banassac's annex 1f: no visa
        ("ANX002", "warning", 177),  # 2b with no 2a
        ("ANX005", "warning", 177),  # the MSA's annex 2b: no visa
        ("NAM001", "warning", 335),  # MASSEGROS in the title of Article 8
        ("SIG004", "warning", 517),  # the MSA is not on the steering committee
        ("NAM001", "warning", 539),  # "La Canorgue" over the signature of La Canourgue
    ]


def test_seed_messages_name_what_is_wrong() -> None:
    messages = [f.message for f in findings(check_file(SEED, builtins_only=True))]
    assert messages[0] == "série 1 interrompue entre l'annexe 1d et l'annexe 1f (manque : 1e)"
    assert "l'annexe 1f est la délibération de la commune de La Banassac" in messages[1]
    assert messages[2] == "l'annexe 2b suit l'annexe 2 sans annexe 2a"
    assert "l'annexe 2b est la délibération de la MSA" in messages[3]
    assert "« MASSEGROS » (titre de l'article 8)" in messages[4] and "« Masegros »" in messages[4]
    assert messages[5].startswith("la MSA (msa), partie et signataire de la convention, ne siège pas")
    assert "« Canorgue » (libellé du bloc de signature de lacanourgue)" in messages[6]
    assert "« Canourgue » ailleurs" in messages[6]


def test_seed_in_english() -> None:
    messages = [f.message for f in findings(check_file(SEED, builtins_only=True, lang="en"))]
    assert messages[0] == "series 1 broken between annex 1d and annex 1f (missing: 1e)"
    assert messages[2] == "annex 2b follows annex 2 with no annex 2a"
    assert messages[5].startswith("la MSA (msa), a party to and signatory of the convention")


def test_clean_example_gives_none_of_these_findings() -> None:
    assert findings(check_file(CLEAN, builtins_only=True)) == []


def test_defects_example() -> None:
    got = {(f.code, f.severity, f.line) for f in findings(check_file(DEFECTS, builtins_only=True))}
    assert got == {
        ("SIG002", "error", 61),  # ESTEVE, announced for the Caf, does not sign
        ("ANX004", "error", 74),  # Nasbinals: no deliberation
        ("SIG001", "error", 74),  # Nasbinals: no signature block
        ("ANX006", "error", 85),  # no equipment list, no steering-committee annex
        ("ANX001", "error", 86),  # annex 2 not attached
        ("ANX002", "warning", 87),  # annex 3 missing
        ("ANX003", "error", 91),  # article 1 cites annex 5
        ("SIG004", "warning", 93),  # the association and Nasbinals are not on the committee
        ("SIG003", "warning", 97),  # 3 originals for 4 parties (a rule of proof: issue 18)
        ("NAM001", "warning", 101),  # NOGARRET / NOGARET
        ("SIG002", "error", 104),  # VIALA signs instead of ROUQUETTE
        ("SIG005", "error", 104),  # a Vice-Président the deliberation did not authorise
    }


# --- ANX001 --------------------------------------------------------------------------------------

ANNEX_FILE = """\
ctg_rules: 1
convention:
  annexes:
    - {{id: 1, title: Diagnostic, file: {file}}}
"""


def test_files_are_looked_for_next_to_the_dossier(write) -> None:
    write("annexes/diagnostic.pdf", b"%PDF-1.4")
    present = write("dossier.yaml", ANNEX_FILE.format(file="annexes/diagnostic.pdf"))
    assert findings(check_file(present, builtins_only=True), "ANX001") == []
    missing = write("other.yaml", ANNEX_FILE.format(file="annexes/plan.pdf"))
    (finding,) = findings(check_file(missing, builtins_only=True), "ANX001")
    assert finding.message == (
        "le fichier de l'annexe 1 est introuvable : annexes/plan.pdf (chemin relatif au dossier)"
    )
    assert (finding.line, finding.path) == (4, "convention.annexes[0].file")


def test_absolute_paths_and_odd_names_do_not_break_the_check(write, tmp_path: Path) -> None:
    target = write("elsewhere/plan.pdf", b"x")
    ok = write("a.yaml", ANNEX_FILE.format(file=f'"{target}"'))
    assert findings(check_file(ok, builtins_only=True), "ANX001") == []
    odd = write("b.yaml", ANNEX_FILE.format(file='"annexes/\\0plan.pdf"'))  # a NUL byte in the name
    assert [f.code for f in findings(check_file(odd, builtins_only=True), "ANX001")] == ["ANX001"]


def test_a_dossier_given_as_text_has_no_directory_to_look_in() -> None:
    result = check_text(ANNEX_FILE.format(file="annexes/plan.pdf"), builtins_only=True)
    assert findings(result, "ANX001") == []


# --- citations and ids -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("voir annexe 7", ["7"]),
        ("(Annexe 4) ;", ["4"]),
        ("les annexes 3 et 4", ["3", "4"]),
        ("les annexes 3, 4 et 5", ["3", "4", "5"]),
        ("les annexes 1a à 1c", ["1a", "1b", "1c"]),
        ("les annexes 2 à 4", ["2", "3", "4"]),
        ("l'Annexe n° 12", ["12"]),
        ("ANNEXE 2B", ["2b"]),
        ("l'annexe 1 a été jointe", ["1"]),
        ("l'annexe 4 à la présente convention", ["4"]),
        ("dont le projet est annexé à la présente", []),
        ("l'annexe 2 du décret du 3 mai 2002", []),
        ("l'annexe 9 de l'arrêté du 3 octobre 2001", []),
        ("", []),
    ],
)
def test_cited_annexes(text: str, cited: list[str]) -> None:
    assert cited_annexes(text) == cited


def test_annex_ids_are_compared_without_case_separators_or_leading_zeros() -> None:
    assert {annex_key(i) for i in ("1a", "1 A", "1-a", "01a", "1.a")} == {"1a"}
    assert annex_key("2") != annex_key("2a")


# --- ANX004, ANX006: parameters and counts ---------------------------------------------------------

CTG_ANNEXES = """\
ctg_rules: 1
convention:
  type: ctg
  annexes:
    - {id: 1, kind: deliberation}
    - {id: 2, kind: diagnostic}
"""


def test_ctg_profile_requires_four_annex_kinds_one_finding_each() -> None:
    result = check_text(CTG_ANNEXES, builtins_only=True)
    # the kinds in words (rules/labels.yaml), never as stored ("equipment-list")
    assert sorted(f.message for f in findings(result, "ANX006")) == [
        f"il manque en annexe {kind}, pièce exigée pour une convention territoriale globale (CTG)"
        for kind in (
            "la liste des équipements",
            "le fonctionnement du comité de pilotage",
            "le plan d'actions",
        )
    ]


def test_required_kinds_are_a_parameter() -> None:
    options = {"parameters": {"ANX006": {"required_kinds": ["diagnostic"]}}, "builtins_only": True}
    assert findings(check_text(CTG_ANNEXES, **options), "ANX006") == []
    untyped = CTG_ANNEXES.replace("type: ctg", "type: other")
    assert findings(check_text(untyped, builtins_only=True), "ANX006") == []


def test_authority_messages() -> None:
    text = """\
ctg_rules: 1
deliberations:
  - {number: "2024-07", decision: rejected}
convention:
  parties:
    - {id: cc, name: Communauté de communes des Hautes Terres, kind: epci, deliberation: 2024-07}
"""
    (finding,) = findings(check_text(text, builtins_only=True), "ANX004")
    assert finding.message == (
        "la délibération 2024-07 de Communauté de communes des Hautes Terres (cc) a rejeté la "
        "convention : elle ne l'autorise pas à signer"
    )


def test_numbering_fixture_lines_and_messages() -> None:
    path = Path(__file__).parent / "fixtures" / "rules" / "ANX002" / "fail_gaps.yaml"
    result = check_file(path, builtins_only=True, select=("ANX002",))
    assert [f.message for f in findings(result, "ANX002")] == [
        "série 1 interrompue entre l'annexe 1b et l'annexe 1d (manque : 1c)",
        "l'annexe 2b suit l'annexe 2 sans annexe 2a",
        "numérotation des annexes interrompue entre l'annexe 3 et l'annexe 6 (manque : 4, 5)",
        "la série 7 commence à l'annexe 7c (manque : 7a, 7b)",
        "série 7 interrompue entre l'annexe 7d et l'annexe 7g (manque : 7e, 7f)",
    ]
    assert triples(result.findings) == {("ANX002", "warning", n) for n in (6, 9, 11, 12, 14)}


def test_a_party_listed_twice_is_found_where_list_index_finds_it() -> None:
    from ctg_rules.checks.convention import parties
    from ctg_rules.model import Dossier

    dossier = Dossier.model_validate(
        {"ctg_rules": 1, "convention": {"parties": [{"id": "caf"}, {"id": "c1"}, {"id": "c1"}, {"id": "c2"}]}}
    )
    index = parties(dossier)
    assert index is not None
    listed = index.parties
    assert [index._position(p) for p in listed] == [listed.index(p) for p in listed] == [0, 1, 1, 3]


@given(st.text(alphabet="anexANEXİıß é1", max_size=40))
def test_annex_words_are_where_the_word_starts_in_any_case(text: str) -> None:
    # found in the lower-cased text: the same places, even where lowering changes the length
    assert _annex_words(text) == [i for i in range(len(text)) if text[i : i + 5].lower() == "annex"]
