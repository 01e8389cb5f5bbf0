"""The next PDFs of a one-process run read in a background thread while this one extracts.

Reading a PDF is mostly PDFium's own work (loading each page, then its text), in C through ctypes,
which lets go of the GIL: a thread reading the next documents runs on another core while the main
thread extracts the current one in Python. Nothing else changes: :func:`.documents.read` hands out
what the thread read (or raises the error it met, with its place), in the order asked.
``CTG_RULES_READ_AHEAD=0`` reads each document in turn instead (to compare, or to debug).

Two things make the overlap pay (benchmarks/README.md, "Extraction speed"): a page's short PDFium
calls keep the GIL (:mod:`.pdfcalls`), so the thread waits for it twice a page rather than a
hundred times; and while the thread lives the interpreter's switch interval is short, so that the
main thread, busy in Python, hands the GIL over within tens of microseconds instead of 5 ms.

The limits stay those of a serial run: each document's budget (time, memory, text) starts when
the thread starts reading it. The memory a process grows by is the one figure two threads share:
a document the thread stopped at a time or memory limit is read again in the main thread, the
thread stopped first, so that such a verdict is always the serial run's.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..loader import Limits

#: documents read ahead of the one being extracted (what waits in memory: their text). The thread
#: starts as the command does, while the main thread still loads the rules: with two, then eight, it
#: stopped after the first few documents and waited idle for the extraction to begin, then the
#: extraction caught up with it and waited in turn
AHEAD = 32
#: the interpreter's switch interval while the thread lives (seconds; Python's default is 0.005):
#: how long the thread may wait for the GIL after each of a page's two long PDFium calls
SWITCH_INTERVAL = 0.00005
#: the limits whose verdict the main thread checks again on its own
_SHARED_LIMITS = ("too_slow", "too_much_memory")


class Prefetch:
    """Reads ``jobs`` (path, limits) in order, ``AHEAD`` documents ahead of :meth:`take`."""

    def __init__(self, jobs: Sequence[tuple[str, Limits]], reader: Callable[[str, Limits], Any]) -> None:
        self._jobs = list(jobs)
        self._index = {path: k for k, (path, _) in reversed(list(enumerate(self._jobs)))}
        self._reader = reader
        self._done: dict[int, tuple[Any, BaseException | None]] = {}
        self._next = 0  # the first job the main thread has not taken yet
        self._stop = False
        self._cond = threading.Condition()
        self._switch = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch, SWITCH_INTERVAL))
        self._thread = threading.Thread(target=self._run, name="ctg-rules-prefetch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        for k, (path, limits) in enumerate(self._jobs):
            with self._cond:
                self._cond.wait_for(lambda k=k: self._stop or k < self._next + AHEAD)
                if self._stop:
                    return
                if k < self._next:  # the main thread went past it (read from its cache)
                    continue
            try:
                result: tuple[Any, BaseException | None] = (self._reader(path, limits), None)
            except Exception as exc:  # handed to the main thread, raised there in its turn
                result = (None, exc)
            with self._cond:
                self._done[k] = result
                self._cond.notify_all()

    def take(self, path: str, limits: Limits) -> tuple[bool, Any]:
        """(True, the document's text) when the thread reads it, else (False, None); raises its error."""
        k = self._index.get(path)
        if k is None or self._stop or self._jobs[k][1] != limits or k < self._next:
            return False, None
        with self._cond:
            self._next = k  # the documents before it were not read again (a folder's, from the cache)
            for old in [j for j in self._done if j < k]:
                del self._done[old]
            self._cond.notify_all()
            self._cond.wait_for(lambda: k in self._done or self._stop)
            if self._stop:
                return False, None
            value, error = self._done.pop(k)
            self._next = k + 1
            self._cond.notify_all()
        if error is None:
            return True, value
        if getattr(error, "message_id", None) in _SHARED_LIMITS:
            self.close()  # the verdict of a limit two threads share is the serial reading's
            return False, None
        raise error

    def close(self) -> None:
        """Stop the thread and wait for it (it ends with the document it is reading)."""
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        if self._thread is not threading.current_thread():
            self._thread.join()
            sys.setswitchinterval(self._switch)

    def taken_by(self, path: str | Path, limits: Limits) -> tuple[bool, Any]:
        """:meth:`take` for the main thread; the reading thread itself reads for real."""
        if threading.current_thread() is self._thread:
            return False, None
        return self.take(str(path), limits)


def start(jobs: Sequence[tuple[Any, Limits]]) -> Prefetch | None:
    """Read the PDFs among ``jobs`` ahead in a thread (one run at a time); None when there are none."""
    from . import documents

    if os.environ.get("CTG_RULES_READ_AHEAD", "1") == "0":
        return None
    pdfs = [
        (str(p), limits)
        for p, limits in jobs
        if isinstance(p, str | Path) and str(p).lower().endswith(".pdf")
    ]
    if not pdfs or documents.PREFETCH is not None:
        return None
    # the reading modules imported here, not in both threads at once (an import cycle between two
    # threads is a deadlock); PDFium's own package is imported by the thread, beside this one's work
    from . import pdf  # noqa: F401

    documents.PREFETCH = Prefetch(pdfs, documents.read_now)
    return documents.PREFETCH


def stop(prefetch: Prefetch | None) -> None:
    """Stop ``prefetch`` and let :func:`.documents.read` read by itself again."""
    from . import documents

    if prefetch is not None:
        prefetch.close()
        if documents.PREFETCH is prefetch:
            documents.PREFETCH = None
