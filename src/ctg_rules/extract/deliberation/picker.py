"""One generic picker: section readers propose scored candidates for a field, the best is kept.

A reader that finds several values a field could take (the session's date: a title "Séance du ...",
a date in words, a date alone near the top) proposes each as a :class:`Candidate` with a score and
the reason in words; :func:`pick` keeps the highest score (the first printed on a tie), and
:meth:`Choosing.choose` writes it with its reason, which ``ctg-rules extract --verbose`` prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..positions import Path, Reader


@dataclass(frozen=True)
class Candidate:
    """A value a field could take, where it is printed, how sure the reader is, and why."""

    value: Any
    offset: int
    score: float
    reason: str


def pick(candidates: Iterable[Candidate]) -> tuple[Candidate | None, int]:
    """The best candidate (highest score, then first printed) and how many were weighed."""
    found = list(candidates)
    if not found:
        return None, 0
    return max(found, key=lambda c: (c.score, -c.offset)), len(found)


class Choosing(Reader):
    """What a reader needs to choose a field's value among candidates."""

    def choose(self, path: Path, candidates: Iterable[Candidate]) -> Candidate | None:
        """Write the best candidate at ``path`` and keep its reason for ``extract --verbose``."""
        best, weighed = pick(candidates)
        if best is None:
            return None
        self.out.put(path, best.value, self.pos(best.offset))
        others = f", {weighed - 1} autre(s) écartée(s)" if weighed > 1 else ""
        self.out.reasons[path] = f"{best.reason} (score {best.score:g}{others})"
        return best
