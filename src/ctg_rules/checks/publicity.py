"""When a deliberation becomes enforceable: transmitted to the prefecture and made public
(CGCT L2131-1, L2131-2), under the rules of publicity in force on its date.

Since 1 July 2022 (ordonnance n° 2021-1310) publication is electronic by default; posting
("affiché le") makes an act public only for a commune under 3,500 inhabitants or a syndicat,
which may choose it (L2131-1 IV, L5211-3). Before, publication and posting were equivalent.
DAT001, DAT006 and SIG007 read these facts from here; PUB001 reports an act only posted where
posting no longer counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..api import Violation, rule
from ..dates import real_date
from ..hookspecs import hookimpl
from ..model import Deliberation, Dossier
from ..packs import builtin_pack
from . import deliberations

#: The reform of publicity (ordonnance n° 2021-1310, décret n° 2021-1311) applies from this day.
REFORM = date(2022, 7, 1)
#: Below this population a commune may choose posting instead of electronic publication.
POSTING_POPULATION = 3500


@dataclass(frozen=True, slots=True)
class Fact:
    """A dated fact of an act's life: what it is ("received", "published"...) and when."""

    what: str
    on: date


def session_or_posting(d: Deliberation) -> date | None:
    """The date that decides which rules of publicity apply: the session, else the posting."""
    session = real_date(d.session.date) if d.session else None
    return session or real_date(d.transmission.posted_on if d.transmission else None)


def posting_counts(d: Deliberation) -> bool:
    """Whether posting makes this act public: always before 1 July 2022; since then only for a
    commune under 3,500 inhabitants or a syndicat (an unknown body or population: yes, the
    lenient reading)."""
    on = session_or_posting(d)
    return on is None or on < REFORM or not _electronic_only(d)


def _electronic_only(d: Deliberation) -> bool:
    """The body must publish electronically since the reform: an EPCI à fiscalité propre, a
    département, a région, a commune of 3,500 inhabitants or more (L2131-1 III)."""
    body = d.body
    kind = body.kind if body else None
    if kind in ("epci", "departement", "region"):
        return True
    return kind == "commune" and body is not None and (body.population or 0) >= POSTING_POPULATION


def transmitted(d: Deliberation) -> Fact | None:
    """Receipt by the prefecture, else the sending (receipt cannot come earlier)."""
    t = d.transmission
    if t is None:
        return None
    received, sent = real_date(t.received_on), real_date(t.sent_on)
    if received:
        return Fact("received", received)
    return Fact("sent", sent) if sent else None


def made_public(d: Deliberation) -> Fact | None:
    """The first lawful publicity: electronic publication, or posting where posting counts."""
    t = d.transmission
    if t is None:
        return None
    found = [Fact("published", p) for p in (real_date(t.published_on),) if p]
    posted = real_date(t.posted_on)
    if posted and posting_counts(d):
        found.append(Fact("posted", posted))
    return min(found, key=lambda f: f.on) if found else None


def enforceable(d: Deliberation) -> Fact | None:
    """When the act became enforceable: the date it was certified so ("executory"), else the later
    of its transmission and its publicity that the dossier gives (a lower bound when one lacks)."""
    executory = real_date(d.transmission.executory_on if d.transmission else None)
    if executory:
        return Fact("executory", executory)
    known = [f for f in (transmitted(d), made_public(d)) if f is not None]
    return max(known, key=lambda f: f.on) if known else None


@rule("PUB001")
def posted_not_published(dossier: Dossier) -> Iterator[Violation]:
    """Since 1 July 2022, an act of a body that must publish electronically is only posted."""
    for i, d in deliberations(dossier):
        t = d.transmission
        session = real_date(d.session.date) if d.session else None
        if t is None or t.posted_on is None or t.published_on is not None or session is None:
            continue
        if session >= REFORM and _electronic_only(d):
            body = d.body
            args = {
                "number": d.number or "?",
                "posted": t.posted_on,
                "kind": body.kind if body else "—",
                "population": body.population if body and body.population is not None else "—",
            }
            key = "commune" if body and body.kind == "commune" else "default"
            yield Violation(("deliberations", i, "transmission", "posted_on"), key=key, args=args)


@hookimpl
def ctg_rules_packs() -> list[Any]:
    return [builtin_pack("publicity.yaml")]


@hookimpl
def ctg_rules_rules() -> list[Any]:
    return [posted_not_published]
