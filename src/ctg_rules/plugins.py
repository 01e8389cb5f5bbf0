"""The plugin host: entry points loaded one by one, a broken plugin reported, never fatal.

Built-in rule families are plugins of the ``ctg_rules`` entry-point group like any other; they
come first, so a third-party rule cannot take over a built-in code.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pluggy

from . import hookspecs
from .api import CODE_RE, RuleSpec

DIST_NAME = "ctg-rules"


@dataclass(slots=True)
class PluginInfo:
    name: str
    dist: str | None = None
    version: str | None = None
    builtin: bool = False
    rules: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PluginFailure:
    """A plugin (or one of its hooks) that could not be used; the run goes on without it."""

    name: str
    error: str
    dist: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "dist": self.dist, "error": self.error}


@dataclass(slots=True)
class PluginHost:
    pm: pluggy.PluginManager
    plugins: dict[str, PluginInfo] = field(default_factory=dict)
    failures: list[PluginFailure] = field(default_factory=list)

    def call_each(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call one hook plugin by plugin, so that one raising does not take the others down."""
        results = []
        hook = getattr(self.pm.hook, hook_name)
        for impl in hook.get_hookimpls():  # registration order: built-ins first
            try:
                results.append((impl.plugin_name, impl.function(**kwargs)))
            except Exception as exc:  # a plugin's bug must not stop the run
                self.failures.append(
                    PluginFailure(impl.plugin_name, f"{hook_name}: {type(exc).__name__}: {exc}")
                )
        return results


def _entry_points() -> list[Any]:
    eps = list(entry_points(group=hookspecs.PROJECT))

    def order(ep: Any) -> tuple[int, str]:
        dist = getattr(ep, "dist", None)
        return (0 if dist is not None and dist.name == DIST_NAME else 1, ep.name)

    return sorted(eps, key=order)


def load_local(path: str) -> Any:
    """Import a local rules file (``plugins = ["my_rules.py"]`` in the configuration) as a module."""
    import importlib.util
    import sys

    file = Path(path)
    name = f"ctg_rules_local_{file.stem}"
    spec = importlib.util.spec_from_file_location(name, file)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def load(
    *,
    builtins_only: bool = False,
    disabled: Iterable[str] = (),
    extra: Sequence[Any] = (),
    paths: Sequence[str] = (),
) -> PluginHost:
    """Register every installed plugin (or only the built-in ones), local rule files, and ``extra`` objects."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    host = PluginHost(pm)
    disabled = set(disabled)
    for ep in _entry_points():
        dist = getattr(ep, "dist", None)
        dist_name = dist.name if dist is not None else None
        builtin = dist_name == DIST_NAME
        if ep.name in disabled or (builtins_only and not builtin):
            continue
        if ep.name in host.plugins:
            host.failures.append(
                PluginFailure(ep.name, f"another plugin is already named {ep.name!r}", dist_name)
            )
            continue
        try:
            plugin = ep.load()
            pm.register(plugin, name=ep.name)
        except Exception as exc:  # ImportError, SyntaxError, pluggy validation...: report, go on
            host.failures.append(PluginFailure(ep.name, f"{type(exc).__name__}: {exc}", dist_name))
            continue
        host.plugins[ep.name] = PluginInfo(
            ep.name, dist_name, dist.version if dist is not None else None, builtin
        )
    for path in paths:
        name = path
        if name in disabled or Path(path).stem in disabled:
            continue
        try:
            pm.register(load_local(path), name=name)
        except Exception as exc:
            host.failures.append(PluginFailure(name, f"{type(exc).__name__}: {exc}"))
            continue
        host.plugins[name] = PluginInfo(name)
    for i, plugin in enumerate(extra):
        name = getattr(plugin, "__name__", None) or f"local-{i}"
        if name in disabled:
            continue
        try:
            pm.register(plugin, name=name)
        except Exception as exc:
            host.failures.append(PluginFailure(name, f"{type(exc).__name__}: {exc}"))
            continue
        host.plugins[name] = PluginInfo(name)
    return host


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
            if not CODE_RE.match(spec.code):
                host.failures.append(
                    PluginFailure(plugin_name, f"rule code {spec.code!r} is not [A-Z]{{2,5}}[0-9]{{3}}")
                )
                continue
            if spec.code in rules:
                other = rules[spec.code].plugin
                host.failures.append(
                    PluginFailure(
                        plugin_name, f"rule code {spec.code} collides with the one of plugin {other!r}"
                    )
                )
                continue
            spec.plugin = plugin_name
            rules[spec.code] = spec
            if plugin_name in host.plugins:
                host.plugins[plugin_name].rules.append(spec.code)
    return rules


def collect_packs(host: PluginHost) -> list[str]:
    paths: list[str] = []
    for _, returned in host.call_each("ctg_rules_packs"):
        paths.extend(str(p) for p in returned or ())
    return paths


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
