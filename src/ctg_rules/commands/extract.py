"""``ctg-rules extract``: a dossier (YAML, format v1) from a text, PDF or DOCX document."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from ..i18n import _, os_error
from . import LANG_OPTION


@click.command(
    help=_(
        "Extract a dossier from a document (.txt, .md, .pdf, .docx) or from a folder of documents.\n\n"
        "Values the document does not print are left out (never guessed) and listed as comments at "
        "the top of the YAML. A folder gives the one dossier its documents make (the convention and "
        "each party's deliberation, linked), with `documents:` and, on each value, the document and "
        "page it was read in. Exit status: 0 done, 2 the document or the output could not be used."
    )
)
@click.argument("file", type=click.Path(path_type=str))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help=_(
        "Write the dossier to this file (atomically; refuses to replace one without --force); - for stdout."
    ),
)
@click.option("--force", is_flag=True, help=_("Replace the --output file if it exists."))
@click.option("--verbose", "-v", is_flag=True, help=_("Say on stderr what the document did not say."))
@click.option("--no-plugins", is_flag=True, help=_("Use the built-in extractor only."))
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=None,
    help=_("Pages of a scan read by OCR at once [default: one per core; 0 = that default]."),
)
@LANG_OPTION
def extract(
    file: str,
    output: str | None,
    force: bool,
    verbose: bool,
    no_plugins: bool,
    jobs: int | None,
    lang: str | None,
) -> None:
    """Extract a dossier from a document or a folder (the help text is the command's ``help``)."""
    from ..engine import registry
    from ..extract import ExtractError, extract_path
    from ..extract.yamlout import to_yaml

    lang = lang or "fr"
    if jobs:
        from ..extract.ocr import set_jobs

        set_jobs(jobs)
    reg = registry(builtins_only=no_plugins)
    if os.path.isdir(file):
        _emit(_folder_yaml(file, output, reg, verbose, lang), file, output, force, lang)
        return
    try:
        extraction = extract_path(file, host=reg.host)
    except ExtractError as exc:
        click.echo(f"{file}: {exc.render(lang, verbose)}", err=True)
        sys.exit(2)
    for failure in reg.failures:
        click.echo(f"ctg-rules: plugin {failure.name} not used: {failure.error}", err=True)
    if extraction.empty:
        word = (
            "aucune délibération ni convention reconnue dans ce document"
            if lang == "fr"
            else "no deliberation or convention recognised in this document"
        )
        click.echo(f"{file}: {word}", err=True)
        sys.exit(2)
    from .._version import __version__

    text = to_yaml(extraction, lang=lang, tool=f"ctg-rules {__version__}")
    if verbose:
        _say_missing(file, extraction, lang)
    _emit(text, file, output, force, lang)


def _folder_yaml(folder: str, output: str | None, reg: Any, verbose: bool, lang: str) -> str:
    """The dossier a folder's documents make, as YAML; with --verbose, each link and why."""
    from pathlib import Path

    from .._version import __version__
    from ..assembly import assemble, extracted_yaml, link, one_dossier
    from ..validation import validate

    unit = one_dossier([folder], host=reg.host)
    out = assemble(unit.files, host=reg.host, lang=lang)
    for document, problem in out.problems:
        click.echo(f"{document}: {problem}", err=True)
    for document, reason in out.skipped:  # an annex, a letter: read, left out of the dossier
        click.echo(f"{document}: {'ignoré' if lang == 'fr' else 'skipped'} — {reason}", err=True)
    checked = validate(out.data, out.locate2, lang)
    if isinstance(checked, list) or not out.documents:
        for p in checked if isinstance(checked, list) else ():
            click.echo(f"{folder}: {p.message}", err=True)
        word = (
            "aucun dossier reconnu dans ce dossier"
            if lang == "fr"
            else "no dossier recognised in this folder"
        )
        click.echo(f"{folder}: {word}", err=True)
        sys.exit(2)
    target = Path(output) if output and output != "-" else Path.cwd() / "dossier.yaml"
    link(out, checked, target.parent, lang)
    if verbose:
        for x in out.links:
            target_text = f"annexe {x['annex']}" if x["annex"] else x["party"]
            click.echo(f"{target_text} ← {x['document']} ({x['reasons']})", err=True)
    return extracted_yaml(out, checked, target, lang=lang, tool=f"ctg-rules {__version__}")


def _emit(text: str, file: str, output: str | None, force: bool, lang: str) -> None:
    """The dossier on stdout (no ``output``, or "-" as most tools read it), or written to ``output``."""
    if not output or output == "-":
        click.echo(text, nl=False)
        return
    _write(output, text, file, force, lang)


def _say_missing(file: str, extraction: Any, lang: str) -> None:
    """--verbose: each field the document did not print, then the counts (on stderr)."""
    from ..extract.french import field_label
    from ..validation import format_path

    chosen = "retenu" if lang == "fr" else "chosen"
    for path, reason in extraction.reasons.items():  # why a value was kept among several printed
        value = extraction.get(path)
        click.echo(f"{file}: {chosen}: {format_path(path)} = {value} ({reason})", err=True)
    head = "non trouvé" if lang == "fr" else "not found"
    for path in extraction.missing:
        click.echo(f"{file}: {head}: {format_path(path)} ({field_label(path, lang)})", err=True)
    filled = len(extraction.sources)
    click.echo(
        f"{file}: {filled} valeurs lues, {len(extraction.missing)} non trouvées"
        if lang == "fr"
        else f"{file}: {filled} values read, {len(extraction.missing)} not found",
        err=True,
    )


def _write(output: str, text: str, file: str, force: bool, lang: str) -> None:
    """The dossier written to ``output`` atomically; never over the document itself (exit 2)."""
    from ..fileio import atomic_writer, same_file

    if same_file(output, [file]):  # even with --force: the document is the user's only copy
        word = "c'est le document lu" if lang == "fr" else "that is the document being read"
        click.echo(f"{output}: {word}", err=True)
        sys.exit(2)
    try:
        with atomic_writer(output, overwrite=force) as handle:
            handle.write(text)
    except FileExistsError:
        word = (
            "existe déjà (--force pour le remplacer)"
            if lang == "fr"
            else "already exists (--force to replace it)"
        )
        click.echo(f"{output}: {word}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"{output}: {os_error(exc, lang)}", err=True)
        sys.exit(2)
