"""YAML loading with exact positions, for dossiers and for any YAML file a hook hands us.

PyYAML's C composer builds the node graph (with the line and column of every node); a small
constructor of our own turns it into plain Python data in one pass, checking what ``yaml.load``
lets through: duplicate keys, unsafe tags, impossible dates, alias bombs. Positions are not
copied anywhere: the node graph is kept and walked only when a finding needs a location.

The resolver is YAML 1.2-like on purpose: ``20:30`` and ``048`` stay text (YAML 1.1 reads them as
1230 and an octal number), ``yes``/``no``/``on``/``off`` stay text, only true/false are booleans.
"""

from __future__ import annotations

import calendar
import codecs
import os
import re
import stat
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
    #: documents (PDF, DOCX, text) the dossier is extracted from
    max_document_bytes: int = 100 * 1024 * 1024
    max_pages: int = 2000
    #: what a DOCX may unpack to: real ones stay under a few megabytes
    max_unpacked: int = 200 * 1024 * 1024


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
        "fichier trop volumineux ({size} octets ; limite {limit}) : ce n'est pas un dossier"
        " (limite réglable : --limit max-file-size=20MB)",
        "file too large ({size} bytes; limit {limit}): not a dossier"
        " (the limit can be raised: --limit max-file-size=20MB)",
    ),
    "binary": (
        "fichier binaire (octet nul à l'octet {offset}) : ce n'est pas un fichier YAML",
        "binary file (NUL byte at offset {offset}): not a YAML file",
    ),
    "encoding": (
        "le fichier n'est pas en UTF-8 (octet invalide 0x{byte:02x}) : enregistrez-le en UTF-8",
        "the file is not UTF-8 (invalid byte 0x{byte:02x}): save it as UTF-8",
    ),
    "syntax": ("YAML invalide : {problem_fr}", "invalid YAML: {problem}"),
    "tab": (
        "tabulation : YAML n'accepte que des espaces pour l'indentation",
        "tab character: YAML accepts only spaces for indentation",
    ),
    "control_char": (
        "caractère de contrôle U+{code:04X} interdit dans un fichier YAML",
        "control character U+{code:04X} is not allowed in a YAML file",
    ),
    "unclosed_quote": (
        "guillemet ouvert ligne {opened} jamais refermé",
        "quote opened at line {opened} is never closed",
    ),
    "surrogate": (
        "caractère invalide U+{code:04X} (moitié de paire UTF-16) : ce texte n'est pas de l'Unicode valide",
        "invalid character U+{code:04X} (half a UTF-16 pair): this text is not valid Unicode",
    ),
    "not_a_file": (
        "ce n'est pas un fichier ordinaire (tube, périphérique...) : il n'est pas lu",
        "not a regular file (pipe, device...): it is not read",
    ),
    "too_deep": (
        "imbrication trop profonde (plus de {limit} niveaux) : un dossier en a moins de 10",
        "nesting too deep (more than {limit} levels): a dossier has fewer than 10",
    ),
    "too_many_nodes": (
        "trop de valeurs (plus de {limit}) : expansion d'alias ou fichier démesuré"
        " (limite réglable : --limit max-nodes=N)",
        "too many values (more than {limit}): alias expansion or an oversized file"
        " (the limit can be raised: --limit max-nodes=N)",
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
    "bad_value": ("valeur « {value} » illisible comme {kind_fr}", "value '{value}' cannot be read as {kind}"),
    "impossible_date": ("date impossible : {value} ({reason_fr})", "impossible date: {value} ({reason})"),
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


#: PyYAML's (libyaml's) problem texts, in French; the English message keeps PyYAML's own words
PROBLEMS_FR: dict[str, str] = {
    "could not find expected ':'": "« : » introuvable après une clé (ligne coupée ou guillemet en trop ?)",
    "did not find expected key": "clé attendue ici (indentation incohérente ?)",
    "did not find expected ',' or '}'": "« , » ou « } » attendu",
    "did not find expected ',' or ']'": "« , » ou « ] » attendu",
    "did not find expected '-' indicator": "« - » attendu (élément de liste mal indenté ?)",
    "mapping values are not allowed in this context": (
        "« : » inattendu ici (une valeur qui contient « : » s'écrit entre guillemets)"
    ),
    "mapping values are not allowed here": (
        "« : » inattendu ici (une valeur qui contient « : » s'écrit entre guillemets)"
    ),
    "found character that cannot start any token": (
        "caractère réservé en début de valeur (écrivez la valeur entre guillemets)"
    ),
    "did not find expected node content": "valeur attendue ici",
    "did not find expected comment or line break": "commentaire ou fin de ligne attendu après la valeur",
    "block sequence entries are not allowed in this context": "élément de liste « - » inattendu ici",
    "did not find expected alphabetic or numeric character": "nom attendu après « & » ou « * »",
    "found unexpected end of stream": "fin de fichier inattendue",
    "did not find expected <document start>": "début de document attendu",
    "found undefined alias": "alias « * » sans ancre « & » correspondante",
    "found unexpected ':'": "« : » inattendu",
    "but found another document": "un seul document attendu ; un second commence ici",
    "did not find expected whitespace or line break": "espace ou fin de ligne attendu",
    "found invalid Unicode character escape code": "séquence « \\u » qui ne désigne aucun caractère",
    "found unknown escape character": "séquence d'échappement « \\ » inconnue entre guillemets",
    "could not find expected directive name": "nom de directive attendu après « % »",
    "mapping keys are not allowed in this context": "clé inattendue ici",
    "second occurrence": "ancre « & » définie deux fois",
    "found duplicate anchor": "ancre « & » définie deux fois",
    "syntax error": "erreur de syntaxe",
}
#: where PyYAML's own words would puzzle an English reader too
PROBLEMS_EN: dict[str, str] = {
    "found character that cannot start any token": (
        "found a character that cannot start a value (write the value in quotes)"
    ),
    "second occurrence": "anchor '&' defined twice",
    "found duplicate anchor": "anchor '&' defined twice",
    "but found another document": "one document expected; a second one starts here",
    "found undefined alias": "alias '*' without a matching anchor '&'",
}
_TAB_PROBLEMS = (
    "found a tab character that violates indentation",
    "found a tab character where an indentation space is expected",
)

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


if _BaseLoader is getattr(yaml, "CSafeLoader", None):
    from yaml._yaml import CParser

    class _FastLoader(CParser):  # type: ignore[misc]
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
    _FastLoader = _Loader


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


def _pos(node: Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


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


class _TreeBuilder:
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
    builder = _TreeBuilder(DEFAULT_LIMITS.max_depth)
    for first, _ in mapping.value:
        if first.__class__ is ScalarNode and builder.build(first, 0) == key:
            break
    return LoadError("duplicate_key", *_pos(key_node), key=key, first=first.start_mark.line + 1)


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
#: the characters without which YAML cannot start a new node (entries, keys, values, collections)
_INDICATORS = "-:?[{,"


def node_bound(text: str) -> int:
    """An upper bound on the nodes the composer would build from ``text``, cheap to compute.

    Every node but the root needs an indicator of its own (``-``, ``:``, ``?``, ``[``, ``{``,
    ``,``), and no indicator brings more than two (a key and its value).
    """
    return 2 * sum(text.count(c) for c in _INDICATORS) + 1


def guard(text: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse too-deep nesting and too many nodes before the composer builds anything.

    The C composer recurses (it dies on deep enough nesting unless libyaml enforces its own
    1,000-level limit, probed once) and holds every node in memory (~300 bytes each). When the
    nesting is safe and ``node_bound`` is within ``max_nodes`` (every real dossier), nothing more
    is done; otherwise the parser's events (an iterative walk, safe on any depth, in constant
    memory) are counted first, and the walk stops at the first node over a limit.
    """
    global _SAFE_PARSER
    if _SAFE_PARSER is None:
        _SAFE_PARSER = _parser_limits_depth()
    count_nodes = 2 * len(text) + 1 > limits.max_nodes and node_bound(text) > limits.max_nodes
    if not _SAFE_PARSER or count_nodes:
        _walk(text, limits)


def _walk(text: str, limits: Limits) -> None:
    """Count nodes and nesting over the parser's events; raise LoadError at the first one too many."""
    max_depth, max_nodes = limits.max_depth, limits.max_nodes
    depth = nodes = 0
    start, end, scalar = yaml.CollectionStartEvent, yaml.CollectionEndEvent, yaml.ScalarEvent
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            cls = event.__class__
            if cls is scalar or isinstance(event, start):
                nodes += 1
                if nodes > max_nodes:
                    raise LoadError("too_many_nodes", *_pos(event), limit=max_nodes)
                if cls is not scalar:
                    depth += 1
                    if depth > max_depth:
                        raise LoadError("too_deep", *_pos(event), limit=max_depth)
            elif isinstance(event, end):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text, max_depth) from None


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, depth_limit: int = 1000) -> LoadError:
    """PyYAML's error, located, in plain words (tabs and unclosed quotes named as such)."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "syntax error"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if "maximum nesting depth" in str(exc):
        return LoadError("too_deep", line, column, limit=min(depth_limit, 1000))
    index = getattr(mark, "index", -1) if mark else -1
    if problem in _TAB_PROBLEMS or (
        problem == "found character that cannot start any token"
        and 0 <= index < len(text)
        and text[index] == "\t"
    ):
        return LoadError("tab", line, column)
    context = exc.context or ""
    if problem == "found unexpected end of stream" and "quoted scalar" in context and exc.context_mark:
        start = exc.context_mark
        return LoadError("unclosed_quote", start.line + 1, start.column + 1, opened=start.line + 1)
    return _syntax(problem, line, column)


def _yaml_error(exc: yaml.YAMLError, text: str, depth_limit: int = 1000) -> LoadError:
    """Any other PyYAML error: a control character (located by its first occurrence), or the text."""
    if isinstance(exc, yaml.MarkedYAMLError):
        return _syntax_error(exc, text, depth_limit)
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        index = text.find(chr(exc.character))
        if index >= 0:
            line = text.count("\n", 0, index) + 1
            return LoadError("control_char", line, index - text.rfind("\n", 0, index), code=exc.character)
    return _syntax(str(exc).split("\n", 1)[0])


def _syntax(problem: str, line: int = 1, column: int = 1) -> LoadError:
    english = PROBLEMS_EN.get(problem, problem)
    return LoadError("syntax", line, column, problem=english, problem_fr=PROBLEMS_FR.get(problem, english))


@dataclass
class Document:
    """A loaded YAML document: plain data, its node graph (for positions) and its text."""

    data: Any
    root: Node | None
    text: str

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        return locate(self.root, path, key=key)


def parse(text: str, limits: Limits = DEFAULT_LIMITS, *, utf8: bytes | None = None) -> Document:
    """Parse YAML text (one document) into data plus positions; raise LoadError.

    ``utf8``: the text's UTF-8 bytes when the caller has them (a file as read): libyaml reads
    UTF-8, and a ``str`` would be encoded back to it first.
    """
    source = text if utf8 is None else utf8
    try:
        guard(text, limits)
        # without tags ("!") the fast composer; without anchors ("&") too, the tree builder
        fast = _FastLoader is not _Loader and "!" not in text
        loader = _FastLoader(source) if fast else _Loader(text)
    except UnicodeEncodeError as exc:  # only text handed to the API can hold lone surrogates
        line = text.count("\n", 0, exc.start) + 1
        column = exc.start - text.rfind("\n", 0, exc.start)
        raise LoadError("surrogate", line, column, code=ord(text[exc.start])) from None
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        error = _yaml_error(exc, text, limits.max_depth)
        if error.message_id == "too_deep" and limits.max_depth < 1000:
            # libyaml stopped at its own limit (1,000 levels): point at the configured one when
            # the events get there before libyaml's look-ahead does
            _walk(text, limits)
        raise error from None
    finally:
        loader.dispose()
    if root is None:
        return Document(None, None, text)
    if fast and "&" not in text:
        return Document(_TreeBuilder(limits.max_depth).build(root, 0), root, text)
    try:
        data = _Builder(limits).build(root, 0)
    except LoadError as exc:
        if exc.message_id == "too_many_aliases":  # the graph has lost the aliases' own positions
            exc.line, exc.column = _alias_culprit(text, limits.max_aliases)
        raise
    return Document(data, root, text)


def _alias_culprit(text: str, limit: int) -> tuple[int, int]:
    """Where to point when aliases are too many: the alias one over the limit or, when there are
    fewer (the expansion multiplied them), the first alias of a value that holds aliases itself."""
    aliases: list[Any] = []
    nesting: set[str] = set()  # anchors whose value contains an alias
    open_anchors: list[str | None] = []
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            open_anchors.append(event.anchor)
        elif isinstance(event, yaml.CollectionEndEvent):
            open_anchors.pop()
        elif isinstance(event, yaml.AliasEvent):
            aliases.append(event)
            nesting.update(a for a in open_anchors if a is not None)
    if len(aliases) > limit:
        return _pos(aliases[limit])
    return next((_pos(a) for a in aliases if a.anchor in nesting), _pos(aliases[-1]))


def _open_nonblocking(path: str, flags: int) -> int:
    # a named pipe would block open() until a writer comes: never wait for one
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def read(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse one YAML file."""
    try:
        with open(path, "rb", opener=_open_nonblocking) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise LoadError("not_a_file")
            if info.st_size > limits.max_bytes:
                raise LoadError("too_large", size=info.st_size, limit=limits.max_bytes)
            # read(n) allocates n bytes first: ask for the file's size (plus one byte, to see it
            # grow), not for the limit (10 MB allocated and freed per file cost more than parsing)
            raw = handle.read(info.st_size + 1)
            if len(raw) > info.st_size:  # it grew since fstat: read on up to the limit
                raw += handle.read(limits.max_bytes + 1 - len(raw))
    except OSError as exc:
        raise LoadError("unreadable", reason=exc.strerror or exc) from None
    text = decode(raw, limits)
    # without a byte-order mark the bytes are the text's own UTF-8 (decode() checked them)
    return parse(text, limits, utf8=None if raw.startswith(_BOMS) else raw)


_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


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
