"""One dossier from many documents: the convention and every party's deliberation, checked together.

A folder that holds a convention is one dossier: the convention's document first, then every
deliberation or decision found in the folder and its sub-folders (a sub-folder holding its own
convention is a dossier of its own). ``check --dossier FILE...`` makes the files named one
dossier, and a YAML dossier's ``documents:`` (paths or globs relative to it) are merged under
its own values: the YAML wins, so a clerk corrects a misread value without touching the PDF.

Every value keeps the document, page and line it was read at (:meth:`Assembled.locate`), so a
finding points into the document it is about. Each deliberation is then linked to its party
(:mod:`ctg_rules.linking`), which fills ``party.deliberation`` and the annex's ``date``,
``attached`` and ``file``; each link says why it was made.
"""

from __future__ import annotations

import glob
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .extract.documents import is_document
from .model import Dossier

__all__ = ["Assembled", "DocumentSet", "assemble", "check_set", "check_with_documents", "group_documents"]

_SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})
#: line, column, page, file (and, read from a document, the text of that line)
Located = tuple[Any, ...]
ModelPath = tuple[str | int, ...]


@dataclass(frozen=True)
class DocumentSet:
    """Documents checked as one dossier: a folder holding a convention, or ``check --dossier``."""

    name: str
    files: tuple[str, ...]
    #: where annex files are relative to (the folder; None: the first file's folder)
    base: str | None = None

    def __str__(self) -> str:
        return self.name

    def __fspath__(self) -> str:  # the configuration that applies is the folder's
        return self.base or self.name


def one_dossier(paths: Sequence[str | Path], host: Any = None) -> DocumentSet:
    """``check --dossier``: the documents named, and those under the folders named, as one dossier."""
    files: list[str] = []
    for raw in paths:
        path = Path(raw)
        found = _documents(path) if path.is_dir() else [path]
        files += [f.as_posix() for f in found if f.as_posix() not in files]
    folders = {Path(f).parent for f in files}
    base = os.path.commonpath([str(f) for f in folders]) if folders else "."
    first = sorted(files, key=lambda f: (not _holds_convention(Path(f), host), f))
    return DocumentSet(Path(base).as_posix(), tuple(first), Path(base).as_posix())


@dataclass
class _Part:
    """A part of the dossier read from one document: ``prefix`` in the dossier is ``inner`` there."""

    prefix: ModelPath
    file: str
    extraction: Any
    inner: ModelPath


@dataclass
class Assembled:
    """The dossier the documents make, where each value was read, and how the parts were linked."""

    data: dict[str, Any] = field(default_factory=lambda: {"ctg_rules": 1})
    documents: list[str] = field(default_factory=list)
    #: (file, message) of each document that could not be read or holds no act
    problems: list[tuple[str, str]] = field(default_factory=list)
    #: (file, reason) of each document that is neither a deliberation nor the convention (an annex,
    #: a letter): read, left out of the dossier, said in the report
    skipped: list[tuple[str, str]] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=list)
    #: values filled by linking: where the value they were taken from was read
    filled: dict[ModelPath, Located] = field(default_factory=dict)
    #: a YAML dossier's own positions, and the map of its list items into the merged lists
    yaml: tuple[str, Callable[..., Any], dict[ModelPath, ModelPath]] | None = None
    data_yaml: dict[str, Any] = field(default_factory=dict)
    #: links for reports: (annex id or None, party id, document, reasons as text)
    links: list[dict[str, Any]] = field(default_factory=list)

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> Located | None:
        """Document, page and line of the value at ``path`` (or of its nearest located parent)."""
        path = tuple(path)
        if self.yaml is not None:
            found = self._in_yaml(path, key)
            if found is not None:
                return found
        for end in range(len(path), 0, -1):
            if path[:end] in self.filled:
                return self.filled[path[:end]]
        for part in self.parts:
            n = len(part.prefix)
            if path[:n] == part.prefix:
                where = part.extraction.locate((*part.inner, *path[n:]))
                if where is not None:
                    text = _line(part.extraction, where)
                    block = getattr(part.extraction, "block", None)  # a Word document's paragraph
                    return (
                        where[0], where[1], where[2], part.file, text,
                        block(where[0], where[1], text) if block else None,
                    )  # fmt: skip
        return None

    def locate2(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int] | None:
        found = self.locate(path, key=key)
        return None if found is None else (found[0], found[1])

    def _in_yaml(self, path: ModelPath, key: bool) -> Located | None:
        assert self.yaml is not None
        name, locate, items = self.yaml
        translated: list[str | int] = []
        for i, part in enumerate(path):
            if isinstance(part, int):
                mapped = items.get(path[: i + 1])
                if mapped is None:
                    return None  # an item only the documents hold
                translated = list(mapped)
            else:
                translated.append(part)
        found = locate(tuple(translated), key=key) if _has(self.data_yaml, translated) else None
        return None if found is None else (found[0], found[1], None, name)


def _line(extraction: Any, where: tuple[int, int, int | None]) -> str | None:
    """The document's line a position points at (what the text report prints under a finding)."""
    lines = getattr(extraction, "lines", None)
    return lines.get((where[2], where[0])) if lines else None


def _has(data: Any, path: Sequence[str | int]) -> bool:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    return True


# --- reading the documents ----------------------------------------------------------------------

_CACHE: dict[tuple[Any, ...], Any] = {}


def read(path: str | Path, *, host: Any = None, limits: Any = None) -> Any:
    """The document's extraction (kept per file, size and date: a folder is read once per run)."""
    from .extract import extract_path

    if limits is None:  # the defaults, the same key as a run that names them
        from .loader import DEFAULT_LIMITS as limits
    try:
        info = os.stat(path)
        key: tuple[Any, ...] | None = (os.path.realpath(path), info.st_size, info.st_mtime_ns)
    except OSError:
        key = None
    # the limits are part of the key: a run's limits may refuse what the defaults read
    key = (*key, _extractors(host), limits) if key is not None else None  # type: ignore[assignment]
    if key is not None and key in _CACHE:
        return _CACHE[key]
    extraction = extract_path(path, host=host, limits=limits)
    if key is not None:
        if len(_CACHE) >= 256:
            _CACHE.clear()
        _CACHE[key] = extraction
    return extraction


def _extractors(host: Any) -> tuple[str, ...]:
    """The plugins that may extract a document: two hosts with the same ones read it alike."""
    if host is None:
        return ()
    return tuple(impl.plugin_name for impl in host.pm.hook.ctg_rules_extract.get_hookimpls())


def _holds_convention(path: Path, host: Any) -> bool:
    from .extract import ExtractError

    try:
        extraction = read(path, host=host)
    except ExtractError:
        return False
    return bool((extraction.data.get("convention") or {}).get("parties"))


def _skipped_text(path: Path, host: Any) -> bool:
    """A text file (.txt, .md) under a folder that holds no act: notes, a README, not a document."""
    from .extract import ExtractError
    from .extract.documents import TEXT_SUFFIXES

    if not path.name.lower().endswith(TEXT_SUFFIXES):
        return False
    try:
        return read(path, host=host).empty
    except ExtractError:
        return False


def group_documents(
    documents: Sequence[Path], yamls: Sequence[Path] = (), host: Any = None
) -> list[Path | DocumentSet]:
    """What checking a folder checks of its documents: each folder holding a convention as one
    dossier (its documents and its sub-folders'), every other document as a dossier of its own;
    documents a YAML dossier lists (``documents:``) are checked through it."""
    claimed = _claimed(yamls)
    documents = sorted(
        d for d in documents if os.path.realpath(d) not in claimed and not _skipped_text(d, host)
    )
    conventions = {d for d in documents if _holds_convention(d, host)}
    # a folder of several conventions says nothing of which act approves which: each on its own
    per_folder = Counter(d.parent for d in conventions)
    roots = sorted(folder for folder, n in per_folder.items() if n == 1)
    groups: dict[Path, list[Path]] = {}
    units: list[Path | DocumentSet] = []
    for document in documents:
        owners = [r for r in roots if r == document.parent or r in document.parents]
        if owners:
            groups.setdefault(max(owners, key=lambda r: len(r.parts)), []).append(document)
        else:
            units.append(document)
    for root, files in groups.items():
        files.sort(key=lambda f: (f not in conventions, f.as_posix()))
        units.append(DocumentSet(root.as_posix(), tuple(f.as_posix() for f in files), root.as_posix()))
    return sorted(units, key=str)


def _claimed(yamls: Sequence[Path]) -> set[str]:
    """The documents the YAML dossiers among ``yamls`` list (a quick look for a ``documents:`` key)."""
    import re

    import yaml

    out: set[str] = set()
    for path in yamls:
        try:
            text = path.read_text(encoding="utf-8-sig", errors="replace")
            if not re.search(r"^documents\s*:", text, re.M):
                continue
            listed = (yaml.safe_load(text) or {}).get("documents") or []
        except (OSError, yaml.YAMLError, AttributeError):
            continue
        out.update(os.path.realpath(f) for f in expand([str(x) for x in listed], path.parent))
    return out


def _documents(top: Path) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
        found += [Path(folder) / f for f in files if not f.startswith(".") and is_document(f)]
    return sorted(found)


def expand(patterns: Sequence[str], base: Path) -> list[str]:
    """A YAML dossier's ``documents:``: paths or globs relative to it, each file once, in order."""
    out: list[str] = []
    for pattern in patterns:
        full = base / pattern
        matches = sorted(glob.glob(str(full), recursive=True)) if glob.has_magic(pattern) else [str(full)]
        for match in matches:
            name = Path(match).as_posix()
            if name not in out:
                out.append(name)
    return out


# --- assembling -------------------------------------------------------------------------------------


def assemble(
    files: Sequence[str], *, host: Any = None, limits: Any = None, lang: str = "fr", verbose: bool = False
) -> Assembled:
    """The dossier the documents make: the first convention with parties, every deliberation
    (``verbose``: a document's error carries its parser's own words)."""
    from .completeness import skip_reason
    from .extract import ExtractError

    out = Assembled()
    extractions: list[tuple[str, Any]] = []
    for file in files:
        try:
            extractions.append((file, read(file, host=host, limits=limits)))
        except ExtractError as exc:
            out.problems.append((file, exc.render(lang, verbose)))
            continue
        out.documents.append(file)
    convention = next(
        ((f, x) for f, x in extractions if (x.data.get("convention") or {}).get("parties")), None
    )
    ordered = ([convention] if convention else []) + [e for e in extractions if e is not convention]
    for file, x in ordered:
        if x is (convention or (None, None))[1]:
            out.data["convention"] = x.data["convention"]
            out.parts.append(_Part(("convention",), file, x, ("convention",)))
        elif (reason := skip_reason(x.data, lang)) is not None:  # an annex, a letter: not an act
            out.skipped.append((file, reason))
            continue
        delibs = x.data.get("deliberations") or []
        for i, d in enumerate(delibs):
            k = len(out.data.setdefault("deliberations", []))
            out.data["deliberations"].append(d)
            out.parts.append(_Part(("deliberations", k), file, x, ("deliberations", i)))
        if not delibs and x is not (convention or (None, None))[1]:
            word = "aucune délibération reconnue" if lang == "fr" else "no deliberation recognised"
            out.problems.append((file, word))
    return out


def merge_yaml(out: Assembled, data: dict[str, Any], name: str, locate: Callable[..., Any]) -> None:
    """A YAML dossier over the documents' content: its own values win."""
    items: dict[ModelPath, ModelPath] = {}
    out.data = _merge(out.data, data, (), (), items)
    out.data.pop("documents", None)
    out.yaml = (name, locate, items)
    out.data_yaml = data


_KEYS = {"deliberations": "number", "parties": "id", "annexes": "id"}


def _merge(base: Any, over: Any, path: ModelPath, ypath: ModelPath, items: dict[ModelPath, ModelPath]) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = _merge(base.get(key), value, (*path, key), (*ypath, key), items)
        return merged
    if isinstance(base, list) and isinstance(over, list) and all(isinstance(v, dict) for v in over):
        merged_list = list(base)
        key = _KEYS.get(str(path[-1])) if path else None
        for j, value in enumerate(over):
            k = _same(merged_list, value, key, j)
            if k is None:
                merged_list.append(value)
                k = len(merged_list) - 1
            else:
                merged_list[k] = _merge(merged_list[k], value, (*path, k), (*ypath, j), items)
            items[(*path, k)] = (*ypath, j)
        return merged_list
    if isinstance(over, list):
        for j in range(len(over)):
            items[(*path, j)] = (*ypath, j)
    return over


def _same(items: list[Any], value: dict[str, Any], key: str | None, j: int) -> int | None:
    """The item of the documents' list a YAML item corrects: the same number or id, else the same place."""
    if key and value.get(key) is not None:
        wanted = str(value[key])
        return next(
            (k for k, v in enumerate(items) if isinstance(v, dict) and str(v.get(key)) == wanted), None
        )
    return j if j < len(items) else None


# --- linking ------------------------------------------------------------------------------------------


def link(out: Assembled, dossier: Dossier, base: Path | None, lang: str = "fr") -> None:
    """Link each deliberation to its party and fill what the link tells (never over a value given)."""
    from .linking import links

    convention = dossier.convention
    if convention is None:
        return
    for found in links(dossier):
        j = found.party
        if j is None:
            continue
        party = convention.parties[j]
        d = dossier.deliberations[found.deliberation]
        at = out.locate(("deliberations", found.deliberation, "number")) or out.locate(
            ("deliberations", found.deliberation)
        )
        if party.deliberation is None and d.number:
            party.deliberation = d.number
            _fill(out, ("convention", "parties", j, "deliberation"), at)
        if party.siren is None and d.body is not None and d.body.siren:
            party.siren = d.body.siren
            _fill(
                out,
                ("convention", "parties", j, "siren"),
                out.locate(("deliberations", found.deliberation, "body", "siren")),
            )
        annex = _annex_of(convention, party.id, d)
        file = at[3] if at else None
        if annex is not None:
            k, item = annex
            _fill_annex(out, item, k, d, file, base, at)
        reasons = ", ".join(r.render(lang) for r in found.parties[j])
        out.links.append(
            {
                "annex": annex[1].id if annex else None,
                "party": party.id,
                "document": file,
                "reasons": reasons,
            }
        )


def _fill(out: Assembled, path: ModelPath, at: Located | None) -> None:
    if at is not None:
        out.filled[path] = at


def _annex_of(convention: Any, party_id: str, d: Any) -> tuple[int, Any] | None:
    found = [
        (k, a)
        for k, a in enumerate(convention.annexes)
        if a.party == party_id and a.kind in (None, "deliberation")
    ]
    return found[0] if len(found) == 1 else None


def _fill_annex(
    out: Assembled, annex: Any, k: int, d: Any, file: str | None, base: Path | None, at: Located | None
) -> None:
    path: ModelPath = ("convention", "annexes", k)
    session = d.session.date if d.session else None
    if annex.date is None and session is not None:
        annex.date = session
        _fill(out, (*path, "date"), at)
    if annex.attached is None and file:
        annex.attached = True
        _fill(out, (*path, "attached"), at)
    if annex.file is None and file:
        annex.file = os.path.relpath(file, base) if base is not None else file
        annex.file = Path(annex.file).as_posix()
        _fill(out, (*path, "file"), at)


# --- checking -----------------------------------------------------------------------------------------


def check_set(engine: Any, unit: DocumentSet | str | Path) -> Any:
    """Check documents as one dossier (a folder: every document under it)."""
    if not isinstance(unit, DocumentSet):
        folder = Path(unit)
        unit = DocumentSet(
            folder.as_posix(), tuple(d.as_posix() for d in _documents(folder)), folder.as_posix()
        )
    lang = engine.options.lang
    options = engine.options
    out = assemble(
        unit.files, host=engine.registry.host, limits=options.limits, lang=lang, verbose=options.verbose
    )
    base = Path(unit.base) if unit.base else Path(unit.files[0]).parent if unit.files else None
    return _check(engine, out, unit.name, base)


def check_with_documents(engine: Any, document: Any, name: str) -> Any:
    """A YAML dossier listing ``documents:``: their content under the YAML's own values."""
    base = Path(name).parent
    patterns = document.data.get("documents")
    files = expand([str(p) for p in patterns], base) if isinstance(patterns, list) else []
    options = engine.options
    out = assemble(
        files, host=engine.registry.host, limits=options.limits, lang=options.lang, verbose=options.verbose
    )
    merge_yaml(out, document.data, name, document.locate)
    return _check(engine, out, name, base, source=document.text)


def _check(engine: Any, out: Assembled, name: str, base: Path | None, source: str | None = None) -> Any:
    from .completeness import skip_reason
    from .results import FileError, FileResult
    from .validation import validate

    lang = engine.options.lang
    errors = [FileError(file, None, None, message) for file, message in out.problems]
    # a YAML dossier listing documents is a dossier even when its documents say little
    empty = not out.data.get("deliberations") and not out.data.get("convention")
    reason = skip_reason(out.data, lang) if source is None or empty else None
    if reason is not None:
        if errors:
            return FileResult(name, "error", errors=errors, source="document")
        return FileResult(name, "skipped", reason=reason, source="document")
    checked = validate(out.data, out.locate2, lang)
    if isinstance(checked, list):
        for p in checked:
            where = out.locate(p.path)
            errors.append(FileError(where[3] if where else name, p.line, p.column, p.message))
        return FileResult(name, "error", errors=errors)
    link(out, checked, base, lang)
    result = engine.check_dossier(checked, name, out.locate, source=source, base=base, printed=True)
    confidence = ocr_confidence(out)
    if confidence:  # as for one document: a finding on a value the OCR was unsure of is a warning
        from .extract.confidence import downgrade

        downgrade(result.findings, confidence, engine.options.limits.ocr_confidence, lang)
    if errors:
        result.errors.extend(errors)
        result.status = "error"
    result.documents_skipped = list(out.skipped)
    if result.identity is not None:
        result.identity["documents"] = list(out.documents)
        result.identity["links"] = list(out.links)
    out.data = {}
    return result


def ocr_confidence(out: Assembled) -> dict[ModelPath, int]:
    """How sure the OCR was of each value of the dossier read on a scanned page, by dossier path
    (a value the YAML dossier gives, or read elsewhere, is not the OCR's)."""
    found: dict[ModelPath, int] = {}
    for part in out.parts:
        n = len(part.inner)
        for path, conf in (getattr(part.extraction, "confidence", None) or {}).items():
            if tuple(path[:n]) != part.inner:
                continue
            where = (*part.prefix, *path[n:])
            at = out.locate(where)
            if at is not None and len(at) > 3 and at[3] == part.file:
                found[where] = conf
    return found


def extracted_yaml(
    out: Assembled, dossier: Dossier, output: Path, *, lang: str = "fr", tool: str = "ctg-rules"
) -> str:
    """The assembled dossier as YAML: ``documents:`` relative to ``output``, each value's document and page."""
    from .extract.positions import Extraction
    from .extract.yamlout import to_yaml

    data = dossier.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True)
    data = {"ctg_rules": 1, "documents": [_relative(d, output.parent) for d in out.documents], **data}
    x = Extraction(data=data, source_name=", ".join(out.documents))
    for path in _leaves(data):
        where = out.locate(path)
        if where is not None and path[:1] != ("documents",):
            x.sources[path] = _Where(_relative(where[3], output.parent), where[0], where[2])
    return to_yaml(x, lang=lang, tool=tool)


@dataclass(frozen=True)
class _Where:
    file: str
    line: int
    page: int | None

    def __str__(self) -> str:
        return (
            f"{self.file} p.{self.page} l.{self.line}"
            if self.page is not None
            else f"{self.file} l.{self.line}"
        )


def _relative(file: str, folder: Path) -> str:
    return Path(os.path.relpath(file, folder)).as_posix()


def _leaves(node: Any, path: ModelPath = ()) -> list[ModelPath]:
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _leaves(v, (*path, k))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _leaves(v, (*path, i))] or [path]
    return [path]
