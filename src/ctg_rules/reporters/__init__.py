"""Reporters: one module per output format, each a plugin like any other.

A reporter is built with the output stream, the language, the catalogue of rules and the fail-on
level, receives each file's result as soon as it is checked (``file``), then the end of the run
(``finish``). Third-party formats come from the ``ctg_rules_reporters`` hook.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TextIO

from .. import regex
from ..hookspecs import hookimpl
from ..report import RunEnd

if TYPE_CHECKING:
    from ..catalogue import Rule
    from ..results import FileResult

__all__ = ["BUILTIN", "Reporter", "RunEnd", "inert"]


# Line breaks, C0/C1 control characters (the terminal's escape sequences) and the invisible
# characters that reorder text (bidirectional overrides, isolates, marks): none may reach a
# terminal, a CI log or a report from a dossier as they are.
_UNSAFE = regex.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_SHOWN = {"\n": "\\n", "\r": "\\r"}


def where_words(
    finding: Any, lang: str, line: str, column: str, escape: Any = str, nowhere: str = "<dossier>"
) -> str:
    """Where a finding is, for a person: file, page, then a Word document's paragraph or cell
    (Word shows no line numbers), else line and column."""
    from ..results import place_label

    place = escape(finding.file or nowhere)
    if finding.page is not None:
        place += f", p. {finding.page}"
    label = place_label(finding.place, lang)
    if label:
        place += f", {escape(label)}"
    elif finding.line is not None:
        place += f", {line} {finding.line}, {column} {finding.column or 1}"
    return place


def inert(value: object) -> str:
    """Text from a dossier as one inert line: unsafe characters written as escapes (\\n, \\x1b, \\u202e)."""
    text = str(value)
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: _SHOWN.get(m[0]) or m[0].encode("unicode_escape").decode("ascii"), text)


class Reporter:
    """Base class of output formats.

    A reporter knows only what it is given (as flake8's formatters do): the stream to write to,
    the language of the run, the catalogue of rules by code (titles, areas, references; several
    configurations may load different plugins, so it holds every rule of the run) and the
    ``--fail-on`` level; then each file's result and the end of the run. It never sees the engine.
    """

    name: ClassVar[str] = ""
    #: True when the format can hold nothing but its own document on stdout (JSON, SARIF...).
    machine: ClassVar[bool] = False

    def __init__(
        self,
        stream: TextIO,
        *,
        lang: str = "fr",
        catalog: Mapping[str, Rule] | None = None,
        fail_on: str = "error",
        color: bool = False,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        self.stream = stream
        self.lang = lang
        #: every rule of the run by code
        self.catalog: dict[str, Rule] = dict(catalog or {})
        self.fail_on = fail_on
        self.color = color
        self.options = dict(options or {})

    def rule(self, code: str) -> Rule | None:
        return self.catalog.get(code)

    def start(self) -> None:
        """Called once before the first file."""

    def file(self, result: FileResult) -> None:
        """Called for each file, in order, as soon as it is checked."""

    def finish(self, end: RunEnd) -> None:
        """Called once at the end of the run."""


BUILTIN = {
    "text": "ctg_rules.reporters.text:TextReporter",
    "concise": "ctg_rules.reporters.text:ConciseReporter",
    "json": "ctg_rules.reporters.json:JsonReporter",
    "sarif": "ctg_rules.reporters.sarif:SarifReporter",
    "junit": "ctg_rules.reporters.junit:JunitReporter",
    "github": "ctg_rules.reporters.github:GithubReporter",
    "markdown": "ctg_rules.reporters.markdown:MarkdownReporter",
    "html": "ctg_rules.reporters.html:HtmlReporter",
}


@hookimpl
def ctg_rules_reporters() -> dict[str, str]:
    return dict(BUILTIN)
