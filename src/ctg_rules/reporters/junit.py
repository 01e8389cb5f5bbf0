"""``--format junit``: JUnit XML for CI test reports, the compliance evidence of a run.

One ``testsuite`` per dossier, one ``testcase`` per rule that ran on it, passed rules included
(a passed rule is the evidence that the check was made). A rule with findings at the fail-on
level fails, with each finding's location and message; findings below it are listed in the
testcase's ``system-out``; a rule whose findings are all waived is ``skipped`` with the reasons.
A file that could not be loaded is a suite with one ``error``. No timestamps.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import regex
from ..results import SEVERITY_RANK
from . import Reporter, RunEnd

if TYPE_CHECKING:
    from ..results import FileError, FileResult, Finding

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(value: object) -> str:
    return _NOT_XML.sub("\ufffd", str(value))


@dataclass
class _Suite:
    path: str
    rules: tuple[str, ...]
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    #: rule code -> why it could not check ("membres en exercice non imprimés"): a skipped testcase
    unchecked: dict[str, str] = field(default_factory=dict)
    #: a document skipped as not an act: one skipped testcase with the reason
    reason: str | None = None


def where(finding: Finding) -> str:
    if finding.line is None:
        return finding.file or "<dossier>"
    return f"{finding.file}:{finding.line}:{finding.column or 1}"


class JunitReporter(Reporter):
    name = "junit"
    machine = True

    def start(self) -> None:
        self._suites: dict[str, _Suite] = {}

    def file(self, result: FileResult) -> None:
        if result.status == "skipped":
            for path, reason in result.skips():  # a document that is not an act
                self._suites[path] = _Suite(path, (), reason=reason)
            return  # a YAML file that is not a dossier: nothing was checked
        unchecked = {code: ", ".join(u.said or u.missing) for u in result.not_checked for code in u.codes}
        self._suites[result.path] = _Suite(
            result.path, result.rules, list(result.findings), list(result.errors), unchecked
        )

    def testcase(self, suite: _Suite, code: str, findings: list[Finding]) -> tuple[ET.Element, str]:
        """The testcase of one rule on one file, and its outcome (passed, failure, skipped)."""
        rule = self.rule(code)
        title = rule.title(self.lang) if rule else code
        case = ET.Element("testcase", name=clean(f"{code} {title}"), classname=clean(suite.path))
        case.set("file", clean(suite.path))
        threshold = SEVERITY_RANK[self.fail_on]
        active = [f for f in findings if not f.suppressed]
        failing = [f for f in active if SEVERITY_RANK.get(f.severity, 2) >= threshold]
        waived = [f for f in findings if f.suppressed]
        lines = [f"{where(f)} {f.code} [{f.severity}] {f.message}" for f in active]
        word = "dérogation" if self.lang == "fr" else "waived"
        lines += [f"{where(f)} {f.code} [{word}] {f.message} — {f.reason or ''}".rstrip(" —") for f in waived]
        if rule and rule.reference and lines:
            lines.append(("Référence : " if self.lang == "fr" else "Reference: ") + rule.reference)
        outcome = "passed"
        if failing:
            outcome = "failure"
            first = failing[0]
            element = ET.SubElement(case, "failure", message=clean(f"{where(first)}: {first.message}"))
            element.set("type", first.severity)
            element.text = clean("\n".join(lines))
        elif not findings and code in suite.unchecked:
            outcome = "skipped"
            word = "non vérifié : " if self.lang == "fr" else "not checked: "
            ET.SubElement(case, "skipped", message=clean(word + suite.unchecked[code]))
        elif waived and not active:
            outcome = "skipped"
            reasons = "; ".join(dict.fromkeys(f.reason or word for f in waived))
            ET.SubElement(case, "skipped", message=clean(f"{word}: {reasons}")).text = clean("\n".join(lines))
        elif lines:
            ET.SubElement(case, "system-out").text = clean("\n".join(lines))
        return case, outcome

    def suite(self, suite: _Suite) -> ET.Element:
        element = ET.Element("testsuite", name=clean(suite.path))
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if suite.errors:
            case = ET.SubElement(element, "testcase", name="load", classname=clean(suite.path))
            for error in suite.errors:
                place = error.file if error.line is None else f"{error.file}:{error.line}:{error.column or 1}"
                ET.SubElement(case, "error", message=clean(f"{place}: {error.message}"), type="load-error")
            counts["tests"] += 1
            counts["errors"] += 1
        if suite.reason:
            case = ET.SubElement(element, "testcase", name="document", classname=clean(suite.path))
            ET.SubElement(case, "skipped", message=clean(suite.reason))
            counts["tests"] += 1
            counts["skipped"] += 1
        by_code: dict[str, list[Finding]] = {code: [] for code in suite.rules}
        for finding in suite.findings:
            by_code.setdefault(finding.code, []).append(finding)
        for code in sorted(by_code):
            case, outcome = self.testcase(suite, code, by_code[code])
            element.append(case)
            counts["tests"] += 1
            if outcome == "failure":
                counts["failures"] += 1
            elif outcome == "skipped":
                counts["skipped"] += 1
        for key, value in counts.items():
            element.set(key, str(value))
        return element

    def finish(self, end: RunEnd) -> None:
        for finding in end.run_findings:  # cross-dossier findings join their file's suite
            path = finding.file or "<run>"
            self._suites.setdefault(path, _Suite(path, ())).findings.append(finding)
        root = ET.Element("testsuites", name="ctg-rules")
        totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
        for suite in self._suites.values():
            element = self.suite(suite)
            root.append(element)
            for key in totals:
                totals[key] += int(element.get(key, "0"))
        if end.plugin_failures:
            element = ET.SubElement(root, "testsuite", name="plugins")
            for failure in end.plugin_failures:
                case = ET.SubElement(element, "testcase", name=clean(failure.name), classname="plugins")
                ET.SubElement(case, "error", message=clean(failure.error), type="plugin-error")
            n = str(len(end.plugin_failures))
            element.attrib.update(tests=n, failures="0", errors=n, skipped="0")
            totals["tests"] += len(end.plugin_failures)
            totals["errors"] += len(end.plugin_failures)
        for key, value in totals.items():
            root.set(key, str(value))
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode") + "\n")
