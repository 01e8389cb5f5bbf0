"""Writing files without ever leaving a half-written one: temporary file, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


@contextlib.contextmanager
def atomic_writer(path: str | Path, *, overwrite: bool = True) -> Iterator[TextIO]:
    """Open ``path`` for writing text; the file appears complete, or not at all."""
    target = Path(path)
    if not overwrite and target.exists():
        raise FileExistsError(str(target))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if not overwrite:
            # link() refuses to replace: no window where another writer's file is clobbered
            os.link(tmp, target)
            os.unlink(tmp)
        else:
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
