"""Declarative rules: checks on a field path, written in a rule pack, no Python.

A pack entry with a ``check:`` mapping is a rule by itself::

    XMP001:
      severity: warning
      title: {fr: ..., en: ...}
      reference: Circulaire CNAF n° 2020-01
      check:
        path: convention.period.end
        when: {path: convention.type, equals: ctg}
        on_or_before: {path: convention.period.start, years: 5, days: -1}

Paths use the dossier's YAML keys: ``a.b``, ``list[*]`` (every element), ``list[0]`` (one),
``list[kind=diagnostic]`` (the elements whose ``kind`` is ``diagnostic``). An operand is a
literal, ``{path: ...}`` (another field; each ``[*]`` of the checked path is bound to the same
element there) or ``{param: name}`` (a pack parameter, so profiles can change it). Absent data
is not a defect: only ``required`` looks at missing values, and placeholders ("XX") are only
reported by ``required``. The full reference is docs/plugins.md.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from . import regex
from .api import RuleSpec, Violation
from .dates import Placeholder, add_years
from .fieldpaths import MISSING, DeclarativeError, Step, absent, binding, parse_path, shape, walk
from .validation import format_path

# Paths, and the error they raise, live in ctg_rules.fieldpaths; they are re-exported here.
__all__ = [
    "COMPARISONS", "OPERATORS", "Check", "DeclarativeError", "Step", "build_rule", "compile_check", "describe",
    "parse_path", "shape", "walk",
]  # fmt: skip


# --- operands and operators ----------------------------------------------------------------------

#: Operators on one value, by the kinds of value they accept.
COMPARISONS: dict[str, tuple[str, ...]] = {
    "pattern": ("text",),
    "one_of": ("text", "number", "bool", "date"),
    "minimum": ("number", "date"),
    "maximum": ("number", "date"),
    "equals": ("text", "number", "bool", "date"),
    "before": ("date",),
    "after": ("date",),
    "on_or_before": ("date",),
    "on_or_after": ("date",),
}
OPERATORS = ("required", *COMPARISONS, "contains")
_OFFSETS = ("years", "months", "days")


def _fails(op: str, value: Any, expected: Any) -> bool:
    if op == "pattern":
        return expected.search(str(value)) is None
    if op == "one_of":
        return value not in expected
    if op == "equals":
        return value != expected
    if op in ("minimum", "on_or_after"):
        return value < expected
    if op in ("maximum", "on_or_before"):
        return value > expected
    if op == "before":
        return not value < expected
    return not value > expected  # after


def _add_months(d: date, months: int) -> date:
    year, month = divmod(d.month - 1 + months, 12)
    year, month = d.year + year, month + 1
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))


_UNITS = {
    "fr": {"years": ("an", "ans"), "months": ("mois", "mois"), "days": ("jour", "jours")},
    "en": {"years": ("year", "years"), "months": ("month", "months"), "days": ("day", "days")},
}


@dataclass(slots=True)
class Operand:
    """The right-hand side of an operator: a literal, another field, or a pack parameter."""

    literal: Any = None
    path: tuple[Step, ...] | None = None
    text: str = ""
    param: str | None = None
    offsets: tuple[tuple[str, Any], ...] = ()  # (unit, int or {"param": name})
    bound: int = 0

    def resolve(self, dossier: Any, chosen: tuple[int, ...], params: Any) -> Any:
        if self.param is not None:
            value = params[self.param]
        elif self.path is not None:
            binding = {rank: chosen[rank] for rank in range(self.bound)}
            found = [v for _, _, v in walk(dossier, self.path, binding)]
            value = found[0] if found and not absent(found[0]) else None
        else:
            value = self.literal
        if value is None or isinstance(value, Placeholder) or not self.offsets:
            return value
        for unit, amount in self.offsets:
            n = params[amount["param"]] if isinstance(amount, Mapping) else amount
            if n is None:  # a parameter left unset (no profile gives it): nothing to compare with
                return None
            if unit == "years":
                value = add_years(value, n)
            elif unit == "months":
                value = _add_months(value, n)
            else:
                value = value + timedelta(days=n)
        return value

    def describe(self, params: Any, lang: str) -> str:
        """How a message names this operand: ``convention.period.start + 5 ans - 1 jour``."""
        if self.path is None and self.param is None:
            return ""
        if self.path is not None:
            out = self.text
        else:
            out = f"{'paramètre' if lang == 'fr' else 'parameter'} {self.param}"
        for unit, amount in self.offsets:
            n = params[amount["param"]] if isinstance(amount, Mapping) else amount
            if n:  # a zero or unset offset says nothing
                name = _UNITS.get(lang, _UNITS["en"])[unit][abs(n) != 1]
                out += f" {'+' if n > 0 else '-'} {abs(n)} {name}"
        return out


def _param_ref(value: Any, params: Mapping[str, Any], where: str) -> str | None:
    if isinstance(value, Mapping) and set(value) == {"param"}:
        name = value["param"]
        if name not in params:
            raise DeclarativeError(f"{where}: parameter {name!r} is not declared in the rule's parameters")
        return str(name)
    return None


def _operand(op: str, raw: Any, subject: tuple[Step, ...], kind: str, declared: Mapping[str, Any]) -> Operand:
    where = f"{op}"
    param = _param_ref(raw, declared, where)
    if param is not None:
        return Operand(param=param)
    if isinstance(raw, Mapping) and "path" in raw:
        unknown = set(raw) - {"path", *_OFFSETS}
        if unknown:
            raise DeclarativeError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        steps = parse_path(raw["path"])
        other_kind, _ = shape(steps, raw["path"])
        if other_kind != kind:
            raise DeclarativeError(f"{where}: {raw['path']} holds a {other_kind}, {kind} expected")
        bound = binding(subject, steps)
        if bound < sum(s.selects for s in steps):
            raise DeclarativeError(
                f"{where}: {raw['path']} goes through a list the checked path does not: "
                "each [*] of an operand must match one of the checked path"
            )
        offsets = []
        for unit in _OFFSETS:
            if unit in raw:
                amount = raw[unit]
                if _param_ref(amount, declared, where) is None and type(amount) is not int:
                    raise DeclarativeError(f"{where}: {unit} must be a whole number or {{param: name}}")
                offsets.append((unit, amount))
        if offsets and kind != "date":
            raise DeclarativeError(f"{where}: years/months/days offsets apply to dates only")
        return Operand(path=steps, text=str(raw["path"]), offsets=tuple(offsets), bound=bound)
    if isinstance(raw, Mapping):
        raise DeclarativeError(f"{where}: an operand is a value, {{path: ...}} or {{param: ...}}")
    if op == "contains":
        return Operand(literal=raw)
    if op == "one_of":
        if not isinstance(raw, list) or not raw:
            raise DeclarativeError("one_of: a non-empty list of values")
    elif op == "pattern":
        try:
            raw = regex.compile(str(raw))
        except re.error as exc:
            raise DeclarativeError(f"pattern: not a regular expression: {exc}") from None
    elif kind == "date" and not isinstance(raw, date):
        raise DeclarativeError(f"{op}: {raw!r} is not a date (YYYY-MM-DD)")
    elif kind == "number" and (type(raw) not in (int, float)):
        raise DeclarativeError(f"{op}: {raw!r} is not a number")
    return Operand(literal=raw)


@dataclass(slots=True)
class Condition:
    """One ``when:`` condition: holds when a value it reaches is present and passes its operators."""

    path: tuple[Step, ...]
    bound: int
    ops: tuple[tuple[str, Operand], ...]

    def holds(self, dossier: Any, chosen: tuple[int, ...], params: Any) -> bool:
        # bound to as many of the checked path's elements as are chosen (``contains`` chooses
        # all but its last list); the rest of the condition's lists: any element
        binding = {rank: chosen[rank] for rank in range(min(self.bound, len(chosen)))}
        for _, _, value in walk(dossier, self.path, binding):
            if absent(value) or isinstance(value, Placeholder):
                continue
            if all(self._passes(op, operand, value, dossier, chosen, params) for op, operand in self.ops):
                return True
        return False

    @staticmethod
    def _passes(
        op: str, operand: Operand, value: Any, dossier: Any, chosen: tuple[int, ...], params: Any
    ) -> bool:
        expected = _prepared(op, operand.resolve(dossier, chosen, params))
        if expected is None or isinstance(expected, Placeholder):
            return False  # nothing to compare with: the condition is not known to hold
        return not _fails(op, value, expected)


def _prepared(op: str, expected: Any) -> Any:
    # a pattern or a list of values coming from a parameter is used as is
    if op == "pattern" and isinstance(expected, str):
        return regex.compile(expected)
    return expected


# --- a compiled check ----------------------------------------------------------------------------

MESSAGES: dict[str, dict[str, str]] = {
    "required": {"fr": "{path} : valeur manquante", "en": "{path}: value missing"},
    "placeholder": {
        "fr": "{path} : valeur à compléter ({value})",
        "en": "{path}: value left to fill in ({value})",
    },
    "pattern": {
        "fr": "{path} : {value} ne respecte pas le format attendu ({expected})",
        "en": "{path}: {value} does not have the expected form ({expected})",
    },
    "one_of": {
        "fr": "{path} : {value} n'est pas une valeur admise ({expected})",
        "en": "{path}: {value} is not an allowed value ({expected})",
    },
    "minimum": {
        "fr": "{path} : {value} est inférieur au minimum {expected}{other}",
        "en": "{path}: {value} is below the minimum {expected}{other}",
    },
    "maximum": {
        "fr": "{path} : {value} dépasse le maximum {expected}{other}",
        "en": "{path}: {value} is above the maximum {expected}{other}",
    },
    "equals": {
        "fr": "{path} : {value} diffère de {expected}{other}",
        "en": "{path}: {value} differs from {expected}{other}",
    },
    "before": {
        "fr": "{path} : le {value} n'est pas antérieur au {expected}{other}",
        "en": "{path}: {value} is not before {expected}{other}",
    },
    "after": {
        "fr": "{path} : le {value} n'est pas postérieur au {expected}{other}",
        "en": "{path}: {value} is not after {expected}{other}",
    },
    "on_or_before": {
        "fr": "{path} : le {value} est après le {expected}{other}",
        "en": "{path}: {value} is after {expected}{other}",
    },
    "on_or_after": {
        "fr": "{path} : le {value} est avant le {expected}{other}",
        "en": "{path}: {value} is before {expected}{other}",
    },
    "contains": {
        "fr": "{path} : aucun élément ne vaut {missing}",
        "en": "{path}: no item is {missing}",
    },
}


@dataclass(slots=True)
class Check:
    """A declarative check, compiled once; ``violations`` runs it on a dossier."""

    code: str
    path: tuple[Step, ...]
    text: str
    ops: tuple[tuple[str, Operand], ...]
    required: bool = False
    contains: Operand | None = None
    when: tuple[Condition, ...] = ()
    keys: Mapping[str, str] | None = None

    def key(self, op: str) -> str:
        return (self.keys or {}).get(op, op)

    def violations(self, dossier: Any, params: Any, lang: str) -> Iterator[Violation]:
        if self.contains is not None:
            yield from self._contains(dossier, params)
            return
        holds = self._conditions(dossier, params)
        for path, chosen, value in walk(dossier, self.path):
            if not holds(chosen):
                continue
            if absent(value):
                if self.required:
                    yield Violation(path, key=self.key("required"), args={"path": format_path(path)})
                continue
            if isinstance(value, Placeholder):
                if self.required:
                    args = {"path": format_path(path), "value": value}
                    yield Violation(path, key=self.key("placeholder"), args=args)
                continue
            for op, operand in self.ops:
                expected = _prepared(op, operand.resolve(dossier, chosen, params))
                if expected is None or isinstance(expected, Placeholder) or not _fails(op, value, expected):
                    continue
                described = operand.describe(params, lang)
                args = {
                    "path": format_path(path),
                    "value": value,
                    "expected": expected.pattern if op == "pattern" else expected,
                    "other": f" ({described})" if described else "",
                }
                yield Violation(path, key=self.key(op), args=args)

    def _conditions(self, dossier: Any, params: Any) -> Any:
        """Whether the conditions hold for the elements ``chosen``, each condition evaluated once
        per element it is bound to (a condition over another list is evaluated once per dossier:
        no loop over members inside a loop over members)."""
        cache: dict[tuple[int, tuple[int, ...]], bool] = {}

        def holds(chosen: tuple[int, ...]) -> bool:
            for n, condition in enumerate(self.when):
                key = (n, chosen[: condition.bound])
                if key not in cache:
                    cache[key] = condition.holds(dossier, chosen, params)
                if not cache[key]:
                    return False
            return True

        return holds

    def _contains(self, dossier: Any, params: Any) -> Iterator[Violation]:
        # the values of the last selecting step, grouped by the elements the earlier ones chose
        holds = self._conditions(dossier, params)
        groups: dict[tuple[int, ...], tuple[tuple[str | int, ...], set[Any]]] = {}
        last = max(i for i, s in enumerate(self.path) if s.selects)
        lists = {}
        for path, chosen, value in walk(dossier, self.path[:last]):
            if value is not MISSING:  # a list is only missing when what holds it is absent
                lists[chosen] = path
        for chosen, list_path in lists.items():
            if not holds(chosen):
                continue
            values = {
                v
                for _, _, v in walk(dossier, self.path, dict(enumerate(chosen)))
                if not absent(v) and not isinstance(v, Placeholder)
            }
            groups[chosen] = (list_path, values)
        assert self.contains is not None
        for chosen, (list_path, values) in groups.items():
            wanted = self.contains.resolve(dossier, chosen, params)
            if wanted is None:  # a parameter left unset: nothing is required
                continue
            for item in wanted if isinstance(wanted, list) else [wanted]:
                if item not in values:
                    args = {"path": format_path(list_path), "missing": item}
                    yield Violation(list_path, key=self.key("contains"), args=args)


def _condition(raw: Any, subject: tuple[Step, ...], declared: Mapping[str, Any]) -> Condition:
    if not isinstance(raw, Mapping) or "path" not in raw:
        raise DeclarativeError("when: each condition is a mapping with a path and operators")
    unknown = set(raw) - {"path", "required", *COMPARISONS}
    if unknown:
        raise DeclarativeError(f"when: unknown operator(s) {', '.join(sorted(unknown))}")
    steps = parse_path(raw["path"])
    kind, _ = shape(steps, raw["path"])
    ops = []
    for op in COMPARISONS:
        if op in raw:
            if kind not in COMPARISONS[op]:
                raise DeclarativeError(f"when: {op} does not apply to {raw['path']} (a {kind})")
            ops.append((op, _operand(op, raw[op], subject, kind, declared)))
    return Condition(steps, binding(subject, steps), tuple(ops))


def compile_check(code: str, raw: Any, declared: Mapping[str, Any], messages: Mapping[str, Any]) -> Check:
    """Build a :class:`Check` from a pack's ``check:`` mapping; ``declared`` are the rule's parameters."""
    if not isinstance(raw, Mapping) or "path" not in raw:
        raise DeclarativeError("check: a mapping with a path and at least one operator")
    unknown = set(raw) - {"path", "when", *OPERATORS}
    if unknown:
        close = difflib.get_close_matches(sorted(unknown)[0], OPERATORS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise DeclarativeError(f"check: unknown key(s) {', '.join(sorted(unknown))}{hint}")
    text = str(raw["path"])
    steps = parse_path(text)
    kind, item_kind = shape(steps, text)
    if not any(op in raw for op in OPERATORS):
        raise DeclarativeError(f"check: no operator (one of {', '.join(OPERATORS)})")
    required = raw.get("required", False)
    if type(required) is not bool:
        raise DeclarativeError("required: true or false")
    ops: list[tuple[str, Operand]] = []
    contains = None
    if "contains" in raw:
        if set(raw) & {"required", *COMPARISONS}:
            raise DeclarativeError("contains: cannot be combined with other operators in one check")
        if kind == "list":  # a list of values (steering_committee): look at its items
            steps, kind = (*steps, Step(every=True)), item_kind or "text"
        if not any(s.selects for s in steps):
            raise DeclarativeError(f"contains: {text} is not a list (use [*] to look at a list's items)")
        contains = _operand("contains", raw["contains"], steps, kind, declared)
    for op in COMPARISONS:
        if op in raw:
            if kind not in COMPARISONS[op]:
                raise DeclarativeError(f"{op} does not apply to {text}, which holds a {kind}")
            ops.append((op, _operand(op, raw[op], steps, kind, declared)))
    when = raw.get("when") or []
    conditions = tuple(_condition(c, steps, declared) for c in (when if isinstance(when, list) else [when]))
    # a pack's own message for an operator wins, then its "default" message, then ours
    keys = {op: op if op in messages or "default" not in messages else "default" for op in MESSAGES}
    return Check(code, steps, text, tuple(ops), required, contains, conditions, keys)


def build_rule(
    code: str, name: str, raw: Any, declared: Mapping[str, Any], messages: Mapping[str, Any]
) -> RuleSpec:
    """The :class:`RuleSpec` of a pack entry's ``check:`` (raises :class:`DeclarativeError`)."""
    check = compile_check(code, raw, declared, messages)

    def declarative_rule(dossier: Any, params: Any, lang: str) -> Iterator[Violation]:
        return check.violations(dossier, params, lang)

    declarative_rule.__name__ = (name or code).replace("-", "_")
    return RuleSpec(
        code=code,
        func=declarative_rule,
        messages=MESSAGES,
        wants=("dossier", "params", "lang"),
    )


_WORDS = {
    "required": ("est renseigné", "is given"),
    "pattern": ("a la forme {x}", "has the form {x}"),
    "one_of": ("vaut {x}", "is one of {x}"),
    "minimum": ("vaut au moins {x}", "is at least {x}"),
    "maximum": ("vaut au plus {x}", "is at most {x}"),
    "equals": ("est égal à {x}", "equals {x}"),
    "before": ("est avant {x}", "is before {x}"),
    "after": ("est après {x}", "is after {x}"),
    "on_or_before": ("est au plus tard {x}", "is on or before {x}"),
    "on_or_after": ("est au plus tôt {x}", "is on or after {x}"),
    "contains": ("contient {x}", "contains {x}"),
}


def _spell(raw: Any, fr: bool) -> str:
    if isinstance(raw, Mapping) and "param" in raw:
        return f"{'le paramètre' if fr else 'parameter'} `{raw['param']}`"
    if isinstance(raw, Mapping) and "path" in raw:
        out = f"`{raw['path']}`"
        units = _UNITS["fr" if fr else "en"]
        for unit in _OFFSETS:
            n = raw.get(unit)
            if isinstance(n, Mapping):
                out += f" + {_spell(n, fr)} {units[unit][1]}"
            elif n:
                out += f" {'+' if n > 0 else '-'} {abs(n)} {units[unit][abs(n) != 1]}"
        return out
    if isinstance(raw, list):
        return ", ".join(f"`{v}`" for v in raw)
    return f"`{raw}`"


def describe(raw: Mapping[str, Any]) -> dict[str, str]:
    """What a check verifies, in words, for ``ctg-rules explain`` when the pack says nothing."""
    out = {}
    for lang, fr in (("fr", True), ("en", False)):
        ops = [
            _WORDS[op][not fr].format(x=_spell(raw[op], fr))
            for op in OPERATORS
            if op in raw and raw[op] is not False
        ]
        conditions = raw.get("when") or []
        conditions = conditions if isinstance(conditions, list) else [conditions]
        when = [
            f"`{c.get('path')}` "
            + " ; ".join(_WORDS[op][not fr].format(x=_spell(c[op], fr)) for op in c if op in _WORDS)
            for c in conditions
            if isinstance(c, Mapping)
        ]
        text = (
            f"Règle déclarative : `{raw.get('path')}` " if fr else f"Declarative rule: `{raw.get('path')}` "
        ) + (" ; " if fr else "; ").join(ops)
        if when:
            text += (" (si " if fr else " (when ") + (", ".join(when)) + ")"
        out[lang] = text + "."
    return out
