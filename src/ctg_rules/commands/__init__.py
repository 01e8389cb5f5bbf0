"""Subcommands of the ``ctg-rules`` CLI, one module per command family, imported on demand."""

from __future__ import annotations

import click

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    default=None,
    help="Langue des messages / message language (fr by default).",
)


def split_codes(values: tuple[str, ...] | str | None) -> tuple[str, ...] | None:
    """--select VOT,PRX001 --select DAT -> ("VOT", "PRX001", "DAT")."""
    if values is None:
        return None
    if isinstance(values, str):
        values = (values,)
    out = tuple(v.strip().upper() for value in values for v in value.split(",") if v.strip())
    return out
