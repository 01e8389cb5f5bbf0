"""Code that Python generates at every start, compiled once per installation (the program only).

``dataclasses`` writes each class's ``__init__``, ``__repr__``, ``__eq__``... as Python source and
compiles it when the class is made, and ``typing`` compiles every annotation written as a string
(pydantic-core's 700 TypedDict fields, the dossier model's fields): about 110 classes and 900
annotations, parsed and compiled again by every process, were a fifth of a one-PDF check.
:func:`install` makes those two modules look their source up in a table of code objects kept in
the on-disk cache (cache.py: marshal, Python's own format for compiled code), keyed by the exact
source text, the compile mode and the ``__future__`` flags the compiler would have applied, and
by the Python build: the code run is the code the compiler makes of that very text. Whatever
the table lacks is compiled as before and written at exit; any surprise compiles as before.

Only the ``ctg-rules`` program installs it (``cli.main``): a program that imports ctg_rules as a
library keeps its ``dataclasses`` and ``typing`` untouched.
"""

from __future__ import annotations
import __future__

import builtins
import sys
import types
from typing import Any

from . import cache

_KIND = "generated-code"
_KEY = f"{sys.version}\x00{sys.implementation.cache_tag}\x00{getattr(sys, 'abiflags', '')}".encode()
_LIMIT = 8192  # past this many entries, those this process did not use are dropped
#: the compiler flags a frame passes on to the code it compiles (``from __future__ import ...``)
_FUTURE = 0
for _name in __future__.all_feature_names:
    _FUTURE |= getattr(__future__, _name).compiler_flag

Key = tuple[str, int, str]  # (mode, flags, source)
_table: dict[Key, Any] | None = None
_new: dict[Key, Any] = {}
_used: set[Key] = set()


def install() -> None:
    """Let ``dataclasses`` and ``typing`` take their generated code from the cache (idempotent)."""
    import dataclasses
    import typing

    if cache.directory() is None:  # caching off: nothing to read, nothing to keep
        return
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # a module global wins over the builtin
    typing.compile = _compile  # type: ignore[attr-defined]


def uninstall() -> None:
    """Give ``dataclasses`` and ``typing`` back the builtins (for tests)."""
    import dataclasses
    import typing

    for module, name in ((dataclasses, "exec"), (typing, "compile")):
        module.__dict__.pop(name, None)


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> Any:
    """``exec``, with a source text's code taken from the table."""
    caller = sys._getframe(1)
    if globals is None:  # what exec does without a namespace: the caller's
        globals, locals = caller.f_globals, caller.f_locals
    if type(source) is str:
        source = _code(source, "exec", caller.f_code.co_flags & _FUTURE)
    return builtins.exec(source, globals, locals)


def _compile(
    source: Any,
    filename: Any,
    mode: str,
    flags: int = 0,
    dont_inherit: bool = False,
    optimize: int = -1,
    **options: Any,
) -> Any:
    """``compile``, with the code of a ``"<string>"`` source taken from the table."""
    if not dont_inherit:  # the caller's __future__ flags, as the builtin takes them
        flags |= sys._getframe(1).f_code.co_flags & _FUTURE
    if (
        type(source) is str
        and filename == "<string>"
        and optimize == -1
        and not options
        and not flags & ~_FUTURE
    ):
        return _code(source, mode, flags)
    return builtins.compile(source, filename, mode, flags, True, optimize, **options)


def _code(source: str, mode: str, flags: int) -> Any:
    table = _table if _table is not None else _load()
    key = (mode, flags, source)
    _used.add(key)
    code = table.get(key)
    if code is None:
        code = builtins.compile(source, "<string>", mode, flags, True)  # raises as the builtin does
        if not _new:
            import atexit

            atexit.register(save)
        _new[key] = code
    return code


def _load() -> dict[Key, Any]:
    global _table
    kept = cache.load(_KIND, _KEY)
    valid = isinstance(kept, dict) and all(isinstance(c, types.CodeType) for c in kept.values())
    _table = kept if valid else {}
    return _table


def save() -> None:
    """Write the code this process compiled (with what other processes wrote meanwhile)."""
    cache.save_new(_KIND, _KEY, _new, _table, limit=_LIMIT, used=_used)
