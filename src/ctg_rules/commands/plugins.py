"""``ctg-rules plugins``: the plugins loaded, their version and rules, and those that failed."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from ..i18n import _
from . import CONFIG_OPTION, plugin_options, registry_for


def listing(registry: Any) -> dict[str, Any]:
    """What `plugins --format json` prints."""
    from .._version import __version__
    from ..hookspecs import HOOK_API_VERSION

    host = registry.host
    return {
        "version": __version__,
        "api_version": HOOK_API_VERSION,
        "plugins": [info.to_dict() for info in host.plugins.values()],
        "failures": [failure.to_dict() for failure in host.failures],
        "unknown_disabled": list(host.unknown_disabled),
    }


@click.command(
    help=_(
        "List the plugins loaded (version, rules) and those that failed.\n\n"
        "The installed plugins, and the local rule files of the configuration that applies to PATH "
        "(the current directory by default). Exit status: 0 every plugin loaded, 2 one failed (its "
        "error is listed)."
    )
)
@click.argument("path", default=".", type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@CONFIG_OPTION
@plugin_options
def plugins(
    path: str, fmt: str, config_file: str | None, no_plugins: bool, disable_plugin: tuple[str, ...]
) -> None:
    """List the plugins loaded and those that failed (the help text is the command's ``help``)."""
    reg = registry_for(path, config_file, no_plugins, disable_plugin)
    data = listing(reg)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(f"ctg-rules {data['version']}, plugin API {data['api_version']}")
        rows = [
            (
                p["name"],
                p["kind"],
                f"{p['dist'] or ''} {p['version'] or ''}".strip() or "-",
                ", ".join(p["rules"]) or "-",
            )
            for p in data["plugins"]
        ]
        widths = [max((len(row[i]) for row in rows), default=0) for i in range(3)]
        for row, p in zip(rows, data["plugins"], strict=True):
            click.echo(
                "  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True)) + "  " + row[3]
            )
            for warning in p["warnings"]:
                click.echo(f"{'':<{widths[0]}}  warning: {warning}")
        if data["failures"]:
            click.echo("\nNot loaded / non chargés:")
            for f in data["failures"]:
                dist = f" ({f['dist']})" if f["dist"] else ""
                click.echo(f"{f['name']}{dist}: {f['error']}")
    sys.exit(2 if data["failures"] else 0)
