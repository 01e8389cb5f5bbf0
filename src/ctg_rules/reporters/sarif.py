"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One reportingDescriptor per rule (title, what it checks, why, examples, reference from the
pack), one result per finding with a relative URI and a region, waived findings carried with
``suppressions``, load errors and plugin failures as tool notifications, the exit status in
``invocations``. Alerts keep their identity across runs through ``partialFingerprints`` built
from the rule, the file and the model path (not the line: adding a line above must not make
every alert new). No timestamp: the same inputs give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .._version import __version__
from . import Reporter, RunEnd

if TYPE_CHECKING:
    from ..catalogue import Rule
    from ..results import FileError, FileResult, Finding

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/ctg-rules/ctg-rules"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "ctgRulesFinding/v1"
BASE_ID = "%SRCROOT%"


def artifact_location(file: str) -> dict[str, str]:
    """A relative URI under %SRCROOT% (the working directory, normally the repository root)."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return {"uri": path.as_uri()}
    return {"uri": quote(path.as_posix(), safe="/"), "uriBaseId": BASE_ID}


def location(file: str | None, line: int | None, column: int | None) -> list[dict[str, Any]]:
    if not file:
        return []
    physical: dict[str, Any] = {"artifactLocation": artifact_location(file)}
    if line:
        physical["region"] = {"startLine": line, "startColumn": column or 1}
    return [{"physicalLocation": physical}]


def notes(result: FileResult, lang: str) -> list[dict[str, Any]]:
    """Tool notifications (level "note") for the families of checks a file could not have made,
    the rules and the facts missing in their properties, and for a document skipped as not an act."""
    fr = lang == "fr"
    out = [
        {
            "level": "note",
            "message": {
                "text": f"{'non vérifié' if fr else 'not checked'}{' : ' if fr else ': '}{u.words()}"
            },
            "locations": location(result.path, None, None),
            "descriptor": {"id": "not-checked"},
            "properties": u.to_dict(),
        }
        for u in result.not_checked
    ]
    out += [
        {
            "level": "note",
            "message": {"text": reason},
            "locations": location(path, None, None),
            "descriptor": {"id": "skipped"},
        }
        for path, reason in result.skips()
    ]
    return out


class SarifReporter(Reporter):
    name = "sarif"
    machine = True

    def start(self) -> None:
        self._findings: list[Finding] = []
        self._errors: list[FileError] = []
        self._ran: set[str] = set()
        self._documents: dict[str, None] = {}  # the documents a dossier was assembled from
        self._notes: list[dict[str, Any]] = []  # what could not be checked, documents skipped

    def file(self, result: FileResult) -> None:
        for document in (result.identity or {}).get("documents", ()):
            self._documents[document] = None
        self._findings.extend(result.findings)
        self._errors.extend(result.errors)
        self._ran.update(result.rules)
        self._notes.extend(notes(result, self.lang))

    def descriptor(self, code: str) -> dict[str, Any]:
        rule: Rule | None = self.rule(code)
        if rule is None:
            return {"id": code}
        lang = self.lang
        pack = rule.pack
        title = rule.title(lang)
        what = rule.what(lang).strip()
        why = rule.why(lang).strip()
        heads = (
            ("Ce qu'elle vérifie", "Pourquoi", "Référence", "En défaut", "Conforme")
            if lang == "fr"
            else ("What it checks", "Why", "Reference", "Failing", "Passing")
        )
        help_text = "\n\n".join(
            part
            for part in (what, f"{heads[1]}: {why}" if why else "", f"{heads[2]}: {rule.reference or '—'}")
            if part
        )
        markdown = [f"**{title}**", ""]
        if what:
            markdown += [f"## {heads[0]}", what, ""]
        if why:
            markdown += [f"## {heads[1]}", why, ""]
        for head, key in ((heads[3], "fail"), (heads[4], "pass")):
            example = pack.examples.get(key) if pack else None
            if example:
                markdown += [f"### {head}", "```yaml", example.rstrip(), "```", ""]
        if rule.reference:
            markdown += [f"{heads[2]}: {rule.reference}"]
        properties: dict[str, Any] = {"tags": [rule.area], "plugin": rule.spec.plugin}
        if rule.reference:
            properties["reference"] = rule.reference
        return {
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": title},
            "fullDescription": {"text": what or title},
            "help": {"text": help_text, "markdown": "\n".join(markdown).strip()},
            "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
            "properties": properties,
        }

    def result(self, finding: Finding, index: int, seen: Counter[str]) -> dict[str, Any]:
        uri = artifact_location(finding.file)["uri"] if finding.file else ""
        # The model path names the defect independently of line numbers; the message is used only
        # for findings without a path (and an occurrence number keeps twins apart).
        anchor = finding.path or f"{finding.line}:{finding.message}"
        key = f"{finding.code}\0{uri}\0{anchor}"
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]
        out: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": index,
            "level": LEVELS.get(finding.severity, "warning"),
            "message": {"text": finding.message},
            "locations": location(finding.file, finding.line, finding.column),
            "partialFingerprints": {FINGERPRINT: digest},
        }
        if finding.path:
            out["locations"] = out["locations"] or [{}]
            out["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": finding.path, "kind": "member"}]
        # An empty list says "not suppressed" (SARIF §3.27.23); absent would mean "unknown".
        suppression: dict[str, Any] = {"kind": "inSource"}
        if finding.reason:
            suppression["justification"] = finding.reason
        out["suppressions"] = [suppression] if finding.suppressed else []
        properties: dict[str, Any] = {"severity": finding.severity}
        if finding.reference:
            properties["reference"] = finding.reference
        if finding.page is not None:
            properties["page"] = finding.page
        if finding.place is not None:  # a Word document's paragraph or table cell
            properties["place"] = finding.place
        region = (out["locations"] or [{}])[0].get("physicalLocation", {}).get("region")
        if region is not None and finding.excerpt:  # a document's line, as printed
            region["snippet"] = {"text": finding.excerpt}
        out["properties"] = properties
        return out

    def finish(self, end: RunEnd) -> None:
        findings = sorted([*self._findings, *end.run_findings], key=lambda f: f.sort_key())
        codes = sorted(self._ran | {f.code for f in findings})
        index = {code: i for i, code in enumerate(codes)}
        seen: Counter[str] = Counter()
        notifications = [
            {
                "level": "error",
                "message": {"text": e.message},
                "locations": location(e.file, e.line, e.column),
                "descriptor": {"id": "load-error"},
            }
            for e in self._errors
        ]
        notifications += [
            {
                "level": "error",
                "message": {"text": f"plugin {f.name}: {f.error}"},
                "descriptor": {"id": "plugin-error"},
            }
            for f in end.plugin_failures
        ]
        notifications += self._notes
        invocation: dict[str, Any] = {"executionSuccessful": end.exit_code != 2, "exitCode": end.exit_code}
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        document = {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "ctg-rules",
                            "version": __version__,
                            "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI,
                            "language": self.lang,
                            "rules": [self.descriptor(c) for c in codes],
                        }
                    },
                    "invocations": [invocation],
                    "language": self.lang,
                    "columnKind": "unicodeCodePoints",
                    "results": [self.result(f, index[f.code], seen) for f in findings],
                    "artifacts": [
                        {"location": artifact_location(d), "roles": ["analysisTarget"]}
                        for d in self._documents
                    ],
                    "properties": {"summary": end.summary.to_dict()},
                }
            ],
        }
        self.stream.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
