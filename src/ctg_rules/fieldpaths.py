"""Paths into a dossier, as declarative rules and their operands write them.

``a.b``, ``list[*]`` (every element), ``list[0]`` (one), ``list[kind=diagnostic]`` (the elements
whose ``kind`` is ``diagnostic``), in the dossier's YAML keys: :func:`parse_path` reads one,
:func:`shape` checks it against the dossier model, :func:`walk` yields the values it reaches in a
dossier. See docs/plugins.md.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from . import regex
from .model import Dossier
from .validation import model_fields_by_key, model_in

__all__ = ["MISSING", "DeclarativeError", "Step", "absent", "binding", "parse_path", "shape", "walk"]


class DeclarativeError(ValueError):
    """A ``check:`` that cannot be used (the message says what and where)."""


# --- paths ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a path: a key, a fixed index, every element, or the elements where key = value."""

    key: str | None = None
    index: int | None = None
    every: bool = False
    where: tuple[str, str] | None = None

    @property
    def selects(self) -> bool:
        """True for ``[*]`` and ``[key=value]``: the steps that make a rule look at several values."""
        return self.every or self.where is not None

    def __str__(self) -> str:
        if self.key is not None:
            return self.key
        if self.index is not None:
            return f"[{self.index}]"
        return "[*]" if self.every else f"[{self.where[0]}={self.where[1]}]"  # type: ignore[index]


_TOKEN = regex.compile(r"\.?([A-Za-z_][\w-]*)|\[\s*(\*|\d+|[A-Za-z_][\w-]*\s*=\s*[^\]]*?)\s*\]")


def parse_path(text: str) -> tuple[Step, ...]:
    """``"deliberations[*].session.date"`` -> its steps (syntax only; :func:`shape` checks the model)."""
    if not isinstance(text, str) or not text.strip():
        raise DeclarativeError("a path is text such as convention.period.end")
    steps: list[Step] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if (
            match is None
            or (pos == 0 and text.startswith("."))
            or (pos > 0 and match.group(1) and text[pos] != ".")
        ):
            raise DeclarativeError(f"path {text!r}: cannot read it from {text[pos:]!r}")
        if match.group(1):
            steps.append(Step(key=match.group(1)))
        else:
            sel = match.group(2)
            if sel == "*":
                steps.append(Step(every=True))
            elif sel.isdigit():
                steps.append(Step(index=int(sel)))
            else:
                key, _, value = sel.partition("=")
                steps.append(Step(where=(key.strip(), value.strip().strip("'\""))))
        pos = match.end()
    return tuple(steps)


def _strip(annotation: Any) -> Any:
    """``X | None`` and ``Annotated[X, ...]`` -> X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _kind(annotation: Any) -> str:
    """What a field holds: date, number, bool, text, object or list."""
    annotation = _strip(annotation)
    origin = typing.get_origin(annotation)
    if origin is list:
        return "list"
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(annotation)
        return "date" if date in args else "text"
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return "object"
        if issubclass(annotation, bool):
            return "bool"
        if issubclass(annotation, int | float):
            return "number"
        if issubclass(annotation, date):
            return "date"
    return "text"  # str, Literal[...], codes


def shape(steps: Sequence[Step], text: str) -> tuple[str, str | None]:
    """Check a path against the dossier model; return the kind of value it reaches (and of list items)."""
    annotation: Any = Dossier
    for step in steps:
        inner = _strip(annotation)
        if step.key is not None:
            model = model_in(inner) if typing.get_origin(inner) is not list else None
            if model is None:
                hint = " (a list: use [*], [0] or [key=value])" if typing.get_origin(inner) is list else ""
                raise DeclarativeError(f"path {text!r}: {step.key!r} is not under a block of keys{hint}")
            fields = model_fields_by_key(model)
            if step.key not in fields:
                import difflib  # a pack's typo only: not at every start-up

                close = difflib.get_close_matches(step.key, list(fields), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise DeclarativeError(f"path {text!r}: unknown key {step.key!r}{hint}")
            annotation = fields[step.key]
        else:
            if typing.get_origin(inner) is not list:
                raise DeclarativeError(f"path {text!r}: {step} applies to a list only")
            annotation = typing.get_args(inner)[0]
            if step.where is not None:
                model = model_in(annotation)
                if model is None or step.where[0] not in model_fields_by_key(model):
                    raise DeclarativeError(f"path {text!r}: the items have no key {step.where[0]!r}")
    kind = _kind(annotation)
    item = _kind(typing.get_args(_strip(annotation))[0]) if kind == "list" else None
    return kind, item


# --- walking a dossier ---------------------------------------------------------------------------

#: a value a path reaches that the dossier does not have
MISSING = object()


def _attribute_names(model: type[BaseModel]) -> dict[str, str]:
    names = _ATTRS.get(model)
    if names is None:
        names = _ATTRS[model] = {(info.alias or n): n for n, info in model.model_fields.items()}
    return names


_ATTRS: dict[type[BaseModel], dict[str, str]] = {}


def _get(obj: Any, key: str) -> Any:
    """The value of a key as the document gave it: a list the document does not write is absent, not empty."""
    if isinstance(obj, BaseModel):
        name = _attribute_names(type(obj))[key]
        return getattr(obj, name) if name in obj.model_fields_set else None
    return None


def walk(
    root: Any, steps: Sequence[Step], bound: Mapping[int, int] | None = None
) -> Iterator[tuple[tuple[str | int, ...], tuple[int, ...], Any]]:
    """Every value a path reaches: ``(model path, indexes chosen by its selecting steps, value)``.

    A value that does not exist comes out as ``MISSING`` while no selecting step is left (so
    ``required`` can point at it); past a missing list nothing comes out. ``bound`` fixes the
    index of some selecting steps (by their rank) to bind a path to another's elements.
    """
    bound = bound or {}

    def go(obj: Any, i: int, path: tuple[str | int, ...], chosen: tuple[int, ...]) -> Iterator[Any]:
        if i == len(steps):
            yield path, chosen, MISSING if obj is None else obj
            return
        step = steps[i]
        if obj is None or obj is MISSING:
            if not any(s.selects for s in steps[i:]):
                rest = tuple(s.key if s.key is not None else s.index for s in steps[i:])
                yield (*path, *rest), chosen, MISSING  # type: ignore[misc]
            return
        if step.key is not None:
            yield from go(_get(obj, step.key), i + 1, (*path, step.key), chosen)
        elif step.index is not None:
            value = obj[step.index] if step.index < len(obj) else MISSING
            yield from go(value, i + 1, (*path, step.index), chosen)
        else:
            rank = len(chosen)
            indexes = [bound[rank]] if rank in bound else range(len(obj))
            for n in indexes:
                if n >= len(obj):
                    continue
                item = obj[n]
                if step.where is not None and _text(_get(item, step.where[0])) != step.where[1]:
                    continue
                yield from go(item, i + 1, (*path, n), (*chosen, n))

    yield from go(root, 0, (), ())


def _text(value: Any) -> str:
    """A value as a ``[key=value]`` filter compares it (YAML spelling of booleans)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _signature(steps: Sequence[Step]) -> list[tuple[str, ...]]:
    """Which list each selecting step goes through (the keys before it), to bind paths together."""
    out, prefix = [], []
    for step in steps:
        if step.selects:
            out.append(tuple(prefix))
            prefix.append("*")
        else:
            prefix.append(str(step))
    return out


def binding(subject: Sequence[Step], other: Sequence[Step]) -> int:
    """How many selecting steps of ``other`` go through the same lists as ``subject``'s, in order."""
    n = 0
    for mine, theirs in zip(_signature(subject), _signature(other), strict=False):
        if mine != theirs:
            break
        n += 1
    return n


def absent(value: Any) -> bool:
    """Missing, null, empty text or an empty list: nothing to check."""
    return value is MISSING or value is None or value == "" or value == []
