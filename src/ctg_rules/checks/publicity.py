"""When a deliberation becomes enforceable: transmitted to the prefecture and made public
(CGCT L2131-1, L2131-2), under the rules of publicity in force on its date.

Since 1 July 2022 (ordonnance n° 2021-1310) publication is electronic by default; posting
("affiché le") makes an act public only for a commune under 3,500 inhabitants or a syndicat,
which may choose it (L2131-1 IV, L5211-3). Before, publication and posting were equivalent.
DAT001, DAT006 and SIG007 read these facts from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..dates import real_date
from ..model import Deliberation

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
    if on is None or on < REFORM:
        return True
    body = d.body
    kind = body.kind if body else None
    if kind in ("epci", "departement", "region"):
        return False
    if kind == "commune" and body is not None and body.population is not None:
        return body.population < POSTING_POPULATION
    return True


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
