"""``ctg-rules schema``: the JSON Schema of the dossier format, for editors."""

from __future__ import annotations

import json
import sys

import click

from ..i18n import N_, _, os_error
from . import say


@click.command(
    help=_(
        "Print the JSON Schema of the dossier format.\n\n"
        "Use it for completion in editors: `# yaml-language-server: $schema=dossier.schema.json`."
    )
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help=_("Write to this file instead of stdout.")
)
def schema(output: str | None) -> None:
    """Print the dossier JSON Schema (the help text is the command's ``help``)."""
    from ..model import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output:
        from ..fileio import atomic_writer

        try:
            with atomic_writer(output) as handle:
                handle.write(text)
        except OSError as exc:
            say(N_("ctg-rules: cannot write {file}: {reason}"), None, file=output, reason=os_error(exc, "fr"))
            sys.exit(2)
    else:
        click.echo(text, nl=False)
