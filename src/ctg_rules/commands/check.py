"""``ctg-rules check``: check dossiers and report."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from ..i18n import N_, _, locale_lang, os_error, tr
from . import (
    CONFIG_OPTION,
    LANG_OPTION,
    ConfigProblem,
    config_problem,
    say,
    split_codes,
    warn_unknown_disabled,
)


@click.command(
    help=_(
        "Check dossiers: YAML files, documents (PDF, DOCX, text), folders.\n\n"
        "The nearest .ctg-rules.yaml or pyproject.toml [tool.ctg-rules] above each file applies to "
        "it; the options given here win. Exit status: 0 no finding at the --fail-on level, 1 findings "
        "at that level, 2 a file could not be read, a plugin failed, or the command was misused."
    )
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "-f",
    "fmt",
    default="text",
    show_default=True,
    help=_(
        "Output format: text, concise (one line per finding), json, sarif, junit, github, markdown, "
        "html, or auto (github in GitHub Actions, text elsewhere); plugins may add others."
    ),
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help=_("Write the report to this file (atomically).")
)
@click.option(
    "--select", multiple=True, help=_("Only these rule codes or prefixes (comma-separated): VOT,PRX001.")
)
@click.option("--extend-select", multiple=True, help=_("Add these codes or prefixes to the selection."))
@click.option("--ignore", multiple=True, help=_("Skip these rule codes or prefixes (comma-separated)."))
@LANG_OPTION
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help=_("Lowest severity that makes the exit status 1 [default: error, or the configuration's fail-on]."),
)
@click.option(
    "--require-complete",
    is_flag=True,
    default=None,
    help=_(
        "Exit 1 when a file could not be checked in full: a rule needed a fact the dossier does not "
        "say (the 'not checked' lines). --fail-on is unaffected."
    ),
)
@click.option(
    "--exit-zero", is_flag=True, help=_("Exit 0 even when findings are reported (load errors still exit 2).")
)
@click.option(
    "--statistics",
    is_flag=True,
    help=_("Instead of the findings, how many of each rule, most frequent first (text and concise formats)."),
)
@click.option("--quiet", "-q", is_flag=True, help=_("Print only what could not be read and the summary."))
@CONFIG_OPTION
@click.option(
    "--limit",
    "limits",
    multiple=True,
    metavar="NAME=VALUE",
    help=_(
        "Change what one file may cost before it is refused (repeatable): max-file-size=20MB, "
        "max-nodes=250000, max-aliases=200, max-depth=100; for documents max-pages, max-page-text, "
        "max-text, max-unpacked-size, max-ratio, max-xml-nodes, max-seconds, max-memory "
        "('ctg-rules config' shows them all)."
    ),
)
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help=_("When a document cannot be read, add what its parser said (for a bug report)."),
)
@click.option("--disable-noqa", is_flag=True, help=_("Ignore every inline waiver (# noqa: CODE)."))
@click.option("--no-plugins", is_flag=True, help=_("Run the built-in rules only."))
@click.option(
    "--no-local-plugins",
    is_flag=True,
    help=_(
        "Do not run the configuration's `plugins` files (Python from the checked repository); "
        "installed plugins still run. For CI on pull requests from others: see SECURITY.md."
    ),
)
@click.option(
    "--disable-plugin", multiple=True, metavar="NAME", help=_("Do not load this plugin (repeatable).")
)
@click.option(
    "--dossier",
    "as_dossier",
    is_flag=True,
    help="Check the documents named (and those in the folders named) as ONE dossier: the convention "
    "and each party's deliberation.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=None,
    help=_(
        "Worker processes [default: one per core when there are many files, one when there are few; "
        "0 = that default]. The output is the same whatever the number."
    ),
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    exit_zero: bool,
    statistics: bool,
    quiet: bool,
    jobs: int | None,
    as_dossier: bool,
    **flags: Any,
) -> None:
    """Check dossiers and report (the help text is the command's ``help``, translated)."""
    cli = _overrides(**flags)
    # the PDFs' reading starts first: on a run of many small acts it is the longer of the two threads
    with _reading_ahead(paths, jobs, cli):
        from ..parallel import FileChecks, batch_collector, default_jobs
        from ..report import Run

        workspace, found = _discover(cli, paths or (".",))
        files = found.files
        if as_dossier:
            from ..assembly import one_dossier
            from ..engine import registry

            files = [one_dossier(paths or (".",), host=registry().host)]
        primary, engines = _engines(workspace, files)
        if output:
            _refuse_overwriting_inputs(
                output, [*files, *(c.source for c in workspace.configs.values() if c.source)]
            )
        registries = list({id(e.registry): e.registry for e in workspace.engines.values()}.values())
        reporter_class = _reporter_class(fmt, registries)
        if statistics and getattr(reporter_class, "machine", False):
            message = _("--statistics goes with --format text or concise, not {format} (see its summary)")
            raise click.UsageError(message.format(format=fmt))
        lang = primary.options.lang
        run = Run(workspace.engines.values(), _plugin_failures(registries, lang))
        workers = jobs or default_jobs(len(files))
        if jobs or workers > 1:  # what the file workers leave goes to the pages of a scan (OCR threads)
            from ..extract.ocr import set_jobs

            set_jobs(max(1, workers // max(1, min(workers, len(files)))))
        run.summary.ignored.update(found.ignored)
        with contextlib.ExitStack() as stack:
            stack.enter_context(batch_collector())
            # Workers start before any output: a forked worker must not inherit half-written reports.
            results = stack.enter_context(FileChecks(files, engines, workers, cli))
            stream = stack.enter_context(_open_output(output, lang))
            shown = {"statistics": statistics, "quiet": quiet}
            reporter = _reporter(reporter_class, stream, primary, registries, bool(output), shown)
            reporter.start()
            _report_files(reporter, run.results(zip(results, engines, strict=True)), files, lang)
            end = run.end(exit_zero=exit_zero)
            reporter.finish(end)
        sys.exit(end.exit_code)


@contextlib.contextmanager
def _reading_ahead(paths: tuple[str, ...], jobs: int | None, cli: Any) -> Iterator[None]:
    """PDFs named on the command line read in a thread from the start, while the rules load.

    Only for a run in this process (``--jobs 1``, or few files) of files named one by one: a
    folder's files are known after the walk, and then :class:`..parallel.FileChecks` starts the
    reading. Read with the command line's limits: a file whose configuration sets others is read
    again in turn (:mod:`..extract.prefetch`)."""
    from ..parallel import MANY_FILES

    pdfs = [p for p in paths if p.lower().endswith(".pdf")]
    single = jobs == 1 or (not jobs and len(paths) < min(MANY_FILES.values()))
    if not pdfs or not single or not all(os.path.isfile(p) for p in paths):
        yield
        return
    from ..extract import prefetch
    from ..limits import Limits

    early = prefetch.start([(p, Limits(**cli.limits)) for p in pdfs])
    try:
        yield
    finally:
        prefetch.stop(early)


def _report_files(reporter: Any, results: Any, files: list[Any], lang: str) -> None:
    """Each result to the reporter as it comes, under a progress line on a terminal's stderr."""
    from ..progress import Progress
    from ..reporters import inert

    progress = Progress(len(files), sys.stderr, lang)
    for done, result in enumerate(results, start=1):
        progress.clear()  # the report may write to the same terminal
        reporter.file(result)
        if done < len(files):
            progress.update(done, inert(files[done]))
    progress.clear()


def _overrides(
    config_file: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    lang: str | None,
    fail_on: str | None,
    limits: tuple[str, ...],
    disable_noqa: bool,
    no_plugins: bool,
    no_local_plugins: bool,
    disable_plugin: tuple[str, ...],
    require_complete: bool | None = None,
    verbose: bool = False,
) -> Any:
    """The command line's settings, which win over every configuration file."""
    from ..config import Overrides

    return Overrides(
        config=config_file,
        select=split_codes(select) or None,
        extend_select=split_codes(extend_select) or (),
        ignore=split_codes(ignore) or (),
        lang=lang,
        fail_on=fail_on,
        noqa=not disable_noqa,
        builtins_only=no_plugins,
        disabled_plugins=tuple(disable_plugin),
        local_plugins=not no_local_plugins,
        limits=limit_options(limits),
        require_complete=require_complete or None,
        verbose=verbose,
    )


def _discover(cli: Any, paths: tuple[str, ...]) -> tuple[Any, Any]:
    """The workspace of the run and the files it checks (each folder walked with its configuration's
    exclusions and the repository's .gitignore files)."""
    from ..config import ConfigError, Workspace
    from ..discovery import discover

    try:
        workspace = Workspace(cli)
        from ..engine import registry

        return workspace, discover(paths, workspace.exclusion_for, host=registry().host)
    except ConfigError as exc:
        raise config_problem(exc, cli.lang) from None


def _engines(workspace: Any, files: list[Any]) -> tuple[Any, list[Any]]:
    """The engine that words the report (the first file's), and each file's engine.

    Every configuration is read and checked before the first line of the report.
    """
    from ..config import ConfigError

    try:
        engines = [workspace.engine_for(f) for f in files]
        primary = engines[0] if engines else workspace.engine_for(Path.cwd())
    except ConfigError as exc:
        raise config_problem(exc, workspace.cli.lang) from None
    return primary, engines


def _reporter_class(fmt: str, registries: list[Any]) -> Any:
    """The reporter class of a format any plugin of the run provides."""
    from ..plugins import resolve_object

    reporters: dict[str, Any] = {}
    for reg in registries:
        for name, target in reg.reporters.items():
            reporters.setdefault(name, target)
    fmt = resolve_format(fmt)
    if fmt not in reporters:
        message = _("unknown format {format}; available: auto, {formats}")
        raise click.UsageError(message.format(format=repr(fmt), formats=", ".join(sorted(reporters))))
    return resolve_object(reporters[fmt])


def _plugin_failures(registries: list[Any], lang: str) -> list[Any]:
    """The plugins of the run that could not be used, each said on stderr."""
    failures = [f for reg in registries for f in reg.failures]
    warn_unknown_disabled(*registries, lang=lang)
    for failure in failures:
        say(N_("ctg-rules: plugin {name} not used: {error}"), lang, name=failure.name, error=failure.error)
    return failures


def _reporter(
    reporter_class: Any,
    stream: TextIO,
    primary: Any,
    registries: list[Any],
    to_file: bool,
    shown: dict[str, bool],
) -> Any:
    """The reporter, with the rules of every registry of the run (the primary one's first)."""
    from ..reporters.text import use_color

    catalog = dict(primary.registry.rules)
    for reg in registries:
        for code, rule in reg.rules.items():
            catalog.setdefault(code, rule)
    return reporter_class(
        stream,
        lang=primary.options.lang,
        catalog=catalog,
        fail_on=primary.options.fail_on,
        color=use_color(stream) and not to_file,
        options=shown,
    )


def limit_options(values: tuple[str, ...]) -> dict[str, int]:
    """--limit max-nodes=500000 --limit max-file-size=20MB -> loader.Limits fields."""
    from ..config import parse_limits

    def bad(_key: str, message: str, **args: Any) -> click.BadParameter:
        # a usage error, in the locale's language as click's own words around it
        words = {k: v(locale_lang()) if callable(v) else v for k, v in args.items()}
        return click.BadParameter(tr(message, locale_lang(), **words), param_hint="--limit")

    table = {}
    for value in values:
        name, sep, number = value.partition("=")
        if not sep:
            raise bad("", N_("{value}: expected NAME=VALUE, e.g. max-file-size=20MB"), value=repr(value))
        table[name.strip()] = number
    return parse_limits(table, bad)


def resolve_format(fmt: str) -> str:
    """``auto``: workflow annotations inside GitHub Actions, text elsewhere."""
    if fmt == "auto":
        in_actions = os.environ.get("GITHUB_ACTIONS", "").lower() not in ("", "0", "false")
        return "github" if in_actions else "text"
    return fmt


def _refuse_overwriting_inputs(output: str, inputs: list[Any]) -> None:
    """The checker never writes to its inputs: not even a report over a dossier by mistake."""
    from ..fileio import same_file

    clash = same_file(output, inputs)
    if clash is not None:
        message = _("--output {output}: that is {input}, an input of this run")
        raise click.UsageError(message.format(output=output, input=clash.as_posix()))


@contextlib.contextmanager
def _open_output(output: str | None, lang: str) -> Iterator[TextIO]:
    if not output:
        yield sys.stdout
        return
    from ..fileio import atomic_writer

    try:
        with atomic_writer(output) as handle:
            yield handle
    except OSError as exc:  # a missing folder, a full disk, no permission: said plainly, exit 2
        message = tr(
            N_("ctg-rules: cannot write {file}: {reason}"), lang, file=output, reason=os_error(exc, lang)
        )
        raise ConfigProblem(message) from None
