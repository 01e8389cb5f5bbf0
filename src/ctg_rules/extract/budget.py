"""What reading one document may cost: time, memory and text, checked as the reader goes.

Every reader calls :meth:`Budget.spend` at its checkpoints (a page, a chunk of XML, a block of
text). Memory is the growth of the process's resident size since the document was opened (read
from ``/proc/self/statm``, else the peak ``getrusage`` gives): it includes what the libraries
(lxml, PDFium) allocate, which Python's own accounting would miss. A limit reached ends the
reading with one sentence that says where and which ``--limit`` to raise.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from .errors import ExtractError, messages

if TYPE_CHECKING:
    from ..loader import Limits

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_TODO = (
    " ; si le document est sûr, relevez la limite : --limit {name}=...",
    "; if the document is safe, raise the limit: --limit {name}=...",
)


#: where reading stopped, in words: " (page 3)", or a function of the language
Where = str | Callable[[str], str]


_UNITS = {"line": ("ligne", "line"), "paragraph": ("paragraphe", "paragraph")}


def at(unit: str, number: int) -> Callable[[str], str]:
    """ " (ligne 1 234)" / " (paragraph 1,234)": where a reader stopped, in the language asked."""
    fr, en = _UNITS[unit]
    return lambda lang: f" ({fr if lang == 'fr' else en} {count(number)(lang)})"


def count(number: int) -> Callable[[str], str]:
    """1 000 000 in French, 1,000,000 in English."""
    return lambda lang: f"{number:,}".replace(",", "\u202f" if lang == "fr" else ",")


def _limit(fr: str, en: str) -> tuple[str, str]:
    return fr + _TODO[0], en + _TODO[1]


class LimitError(ExtractError):
    """A document refused because reading it would cost more than a limit allows."""

    messages = messages(
        {
            "too_slow": _limit(
                "lecture arrêtée{where} : plus de {limit} secondes pour lire ce document",
                "reading stopped{where}: more than {limit} seconds to read this document",
            ),
            "too_much_memory": _limit(
                "lecture arrêtée{where} : ce document demande plus de {limit} Mo de mémoire",
                "reading stopped{where}: this document needs more than {limit} MB of memory",
            ),
            "too_much_text": _limit(
                "lecture arrêtée{where} : plus de {limit} caractères de texte (plusieurs milliers de pages)",
                "reading stopped{where}: more than {limit} characters of text (thousands of pages)",
            ),
            "page_text": _limit(
                "page {page} : plus de {limit} caractères sur une seule page, ce qu'aucune page imprimée ne porte",
                "page {page}: more than {limit} characters on one page, which no printed page holds",
            ),
            "too_many_nodes": _limit(
                "lecture arrêtée{where} : plus de {limit} éléments XML (des milliers de pages, ou un document piégé)",
                "reading stopped{where}: more than {limit} XML elements (thousands of pages, or a booby-trapped document)",
            ),
            "unpacked": _limit(
                "{part} : plus de {limit} octets une fois décompressé (archive piégée ?)",
                "{part}: more than {limit} bytes once unpacked (a zip bomb?)",
            ),
            "ratio": _limit(
                "{part} : se décompresse en plus de {limit} fois sa taille, ce que fait une archive piégée",
                "{part}: unpacks to more than {limit} times its size, as a zip bomb does",
            ),
        }
    )


#: /proc/self/statm opened once per process (pid -> descriptor), read again at each page: opening it
#: each time was a tenth of the reading thread's own work. A forked worker opens its own (the
#: parent's descriptor names the parent)
_STATM: dict[int, int] = {}


def _rss() -> int | None:
    """The process's resident memory in bytes (Linux), else its peak (other systems), else None."""
    try:
        pid = os.getpid()
        if pid not in _STATM:
            _STATM.clear()
            _STATM[pid] = os.open("/proc/self/statm", os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        return int(os.pread(_STATM[pid], 128, 0).split()[1]) * _PAGE
    except (OSError, ValueError, IndexError, AttributeError):  # no /proc, no pread
        pass
    try:
        import resource
        import sys

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024
    except (ImportError, OSError):
        return None


class Budget:
    """The time, memory and text one document may still take (``where()`` says how far it got)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.max_seconds
        self.base = _rss()
        self.text = 0

    def spend(self, where: Where = "") -> None:
        """A checkpoint: raise LimitError once the time or the memory allowed is spent."""
        if time.monotonic() > self.deadline:
            raise LimitError("too_slow", where=where, limit=self.limits.max_seconds, name="max-seconds")
        now = _rss()
        if now is not None and self.base is not None and now - self.base > self.limits.max_memory:
            mb = self.limits.max_memory // (1024 * 1024)
            raise LimitError("too_much_memory", where=where, limit=mb, name="max-memory")

    def pause(self) -> float:
        """The moment a wait begins (for :meth:`resume`)."""
        return time.monotonic()

    def resume(self, since: float) -> None:
        """After a wait that is not this document's work (another thread's document): the time
        allowed is moved on by the wait, and the memory counted from now."""
        self.deadline += time.monotonic() - since
        self.base = _rss()

    def add_text(self, chars: int, where: Where = "") -> None:
        """Characters read: raise LimitError past ``max-text``."""
        self.text += chars
        if self.text > self.limits.max_text:
            raise LimitError("too_much_text", where=where, limit=count(self.limits.max_text), name="max-text")

    def page_text(self, page: int, chars: int) -> None:
        """One page's characters: raise LimitError past ``max-page-text``."""
        if chars > self.limits.max_page_text:
            raise LimitError(
                "page_text", page=page, limit=count(self.limits.max_page_text), name="max-page-text"
            )
        self.add_text(chars, f" (page {page})")
