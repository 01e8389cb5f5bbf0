"""What the server runs on an upload: the very ``check`` and ``extract`` commands, in process.

The uploaded files are a folder, and the folder is checked as ``ctg-rules check DIR`` checks
one (the same click command, so the same discovery, assembly, configuration and reporters): a
report from the server is the report the command line gives on that folder, with paths
relative to it (as ``ctg-rules check .`` run inside it prints them). What the server adds is
safety: no local plugin runs (``--no-local-plugins``: an uploaded configuration may name Python
files), the per-file limits are pinned at the server's (an uploaded configuration cannot raise
them), one worker process, and an explicit configuration (the upload's, or an empty one) so
that no configuration file above the temporary folder applies.

Runs are serialised: the registries and caches the commands share are built for one run at a
time, and the machine of a clerk has no use for two checks at once.
"""

from __future__ import annotations

import contextlib
import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from .uploads import Upload

_LOCK = threading.Lock()
EMPTY_CONFIG = "{}\n"


@dataclass
class Outcome:
    """A command's result: its exit status, what it wrote (paths made relative) and its stderr."""

    exit_code: int
    text: str
    messages: str

    @property
    def failed(self) -> bool:
        """A usage or configuration error: nothing was checked (exit 2 with no output)."""
        return self.exit_code == 2 and not self.text


def pinned_limits(limits: Any) -> list[str]:
    """``--limit NAME=VALUE`` for every configurable limit: the command line wins over a configuration."""
    from ..config import LIMIT_KEYS

    out: list[str] = []
    for key, name in LIMIT_KEYS.items():
        if hasattr(limits, name):
            out += ["--limit", f"{key}={getattr(limits, name)}"]
    return out


def configuration(upload: Upload) -> Path:
    """The upload's configuration file, or an empty one beside the files (never one found above)."""
    if upload.config is not None:
        return upload.config
    path = upload.root / ".ctg-rules.yaml"
    write(path, EMPTY_CONFIG)
    return path


def write(path: Path, text: str) -> None:
    """A file of the request's folder, written whole."""
    from ..fileio import atomic_writer

    with atomic_writer(path) as handle:
        handle.write(text)


def check(upload: Upload, fmt: str = "json", lang: str | None = None, limits: Any = None) -> Outcome:
    """``ctg-rules check --format FMT`` on the upload's folder."""
    from ..commands.check import check as command
    from ..loader import DEFAULT_LIMITS

    out = upload.root / f"report.{fmt}"
    args = [
        str(upload.folder), "--format", fmt, "--output", str(out), "--jobs", "1", "--no-local-plugins",
        "--config", str(configuration(upload)), *pinned_limits(limits or DEFAULT_LIMITS),
    ]  # fmt: skip
    if lang:
        args += ["--lang", lang]
    return _invoke(command, args, out, upload)


def extract(upload: Upload, lang: str | None = None) -> Outcome:
    """``ctg-rules extract`` on the upload: the one document sent, or the folder of them all."""
    from ..commands.extract import extract as command

    # written in the folder (a hidden name no check picks up): `documents:` are then relative to it
    out = upload.folder / ".ctg-rules-extract.yaml"
    target = upload.folder / upload.files[0] if len(upload.files) == 1 else upload.folder
    args = [str(target), "--output", str(out), "--force"]
    if lang:
        args += ["--lang", lang]
    return _invoke(command, args, out, upload)


def _invoke(command: click.Command, args: Sequence[str], out: Path, upload: Upload) -> Outcome:
    """Run a command in process; its exit status, its output file's text and its stderr."""
    errors = io.StringIO()
    with _LOCK, contextlib.redirect_stderr(errors):
        try:
            command.main(args=list(args), prog_name="ctg-rules", standalone_mode=False)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        except click.ClickException as exc:
            errors.write(exc.format_message() + "\n")
            code = 2
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    out.unlink(missing_ok=True)
    return Outcome(code, relative(text, upload), relative(errors.getvalue(), upload))


def relative(text: str, upload: Upload) -> str:
    """Paths inside the temporary folder as the user knows them: relative to the folder sent."""
    folder = upload.folder.as_posix()
    text = text.replace(folder + "/", "").replace(folder, ".")
    return text.replace(upload.root.as_posix() + "/", "")


def read_document(path: Path, limits: Any = None) -> None:
    """Read one document before the check (the page's progress): what it costs, it costs here.

    The assembly keeps what it read per file for the run (``assembly.read``), so the check that
    follows finds the document read; one that cannot be read is said by the check itself.
    """
    from ..assembly import read
    from ..engine import registry
    from ..extract import ExtractError

    with _LOCK, contextlib.suppress(ExtractError):
        read(path, host=registry().host, limits=limits)


def line_of(folder: Path, file: str, page: int | None, line: int, cache: dict[str, Any]) -> str | None:
    """The text of line ``line`` (of page ``page``) of an uploaded file, as the reader gives it."""
    from ..extract import ExtractError, read

    path = folder / file
    if file not in cache:
        try:
            if file.lower().endswith((".yaml", ".yml")):
                cache[file] = [path.read_text(encoding="utf-8-sig", errors="replace")]
            else:
                source = read(path)
                cache[file] = source.pages or [source.text]
        except (OSError, ExtractError):
            cache[file] = None
    pages = cache[file]
    if not pages:
        return None
    text = pages[page - 1] if page and len(pages) >= page else pages[0]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # as the extractor counts
    return lines[line - 1].strip() or None if 0 < line <= len(lines) else None
