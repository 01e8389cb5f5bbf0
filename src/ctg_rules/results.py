"""What checking gives: findings, file errors and each file's result, and the severities.

The engine produces these, reporters, the run loop and library users consume them: none of them
needs the engine to read a result. A file's result is complete and picklable when its check
returns (a worker process sends it back whole).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .api import SEVERITIES, Severity

__all__ = [
    "SEVERITIES", "SEVERITY_RANK", "FileError", "FileResult", "Finding", "Severity", "Unchecked", "by_family",
    "reaches",
]  # fmt: skip

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def reaches(findings: Iterable[Finding], fail_on: str) -> bool:
    """Whether a finding not waived is at the ``fail_on`` severity or above (an unknown one counts as an error)."""
    threshold = SEVERITY_RANK[fail_on]
    return any(not f.suppressed and SEVERITY_RANK.get(f.severity, 2) >= threshold for f in findings)


@dataclass(slots=True)
class Finding:
    """A violation located in a file and worded for a reader (the JSON ``findings`` items)."""

    code: str
    severity: str
    message: str
    file: str | None
    line: int | None
    column: int | None
    path: str
    reference: str | None = None
    suppressed: bool = False
    reason: str | None = None
    page: int | None = None
    #: the OCR confidence (%) of the value the finding rests on, when it was read under the threshold
    ocr_confidence: int | None = None
    #: the document's line the finding points at, when it was read from a PDF, DOCX or text
    #: (a YAML line is read back from the file by the text report)
    excerpt: str | None = None
    #: in a Word document, where Word shows it: {"paragraph": 12} or {"table": 2, "row": 3, "cell": 1}
    place: dict[str, int] | None = None

    def sort_key(self) -> tuple[Any, ...]:
        return (self.file or "", self.line or 0, self.column or 0, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "reference": self.reference,
        }
        if self.page is not None:
            out["page"] = self.page
        if self.place is not None:
            out["place"] = self.place
        if self.ocr_confidence is not None:
            out["ocr_confidence"] = self.ocr_confidence
        if self.suppressed:
            out["suppressed"] = True
            out["reason"] = self.reason
        return out


def place_label(place: dict[str, int] | None, lang: str) -> str | None:
    """ "§12", "tableau 2, ligne 3, cellule 1" / "table 2, row 3, cell 1"."""
    if not place:
        return None
    if "paragraph" in place:
        return f"§{place['paragraph']}"
    words = ("tableau", "ligne", "cellule") if lang == "fr" else ("table", "row", "cell")
    return f"{words[0]} {place['table']}, {words[1]} {place['row']}, {words[2]} {place['cell']}"


@dataclass(slots=True)
class FileError:
    """Why a file could not be checked (the JSON ``errors`` items)."""

    file: str
    line: int | None
    column: int | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}:{self.column or 1}"
        return f"{where}: {self.message}"


@dataclass(slots=True)  # not frozen: a worker sends it back pickled, frozen+slots fails on early 3.10
class Unchecked:
    """A family of checks some rules could not make on a dossier, for lack of facts it does not say
    (the JSON ``files[].not_checked`` items). Information, never a finding."""

    family: str
    codes: tuple[str, ...]
    #: the facts missing (rules/facts.yaml names)
    missing: tuple[str, ...]
    #: the family and the missing facts in the run's language ("quorum", "membres en exercice non imprimés")
    title: str = ""
    said: tuple[str, ...] = ()
    #: ``said`` less the facts another missing fact of the family implies (what a family's line shows)
    shown: tuple[str, ...] | None = None
    #: the items that do not say the facts (``deliberations[2]``, ``convention``)
    paths: tuple[str, ...] = ()
    #: those deliberations in words when only some of the dossier's are concerned ("n° 2024-03")
    items: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "codes": list(self.codes),
            "missing": list(self.missing),
            "family": self.family,
            "message": self.words(),
            "paths": list(self.paths),
        }

    def words(self) -> str:
        """ "quorum — membres en exercice non imprimés"."""
        which = f" ({', '.join(self.items)})" if self.items else ""
        return f"{self.title or self.family} — {', '.join(self.said or self.missing)}{which}"


def by_family(items: Iterable[Unchecked]) -> list[str]:
    """What could not be checked, one phrase per family ("quorum — membres en exercice non imprimés"),
    the facts of a family's items joined: what a person reads."""
    families: dict[str, tuple[list[str], list[str] | None]] = {}
    for u in items:
        said, which = families.get(u.title or u.family, ([], []))
        words = u.shown if u.shown is not None else (u.said or u.missing)
        said += [s for s in words if s not in said]
        # an item about every deliberation makes the family's line about every one (None)
        which = None if which is None or not u.items else which + [w for w in u.items if w not in which]
        families[u.title or u.family] = (said, which)
    return [
        f"{title} — {', '.join(said)}" + (f" ({', '.join(which)})" if which else "")
        for title, (said, which) in families.items()
    ]


@dataclass(slots=True)
class FileResult:
    """What checking one file gave: its status, findings, errors and what the run needs later."""

    path: str
    status: str  # checked | skipped | error
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    rules: tuple[str, ...] = ()  # the rules that ran on this file (the JUnit evidence)
    collected: dict[str, Any] | None = None  # run-scoped rules' summaries, consumed by finish()
    #: the file's waivers still to apply to run-scoped rules' findings (consumed by absorb())
    waivers: list[Any] | None = None
    #: a few facts naming the dossier (body, act, parties) for reports, so no report keeps a dossier
    identity: dict[str, Any] | None = None
    #: the families of checks that could not be made, and why (a checked file)
    not_checked: list[Unchecked] = field(default_factory=list)
    #: why a file was skipped, in the run's language
    reason: str | None = None
    #: "document" when the dossier was read from documents (PDF, DOCX, text), else "yaml"
    source: str = "yaml"
    #: (document, reason) of the documents of a folder's dossier that are not acts (an annex)
    documents_skipped: list[tuple[str, str]] = field(default_factory=list)

    def skips(self) -> list[tuple[str, str]]:
        """The documents skipped as not acts, with why: this one, or those of a folder's dossier
        (a YAML file that is not a dossier is not said: a repository holds many)."""
        if self.status == "skipped" and self.reason and self.source == "document":
            return [(self.path, self.reason)]
        return list(self.documents_skipped)

    def to_dict(self) -> dict[str, Any]:
        """The JSON ``files`` item: path, status, what was not checked, why it was skipped."""
        out: dict[str, Any] = {"path": self.path, "status": self.status}
        if self.status == "checked" or self.not_checked:
            out["not_checked"] = [u.to_dict() for u in self.not_checked]
        if self.reason:
            out["reason"] = self.reason
        if self.documents_skipped:
            out["documents_skipped"] = [{"path": p, "reason": r} for p, r in self.documents_skipped]
        return out
