"""Built-in rules: @CTES act identifiers, SIREN/SIRET checksums, act numbers across a run (IDN)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from .. import regex
from ..api import Violation, rule
from ..dates import real_date
from ..hookspecs import hookimpl
from ..model import Deliberation, Dossier
from ..names import fold_alnum, number_key
from ..packs import builtin_pack
from . import deliberations

NATURES = ("DE", "AR", "AI", "CC", "BF", "AU")
_DEPARTMENT_RE = regex.compile(r"\d{3}|02[AB]")
_NUMBER_RE = regex.compile(r"[A-Z0-9_]{1,15}")
_SPACES = regex.compile(r"\s+")
#: La Poste's establishments share one SIREN; their SIRETs follow their own checksum (INSEE).
_LA_POSTE = "356000000"


@dataclass(frozen=True, slots=True)
class ActId:
    """The five parts of an @CTES identifier, as written (each may be malformed)."""

    department: str
    siren: str
    date_text: str
    number: str
    nature: str

    @property
    def date(self) -> date | None:
        if not re.fullmatch(r"\d{8}", self.date_text):
            return None
        try:
            return date(int(self.date_text[:4]), int(self.date_text[4:6]), int(self.date_text[6:]))
        except ValueError:
            return None


def parse_act_id(text: str | None) -> ActId | None:
    """Split ``DEPT-SIREN-YYYYMMDD-NUMBER-NATURE``; None when it has fewer than five parts.

    A number written with dashes ("2014-170") is kept whole, so that the number, not the
    shape, is reported.
    """
    if not text:
        return None
    parts = text.strip().split("-")
    if len(parts) < 5:
        return None
    return ActId(parts[0], parts[1], parts[2], "-".join(parts[3:-1]), parts[-1])


def digits(value: str) -> str:
    """A SIREN or SIRET as printed ("200 069 268"), without its spaces."""
    return _SPACES.sub("", value)


def siren_of(value: str) -> str:
    """The SIREN part of a SIREN or SIRET as printed (a SIRET starts with its SIREN)."""
    number = digits(value)
    return number[:9] if len(number) == 14 else number


def luhn_ok(number: str) -> bool:
    """The Luhn checksum INSEE uses for SIREN (9 digits) and SIRET (14 digits)."""
    total = 0
    for position, char in enumerate(reversed(number)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def siren_problem(value: str) -> str | None:
    """Why a SIREN/SIRET is not valid ("format" or "checksum"), or None."""
    number = digits(value)
    if not number.isdigit() or len(number) not in (9, 14):
        return "format"
    if len(number) == 14 and number.startswith(_LA_POSTE):
        return None if sum(int(c) for c in number) % 5 == 0 else "checksum"
    return None if luhn_ok(number) else "checksum"


def _act_id_path(i: int) -> tuple[Any, ...]:
    return ("deliberations", i, "transmission", "act_id")


# --- IDN001 ----------------------------------------------------------------------------------


@rule("IDN001")
def act_id_format(dossier: Dossier) -> Iterator[Violation]:
    """`transmission.act_id` is not a well-formed @CTES identifier."""
    for i, d in deliberations(dossier):
        text = d.transmission.act_id if d.transmission else None
        if not text:
            continue
        path = _act_id_path(i)
        act = parse_act_id(text)
        if act is None:
            yield Violation(path, key="shape", args={"act_id": text})
            continue
        args = {"act_id": text.strip()}
        if not _DEPARTMENT_RE.fullmatch(act.department):
            yield Violation(path, key="department", args={**args, "value": act.department})
        if not re.fullmatch(r"\d{9}", act.siren):
            yield Violation(path, key="siren", args={**args, "value": act.siren})
        if act.date is None:
            yield Violation(path, key="date", args={**args, "value": act.date_text})
        number = act.number
        if not _NUMBER_RE.fullmatch(number) or number.startswith("_") or number.endswith("_"):
            yield Violation(path, key="number", args={**args, "value": number})
        if act.nature not in NATURES:
            yield Violation(path, key="nature", args={**args, "value": act.nature, "natures": NATURES})


# --- IDN002 ----------------------------------------------------------------------------------


@rule("IDN002")
def siren_checksum(dossier: Dossier) -> Iterator[Violation]:
    """A SIREN (or a SIRET) that is not nine (fourteen) digits or fails its Luhn checksum."""
    for i, d in deliberations(dossier):
        body_siren = d.body.siren if d.body else None
        if body_siren:
            problem = siren_problem(body_siren)
            if problem:
                yield Violation(
                    ("deliberations", i, "body", "siren"), key=problem, args={"siren": body_siren}
                )
        act = parse_act_id(d.transmission.act_id if d.transmission else None)
        # The identifier's SIREN is reported only when it is not the body's (already reported).
        if (
            act
            and re.fullmatch(r"\d{9}", act.siren)
            and not luhn_ok(act.siren)
            and (not body_siren or siren_of(body_siren) != act.siren)
        ):
            yield Violation(_act_id_path(i), key="act_id", args={"siren": act.siren})
    convention = dossier.convention
    for j, party in enumerate(convention.parties if convention else ()):
        if party.siren:
            problem = siren_problem(party.siren)
            if problem:
                yield Violation(
                    ("convention", "parties", j, "siren"), key=problem, args={"siren": party.siren}
                )


# --- IDN003 ----------------------------------------------------------------------------------


#: an identifier's number that is a transmission's own sequence, not the act's: digits only, long
#: (Montpellier's 0000071263 for its act 2014/151)
_TRANSACTION_RE = regex.compile(r"\d{6,}")


def _transaction(act: ActId, number: str) -> bool:
    """Whether the identifier's number is a transaction number, not this act's number written
    another way (its digits are not the act's)."""
    return bool(_TRANSACTION_RE.fullmatch(act.number)) and number_key(number).lstrip("0") not in act.number


@dataclass(frozen=True, slots=True)
class _Numbered:
    """What IDN003 keeps of one act whose identifier carries a number, for the end of the run."""

    body: str | None
    name: str | None
    value: str
    expected: str
    #: None: the numbers agree; else the identifier carries a transaction number
    at: tuple[Any, ...] | None
    index: int = 0


def _collect_numbers(dossier: Dossier, ctx: Any) -> list[_Numbered]:
    kept = []
    for i, d in deliberations(dossier):
        act = parse_act_id(d.transmission.act_id if d.transmission else None)
        if act is None or not d.number or not act.number:
            continue
        agrees = number_key(d.number) == number_key(act.number)
        if not agrees and not _transaction(act, d.number):
            continue  # a plain mismatch, reported with the dossier
        at = None if agrees else tuple(ctx.locate(_act_id_path(i)) or ())
        name = d.body.name if d.body else None
        kept.append(_Numbered(_body_key(d, act), name, act.number, d.number, at, i))
    return kept


def _settle_numbers(collected: list[tuple[str | None, list[_Numbered]]]) -> Iterator[Violation]:
    """Transaction numbers: once per authority as information when every act of it in the run
    carries one (its way of numbering transmissions), else a warning on each."""
    by_body: dict[str | None, list[tuple[str | None, _Numbered]]] = {}
    for file, acts in collected:
        for act in acts:
            by_body.setdefault(act.body, []).append((file, act))
    for acts in by_body.values():
        odd = [(file, a) for file, a in acts if a.at is not None]
        if not odd:
            continue
        if len(odd) == len(acts):
            file, first = odd[0]
            args = {"count": len(odd), "value": first.value, "expected": first.expected,
                    "body": first.name or first.body or "?"}  # fmt: skip
            yield _numbered(first, file, "transaction", args, "info")
            continue
        for file, a in odd:
            yield _numbered(a, file, "number", {"value": a.value, "expected": a.expected}, "warning")


def _numbered(act: _Numbered, file: str | None, key: str, args: dict[str, Any], severity: Any) -> Violation:
    found = _located(_act_id_path(act.index), key, args, file, act.at)
    return dataclasses.replace(found, severity=severity)


@rule("IDN003", collect=_collect_numbers, settle=_settle_numbers)
def act_id_agrees(dossier: Dossier) -> Iterator[Violation]:
    """The identifier's SIREN, department, nature or number contradict the deliberation.

    An identifier carrying a transaction number is judged at the end of the run, against the
    other acts of the same authority (``_settle_numbers``)."""
    for i, d in deliberations(dossier):
        act = parse_act_id(d.transmission.act_id if d.transmission else None)
        if act is None:
            continue
        path = _act_id_path(i)
        body = d.body
        # Malformed parts are IDN001's; only well-formed ones are compared with the dossier.
        if body and body.siren and re.fullmatch(r"\d{9}", act.siren) and siren_of(body.siren) != act.siren:
            yield Violation(path, key="siren", args={"value": act.siren, "expected": body.siren})
        if (
            body
            and body.department
            and _DEPARTMENT_RE.fullmatch(act.department)
            and body.department.strip().upper().zfill(3) != act.department
        ):
            yield Violation(
                path, key="department", args={"value": act.department, "expected": body.department}
            )
        if act.nature != "DE" and act.nature in NATURES:
            yield Violation(path, key="nature", args={"value": act.nature})
        if (
            d.number
            and act.number
            and number_key(d.number) != number_key(act.number)
            and not _transaction(act, d.number)
        ):
            yield Violation(
                path, key="number", severity="warning", args={"value": act.number, "expected": d.number}
            )


# --- IDN004 ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Act:
    """What IDN004 keeps of one deliberation: small and picklable (it crosses processes)."""

    index: int
    body: str | None
    number: str | None
    number_text: str | None
    year: int | None
    subject: str | None
    session: str | None
    act_id: str | None
    #: where the number and the identifier are: (line, column[, page[, file[, the line]]])
    number_at: tuple[Any, ...] | None
    act_id_at: tuple[Any, ...] | None


def _body_key(d: Deliberation, act: ActId | None) -> str | None:
    # The same body across files: its SIREN, else the identifier's, else its folded name.
    if d.body and d.body.siren and siren_problem(d.body.siren) is None:
        return siren_of(d.body.siren)
    if act and act.siren.isdigit():
        return act.siren
    if d.body and d.body.name:
        return fold_alnum(d.body.name)
    return None


def _position(ctx: Any, path: tuple[Any, ...]) -> tuple[Any, ...] | None:
    # the page and the line's text too: a run's finding is shown as a dossier's is (page, excerpt)
    found = ctx.locate(path)
    return tuple(found) if found else None


def _collect_acts(dossier: Dossier, ctx: Any) -> list[_Act]:
    acts = []
    for i, d in deliberations(dossier):
        act_id = d.transmission.act_id.strip().upper() if d.transmission and d.transmission.act_id else None
        if not d.number and not act_id:
            continue
        parsed = parse_act_id(act_id)
        session = real_date(d.session.date) if d.session else None
        year = session.year if session else (parsed.date.year if parsed and parsed.date else None)
        acts.append(
            _Act(
                index=i,
                body=_body_key(d, parsed),
                number=number_key(d.number) if d.number else None,
                number_text=d.number,
                year=year,
                subject=fold_alnum(d.subject) if d.subject else None,
                session=session.isoformat() if session else None,
                act_id=act_id,
                number_at=_position(ctx, ("deliberations", i, "number")) if d.number else None,
                act_id_at=_position(ctx, _act_id_path(i)) if act_id else None,
            )
        )
    return acts


def _different(a: _Act, b: _Act) -> bool:
    # Two records are different acts only when what both print differs (lenient when unknown).
    return bool(
        (a.subject and b.subject and a.subject != b.subject)
        or (a.session and b.session and a.session != b.session)
    )


def _same(a: _Act, b: _Act) -> bool:
    # The same act needs positive evidence: the same subject or the same session date printed.
    return not _different(a, b) and bool(
        (a.subject and a.subject == b.subject) or (a.session and a.session == b.session)
    )


def _where(file: str | None, at: tuple[Any, ...] | None) -> str:
    if at and len(at) > 3 and at[3]:
        file = at[3]  # a dossier assembled from documents: the document holding the act
    if not at:
        return file or "<dossier>"
    page = f":p{at[2]}" if len(at) > 2 and at[2] is not None else ""
    return f"{file or '<dossier>'}{page}:{at[0]}"


def _clash(earlier: list[tuple[str | None, _Act]], act: _Act) -> tuple[str, str | None, _Act] | None:
    """The first earlier record this act conflicts with, and how ("number" or "retransmitted")."""
    for file, other in earlier:
        if _different(other, act):
            return "number", file, other
        if act.act_id and other.act_id and act.act_id != other.act_id and _same(other, act):
            return "retransmitted", file, other
    return None


@rule("IDN004", scope="run", collect=_collect_acts)
def duplicate_acts(collected: list[tuple[str | None, list[_Act]]]) -> Iterator[Violation]:
    """Across the run: one number or one identifier on two different acts, or one act sent twice."""
    # Records sharing a number (or an identifier) are few: comparing within a group is cheap.
    by_number: dict[tuple[str, str, int | None], list[tuple[str | None, _Act]]] = {}
    by_act_id: dict[str, list[tuple[str | None, _Act]]] = {}
    for file, acts in collected:
        for act in acts:
            clash = None
            if act.body and act.number:
                group = by_number.setdefault((act.body, act.number, act.year), [])
                clash = _clash(group, act)
                group.append((file, act))
            if clash is not None:
                how, other_file, other = clash
                args = {"number": act.number_text, "other": _where(other_file, other.number_at)}
                if how == "number":
                    path, at = ("deliberations", act.index, "number"), act.number_at
                else:
                    path, at = _act_id_path(act.index), act.act_id_at
                    args.update(act_id=act.act_id, other_id=other.act_id)
                yield _located(path, how, args, file, at)
            if act.act_id:
                group = by_act_id.setdefault(act.act_id, [])
                other_file, other = next(((f, o) for f, o in group if _different(o, act)), (None, None))
                group.append((file, act))
                if other is not None and clash is None:
                    args = {"act_id": act.act_id, "other": _where(other_file, other.act_id_at)}
                    yield _located(_act_id_path(act.index), "act_id", args, file, act.act_id_at)


def _located(
    path: tuple[Any, ...], key: str, args: dict[str, Any], file: str | None, at: tuple[Any, ...] | None
) -> Violation:
    # A run-scoped finding carries its own position (page and line's text included): the
    # documents are gone by then.
    at = at or ()
    return Violation(
        path, key=key, args=args,
        file=at[3] if len(at) > 3 and at[3] else file,
        line=at[0] if at else None, column=at[1] if len(at) > 1 else None,
        page=at[2] if len(at) > 2 else None, excerpt=at[4] if len(at) > 4 else None,
        place=at[5] if len(at) > 5 else None,
    )  # fmt: skip


@hookimpl
def ctg_rules_packs() -> list[Any]:
    return [builtin_pack("identifiers.yaml")]


@hookimpl
def ctg_rules_rules() -> list[Any]:
    return [act_id_format, siren_checksum, act_id_agrees, duplicate_acts]
