"""The public plugin API: the ``rule`` decorator and ``Violation``.

This module imports nothing heavy: a plugin that only declares rules costs nothing at start-up.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from . import regex

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
Scope = Literal["dossier", "run"]

#: Rule codes: two to five capitals then three digits (VOT001, DAT008, BONUS001).
CODE_RE = regex.compile(r"^[A-Z]{2,5}[0-9]{3}$")

PathPart = str | int


@dataclass(frozen=True, slots=True)
class Violation:
    """One thing a rule found wrong, before the engine locates and words it.

    ``path`` is the model path of the offending value, as YAML keys and list indexes
    (``("deliberations", 0, "vote", "for")``); the engine turns it into file, line and column.
    Either give ``message`` (literal text) or let the engine fill the rule's message template
    ``key`` from its rule pack with ``args``. ``severity`` overrides the rule's default for rules
    whose severity depends on the case (DAT003, REC003). ``file``/``line``/``column`` are only
    for rules that look across a whole run, which no longer hold the documents.
    """

    path: tuple[PathPart, ...] = ()
    message: str | None = None
    args: Mapping[str, Any] = field(default_factory=dict)
    key: str = "default"
    severity: Severity | None = None
    file: str | None = None
    line: int | None = None
    column: int | None = None
    #: with ``line``, for a run's rules: the page of a PDF and the document's line as printed
    page: int | None = None
    excerpt: str | None = None
    #: with ``line``, in a Word document: its paragraph or table cell ({"paragraph": 12})
    place: Mapping[str, int] | None = None


@dataclass(slots=True)
class RuleSpec:
    """A registered rule: the function and what the decorator and the pack say about it."""

    code: str
    func: Callable[..., Iterable[Violation] | None]
    title: str | Mapping[str, str] | None = None
    severity: Severity | None = None
    scope: Scope = "dossier"
    collect: Callable[..., Any] | None = None
    reference: str | None = None
    messages: Mapping[str, Any] | None = None
    wants: tuple[str, ...] = ()
    plugin: str = ""
    #: a dossier rule that also decides across the run: ``settle(collected)`` at its end
    settle: Callable[..., Iterable[Violation] | None] | None = None


def rule(
    code: str,
    title: str | Mapping[str, str] | None = None,
    severity: Severity | None = None,
    *,
    scope: Scope = "dossier",
    collect: Callable[..., Any] | None = None,
    reference: str | None = None,
    messages: Mapping[str, Any] | None = None,
    settle: Callable[..., Any] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a function as a rule.

    The function takes the validated ``dossier`` (and, if it names them, ``params`` and
    ``ctx``) and yields :class:`Violation` objects. Title, severity, reference and message
    templates default to the rule's entry in a rule pack; values given here win for third-party
    rules that ship no pack.

    With ``scope="run"`` the rule sees the whole run: ``collect(dossier, ctx)`` is called on
    every dossier and returns a small picklable summary; the rule function then receives
    ``collected`` (a list of ``(file, summary)`` pairs) once, at the end of the run. A dossier
    rule given ``collect`` and ``settle`` reports on each dossier and, at the end of the run,
    ``settle(collected)`` yields what only the whole run can tell (IDN003: numbers every act of
    an authority prints apart from its own).
    """
    if not CODE_RE.match(code):
        raise ValueError(f"rule code {code!r} does not follow [A-Z]{{2,5}}[0-9]{{3}}")
    if severity is not None and severity not in SEVERITIES:
        raise ValueError(f"rule {code}: severity must be one of {', '.join(SEVERITIES)}")
    if (scope == "run" or settle is not None) and collect is None:
        raise ValueError(f"rule {code}: a run-scoped rule (or a settle function) needs a collect function")

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        names = tuple(inspect.signature(func).parameters)
        func.ctg_rule = RuleSpec(  # type: ignore[attr-defined]
            code=code,
            func=func,
            title=title,
            severity=severity,
            scope=scope,
            collect=collect,
            reference=reference,
            messages=messages,
            wants=names,
            settle=settle,
        )
        return func

    return decorate
