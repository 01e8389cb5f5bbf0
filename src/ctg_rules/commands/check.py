"""``ctg-rules check``: check dossiers and report."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any, TextIO

import click

from . import LANG_OPTION, split_codes


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "-f",
    "fmt",
    default="text",
    show_default=True,
    help="Output format: text, json (and any a plugin adds).",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file (atomically)."
)
@click.option(
    "--select", multiple=True, help="Only these rule codes or prefixes (comma-separated): VOT,PRX001."
)
@click.option("--ignore", multiple=True, help="Skip these rule codes or prefixes (comma-separated).")
@LANG_OPTION
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit status 1.",
)
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when findings are reported (load errors still exit 2)."
)
@click.option("--statistics", is_flag=True, help="Count findings per rule code (text format).")
@click.option("--no-plugins", is_flag=True, help="Run the built-in rules only.")
@click.option("--disable-plugin", multiple=True, metavar="NAME", help="Do not load this plugin (repeatable).")
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    lang: str | None,
    fail_on: str,
    exit_zero: bool,
    statistics: bool,
    no_plugins: bool,
    disable_plugin: tuple[str, ...],
) -> None:
    """Vérifie des dossiers (fichiers ou répertoires) / check dossiers (files or directories).

    Exit status: 0 no error-level finding, 1 findings at the --fail-on level, 2 a file could
    not be loaded, a plugin failed, or the command was misused.
    """
    from ..engine import Engine, Options
    from ..plugins import resolve_object
    from ..report import Summary
    from ..reporters import RunEnd

    options = Options(
        select=split_codes(select) or None,
        ignore=split_codes(ignore) or (),
        lang=lang or "fr",
        fail_on=fail_on,
        builtins_only=no_plugins,
        disabled_plugins=tuple(disable_plugin),
    )
    engine = Engine(options)
    registry = engine.registry
    unknown = registry.unknown_codes((*(options.select or ()), *options.ignore))
    if unknown:
        raise click.UsageError(f"unknown rule code or prefix: {', '.join(unknown)} (see `ctg-rules rules`)")
    reporters = _reporters(registry)
    if fmt not in reporters:
        raise click.UsageError(f"unknown format {fmt!r}; available: {', '.join(sorted(reporters))}")
    reporter_class = resolve_object(reporters[fmt])

    for failure in registry.failures:
        click.echo(f"ctg-rules: plugin {failure.name} not used: {failure.error}", err=True)

    with _open_output(output) as stream:
        from ..reporters.text import use_color

        reporter = reporter_class(
            stream, engine, color=use_color(stream) and not output, options={"statistics": statistics}
        )
        summary = Summary(plugin_failures=len(registry.failures))
        reporter.start()
        for result in engine.run(paths or (".",)):
            summary.add_file(result)
            reporter.file(result)
        run_findings = engine.finish()
        summary.add_findings(run_findings)
        code = summary.exit_code(fail_on)
        if exit_zero and code == 1:
            code = 0
        reporter.finish(RunEnd(summary, run_findings, list(registry.failures), code))
    sys.exit(code)


def _reporters(registry: Any) -> dict[str, Any]:
    from ..plugins import collect_reporters

    return collect_reporters(registry.host)


@contextlib.contextmanager
def _open_output(output: str | None) -> Iterator[TextIO]:
    if not output:
        yield sys.stdout
        return
    from ..fileio import atomic_writer

    with atomic_writer(output) as handle:
        yield handle
