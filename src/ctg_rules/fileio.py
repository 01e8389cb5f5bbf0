"""Writing files without ever leaving a half-written one: temporary file, then rename."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

#: link() is refused by some file systems (FAT, some network shares): fall back to a checked rename
_NO_LINKS = {errno.EPERM, errno.EACCES, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV}


@contextlib.contextmanager
def atomic_writer(path: str | Path, *, overwrite: bool = True) -> Iterator[TextIO]:
    """Open ``path`` for writing text; the file appears complete, or not at all.

    The new file gets the permissions a plain ``open()`` would give it (the umask applies), or
    those of the file it replaces.
    """
    target = Path(path)
    if not overwrite and target.exists():
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))
    fd, tmp = _create_temp(target)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            mode = _existing_mode(target)
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, target)
        else:
            _publish_new(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: readers see the old file or the new one, never a part."""
    target = Path(path)
    fd, tmp = _create_temp(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _publish_new(tmp: str, target: Path) -> None:
    # link() refuses to replace: no window where another writer's file is clobbered
    try:
        os.link(tmp, target)
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        if target.exists():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target)) from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)


def _create_temp(target: Path) -> tuple[int, str]:
    """A new file next to ``target``, created as open() would (mode 0o666 less the umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        name = os.path.join(target.parent, f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target))  # pragma: no cover


def _existing_mode(target: Path) -> int | None:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return None


def same_file(output: str | Path, inputs: Iterable[str | Path]) -> Path | None:
    """The input that ``output`` would overwrite (the same file, by any name), or None."""
    try:
        out = Path(output).stat()
    except OSError:
        return None  # nothing there yet: nothing to overwrite
    for candidate in inputs:
        with contextlib.suppress(OSError):
            info = Path(candidate).stat()
            if (info.st_dev, info.st_ino) == (out.st_dev, out.st_ino):
                return Path(candidate)
    return None
