"""A progress line on a terminal's stderr when a run lasts: files done / total and the current file.

Shown only when stderr is a terminal outside CI (never in a pipe or a CI log), and only once the
run has lasted about a second: a pre-commit run on one dossier never shows it. The line is
cleared before the report writes to the same terminal, and at the end.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TextIO

#: environment variables CI services set: their logs are no terminal, whatever isatty says
_CI = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TF_BUILD", "TEAMCITY_VERSION")
_WORDS = {"fr": "vérification", "en": "checking"}


def wanted(stream: TextIO) -> bool:
    """A terminal a person watches: a tty, not a dumb one, not a CI service's log."""
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return False
    return os.environ.get("TERM") != "dumb" and not any(os.environ.get(name) for name in _CI)


class Progress:
    """``update(done, current)`` as files are checked; ``clear()`` before writing to the terminal."""

    def __init__(
        self,
        total: int,
        stream: TextIO,
        lang: str = "fr",
        *,
        after: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        enabled: bool | None = None,
    ) -> None:
        self.total = total
        self.stream = stream
        self.word = _WORDS.get(lang, _WORDS["en"])
        self.clock = clock
        self.start = clock()
        self.after = after
        self.enabled = wanted(stream) if enabled is None else enabled
        self.shown = False
        self._last = 0.0

    def update(self, done: int, current: str | None = None) -> None:
        now = self.clock()
        if not self.enabled or now - self.start < self.after or (self.shown and now - self._last < 0.1):
            return
        self._last = now
        import shutil  # only once a progress line is shown

        width = shutil.get_terminal_size((80, 24)).columns - 1
        line = f"{self.word} {done}/{self.total}" + (f" — {current}" if current else "")
        if len(line) > width:  # the end of a path says more than its start
            line = line[: width // 2] + "…" + line[len(line) - (width - width // 2 - 1) :]
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
