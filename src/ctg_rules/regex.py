"""Regular expressions compiled once per installation, not at every start.

The readers and rules compile about 350 expressions as their modules load: re's parser and
compiler (Python code) took a fifth of a one-document check. ``compile`` keeps what the compiler
makes of each expression (its opcodes and groups) in the on-disk cache (cache.py: marshal data,
reading it runs no code) and builds the patterns of later processes with the regular expression
engine's own constructor (C, microseconds each). An entry is only kept when the pattern built
from it equals the one ``re.compile`` made (same opcodes, flags and text), and the cache is keyed
by the Python build and the engine's version: anything unexpected falls back to ``re.compile``.
New entries are written when the readers are loaded (``save``) and at exit. The program also
keeps the expressions that other modules (the standard library's, pydantic's) compile through
``re`` itself, and puts them in ``re``'s own cache as it starts (``record``, ``prefill``).
"""

from __future__ import annotations

import re
import sys
from typing import Any

try:
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10 names them sre_compile and sre_parse
    try:
        import sre_compile as _compiler
        import sre_parse as _parser
    except ImportError:
        _compiler = _parser = None

from . import cache

_KIND = "regex"
_KEY = f"{sys.version}\x00{getattr(_sre, 'MAGIC', '')}\x00{getattr(_sre, 'CODESIZE', '')}\x00packed".encode()
_LIMIT = 4096  # entries of other versions of the code beyond this are dropped

Entry = tuple[int, list[int] | bytes, int, dict[str, int], tuple[Any, ...]]
_table: dict[tuple[str, int], Entry] | None = None
_new: dict[tuple[str, int], Entry] = {}
_used: set[tuple[str, int]] = set()


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache when it holds the expression."""
    flags = int(flags)
    if type(pattern) is not str or flags & re.DEBUG or _compiler is None:
        return re.compile(pattern, flags)
    table = _table if _table is not None else _load()
    key = (pattern, flags)
    _used.add(key)
    entry = table.get(key)
    if entry is not None:
        try:
            code = entry[1]
            if type(code) is bytes:  # kept packed: a list of ints is only made for what is used
                code = memoryview(code).cast("I").tolist()
            return _sre.compile(pattern, entry[0], code, *entry[2:])  # type: ignore[no-any-return]
        except (TypeError, ValueError, RuntimeError):  # a damaged entry: compile it again
            pass
    made = re.compile(pattern, flags)
    entry = _entry(pattern, flags)
    if entry is not None and _sre.compile(pattern, *entry) == made:
        if not _new:
            import atexit

            atexit.register(save)
        _new[key] = _packed(entry)
    return made


def _packed(entry: Entry) -> Entry:
    """The entry with its opcodes as bytes: reading back 100,000 opcodes as a marshalled list of
    ints took more than a millisecond at every start, most of them for expressions not used."""
    import array

    if getattr(_sre, "CODESIZE", 0) != array.array("I").itemsize:
        return entry
    return (entry[0], array.array("I", entry[1]).tobytes(), *entry[2:])


def _entry(pattern: str, flags: int) -> Entry | None:
    """What re's compiler makes of the expression, as plain data (None if its internals moved)."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        state = parsed.state
        index: list[str | None] = [None] * state.groups
        for name, i in state.groupdict.items():
            index[i] = name
        return (
            int(flags | state.flags),
            [int(c) for c in code],
            state.groups - 1,
            dict(state.groupdict),
            tuple(index),
        )
    except Exception:  # private API: any change only costs the cache
        return None


def _load() -> dict[tuple[str, int], Entry]:
    global _table
    kept = cache.load(_KIND, _KEY)
    _table = kept if isinstance(kept, dict) else {}
    return _table


def save() -> None:
    """Write the entries this process added (with those other processes wrote meanwhile)."""
    # past the limit, mostly expressions of earlier versions of the code: keep this run's
    cache.save_new(_KIND, _KEY, _new, _table, limit=_LIMIT, used=_used)


# --- the expressions other modules compile through re (the standard library's, pydantic's) ------

_RE_KIND = "re-cache"


def prefill() -> None:
    """Put in ``re``'s own cache the expressions that the modules a check imports (fractions,
    gettext, pydantic...) compiled through ``re`` in the program's previous runs, each built from
    its kept opcodes: ``re`` then finds them compiled. For the program only (``cli.main``)."""
    kept = cache.load(_RE_KIND, _KEY) if _re_cache() is not None else None
    if not isinstance(kept, dict):
        return
    held = _re_cache() or {}
    for (pattern, flags), entry in kept.items():
        code = entry[1]
        try:
            if type(code) is bytes:
                code = memoryview(code).cast("I").tolist()
            held.setdefault((str, pattern, flags), _sre.compile(pattern, entry[0], code, *entry[2:]))
        except (TypeError, ValueError, RuntimeError):  # damaged: re compiles it as usual
            continue


def record() -> None:
    """Keep the expressions compiled through ``re`` by this process that the caches lack (as the
    program ends); the next runs' ``prefill`` builds them."""
    held = _re_cache()
    if held is None:
        return
    kept = cache.load(_RE_KIND, _KEY)
    kept = kept if isinstance(kept, dict) else {}
    ours = _table or {}
    new: dict[tuple[str, int], Entry] = {}
    for held_key, made in list(held.items()):
        if type(held_key) is not tuple or len(held_key) != 3 or held_key[0] is not str:
            continue
        key = (held_key[1], held_key[2])
        if key in kept or key in ours or key in _new or type(key[1]) is not int or key[1] & re.DEBUG:
            continue
        entry = _entry(*key)
        try:
            if entry is not None and _sre.compile(key[0], *entry) == made:
                new[key] = _packed(entry)
        except (TypeError, ValueError, RuntimeError):  # not kept: re compiles it as usual
            continue
    if new:
        cache.merge(_RE_KIND, _KEY, new, _LIMIT, {(p, f) for (_, p, f) in held})


def _re_cache() -> dict[Any, Any] | None:
    """re's cache of compiled expressions, when it is the dict keyed (type, pattern, flags) it is
    from Python 3.7 to 3.13 (else None: nothing is prefilled)."""
    held = getattr(re, "_cache", None)
    if _compiler is None or not isinstance(held, dict) or not held:
        return None
    key = next(iter(held))
    return held if type(key) is tuple and len(key) == 3 and key[0] in (str, bytes) else None
