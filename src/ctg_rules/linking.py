"""Which party of the convention each deliberation of a dossier approves for, and why.

A deliberation is linked to a party by its act number (``party.deliberation``), by SIREN (the
body's, or the one in its @CTES act id), by the body's name through the one organisation
resolver (:class:`ctg_rules.names.OrganisationResolver`), and, when none of those says, by the
annex or the visa that cites an act of that party on the session's date. The strong ways are
taken together: two of them naming two parties is a contradiction, reported by ANX009 as a
deliberation linked to two parties.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .model import Dossier, Party
from .names import OrganisationResolver, number_key

__all__ = ["Link", "Reason", "links"]


@dataclass(frozen=True)
class Reason:
    """One way a deliberation was linked: ``kind`` is number, siren, name, annex or visa."""

    kind: str
    value: str

    def render(self, lang: str = "fr") -> str:
        if self.kind == "siren":
            return f"SIREN {self.value}"
        if self.kind == "name":
            return f"nom « {self.value} »" if lang == "fr" else f'name "{self.value}"'
        if self.kind == "number":
            return f"n° {self.value}" if lang == "fr" else f"no. {self.value}"
        word = {"annex": ("annexe", "annex"), "visa": ("visa", "visa")}[self.kind]
        return f"{word[0] if lang == 'fr' else word[1]} {self.value}"


@dataclass
class Link:
    """A deliberation (its index) and the parties it links to (indexes), each with its reasons."""

    deliberation: int
    parties: dict[int, list[Reason]] = field(default_factory=dict)

    @property
    def party(self) -> int | None:
        """The one party, or None (no party, or two)."""
        return next(iter(self.parties)) if len(self.parties) == 1 else None


def links(dossier: Dossier) -> list[Link]:
    """One link per deliberation (empty when the dossier has no convention with parties)."""
    convention = dossier.convention
    if convention is None or not convention.parties:
        return [Link(i) for i in range(len(dossier.deliberations))]
    parties = convention.parties
    names = OrganisationResolver([p.name, p.short_name] for p in parties)
    out = []
    for i, d in enumerate(dossier.deliberations):
        link = Link(i)
        _strong(link, d, parties, names)
        if not link.parties:
            _cited(link, d, dossier)
        out.append(link)
    return out


def _add(link: Link, party: int, reason: Reason) -> None:
    link.parties.setdefault(party, []).append(reason)


def _strong(link: Link, d: object, parties: list[Party], names: OrganisationResolver) -> None:
    number = getattr(d, "number", None)
    body = getattr(d, "body", None)
    sirens = {s for s in (body.siren if body else None, _act_siren(d)) if s}
    for j, party in enumerate(parties):
        if number and party.deliberation and number_key(party.deliberation) == number_key(number):
            _add(link, j, Reason("number", number))
        if party.siren and party.siren in sirens:
            _add(link, j, Reason("siren", party.siren))
    if body is not None and body.name:
        found = names.resolve(body.name)
        if found.index is not None and found.status in ("exact", "approximate"):
            _add(link, found.index, Reason("name", body.name))


def _act_siren(d: object) -> str | None:
    """The SIREN field of an @CTES act id ("048-214800997-20240314-2024_015-DE")."""
    transmission = getattr(d, "transmission", None)
    act = transmission.act_id if transmission else None
    parts = (act or "").split("-")
    return parts[1] if len(parts) >= 5 and parts[1].isdigit() and len(parts[1]) == 9 else None


def _cited(link: Link, d: object, dossier: Dossier) -> None:
    """An annex or a visa dating a party's act on this session's date."""
    session = getattr(d, "session", None)
    when = session.date if session else None
    convention = dossier.convention
    if not isinstance(when, date) or convention is None:
        return
    index = {p.id: j for j, p in enumerate(convention.parties)}
    for annex in convention.annexes:
        if annex.party in index and annex.date == when:
            _add(link, index[annex.party], Reason("annex", annex.id))
    for k, visa in enumerate(convention.visas):
        if visa.party in index and visa.date == when:
            _add(link, index[visa.party], Reason("visa", str(k + 1)))
