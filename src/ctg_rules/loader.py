"""YAML loading with exact positions, for dossiers and for any YAML file a hook hands us.

The text is read and guarded here (size, encoding, nesting and node bounds, before the composer
builds anything); PyYAML's C composer builds the node graph, and :mod:`ctg_rules.yamlbuild`
turns it into plain data in one pass. Positions are not copied anywhere: the node graph is kept
and walked only when a finding needs a location (:func:`locate`). Errors and their messages are
in :mod:`ctg_rules.loaderrors`.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .limits import DEFAULT_LIMITS, Limits
from .loaderrors import MESSAGES, PROBLEMS_EN, PROBLEMS_FR, LoadError, yaml_error
from .loaderrors import position as _pos

# The builders under the names this module has always used (tests and benchmarks reach them here).
from .yamlbuild import BaseLoader as _BaseLoader
from .yamlbuild import Builder as _Builder
from .yamlbuild import ExactLoader as _Loader
from .yamlbuild import FastLoader as _FastLoader
from .yamlbuild import TreeBuilder as _TreeBuilder

__all__ = [
    "DEFAULT_LIMITS", "MESSAGES", "PROBLEMS_EN", "PROBLEMS_FR", "Document", "Limits", "LoadError", "decode",
    "guard", "locate", "node_bound", "parse", "read",
]  # fmt: skip


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
        raise yaml_error(exc, text, max_depth) from None


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
        error = yaml_error(exc, text, limits.max_depth)
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
        from .i18n import os_error  # only to word the error

        raise LoadError("unreadable", reason=partial(os_error, exc)) from None
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
