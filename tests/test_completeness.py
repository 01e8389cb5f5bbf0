"""What could not be checked (issue 16, point 3): files[].not_checked, the 'non vérifié' line,
--require-complete, and documents that are neither a deliberation nor a convention, skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctg_rules.cli import cli
from tests.test_cli_output import cwd, run  # the run in a temporary folder, and its stdout

__all__ = ["cwd"]  # a fixture, used by name

# A deliberation that prints everything the vote rules need (extract written for these tests).
COMPLETE = """COMMUNE DE SAINT-EXEMPLE
EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL
Séance du 12 mars 2024
Date de convocation : 5 mars 2024
Nombre de conseillers en exercice : 7
Présents : 5
Votants : 6
Délibération n° 2024-015
L'an deux mille vingt-quatre, le douze mars à 19 h 30, le conseil municipal s'est réuni sous la présidence de M. Jean DURAND, Maire.
Présents : M. Jean DURAND, Mme Claire ROBIN, M. Paul FAURE, Mme Anne LEROY, M. Luc MOREL
Absents : Mme Marie PETIT (pouvoir à M. Paul FAURE), M. Louis GIRARD
Secrétaire de séance : Mme Claire ROBIN
Objet : Approbation du budget
Le conseil municipal, après en avoir délibéré, à l'unanimité, ADOPTE.
Pour : 6 Contre : 0 Abstentions : 0
"""
# The same act without the members in office: its quorum cannot be checked.
NO_OFFICE = COMPLETE.replace("Nombre de conseillers en exercice : 7\n", "")
ATTENDANCE = "effectifs et listes de présence —"
NOT_AN_ACT = """Compte rendu de la fête de l'école
Les enfants ont chanté, les parents ont apporté des gâteaux. Merci à tous les bénévoles.
"""


def report(*args: str) -> dict:
    return json.loads(run("check", "--format", "json", *args)[1])


def test_a_deliberation_without_members_in_office_lists_its_quorum_as_not_checked(write, cwd: Path) -> None:
    write("delib.txt", NO_OFFICE)
    [item] = report("delib.txt")["files"]
    assert item["status"] == "checked"
    quorum = [u for u in item["not_checked"] if "VOT005" in u["codes"]]
    assert quorum == [
        {
            "codes": ["VOT005"],
            "missing": ["members_in_office"],
            "family": "quorum",
            "message": "quorum — membres en exercice non imprimés",
            "paths": ["deliberations[0]"],
        }
    ]
    # every family listed lacks exactly that fact: the rest of the act is printed
    assert {m for u in item["not_checked"] for m in u["missing"]} == {"members_in_office"}
    assert {c for u in item["not_checked"] for c in u["codes"]} == {"VOT002", "VOT005"}


def test_a_complete_deliberation_lists_nothing(write, cwd: Path) -> None:
    write("delib.txt", COMPLETE)
    doc = report("delib.txt")
    assert doc["files"] == [{"path": "delib.txt", "status": "checked", "not_checked": []}]
    assert doc["summary"]["incomplete"] == 0
    code, out = run("check", "delib.txt")
    assert code == 0 and "non vérifié" not in out


def test_the_text_report_says_it_in_one_line_in_french_and_in_english(write, cwd: Path) -> None:
    write("delib.txt", NO_OFFICE)
    code, out = run("check", "delib.txt")
    assert code == 0  # absent data is information, not a finding
    [line] = [x for x in out.splitlines() if "non vérifié" in x]
    assert line == (
        "delib.txt non vérifié : effectifs et listes de présence — membres en exercice non imprimés ; "
        "quorum — membres en exercice non imprimés"
    )
    assert out.splitlines()[-1].endswith("(1 vérifié dont 1 en partie, 0 ignoré (pas un dossier))")
    _, english = run("check", "--lang", "en", "delib.txt")
    assert "delib.txt not checked: counts and attendance lists — members in office not printed; " in english
    assert "quorum — members in office not printed" in english


def test_require_complete_fails_a_file_that_could_not_be_checked_in_full(write, cwd: Path) -> None:
    write("partial.txt", NO_OFFICE)
    write("complete.txt", COMPLETE)
    assert run("check", "partial.txt")[0] == 0
    assert run("check", "--require-complete", "partial.txt")[0] == 1
    assert run("check", "--require-complete", "complete.txt")[0] == 0
    assert run("check", "--require-complete", "--exit-zero", "partial.txt")[0] == 0
    # --fail-on is unaffected: the same exit status with and without what was not checked
    assert (
        run("check", "--fail-on", "info", "complete.txt")[0]
        == run("check", "--fail-on", "info", "partial.txt")[0]
    )


def test_require_complete_in_the_configuration(write, cwd: Path) -> None:
    write("partial.txt", NO_OFFICE)
    write(".ctg-rules.yaml", "require-complete: true\n")
    assert run("check", "partial.txt")[0] == 1
    write(".ctg-rules.yaml", "require-complete: yes please\n")
    result = CliRunner().invoke(cli, ["check", "partial.txt"])
    assert result.exit_code == 2 and "require-complete" in result.stderr and "Traceback" not in result.output


def test_a_document_that_is_not_an_act_is_skipped_with_its_reason(write, cwd: Path) -> None:
    write("fete.txt", NOT_AN_ACT)
    doc = report("fete.txt")
    [item] = doc["files"]
    assert item["status"] == "skipped"
    assert item["reason"].startswith("aucune délibération ni convention reconnue")
    assert "not_checked" not in item and doc["summary"]["skipped"] == 1
    code, out = run("check", "--lang", "en", "fete.txt")
    assert code == 0
    assert out.splitlines() == [
        "fete.txt skipped: no deliberation or convention recognised (no session, no attendance, no parties read)",
        "no dossier checked: 1 document with no deliberation or convention recognised",
    ]


def test_a_yaml_dossier_says_what_it_does_not_give(write, cwd: Path) -> None:
    write("d.yaml", "ctg_rules: 1\ndeliberations:\n  - number: A1\n    present: [A B, C D]\n")
    [item] = report("--select", "VOT005", "d.yaml")["files"]
    assert item["not_checked"] == [
        {
            "codes": ["VOT005"],
            "missing": ["members_in_office"],
            "family": "quorum",
            "message": "quorum — membres en exercice non renseignés",
            "paths": ["deliberations[0]"],
        }
    ]
    _, out = run("check", "--select", "VOT005", "d.yaml")
    assert "d.yaml non vérifié : quorum — membres en exercice non renseignés" in out
    # an ignored rule is not said to be unchecked
    assert report("--select", "VOT005", "--ignore", "VOT005", "d.yaml")["files"][0]["not_checked"] == []


def test_a_yaml_file_that_is_not_a_dossier_gives_its_reason_in_json_only(write, cwd: Path) -> None:
    write("ci.yaml", "on: push\n")
    [item] = report("ci.yaml")["files"]
    assert item == {"path": "ci.yaml", "status": "skipped", "reason": "pas un dossier (aucune clé ctg_rules)"}
    assert "ci.yaml" not in run("check", "ci.yaml")[1]


def test_html_and_markdown_print_what_was_not_checked(write, cwd: Path) -> None:
    write("delib.txt", NO_OFFICE)
    write("fete.txt", NOT_AN_ACT)
    _, page = run("check", "--format", "html", "delib.txt", "fete.txt")
    assert (
        "<b>Non vérifié :</b><ul><li>effectifs et listes de présence — membres en exercice non imprimés</li>"
        in page
    )
    assert "<b>Ignoré :</b><ul><li>aucune délibération ni convention reconnue" in page
    assert "Aucune anomalie dans ce qui a pu être vérifié" in page
    _, english = run("check", "--format", "html", "--lang", "en", "delib.txt")
    assert (
        "<b>Not checked:</b><ul><li>counts and attendance lists — members in office not printed</li>"
        in english
    )
    _, markdown = run("check", "--format", "markdown", "delib.txt")
    assert "## Non vérifié" in markdown
    assert (
        "- delib.txt : effectifs et listes de présence — membres en exercice non imprimés ; quorum"
        in markdown
    )


def test_sarif_notes_junit_skipped_testcases_github_notices(write, cwd: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = Path(__file__).resolve().parents[2] / "shared" / "data" / "sarif-schema-2.1.0.json"
    write("delib.txt", NO_OFFICE)
    write("fete.txt", NOT_AN_ACT)
    _, sarif = run("check", "--format", "sarif", "delib.txt", "fete.txt")
    document = json.loads(sarif)
    if schema_path.exists():
        jsonschema.validate(document, json.loads(schema_path.read_text(encoding="utf-8")))
    notes = document["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    quorum = [n for n in notes if n.get("properties", {}).get("family") == "quorum"]
    assert [(n["level"], n["descriptor"]["id"], n["properties"]["codes"]) for n in quorum] == [
        ("note", "not-checked", ["VOT005"])
    ]
    assert [n["descriptor"]["id"] for n in notes if n["descriptor"]["id"] == "skipped"] == ["skipped"]
    _, junit = run("check", "--format", "junit", "delib.txt", "fete.txt")
    assert '<skipped message="non vérifié : membres en exercice non imprimés" />' in junit
    assert 'testsuite name="fete.txt" tests="1" failures="0" errors="0" skipped="1"' in junit
    _, github = run("check", "--format", "github", "delib.txt", "fete.txt")
    assert "::notice file=delib.txt,title=non vérifié::effectifs et listes de présence — membres" in github
    assert "::notice file=fete.txt,title=ignoré::aucune délibération ni convention reconnue" in github


def test_the_library_report_carries_it(write, cwd: Path) -> None:
    import ctg_rules

    path = write("delib.txt", NO_OFFICE)
    result = ctg_rules.check(path, select="VOT005")
    [unchecked] = result.files[0].not_checked
    assert (unchecked.codes, unchecked.missing) == (("VOT005",), ("members_in_office",))
    assert result.exit_code == 0
    assert ctg_rules.check(path, select="VOT005", require_complete=True).exit_code == 1


def test_a_family_line_says_a_fact_once_when_a_wider_one_is_missing(write, cwd: Path) -> None:
    write("d.yaml", "ctg_rules: 1\ndeliberations:\n  - number: A1\n    members_in_office: 5\n")
    doc = report("--select", "VOT002,VOT007", "d.yaml")
    # the JSON keeps each rule's exact reason...
    assert doc["files"][0]["not_checked"] == [
        {
            "codes": ["VOT002"],
            "missing": ["present"],
            "family": "attendance",
            "message": f"{ATTENDANCE} présents non renseignés",
            "paths": ["deliberations[0]"],
        },
        {
            "codes": ["VOT007"],
            "missing": ["present_list"],
            "family": "attendance",
            "message": f"{ATTENDANCE} liste des présents non renseignée",
            "paths": ["deliberations[0]"],
        },
    ]
    # ...the line says "présents" once: no list of names when there is not even a count
    _, out = run("check", "--select", "VOT002,VOT007", "d.yaml")
    assert "d.yaml non vérifié : effectifs et listes de présence — présents non renseignés\n" in out


LOCAL_PACK = """facts:
  secretary:
    within: deliberations
    any: [session.secretary]
    label: {fr: secrétaire de séance, en: secretary of the session}
families:
  officers-local: {fr: secrétariat de séance, en: session secretariat}
rules:
  LOC001:
    severity: warning
    title: {fr: Heure de séance mal écrite, en: Session time badly written}
    family: officers-local
    needs: [secretary]
    check:
      path: "deliberations[*].session.time"
      pattern: '^[0-2][0-9]:[0-5][0-9]$'
"""


def test_a_plugin_pack_declares_its_own_facts_and_family(write, cwd: Path) -> None:
    write("local.yaml", LOCAL_PACK)
    write(".ctg-rules.yaml", "plugins: [local.yaml]\nselect: [LOC001]\n")
    write("d.yaml", "ctg_rules: 1\ndeliberations:\n  - number: A1\n    session: {time: '19:30'}\n")
    assert report("d.yaml")["files"][0]["not_checked"] == [
        {
            "codes": ["LOC001"],
            "missing": ["secretary"],
            "family": "officers-local",
            "message": "secrétariat de séance — secrétaire de séance non renseigné",
            "paths": ["deliberations[0]"],
        }
    ]
    assert (
        "d.yaml non vérifié : secrétariat de séance — secrétaire de séance non renseigné"
        in run("check", "d.yaml")[1]
    )
    write("d.yaml", "ctg_rules: 1\ndeliberations:\n  - number: A1\n    session: {secretary: A B}\n")
    assert report("d.yaml")["files"][0]["not_checked"] == []
    # `unless`: a session on second convocation (here) is not asked for a secretary
    unless = "any: [session.secretary]\n    unless: [session.second_convocation]"
    write("local2.yaml", LOCAL_PACK.replace("any: [session.secretary]", unless))
    write(".ctg-rules.yaml", "plugins: [local2.yaml]\nselect: [LOC001]\n")  # a new file: packs are cached
    write("d.yaml", "ctg_rules: 1\ndeliberations:\n  - number: A1\n    session: {second_convocation: true}\n")
    assert report("d.yaml")["files"][0]["not_checked"] == []


def test_explain_says_what_a_rule_needs() -> None:
    code, out = run("explain", "VOT005")
    assert code == 0 and "## Ce dont elle a besoin\nquorum : membres en exercice, présents\n" in out
    record = json.loads(run("explain", "VOT005", "--lang", "en", "--format", "json")[1])
    assert record["needs"] == {
        "family": "quorum",
        "facts": ["members_in_office", "present"],
        "text": "quorum: members in office, members present",
    }
    assert "needs" not in json.loads(
        run("explain", "VOT008", "--format", "json")[1]
    )  # a printed quorum is optional


SESSION = """ctg_rules: 1
deliberations:
  - {number: 2024-01, members_in_office: 5, present: [A B, C D, E F]}
  - {number: 2024-02, present: [A B, C D, E F]}
  - {present: [A B, C D, E F]}
"""


def test_in_a_session_the_items_concerned_are_named(write, cwd: Path) -> None:
    write("pv.yaml", SESSION)
    [item] = report("--select", "VOT005", "pv.yaml")["files"][0]["not_checked"]
    assert item["paths"] == ["deliberations[1]", "deliberations[2]"]
    assert item["message"] == "quorum — membres en exercice non renseignés (n° 2024-02, 3e délibération)"
    _, out = run("check", "--select", "VOT005", "--lang", "en", "pv.yaml")
    assert "pv.yaml not checked: quorum — members in office not given (no. 2024-02, 3rd deliberation)" in out
    # when every item lacks it, none is named
    write("pv.yaml", SESSION.replace("members_in_office: 5, ", ""))
    [item] = report("--select", "VOT005", "pv.yaml")["files"][0]["not_checked"]
    assert item["message"] == "quorum — membres en exercice non renseignés"


def test_the_built_in_facts_name_fields_of_the_model_and_have_words() -> None:
    from ctg_rules.engine import registry
    from ctg_rules.fieldpaths import parse_path, shape
    from ctg_rules.labels import labels

    packs = registry(builtins_only=True).packs
    for fact in packs.facts.values():
        prefix = "deliberations[*]." if fact.within == "deliberations" else "convention."
        for path in (*fact.any, *fact.unless):
            shape(parse_path(prefix + path), path)  # raises on a field the model does not have
        assert all(labels().facts[fact.name].get(lang) for lang in ("fr", "en")), fact.name
    needed = {
        (rule.pack.family, n)
        for rule in registry(builtins_only=True).rules.values()
        if rule.pack
        for n in rule.pack.needs
    }
    assert {n for _, n in needed} <= set(packs.facts)
    assert all(packs.families[f].get(lang) for f, _ in needed for lang in ("fr", "en"))


def test_a_plugin_fact_on_an_unknown_field_is_its_plugin_s_failure(write, cwd: Path) -> None:
    write("local.yaml", LOCAL_PACK.replace("any: [session.secretary]", "any: [session.scribe]"))
    write(".ctg-rules.yaml", "plugins: [local.yaml]\nselect: [LOC001]\n")
    write("d.yaml", "ctg_rules: 1\ndeliberations:\n  - number: A1\n")
    result = CliRunner().invoke(cli, ["check", "--lang", "en", "d.yaml"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "fact secretary: path 'session.scribe': unknown key 'scribe'" in result.stderr


ELECTIONS = """ctg_rules: 1
deliberations:
  - number: "2024-01"
    election: true
    members_in_office: 5
    present: [DUPONT Jean, MARTIN Anne, DURAND Paul]
  - number: "2024-02"
    election: false
    members_in_office: 5
    present: [DUPONT Jean, MARTIN Anne, DURAND Paul]
"""


def test_an_election_is_not_asked_for_a_vote_count(write, cwd: Path) -> None:
    # an election counts ballots for candidates: no "pour / contre" to print, so nothing is missing;
    # `election: false` is an ordinary deliberation, asked like any other
    write("pv.yaml", ELECTIONS)
    items = report("--select", "VOT", "pv.yaml")["files"][0]["not_checked"]
    votes = {f for u in items if u["family"] in ("votes", "voters") for f in u["paths"]}
    assert votes == {"deliberations[1]"}
