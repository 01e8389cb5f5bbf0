"""``ctg-rules config [PATH]``: the effective configuration for a file, and where it comes from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..i18n import _
from . import CONFIG_OPTION, config_problem


def effective_record(path: str, config_file: str | None = None, no_plugins: bool = False) -> dict[str, Any]:
    """What applies to ``path``: the configuration file, every setting, and the rules that run on it."""
    from ..config import ConfigError, Overrides, Workspace, effective
    from ..engine import display_path, per_file_ignored

    cli = Overrides(config=config_file, builtins_only=no_plugins)
    try:
        workspace = Workspace(cli)
        engine = workspace.engine_for(path)
        config = effective(workspace.config_for(path), cli)
    except ConfigError as exc:
        raise config_problem(exc, None) from None
    settings = config.to_dict()
    settings["lang"] = engine.options.lang
    settings["fail-on"] = engine.options.fail_on
    name = display_path(path)
    ignored = engine.ignored_for(name) if not Path(path).is_dir() else frozenset()
    return {
        "file": name,
        "config": config.source,
        "settings": settings,
        "per-file-ignores here": list(per_file_ignored(name, engine.options)),
        "rules": [c for c in engine.codes if c not in ignored],
    }


@click.command(
    help=_(
        "Show the effective configuration for a file.\n\n"
        "Which configuration file applies (the nearest .ctg-rules.yaml or pyproject.toml "
        "[tool.ctg-rules] above PATH, or --config), every setting with its value, and the rules "
        "that run on PATH."
    )
)
@click.argument("path", default=".", type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@CONFIG_OPTION
@click.option("--no-plugins", is_flag=True, help=_("Built-in rules only."))
def config(path: str, fmt: str, config_file: str | None, no_plugins: bool) -> None:
    """Show the effective configuration for a file (the help text is the command's ``help``)."""
    record = effective_record(path, config_file, no_plugins)
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    out = [
        f"# file: {record['file']}",
        f"# configuration: {record['config'] or 'none (defaults)'}",
    ]
    for key, value in record["settings"].items():
        if key == "select" and value is None:
            value = "ALL"
        out.append(f"{key}: {_show(value)}")
    out.append(f"# per-file-ignores for this file: {_show(record['per-file-ignores here'])}")
    out.append(f"# rules that run ({len(record['rules'])}): {', '.join(record['rules'])}")
    click.echo("\n".join(out))


def _show(value: Any) -> str:
    """Flow-style YAML, as the configuration file would spell it."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
