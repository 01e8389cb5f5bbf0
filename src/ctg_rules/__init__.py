"""ctg-rules: checks French local-government dossiers before they are signed and sent to the prefecture.

The public API: :func:`check`, :func:`load`, the :func:`rule` decorator, :class:`Violation` and
the :data:`hookimpl` marker. Importing the package is cheap; the engine loads on first use.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__

if sys.argv and Path(sys.argv[0]).stem == "ctg-rules":
    # The ctg-rules program (its console script imports this package first): its start-up
    # objects live as long as the process, and the collector at its default threshold ran some
    # eighty times over them. cli.main() does the same for `python -m ctg_rules.cli`.
    import gc

    gc.set_threshold(50_000, 20, 20)

if TYPE_CHECKING:
    from .api import Violation, rule
    from .engine import Engine, Options
    from .hookspecs import hookimpl
    from .model import Dossier
    from .report import Report
    from .results import FileResult, Finding

__all__ = [
    "Dossier", "DossierError", "Engine", "FileResult", "Finding", "Options", "Report", "Violation",
    "__version__", "check", "hookimpl", "load", "rule",
]  # fmt: skip


class DossierError(Exception):
    """A file that is not a valid dossier; ``problems`` are located ``file:line:col: message`` strings."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def load(path: str | Path, *, lang: str = "fr") -> Dossier:
    """Read and validate one dossier file; raise :class:`DossierError` with located messages in
    ``lang`` (French by default, as everything ctg-rules says)."""
    from . import loader
    from .i18n import N_, tr
    from .validation import validate

    name = Path(path).as_posix()
    try:
        document = loader.read(path)
    except loader.LoadError as exc:
        raise DossierError([f"{name}:{exc.line}:{exc.column}: {exc.render(lang)}"]) from None
    if not isinstance(document.data, dict) or "ctg_rules" not in document.data:
        message = tr(N_("not a dossier (no 'ctg_rules: 1' key at the top)"), lang)
        raise DossierError([f"{name}:1:1: {message}"])
    checked = validate(document.data, document.locate, lang)
    if isinstance(checked, list):
        raise DossierError([f"{name}:{p.line or 1}:{p.column or 1}: {p.message}" for p in checked])
    return checked


def check(source: Any, *, options: Options | None = None, **settings: Any) -> Report:
    """Check a dossier and return a :class:`Report`.

    ``source`` is a path (file or directory), a list of paths, YAML text (a string with a line
    break) or an already-built :class:`Dossier`. ``settings`` are :class:`Options` fields
    (``select``, ``ignore``, ``lang``, ``severity``, ``profile``...).
    """
    from .engine import Engine, Options, iter_files
    from .model import Dossier
    from .report import Report, Run

    if options is None:
        for key in ("select", "ignore"):
            if isinstance(settings.get(key), str):
                settings[key] = tuple(s.strip() for s in settings[key].split(",") if s.strip())
        options = Options(**settings)
    engine = Engine(options)
    if isinstance(source, Dossier):
        checked: Any = [engine.check_dossier(source)]
    elif isinstance(source, str) and "\n" in source:
        checked = [engine.check_text(source)]
    else:
        paths = source if isinstance(source, list | tuple) else [source]
        checked = (engine.check_file(path) for path in iter_files(paths))
    run = Run([engine], engine.registry.failures)
    results = list(run.results((result, engine) for result in checked))
    end = run.end()
    return Report(
        results,
        end.run_findings,
        list(engine.registry.failures),
        fail_on=options.fail_on,
        require_complete=options.require_complete,
    )


def __getattr__(name: str) -> Any:
    # Everything loads on first use, not at import: the command sets the collector up for its
    # start-up first (cli.main), and the heavy parts (pydantic models, engine) wait for a check.
    if name in ("Violation", "rule"):
        from . import api

        return getattr(api, name)
    if name == "hookimpl":
        from .hookspecs import hookimpl

        return hookimpl
    if name == "Dossier":
        from .model import Dossier

        return Dossier
    if name in ("Engine", "Options"):
        from . import engine

        return getattr(engine, name)
    if name in ("Finding", "FileResult"):
        from . import results

        return getattr(results, name)
    if name == "Report":
        from .report import Report

        return Report
    raise AttributeError(f"module 'ctg_rules' has no attribute {name!r}")
