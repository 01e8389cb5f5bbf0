"""The convention reader: its parts (:mod:`.parties`, :mod:`.sections`, :mod:`.signature`) in the
order a convention prints them."""

from __future__ import annotations

from .. import scan
from ..positions import Extraction, Source
from ..words import OrgMatcher
from . import lexicon
from .parties import PartiesReader
from .sections import SectionsReader
from .signature import SignatureReader


class ConventionReader(PartiesReader, SectionsReader, SignatureReader):
    """Reads the convention held in ``src.text[start:end]`` into ``convention``."""

    def __init__(self, src: Source, out: Extraction, start: int, end: int) -> None:
        super().__init__(src, out, start, end)

    def read(self) -> None:
        entre = scan.search(lexicon.ENTRE, self.p, self.start, self.end)
        self.title(entre.start() if entre else min(self.end, self.start + lexicon.TITLE_REACH))
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
