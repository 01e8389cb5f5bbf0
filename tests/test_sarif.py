"""The SARIF document, field by field: what GitHub code scanning reads and keys its alerts on.

The reporter is fed findings built here (no rule runs), so every field of the expected
document is written out; a renamed key, a lost property or a changed fingerprint fails.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ctg_rules._version import __version__
from ctg_rules.cli import cli
from ctg_rules.host import PluginFailure
from ctg_rules.report import RunEnd, Summary
from ctg_rules.reporters.sarif import SarifReporter, artifact_location, location
from ctg_rules.results import FileError, FileResult, Finding, Unchecked
from tests.conftest import ROOT


@dataclass
class Pack:
    examples: dict[str, str] = field(default_factory=dict)


@dataclass
class Spec:
    plugin: str = "votes"


@dataclass
class StubRule:
    """What the reporter reads of a catalogue rule, in both languages."""

    name: str = "declared-count-mismatch"
    severity: str = "error"
    area: str = "votes"
    reference: str | None = "CGCT art. L2121-15"
    pack: Pack | None = None
    spec: Spec = field(default_factory=Spec)
    texts: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    def title(self, lang: str) -> str:
        return self.texts[lang][0]

    def what(self, lang: str) -> str:
        return self.texts[lang][1]

    def why(self, lang: str) -> str:
        return self.texts[lang][2]


FULL = StubRule(
    pack=Pack({"fail": "declared: {present: 3}\n", "pass": "declared: {present: 2}\n"}),
    texts={
        "en": ("Counts differ", " Compares the counts. ", " The minutes must be true. "),
        "fr": ("Les comptes diffèrent", "Compare les comptes.", "Le registre doit être exact."),
    },
)
BARE = StubRule(name="bare", severity="info", area="dates", reference=None, spec=Spec("dates"),
                texts={"en": ("Bare", "", ""), "fr": ("Nue", "", "")})  # fmt: skip


def report(lang: str, results: list[FileResult], end: RunEnd) -> tuple[str, dict[str, Any]]:
    stream = io.StringIO()
    reporter = SarifReporter(stream, lang=lang, catalog={"VOT001": FULL, "DAT009": BARE})
    reporter.start()
    for result in results:
        reporter.file(result)
    reporter.finish(end)
    text = stream.getvalue()
    return text, json.loads(text)


def fingerprint(code: str, uri: str, anchor: str, occurrence: int) -> dict[str, str]:
    # The formula is a contract: changing it makes every alert of every repository new.
    digest = hashlib.sha256(f"{code}\0{uri}\0{anchor}\0{occurrence}".encode()).hexdigest()[:32]
    return {"ctgRulesFinding/v1": digest}


def test_descriptors_carry_the_pack_in_english_and_nothing_for_absent_parts() -> None:
    _, doc = report(
        "en", [FileResult("a.yaml", "checked", rules=("VOT001", "DAT009", "ZZZ001"))], RunEnd(Summary())
    )
    bare, full, unknown = doc["runs"][0]["tool"]["driver"]["rules"]
    assert full == {
        "id": "VOT001",
        "name": "declared-count-mismatch",
        "shortDescription": {"text": "Counts differ"},
        "fullDescription": {"text": "Compares the counts."},
        "help": {
            "text": "Compares the counts.\n\nWhy: The minutes must be true.\n\nReference: CGCT art. L2121-15",
            "markdown": "**Counts differ**\n\n## What it checks\nCompares the counts.\n\n"
            "## Why\nThe minutes must be true.\n\n### Failing\n```yaml\ndeclared: {present: 3}\n```\n\n"
            "### Passing\n```yaml\ndeclared: {present: 2}\n```\n\nReference: CGCT art. L2121-15",
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["votes"], "plugin": "votes", "reference": "CGCT art. L2121-15"},
    }
    assert bare == {
        "id": "DAT009",
        "name": "bare",
        "shortDescription": {"text": "Bare"},
        "fullDescription": {"text": "Bare"},
        "help": {"text": "Reference: —", "markdown": "**Bare**"},
        "defaultConfiguration": {"level": "note"},
        "properties": {"tags": ["dates"], "plugin": "dates"},
    }
    assert unknown == {"id": "ZZZ001"}


def test_descriptors_in_french() -> None:
    _, doc = report("fr", [FileResult("a.yaml", "checked", rules=("VOT001",))], RunEnd(Summary()))
    [full] = doc["runs"][0]["tool"]["driver"]["rules"]
    assert full["help"]["text"] == (
        "Compare les comptes.\n\nPourquoi: Le registre doit être exact.\n\nRéférence: CGCT art. L2121-15"
    )
    assert full["help"]["markdown"] == (
        "**Les comptes diffèrent**\n\n## Ce qu'elle vérifie\nCompare les comptes.\n\n"
        "## Pourquoi\nLe registre doit être exact.\n\n### En défaut\n```yaml\ndeclared: {present: 3}\n```\n\n"
        "### Conforme\n```yaml\ndeclared: {present: 2}\n```\n\nRéférence: CGCT art. L2121-15"
    )


def test_a_severity_without_a_sarif_level_is_a_warning() -> None:
    odd = StubRule(severity="fatal", texts=FULL.texts)
    stream = io.StringIO()
    reporter = SarifReporter(stream, lang="en", catalog={"VOT001": odd})
    reporter.start()
    reporter.file(FileResult("a.yaml", "checked", [Finding("VOT001", "fatal", "m", "a.yaml", 1, 1, "")]))
    reporter.finish(RunEnd(Summary()))
    run = json.loads(stream.getvalue())["runs"][0]
    assert run["tool"]["driver"]["rules"][0]["defaultConfiguration"] == {"level": "warning"}
    assert run["results"][0]["level"] == "warning"


def test_the_whole_document(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    path = "deliberations/0/declared/present"
    findings = [
        Finding("VOT001", "error", "présents: 3", "dos sier.yaml", 4, 25, path, reference="L2121-15", page=2),
        # twins: same rule, file and path; the occurrence number keeps them two alerts
        Finding("VOT001", "error", "présents: 3", "dos sier.yaml", 9, None, path),
        # no model path: the line and the message anchor it; no column: column 1
        Finding("DAT009", "info", "a date", "b.yaml", 7, None, "", suppressed=True),
        Finding("VOT001", "warning", "waived", "b.yaml", 8, 3, path, suppressed=True, reason="signé tard"),
    ]
    results = [
        FileResult("dos sier.yaml", "checked", findings[:2], rules=("VOT001",),
                   identity={"documents": ["scans/délib.pdf", "conv.docx"]}),
        FileResult("b.yaml", "checked", findings[2:], rules=("DAT009",)),
        FileResult("c.yaml", "error", errors=[FileError("c.yaml", 3, 5, "bad indent")]),
    ]  # fmt: skip
    run_finding = Finding("VOT001", "error", "across files", None, None, None, "")
    summary = Summary(files=3, checked=2, errors=1)
    end = RunEnd(summary, [run_finding], [PluginFailure("broken", "ImportError: x")], exit_code=2)
    text, doc = report("en", results, end)
    region = {"startLine": 4, "startColumn": 25}
    logical = [{"fullyQualifiedName": path, "kind": "member"}]
    here = {"uriBaseId": "%SRCROOT%"}
    expected_results = [
        {
            "ruleId": "VOT001", "ruleIndex": 1, "level": "error", "message": {"text": "across files"},
            "locations": [], "partialFingerprints": fingerprint("VOT001", "", "None:across files", 1),
            "suppressions": [], "properties": {"severity": "error"},
        },
        {
            "ruleId": "DAT009", "ruleIndex": 0, "level": "note", "message": {"text": "a date"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "b.yaml", **here},
                                                "region": {"startLine": 7, "startColumn": 1}}}],
            "partialFingerprints": fingerprint("DAT009", "b.yaml", "7:a date", 1),
            "suppressions": [{"kind": "inSource"}], "properties": {"severity": "info"},
        },
        {
            "ruleId": "VOT001", "ruleIndex": 1, "level": "warning", "message": {"text": "waived"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "b.yaml", **here},
                                                "region": {"startLine": 8, "startColumn": 3}},
                           "logicalLocations": logical}],
            "partialFingerprints": fingerprint("VOT001", "b.yaml", path, 1),
            "suppressions": [{"kind": "inSource", "justification": "signé tard"}],
            "properties": {"severity": "warning"},
        },
        {
            "ruleId": "VOT001", "ruleIndex": 1, "level": "error", "message": {"text": "présents: 3"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "dos%20sier.yaml", **here},
                                                "region": region},
                           "logicalLocations": logical}],
            "partialFingerprints": fingerprint("VOT001", "dos%20sier.yaml", path, 1),
            "suppressions": [], "properties": {"severity": "error", "reference": "L2121-15", "page": 2},
        },
        {
            "ruleId": "VOT001", "ruleIndex": 1, "level": "error", "message": {"text": "présents: 3"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "dos%20sier.yaml", **here},
                                                "region": {"startLine": 9, "startColumn": 1}},
                           "logicalLocations": logical}],
            "partialFingerprints": fingerprint("VOT001", "dos%20sier.yaml", path, 2),
            "suppressions": [], "properties": {"severity": "error"},
        },
    ]  # fmt: skip
    driver = {
        "name": "ctg-rules",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": "https://github.com/ctg-rules/ctg-rules",
        "language": "en",
        "rules": doc["runs"][0]["tool"]["driver"]["rules"],
    }  # fmt: skip  (rules: pinned above)
    expected = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [
                    {
                        "executionSuccessful": False,
                        "exitCode": 2,
                        "toolExecutionNotifications": [
                            {
                                "level": "error",
                                "message": {"text": "bad indent"},
                                "locations": [{"physicalLocation": {
                                    "artifactLocation": {"uri": "c.yaml", **here},
                                    "region": {"startLine": 3, "startColumn": 5}}}],
                                "descriptor": {"id": "load-error"},
                            },
                            {
                                "level": "error",
                                "message": {"text": "plugin broken: ImportError: x"},
                                "descriptor": {"id": "plugin-error"},
                            },
                        ],
                    }
                ],
                "language": "en",
                "columnKind": "unicodeCodePoints",
                "results": expected_results,
                "artifacts": [
                    {"location": {"uri": "scans/d%C3%A9lib.pdf", **here}, "roles": ["analysisTarget"]},
                    {"location": {"uri": "conv.docx", **here}, "roles": ["analysisTarget"]},
                ],
                "properties": {"summary": summary.to_dict()},
            }
        ],
    }  # fmt: skip
    assert [r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]] == ["DAT009", "VOT001"]
    assert doc == expected
    # the bytes: indented by two, accents kept, one final newline
    assert text == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


def test_a_clean_run_has_no_notifications() -> None:
    _, doc = report("en", [FileResult("a.yaml", "checked")], RunEnd(Summary(), exit_code=0))
    assert doc["runs"][0]["invocations"] == [{"executionSuccessful": True, "exitCode": 1 - 1}]
    assert doc["runs"][0]["results"] == [] and doc["runs"][0]["artifacts"] == []


def test_locations_of_files_inside_and_outside_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    inside = tmp_path / "work"
    (inside / "a b").mkdir(parents=True)
    monkeypatch.chdir(inside)
    assert artifact_location(str(inside / "a b" / "c#d.yaml")) == {
        "uri": "a%20b/c%23d.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    outside = tmp_path / "other" / "é.yaml"
    assert artifact_location(str(outside)) == {"uri": outside.as_uri()}
    assert location(None, 3, 4) == []
    assert location("x.yaml", None, 4) == [
        {"physicalLocation": {"artifactLocation": artifact_location("x.yaml")}}
    ]


def test_fingerprints_differ_by_file_and_occurrence() -> None:
    seen: Counter[str] = Counter()
    reporter = SarifReporter(io.StringIO(), lang="en")
    twin = Finding("VOT001", "error", "m", "a.yaml", 4, 1, "deliberations/0/declared")
    prints = [
        reporter.result(twin, 0, seen)["partialFingerprints"],
        reporter.result(twin, 0, seen)["partialFingerprints"],
        reporter.result(replace(twin, file="b.yaml"), 0, seen)["partialFingerprints"],
    ]
    assert len({json.dumps(p) for p in prints}) == 3


def sarif_results(*paths: str) -> list[dict[str, Any]]:
    outcome = CliRunner().invoke(cli, ["check", "--format", "sarif", "--lang", "en", *paths])
    return json.loads(outcome.stdout)["runs"][0]["results"]


def uri(result: dict[str, Any]) -> str:
    return (
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] if result["locations"] else ""
    )


def test_every_finding_of_the_examples_and_fixtures_has_its_own_fingerprint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # One scan of the examples and every rule fixture, as code scanning would see a repository:
    # the same rule on the same model path recurs in many files, and twins recur in one file.
    monkeypatch.chdir(ROOT)
    results = sarif_results("examples", "tests/fixtures/rules")
    assert len(results) > 300
    prints = Counter(r["partialFingerprints"]["ctgRulesFinding/v1"] for r in results)
    twins = [r for r in results if prints[r["partialFingerprints"]["ctgRulesFinding/v1"]] > 1]
    assert not twins, twins[:3]
    # An alert keeps its fingerprint whatever else the scan holds: the file is part of it (were
    # it not, the occurrence count would run across files, and adding a file would renumber them).
    by_file: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        by_file.setdefault(uri(r), []).append(r)
    met: set[tuple[str, str]] = set()
    repeating = []  # files holding a rule on a model path that an earlier file holds too
    for file in sorted(f for f in by_file if f):
        keys = {(r["ruleId"], json.dumps(r["locations"][0].get("logicalLocations"))) for r in by_file[file]}
        if keys & met:
            repeating.append(file)
        met |= keys
    assert len(repeating) > 6
    for file in repeating[:6]:
        alone = sarif_results(file)
        assert [r["partialFingerprints"] for r in alone] == [
            r["partialFingerprints"] for r in by_file[file]
        ], file


@pytest.mark.parametrize(("lang", "said"), [("en", "not checked: "), ("fr", "non vérifié : ")])
def test_what_could_not_be_checked_and_documents_skipped_are_notes(lang: str, said: str) -> None:
    gap = Unchecked("quorum", ("VOT005",), ("members_in_office",), title="quorum", said=("in office",))
    results = [
        FileResult("a.yaml", "checked", not_checked=[gap]),
        FileResult("memo.pdf", "skipped", reason="not an act", source="document"),
        FileResult("b.yaml", "skipped", reason="not a dossier"),  # a YAML file: no note
        FileResult("c.pdf", "skipped", source="document"),  # no reason given: no note
    ]
    _, doc = report(lang, results, RunEnd(Summary()))
    [invocation] = doc["runs"][0]["invocations"]
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "note",
            "message": {"text": said + "quorum — in office"},
            "locations": location("a.yaml", None, None),
            "descriptor": {"id": "not-checked"},
            "properties": gap.to_dict(),
        },
        {
            "level": "note",
            "message": {"text": "not an act"},
            "locations": location("memo.pdf", None, None),
            "descriptor": {"id": "skipped"},
        },
    ]
    assert invocation["executionSuccessful"] is True


def test_a_documents_finding_carries_its_place_and_printed_line() -> None:
    seen: Counter[str] = Counter()
    reporter = SarifReporter(io.StringIO(), lang="en")
    word = Finding(
        "VOT001", "error", "m", "pv.docx", 3, 2, "p", place={"paragraph": 4}, excerpt="Présents : 12"
    )
    out = reporter.result(word, 0, seen)
    assert out["properties"] == {"severity": "error", "place": {"paragraph": 4}}
    assert out["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 2,
        "snippet": {"text": "Présents : 12"},
    }
    # no region (no line): no snippet either, and no crash
    bare = reporter.result(replace(word, line=None), 0, seen)
    assert "region" not in bare["locations"][0]["physicalLocation"]
