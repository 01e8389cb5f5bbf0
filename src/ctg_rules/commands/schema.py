"""``ctg-rules schema``: the JSON Schema of the dossier format, for editors."""

from __future__ import annotations

import json
import sys

import click


@click.command()
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def schema(output: str | None) -> None:
    """Affiche le schéma JSON du format de dossier / print the dossier JSON Schema.

    Use it for completion in editors: `# yaml-language-server: $schema=dossier.schema.json`.
    """
    from ..model import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output:
        from ..fileio import atomic_writer

        try:
            with atomic_writer(output) as handle:
                handle.write(text)
        except OSError as exc:
            click.echo(f"ctg-rules: cannot write {output}: {exc.strerror or exc}", err=True)
            sys.exit(2)
    else:
        click.echo(text, nl=False)
