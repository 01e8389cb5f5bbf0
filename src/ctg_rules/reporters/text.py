"""``--format text`` (the default): findings grouped by file, the offending line under each, a summary."""

from __future__ import annotations

import os
from collections import Counter
from typing import TYPE_CHECKING

from . import Reporter, RunEnd, inert

if TYPE_CHECKING:
    from ..report import Summary
    from ..results import FileError, FileResult, Finding

_SEVERITY_WORDS = {
    "fr": {"error": "erreur", "warning": "avertissement", "info": "info"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
_COLORS = {"error": "31", "warning": "33", "info": "36", "code": "1", "dim": "2", "path": "1"}


def plural(n: int, word: str, lang: str) -> str:
    """French takes the singular for 0 and 1, English only for 1."""
    many = n > 1 if lang == "fr" else n != 1
    return f"{n} {word}{'s' if many else ''}"


class TextReporter(Reporter):
    name = "text"

    def start(self) -> None:
        self._lines: dict[str, list[str] | None] = {}
        self._statistics: Counter[str] = Counter()

    def paint(self, text: str, what: str) -> str:
        return f"\x1b[{_COLORS[what]}m{text}\x1b[0m" if self.color else text

    def source_line(self, file: str | None, line: int | None) -> str | None:
        """The line a finding points at, read back from the file (only YAML sources are shown)."""
        if not file or not line or not file.endswith((".yaml", ".yml")):
            return None
        if file not in self._lines:
            try:
                with open(file, encoding="utf-8-sig", errors="replace") as handle:
                    self._lines = {file: handle.read().splitlines()}  # keep one file at a time
            except OSError:
                self._lines = {file: None}
        lines = self._lines.get(file)
        if not lines or line > len(lines):
            return None
        return lines[line - 1]

    def location(
        self, file: str | None, line: int | None, column: int | None, page: int | None = None
    ) -> str:
        where = inert(file or "<dossier>")
        if where.startswith("::"):  # a line that starts with "::" is a command to a GitHub runner
            where = "./" + where
        if page is not None:
            where += f":p{page}"
        if line is not None:
            where += f":{line}:{column or 1}"
        return self.paint(where, "path")

    def write_finding(self, finding: Finding) -> None:
        word = _SEVERITY_WORDS.get(self.lang, _SEVERITY_WORDS["en"]).get(finding.severity, finding.severity)
        head = f"{self.location(finding.file, finding.line, finding.column, finding.page)} "
        head += f"{self.paint(finding.code, 'code')} [{self.paint(word, finding.severity)}] {inert(finding.message)}"
        if finding.suppressed:
            waived = "dérogation" if self.lang == "fr" else "waived"
            head += self.paint(f" ({waived}{': ' + inert(finding.reason) if finding.reason else ''})", "dim")
        out = [head]
        source = self.source_line(finding.file, finding.line)
        if source is not None and finding.column:
            out.append("    " + inert(source.rstrip()))
            out.append("    " + " " * (finding.column - 1) + self.paint("^", finding.severity))
        self.stream.write("\n".join(out) + "\n")
        self._statistics[finding.code] += 1

    def write_error(self, error: FileError) -> None:
        word = "erreur de lecture" if self.lang == "fr" else "cannot load"
        where = self.location(error.file, error.line, error.column)
        self.stream.write(f"{where} {self.paint(word, 'error')}: {inert(error.message)}\n")

    def file(self, result: FileResult) -> None:
        for error in result.errors:
            self.write_error(error)
        show_waived = self.options.get("show_waived", True)
        for finding in result.findings:
            if finding.suppressed and not show_waived:
                continue
            self.write_finding(finding)

    def finish(self, end: RunEnd) -> None:
        for finding in end.run_findings:
            self.write_finding(finding)
        fr = self.lang == "fr"
        for failure in end.plugin_failures:
            label = "extension inutilisable" if fr else "plugin failed"
            self.stream.write(f"{self.paint(label, 'error')} {inert(failure.name)}: {inert(failure.error)}\n")
        s = end.summary
        if self.options.get("statistics") and s.by_code:
            self.stream.write("\n")
            for code, count in sorted(s.by_code.items(), key=lambda kv: (-kv[1], kv[0])):
                rule = self.rule(code)
                self.stream.write(f"{count:5d}  {code:<7} {rule.name if rule else ''}".rstrip() + "\n")
        line = summary_line(s, self.lang)
        self.stream.write(self.paint(line, "error" if end.exit_code else "dim") + "\n")


def summary_line(s: Summary, lang: str) -> str:
    """The run in one sentence: counts by severity, files checked, skipped and unreadable, waivers."""
    sev = s.by_severity
    if lang == "fr":
        counts = [
            plural(sev.get("error", 0), "erreur", "fr"),
            plural(sev.get("warning", 0), "avertissement", "fr"),
            plural(sev.get("info", 0), "info", "fr"),
        ]
        files = f"{plural(s.files, 'fichier', 'fr')} ({s.checked} vérifié{'s' if s.checked > 1 else ''}"
        files += f", {s.skipped} ignoré{'s' if s.skipped > 1 else ''} (pas un dossier)"
        if s.errors:
            files += f", {s.errors} illisible{'s' if s.errors > 1 else ''}"
        line = f"{', '.join(counts)} dans {files})"
        if s.suppressed:
            line += f" ; {plural(s.suppressed, 'dérogation', 'fr')}"
        return line
    counts = [
        plural(sev.get("error", 0), "error", "en"),
        plural(sev.get("warning", 0), "warning", "en"),
        plural(sev.get("info", 0), "info", "en"),
    ]
    files = f"{plural(s.files, 'file', 'en')} ({s.checked} checked, {s.skipped} skipped (not a dossier)"
    if s.errors:
        files += f", {s.errors} unreadable"
    line = f"{', '.join(counts)} in {files})"
    if s.suppressed:
        line += f"; {s.suppressed} waived"
    return line


def use_color(stream: object) -> bool:
    """Colours only on a terminal, and never when NO_COLOR is set."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
