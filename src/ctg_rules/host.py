"""The plugin host: the pluggy manager, what was loaded, what failed, and hooks called one by one.

:mod:`ctg_rules.plugins` finds and loads the plugins into a :class:`PluginHost`, then reads
their rules and packs from it. A broken plugin, or one hook of it, is a :class:`PluginFailure`
reported with the run, never the end of it.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from types import FunctionType, MethodType, ModuleType
from typing import Any

import pluggy

from . import hookspecs

__all__ = ["Manager", "PluginFailure", "PluginHost", "PluginInfo"]


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


class Manager(pluggy.PluginManager):
    """A plugin manager that keeps the hooks of a newer plugin API out instead of failing on them.

    pluggy registers an implementation of a hook it has no spec for without a word (and never
    calls it), and refuses the whole plugin when an implementation asks for an argument the
    spec does not have. A plugin written for a newer ctg-rules may do either: its unknown hooks
    are set aside with a warning, an incompatible hook is set aside and reported as a failure,
    and everything else the plugin provides keeps working.
    """

    def __init__(self, specs: Any = hookspecs) -> None:
        super().__init__(specs.PROJECT)
        self.api_version = specs.HOOK_API_VERSION
        self.add_hookspecs(specs)
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
                    f"hook {hook_name} is unknown to ctg-rules plugin API {self.api_version}"
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
                    f"{self.api_version} does not provide (written for a newer ctg-rules?): "
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
        assert isinstance(pm, Manager)
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
