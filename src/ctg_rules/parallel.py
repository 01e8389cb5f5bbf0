"""Checking many files on several cores, with the same output whatever the number of workers.

Workers only check files; the parent process gets each file's complete result back in input
order (``imap``) and does everything that must happen once and in order: the reporter, the
summary, and the run-scoped rules, whose per-file summaries travel in ``FileResult.collected``
(and pending waivers in ``FileResult.waivers``) to ``Engine.absorb`` then ``Engine.finish``.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from .config import Overrides, Workspace
    from .engine import Engine
    from .results import FileResult

#: Below this many files one process is faster: starting workers costs more than it saves.
MANY_FILES = {"fork": 48, "spawn": 400}

# What a worker checks with. Forked workers inherit the parent's engines (no start-up cost);
# spawned ones (macOS, Windows) rebuild a workspace from the command line's settings.
_ENGINES: list[Engine] = []
_WORKSPACE: Workspace | None = None


@contextlib.contextmanager
def batch_collector() -> Iterator[None]:
    """The garbage collector tuned for checking a batch of files, as it was afterwards.

    What start-up loaded (modules, pydantic's schemas, rules, packs) lives until the end: frozen,
    the collector stops walking it again at every collection, and forked workers share it
    without copying. A file's garbage is freed by reference counting (node graphs and dossiers
    hold no cycles), so collections can be rarer.
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], 10_000), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def available_cores() -> int:
    """The cores this process may run on (a container or ``taskset`` may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def start_method() -> str:
    """``fork`` where it is safe and cheap (Linux and other Unixes but macOS), else ``spawn``."""
    import multiprocessing  # imported when workers may be used: it costs at every start

    methods = multiprocessing.get_all_start_methods()
    return "fork" if "fork" in methods and sys.platform != "darwin" else "spawn"


def default_jobs(files: int) -> int:
    """One worker per core when there are many files, one process when there are few."""
    if files < min(MANY_FILES.values()):
        return 1
    cores = available_cores()
    return cores if cores > 1 and files >= MANY_FILES[start_method()] else 1


class FileChecks:
    """Each file checked with its engine, results in the order of ``files``.

    With ``jobs`` above 1 the worker processes start here, when called (so before the caller
    writes anything a forked worker would inherit), and stop when the iterator is exhausted or
    the ``with`` block it may be used in ends. ``cli`` lets spawned workers rebuild the engines.
    """

    def __init__(
        self, files: Sequence[Path], engines: Sequence[Engine], jobs: int, cli: Overrides | None = None
    ) -> None:
        global _ENGINES
        self._pool: Any = None
        self._prefetch: Any = None
        jobs = min(jobs, len(files))
        if jobs <= 1:
            self._results: Iterator[FileResult] = (
                e.check_file(p) for p, e in zip(files, engines, strict=True)
            )
            if len(files) > 1 and any(str(f).lower().endswith(".pdf") for f in files):
                from .extract import prefetch  # PDFium reads the next PDFs while this thread extracts

                self._prefetch = prefetch.start(
                    [(f, e.options.limits) for f, e in zip(files, engines, strict=True)]
                )
            return
        unique = list(dict.fromkeys(engines))
        index = {id(e): k for k, e in enumerate(unique)}
        # a folder's documents checked as one dossier travel whole (a DocumentSet pickles)
        tasks = [
            (index[id(e)], str(p) if isinstance(p, str | Path) else p)
            for p, e in zip(files, engines, strict=True)
        ]
        method = start_method()
        # Anything still buffered would be written again by every forked worker when it exits.
        sys.stdout.flush()
        sys.stderr.flush()
        _ENGINES = unique
        try:
            import multiprocessing

            context = multiprocessing.get_context(method)
            if method == "fork":
                self._pool = context.Pool(jobs)
            else:  # pragma: no cover - macOS, Windows
                self._pool = context.Pool(jobs, initializer=_start, initargs=(cli,))
        finally:
            _ENGINES = []  # the workers have their copy; the parent needs none
        # Chunks of a few files keep the workers busy without piling results up out of order.
        chunk = max(1, min(16, len(tasks) // (jobs * 8)))
        # Chunks are sent as lists (imap's own chunks hide the iterator that can wait with a timeout).
        batches = [tasks[i : i + chunk] for i in range(0, len(tasks), chunk)]
        self._batches = self._pool.imap(_check_many, batches)
        self._buffer: list[FileResult] = []
        self._workers = _worker_ids(self._pool)

    def __iter__(self) -> Iterator[FileResult]:
        return self

    def __next__(self) -> FileResult:
        try:
            if self._pool is None:
                return next(self._results)
            from multiprocessing import TimeoutError as Waiting  # loaded already: a pool is running

            while not self._buffer:
                try:
                    self._buffer = self._batches.next(timeout=_WATCH_SECONDS)[::-1]
                except Waiting:
                    # A worker killed outright (a crash in a C library, os._exit, the OOM killer)
                    # takes its files' results with it and Pool starts another one: without this
                    # check the run would wait for them forever.
                    if _worker_ids(self._pool) != self._workers:
                        self.close()
                        raise WorkerDied() from None
            return self._buffer.pop()
        except StopIteration:
            self.close()
            raise

    def close(self) -> None:
        if self._prefetch is not None:
            from .extract import prefetch

            prefetch.stop(self._prefetch)
            self._prefetch = None
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> FileChecks:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: how often a waiting parent looks whether a worker died
_WATCH_SECONDS = 1.0


def _worker_ids(pool: Any) -> set[int | None]:
    return {process.pid for process in pool._pool}  # Pool only replaces a worker that has died


class WorkerDied(click.ClickException):
    """A worker process died: said plainly, exit status 2, instead of waiting forever."""

    exit_code = 2

    def __init__(self) -> None:
        super().__init__(
            "ctg-rules: a worker process died while checking files (a plugin or a library crashed it); "
            "run again with --jobs 1 to see which file"
        )

    def show(self, file: Any = None) -> None:
        click.echo(self.message, err=True)


def _start(cli: Overrides | None) -> None:  # pragma: no cover - runs in spawned workers
    global _WORKSPACE
    from .config import Overrides, Workspace

    _WORKSPACE = Workspace(cli or Overrides())


def _check_many(tasks: list[tuple[int, str]]) -> list[FileResult]:
    return [_check(task) for task in tasks]


def _check(task: tuple[int, str]) -> FileResult:
    index, path = task
    if _ENGINES:
        return _ENGINES[index].check_file(path)
    assert _WORKSPACE is not None  # pragma: no cover - spawned workers
    return _WORKSPACE.engine_for(path).check_file(path)  # pragma: no cover
