"""Built-in rules: the dates of acts and conventions (DAT).

Dates are ``datetime.date``, ``Placeholder`` (left unfilled in a draft) or None (absent).
Placeholders and missing dates are DAT003's; every other rule only compares real dates.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from ..api import Violation, rule
from ..dates import Placeholder, add_years, clear_days_between, real_date, whole_months
from ..hookspecs import hookimpl
from ..model import Annex, Convention, Deliberation, Dossier, Party
from ..names import number_key
from ..packs import Params, builtin_pack
from . import deliberations
from .identifiers import parse_act_id
from .publicity import Fact, enforceable, made_public, transmitted

Path = tuple[Any, ...]

#: An act's chronology, in order: each date may not come before any earlier one
#: (strictly after the convocation, on or after the others).
CHAIN: tuple[tuple[str, Path], ...] = (
    ("convened", ("session", "convened_on")),
    ("session", ("session", "date")),
    ("sent", ("transmission", "sent_on")),
    ("received", ("transmission", "received_on")),
)
#: Dates that only have to come on or after the session: the extract may be certified
#: ("pour extrait conforme") after its transmission, and published before it.
AFTER_SESSION: tuple[tuple[str, Path], ...] = (
    ("certified", ("certified_on",)),
    ("published", ("transmission", "published_on")),
    ("posted", ("transmission", "posted_on")),
)
#: Every date of a deliberation, with the DAT003 message key of a placeholder found there.
DELIBERATION_DATES: tuple[tuple[Path, str], ...] = (
    (("session", "date"), "session"),
    (("session", "convened_on"), "convened"),
    (("certified_on",), "certified"),
    (("transmission", "sent_on"), "transmission"),
    (("transmission", "received_on"), "transmission"),
    (("transmission", "published_on"), "transmission"),
    (("transmission", "posted_on"), "transmission"),
    (("transmission", "executory_on"), "executory"),
    (("approves", "period", "start"), "period"),
    (("approves", "period", "end"), "period"),
)


def _get(obj: Any, attrs: Path) -> Any:
    """The value at ``attrs`` under ``obj``, None as soon as a step is absent."""
    for attr in attrs:
        obj = getattr(obj, attr, None)
        if obj is None:
            return None
    return obj


def _shown(value: Any) -> Any:
    """A date argument that may be absent: the engine words dates and placeholders, not None."""
    return "—" if value is None else value


def _number(value: int, lang: str) -> str:
    """3 500 in French (narrow no-break space), 3,500 in English."""
    return f"{value:,}".replace(",", "\u202f" if lang == "fr" else ",")


def party_label_in(party: Party | None, lang: str, fallback: str | None = None) -> str:
    # A French short name reads in a French sentence ("de la commune de Chanac"), not in English.
    if party is None:
        return fallback or "?"
    if lang == "fr":
        return party.short_name or party.name or party.id
    return party.name or party.short_name or party.id


class Acts:
    """Links, built once per dossier, between parties, their deliberations and the annexes and
    visas that cite them (what DAT006 and DAT008 compare)."""

    def __init__(self, dossier: Dossier) -> None:
        self.by_number: dict[str, tuple[int, Deliberation]] = {}
        for i, d in deliberations(dossier):
            if d.number:
                self.by_number.setdefault(number_key(d.number), (i, d))
        convention = dossier.convention
        self.parties: dict[str, Party] = {p.id: p for p in convention.parties} if convention else {}
        self.annexes: dict[str, tuple[int, Annex]] = {}
        self.party_annexes: dict[str, list[tuple[int, Annex]]] = {}
        self.visa_dates: dict[str, date] = {}
        if convention:
            for k, annex in enumerate(convention.annexes):
                self.annexes.setdefault(annex.id, (k, annex))
                if annex.kind == "deliberation" and annex.party:
                    self.party_annexes.setdefault(annex.party, []).append((k, annex))
            for visa in convention.visas:
                when = real_date(visa.date)
                if visa.annex and when:
                    self.visa_dates.setdefault(visa.annex, when)

    def deliberation_of(self, party_id: str | None) -> tuple[int, Deliberation] | None:
        """The party's approving deliberation when the dossier holds it (``party.deliberation``)."""
        party = self.parties.get(party_id) if party_id else None
        if party is None or not party.deliberation:
            return None
        return self.by_number.get(number_key(party.deliberation))

    def annex_of(self, party_id: str | None) -> tuple[int, Annex] | None:
        """The party's deliberation annex, when it has exactly one."""
        found = self.party_annexes.get(party_id or "", [])
        return found[0] if len(found) == 1 else None


# --- DAT001 ----------------------------------------------------------------------------------


@rule("DAT001")
def chronology(dossier: Dossier) -> Iterator[Violation]:
    """Convocation, session, certification, transmission, publicity and enforceability out of order."""
    for i, d in deliberations(dossier):
        known: list[tuple[str, date]] = []
        for name, attrs in CHAIN:
            value = real_date(_get(d, attrs))
            if value is None:
                continue
            found = _first_contradicted(value, known)
            if found is not None:
                yield _out_of_order(i, d, name, attrs, value, found)
            known.append((name, value))
        session = [(n, v) for n, v in known if n == "session"]
        # before the session, else (no session date) no later than the convocation day
        before = [(n, v) for n, v in known if n in ("convened", "session")]
        for name, attrs in AFTER_SESSION:
            value = real_date(_get(d, attrs))
            found = _first_contradicted(value, before) if value else None
            if value and found is not None:
                yield _out_of_order(i, d, name, attrs, value, found)
        executory = real_date(_get(d, ("transmission", "executory_on")))
        if executory is not None:
            # enforceable once transmitted and made public (L2131-1 I): the later of the two
            needed = [f for f in (transmitted(d), made_public(d)) if f is not None and executory < f.on]
            needed += [] if needed else [Fact(n, v) for n, v in session if executory < v]
            if needed:
                latest = max(needed, key=lambda f: f.on)
                path = ("transmission", "executory_on")
                yield _out_of_order(i, d, "executory", path, executory, (latest.what, latest.on))


def _first_contradicted(value: date, known: list[tuple[str, date]]) -> tuple[str, date] | None:
    """The nearest earlier date ``value`` comes before (or on the day of the convocation)."""
    for earlier_name, earlier in reversed(known):
        if value < earlier or (earlier_name == "convened" and value == earlier):
            return earlier_name, earlier
    return None


def _out_of_order(
    i: int, d: Deliberation, name: str, attrs: Path, value: date, earlier: tuple[str, date]
) -> Violation:
    # one finding per date, against the nearest date it contradicts
    return Violation(
        ("deliberations", i, *attrs),
        key=f"{name}_{earlier[0]}",
        args={"date": value, "other": earlier[1], "number": d.number or "?"},
    )


# --- DAT002 ----------------------------------------------------------------------------------


@rule("DAT002")
def act_id_date(dossier: Dossier) -> Iterator[Violation]:
    """The date inside the @CTES identifier is not the session date."""
    for i, d in deliberations(dossier):
        act = parse_act_id(_get(d, ("transmission", "act_id")))
        session = real_date(_get(d, ("session", "date")))
        if act and act.date and session and act.date != session:
            yield Violation(
                ("deliberations", i, "transmission", "act_id"),
                args={"act_id": d.transmission.act_id, "id_date": act.date, "session": session},  # type: ignore[union-attr]
            )


# --- DAT003 ----------------------------------------------------------------------------------


@rule("DAT003")
def unfilled_dates(dossier: Dossier) -> Iterator[Violation]:
    """Placeholders ("XX", "…", blank) left in dates, and dates the dossier needs but lacks."""
    for i, d in deliberations(dossier):
        for attrs, key in DELIBERATION_DATES:
            value = _get(d, attrs)
            if isinstance(value, Placeholder):
                yield Violation(
                    ("deliberations", i, *attrs), key=key, args={"value": value, "number": d.number or "?"}
                )
    convention = dossier.convention
    if convention is None:
        return
    yield from _unfilled_convention_dates(convention)


def _unfilled_convention_dates(convention: Convention) -> Iterator[Violation]:
    for bound in ("start", "end"):
        value = _get(convention, ("period", bound))
        if isinstance(value, Placeholder):
            yield Violation(("convention", "period", bound), key="period", args={"value": value})
    for k, visa in enumerate(convention.visas):
        args = {"value": visa.date, "annex": visa.annex or "—", "party": visa.party or "—"}
        if isinstance(visa.date, Placeholder):
            yield Violation(("convention", "visas", k, "date"), key="visa", args=args)
        elif visa.date is None and (visa.annex or visa.party):
            # A visa citing an act must date it; a visa of a code ("Vu le CGCT") needs none.
            yield Violation(("convention", "visas", k), key="visa_missing", args=args)
    for k, annex in enumerate(convention.annexes):
        args = {"value": annex.date, "annex": annex.id}
        if isinstance(annex.date, Placeholder):
            # A diagnostic or an action plan needs no date: a hole there is only a warning.
            severity = None if annex.kind == "deliberation" else "warning"
            yield Violation(("convention", "annexes", k, "date"), key="annex", args=args, severity=severity)
        elif annex.date is None and annex.kind == "deliberation":
            yield Violation(("convention", "annexes", k), key="annex_missing", args=args)
    signature = convention.signature
    if signature is None:
        return
    final = convention.status == "final"
    if isinstance(signature.date, Placeholder):
        # A draft's own signature date is filled in on the day it is signed: a reminder only.
        yield Violation(
            ("convention", "signature", "date"),
            key="signature" if final else "signature_draft",
            args={"value": signature.date},
            severity=None if final else "warning",
        )
    elif signature.date is None and final:
        yield Violation(("convention", "signature"), key="signature_missing")


# --- DAT004 ----------------------------------------------------------------------------------


@rule("DAT004")
def period_bounds(dossier: Dossier, params: Params) -> Iterator[Violation]:
    """A period ending on or before its start (error), a duration outside the profile's bounds."""
    for i, d in deliberations(dossier):
        start, end = (real_date(_get(d, ("approves", "period", b))) for b in ("start", "end"))
        if start and end and end <= start:
            yield Violation(
                ("deliberations", i, "approves", "period", "end"),
                key="order_approves",
                args={"start": start, "end": end, "number": d.number or "?"},
            )
    convention = dossier.convention
    start, end = (real_date(_get(convention, ("period", b))) for b in ("start", "end"))
    if not (start and end):
        return
    path = ("convention", "period", "end")
    if end <= start:
        yield Violation(path, key="order_convention", args={"start": start, "end": end})
        return
    # Periods are inclusive: 01/01/2024 to 31/12/2028 is exactly five years.
    after = end + timedelta(days=1)
    low, high = params["min_years"], params["max_years"]
    args = {"start": start, "end": end, "months": whole_months(start, after), "min": low, "max": high}
    if low is not None and after < add_years(start, low):
        yield Violation(path, key="too_short", severity="warning", args=args)
    elif high is not None and after > add_years(start, high):
        yield Violation(path, key="too_long", severity="warning", args=args)


# --- DAT005 ----------------------------------------------------------------------------------


@rule("DAT005")
def approved_period(dossier: Dossier) -> Iterator[Violation]:
    """The period a deliberation approves is not the convention's."""
    convention = dossier.convention
    if convention is None or convention.period is None:
        return
    period = convention.period
    for _, d in deliberations(dossier):
        approved = _get(d, ("approves", "period"))
        if approved is None:
            continue
        differs = any(
            real_date(getattr(approved, b)) and real_date(getattr(period, b))
            and getattr(approved, b) != getattr(period, b)
            for b in ("start", "end")
        )  # fmt: skip
        if differs:
            yield Violation(
                ("convention", "period"),
                args={
                    "number": d.number or "?",
                    "approved_start": _shown(approved.start),
                    "approved_end": _shown(approved.end),
                    "start": _shown(period.start),
                    "end": _shown(period.end),
                },
            )


# --- DAT006 ----------------------------------------------------------------------------------


@rule("DAT006")
def signed_before_approval(dossier: Dossier, lang: str) -> Iterator[Violation]:
    """The convention is signed before a party's deliberation is enforceable (or was even taken)."""
    convention = dossier.convention
    signed = real_date(_get(convention, ("signature", "date")))
    if convention is None or signed is None:
        return
    acts = Acts(dossier)
    path = ("convention", "signature", "date")
    for party in convention.parties:
        found = too_early(acts, party.id, signed, party_label_in(party, lang))
        if found is not None:
            key, args = found
            yield Violation(path, key=key, args=args)


def too_early(
    acts: Acts, party_id: str | None, signed: date, label: str
) -> tuple[str, dict[str, Any]] | None:
    """Why a signature dated ``signed`` for this party comes too early, as a message key and its
    arguments: before its deliberation's session, before the act was enforceable (certified
    executory, else transmitted and made public: L2131-1), or before the date of its annex."""
    args: dict[str, Any] = {"signed": signed, "party": label}
    found = acts.deliberation_of(party_id)
    if found is not None:
        d = found[1]
        session = real_date(_get(d, ("session", "date")))
        args.update(number=d.number or "?", session=session)
        if session and signed < session:
            return "before_session", args
        since = enforceable(d)
        if since and signed < since.on:
            return f"before_{since.what}", {**args, "since": since.on}
        if session or since:
            return None
    annex = acts.annex_of(party_id)
    approved = real_date(annex[1].date) if annex else None
    if annex and approved and signed < approved:
        return "before_annex", {**args, "annex": annex[1].id, "session": approved}
    return None


# --- DAT007 ----------------------------------------------------------------------------------


def _required_delay(d: Deliberation, params: Params, on: date) -> tuple[str, int] | None:
    """The message key and the minimum clear days for this council, None when no rule applies."""
    if d.session and d.session.second_convocation:
        return "second_convocation", params.at("second_convocation_days", on)
    kind = d.body.kind if d.body else None
    if kind in ("epci", "syndicat"):  # syndicats are EPCI too (L5211-1)
        return "epci", params.at("epci_days", on)
    if kind != "commune":
        return None
    population = d.body.population if d.body else None
    if population is None:
        # Unknown population: the smaller delay, so that no commune is flagged wrongly.
        return "commune_unknown_population", params.at("small_commune_days", on)
    if population < params.at("population_threshold", on):
        return "small_commune", params.at("small_commune_days", on)
    return "large_commune", params.at("large_commune_days", on)


def _shortened(
    d: Deliberation, key: str, clear: int, params: Params, on: date
) -> tuple[str, str | None] | None:
    """How to report a delay shorter than the rule (message key, severity; None: the pack's
    warning), or None when the act shows it lawful.

    Less than one clear day is an error even in urgency; urgency invoked (``session.urgency``)
    allows one clear day once the council has ruled on it (``urgency_confirmed``), a warning when
    the act does not say so; urgency denied (``urgency: false``) leaves only the first meeting of
    a municipal council after its election (L2121-7) as an excuse; unknown, a warning.
    """
    session = d.session
    if clear < params.at("urgency_days", on):
        return "below_urgency", "error"
    urgency = session.urgency if session else None
    if urgency:
        return None if session and session.urgency_confirmed else ("urgency_unconfirmed", "warning")
    if urgency is None:
        return key, None
    first_meeting = key in ("large_commune", "commune_unknown_population")
    return key, None if first_meeting and clear >= params.at("first_meeting_days", on) else "error"


@rule("DAT007")
def convocation_delay(dossier: Dossier, params: Params, lang: str) -> Iterator[Violation]:
    """Fewer clear days (jours francs) between convocation and session than the law requires."""
    for i, d in deliberations(dossier):
        convened = real_date(_get(d, ("session", "convened_on")))
        session = real_date(_get(d, ("session", "date")))
        if convened is None or session is None or convened >= session:
            continue  # missing, or out of order (DAT001)
        required = _required_delay(d, params, session)
        clear = clear_days_between(convened, session)
        if required is None or clear >= required[1]:
            continue
        found = _shortened(d, required[0], clear, params, session)
        if found is None:
            continue
        yield Violation(
            ("deliberations", i, "session", "convened_on"),
            key=found[0],
            severity=found[1],  # type: ignore[arg-type]
            args={
                "convened": convened,
                "session": session,
                "clear": clear,
                "required": required[1],
                "threshold": _number(params.at("population_threshold", session), lang),
                "population": d.body.population if d.body else None,
                "reference": params.reference("epci_days", session) or "",
            },
        )


# --- DAT008 ----------------------------------------------------------------------------------


def _against(
    path: Path, value: Any, expected: date | None, what: str, source: str, args: Mapping[str, Any]
) -> Iterator[Violation]:
    """A date of an annex or visa compared with the same act's date found elsewhere."""
    if expected is None or value is None:
        return
    if isinstance(value, Placeholder):
        yield Violation(
            path, key=f"{what}_fill_{source}", args={**args, "value": value, "expected": expected}
        )
    elif value != expected:
        yield Violation(path, key=f"{what}_{source}", args={**args, "value": value, "expected": expected})


@rule("DAT008")
def act_dates_agree(dossier: Dossier, lang: str) -> Iterator[Violation]:
    """An annex or visa dates an act differently from the rest of the dossier (or leaves a
    placeholder the dossier can fill)."""
    convention = dossier.convention
    if convention is None:
        return
    acts = Acts(dossier)
    for k, annex in enumerate(convention.annexes):
        if annex.kind != "deliberation":
            continue
        path = ("convention", "annexes", k, "date")
        args = {
            "annex": annex.id,
            "party": party_label_in(acts.parties.get(annex.party or ""), lang, annex.party),
        }
        found = acts.deliberation_of(annex.party)
        session = real_date(_get(found[1], ("session", "date"))) if found else None
        if found and session:
            yield from _against(
                path, annex.date, session, "annex", "deliberation", {**args, "number": found[1].number}
            )
        elif isinstance(annex.date, Placeholder):
            yield from _against(path, annex.date, acts.visa_dates.get(annex.id), "annex", "visa", args)
    for k, visa in enumerate(convention.visas):
        if visa.date is None:
            continue
        path = ("convention", "visas", k, "date")
        cited = acts.annexes.get(visa.annex) if visa.annex else None
        if cited is None and visa.annex is None:
            cited = acts.annex_of(visa.party)
        annex = cited[1] if cited else None
        party = visa.party or (annex.party if annex else None)
        args = {
            "annex": annex.id if annex else "—",
            "party": party_label_in(acts.parties.get(party or ""), lang, party),
        }
        # The deliberation itself, when the dossier holds it, is the best witness of its date.
        found = acts.deliberation_of(party) if annex is None or annex.kind == "deliberation" else None
        session = real_date(_get(found[1], ("session", "date"))) if found else None
        if found and session:
            yield from _against(
                path, visa.date, session, "visa", "deliberation", {**args, "number": found[1].number}
            )
        elif annex is not None:
            yield from _against(path, visa.date, real_date(annex.date), "visa", "annex", args)


@hookimpl
def ctg_rules_packs() -> list[Any]:
    return [builtin_pack("dates.yaml")]


@hookimpl
def ctg_rules_rules() -> list[Any]:
    return [
        chronology,
        act_id_date,
        unfilled_dates,
        period_bounds,
        approved_period,
        signed_before_approval,
        convocation_delay,
        act_dates_agree,
    ]
