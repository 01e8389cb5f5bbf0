"""Inline waivers: ``# noqa: CODE[, CODE] -- reason`` on a finding's line, ``# ctg-rules: noqa`` on line 1.

A waived finding is not counted for the exit status but stays in every report, with its reason.
A waiver that waives nothing is itself reported (NQA001), so stale waivers do not pile up and a
mistyped code does not pass unnoticed. Only real YAML comments count: ``#`` inside a quoted or
block scalar is text, which is why the candidates are checked against the YAML scanner's tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import regex
from .api import Violation, rule
from .hookspecs import hookimpl
from .packs import builtin_pack

if TYPE_CHECKING:
    from .results import Finding

CODE = "NQA001"

# A noqa comment anywhere; the whole-file form ("ctg-rules: noqa") counts only on the first line.
_NOQA = regex.compile(r"(?:^|(?<=\s))#[ \t]*(?P<file>ctg-rules:[ \t]*)?noqa\b", re.I)
_REST = regex.compile(r"[^\r\n]*")
_NEXT_COMMENT = regex.compile(r"\s#")
_SEPARATORS = regex.compile(r"[\s,]+")


@dataclass(slots=True)
class Waiver:
    """One waiver comment: where it is, the codes it names (empty: none named) and its reason."""

    line: int
    column: int
    codes: tuple[str, ...]
    reason: str | None
    whole_file: bool = False
    used: set[str] = field(default_factory=set)


def _parse_rest(rest: str) -> tuple[tuple[str, ...], str | None]:
    """``: VOT001, DAT002 -- reason  # other comment`` -> codes and reason."""
    cut = _NEXT_COMMENT.search(rest)
    if cut:
        rest = rest[: cut.start()]
    head, dash, reason = rest.partition("--")
    head = head.strip()
    codes: tuple[str, ...] = ()
    if head.startswith(":"):
        codes = tuple(dict.fromkeys(c.upper() for c in _SEPARATORS.split(head[1:]) if c))
    return codes, (reason.strip() or None) if dash else None


def _in_scalars(text: str, offsets: list[int]) -> set[int]:
    """The offsets (sorted) that fall inside a scalar token: a ``#`` there is text, not a comment."""
    import yaml  # a YAML source's: a document's check has no use for PyYAML

    scanner = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    inside: set[int] = set()
    pending = iter(offsets)
    current = next(pending, None)
    try:
        for token in yaml.scan(text, Loader=scanner):
            if current is None:
                break
            if not isinstance(token, yaml.ScalarToken):
                continue
            start, end = token.start_mark.index, token.end_mark.index
            while current is not None and current < end:
                if current >= start:
                    inside.add(current)
                current = next(pending, None)
    except yaml.YAMLError:  # the document loaded, so this cannot happen; keep every candidate
        pass
    return inside


def _mentions_noqa(text: str) -> bool:
    """Whether a comment may hold a waiver: "noqa", in any case, after a "#" on its line.

    The common case is no, found through the text's "#" (a fast substring search; a dossier
    has a few comments at most), without a case-folded copy of the text or the slower
    case-insensitive pattern over all of it. Every match of the waiver pattern passes.
    """
    i = text.find("#")
    while i >= 0:
        end = text.find("\n", i)
        if "noqa" in text[i + 1 : end if end >= 0 else len(text)].lower():
            return True
        i = text.find("#", i + 1)
    return False


def parse(text: str) -> list[Waiver]:
    """Every waiver comment of a YAML text, in line order."""
    if not _mentions_noqa(text):
        return []
    matches = list(_NOQA.finditer(text))
    if not matches:
        return []
    inside = _in_scalars(text, [m.start() for m in matches])
    waivers = []
    for match in matches:
        if match.start() in inside:
            continue
        line = text.count("\n", 0, match.start()) + 1
        whole_file = bool(match.group("file"))
        if whole_file and line != 1:
            continue  # `# ctg-rules: noqa` means the whole file only on the first line
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        codes, reason = _parse_rest(_REST.match(text, match.end()).group())  # type: ignore[union-attr]
        waivers.append(Waiver(line, column, codes, reason, whole_file))
    return waivers


def apply(waivers: list[Waiver], findings: Iterable[Finding]) -> None:
    """Mark the findings a waiver covers as suppressed, with the waiver's reason.

    A line waiver covers the findings of its codes on its line; a whole-file waiver, those of its
    codes (every code when it names none) anywhere in the file. NQA001 itself cannot be waived.
    """
    line_waivers: dict[int, list[Waiver]] = {}
    file_waivers = []
    for w in waivers:
        if w.whole_file:
            file_waivers.append(w)
        else:
            line_waivers.setdefault(w.line, []).append(w)
    for finding in findings:
        if finding.suppressed or finding.code == CODE:
            continue
        for w in line_waivers.get(finding.line or 0, ()):
            if finding.code in w.codes:
                _waive(finding, w)
                break
        else:
            for w in file_waivers:
                if not w.codes or finding.code in w.codes:
                    _waive(finding, w)
                    break


def _waive(finding: Finding, waiver: Waiver) -> None:
    finding.suppressed = True
    finding.reason = waiver.reason
    waiver.used.add(finding.code)


def unused(
    waivers: list[Waiver],
    ran: Iterable[str],
    known: Iterable[str],
    *,
    later: Iterable[str] = (),
    final: bool = False,
) -> Iterator[Violation]:
    """NQA001 violations for the waivers that waived nothing.

    ``ran``: codes that ran on the file (a waiver for a rule that did not run proves nothing);
    ``known``: every registered code (any other is a typo); ``later``: run-scoped codes, whose
    findings come at the end of the run: they are judged by a second call with ``final=True``.
    """
    ran, known, later = set(ran), set(known), set(later) & set(ran)
    for w in waivers:
        at = {"line": w.line, "column": w.column}
        if not w.codes:
            if not w.whole_file:
                if not final:
                    yield Violation(key="no_code", **at)
            elif not w.used and final == bool(later):
                yield Violation(key="file", **at)
            continue
        if not final:
            bad = [c for c in w.codes if c not in known]
            if bad:
                yield Violation(key="unknown", args={"codes": bad}, **at)
        judged = later if final else ran - later
        stale = [c for c in w.codes if c in judged and c not in w.used]
        if stale:
            yield Violation(key="file_codes" if w.whole_file else "unused", args={"codes": stale}, **at)


@rule(CODE)
def unused_waiver(dossier: Any) -> Iterator[Violation]:
    """A ``# noqa`` waiver that waives nothing.

    The engine reports it itself once every rule has run on the file, since it needs the
    file's text and all its findings; this declaration gives it a place in the catalogue, in
    ``--select``/``--ignore`` and in the configuration, like any rule.
    """
    return iter(())


@hookimpl
def ctg_rules_rules() -> list[Any]:
    return [unused_waiver]


@hookimpl
def ctg_rules_packs() -> list[Any]:
    return [builtin_pack("waivers.yaml")]
