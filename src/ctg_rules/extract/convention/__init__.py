"""The convention a deliberation approves: title, parties ("Entre : ... représentée par ...
ci-après dénommée"), "Vu ..." lines, the list of annexes, articles, steering committee,
"Fait à ..., En N exemplaires" and the signature blocks, however the columns came out.

One module per part (:mod:`.parties`, :mod:`.sections`, :mod:`.signature`); the words they look
for are data in :mod:`.lexicon`.
"""

from __future__ import annotations

from ..positions import Extraction, Source
from ..words import OrgMatcher
from . import lexicon
from .parties import PartiesReader
from .sections import SectionsReader
from .signature import SignatureReader

__all__ = ["ConventionReader", "convention_start", "lexicon"]

#: how far before "Entre :" the title is looked for
_TITLE_REACH = 3000


class ConventionReader(PartiesReader, SectionsReader, SignatureReader):
    """Reads the convention held in ``src.text[start:end]`` into ``convention``."""

    def __init__(self, src: Source, out: Extraction, start: int, end: int) -> None:
        super().__init__(src, out, start, end)

    def read(self) -> None:
        entre = lexicon.ENTRE.search(self.p, self.start, self.end)
        self.title(entre.start() if entre else min(self.end, self.start + _TITLE_REACH))
        self.status()
        parties_end = self.parties()
        self.matcher = OrgMatcher(self.out.get(("convention", "parties"), []))
        self.annexes()
        signature_at = self.signature_start()
        first_article = self.articles(parties_end, signature_at)
        self.visas(parties_end, first_article)
        self.period()
        self.governance()
        self.signature(signature_at)


def convention_start(src: Source) -> int | None:
    """Where a convention starts in a document: its title before "Entre :" (or "Entre :" itself);
    without "Entre", a title followed by a table of parties or by two parties "représentée par
    son Président" (a deliberation's proxies, "représenté par M. X", are no parties)."""
    entre = lexicon.ENTRE.search(src.plain)
    inline = lexicon.ENTRE_INLINE.search(src.text)
    if inline is not None and (entre is None or inline.start() < entre.start()):
        entre = inline
    if entre is None:
        return _untitled_parties(src)
    start = entre.start()
    for m in lexicon.TITLE.finditer(src.plain, max(0, entre.start() - _TITLE_REACH), entre.start()):
        start = m.start()  # the last title before "Entre :"
    return start


def _untitled_parties(src: Source) -> int | None:
    for m in lexicon.TITLE.finditer(src.plain):
        window = src.plain[m.end() : m.end() + _TITLE_REACH]
        if len(lexicon.PARTY_REPRESENTED.findall(window)) >= 2 or lexicon.table_header(window):
            return m.start()
    return None
