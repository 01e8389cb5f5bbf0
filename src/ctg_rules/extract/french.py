"""The built-in extractor: French deliberation extracts and the conventions they approve.

The document is cut in two: the deliberation (from its header to the convention, or to the end)
and the convention (from its title or its "Entre :" block). Each part has its reader
(:mod:`.deliberation`, :mod:`.convention`); this module links them and lists what was not found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .. import regex
from ..names import fold
from .convention import convention_start
from .deliberation import DeliberationReader
from .deliberation.lexicon import stamp_line
from .positions import Extraction, Path, Source

_DELIBERATION = regex.compile(
    r"extrait\s+du\s+(?:registre|proces-verbal)|registre\s+des\s+deliberations|proces-verbal|compte[\s-]rendu|"
    r"\bseance\s+(?:publique\s+|ordinaire\s+)?du\b|\bs'est\s+reunie?s?\b|\bdeliberation\s+n[°o]"
)
# minutes without the usual heading: a council named and an attendance list printed
_COUNCIL = regex.compile(
    r"\b(?:conseil\s+(?:municipal|communautaire|syndical|d'administration|de\s+communaute)|comite\s+syndical"
    r"|bureau\s+communautaire|assemblee\s+generale)\b"
)
_ATTENDANCE = regex.compile(r"(?:^[ \t+\-•*]*|\b(?:etaient|sont)\s+|(?:[.;]|\d{4})\s+)presents?\s*:", re.M)
_DELIBERATION_HEADER = regex.compile(r"extrait\s+du\s+registre\s+des\s+deliberations")

#: What a deliberation extract normally prints, with the words used to say it was not found.
DELIBERATION_FIELDS: tuple[tuple[Path, str, str], ...] = (
    (("number",), "numéro de l'acte", "act number"),
    (("subject",), "objet", "subject"),
    (("body", "name"), "nom de la collectivité", "name of the body"),
    (("session", "date"), "date de la séance", "session date"),
    (("session", "time"), "heure de la séance", "session time"),
    (("session", "place"), "lieu de la séance", "session place"),
    (("session", "convened_on"), "date de convocation", "convocation date"),
    (("session", "president"), "président de séance", "chair"),
    (("session", "secretary"), "secrétaire de séance", "secretary"),
    (("members_in_office",), "membres en exercice", "members in office"),
    (("declared", "present"), "nombre de présents", "number present"),
    (("declared", "voters"), "nombre de votants", "number of voters"),
    (("present",), "liste des présents", "list of members present"),
    (("absent",), "liste des absents et pouvoirs", "list of absent members and proxies"),
    (("vote",), "résultat du vote", "vote result"),
    (("decision",), "décision (adoptée ou rejetée)", "decision (adopted or rejected)"),
    (("certified_on",), "date de certification", "certification date"),
    (("transmission", "sent_on"), "date d'envoi en préfecture", "date sent to the prefecture"),
    (("transmission", "received_on"), "date de réception en préfecture", "date received by the prefecture"),
    (("transmission", "published_on"), "date de publication", "publication date"),
    (("transmission", "act_id"), "identifiant @CTES (ID : ...-DE)", "@CTES act id"),
)
CONVENTION_FIELDS: tuple[tuple[Path, str, str], ...] = (
    (("title",), "titre", "title"),
    (("period",), "période (du ... au ...)", "period"),
    (("parties",), "parties (Entre : ...)", "parties"),
    (("visas",), "visas (Vu ...)", "visas"),
    (("annexes",), "liste des annexes", "list of annexes"),
    (("articles",), "articles", "articles"),
    (("governance", "steering_committee"), "composition du comité de pilotage", "steering committee"),
    (("signature", "place"), "lieu de signature (Fait à ...)", "place of signature"),
    (("signature", "date"), "date de signature", "date of signature"),
    (("signature", "originals"), "nombre d'exemplaires", "number of originals"),
    (("signature", "blocks"), "blocs de signature", "signature blocks"),
)


def extract(
    text: str,
    pages: Sequence[str] | None = None,
    *,
    name: str | None = None,
    paged: bool | None = None,
    lexicon: Any = None,
) -> Extraction:
    """Build a dossier from a French document's text (``pages``: each page's text, when it has pages)."""
    src = Source(text, pages, paged=paged, read_once=stamp_line)
    out = Extraction(source_name=name, pages=len(pages) if pages else None)
    out.lines = {
        (page if src.paged else None, n): line for (page, n), line in zip(src.origin, src.lines, strict=True)
    }
    delib, conv = _parts(src)
    n = 0
    if delib is not None:
        reader = DeliberationReader(src, out, *delib)
        if lexicon is not None:  # label words a plugin added (ctg_rules_label_variants)
            reader.lexicon = lexicon
        n = reader.read(0)
    if conv is not None:
        from .convention.reader import ConventionReader  # its modules load for conventions only

        ConventionReader(src, out, *conv).read()
        if not out.get(("convention",)):
            out.data.pop("convention", None)
    _link(out)
    _missing(out, n)
    return out


def _parts(src: Source) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    end = len(src.text)
    conv_start = convention_start(src)
    if conv_start is None:
        delib = (0, end) if _DELIBERATION.search(src.plain) or _minutes(src.plain) else None
        return delib, None
    header = _DELIBERATION_HEADER.search(src.plain, conv_start)
    if header is not None:  # the convention first, the deliberation after it
        return (src.line_span(src.line_of(header.start()))[0], end), (conv_start, header.start())
    delib = (0, conv_start) if _DELIBERATION.search(src.plain, 0, conv_start) else None
    return delib, (conv_start, end)


def _minutes(plain: str) -> bool:
    """Minutes titled only "CR du conseil municipal ...": a council named, then who was present."""
    council = _COUNCIL.search(plain)
    return council is not None and _ATTENDANCE.search(plain, council.end()) is not None


def _link(out: Extraction) -> None:
    """A party is the body of a deliberation of the dossier: its ``deliberation`` is that act's number."""
    parties = out.get(("convention", "parties")) or []
    for i, d in enumerate(out.get(("deliberations",)) or []):
        body = fold((d.get("body") or {}).get("name") or "")
        number = d.get("number")
        if not body or not number:
            continue
        for j, party in enumerate(parties):
            if fold(party.get("name") or "") == body and "deliberation" not in party:
                out.put(
                    ("convention", "parties", j, "deliberation"),
                    number,
                    out.sources.get(("deliberations", i, "number")),
                )
                siren = (d.get("body") or {}).get("siren")
                if siren and "siren" not in party:  # the act id printed on the deliberation names it
                    out.put(
                        ("convention", "parties", j, "siren"),
                        siren,
                        out.sources.get(("deliberations", i, "body", "siren")),
                    )


def _missing(out: Extraction, deliberations: int) -> None:
    for i in range(deliberations):
        base: Path = ("deliberations", i)
        for path, _, _ in DELIBERATION_FIELDS:
            if out.get((*base, *path)) is None:
                out.missing.append((*base, *path))  # type: ignore[arg-type]
    if deliberations == 0:
        out.missing.append(("deliberations",))  # type: ignore[arg-type]
    if out.get(("convention",)):
        for path, _, _ in CONVENTION_FIELDS:
            if not out.get(("convention", *path)):
                out.missing.append(("convention", *path))  # type: ignore[arg-type]


def field_label(path: Path, lang: str = "fr") -> str:
    """What a missing path means, in words."""
    tail = tuple(p for p in path if not isinstance(p, int))[1:]
    for fields in (DELIBERATION_FIELDS, CONVENTION_FIELDS):
        for known, fr, en in fields:
            if known == tail:
                return fr if lang == "fr" else en
    if path == ("deliberations",):
        return "aucune délibération" if lang == "fr" else "no deliberation"
    return ".".join(str(p) for p in path)


regex.save()  # the readers' expressions, for the next process (a --jobs worker has no exit handlers)
