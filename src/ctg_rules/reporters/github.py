"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=F,line=L,col=C,title=CODE::message`` (``warning``/``notice`` for the other
severities). Every value is escaped by the workflow-command rules, so a dossier value (a name
with a line break, ``::``, a comma) can neither end the annotation early nor start a command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..results import by_family
from . import Reporter, RunEnd
from .text import summary_line

if TYPE_CHECKING:
    from ..results import FileResult, Finding

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """The message part: %, CR and LF are encoded (the runner decodes them)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A property value: also ``:`` and ``,``, which would end the value."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: object) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{level}{' ' + props if props else ''}::{escape_data(message)}\n"


class GithubReporter(Reporter):
    name = "github"

    def annotate(self, finding: Finding) -> None:
        fr = self.lang == "fr"
        message = finding.message
        if finding.reference:
            message += f" ({finding.reference})"
        title = finding.code
        level = LEVELS.get(finding.severity, "warning")
        if finding.suppressed:
            # waived: still visible, as a notice, so the waiver can be reviewed in the PR
            level = "notice"
            title += " (dérogation)" if fr else " (waived)"
            if finding.reason:
                message += f" — {finding.reason}"
        self.stream.write(
            command(level, message, file=finding.file, line=finding.line, col=finding.column, title=title)
        )

    def file(self, result: FileResult) -> None:
        for error in result.errors:
            title = "fichier illisible" if self.lang == "fr" else "cannot load"
            self.stream.write(
                command(
                    "error", error.message, file=error.file, line=error.line, col=error.column, title=title
                )
            )
        for finding in result.findings:
            self.annotate(finding)
        fr = self.lang == "fr"
        if result.not_checked:  # what could not be checked: a notice on the file, not a finding
            said = (" ; " if fr else "; ").join(by_family(result.not_checked))
            title = "non vérifié" if fr else "not checked"
            self.stream.write(command("notice", said, file=result.path, title=title))
        for path, reason in result.skips():
            self.stream.write(command("notice", reason, file=path, title="ignoré" if fr else "skipped"))

    def finish(self, end: RunEnd) -> None:
        for finding in end.run_findings:
            self.annotate(finding)
        for failure in end.plugin_failures:
            self.stream.write(command("error", failure.error, title=f"plugin {failure.name}"))
        self.stream.write(f"ctg-rules: {summary_line(end.summary, self.lang)}\n")
