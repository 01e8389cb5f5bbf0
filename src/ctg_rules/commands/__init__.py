"""Subcommands of the ``ctg-rules`` CLI, one module per command family, imported on demand.

What several commands share lives here (options, the configuration error, the registry of a
path), so that no command module imports another.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..i18n import N_, _, tr

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    default=None,
    help=_("Language of the messages and reports (fr by default)."),
)


def split_codes(values: tuple[str, ...] | str | None) -> tuple[str, ...] | None:
    """--select VOT,PRX001 --select DAT -> ("VOT", "PRX001", "DAT")."""
    if values is None:
        return None
    if isinstance(values, str):
        values = (values,)
    out = tuple(v.strip().upper() for value in values for v in value.split(",") if v.strip())
    return out


class ConfigProblem(click.ClickException):
    """A configuration that cannot be used: exit status 2, like any misuse."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(self.message, err=True)


def config_problem(exc: Any, lang: str | None) -> ConfigProblem:
    """A configuration error, in the run's language (``--lang``, French by default)."""
    lang = lang or getattr(exc, "lang", None) or "fr"
    return ConfigProblem(tr(N_("ctg-rules: configuration error: {problem}"), lang, problem=exc.render(lang)))


def say(message: str, lang: str | None, **args: Any) -> None:
    """A line on stderr, in the run's language."""
    click.echo(tr(message, lang or "fr", **args), err=True)


CONFIG_OPTION = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, exists=True),
    help=_("Use this configuration file (.ctg-rules.yaml or pyproject.toml) instead of searching for one."),
)


def plugin_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--no-plugins`` and ``--disable-plugin NAME``, as every command that loads rules takes them."""
    func = click.option(
        "--disable-plugin",
        multiple=True,
        metavar="NAME",
        help=_("Do not load this plugin (repeatable; see `ctg-rules plugins`)."),
    )(func)
    return click.option("--no-plugins", is_flag=True, help=_("Built-in rules only."))(func)


def warn_unknown_disabled(*registries: Any, lang: str | None = None) -> None:
    """A misspelt --disable-plugin leaves the plugin running: say so (once, whatever the registries)."""
    if not registries:
        return
    unknown = set.intersection(*(set(reg.host.unknown_disabled) for reg in registries))
    for name in sorted(unknown):
        say(N_("ctg-rules: --disable-plugin {name}: no plugin has that name"), lang, name=name)


def registry_for(
    path: str = ".",
    config_file: str | None = None,
    no_plugins: bool = False,
    disabled: tuple[str, ...] = (),
    lang: str | None = None,
) -> Any:
    """The registry of the plugins that apply to ``path``: installed ones and the configuration's local files.

    Only the configuration's ``plugins`` key is read here: its codes are not validated, so a
    plugin that fails to load can still be listed, which is what explains an unknown code.
    """
    from ..config import ConfigError, Overrides, Workspace, effective
    from ..engine import registry

    cli = Overrides(config=config_file, builtins_only=no_plugins, disabled_plugins=disabled)
    try:
        paths = effective(Workspace(cli).config_for(path), cli).plugins
    except ConfigError as exc:
        raise config_problem(exc, lang) from None
    reg = registry(builtins_only=no_plugins, disabled_plugins=disabled, plugin_paths=paths)
    warn_unknown_disabled(reg, lang=lang)
    return reg
