"""The plugins and the registry they make, built in one pipeline: find -> load -> classify.

1. :func:`find_plugins`: which plugins there are, none imported yet: the entry points of the
   ``ctg_rules`` group (built-in rule families first, so that a third-party rule cannot take
   over a built-in code), the configuration's local rule files and packs, the objects a program
   passes; minus those disabled.
2. :func:`load_plugins`: each imported and registered with the pluggy manager
   (:mod:`ctg_rules.host`); a broken plugin is reported, never fatal.
3. :func:`classify_plugins`: their rules, their rule packs and the packs' declarative rules,
   joined into the :class:`Registry` of rules the engine runs.

A plugin is named by its entry point (``[project.entry-points.ctg_rules] bonus = ...`` is the
plugin ``bonus``), a local rules file by its path as configured. See docs/plugins.md.
"""

from __future__ import annotations

import importlib
import os
import stat
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from . import hookspecs, packs
from .api import CODE_RE, RuleSpec
from .catalogue import Rule
from .host import Manager, PluginFailure, PluginHost, PluginInfo

# The host's classes lived here before ctg_rules.host: plugins that import them from here keep working.
__all__ = [
    "PluginFailure", "PluginHost", "PluginInfo", "Registry", "classify_plugins", "find_plugins",
    "load", "load_plugins", "registry",
]  # fmt: skip
_Manager = Manager

DIST_NAME = "ctg-rules"
#: Local files with these suffixes are rule packs (declarative rules, no Python), not modules.
PACK_SUFFIXES = (".yaml", ".yml")


# --- 1. find ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _EntryPoint:
    """An entry point of the ``ctg_rules`` group, as the cache keeps it."""

    name: str
    value: str
    dist_name: str | None
    version: str | None

    def load(self) -> Any:
        """Import what the entry point names (``module:attr.attr [extra]``), as importlib.metadata
        does (without importing importlib.metadata: a tenth of a one-dossier start-up)."""
        module, _, attrs = self.value.partition("[")[0].strip().partition(":")
        found: Any = importlib.import_module(module.strip())
        for attr in filter(None, attrs.strip().split(".")):
            found = getattr(found, attr)
        return found


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
            # a folder by the distributions it holds, not by its time: the current folder (the
            # first entry of `python -c`) or a temporary one changes with every file made in it
            info = os.stat(place)
            if not stat.S_ISDIR(info.st_mode):  # a zip: its time says enough
                parts.append(f"{entry}\x01{info.st_mtime_ns}")
                continue
            parts.append(entry)
            with os.scandir(place) as found:
                names = sorted(e.name for e in found if e.name.endswith((".dist-info", ".egg-info")))
        except (OSError, TypeError, ValueError):  # missing, unreadable, not a path
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


@dataclass(slots=True)
class Candidate:
    """A plugin found and not imported yet: what to import (an entry point, a path, an object)."""

    info: PluginInfo
    target: Any


@dataclass(slots=True)
class Found:
    """What :func:`find_plugins` gives: the plugins to load, and what was asked for in vain."""

    candidates: list[Candidate] = field(default_factory=list)
    failures: list[PluginFailure] = field(default_factory=list)
    #: names given to ``disabled`` that matched no plugin (a typo leaves a plugin enabled)
    unknown_disabled: list[str] = field(default_factory=list)


def find_plugins(
    *,
    builtins_only: bool = False,
    disabled: Iterable[str] = (),
    extra: Sequence[Any] = (),
    paths: Sequence[str] = (),
) -> Found:
    """The installed plugins, local rule files and packs, and ``extra`` objects, in load order.

    ``builtins_only`` keeps the built-in families and ``extra`` (objects a program passes on
    purpose) and leaves out every other installed plugin and local file. ``disabled`` names
    plugins to leave out: entry-point names, local paths or their stems.
    """
    found = Found()
    disabled = set(disabled)
    used: set[str] = set()

    def is_disabled(*names: str) -> bool:
        hit = [n for n in names if n in disabled]
        used.update(hit)
        return bool(hit)

    names: set[str] = set()
    for ep in _entry_points():
        builtin = ep.dist_name == DIST_NAME
        if is_disabled(ep.name) or (builtins_only and not builtin):
            continue
        if ep.name in names:
            found.failures.append(
                PluginFailure(ep.name, f"another plugin is already named {ep.name!r}", ep.dist_name)
            )
            continue
        names.add(ep.name)
        kind = "builtin" if builtin else "package"
        info = PluginInfo(ep.name, ep.dist_name, ep.version, builtin, kind=kind, source=ep.value)
        found.candidates.append(Candidate(info, ep))
    for path in () if builtins_only else paths:
        if not is_disabled(path, Path(path).stem, Path(path).name):
            found.candidates.append(Candidate(PluginInfo(path, kind="local", source=path), path))
    for i, plugin in enumerate(extra):
        name = getattr(plugin, "__name__", None) or f"local-{i}"
        if not is_disabled(name):
            found.candidates.append(Candidate(PluginInfo(name, kind="object", source=name), plugin))
    found.unknown_disabled = sorted(disabled - used)
    return found


# --- 2. load ------------------------------------------------------------------------------------


def load_plugins(found: Found) -> PluginHost:
    """Import each plugin found and register it; one that fails is reported and left out."""
    host = PluginHost(_Manager(hookspecs), failures=list(found.failures))
    host.unknown_disabled = list(found.unknown_disabled)
    for candidate in found.candidates:
        info, target = candidate.info, candidate.target
        try:
            if info.kind == "local":
                plugin = _LocalPack(target) if target.endswith(PACK_SUFFIXES) else load_local(target)
                info.version = getattr(plugin, "__version__", None)
            elif info.kind == "object":
                plugin = target
            else:
                plugin = target.load()
        except Exception as exc:  # ImportError, SyntaxError, a bad rule code...: report, go on
            host.failures.append(PluginFailure(info.name, f"{type(exc).__name__}: {exc}", info.dist))
            continue
        host.register(plugin, info)
    return host


def load(
    *,
    builtins_only: bool = False,
    disabled: Iterable[str] = (),
    extra: Sequence[Any] = (),
    paths: Sequence[str] = (),
) -> PluginHost:
    """The plugins found and loaded (the first two steps; see :func:`find_plugins` for the arguments)."""
    return load_plugins(
        find_plugins(builtins_only=builtins_only, disabled=disabled, extra=extra, paths=paths)
    )


# --- 3. classify --------------------------------------------------------------------------------


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


def load_pack_set(host: PluginHost, first: Sequence[str | Path] = ()) -> packs.PackSet:
    """Read ``first`` then every plugin's packs into one PackSet; a pack's problems are its plugin's failures."""
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


def _check_facts(host: PluginHost, pack_set: packs.PackSet, builtin: str) -> None:
    """A plugin pack's facts must name fields of the dossier model: one that does not is its
    plugin's failure and is not asked for (the built-in facts are tested, not checked at start-up)."""
    own = [f for f in pack_set.facts.values() if f.source != builtin]
    if not own:
        return
    from .fieldpaths import DeclarativeError, parse_path, shape

    for fact in own:
        prefix = "deliberations[*]." if fact.within == "deliberations" else "convention."
        try:
            for path in (*fact.any, *fact.unless):
                shape(parse_path(prefix + path), path)
        except DeclarativeError as exc:
            owner = host.pack_owners.get(fact.source, fact.source)
            host.failures.append(PluginFailure(owner, f"{fact.source}: fact {fact.name}: {exc}"))
            del pack_set.facts[fact.name]


def _declarative_rules(
    host: PluginHost, rules: dict[str, RuleSpec], pack_set: packs.PackSet
) -> dict[str, Any]:
    """Add a rule for every pack entry with a ``check:``, in the name of the plugin that shipped
    the pack; return what each checks, in words, for those whose pack does not say (``what``)."""
    if not any("check" in entry.raw for entry in pack_set.rules.values()):
        return {}
    from . import declarative  # only packs with declarative rules need it (start-up cost)

    described = {}
    for code, entry in pack_set.rules.items():
        if "check" not in entry.raw:
            continue
        owner = host.pack_owners.get(entry.source, entry.source)
        try:
            spec = declarative.build_rule(
                code, entry.name, entry.raw["check"], entry.parameters, entry.messages
            )
        except declarative.DeclarativeError as exc:
            host.failures.append(PluginFailure(owner, f"{entry.source}: rule {code}: {exc}"))
            continue
        if add_rule(host, rules, spec, owner) and not entry.what:
            described[code] = declarative.describe(entry.raw["check"])
    return described


def classify_plugins(host: PluginHost) -> tuple[dict[str, Rule], packs.PackSet]:
    """The rules of the loaded plugins by code, each with its pack entry, and the packs read."""
    specs = collect_rules(host)
    first = [packs.builtin_pack("profiles.yaml"), packs.builtin_pack("facts.yaml")]
    pack_set = load_pack_set(host, first=first)
    _check_facts(host, pack_set, str(first[1]))
    described = _declarative_rules(host, specs, pack_set)
    rules = {
        code: Rule(spec, pack_set.rules.get(code), described.get(code))
        for code, spec in sorted(specs.items())
    }
    return rules, pack_set


# --- the registry -------------------------------------------------------------------------------


class Registry:
    """Rules, packs and profiles of one plugin set: find -> load -> classify, once per process."""

    def __init__(
        self,
        *,
        builtins_only: bool = False,
        disabled_plugins: Iterable[str] = (),
        extra_plugins: Sequence[Any] = (),
        plugin_paths: Sequence[str] = (),
    ) -> None:
        found = find_plugins(
            builtins_only=builtins_only, disabled=disabled_plugins, extra=extra_plugins, paths=plugin_paths
        )
        self.host = load_plugins(found)
        self.rules, self.packs = classify_plugins(self.host)
        self._params: dict[tuple[str, str | None], packs.Params] = {}

    @property
    def failures(self) -> list[PluginFailure]:
        return self.host.failures

    @cached_property
    def reporters(self) -> dict[str, Any]:
        """Output formats by name (``"module:Class"`` or a class), asked of the plugins when first needed."""
        return collect_reporters(self.host)

    def params(
        self, code: str, profile: str | None, overrides: Mapping[str, Any] | None = None
    ) -> packs.Params:
        """A rule's parameters under a profile (cached), with the configuration's overrides."""
        key = (code, profile)
        cached = self._params.get(key) if not overrides else None
        if cached is not None:
            return cached
        rule = self.rules[code]
        specs = rule.pack.parameters if rule.pack else {}
        merged: dict[str, Any] = {}
        if profile and profile in self.packs.profiles:
            merged.update(self.packs.profiles[profile].parameters.get(code, {}))
        merged.update(overrides or {})
        params = packs.Params(specs, merged)
        if not overrides:
            self._params[key] = params
        return params

    def select(self, select: Iterable[str] | None, ignore: Iterable[str] = ()) -> list[str]:
        """Codes enabled by ``select`` and ``ignore`` (codes or prefixes; "ALL" selects everything)."""
        chosen = []
        sel = [s.upper() for s in select] if select else None
        ign = [s.upper() for s in ignore]
        for code in self.rules:
            if sel is not None and "ALL" not in sel and not any(code.startswith(s) for s in sel):
                continue
            if any(code.startswith(i) for i in ign):
                continue
            chosen.append(code)
        return chosen

    def unknown_codes(self, selectors: Iterable[str]) -> list[str]:
        """Selectors (codes or prefixes) that name no rule: a typo must never disable a check silently."""
        return [
            s
            for s in selectors
            if s.upper() != "ALL" and not any(c.startswith(s.upper()) for c in self.rules)
        ]


_REGISTRIES: dict[tuple[Any, ...], Registry] = {}


def registry(
    *,
    builtins_only: bool = False,
    disabled_plugins: Iterable[str] = (),
    extra_plugins: Sequence[Any] = (),
    plugin_paths: Sequence[str] = (),
) -> Registry:
    """The registry for this plugin set (entry points are read once per process)."""
    key = (
        builtins_only,
        tuple(sorted(disabled_plugins)),
        tuple(id(p) for p in extra_plugins),
        tuple(plugin_paths),
    )
    found = _REGISTRIES.get(key)
    if found is None:
        found = _REGISTRIES[key] = Registry(
            builtins_only=builtins_only,
            disabled_plugins=disabled_plugins,
            extra_plugins=extra_plugins,
            plugin_paths=plugin_paths,
        )
    return found


def collect_reporters(host: PluginHost) -> dict[str, Any]:
    """Output formats by name, the first plugin to name one keeping it."""
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
