"""Output formats: what each one shows, and that dossier text cannot break out of any of them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from ctg_rules.cli import cli
from ctg_rules.engine import registry
from ctg_rules.reporters.github import command, escape_property
from tests.conftest import SEED, SHARED
from tests.reporters_helpers import project_with_echo_rule
from tests.test_cli import BAD, GOOD

SARIF_SCHEMA = SHARED / "data" / "sarif-schema-2.1.0.json"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner(env=env).invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- github ------------------------------------------------------------------------------------


def test_github_annotations(write, cwd: Path) -> None:
    write("bad.yaml", BAD.replace("present: [A B, C D]", "present: [A B, C D]\n    x: 1"))
    write("waived.yaml", BAD.replace("{present: 3}", "{present: 3}  # noqa: VOT001 -- late, 8:30"))
    code, out = run("check", "--format", "github", "--lang", "en", "bad.yaml", "waived.yaml")
    lines = out.splitlines()
    assert lines[0].startswith("::error file=bad.yaml,line=6,col=5,title=cannot load::")
    assert lines[1] == (
        "::notice file=waived.yaml,line=4,col=25,title=VOT001 (waived)::"
        "the act declares 3 present but lists 2 (CGCT art. L2121-15, L2121-17) — late, 8:30"
    )
    assert lines[2].startswith("::notice file=waived.yaml,title=not checked::counts and attendance lists — ")
    assert lines[3].startswith("ctg-rules: 1 unreadable file; 0 errors, 0 warnings, 0 infos in 2 files")
    assert code == 2


def test_github_values_cannot_inject_commands(cwd: Path) -> None:
    project_with_echo_rule(cwd)
    code, out = run("check", "--format", "github", ".")
    assert code == 1
    annotations = [line for line in out.splitlines() if line.startswith("::") and "::notice" not in line]
    # one annotation per finding: the subject's line break and '::' stay inside the message
    assert len(annotations) == 2
    echo = next(a for a in annotations if "title=ECH001" in a)
    assert echo.startswith("::warning file=a%2Cb%3Ac.yaml,line=4,col=14,title=ECH001::subject: x%0A::error")
    assert "100%25" in echo
    assert escape_property("a,b:c%\r\n") == "a%2Cb%3Ac%25%0D%0A"
    assert command("notice", "m") == "::notice::m\n"


def test_auto_format_follows_github_actions(write, cwd: Path) -> None:
    write("bad.yaml", BAD)
    _, out = run("check", "--format", "auto", "bad.yaml", env={"GITHUB_ACTIONS": "true"})
    assert out.startswith("::error file=bad.yaml,line=4,col=25,title=VOT001::")
    _, out = run("check", "--format", "auto", "bad.yaml", env={"GITHUB_ACTIONS": ""})
    assert out.startswith("bad.yaml:4:25 VOT001 [erreur]")


# --- text --------------------------------------------------------------------------------------


def test_text_statistics_and_colours(write, cwd: Path) -> None:
    write("a.yaml", BAD)
    write("b.yaml", BAD)
    _, out = run("check", "--statistics", "--lang", "en", ".")
    assert "    2  VOT001  A printed count differs from the names listed" in out.splitlines()
    assert "\x1b[" not in out  # not a terminal: no colour
    _, out = run("check", "a.yaml", env={"FORCE_COLOR": "1"})
    assert "\x1b[31m" in out


# --- helpers -------------------------------------------------------------------------------------


def waived_and_broken(write) -> None:
    """bad.yaml (one error), waived.yaml (the same error, waived), other.yaml (not a dossier), broken.yaml."""
    write("bad.yaml", BAD)
    write("waived.yaml", BAD.replace("{present: 3}", "{present: 3}  # noqa: VOT001 -- signed late"))
    write("other.yaml", "on: push\n")
    write("broken.yaml", "ctg_rules: 1\ndeliberations: [\n")


# --- sarif ----------------------------------------------------------------------------------------


def sarif(*args: str) -> tuple[int, dict]:
    code, out = run("check", "--format", "sarif", "--lang", "en", *args)
    return code, json.loads(out)


def test_sarif_validates_and_carries_rules_results_suppressions(write, cwd: Path) -> None:
    waived_and_broken(write)
    # absolute paths on the command line still give URIs relative to the working directory
    code, doc = sarif(str(cwd))
    assert code == 2
    [run_] = doc["runs"]
    rules = run_["tool"]["driver"]["rules"]
    # every rule that ran, passed ones included
    assert [r["id"] for r in rules] == sorted(registry().rules)
    vot = next(r for r in rules if r["id"] == "VOT001")
    assert vot["shortDescription"]["text"] == "A printed count differs from the names listed"
    assert vot["fullDescription"]["text"].startswith("Compares the counts printed")
    assert "CGCT art. L2121-15" in vot["help"]["text"] and "```yaml" in vot["help"]["markdown"]
    assert vot["defaultConfiguration"]["level"] == "error"
    results = run_["results"]
    assert [
        (r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for r in results
    ] == [
        ("VOT001", "error", "bad.yaml"),
        ("VOT001", "error", "waived.yaml"),
    ]
    assert results[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 4, "startColumn": 25}
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert rules[results[0]["ruleIndex"]]["id"] == "VOT001" and results[0]["suppressions"] == []
    assert results[1]["suppressions"] == [{"kind": "inSource", "justification": "signed late"}]
    [invocation] = run_["invocations"]
    assert invocation["exitCode"] == 2 and invocation["executionSuccessful"] is False
    [note] = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.yaml"


def test_sarif_validates_against_the_schema(write, cwd: Path) -> None:
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"the SARIF 2.1.0 schema is not available ({SARIF_SCHEMA})")
    waived_and_broken(write)
    _, doc = sarif(str(cwd))
    assert doc["runs"][0]["results"] and doc["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(doc)


def test_sarif_fingerprints_survive_line_shifts(write, cwd: Path) -> None:
    path = write(
        "bad.yaml",
        BAD.replace("present: 3}", "present: 3, represented: 2}")
        + "    absent: [{name: E F, proxy_to: A B}, G H]\n",
    )
    _, before = sarif("bad.yaml")
    path.write_text("# a comment added on top\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    _, after = sarif("bad.yaml")
    prints = [[r["partialFingerprints"] for r in d["runs"][0]["results"]] for d in (before, after)]
    lines = [
        [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in d["runs"][0]["results"]]
        for d in (before, after)
    ]
    assert lines[0] != lines[1]
    assert prints[0] == prints[1] and len({json.dumps(p) for p in prints[0]}) == len(prints[0]) == 2


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "markdown", "html"])
def test_same_inputs_give_the_same_bytes(write, cwd: Path, fmt: str) -> None:
    waived_and_broken(write)
    first = run("check", "--format", fmt, ".")
    second = run("check", "--format", fmt, ".")
    assert first == second and first[1]


# --- junit ----------------------------------------------------------------------------------------


def test_junit_one_suite_per_file_one_case_per_rule(write, cwd: Path) -> None:
    waived_and_broken(write)
    write("good.yaml", GOOD)
    code, out = run("check", "--format", "junit", "--lang", "en", "--select", "VOT001,NQA001", ".")
    assert code == 2
    root = ET.fromstring(out)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == ["bad.yaml", "broken.yaml", "good.yaml", "waived.yaml"]  # other.yaml is no dossier
    good = suites["good.yaml"]
    assert [c.get("name") for c in good.iter("testcase")] == [
        "NQA001 A waiver waives nothing",
        "VOT001 A printed count differs from the names listed",
    ]  # passed rules are listed: the evidence that they ran
    assert not list(good.iter("failure")) and good.get("tests") == "2" and good.get("failures") == "0"
    [failure] = suites["bad.yaml"].iter("failure")
    assert failure.get("message") == "bad.yaml:4:25: the act declares 3 present but lists 2"
    assert failure.get("type") == "error" and "Reference: CGCT art. L2121-15" in failure.text
    [skipped] = suites["waived.yaml"].iter("skipped")
    assert skipped.get("message") == "waived: signed late"
    assert suites["waived.yaml"].get("skipped") == "1" and suites["waived.yaml"].get("failures") == "0"
    [error] = suites["broken.yaml"].iter("error")
    assert error.get("message").startswith("broken.yaml:3:1: ")
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == (
        "7",
        "1",
        "1",
        "1",
    )


def test_junit_findings_below_fail_on_do_not_fail(write, cwd: Path) -> None:
    write("bad.yaml", BAD)
    _, out = run("check", "--format", "junit", ".", "--fail-on", "error")
    write(".ctg-rules.yaml", "severity: {VOT001: warning}\n")
    _, out = run("check", "--format", "junit", ".")
    root = ET.fromstring(out)
    assert root.get("failures") == "0"
    assert "VOT001 [warning]" in next(root.iter("system-out")).text
    _, out = run("check", "--format", "junit", "--fail-on", "warning", ".")
    assert ET.fromstring(out).get("failures") == "1"


# --- markdown -------------------------------------------------------------------------------------


def test_markdown_report(write, cwd: Path) -> None:
    waived_and_broken(write)
    code, out = run("check", "--format", "markdown", "--lang", "en", "--select", "VOT001,NQA001", ".")
    assert code == 2
    lines = out.splitlines()
    assert lines[0] == "# ctg-rules report"
    assert lines[2].startswith("**Some files could not be checked.** 1 unreadable file; 1 error, 0 warnings")
    assert "| bad.yaml | checked | 1 | 0 | 0 | 0 |" in lines
    assert "| waived.yaml | checked | 0 | 0 | 0 | 1 |" in lines
    assert "| other.yaml | skipped (not a dossier) | 0 | 0 | 0 | 0 |" in lines
    errors = lines.index("## Errors (1)")
    assert (
        lines[errors + 2]
        == "- **VOT001** — bad.yaml, line 4, col. 25 — the act declares 3 present but lists 2  "
    )
    assert lines[errors + 3] == "  *Reference:* CGCT art. L2121-15, L2121-17"
    waived = lines.index("## Waived (1)")
    assert lines[waived + 3] == "  *Reason:* signed late  "
    assert "## Unreadable files (1)" in lines


def test_markdown_escapes_dossier_text(cwd: Path) -> None:
    project_with_echo_rule(cwd)
    _, out = run("check", "--format", "markdown", ".")
    [item] = [line for line in out.splitlines() if line.startswith("- **ECH001**")]
    assert "<script>" not in out and "\\<script\\>" in item
    assert "\\[l\\](http://e.test)" in item and "\\*bold\\*" in item and "\\| " in item
    assert "\n::error" not in out  # the line break inside the value is folded
    table = [line for line in out.splitlines() if line.startswith("| a,b:c.yaml")]
    assert table and table[0].count(" | ") == 5  # the row keeps its six cells


# --- html -----------------------------------------------------------------------------------------


def test_html_page_is_self_contained_and_escaped(cwd: Path) -> None:
    project_with_echo_rule(cwd)
    code, out = run("check", "--format", "html", ".")
    assert code == 1
    assert out.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in out
    assert "<script" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert not re.search(r"\b(src|href)=|url\(|@import", out)  # nothing to fetch
    assert "Verification report" in out and "To be corrected before signature" in out
    assert "<h3>Votes, quorum and proxies (1)</h3>" in out and "<h3>Other points (1)</h3>" in out
    assert "<b>Why:</b> The minutes record the members present" in out
    assert "<b>Reference:</b> CGCT art. L2121-15, L2121-17" in out


def test_html_identity_of_the_dossier() -> None:
    code, out = run("check", "--format", "html", str(SEED))
    assert code == 1  # the seed keeps its real defects
    assert "<dt>Collectivité</dt><dd>Communauté de communes Aubrac Lot Causses Tarn</dd>" in out
    assert "n° D23.080 Approbation de la convention territoriale globale (Séance du 12/10/2023)" in out
    assert "<dt>Période</dt><dd>01/01/2024 → 31/12/2028</dd>" in out
    assert "Caisse Commune de Sécurité Sociale de la Lozère" in out


# --- third-party formats --------------------------------------------------------------------------


def test_a_plugin_adds_a_format(write, cwd: Path) -> None:
    write(
        "fmt/count.py",
        "import ctg_rules\nfrom ctg_rules.reporters import Reporter\n\n"
        "class Count(Reporter):\n"
        "    def start(self):\n        self.n = 0\n"
        "    def file(self, result):\n        self.n += len(result.findings)\n"
        "    def finish(self, end):\n        self.stream.write(f'{self.n} findings, exit {end.exit_code}\\n')\n\n"
        "@ctg_rules.hookimpl\ndef ctg_rules_reporters():\n    return {'count': Count}\n",
    )
    write(".ctg-rules.yaml", "plugins: [fmt/count.py]\nselect: [VOT001]\n")
    write("bad.yaml", BAD)
    assert run("check", "--format", "count", "bad.yaml") == (1, "1 findings, exit 1\n")


def test_formats_are_imported_only_when_chosen(write) -> None:
    bad = write("bad.yaml", BAD)
    probe = (
        "import sys\nfrom ctg_rules.cli import main\n"
        f"try:\n    main(['check', '--format', 'json', {str(bad)!r}])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('ctg_rules.reporters.')), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert proc.stderr.strip().splitlines()[-1] == "['ctg_rules.reporters.json', 'ctg_rules.reporters.text']"


def test_the_html_link_text_follows_the_language() -> None:
    from ctg_rules.reporters.html import link_text

    link = {"annex": "1b", "party": "chanac", "document": "delib.pdf", "reasons": "SIREN 214800997"}
    assert link_text(link, "fr") == "annexe 1b ← delib.pdf (SIREN 214800997)"
    assert link_text(link, "en") == "annex 1b ← delib.pdf (SIREN 214800997)"
    assert link_text({**link, "annex": None}, "en") == "chanac ← delib.pdf (SIREN 214800997)"
