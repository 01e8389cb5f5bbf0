"""``--format markdown``: a report to paste into an email or a pull-request comment.

A verdict, a summary table (one row per file), then the findings by severity with the legal
reference of each, the waived ones, and the files that could not be read. Dossier values are
escaped, so a name or a subject can neither format the report nor slip HTML into it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import regex
from ..results import by_family
from . import Reporter, RunEnd, inert, where_words
from .text import summary_line

if TYPE_CHECKING:
    from ..results import FileError, FileResult, Finding

_SPECIAL = regex.compile(r"([\\`*_\[\]<>|~&#!])")
#: "@name" and "#12" notify someone or link an issue in a GitHub comment: a word joiner breaks them
_MENTION = regex.compile(r"([@#])(?=\w)")
SEVERITY_ORDER = ("error", "warning", "info")
HEADINGS = {
    "fr": {
        "title": "Rapport ctg-rules",
        "error": "Erreurs",
        "warning": "Avertissements",
        "info": "Informations",
        "waived": "Dérogations",
        "unreadable": "Fichiers illisibles",
        "table": ("Fichier", "Statut", "Erreurs", "Avert.", "Infos", "Dérogations"),
        "checked": "vérifié",
        "skipped": "ignoré (pas un dossier)",
        "error_status": "illisible",
        "reference": "Référence :",
        "reason": "Raison :",
        "line": "ligne",
        "ok": "Aucune anomalie détectée.",
        "fail": "À corriger avant signature.",
        "warn": "Aucune erreur ; des avertissements à examiner.",
        "broken": "Des fichiers n'ont pas pu être vérifiés.",
        "plugins": "Extensions inutilisables",
        "unchecked": "Non vérifié",
        "partial": "Aucune anomalie dans ce qui a pu être vérifié ; des points n'ont pas pu l'être.",
    },
    "en": {
        "title": "ctg-rules report",
        "error": "Errors",
        "warning": "Warnings",
        "info": "Information",
        "waived": "Waived",
        "unreadable": "Unreadable files",
        "table": ("File", "Status", "Errors", "Warnings", "Infos", "Waived"),
        "checked": "checked",
        "skipped": "skipped (not a dossier)",
        "error_status": "unreadable",
        "reference": "Reference:",
        "reason": "Reason:",
        "line": "line",
        "ok": "No defect found.",
        "fail": "To be corrected before signature.",
        "warn": "No error; warnings to review.",
        "broken": "Some files could not be checked.",
        "plugins": "Plugins that failed",
        "unchecked": "Not checked",
        "partial": "No defect in what could be checked; some points could not be.",
    },
}


def escape(value: object) -> str:
    """Plain text for Markdown: punctuation that would format is backslash-escaped, lines joined,
    control characters shown as escapes, mentions and issue references broken."""
    text = _MENTION.sub("\\1\u2060", inert(" ".join(str(value).split())))
    return _SPECIAL.sub(r"\\\1", text)


@dataclass
class _Row:
    path: str
    status: str
    counts: dict[str, int] = field(default_factory=dict)
    #: what could not be checked, or why the file was skipped, as one line
    note: str = ""


def verdict_of(end: RunEnd, words: dict[str, object]) -> object:
    """The report's first words: what went wrong first, or what could not be checked."""
    s = end.summary
    if s.errors or end.plugin_failures:
        return words["broken"]
    if s.by_severity.get("error"):
        return words["fail"]
    if s.findings:
        return words["warn"]
    return words["partial"] if s.incomplete else words["ok"]


class MarkdownReporter(Reporter):
    name = "markdown"
    machine = True

    def start(self) -> None:
        self._rows: dict[str, _Row] = {}
        self._findings: list[Finding] = []
        self._errors: list[FileError] = []

    def file(self, result: FileResult) -> None:
        sep = " ; " if self.lang == "fr" else "; "
        skips = [reason if path == result.path else f"{path} — {reason}" for path, reason in result.skips()]
        note = sep.join([*by_family(result.not_checked), *skips])
        self._rows[result.path] = _Row(
            result.path, result.status, dict.fromkeys((*SEVERITY_ORDER, "waived"), 0), note or ""
        )
        self._findings.extend(result.findings)
        self._errors.extend(result.errors)

    def item(self, finding: Finding, words: dict[str, object]) -> list[str]:
        place = where_words(finding, self.lang, str(words["line"]), "col.", escape)
        out = [f"- **{finding.code}** — {place} — {escape(finding.message)}"]
        if finding.excerpt and finding.excerpt.strip():  # the document's line, as printed
            out.append(f"  > {escape(finding.excerpt.strip())}")
        if finding.suppressed:
            out.append(f"  *{words['reason']}* {escape(finding.reason or '—')}")
        if finding.reference:
            out.append(f"  *{words['reference']}* {escape(finding.reference)}")
        return ["  \n".join(out)]

    def finish(self, end: RunEnd) -> None:
        words = HEADINGS.get(self.lang, HEADINGS["en"])
        findings = sorted([*self._findings, *end.run_findings], key=lambda f: f.sort_key())
        for finding in findings:
            row = self._rows.get(finding.file or "")
            if row is not None:
                row.counts["waived" if finding.suppressed else finding.severity] += 1
        s = end.summary
        verdict = verdict_of(end, words)
        out = [f"# {words['title']}", "", f"**{verdict}** {escape(summary_line(s, self.lang))}", ""]
        table = words["table"]
        out.append("| " + " | ".join(table) + " |")
        out.append("|---|---|" + "---:|" * (len(table) - 2))
        status_word = {
            "checked": words["checked"],
            "skipped": words["skipped"],
            "error": words["error_status"],
        }
        for row in self._rows.values():
            cells = [escape(row.path), str(status_word.get(row.status, row.status))]
            cells += [str(row.counts[k]) for k in (*SEVERITY_ORDER, "waived")]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
        notes = [r for r in self._rows.values() if r.note]
        if notes:
            colon = " :" if self.lang == "fr" else ":"
            out += [f"## {words['unchecked']}", ""]
            out += [f"- {escape(r.path)}{colon} {escape(r.note)}" for r in notes]
            out.append("")
        for severity in SEVERITY_ORDER:
            group = [f for f in findings if f.severity == severity and not f.suppressed]
            if group:
                out += [f"## {words[severity]} ({len(group)})", ""]
                for finding in group:
                    out += self.item(finding, words)
                out.append("")
        waived = [f for f in findings if f.suppressed]
        if waived:
            out += [f"## {words['waived']} ({len(waived)})", ""]
            for finding in waived:
                out += self.item(finding, words)
            out.append("")
        if self._errors:
            out += [f"## {words['unreadable']} ({len(self._errors)})", ""]
            for error in self._errors:
                place = escape(error.file) + (
                    f", {words['line']} {error.line}:{error.column or 1}" if error.line else ""
                )
                out.append(f"- {place} — {escape(error.message)}")
            out.append("")
        if end.plugin_failures:
            out += [f"## {words['plugins']}", ""]
            out += [f"- {escape(f.name)} — {escape(f.error)}" for f in end.plugin_failures]
            out.append("")
        self.stream.write("\n".join(out).rstrip() + "\n")
