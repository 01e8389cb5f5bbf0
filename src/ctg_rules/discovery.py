"""Which files a run checks: those named, and the dossiers found in the folders named (as ruff finds files).

A file named on the command line is always checked. In a folder, YAML files are taken, except:
hidden entries and tool folders (the default ``exclude``), what the configuration's ``exclude``
(replacing the default) and ``extend-exclude`` globs name, and what ``.gitignore`` files ignore
inside a git repository (``respect-gitignore``, on by default). Globs read as in ``.gitignore``
(pathspec's implementation): one with a ``/`` is anchored at the configuration's folder, one
without matches at any depth. Documents met in folders (PDF, DOCX, ODT, text) are read; old Word
files are counted, so that a run that checked nothing can say why.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

YAML_SUFFIXES = (".yaml", ".yml")
#: what a clerk drops in a folder: counted when a folder walk does not check them
DOCUMENT_KINDS = {".pdf": "PDF", ".docx": "DOCX", ".doc": "DOC", ".odt": "ODT"}
#: documents a folder walk reads (ctg_rules.assembly groups them into dossiers); a .doc is read
#: when it is a DOCX or an RTF inside (Word saves them so), counted as an old Word file otherwise
READABLE = (".pdf", ".docx", ".odt", ".rtf", ".txt", ".md", ".text", ".markdown")
#: hidden entries and the folders of tools (virtual environments, caches)
DEFAULT_EXCLUDE = (".*", "node_modules/", "__pycache__/", "venv/", "site-packages/")


@dataclass(frozen=True)
class Exclusion:
    """What a configuration leaves out of folder walks, and where its globs are anchored (None:
    no configuration, only globs that match at any depth)."""

    root: Path | None = None
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True


@dataclass
class Discovery:
    """The files to check, in order, and the documents the folder walks left aside, by kind."""

    files: list[Any] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)
    #: the documents met in folder walks (PDF, DOCX, text): grouped into dossiers (ctg_rules.assembly)
    documents: list[Path] = field(default_factory=list)


def discover(
    paths: Iterable[str | Path], exclusion_for: Callable[[Path], Exclusion] | None = None, host: Any = None
) -> Discovery:
    """Files named (each once, as given), the YAML files under the folders named, sorted, and their
    documents: a folder holding a convention as one dossier, any other act as its own (``host``:
    the plugins that may read a document)."""
    found = Discovery()
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            judge = exclusion_for or _default_exclusion()
            walk = _Walk(path, judge, found.ignored)
            candidates = walk.files()
            found.documents += walk.documents
            if walk.documents:
                from .assembly import group_documents

                yamls = [c for c, _ in candidates]
                units = group_documents(walk.documents, yamls, host=host)
                candidates += [(u, f"<dossier>{u}") for u in units]
        else:
            candidates = [(path, os.path.realpath(path) if path.exists() else str(path))]
        for candidate, key in candidates:
            if key not in seen:
                seen.add(key)
                found.files.append(candidate)
    return found


def _default_exclusion() -> Callable[[Path], Exclusion]:
    """Without a configuration: the default exclusions."""
    exclusion = Exclusion()
    return lambda _folder: exclusion


def _spec(lines: Iterable[str]) -> Any:
    from pathspec import GitIgnoreSpec  # only when a folder is walked

    return GitIgnoreSpec.from_lines(list(lines))


@dataclass(frozen=True)
class _Rules:
    """The globs in force in one folder: (anchor folder, spec) pairs, the last match wins."""

    pairs: tuple[tuple[Path, Any], ...] = ()

    def ignores(self, path: Path, is_dir: bool) -> bool:
        verdict = None
        for base, spec in self.pairs:
            try:
                relative = path.relative_to(base).as_posix()
            except ValueError:
                continue
            result = spec.check_file(relative + "/" if is_dir else relative)
            if result.include is not None:
                verdict = result.include
        return bool(verdict)


class _Walk:
    """One folder walk: symlinked folders are not followed; unreadable folders are skipped."""

    def __init__(self, top: Path, exclusion_for: Callable[[Path], Exclusion], ignored: Counter[str]) -> None:
        self.top = top
        self.exclusion_for = exclusion_for
        self.ignored = ignored
        self.documents: list[Path] = []
        self._excludes: dict[Exclusion, _Rules] = {}

    def files(self) -> list[tuple[Path, str]]:
        found: list[tuple[Path, str]] = []
        git = _git_root(self.top)
        start = _Rules(_gitignores_above(self.top, git)) if git else _Rules()
        folders = [(self.top, os.path.realpath(self.top), start)]
        while folders:
            folder, real, gitignore = folders.pop()
            exclusion = self.exclusion_for(folder)
            if exclusion.respect_gitignore and git is not None:
                gitignore = _with_gitignore(gitignore, folder)
            else:
                gitignore = _Rules()
            left_out = self._judge(folder, exclusion, gitignore)
            for entry in _entries(folder):
                path = Path(entry.path)
                is_dir = _is_dir(entry)
                if is_dir is None or left_out(path, is_dir):
                    continue
                if is_dir:
                    if not entry.is_symlink():
                        folders.append((path, os.path.join(real, entry.name), gitignore))
                elif entry.name.endswith(YAML_SUFFIXES):
                    key = os.path.realpath(path) if entry.is_symlink() else os.path.join(real, entry.name)
                    found.append((path, key))
                elif entry.name.lower().endswith(READABLE) or _readable_doc(entry):
                    self.documents.append(path)
                elif kind := DOCUMENT_KINDS.get(os.path.splitext(entry.name)[1].lower()):
                    self.ignored[kind] += 1
        found.sort(key=lambda item: item[0])
        return found

    def _judge(self, folder: Path, exclusion: Exclusion, gitignore: _Rules) -> Callable[[Path, bool], bool]:
        """Whether an entry of ``folder`` is left out. Rules that leave out the folder itself
        (a folder named on the command line, or inside one) do not apply to what it holds: a
        folder named is walked, as a file named is checked."""
        here = folder.absolute()
        rules = self._excludes.get(exclusion)
        if rules is None:
            spec = _spec((*exclusion.exclude, *exclusion.extend_exclude))
            root = exclusion.root.absolute() if exclusion.root else None
            rules = self._excludes[exclusion] = _Rules(((root, spec),))
        if rules.pairs[0][0] is None:  # anchored nowhere: judged from the folder itself
            rules = _Rules(((here, rules.pairs[0][1]),))
        applying = [r for r in (rules, gitignore) if r.pairs and not r.ignores(here, True)]

        def left_out(path: Path, is_dir: bool) -> bool:
            absolute = here / path.name
            return any(r.ignores(absolute, is_dir) for r in applying)

        return left_out


def _readable_doc(entry: os.DirEntry[str]) -> bool:
    """A .doc that is a DOCX or an RTF inside: read; an old Word file (OLE) is only counted."""
    if not entry.name.lower().endswith(".doc"):
        return False
    try:
        with open(entry.path, "rb") as handle:
            head = handle.read(5)
    except OSError:
        return False
    return head.startswith((b"PK\x03\x04", b"{\\rtf"))


def _entries(folder: Path) -> Sequence[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as listing:
            return list(listing)
    except OSError:  # unreadable: skipped, as os.walk does
        return []


def _is_dir(entry: os.DirEntry[str]) -> bool | None:
    try:
        return entry.is_dir()
    except OSError:
        return None


def _git_root(folder: Path) -> Path | None:
    """The repository a folder is in (its work tree's top), or None: .gitignore applies only there."""
    for candidate in (folder.absolute(), *folder.absolute().parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _gitignores_above(top: Path, git: Path) -> tuple[tuple[Path, Any], ...]:
    """The repository's own excludes and the .gitignore files between its top and ``top`` (excluded)."""
    pairs = []
    info = git / ".git" / "info" / "exclude"
    if info.is_file():
        pairs.append((git, _spec(_lines(info))))
    absolute = top.absolute()
    for folder in reversed(absolute.parents):
        if folder == git or git in folder.parents:
            ignore = folder / ".gitignore"
            if ignore.is_file():
                pairs.append((folder, _spec(_lines(ignore))))
    return tuple(pairs)


def _with_gitignore(rules: _Rules, folder: Path) -> _Rules:
    ignore = folder / ".gitignore"
    if not ignore.is_file():
        return rules
    return _Rules((*rules.pairs, (folder.absolute(), _spec(_lines(ignore)))))


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
