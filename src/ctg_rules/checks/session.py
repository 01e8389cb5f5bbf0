"""Built-in rules: the session's officers and the register (PRS001, SEC001, REC005, SUB001, REG001).

Who presides and who is secretary are checked against the council's lists through the shared
name resolver (present + absent); a name printed only as a title ("M. le Maire") identifies no
one and is not compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from .. import regex
from ..api import Violation, rule
from ..dates import real_date
from ..hookspecs import hookimpl
from ..model import Deliberation, Dossier, Person
from ..names import NameResolver, compare_names, fold_alnum, is_chair_title, role_tokens
from ..packs import builtin_pack
from . import deliberations, recused_president
from .council import absent_listed

#: The register is signed by the mayor and the secretaries since 1 July 2022 (ordonnance 2021-1310).
REGISTER_REFORM = date(2022, 7, 1)
#: Bodies whose sessions follow L2121-14 / L2121-15 / L2121-23 (directly or through L5211-1).
_MUNICIPAL_RULES = (None, "commune", "epci", "syndicat")
_SEVERAL = regex.compile(r"\s*(?:,|;|\bet\b)\s*", re.IGNORECASE)


def _lists_complete(d: Deliberation) -> bool:
    """The attendance list and the absent list are both transcribed: a name in neither is no member."""
    return bool(d.present) and absent_listed(d)


def _where(d: Deliberation, resolver: NameResolver, name: str) -> str | None:
    """ "present", "absent", "unknown" (in neither list), or None when it cannot be told
    (a title, a name matching two members)."""
    if is_chair_title(name):
        return None
    match = resolver.resolve(name)
    if match.status == "ambiguous":
        return None
    if not match.resolved or match.index is None:
        return "unknown"
    return "present" if match.index < len(d.present) else "absent"


# --- PRS001 ------------------------------------------------------------------------------------


@rule("PRS001")
def president_not_sitting(dossier: Dossier, ctx: Any) -> Iterator[Violation]:
    """The session's president is listed absent, or is not a member of the council."""
    for i, d in deliberations(dossier):
        president = d.session.president if d.session else None
        if not president or not d.present or (d.body and d.body.kind not in _MUNICIPAL_RULES):
            continue
        where = _where(d, ctx.resolver(d), president)
        args = {"president": president, "number": d.number or "?"}
        path = ("deliberations", i, "session", "president")
        if where == "absent":
            yield Violation(path, key="absent", args=args)
        elif where == "unknown" and _lists_complete(d):
            yield Violation(path, key="not_member", args=args)


# --- SEC001 ------------------------------------------------------------------------------------


@rule("SEC001")
def secretary_not_member(dossier: Dossier, ctx: Any) -> Iterator[Violation]:
    """No secretary named (warning), or a secretary who is not a member present (error)."""
    for i, d in deliberations(dossier):
        session = d.session
        if d.body and d.body.kind not in _MUNICIPAL_RULES:
            continue
        secretary = session.secretary if session else None
        args: dict[str, Any] = {"number": d.number or "?"}
        if not secretary:
            # an act that names its president transcribes the session's officers: it names the
            # secretary too (a dossier of votes alone is not expected to)
            if session and session.president:
                path = ("deliberations", i, "session", "president")
                yield Violation(path, key="none", args=args, severity="warning")
            continue
        resolver = ctx.resolver(d)
        names = [secretary] if _where(d, resolver, secretary) != "unknown" else _SEVERAL.split(secretary)
        for name in (n for n in names if n):
            where = _where(d, resolver, name)
            path = ("deliberations", i, "session", "secretary")
            if where == "absent":
                yield Violation(path, key="absent", args={**args, "secretary": name})
            elif where == "unknown" and _lists_complete(d):
                yield Violation(path, key="not_member", args={**args, "secretary": name})


# --- REC005 ------------------------------------------------------------------------------------


@rule("REC005")
def president_recused(dossier: Dossier) -> Iterator[Violation]:
    """The session's president is among the members who do not take part (L2131-11)."""
    for i, d in deliberations(dossier):
        k = recused_president(d)
        if k is not None:
            args = {"president": d.session.president, "number": d.number or "?"}  # type: ignore[union-attr]
            yield Violation(("deliberations", i, "recused", k), args=args)


# --- SUB001 ------------------------------------------------------------------------------------

#: EPCI without suppléants: L5211-6 gives one only in communautés de communes and d'agglomération.
_NO_SUBSTITUTE_EPCI = regex.compile(r"\b(?:metropole|communaute urbaine)\b")


def _substitutes_forbidden(d: Deliberation) -> str | None:
    """Why no suppléant may sit in this body (a message key), None when one may or it is unknown."""
    body = d.body
    if body is None:
        return None
    if body.kind in ("commune", "departement", "region"):
        return body.kind
    if body.kind == "epci" and body.name and _NO_SUBSTITUTE_EPCI.search(fold_alnum(body.name)):
        return "epci_urban"
    return None  # a communauté (L5211-6), a syndicat whose statutes may provide them (L5212-7)


@rule("SUB001")
def substitute_not_allowed(dossier: Dossier) -> Iterator[Violation]:
    """A suppléant sits where the law allows none (L5211-6)."""
    for i, d in deliberations(dossier):
        if not any(p.substitute_for for p in d.present):
            continue
        why = _substitutes_forbidden(d)
        seats = _seats_by_commune(d) if why is None else {}
        for j, member in enumerate(d.present):
            if not member.substitute_for:
                continue
            args = {
                "name": member.name,
                "titular": member.substitute_for,
                "body": d.body.name if d.body else "—",
            }
            key = why
            commune = member.commune or _commune_of(d, member.substitute_for)
            if key is None and commune and seats.get(fold_alnum(commune), 0) > 1:
                # a suppléant replaces the single delegate of a commune; a commune with several seats
                # gives its absent delegate's vote by proxy instead (L5211-6)
                key, args = "several_seats", {**args, "commune": commune, "seats": seats[fold_alnum(commune)]}
            if key is not None:
                yield Violation(("deliberations", i, "present", j, "substitute_for"), key=key, args=args)


def _commune_of(d: Deliberation, name: str) -> str | None:
    """The commune the absent titular represents, when the lists say it."""
    for member in d.absent:
        if member.commune and compare_names(member.name, name) == "exact":
            return member.commune
    return None


def _seats_by_commune(d: Deliberation) -> dict[str, int]:
    """Titular seats per member commune, counted from the lists (suppléants sitting are no seat)."""
    seats: dict[str, int] = {}
    for member in (*d.present, *d.absent):
        if member.commune and not getattr(member, "substitute_for", None):
            key = fold_alnum(member.commune)
            seats[key] = seats.get(key, 0) + 1
    return seats


# --- REG001 ------------------------------------------------------------------------------------


def _is_chair_role(role: str | None) -> bool:
    tokens = role_tokens(role) if role else ()
    return bool(tokens) and tokens[0] in ("maire", "president")


def _is_secretary_role(role: str | None) -> bool:
    return "secretaire" in role_tokens(role) if role else False


def _signs(signers: list[Person], officer: str | None, by_role: Any) -> bool | None:
    """Whether the officer signs: by name when the act names him, else by the heading; None when
    neither tells (names without headings and no officer named)."""
    for signer in signers:
        if by_role(signer.role):
            return True
        if officer and signer.name and compare_names(signer.name, officer) in ("exact", "approximate"):
            return True
    return False if officer or all(s.role for s in signers) else None


@rule("REG001")
def register_signatures(dossier: Dossier) -> Iterator[Violation]:
    """Since 1 July 2022, the act's signatures lack the president or the secretary (L2121-23)."""
    for i, d in deliberations(dossier):
        session = d.session
        on = real_date(session.date) if session else None
        if not d.signed_by or on is None or on < REGISTER_REFORM:
            continue
        if d.body and d.body.kind not in _MUNICIPAL_RULES:
            continue
        president = session.president if session else None
        secretary = session.secretary if session else None
        chair = _signs(
            d.signed_by, None if president and is_chair_title(president) else president, _is_chair_role
        )
        clerk = _signs(d.signed_by, secretary, _is_secretary_role)
        missing = [who for who, signs in (("president", chair), ("secretary", clerk)) if signs is False]
        if missing:
            args = {
                "number": d.number or "?",
                "signers": [s.name or s.role or "?" for s in d.signed_by],
                "president": president or "—",
                "secretary": secretary or "—",
            }
            key = "both" if len(missing) == 2 else missing[0]
            yield Violation(("deliberations", i, "signed_by"), key=key, args=args)


@hookimpl
def ctg_rules_packs() -> list[Any]:
    return [builtin_pack("session.yaml")]


@hookimpl
def ctg_rules_rules() -> list[Any]:
    return [
        president_not_sitting,
        secretary_not_member,
        president_recused,
        substitute_not_allowed,
        register_signatures,
    ]
