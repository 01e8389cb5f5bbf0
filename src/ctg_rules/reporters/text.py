"""``--format text`` (the default): findings grouped by file, the offending line under each, a summary."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, ClassVar

from ..results import by_family, place_label
from . import Reporter, RunEnd, inert

if TYPE_CHECKING:
    from ..report import Summary
    from ..results import FileError, FileResult, Finding

_SEVERITY_WORDS = {
    "fr": {"error": "erreur", "warning": "avertissement", "info": "info"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
_COLORS = {"error": "31", "warning": "33", "info": "36", "code": "1", "dim": "2", "path": "1"}


class TextReporter(Reporter):
    name = "text"
    #: the line a finding points at, printed under it with a caret
    excerpts: ClassVar[bool] = True

    def start(self) -> None:
        self._lines: dict[str, list[str] | None] = {}

    def paint(self, text: str, what: str) -> str:
        return f"\x1b[{_COLORS[what]}m{text}\x1b[0m" if self.color else text

    def source_line(self, file: str | None, line: int | None) -> str | None:
        """The line a finding points at, read back from the file (only YAML sources are shown)."""
        if not file or not line or not file.endswith((".yaml", ".yml")):
            return None
        if file not in self._lines:
            try:
                with open(file, encoding="utf-8", errors="replace") as handle:
                    # a byte-order mark dropped by hand: the utf-8-sig codec is one more import
                    text = handle.read().removeprefix("\ufeff")
                self._lines = {file: text.splitlines()}  # keep one file at a time
            except OSError:
                self._lines = {file: None}
        lines = self._lines.get(file)
        if not lines or line > len(lines):
            return None
        return lines[line - 1]

    def location(
        self,
        file: str | None,
        line: int | None,
        column: int | None,
        page: int | None = None,
        place: dict[str, int] | None = None,
    ) -> str:
        where = inert(file or "<dossier>")
        if where.startswith("::"):  # a line that starts with "::" is a command to a GitHub runner
            where = "./" + where
        if page is not None:
            where += f":p{page}"
        label = place_label(place, self.lang)
        if label:  # Word shows no line numbers: its paragraph or table cell
            where += f":{label}"
        elif line is not None:
            where += f":{line}:{column or 1}"
        return self.paint(where, "path")

    def listing(self) -> bool:
        """Findings are listed unless ``--quiet`` (errors and the summary) or ``--statistics``."""
        return not (self.options.get("quiet") or self.options.get("statistics"))

    def write_finding(self, finding: Finding) -> None:
        word = _SEVERITY_WORDS.get(self.lang, _SEVERITY_WORDS["en"]).get(finding.severity, finding.severity)
        head = f"{self.location(finding.file, finding.line, finding.column, finding.page, finding.place)} "
        head += f"{self.paint(finding.code, 'code')} [{self.paint(word, finding.severity)}] {inert(finding.message)}"
        if finding.suppressed:
            waived = "dérogation" if self.lang == "fr" else "waived"
            head += self.paint(f" ({waived}{': ' + inert(finding.reason) if finding.reason else ''})", "dim")
        out = [head]
        source = (finding.excerpt or self.source_line(finding.file, finding.line)) if self.excerpts else None
        if source is not None and finding.column:
            out.append("    " + inert(source.rstrip()))
            out.append("    " + " " * (finding.column - 1) + self.paint("^", finding.severity))
        self.stream.write("\n".join(out) + "\n")

    def write_error(self, error: FileError) -> None:
        word = "erreur de lecture" if self.lang == "fr" else "cannot load"
        where = self.location(error.file, error.line, error.column)
        self.stream.write(f"{where} {self.paint(word, 'error')}: {inert(error.message)}\n")

    def write_unchecked(self, result: FileResult) -> None:
        """One line for what could not be checked ("non vérifié : quorum — membres en exercice non
        imprimés"), or why a document was skipped."""
        fr = self.lang == "fr"
        colon, sep = (" : ", " ; ") if fr else (": ", "; ")
        where = self.location(result.path, None, None)
        if result.not_checked:
            word = "non vérifié" if fr else "not checked"
            said = sep.join(by_family(result.not_checked))
            self.stream.write(f"{where} {self.paint(word, 'warning')}{colon}{inert(said)}\n")
        word = "ignoré" if fr else "skipped"
        for path, reason in result.skips():
            where = self.location(path, None, None)
            self.stream.write(f"{where} {self.paint(word, 'dim')}{colon}{inert(reason)}\n")

    def file(self, result: FileResult) -> None:
        for error in result.errors:
            self.write_error(error)
        if not self.listing():
            return
        show_waived = self.options.get("show_waived", True)
        for finding in result.findings:
            if finding.suppressed and not show_waived:
                continue
            self.write_finding(finding)
        self.write_unchecked(result)

    def finish(self, end: RunEnd) -> None:
        if self.listing():
            for finding in end.run_findings:
                self.write_finding(finding)
        fr = self.lang == "fr"
        for failure in end.plugin_failures:
            label = "extension inutilisable" if fr else "plugin failed"
            self.stream.write(f"{self.paint(label, 'error')} {inert(failure.name)}: {inert(failure.error)}\n")
        if self.options.get("statistics"):
            self.write_statistics(end.summary)
        line = summary_line(end.summary, self.lang)
        self.stream.write(self.paint(line, "error" if end.exit_code else "dim") + "\n")

    def write_statistics(self, s: Summary) -> None:
        """``--statistics``: how many findings of each rule, most frequent first, instead of the listing."""
        for code, count in sorted(s.by_code.items(), key=lambda kv: (-kv[1], kv[0])):
            rule = self.rule(code)
            title = rule.title(self.lang) if rule else ""
            self.stream.write(f"{count:5d}  {self.paint(code, 'code'):<7} {inert(title)}".rstrip() + "\n")


class ConciseReporter(TextReporter):
    """``--format concise``: one line per finding, no excerpt of the source under it."""

    name = "concise"
    excerpts = False


#: the summary's words: (singular, plural) or a plain string
_SUMMARY: dict[str, dict[str, Any]] = {
    "fr": {
        "unreadable": ("fichier illisible", "fichiers illisibles"),
        "plugins": ("extension inutilisable", "extensions inutilisables"),
        "error": ("erreur", "erreurs"),
        "warning": ("avertissement", "avertissements"),
        "info": ("info", "infos"),
        "file": ("fichier", "fichiers"),
        "checked": ("vérifié", "vérifiés"),
        "partly": "dont {n} en partie",
        "skipped": ("ignoré (pas un dossier)", "ignorés (pas des dossiers)"),
        "waived": ("dérogation", "dérogations"),
        "in": "dans",
        "nothing": "aucun dossier vérifié",
        "no_file": "aucun fichier trouvé",
        "not_dossier": (
            "fichier YAML qui n'est pas un dossier",
            "fichiers YAML qui ne sont pas des dossiers",
        ),
        "not_act": (
            "document sans délibération ni convention reconnue",
            "documents sans délibération ni convention reconnue",
        ),
        "ignored": ("{kind} ignoré", "{kind} ignorés"),
        "hint": "enregistrez-les en PDF ou en DOCX pour qu'ils soient lus",
    },
    "en": {
        "unreadable": ("unreadable file", "unreadable files"),
        "plugins": ("plugin failed", "plugins failed"),
        "error": ("error", "errors"),
        "warning": ("warning", "warnings"),
        "info": ("info", "infos"),
        "file": ("file", "files"),
        "checked": ("checked", "checked"),
        "partly": "{n} of them partly",
        "skipped": ("skipped (not a dossier)", "skipped (not dossiers)"),
        "waived": ("waived", "waived"),
        "in": "in",
        "nothing": "no dossier checked",
        "no_file": "no file found",
        "not_dossier": ("YAML file that is not a dossier", "YAML files that are not dossiers"),
        "not_act": (
            "document with no deliberation or convention recognised",
            "documents with no deliberation or convention recognised",
        ),
        "ignored": ("{kind} file skipped", "{kind} files skipped"),
        "hint": "save them as PDF or DOCX to have them read",
    },
}


def count(n: int, forms: tuple[str, str], lang: str) -> str:
    """``n`` and its noun: French takes the singular for 0 and 1, English only for 1."""
    many = n > 1 if lang == "fr" else n != 1
    return f"{n} {forms[1] if many else forms[0]}"


def summary_line(s: Summary, lang: str) -> str:
    """The run in one sentence, what went wrong first: unreadable files, failed plugins, then the
    findings by severity and the files, or why nothing was checked; the waivers last."""
    w = _SUMMARY.get(lang, _SUMMARY["en"])
    sep = " ; " if lang == "fr" else "; "
    problems = [
        count(n, w[key], lang) for key, n in (("unreadable", s.errors), ("plugins", s.plugin_failures)) if n
    ]
    if not s.checked and not s.errors:
        return sep.join([*problems, nothing_checked(s, lang)])
    if s.ignored:  # documents of a kind no reader takes (.doc, .odt): said beside the findings too
        problems.append(_ignored(s, lang))
    counts = ", ".join(count(s.by_severity.get(sev, 0), w[sev], lang) for sev in ("error", "warning", "info"))
    checked = count(s.checked, w["checked"], lang)
    if s.incomplete:  # some families of checks could not be made: the "non vérifié" lines
        checked += (" " if lang == "fr" else ", ") + w["partly"].format(n=s.incomplete)
    files = f"{checked}, {count(s.skipped, w['skipped'], lang)}"
    line = f"{counts} {w['in']} {count(s.files, w['file'], lang)} ({files})"
    if s.suppressed:
        line += sep + count(s.suppressed, w["waived"], lang)
    return sep.join([*problems, line])


def nothing_checked(s: Summary, lang: str) -> str:
    """Why a run checked nothing: "aucun dossier vérifié : 41 DOC ignorés (enregistrez-les en PDF
    ou en DOCX pour qu'ils soient lus), 2 fichiers YAML qui ne sont pas des dossiers"."""
    w = _SUMMARY.get(lang, _SUMMARY["en"])
    why = [_ignored(s, lang)] if s.ignored else []
    if s.skipped - s.skipped_documents:
        why.append(count(s.skipped - s.skipped_documents, w["not_dossier"], lang))
    if s.skipped_documents:
        why.append(count(s.skipped_documents, w["not_act"], lang))
    colon = " : " if lang == "fr" else ": "
    return w["nothing"] + colon + ", ".join(why) if why else w["no_file"]


def _ignored(s: Summary, lang: str) -> str:
    """ "2 DOC ignorés (enregistrez-les en PDF ou en DOCX pour qu'ils soient lus)"."""
    w = _SUMMARY.get(lang, _SUMMARY["en"])
    kinds = [
        count(n, (w["ignored"][0].format(kind=kind), w["ignored"][1].format(kind=kind)), lang)
        for kind, n in sorted(s.ignored.items())
    ]
    return f"{', '.join(kinds)} ({w['hint']})"


def use_color(stream: object) -> bool:
    """Colours only on a terminal, and never when NO_COLOR is set."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
