"""Configuration: ``[tool.ctg-rules]`` in pyproject.toml or ``.ctg-rules.yaml``, found per checked file.

The nearest configuration above a file applies to it (``--config FILE`` overrides the search).
Every key is checked: an unknown key or an unknown rule code is an error that names it, since a
typo must never silently disable a check. Keys under an ``x-`` prefix are left to plugins (they
receive the whole configuration through the ``ctg_rules_configure`` hook).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .api import SEVERITIES
from .i18n import N_, os_error, tr, unknown_hint
from .limits import LIMIT_KEYS as LIMIT_KEYS
from .limits import limit_settings, parse_limits

if TYPE_CHECKING:
    from .discovery import Exclusion
    from .engine import Engine, Options

YAML_NAMES = (".ctg-rules.yaml", ".ctg-rules.yml")
PYPROJECT = "pyproject.toml"
LANGS = ("fr", "en")
#: the keys a configuration may hold, in the order `ctg-rules config` shows them
KEYS = (
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "severity",
    "profile",
    "lang",
    "fail-on",
    "plugins",
    "limits",
    "exclude",
    "extend-exclude",
    "respect-gitignore",
    "require-complete",
)


class ConfigError(Exception):
    """A configuration that cannot be used: where (file, and line when known) and what.

    ``message`` is an English template (translated by ``render``), ``args`` fill it: text, or a
    function of the language for words that must be translated too (a hint).
    """

    def __init__(
        self, source: str, message: str, line: int | None = None, column: int | None = None, **args: Any
    ) -> None:
        self.source, self.line, self.column = source, line, column
        self.template, self.words = message, args
        #: the language of the configuration at fault, when it says one
        self.lang: str | None = None
        self.message = self.text("en")
        super().__init__(self.render("en"))

    def text(self, lang: str) -> str:
        """What is wrong, in ``lang``."""
        from .i18n import tr

        words = {k: v(lang) if callable(v) else v for k, v in self.words.items()}
        return tr(self.template, lang, **words)

    def render(self, lang: str) -> str:
        """``file:line:col: what is wrong``, in ``lang``."""
        where = self.source if self.line is None else f"{self.source}:{self.line}:{self.column or 1}"
        return f"{where}: {self.text(lang)}"


@dataclass(frozen=True)
class Config:
    """One configuration file's settings (all empty: no configuration file)."""

    source: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    severity: Mapping[str, str] = field(default_factory=dict)
    profile: str | None = None
    lang: str | None = None
    fail_on: str | None = None
    #: local rule files, resolved against the configuration's directory
    plugins: tuple[str, ...] = ()
    #: loader.Limits fields set by ``limits`` (the rest keep their defaults)
    limits: Mapping[str, int] = field(default_factory=dict)
    #: globs a folder walk leaves out (None: the default, hidden entries and tool folders), and more
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool | None = None
    #: a file some rules could not check (facts not printed) fails the run
    require_complete: bool | None = None
    #: ``x-...`` keys, for plugins
    extra: Mapping[str, Any] = field(default_factory=dict)
    #: key -> (line, column) in a YAML configuration, to locate errors
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def root(self) -> str | None:
        return str(Path(self.source).parent) if self.source else None

    def error(self, setting: str, message: str, **args: Any) -> ConfigError:
        where = self.source or "<command line>"
        if self.source and self.source.endswith(PYPROJECT):
            where += " [tool.ctg-rules]"
        line, column = self.positions.get(setting, (None, None))
        error = ConfigError(where, message, line, column, **args)
        error.lang = self.lang  # a configuration that says `lang: en` is answered in English
        return error

    def to_dict(self) -> dict[str, Any]:
        """The settings under their configuration names (what `ctg-rules config` shows)."""
        out: dict[str, Any] = {
            "select": list(self.select) if self.select is not None else None,
            "extend-select": list(self.extend_select),
            "ignore": list(self.ignore),
            "per-file-ignores": {k: list(v) for k, v in self.per_file_ignores.items()},
            "severity": dict(self.severity),
            "profile": self.profile,
            "lang": self.lang,
            "fail-on": self.fail_on,
            "plugins": list(self.plugins),
            "limits": limit_settings(self.limits),
            "exclude": list(self.exclude) if self.exclude is not None else None,
            "extend-exclude": list(self.extend_exclude),
            "respect-gitignore": self.respect_gitignore,
            "require-complete": self.require_complete,
        }
        out.update(self.extra)
        return out


# --- reading -------------------------------------------------------------------------------------


def _codes(key: str, value: Any, err: Any) -> tuple[str, ...]:
    """A list of codes or prefixes, or one comma-separated string."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise err(key, N_("'{key}' must be a list of rule codes or prefixes, e.g. [VOT, DAT001]"), key=key)
    return tuple(dict.fromkeys(v.strip().upper() for v in value if v.strip()))


def _walk_settings(data: Mapping[str, Any], err: Any) -> dict[str, Any]:
    """``limits``: what one file may cost; ``exclude``, ``extend-exclude`` and ``respect-gitignore``:
    what a folder walk leaves out."""
    settings: dict[str, Any] = {}
    if "limits" in data:
        settings["limits"] = parse_limits(data["limits"], err)
    for key in ("exclude", "extend-exclude"):
        if key in data:
            settings[key.replace("-", "_")] = _globs(key, data[key], err)
    if "respect-gitignore" in data:
        if not isinstance(data["respect-gitignore"], bool):
            raise err("respect-gitignore", N_("'respect-gitignore' is true or false"))
        settings["respect_gitignore"] = data["respect-gitignore"]
    if "require-complete" in data:
        if not isinstance(data["require-complete"], bool):
            raise err("require-complete", N_("'require-complete' is true or false"))
        settings["require_complete"] = data["require-complete"]
    return settings


def _globs(key: str, value: Any, err: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise err(
            key, N_("'{key}' is a list of globs, as in .gitignore: ['archives/', '*-old.yaml']"), key=key
        )
    return tuple(value)


def _code_tables(data: Mapping[str, Any], err: Any) -> dict[str, Any]:
    """The tables keyed by code or glob: per-file-ignores and severity."""
    settings: dict[str, Any] = {}
    if "per-file-ignores" in data:
        table = data["per-file-ignores"]
        if not isinstance(table, Mapping):
            raise err(
                "per-file-ignores", N_("'per-file-ignores' maps a glob to codes: {{'archives/*': [DAT]}}")
            )
        settings["per_file_ignores"] = {
            str(glob): _codes("per-file-ignores", codes, err) for glob, codes in table.items()
        }
    if "severity" in data:
        table = data["severity"]
        if not isinstance(table, Mapping):
            raise err("severity", N_("'severity' maps a code or prefix to error, warning or info"))
        severity = {}
        for code, level in table.items():
            if level not in SEVERITIES:
                message = N_("severity of {code}: {level} is not one of {allowed}")
                raise err("severity", message, code=code, level=repr(level), allowed=", ".join(SEVERITIES))
            severity[str(code).upper()] = level
        settings["severity"] = severity
    return settings


def parse(data: Any, source: str, positions: Mapping[str, tuple[int, int]] | None = None) -> Config:
    """Check a configuration mapping (the YAML file or the pyproject table) and build a Config."""
    bare = Config(source=source, positions=dict(positions or {}))
    if data is None:
        return bare
    if not isinstance(data, Mapping):
        raise bare.error("", N_("the configuration must be a mapping of keys (select, ignore, ...)"))
    unknown = [k for k in data if not (isinstance(k, str) and (k in KEYS or k.startswith("x-")))]
    if unknown:
        key = str(unknown[0])
        import difflib  # only to word an error

        hint = difflib.get_close_matches(key.replace("_", "-"), KEYS, n=1)
        names = ", ".join(f"'{k}'" for k in unknown)
        message = (
            N_("unknown configuration keys {names}{more}")
            if len(unknown) > 1
            else N_("unknown configuration key {names}{more}")
        )
        raise bare.error(key, message, names=names, more=unknown_hint(hint, KEYS))
    err = bare.error
    settings: dict[str, Any] = {}
    for key in ("select", "extend-select", "ignore"):
        if key in data:
            settings[key.replace("-", "_")] = _codes(key, data[key], err)
    settings.update(_code_tables(data, err))
    for key, allowed in (("lang", LANGS), ("fail-on", SEVERITIES)):
        if key in data:
            if data[key] not in allowed:
                message = N_("'{key}' is {value}; expected one of {allowed}")
                raise err(key, message, key=key, value=repr(data[key]), allowed=", ".join(allowed))
            settings[key.replace("-", "_")] = data[key]
    if "profile" in data:
        if not isinstance(data["profile"], str):
            raise err("profile", N_("'profile' is the name of a profile (e.g. ctg)"))
        settings["profile"] = data["profile"]
    if "plugins" in data:
        paths = data["plugins"]
        if isinstance(paths, str):
            paths = [paths]
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise err("plugins", N_("'plugins' is a list of paths to local rule files"))
        base = Path(source).parent  # relative to the configuration file, wherever the run starts
        settings["plugins"] = tuple(str((base / p).resolve()) for p in paths)
    settings.update(_walk_settings(data, err))
    settings["extra"] = {k: v for k, v in data.items() if k.startswith("x-")}
    return replace(bare, **settings)


def load(path: str | Path, name: str | None = None) -> Config:
    """Read one configuration file (``.ctg-rules.yaml`` or a ``pyproject.toml``); ``name`` is how to show it."""
    path = Path(path)
    source = name or path.as_posix()
    if path.name == PYPROJECT or path.suffix == ".toml":
        data = _read_toml(path, source)
        table = data.get("tool", {}).get("ctg-rules")
        if table is None:
            raise ConfigError(source, N_("no [tool.ctg-rules] table"))
        return parse(table, source)
    from . import loader

    try:
        document = loader.read(path)
    except loader.LoadError as exc:
        raise ConfigError(source, "{problem}", exc.line, exc.column, problem=exc.render) from None
    data = document.data
    positions = {}
    if isinstance(data, dict):
        positions = {k: document.locate((k,), key=True) for k in data if isinstance(k, str)}
        if "x-" in document.text:
            # The dossier loader sets `x-` keys aside; plugins' options are read back here, from a
            # text our loader has already found safe (no unsafe tag, no duplicate key).
            import yaml

            extra = yaml.safe_load(document.text)
            data = {**data, **{k: v for k, v in extra.items() if isinstance(k, str) and k.startswith("x-")}}
    return parse(data, source, positions)


def _read_toml(path: Path, source: str) -> dict[str, Any]:
    try:
        import tomllib
    except ImportError:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(source, N_("cannot read: {reason}"), reason=partial(os_error, exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(source, N_("invalid TOML: {reason}"), reason=str(exc)) from None


def _mentions_table(text: str) -> bool:
    """Whether a pyproject.toml's text may hold ctg-rules' settings: a [tool.ctg-rules...] header,
    a tool.ctg-rules... dotted key, or a ctg-rules key under [tool] (not the project's own name in
    [project] or [project.scripts]): the test that spares parsing the TOML of most projects."""
    table = ""
    for line in text.splitlines():
        key = line.strip().replace(" ", "").replace('"', "").replace("'", "")
        if key.startswith("["):
            table = key.strip("[]")
            if table.startswith("tool.ctg-rules"):
                return True
        elif key.startswith("tool.ctg-rules") or (table == "tool" and key.startswith("ctg-rules")):
            return True
    return False


def _has_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml configures ctg-rules (a cheap text test before parsing it)."""
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if "ctg-rules" not in text or not _mentions_table(text):
        return False  # the project's own name ('name = "ctg-rules"') is no table: no TOML parsed
    return "ctg-rules" in _read_toml(pyproject, pyproject.as_posix()).get("tool", {})


def find(start: str | Path, cache: dict[Any, Path | None] | None = None) -> Path | None:
    """The configuration nearest above ``start`` (a file or a directory), or None.

    In one directory ``.ctg-rules.yaml`` wins over ``pyproject.toml``; a pyproject.toml without a
    ``[tool.ctg-rules]`` table does not stop the search. ``cache`` (per directory) spares a run
    of many files the same walk.
    """
    cache = {} if cache is None else cache
    # the folder as given is looked up first: resolving it (a system call per part of the
    # path) once per folder, not once per file of a batch
    given = os.path.abspath(start)
    if not os.path.isdir(given):
        given = os.path.dirname(given)
    if given in cache:
        return cache[given]
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    seen = []
    found: Path | None = None
    for directory in (here, *here.parents):
        if directory in cache:
            found = cache[directory]
            break
        seen.append(directory)
        candidates = [directory / n for n in YAML_NAMES]
        hit = next((c for c in candidates if c.is_file()), None)
        if hit is None and (directory / PYPROJECT).is_file() and _has_table(directory / PYPROJECT):
            hit = directory / PYPROJECT
        if hit is not None:
            found = hit
            break
    for directory in seen:
        cache[directory] = found
    cache[given] = found
    return found


def _display(path: Path) -> str:
    """A configuration path as shown in messages: relative to the working directory when under it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


# --- from a configuration to the engine's options --------------------------------------------------


@dataclass(frozen=True)
class Overrides:
    """What the command line says; it wins over the configuration files."""

    config: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: str | None = None
    fail_on: str | None = None
    noqa: bool = True
    builtins_only: bool = False
    disabled_plugins: tuple[str, ...] = ()
    #: ``--no-local-plugins``: the configuration's ``plugins`` files are not run (installed plugins are)
    local_plugins: bool = True
    #: ``--limit max-nodes=500000``, as loader.Limits fields
    limits: Mapping[str, int] = field(default_factory=dict)
    #: ``--require-complete`` (None: the configuration's ``require-complete``)
    require_complete: bool | None = None
    #: ``--verbose``: a document's error carries the library's own words
    verbose: bool = False


def effective(config: Config, cli: Overrides) -> Config:
    """The configuration once the command line is applied.

    ``--select`` replaces the file's select and extend-select; ``--extend-select`` and ``--ignore``
    add to the file's; ``--lang``, ``--fail-on`` and each ``--limit`` win.
    """
    select = config.select
    extend = config.extend_select
    if cli.select is not None:
        select, extend = cli.select, ()
    return replace(
        config,
        select=select,
        extend_select=tuple(dict.fromkeys((*extend, *cli.extend_select))),
        ignore=tuple(dict.fromkeys((*config.ignore, *cli.ignore))),
        lang=cli.lang or config.lang,
        fail_on=cli.fail_on or config.fail_on,
        plugins=config.plugins if cli.local_plugins and not cli.builtins_only else (),
        limits={**config.limits, **cli.limits},
        require_complete=cli.require_complete or config.require_complete,
    )


def expand_severity(severity: Mapping[str, str], codes: Iterable[str]) -> dict[str, str]:
    """Per-code severities from codes or prefixes (the longest prefix wins)."""
    out: dict[str, str] = {}
    for code in codes:
        matches = [p for p in severity if code.startswith(p)]
        if matches:
            out[code] = severity[max(matches, key=len)]
    return out


def to_options(config: Config, cli: Overrides, rules: Iterable[str] = ()) -> Options:
    """Engine options for an effective configuration; ``rules`` are the registry's codes."""
    from .engine import Options
    from .limits import Limits

    select = config.select
    if select is not None and config.extend_select:
        select = (*select, *config.extend_select)
    return Options(
        select=select,
        ignore=config.ignore,
        lang=config.lang or "fr",
        severity=expand_severity(config.severity, rules),
        profile=config.profile,
        fail_on=config.fail_on or "error",
        builtins_only=cli.builtins_only,
        disabled_plugins=cli.disabled_plugins,
        plugin_paths=config.plugins,
        per_file_ignores=dict(config.per_file_ignores),
        root=config.root,
        noqa=cli.noqa,
        limits=Limits(**config.limits),
        require_complete=bool(config.require_complete),
        verbose=cli.verbose,
    )


def validate(config: Config, registry: Any) -> None:
    """Every code, prefix and profile must name something the registry has; raise ConfigError."""
    for key, selectors in (
        ("select", config.select or ()),
        ("extend-select", config.extend_select),
        ("ignore", config.ignore),
        ("severity", tuple(config.severity)),
        ("per-file-ignores", tuple(c for codes in config.per_file_ignores.values() for c in codes)),
    ):
        unknown = registry.unknown_codes(selectors)
        if unknown:
            hints = []
            for code in unknown:
                import difflib  # only to word an error

                close = difflib.get_close_matches(code, list(registry.rules), n=1)
                hints.append((code, close[0] if close else None))
            where = f"'{key}'" if config.source else f"--{key}"
            message = N_("unknown rule code or prefix in {where}: {codes} (see `ctg-rules rules`)")
            raise config.error(key, message, where=where, codes=partial(_code_hints, hints))
    profiles = registry.packs.profiles
    if config.profile is not None and config.profile not in profiles:
        message = N_("unknown profile {profile}; known: {known}")
        raise config.error(
            "profile", message, profile=repr(config.profile), known=", ".join(sorted(profiles))
        )


def _code_hints(hints: list[tuple[str, str | None]], lang: str) -> str:
    return ", ".join(
        tr(N_("{code} (did you mean {close}?)"), lang, code=c, close=h) if h else c for c, h in hints
    )


class Workspace:
    """The engines of a run: one per configuration in use, each validated before any file is checked."""

    def __init__(self, cli: Overrides) -> None:
        self.cli = cli
        self.forced = load(cli.config) if cli.config else None
        self.engines: dict[str | None, Engine] = {}
        self.configs: dict[str | None, Config] = {}
        self._found: dict[Any, Path | None] = {}

    def config_for(self, path: str | Path) -> Config:
        """The configuration (file settings only) that applies to a file or directory."""
        if self.forced is not None:
            return self.forced
        found = find(path, self._found)
        if found is None:
            return Config()
        key = _display(found)
        if key not in self.configs:
            self.configs[key] = load(found, key)
        return self.configs[key]

    def exclusion_for(self, folder: Path) -> Exclusion:
        """What a folder walk leaves out in ``folder``: its configuration's globs, anchored at its folder."""
        from .discovery import DEFAULT_EXCLUDE, Exclusion

        config = self.config_for(folder)
        return Exclusion(
            Path(config.root) if config.root else None,
            DEFAULT_EXCLUDE if config.exclude is None else config.exclude,
            config.extend_exclude,
            config.respect_gitignore is not False,
        )

    def engine_for(self, path: str | Path) -> Engine:
        """The engine for a file: built, checked against its registry and configured on first use."""
        from .engine import Engine, registry

        config = self.config_for(path)
        engine = self.engines.get(config.source)
        if engine is not None:
            return engine
        merged = effective(config, self.cli)
        reg = registry(
            builtins_only=self.cli.builtins_only,
            disabled_plugins=self.cli.disabled_plugins,
            plugin_paths=merged.plugins,
        )
        # Codes are checked against every plugin, even those this run leaves out (--no-plugins,
        # --disable-plugin): a plugin's code is then no typo, just not in use.
        full = reg
        trusted = config.plugins if self.cli.local_plugins and not self.cli.builtins_only else ()
        if self.cli.builtins_only or self.cli.disabled_plugins:
            # never the configuration's local files when the command line leaves them out: loading
            # them to learn their codes would run the repository's code all the same
            full = registry(plugin_paths=trusted)
        if trusted == config.plugins:  # else a code may belong to a file not run: it cannot be told
            validate(config, full)
        validate(
            Config(select=self.cli.select, extend_select=self.cli.extend_select, ignore=self.cli.ignore), full
        )
        config = merged
        engine = Engine(to_options(config, self.cli, reg.rules), reg)
        # Plugins read their own `x-` keys; a plugin failing here is reported like a load failure.
        reg.host.call_each("ctg_rules_configure", config=MappingProxyType(config.to_dict()))
        self.engines[config.source] = engine
        return engine
