"""A small on-disk cache of parsed data files (the rule packs), so that start-up parses no YAML.

Parsing the built-in packs costs more than a tenth of a pre-commit run; reading them back from
the cache costs well under a millisecond. An entry is keyed by the file's content, the
ctg-rules version and the Python version, and holds plain data in ``marshal`` format (reading
one back runs no code). Anything going wrong (no writable cache directory, a damaged entry)
falls back to parsing: the cache only ever saves time.

The cache is in ``$CTG_RULES_CACHE_DIR`` when set (set it empty to turn the cache off), else in
``$XDG_CACHE_HOME/ctg-rules`` or ``~/.cache/ctg-rules`` (``%LOCALAPPDATA%\\ctg-rules`` on Windows).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ._version import __version__

MISSING: Any = object()
_FORMAT = 2  # an entry is (holds dates, data): entries of the first format are not read
_DATE, _DATETIME = "\x00date", "\x00datetime"  # YAML data never holds tuples: no clash


def directory() -> Path | None:
    """Where entries are kept, or None when caching is off."""
    chosen = os.environ.get("CTG_RULES_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "ctg-rules" if base else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ctg-rules"


def _entry(kind: str, content: bytes) -> Path | None:
    where = directory()
    if where is None:
        return None
    key = hashlib.sha256(content)
    key.update(
        f"\x00{kind}\x00{_FORMAT}\x00{__version__}\x00{sys.version_info[:2]}\x00{marshal.version}".encode()
    )
    return where / f"{kind}-{key.hexdigest()[:32]}.marshal"


def load(kind: str, content: bytes) -> Any:
    """What ``store`` kept for this content, or MISSING."""
    entry = _entry(kind, content)
    if entry is None:
        return MISSING
    try:
        dated, data = marshal.loads(entry.read_bytes())
        # most entries hold no date: read back as they are, without a walk over them
        return _thaw(data) if dated else data
    except (OSError, ValueError, EOFError, TypeError):  # absent or damaged: parse instead
        return MISSING


def merge(kind: str, content: bytes, new: dict[Any, Any], limit: int = 0, used: Any = ()) -> dict[Any, Any]:
    """Add ``new`` to the table kept for this content (with what other processes wrote meanwhile).

    Past ``limit`` entries (0: none), only the keys in ``used`` are kept: mostly entries of earlier
    versions of the code. Returns the table written.
    """
    kept = load(kind, content)
    merged = dict(kept) if isinstance(kept, dict) else {}
    merged.update(new)
    if limit and len(merged) > limit:
        merged = {k: v for k, v in merged.items() if k in used}
    store(kind, content, merged)
    return merged


def save_new(
    kind: str, content: bytes, new: dict[Any, Any], table: dict[Any, Any] | None, **merging: Any
) -> None:
    """Write the entries a process added to its ``table`` (see :func:`merge`), then empty ``new``."""
    if not new:
        return
    merge(kind, content, new, **merging)
    if table is not None:
        table.update(new)
    new.clear()


def store(kind: str, content: bytes, value: Any) -> None:
    """Keep ``value`` (plain data) for this content, if the cache directory can be written."""
    entry = _entry(kind, content)
    if entry is None:
        return
    try:
        frozen = _freeze(value)
        data = marshal.dumps((frozen != value, frozen))  # (holds dates, the data)
    except ValueError:  # a type marshal cannot hold: not worth caching
        return
    from .fileio import atomic_write_bytes  # a concurrent reader sees the whole entry or none

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(entry, data)
    except OSError:  # read-only home, full disk...: no cache, no harm
        pass


def _freeze(value: Any) -> Any:
    """Dates as tagged tuples, which marshal can hold (``datetime`` before ``date``: a subclass)."""
    if isinstance(value, dict):
        return {k: _freeze(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_freeze(v) for v in value]
    if isinstance(value, datetime):
        return (_DATETIME, value.isoformat())
    if isinstance(value, date):
        return (_DATE, value.toordinal())
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_thaw(v) for v in value]
    if isinstance(value, tuple):
        if value[0] == _DATE:
            return date.fromordinal(value[1])
        if value[0] == _DATETIME:
            return datetime.fromisoformat(value[1])
        raise ValueError("not a cache entry")
    return value
