"""From libyaml's node graph to plain Python data: the resolver and the builders.

PyYAML's C composer builds the node graph (with the line and column of every node); the
builders here turn it into plain data in one pass, checking what ``yaml.load`` lets through:
duplicate keys, unsafe tags, impossible dates, alias bombs (:mod:`ctg_rules.loader` guards the
text before and keeps the graph for positions).

The resolver is YAML 1.2-like on purpose: ``20:30`` and ``048`` stay text (YAML 1.1 reads them as
1230 and an octal number), ``yes``/``no``/``on``/``off`` stay text, only true/false are booleans.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any, Protocol

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import regex
from .loaderrors import LoadError
from .loaderrors import position as _pos

try:  # the C loader; the pure-Python one gives the same result, slower
    from yaml import CSafeLoader as BaseLoader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as BaseLoader  # type: ignore[assignment]

__all__ = ["BaseLoader", "Builder", "ExactLoader", "FastLoader", "TreeBuilder"]


_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = _T + "str", _T + "int", _T + "float", _T + "bool", _T + "null"
TIMESTAMP, MERGE, SEQ, MAP = _T + "timestamp", _T + "merge", _T + "seq", _T + "map"
_NON_SPECIFIC = "!"

# --- resolver: one cached lookup per plain scalar ----------------------------------------------

_INT_RE = regex.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT_RE = regex.compile(
    r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z|[-+]?[0-9]+[eE][-+]?[0-9]+\Z"
    r"|[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z"
)
_TIMESTAMP_RE = regex.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?\Z"
)
_CONSTANTS = {
    "": NULL, "~": NULL, "null": NULL, "Null": NULL, "NULL": NULL,
    "true": BOOL, "True": BOOL, "TRUE": BOOL, "false": BOOL, "False": BOOL, "FALSE": BOOL,
    "<<": MERGE,
}  # fmt: skip
_CACHE: dict[str, str] = {}


def _classify(value: str) -> str:
    tag = _CONSTANTS.get(value)
    if tag is not None:
        return tag
    first = value[0]
    if first in "0123456789+-.":
        if _INT_RE.match(value):
            return INT
        if _FLOAT_RE.match(value):
            return FLOAT
        if _TIMESTAMP_RE.match(value):
            return TIMESTAMP
    return STR


class ExactLoader(BaseLoader):  # type: ignore[misc, valid-type]
    """The exact resolver: PyYAML's pure-Python loader, and texts that hold a "!" tag."""

    # The C composer calls these two hooks around every node; without path resolvers (we have
    # none) they do nothing, and a built-in that does nothing costs less than a Python method.
    descend_resolver = {}.get  # (parent, index) -> index, ignored
    ascend_resolver = tuple  # () -> (), ignored

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                tag = _CACHE.get(value)
                return _remember(value) if tag is None else tag
            return STR
        return SEQ if kind is SequenceNode else MAP


if BaseLoader is getattr(yaml, "CSafeLoader", None):
    from yaml._yaml import CParser

    class FastLoader(CParser):  # type: ignore[misc]
        """libyaml's composer alone: no constructor or resolver state to set up per file.

        Every untagged node gets the tag "" (a built-in call, not a Python method per scalar);
        the builder tells a plain scalar by its style ("") and classifies it itself. Only a
        text without "!" comes here: a non-specific tag ("! 12", a string) needs the exact
        resolver, which sees whether a scalar was tagged.
        """

        resolve = "".format  # (kind, value, implicit) -> ""
        descend_resolver = {}.get
        ascend_resolver = tuple
else:  # pragma: no cover - libyaml missing
    FastLoader = ExactLoader


def _remember(value: str) -> str:
    """The tag of a plain scalar, kept for the next files (keys and values recur)."""
    tag = _classify(value)
    if len(value) <= 64 and len(_CACHE) < 8192:  # keys and short values recur, texts do not
        _CACHE[value] = tag
    return tag


def _implicit(node: Node) -> str:
    """The tag of a node the fast composer left untagged ("")."""
    cls = node.__class__
    if cls is ScalarNode:
        if node.style:  # quoted, literal or folded; libyaml's composer gives "" for plain
            return STR
        tag = _CACHE.get(node.value)
        return _remember(node.value) if tag is None else tag
    return SEQ if cls is SequenceNode else MAP


# --- construction ------------------------------------------------------------------------------


def _short_tag(tag: str) -> str:
    """``tag:yaml.org,2002:python/object`` as it was written: ``!!python/object``."""
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag


def _to_bool(value: str) -> bool:
    low = value.lower()
    if low in ("true", "false"):
        return low == "true"
    raise ValueError(value)


def _to_null(value: str) -> None:
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    raise ValueError(value)


def _to_timestamp(value: str) -> date | datetime:
    if len(value) <= 10:
        y, m, d = value.split("-")
        return date(int(y), int(m), int(d))
    # the rare full timestamp: let PyYAML's own rules decide, then keep only what we need
    match = yaml.constructor.SafeConstructor.timestamp_regexp.match(value)
    if match is None:
        raise ValueError(value)
    g = match.groupdict()
    day = date(int(g["year"]), int(g["month"]), int(g["day"]))
    if not g["hour"]:
        return day
    fraction = int((g["fraction"] or "0")[:6].ljust(6, "0"))
    tz = None
    if g["tz_sign"]:
        delta = timedelta(hours=int(g["tz_hour"]), minutes=int(g["tz_minute"] or 0))
        tz = timezone(-delta if g["tz_sign"] == "-" else delta)
    elif g["tz"]:
        tz = timezone.utc
    return datetime(
        day.year, day.month, day.day, int(g["hour"]), int(g["minute"]), int(g["second"]), fraction, tz
    )


def _date_reason(value: str, exc: ValueError) -> tuple[str, str]:
    """Why a date-shaped value is no date, in French and English."""
    match = re.match(r"(\d+)-(\d+)-(\d+)", value)
    if match is None:  # only an explicit !!timestamp tag gets here with such a value
        return "ce n'est pas une date AAAA-MM-JJ", "not a YYYY-MM-DD date"
    year, month, day = (int(part) for part in match.groups())
    if year == 0:
        return "il n'y a pas d'an 0", "there is no year 0"
    if not 1 <= month <= 12:
        return f"il n'y a pas de mois {month}", f"there is no month {month}"
    length = calendar.monthrange(year, month)[1]
    if day == 0:
        return "il n'y a pas de jour 0", "there is no day 0"
    if day > length:
        from .dates import MONTHS_FR  # only on this error path

        name = {number: word for word, number in MONTHS_FR.items()}[month]  # the accented spelling comes last
        return (
            f"{name} {year} n'a que {length} jours",
            f"{calendar.month_name[month]} {year} has only {length} days",
        )
    return "heure impossible", f"impossible time: {exc}"


_SCALARS: dict[str, Any] = {
    STR: None,
    INT: int,
    FLOAT: float,
    BOOL: _to_bool,
    NULL: _to_null,
    TIMESTAMP: _to_timestamp,
    _NON_SPECIFIC: None,
    MERGE: None,
}
_KIND_NAMES = {
    INT: ("nombre entier", "integer"),
    FLOAT: ("nombre", "number"),
    BOOL: ("true/false", "true/false"),
    NULL: ("valeur vide (null)", "null"),
    TIMESTAMP: ("date", "date"),
}


def _scalar(node: ScalarNode, tag: str) -> Any:
    """A scalar's value by its tag; an unsafe tag or a value its tag refuses is a located error."""
    try:
        convert = _SCALARS[tag]
    except KeyError:
        raise LoadError("unsafe_tag", *_pos(node), tag=_short_tag(tag)) from None
    if convert is None:
        return node.value
    try:
        return convert(node.value)
    except ValueError as exc:
        if tag == TIMESTAMP:
            fr, en = _date_reason(node.value, exc)
            raise LoadError(
                "impossible_date", *_pos(node), value=node.value, reason=en, reason_fr=fr
            ) from None
        kind = _KIND_NAMES.get(tag, (tag, tag))
        raise LoadError("bad_value", *_pos(node), value=node.value, kind=kind[1], kind_fr=kind[0]) from None


class TreeBuilder:
    """Construction of a text without anchors ("&") or tags ("!"), which is every usual dossier.

    Without anchors there are no aliases: every node is built once, and no more nodes than
    guard() bounded; without tags every node's tag is implicit. What is left to do is what
    PyYAML's constructor does, minus its bookkeeping: a plain scalar's type, keys checked
    for duplicates, the depth limit, merge keys ("<<"), extension keys ("x-") left out.
    """

    __slots__ = ("max_depth",)

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth

    def build(self, node: Node, depth: int) -> Any:
        cls = node.__class__
        if cls is ScalarNode:
            return _scalar(node, _implicit(node))
        if depth >= self.max_depth:
            raise LoadError("too_deep", *_pos(node), limit=self.max_depth)
        if cls is MappingNode:
            return self.mapping(node, depth + 1)
        items = []
        for child in node.value:
            if child.__class__ is ScalarNode:
                value = child.value
                if not child.style:  # plain: its type depends on its text
                    tag = _CACHE.get(value) or _remember(value)
                    if tag is not STR:
                        value = _scalar(child, tag)
                items.append(value)
            else:
                items.append(self.build(child, depth + 1))
        return items

    def mapping(self, node: MappingNode, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        extensions: set[str] = set()
        merged: list[dict[Any, Any]] = []
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                raise LoadError("complex_key", *_pos(key_node))
            key = key_node.value
            if not key_node.style:
                tag = _CACHE.get(key) or _remember(key)
                if tag is not STR:
                    if tag is MERGE:
                        merged.extend(_merge_sources(self.build, value_node, depth))
                        continue
                    key = _scalar(key_node, tag)
            if key.__class__ is str and key[:2] == "x-":
                # Extension keys are kept out of the data (and out of validation) but stay in the nodes.
                if key in extensions:
                    raise _duplicate(node, key_node, key)
                extensions.add(key)
                continue
            if key in result:
                raise _duplicate(node, key_node, key)
            if value_node.__class__ is ScalarNode:
                value = value_node.value
                if not value_node.style:
                    tag = _CACHE.get(value) or _remember(value)
                    if tag is not STR:
                        value = _scalar(value_node, tag)
                result[key] = value
            else:
                result[key] = self.build(value_node, depth)
        return _merged(result, merged)


def _duplicate(mapping: MappingNode, key_node: Node, key: Any) -> LoadError:
    """The error for a key met twice, pointing at the second and naming the first's line."""
    builder = TreeBuilder(1)  # keys are scalars: no depth to bound
    for first, _ in mapping.value:
        if first.__class__ is ScalarNode and builder.build(first, 0) == key:
            break
    return LoadError("duplicate_key", *_pos(key_node), key=key, first=first.start_mark.line + 1)


class NodeLimits(Protocol):
    """What the builder bounds (``ctg_rules.loader.Limits`` has these and more)."""

    @property
    def max_nodes(self) -> int: ...

    @property
    def max_aliases(self) -> int: ...

    @property
    def max_depth(self) -> int: ...


class Builder:
    """Construction of any text (anchors, aliases, tags), counting nodes and aliases against the limits."""

    __slots__ = ("aliases", "limits", "nodes", "open", "seen")

    def __init__(self, limits: NodeLimits) -> None:
        self.limits = limits
        self.nodes = 0
        self.aliases = 0
        self.seen: set[int] = set()
        self.open: set[int] = set()

    def build(self, node: Node, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise LoadError("too_many_nodes", *_pos(node), limit=self.limits.max_nodes)
        cls = node.__class__
        if cls is ScalarNode:
            return _scalar(node, node.tag or _implicit(node))
        if depth >= self.limits.max_depth:
            raise LoadError("too_deep", *_pos(node), limit=self.limits.max_depth)
        ident = id(node)
        if ident in self.seen:
            if ident in self.open:
                raise LoadError("recursive_alias", *_pos(node))
            self.aliases += 1
            if self.aliases > self.limits.max_aliases:
                raise LoadError("too_many_aliases", *_pos(node), limit=self.limits.max_aliases)
        self.seen.add(ident)
        self.open.add(ident)
        try:
            if cls is SequenceNode:
                if node.tag and node.tag != SEQ:
                    raise LoadError("unsafe_tag", *_pos(node), tag=_short_tag(node.tag))
                depth += 1
                items = []
                for child in node.value:
                    if _is_text(child):  # the common case, inline
                        self.nodes += 1
                        if self.nodes > self.limits.max_nodes:
                            raise LoadError("too_many_nodes", *_pos(child), limit=self.limits.max_nodes)
                        items.append(child.value)
                    else:
                        items.append(self.build(child, depth))
                return items
            if node.tag and node.tag != MAP:
                raise LoadError("unsafe_tag", *_pos(node), tag=_short_tag(node.tag))
            return self.build_mapping(node, depth + 1)
        finally:
            self.open.discard(ident)

    def build_mapping(self, node: MappingNode, depth: int) -> dict[Any, Any]:
        # Plain text keys and values (tagged by our own resolver, hence the identity test) are
        # taken inline, counted as build() counts them: most of a dossier is plain text, and a
        # call per scalar would cost as much as the rest of the construction.
        result: dict[Any, Any] = {}
        first: dict[Any, Node] = {}  # key -> its node, for the line of a duplicate's first occurrence
        merged: list[dict[Any, Any]] = []
        limit = self.limits.max_nodes
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                raise LoadError("complex_key", *_pos(key_node))
            if _is_text(key_node):
                self.nodes += 1
                if self.nodes > limit:
                    raise LoadError("too_many_nodes", *_pos(key_node), limit=limit)
                key = key_node.value
            elif (key_node.tag or _implicit(key_node)) == MERGE:
                merged.extend(_merge_sources(self.build, value_node, depth))
                continue
            else:
                key = self.build(key_node, depth)
            if key in first:
                line = first[key].start_mark.line + 1
                raise LoadError("duplicate_key", *_pos(key_node), key=key, first=line)
            first[key] = key_node
            # Extension keys are kept out of the data (and out of validation) but stay in the nodes.
            if key.__class__ is str and key[:2] == "x-":
                continue
            if _is_text(value_node):
                self.nodes += 1
                if self.nodes > limit:
                    raise LoadError("too_many_nodes", *_pos(value_node), limit=limit)
                result[key] = value_node.value
            else:
                result[key] = self.build(value_node, depth)
        return _merged(result, merged)


def _is_text(node: Node) -> bool:
    """A scalar whose value is its text: tagged str, quoted, or plain and classified as text."""
    if node.__class__ is not ScalarNode:
        return False
    tag = node.tag
    return tag is STR or (not tag and bool(node.style or _CACHE.get(node.value) is STR))


def _merge_sources(build: Any, node: Node, depth: int) -> list[dict[Any, Any]]:
    """The mappings a merge key ("<<") brings: one mapping, or a list of mappings, built."""
    if isinstance(node, MappingNode):
        return [build(node, depth)]
    if isinstance(node, SequenceNode) and all(isinstance(n, MappingNode) for n in node.value):
        return [build(n, depth) for n in node.value]
    raise LoadError("merge", *_pos(node))


def _merged(result: dict[Any, Any], sources: list[dict[Any, Any]]) -> dict[Any, Any]:
    """``result`` with the merged mappings' keys it does not have itself (the first source wins)."""
    for source in sources:
        for key, value in source.items():
            result.setdefault(key, value)
    return result
