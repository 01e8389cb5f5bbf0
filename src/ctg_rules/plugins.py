"""The plugin host: entry points loaded one by one, a broken plugin reported, never fatal.

Built-in rule families are plugins of the ``ctg_rules`` entry-point group like any other; they
come first, so a third-party rule cannot take over a built-in code. A plugin is named by its
entry point (``[project.entry-points.ctg_rules] bonus = ...`` is the plugin ``bonus``), a local
rules file by its path as configured. See docs/plugins.md.
"""

from __future__ import annotations

import importlib
import inspect
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FunctionType, MethodType, ModuleType
from typing import Any

import pluggy

from . import hookspecs
from .api import CODE_RE, RuleSpec

DIST_NAME = "ctg-rules"
#: Local files with these suffixes are rule packs (declarative rules, no Python), not modules.
PACK_SUFFIXES = (".yaml", ".yml")


@dataclass(slots=True)
class PluginInfo:
    """A loaded plugin, as ``ctg-rules plugins`` lists it."""

    name: str
    dist: str | None = None
    version: str | None = None
    builtin: bool = False
    rules: list[str] = field(default_factory=list)
    #: builtin | package (an installed distribution) | local (a file) | object (passed by a program)
    kind: str = "object"
    #: the module (``pkg.rules``) or file it was loaded from
    source: str | None = None
    hooks: list[str] = field(default_factory=list)
    #: what could not be used but does not stop the plugin (hooks this version does not know)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "dist": self.dist,
            "version": self.version,
            "source": self.source,
            "hooks": list(self.hooks),
            "rules": list(self.rules),
            "warnings": list(self.warnings),
        }


@dataclass(slots=True)
class PluginFailure:
    """A plugin (or one of its hooks) that could not be used; the run goes on without it."""

    name: str
    error: str
    dist: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "dist": self.dist, "error": self.error}


def _required_args(func: Any) -> tuple[str, ...]:
    """The arguments a hook implementation needs (pluggy passes only those, by name)."""
    try:
        parameters = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):  # pragma: no cover - builtins without a signature
        return ()
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return tuple(p.name for p in parameters if p.kind in kinds and p.default is p.empty)


_MARKER = hookspecs.PROJECT + "_impl"  # the attribute pluggy's hookimpl marker sets


class _Manager(pluggy.PluginManager):
    """A plugin manager that keeps the hooks of a newer plugin API out instead of failing on them.

    pluggy registers an implementation of a hook it has no spec for without a word (and never
    calls it), and refuses the whole plugin when an implementation asks for an argument the
    spec does not have. A plugin written for a newer ctg-rules may do either: its unknown hooks
    are set aside with a warning, an incompatible hook is set aside and reported as a failure,
    and everything else the plugin provides keeps working.
    """

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        self.add_hookspecs(hookspecs)
        self.set_aside: list[tuple[str, bool]] = []  # (message, is a failure) of the plugin loading

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
        if isinstance(plugin, ModuleType) and not name.startswith("__"):
            # pluggy looks every attribute of a plugin up with inspect.getattr_static (slow, and a
            # rule module has hundreds); a module's own plain function without the hookimpl
            # marker, or anything that is no function at all, is no hook implementation.
            value = plugin.__dict__.get(name)
            if isinstance(value, FunctionType) and not hasattr(value, _MARKER):
                return None
            if not isinstance(value, FunctionType | staticmethod | classmethod | MethodType):
                return None
        opts = super().parse_hookimpl_opts(plugin, name)
        if opts is None:
            return None
        hook_name = opts.get("specname") or name
        caller = getattr(self.hook, hook_name, None)
        if caller is None or not caller.has_spec():
            self.set_aside.append(
                (
                    f"hook {hook_name} is unknown to ctg-rules plugin API {hookspecs.HOOK_API_VERSION}"
                    " (written for a newer ctg-rules?): not used",
                    False,
                )
            )
            return None
        extra = sorted(set(_required_args(getattr(plugin, name))) - set(caller.spec.argnames))
        if extra:
            self.set_aside.append(
                (
                    f"hook {hook_name} asks for {', '.join(extra)}, which plugin API "
                    f"{hookspecs.HOOK_API_VERSION} does not provide (written for a newer ctg-rules?): "
                    "not used",
                    True,
                )
            )
            return None
        return opts


@dataclass(slots=True)
class PluginHost:
    """The plugin manager with what was loaded, what failed and what was asked for in vain."""

    pm: pluggy.PluginManager
    plugins: dict[str, PluginInfo] = field(default_factory=dict)
    failures: list[PluginFailure] = field(default_factory=list)
    #: names given to ``disabled`` that matched no plugin (a typo leaves a plugin enabled)
    unknown_disabled: list[str] = field(default_factory=list)
    #: rule-pack path -> the plugin that shipped it
    pack_owners: dict[str, str] = field(default_factory=dict)

    def call_each(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call one hook plugin by plugin, so that one raising does not take the others down.

        Each implementation gets only the arguments it names (as pluggy does), so a plugin
        written before a hook gained an argument keeps working.
        """
        results = []
        hook = getattr(self.pm.hook, hook_name)
        for impl in hook.get_hookimpls():  # registration order: built-ins first
            try:
                results.append((impl.plugin_name, impl.function(*[kwargs[a] for a in impl.argnames])))
            except Exception as exc:  # a plugin's bug must not stop the run
                self.failures.append(
                    PluginFailure(impl.plugin_name, f"{hook_name}: {type(exc).__name__}: {exc}")
                )
        return results

    def register(self, plugin: Any, info: PluginInfo) -> bool:
        """Register one plugin; a failure is recorded and leaves the manager as it was."""
        pm = self.pm
        assert isinstance(pm, _Manager)
        pm.set_aside.clear()
        try:
            pm.register(plugin, name=info.name)
        except Exception as exc:  # pluggy validation, a name already taken...: report, go on
            if pm.get_plugin(info.name) is plugin:  # older pluggy registers part of a plugin
                pm.unregister(name=info.name)
            self.failures.append(PluginFailure(info.name, f"{type(exc).__name__}: {exc}", info.dist))
            return False
        for message, failed in pm.set_aside:
            if failed:
                self.failures.append(PluginFailure(info.name, message, info.dist))
            else:
                info.warnings.append(message)
        info.hooks = sorted(caller.name for caller in pm.get_hookcallers(plugin) or ())
        self.plugins[info.name] = info
        return True


@dataclass(frozen=True)
class _EntryPoint:
    """An entry point of the ``ctg_rules`` group, as the cache keeps it."""

    name: str
    value: str
    dist_name: str | None
    version: str | None

    def load(self) -> Any:
        """Import what the entry point names (``module:attr``), as importlib.metadata does."""
        from importlib.metadata import EntryPoint  # already imported by pydantic: no cost

        return EntryPoint(self.name, self.value, hookspecs.PROJECT).load()


def _entry_points() -> list[_EntryPoint]:
    """The group's entry points, built-in families first.

    ``importlib.metadata`` reads every installed distribution's files to answer (a twentieth of
    a start-up), and the answer only changes when something is installed or removed: it is kept
    in the cache (ctg_rules/cache.py), keyed by what an installation changes (the import path,
    its folders and each distribution's entry_points.txt).
    """
    from . import cache

    key = _installation()
    kept = cache.load("entry-points", key)
    if kept is not cache.MISSING:
        return [_EntryPoint(*row) for row in kept]
    from importlib.metadata import entry_points

    found = []
    about: dict[int, tuple[str | None, str | None]] = {}  # a distribution's entry points share it
    for ep in entry_points(group=hookspecs.PROJECT):
        dist = getattr(ep, "dist", None)
        if id(dist) not in about:
            about[id(dist)] = _dist_about(ep)
        found.append(_EntryPoint(ep.name, ep.value, *about[id(dist)]))
    found.sort(key=lambda ep: (0 if ep.dist_name == DIST_NAME else 1, ep.name))
    cache.store("entry-points", key, [[ep.name, ep.value, ep.dist_name, ep.version] for ep in found])
    return found


def _installation() -> bytes:
    """What installing, upgrading or removing a distribution changes, cheap to read (no file opened)."""
    parts = [sys.version, sys.executable]
    for entry in sys.path:
        place = entry or "."
        try:
            parts.append(f"{entry}\x01{os.stat(place).st_mtime_ns}")
            with os.scandir(place) as found:
                names = sorted(e.name for e in found if e.name.endswith((".dist-info", ".egg-info")))
        except (OSError, TypeError, ValueError):  # missing, a file (a zip: its time says enough), not a path
            continue
        for name in names:
            try:
                stamp = os.stat(os.path.join(place, name, "entry_points.txt")).st_mtime_ns
            except (OSError, ValueError):
                stamp = 0
            parts.append(f"{name}\x01{stamp}")
    return "\x00".join(parts).encode("utf-8", "surrogateescape")


def _dist_about(ep: Any) -> tuple[str | None, str | None]:
    """The name and version of an importlib.metadata entry point's distribution."""
    dist = getattr(ep, "dist", None)
    if dist is None:
        return None, None
    metadata = getattr(dist, "metadata", None)
    if metadata is not None:  # importlib.metadata's: each property would parse the file again
        return metadata["Name"], metadata["Version"]
    return getattr(dist, "name", None), getattr(dist, "version", None)  # an object that only looks like one


def load_local(path: str) -> Any:
    """Import a local rules file (``plugins = ["my_rules.py"]`` in the configuration) as a module."""
    import hashlib
    import importlib.util

    file = Path(path)
    # Two files may share a stem (rules/a/checks.py, rules/b/checks.py): the module name says where.
    digest = hashlib.sha1(str(file.resolve()).encode()).hexdigest()[:8]
    name = f"ctg_rules_local_{file.stem}_{digest}"
    spec = importlib.util.spec_from_file_location(name, file)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path} (a rules file ends in .py, a rule pack in .yaml)")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    # The checker never writes into the repository it checks, not even a __pycache__ folder.
    writes, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    finally:
        sys.dont_write_bytecode = writes
    return module


class _LocalPack:
    """A local rule-pack file registered as a plugin that only ships that pack."""

    def __init__(self, path: str) -> None:
        if not Path(path).is_file():
            raise FileNotFoundError(f"no such rule pack: {path}")
        self.path = path

    @hookspecs.hookimpl
    def ctg_rules_packs(self) -> list[str]:
        return [self.path]


def load(
    *,
    builtins_only: bool = False,
    disabled: Iterable[str] = (),
    extra: Sequence[Any] = (),
    paths: Sequence[str] = (),
) -> PluginHost:
    """Register the installed plugins, local rule files and packs, and ``extra`` objects.

    ``builtins_only`` keeps the built-in families and ``extra`` (objects a program passes on
    purpose) and leaves out every other installed plugin and local file. ``disabled`` names
    plugins to leave out: entry-point names, local paths or their stems.
    """
    host = PluginHost(_Manager())
    disabled = set(disabled)
    used: set[str] = set()

    def is_disabled(*names: str) -> bool:
        hit = [n for n in names if n in disabled]
        used.update(hit)
        return bool(hit)

    for ep in _entry_points():
        dist_name, version = ep.dist_name, ep.version
        builtin = dist_name == DIST_NAME
        if is_disabled(ep.name) or (builtins_only and not builtin):
            continue
        if ep.name in host.plugins:
            host.failures.append(
                PluginFailure(ep.name, f"another plugin is already named {ep.name!r}", dist_name)
            )
            continue
        try:
            plugin = ep.load()
        except Exception as exc:  # ImportError, SyntaxError, a bad rule code...: report, go on
            host.failures.append(PluginFailure(ep.name, f"{type(exc).__name__}: {exc}", dist_name))
            continue
        kind = "builtin" if builtin else "package"
        host.register(plugin, PluginInfo(ep.name, dist_name, version, builtin, kind=kind, source=ep.value))
    for path in () if builtins_only else paths:
        if is_disabled(path, Path(path).stem, Path(path).name):
            continue
        try:
            plugin = _LocalPack(path) if path.endswith(PACK_SUFFIXES) else load_local(path)
        except Exception as exc:
            host.failures.append(PluginFailure(path, f"{type(exc).__name__}: {exc}"))
            continue
        version = getattr(plugin, "__version__", None)
        host.register(plugin, PluginInfo(path, version=version, kind="local", source=path))
    for i, plugin in enumerate(extra):
        name = getattr(plugin, "__name__", None) or f"local-{i}"
        if is_disabled(name):
            continue
        host.register(plugin, PluginInfo(name, kind="object", source=name))
    host.unknown_disabled = sorted(disabled - used)
    return host


def add_rule(host: PluginHost, rules: dict[str, RuleSpec], spec: RuleSpec, plugin_name: str) -> bool:
    """Add one plugin's rule unless its code is malformed or already taken (then say so)."""
    if not CODE_RE.match(spec.code):
        host.failures.append(
            PluginFailure(plugin_name, f"rule code {spec.code!r} is not [A-Z]{{2,5}}[0-9]{{3}}")
        )
        return False
    if spec.code in rules:
        other = rules[spec.code].plugin
        host.failures.append(
            PluginFailure(plugin_name, f"rule code {spec.code} collides with the one of plugin {other!r}")
        )
        return False
    spec.plugin = plugin_name
    rules[spec.code] = spec
    if plugin_name in host.plugins:
        host.plugins[plugin_name].rules.append(spec.code)
    return True


def collect_rules(host: PluginHost) -> dict[str, RuleSpec]:
    """Every rule of every plugin, by code; collisions and malformed rules are reported."""
    rules: dict[str, RuleSpec] = {}
    for plugin_name, returned in host.call_each("ctg_rules_rules"):
        for item in returned or ():
            spec = item if isinstance(item, RuleSpec) else getattr(item, "ctg_rule", None)
            if not isinstance(spec, RuleSpec):
                host.failures.append(
                    PluginFailure(plugin_name, f"{item!r} is not a rule (use @ctg_rules.rule)")
                )
                continue
            add_rule(host, rules, spec, plugin_name)
    return rules


def collect_packs(host: PluginHost) -> list[str]:
    """The rule-pack paths every plugin ships, in plugin order; remembers who shipped each."""
    paths: list[str] = []
    for plugin_name, returned in host.call_each("ctg_rules_packs"):
        for p in returned or ():
            host.pack_owners.setdefault(str(p), plugin_name)
            paths.append(str(p))
    return paths


def load_pack_set(host: PluginHost, first: Sequence[str | Path] = ()) -> Any:
    """Read ``first`` then every plugin's packs into one PackSet; a pack's problems are its plugin's failures."""
    from . import packs

    pack_set = packs.PackSet()
    for path in [*map(str, first), *collect_packs(host)]:
        before = len(pack_set.problems)
        try:
            packs.load_pack(path, pack_set)
        except packs.PackError as exc:
            pack_set.problems.append(str(exc))
        owner = host.pack_owners.get(path, path)
        host.failures.extend(PluginFailure(owner, problem) for problem in pack_set.problems[before:])
    return pack_set


def collect_reporters(host: PluginHost) -> dict[str, Any]:
    reporters: dict[str, Any] = {}
    for _, returned in host.call_each("ctg_rules_reporters"):
        for name, target in (returned or {}).items():
            reporters.setdefault(name, target)
    return reporters


def resolve_object(target: Any) -> Any:
    """Import ``"module:attr"`` lazily; return anything else as is."""
    if isinstance(target, str):
        module, _, attr = target.partition(":")
        obj: Any = importlib.import_module(module)
        for part in attr.split(".") if attr else ():
            obj = getattr(obj, part)
        return obj
    return target
