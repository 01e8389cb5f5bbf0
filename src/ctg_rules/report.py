"""A run and its outcome: the run loop, counts, exit status, and the JSON document (format v1).

:class:`Run` is the one loop both the command line and ``ctg_rules.check()`` go through: each
file's result is absorbed by the engine that checked it (run-scoped rules' summaries, pending
waivers), counted, and handed on; then the rules that look across the run, and the exit status.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ._version import __version__
from .host import PluginFailure
from .results import SEVERITY_RANK, FileError, FileResult, Finding, reaches

JSON_SCHEMA_VERSION = 1
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass
class Summary:
    """Running totals; findings are counted as they stream past, not kept."""

    files: int = 0
    checked: int = 0
    skipped: int = 0
    errors: int = 0
    findings: int = 0
    suppressed: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_code: Counter[str] = field(default_factory=Counter)
    plugin_failures: int = 0
    #: documents met in the folders walked and not checked, by kind ("PDF": 41)
    ignored: Counter[str] = field(default_factory=Counter)
    #: files checked with families of checks that could not be made (``not_checked``)
    incomplete: int = 0
    #: of the files skipped, the documents that are neither a deliberation nor a convention
    skipped_documents: int = 0

    def add_file(self, result: FileResult) -> None:
        self.files += 1
        if result.status == "checked":
            self.checked += 1
        elif result.status == "skipped":
            self.skipped += 1
            self.skipped_documents += result.source == "document"
        else:
            self.errors += 1
        self.incomplete += bool(result.not_checked)
        self.add_findings(result.findings)

    def add_findings(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            if finding.suppressed:
                self.suppressed += 1
                continue
            self.findings += 1
            self.by_severity[finding.severity] += 1
            self.by_code[finding.code] += 1

    def exit_code(self, fail_on: str = "error", require_complete: bool = False) -> int:
        if self.errors or self.plugin_failures:
            return EXIT_ERROR
        threshold = SEVERITY_RANK[fail_on]
        if any(SEVERITY_RANK.get(sev, 2) >= threshold and n for sev, n in self.by_severity.items()):
            return EXIT_FINDINGS
        return EXIT_FINDINGS if require_complete and self.incomplete else EXIT_OK

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "checked": self.checked,
            "skipped": self.skipped,
            "errors": self.errors,
            "findings": self.findings,
            "suppressed": self.suppressed,
            "by_severity": {s: self.by_severity.get(s, 0) for s in ("error", "warning", "info")},
            "by_code": dict(sorted(self.by_code.items())),
            "plugin_failures": self.plugin_failures,
            "ignored": dict(sorted(self.ignored.items())),
            "incomplete": self.incomplete,
        }


@dataclass
class RunEnd:
    """What a reporter gets at the end of the run."""

    summary: Summary
    run_findings: list[Finding] = field(default_factory=list)
    plugin_failures: list[PluginFailure] = field(default_factory=list)
    exit_code: int = 0


class Checker(Protocol):
    """What the run loop needs of an engine (``ctg_rules.engine.Engine``)."""

    @property
    def fail_on(self) -> str: ...

    @property
    def require_complete(self) -> bool: ...

    def absorb(self, result: FileResult) -> None: ...

    def finish(self) -> list[Finding]: ...


class Run:
    """One run over the engines of its configurations: results in, a :class:`RunEnd` out."""

    def __init__(self, engines: Iterable[Checker], plugin_failures: Sequence[PluginFailure] = ()) -> None:
        self.engines = list(dict.fromkeys(engines))
        self.plugin_failures = list(plugin_failures)
        self.summary = Summary(plugin_failures=len(self.plugin_failures))
        self.failing = False  # a finding reached the fail-on level of its configuration

    def results(self, checked: Iterable[tuple[FileResult, Checker]]) -> Iterator[FileResult]:
        """Each file's result, in order, once its engine has kept what the end of the run needs."""
        for result, engine in checked:
            engine.absorb(result)
            self.summary.add_file(result)
            self.failing = self.failing or reaches(result.findings, engine.fail_on)
            # ``--require-complete``: a file some rules could not check fails like a finding
            self.failing = self.failing or bool(result.not_checked and engine.require_complete)
            yield result

    def end(self, *, exit_zero: bool = False) -> RunEnd:
        """Run the rules that look across the run; the summary and the exit status."""
        run_findings: list[Finding] = []
        for engine in self.engines:
            found = engine.finish()
            self.failing = self.failing or reaches(found, engine.fail_on)
            run_findings.extend(found)
        run_findings.sort(key=Finding.sort_key)
        self.summary.add_findings(run_findings)
        if self.summary.errors or self.plugin_failures:
            code = EXIT_ERROR
        else:
            code = EXIT_FINDINGS if self.failing and not exit_zero else EXIT_OK
        return RunEnd(self.summary, run_findings, self.plugin_failures, code)


def tool_info() -> dict[str, str]:
    return {"name": "ctg-rules", "version": __version__}


@dataclass
class Report:
    """Everything a run found, for library users: ``ctg_rules.check(...)`` returns one."""

    results: list[FileResult] = field(default_factory=list)
    run_findings: list[Finding] = field(default_factory=list)
    plugin_failures: list[PluginFailure] = field(default_factory=list)
    fail_on: str = "error"
    #: a file that could not be checked in full fails (``Options.require_complete``)
    require_complete: bool = False

    @property
    def findings(self) -> list[Finding]:
        out = [f for r in self.results for f in r.findings]
        out.extend(self.run_findings)
        return out

    @property
    def errors(self) -> list[FileError]:
        return [e for r in self.results for e in r.errors]

    @property
    def files(self) -> list[FileResult]:
        return self.results

    @property
    def summary(self) -> Summary:
        summary = Summary(plugin_failures=len(self.plugin_failures))
        for result in self.results:
            summary.add_file(result)
        summary.add_findings(self.run_findings)
        return summary

    @property
    def exit_code(self) -> int:
        return self.summary.exit_code(self.fail_on, self.require_complete)

    @property
    def ok(self) -> bool:
        return self.exit_code == EXIT_OK

    def to_dict(self) -> dict[str, Any]:
        return json_document(
            (f.to_dict() for f in self.findings),
            self.results,
            self.summary,
            self.plugin_failures,
        )

    def to_json(self, indent: int | None = 2) -> str:
        import json  # the text report, the default, needs none

        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def json_document(
    findings: Iterable[dict[str, Any]],
    results: Iterable[FileResult],
    summary: Summary,
    failures: Iterable[PluginFailure] = (),
) -> dict[str, Any]:
    """The v1 JSON document (the stable contract documented in docs/json.md)."""
    results = list(results)
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": tool_info(),
        "findings": list(findings),
        "files": [r.to_dict() for r in results],
        "errors": [e.to_dict() for r in results for e in r.errors],
        "plugin_errors": [f.to_dict() for f in failures],
        "summary": summary.to_dict(),
    }
