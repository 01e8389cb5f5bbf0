"""YAML loading with exact positions, for dossiers and for any YAML file a hook hands us.

PyYAML's C composer builds the node graph (with the line and column of every node); a small
constructor of our own turns it into plain Python data in one pass, checking what ``yaml.load``
lets through: duplicate keys, unsafe tags, impossible dates, alias bombs. Positions are not
copied anywhere: the node graph is kept and walked only when a finding needs a location.

The resolver is YAML 1.2-like on purpose: ``20:30`` and ``048`` stay text (YAML 1.1 reads them as
1230 and an octal number), ``yes``/``no``/``on``/``off`` stay text, only true/false are booleans.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # the C loader; the pure-Python one gives the same result, slower
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = _T + "str", _T + "int", _T + "float", _T + "bool", _T + "null"
TIMESTAMP, MERGE, SEQ, MAP = _T + "timestamp", _T + "merge", _T + "seq", _T + "map"
_NON_SPECIFIC = "!"


@dataclass(frozen=True)
class Limits:
    """Bounds on what one file may cost (all configurable)."""

    max_bytes: int = 10 * 1024 * 1024
    max_nodes: int = 250_000
    max_aliases: int = 200
    max_depth: int = 100


DEFAULT_LIMITS = Limits()


class LoadError(Exception):
    """A file that cannot be read as a dossier, with the position of the cause (1-based)."""

    def __init__(self, message_id: str, line: int = 1, column: int = 1, **args: Any) -> None:
        self.message_id = message_id
        self.line = line
        self.column = column
        self.args_ = args
        super().__init__(self.render("en"))

    def render(self, lang: str = "fr") -> str:
        fr, en = MESSAGES.get(self.message_id, (self.message_id, self.message_id))
        template = fr if lang == "fr" else en
        try:
            return template.format(**self.args_)
        except (KeyError, IndexError):  # pragma: no cover - a template/argument mismatch
            return template


MESSAGES: dict[str, tuple[str, str]] = {
    "too_large": (
        "fichier trop volumineux ({size} octets ; limite {limit}) : ce n'est pas un dossier",
        "file too large ({size} bytes; limit {limit}): not a dossier",
    ),
    "binary": (
        "fichier binaire (octet nul à l'octet {offset}) : ce n'est pas un fichier YAML",
        "binary file (NUL byte at offset {offset}): not a YAML file",
    ),
    "encoding": (
        "le fichier n'est pas en UTF-8 (octet invalide 0x{byte:02x}) : enregistrez-le en UTF-8",
        "the file is not UTF-8 (invalid byte 0x{byte:02x}): save it as UTF-8",
    ),
    "syntax": ("YAML invalide : {problem}", "invalid YAML: {problem}"),
    "too_deep": (
        "imbrication trop profonde (plus de {limit} niveaux)",
        "nesting too deep (more than {limit} levels)",
    ),
    "too_many_nodes": (
        "trop de valeurs (plus de {limit}) : expansion d'alias ou fichier démesuré",
        "too many values (more than {limit}): alias expansion or an oversized file",
    ),
    "too_many_aliases": (
        "trop d'alias (plus de {limit}) : un dossier n'en a pas besoin",
        "too many aliases (more than {limit}): a dossier does not need them",
    ),
    "recursive_alias": (
        "alias récursif : une valeur se contient elle-même",
        "recursive alias: a value contains itself",
    ),
    "duplicate_key": (
        "clé « {key} » en double (première occurrence ligne {first}) : YAML ne garderait que la dernière",
        "duplicate key '{key}' (first at line {first}): YAML would silently keep only the last one",
    ),
    "complex_key": ("une clé doit être un simple texte", "a key must be plain text"),
    "unsafe_tag": (
        "étiquette YAML « {tag} » refusée : seules les valeurs simples sont admises",
        "YAML tag '{tag}' refused: only plain values are allowed",
    ),
    "bad_value": ("valeur « {value} » illisible comme {kind}", "value '{value}' cannot be read as {kind}"),
    "impossible_date": ("date impossible : {value} ({reason})", "impossible date: {value} ({reason})"),
    "merge": (
        "« << » doit fusionner un bloc ou une liste de blocs",
        "'<<' must merge a mapping or a list of mappings",
    ),
    "unreadable": ("fichier illisible : {reason}", "cannot read the file: {reason}"),
    "version": (
        "version de format {version} inconnue : cette version de ctg-rules lit la version 1",
        "unknown format version {version}: this version of ctg-rules reads version 1",
    ),
    "not_a_mapping": ("le dossier doit être un bloc de clés", "the dossier must be a mapping of keys"),
}


# --- resolver: one cached lookup per plain scalar ----------------------------------------------

_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT_RE = re.compile(
    r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z|[-+]?[0-9]+[eE][-+]?[0-9]+\Z"
    r"|[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z"
)
_TIMESTAMP_RE = re.compile(
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


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                tag = _CACHE.get(value)
                if tag is None:
                    tag = _classify(value)
                    if len(_CACHE) < 8192:
                        _CACHE[value] = tag
                return tag
            return STR
        return SEQ if kind is SequenceNode else MAP


# --- construction ------------------------------------------------------------------------------


def _pos(node: Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


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
_KIND_NAMES = {INT: "integer", FLOAT: "number", BOOL: "true/false", NULL: "null", TIMESTAMP: "date"}


class _Builder:
    __slots__ = ("aliases", "limits", "nodes", "open", "seen")

    def __init__(self, limits: Limits) -> None:
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
            tag = node.tag
            try:
                convert = _SCALARS[tag]
            except KeyError:
                raise LoadError("unsafe_tag", *_pos(node), tag=tag) from None
            if convert is None:
                return node.value
            try:
                return convert(node.value)
            except ValueError as exc:
                if tag == TIMESTAMP:
                    raise LoadError("impossible_date", *_pos(node), value=node.value, reason=exc) from None
                raise LoadError(
                    "bad_value", *_pos(node), value=node.value, kind=_KIND_NAMES.get(tag, tag)
                ) from None
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
                if node.tag != SEQ:
                    raise LoadError("unsafe_tag", *_pos(node), tag=node.tag)
                depth += 1
                return [self.build(child, depth) for child in node.value]
            if node.tag != MAP:
                raise LoadError("unsafe_tag", *_pos(node), tag=node.tag)
            return self.build_mapping(node, depth + 1)
        finally:
            self.open.discard(ident)

    def build_mapping(self, node: MappingNode, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        merged: list[dict[Any, Any]] = []
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                raise LoadError("complex_key", *_pos(key_node))
            if key_node.tag == MERGE:
                merged.extend(self._merge_sources(value_node, depth))
                continue
            key = self.build(key_node, depth)
            if key in first_line:
                raise LoadError("duplicate_key", *_pos(key_node), key=key, first=first_line[key])
            first_line[key] = key_node.start_mark.line + 1
            # Extension keys are kept out of the data (and out of validation) but stay in the nodes.
            if key.__class__ is str and key[:2] == "x-":
                continue
            result[key] = self.build(value_node, depth)
        for source in merged:
            for key, value in source.items():
                result.setdefault(key, value)
        return result

    def _merge_sources(self, node: Node, depth: int) -> list[dict[Any, Any]]:
        if isinstance(node, MappingNode):
            return [self.build(node, depth)]
        if isinstance(node, SequenceNode) and all(isinstance(n, MappingNode) for n in node.value):
            return [self.build(n, depth) for n in node.value]
        raise LoadError("merge", *_pos(node))


# --- reading and guarding --------------------------------------------------------------------


def decode(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    """Bytes to text: size and binary checks, BOMs, located UTF-8 errors."""
    if len(raw) > limits.max_bytes:
        raise LoadError("too_large", size=len(raw), limit=limits.max_bytes)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise LoadError("encoding", byte=raw[exc.start]) from None
    nul = raw.find(b"\x00", 0, 65536)
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise LoadError("binary", line, nul - raw.rfind(b"\n", 0, nul), offset=nul)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
        raise LoadError("encoding", line, column, byte=raw[exc.start]) from None


def _parser_limits_depth() -> bool:
    """Does this libyaml stop at its own nesting limit (1000 levels) instead of recursing on?

    Recent libyaml builds refuse deeper documents with a ScannerError; older ones let the C
    composer recurse until the process dies (seen at 100,000 levels). Probed once, at 1,001
    levels, which every version survives.
    """
    if _BaseLoader is not getattr(yaml, "CSafeLoader", None):
        return False
    try:
        yaml.compose("[" * 1001 + "]" * 1001, Loader=_BaseLoader)
    except yaml.YAMLError:
        return True
    return False


_SAFE_PARSER: bool | None = None


def guard_depth(text: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse too-deep nesting before the recursive composer sees the document.

    When libyaml enforces its own nesting limit the composer cannot overflow the C stack, and
    the builder enforces ``max_depth``; otherwise the parser's events (an iterative walk, safe
    on any depth) are counted first.
    """
    global _SAFE_PARSER
    if _SAFE_PARSER is None:
        _SAFE_PARSER = _parser_limits_depth()
    if _SAFE_PARSER:
        return
    limit = limits.max_depth
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limit:
                    raise LoadError("too_deep", *_pos(event), limit=limit)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc) from None


def _syntax_error(exc: yaml.MarkedYAMLError) -> LoadError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "syntax error"
    if "maximum nesting depth" in str(exc):
        return LoadError("too_deep", mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, limit=1000)
    if mark is None:
        return LoadError("syntax", problem=problem)
    return LoadError("syntax", mark.line + 1, mark.column + 1, problem=problem)


@dataclass
class Document:
    """A loaded YAML document: plain data, its node graph (for positions) and its text."""

    data: Any
    root: Node | None
    text: str

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        return locate(self.root, path, key=key)


def parse(text: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse YAML text (one document) into data plus positions; raise LoadError."""
    guard_depth(text, limits)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc) from None
    except yaml.YAMLError as exc:
        raise LoadError("syntax", problem=str(exc)) from None
    finally:
        loader.dispose()
    if root is None:
        return Document(None, None, text)
    return Document(_Builder(limits).build(root, 0), root, text)


def read(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse one YAML file."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        raise LoadError("unreadable", reason=exc.strerror or exc) from None
    return parse(decode(raw, limits), limits)


# --- positions -------------------------------------------------------------------------------


def locate(root: Node | None, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the value at ``path``; of its key when ``key`` is true.

    The walk stops at the deepest node that exists, so a path into a missing field points at
    its parent, and a path past a scalar (``present[3].name`` of a bare name) at the scalar.
    """
    if root is None:
        return 1, 1
    node: Node = root
    for index, part in enumerate(path):
        if isinstance(node, MappingNode):
            found = None
            wanted = str(part)
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value == wanted:
                    found = key_node if key and index == len(path) - 1 else value_node
                    break
            if found is None:
                break
            node = found
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            break
    return _pos(node)
