"""Rule packs: the data side of every rule (messages, references, documentation, parameters, profiles).

A pack is a YAML file (see docs/packs.md). Packs are read, never executed. Parameters may
carry legal periods of validity ("two proxies per member from 2020 to 2022"), and profiles
(selected by document type: ``type: ctg``) override parameters for a kind of document.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

LANGS = ("fr", "en")
AREAS = ("votes", "dates", "identifiers", "annexes", "signatories", "names", "other")


class PackError(Exception):
    """A rule pack that cannot be used (its path and what is wrong)."""


def builtin_pack_dir() -> Path:
    """Where the packs shipped with ctg-rules are: inside the wheel, or ``rules/`` of a source checkout."""
    here = Path(__file__).resolve().parent
    packed = here / "_packs"
    if packed.is_dir():
        return packed
    return here.parent.parent / "rules"


def builtin_pack(name: str) -> Path:
    return builtin_pack_dir() / name


def text(value: Any, lang: str) -> str:
    """A translatable pack value ({fr: ..., en: ...} or plain text) in ``lang``, falling back to the other."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        for key in (lang, *LANGS):
            if value.get(key):
                return str(value[key])
        return ""
    return str(value)


@dataclass(frozen=True, slots=True)
class Period:
    """A parameter's value over a legal period (open ends: since / until)."""

    start: date | None
    end: date | None
    value: Any
    reference: str | None = None

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """A rule parameter as a pack declares it: default value, documentation, legal periods."""

    name: str
    value: Any
    description: Any = None
    reference: str | None = None
    periods: tuple[Period, ...] = ()


class Params(Mapping[str, Any]):
    """A rule's parameters for one profile, with their legal periods.

    ``params["name"]`` is the value in force by default; ``params.at("name", on=date)`` the
    value in force on a date (a session date), which is what vote and quorum rules need.
    """

    __slots__ = ("_overrides", "_specs")

    def __init__(self, specs: Mapping[str, ParamSpec], overrides: Mapping[str, Any] | None = None) -> None:
        self._specs = specs
        self._overrides = dict(overrides or {})

    def __getitem__(self, name: str) -> Any:
        return self.at(name, None)

    def __iter__(self) -> Any:
        return iter({*self._specs, *self._overrides})

    def __len__(self) -> int:
        return len({*self._specs, *self._overrides})

    def at(self, name: str, on: date | None) -> Any:
        if name in self._overrides:
            return self._overrides[name]
        spec = self._specs[name]
        if isinstance(on, date):
            for period in spec.periods:
                if period.covers(on):
                    return period.value
        return spec.value

    def reference(self, name: str, on: date | None = None) -> str | None:
        spec = self._specs.get(name)
        if spec is None:
            return None
        if isinstance(on, date) and name not in self._overrides:
            for period in spec.periods:
                if period.covers(on):
                    return period.reference or spec.reference
        return spec.reference


@dataclass(slots=True)
class PackRule:
    """One rule's entry in a pack."""

    code: str
    source: str
    name: str = ""
    severity: str | None = None
    area: str = "other"
    title: Any = None
    messages: dict[str, Any] = field(default_factory=dict)
    reference: str | None = None
    what: Any = None
    why: Any = None
    examples: dict[str, str] = field(default_factory=dict)
    parameters: dict[str, ParamSpec] = field(default_factory=dict)
    #: message arguments that are values of a dossier field (``kind: convention.annexes[].kind``),
    #: worded by the label table (rules/labels.yaml) instead of shown as stored
    labels: dict[str, str] = field(default_factory=dict)
    #: the dossier facts the rule cannot do without (``facts:`` of a pack), and the family of
    #: checks it belongs to: a report says which families could not be checked, and why
    needs: tuple[str, ...] = ()
    family: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    #: when the severity a rule reports depends on the case ({fr, en}: "error; info when ..."),
    #: what ``explain`` shows beside the default severity
    severity_note: Any = None


@dataclass(slots=True)
class Profile:
    """A named set of parameter values (by document type or legal period)."""

    name: str
    title: Any = None
    convention_types: tuple[str, ...] = ()
    parameters: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str = ""


@dataclass(frozen=True, slots=True)
class Fact:
    """Something a rule needs a dossier to say: there when one of ``any`` (paths inside each item
    of ``within``, ``deliberations`` or ``convention``) holds a value."""

    name: str
    within: str
    any: tuple[str, ...]
    label: Any = None
    #: paths that, when one holds a value, make the fact not asked of that item (an election has
    #: no vote count to check)
    unless: tuple[str, ...] = ()
    #: the pack that defines it
    source: str = ""


@dataclass(slots=True)
class PackSet:
    """Every loaded pack merged: rules by code, profiles by name, the problems met."""

    rules: dict[str, PackRule] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: what rules may need (``facts:``) and how the families of checks are called (``families:``)
    facts: dict[str, Fact] = field(default_factory=dict)
    families: dict[str, Any] = field(default_factory=dict)

    def profile_for(self, convention_type: str | None) -> str | None:
        if not convention_type:
            return None
        for profile in self.profiles.values():
            if convention_type in profile.convention_types:
                return profile.name
        return None


def _param(name: str, raw: Any, where: str) -> ParamSpec:
    if not isinstance(raw, Mapping) or "value" not in raw:
        # a bare value is a parameter without documentation
        return ParamSpec(name, raw)
    periods = []
    for p in raw.get("periods") or ():
        if not isinstance(p, Mapping) or "value" not in p:
            raise PackError(f"{where}: parameter {name}: each period needs a value")
        periods.append(Period(p.get("from"), p.get("to"), p["value"], p.get("reference")))
    return ParamSpec(name, raw["value"], raw.get("description"), raw.get("reference"), tuple(periods))


def _parsed(path: Path, where: str | None = None) -> Any:
    """The pack's YAML data, from the cache when this very content was parsed before (PyYAML is
    imported only to parse)."""
    from . import cache

    raw = path.read_bytes()
    data = cache.load("pack", raw)
    if data is cache.MISSING:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            data = yaml.load(raw.decode("utf-8"), Loader=loader)
        except yaml.YAMLError as exc:
            raise PackError(f"{where or path}: {exc}") from None
        cache.store("pack", raw, data)
    return data


def load_pack(path: str | Path, into: PackSet) -> None:
    """Read one pack file into ``into``; a code already defined by an earlier pack is a problem."""
    where = str(path)
    try:
        data = _parsed(Path(path), where)
    except OSError as exc:
        raise PackError(f"{where}: {exc}") from None
    if not isinstance(data, Mapping):
        raise PackError(f"{where}: a pack is a mapping with 'rules' and/or 'profiles'")
    area = data.get("area", "other")
    for code, raw in (data.get("rules") or {}).items():
        if not isinstance(raw, Mapping):
            raise PackError(f"{where}: rule {code}: expected a mapping")
        if code in into.rules:
            into.problems.append(f"{where}: rule {code} already defined in {into.rules[code].source}")
            continue
        messages = dict(raw.get("messages") or {})
        if "message" in raw:
            messages.setdefault("default", raw["message"])
        into.rules[code] = PackRule(
            code=code,
            source=where,
            name=raw.get("name", ""),
            severity=raw.get("severity"),
            area=raw.get("area", area),
            title=raw.get("title"),
            messages=messages,
            reference=raw.get("reference"),
            what=raw.get("what"),
            why=raw.get("why"),
            examples=dict(raw.get("examples") or {}),
            parameters={
                n: _param(n, p, f"{where}: {code}") for n, p in (raw.get("parameters") or {}).items()
            },
            labels=dict(raw.get("labels") or {}),
            needs=tuple(str(n) for n in raw.get("needs") or ()),
            family=raw.get("family"),
            raw=dict(raw),
            severity_note=raw.get("severity_note"),
        )
    _load_facts(data, where, into)
    for name, raw in (data.get("profiles") or {}).items():
        raw = raw or {}
        types = raw.get("convention_types") or ()
        profile = into.profiles.get(name) or Profile(name, raw.get("title"), tuple(types), {}, where)
        for code, overrides in (raw.get("parameters") or {}).items():
            profile.parameters.setdefault(code, {}).update(overrides or {})
        into.profiles[name] = profile


def _load_facts(data: Mapping[str, Any], where: str, into: PackSet) -> None:
    """A pack's ``facts:`` and ``families:`` (the first pack to define a name keeps it)."""
    for name, raw in (data.get("facts") or {}).items():
        if not isinstance(raw, Mapping) or raw.get("within") not in ("deliberations", "convention"):
            raise PackError(f"{where}: fact {name}: 'within' is deliberations or convention")
        paths = raw.get("any")
        if not isinstance(paths, list) or not paths:
            raise PackError(f"{where}: fact {name}: 'any' is a list of paths")
        unless = tuple(map(str, raw.get("unless") or ()))
        fact = Fact(str(name), raw["within"], tuple(map(str, paths)), raw.get("label"), unless, where)
        into.facts.setdefault(str(name), fact)
    for name, title in (data.get("families") or {}).items():
        into.families.setdefault(str(name), title)


def load_packs(paths: Iterable[str | Path]) -> PackSet:
    packs = PackSet()
    for path in paths:
        try:
            load_pack(path, packs)
        except PackError as exc:
            packs.problems.append(str(exc))
    return packs
