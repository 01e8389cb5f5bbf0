"""The convention a deliberation approves: title, parties ("Entre : ... représentée par ...
ci-après dénommée"), "Vu ..." lines, the list of annexes, articles, steering committee,
"Fait à ..., En N exemplaires" and the signature blocks, however the columns came out.

One module per part (:mod:`.parties`, :mod:`.sections`, :mod:`.signature`); the words they look
for are data in :mod:`.lexicon`.
"""

from __future__ import annotations

from typing import Any

from .. import scan
from ..positions import Source
from . import lexicon

__all__ = ["ConventionReader", "convention_start", "lexicon"]


def __getattr__(name: str) -> Any:
    """The reader and its parts (:mod:`.reader`) load when a document holds a convention: finding
    where one starts needs only the lexicon."""
    if name == "ConventionReader":
        from .reader import ConventionReader

        return ConventionReader
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def convention_start(src: Source) -> int | None:
    """Where a convention starts in a document: its title before "Entre :" (or "Entre :" itself);
    without "Entre", a title followed by a table of parties or by two parties "représentée par
    son Président" (a deliberation's proxies, "représenté par M. X", are no parties)."""
    # tried where "entre" starts a line and where "ENTRE" is printed: every deliberation comes by here
    entre = scan.search(lexicon.ENTRE, src.plain)
    inline = scan.search(lexicon.ENTRE_INLINE, src.text)
    if inline is not None and (entre is None or inline.start() < entre.start()):
        entre = inline
    if entre is None:
        return _untitled_parties(src)
    start = entre.start()
    for m in lexicon.TITLE.finditer(src.plain, max(0, entre.start() - lexicon.TITLE_REACH), entre.start()):
        start = m.start()  # the last title before "Entre :"
    return start


def _untitled_parties(src: Source) -> int | None:
    for m in lexicon.TITLE.finditer(src.plain):
        window = src.plain[m.end() : m.end() + lexicon.TITLE_REACH]
        if len(lexicon.PARTY_REPRESENTED.findall(window)) >= 2 or lexicon.table_header(window):
            return m.start()
    return None
