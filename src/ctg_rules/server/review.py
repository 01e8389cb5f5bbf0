"""What the page shows of an upload, streamed: each document as it is read, then the verdict.

The page sends the files (and, after the clerk corrected values, the corrections). The answer
is a stream of JSON lines: ``{"type": "progress", ...}`` as each document is read (a scan may
take seconds a page), then ``{"type": "result", ...}`` with the report (JSON v1, as
``ctg-rules check`` gives it on the folder), the dossier's values with their labels in words,
the line each finding points at, and the corrected dossier as YAML.

Corrections never touch the documents. With documents, they go in a YAML dossier that lists the
documents (``documents:``) and holds only the corrected values, which win over what was read:
the file a clerk keeps beside the PDFs, and checking the folder with it gives what the page
shows. A YAML dossier sent alone is corrected in place (in the request's folder).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from . import runs
from .uploads import YAML_SUFFIXES, Upload

ModelPath = tuple[str | int, ...]
#: how the assembly matches a YAML's list items with the documents' (ctg_rules.assembly)
LIST_KEYS = {"deliberations": "number", "parties": "id", "annexes": "id"}
MAX_CORRECTIONS = 500
OVERLAY = "dossier.yaml"


class CorrectionError(ValueError):
    """Corrections the page could not have sent (a bad path or value)."""


def review(upload: Upload, lang: str, limits: Any = None) -> Iterator[dict[str, Any]]:
    """Progress events, then the result (see the module's docstring)."""
    try:
        corrections = parse_corrections(upload.fields.get("corrections"))
    except CorrectionError as exc:
        yield {"type": "error", "message": str(exc)}
        return
    documents = [f for f in upload.files if not f.lower().endswith(YAML_SUFFIXES)]
    dossiers = [f for f in upload.files if f.lower().endswith(YAML_SUFFIXES)]
    for done, name in enumerate(documents):
        yield {"type": "progress", "done": done, "total": len(documents), "file": name}
        runs.read_document(upload.folder / name, limits)
    yield {"type": "progress", "done": len(documents), "total": len(documents), "file": None}
    if documents:
        view = _documents_view(upload, documents, corrections, lang)
    elif len(dossiers) == 1:
        view = _yaml_view(upload, dossiers[0], corrections)
    else:
        view = {"dossier": None, "yaml": None, "yaml_name": None, "messages": ""}
    outcome = runs.check(upload, "json", lang, limits)
    report = json.loads(outcome.text) if outcome.text else None
    if report is not None:
        add_excerpts(report, upload)
    dossier = view["dossier"]
    yield {
        "type": "result",
        "report": report,
        "exit_code": outcome.exit_code,
        "messages": "\n".join(m for m in (view["messages"], outcome.messages) if m).strip(),
        "dossier": dossier,
        "labels": labels(dossier, lang) if dossier else {},
        "yaml": view["yaml"],
        "yaml_name": view["yaml_name"],
    }


def parse_corrections(raw: str | None) -> list[tuple[ModelPath, Any]]:
    """``[{"path": ["deliberations", 0, "vote", "for"], "value": 12}, ...]`` checked for shape."""
    if not raw:
        return []
    try:
        items = json.loads(raw)
    except ValueError:
        raise CorrectionError("corrections: not JSON") from None
    if not isinstance(items, list) or len(items) > MAX_CORRECTIONS:
        raise CorrectionError(f"corrections: a list of at most {MAX_CORRECTIONS} items")
    out = []
    for item in items:
        path = item.get("path") if isinstance(item, dict) else None
        value = item.get("value") if isinstance(item, dict) else None
        ok_path = isinstance(path, list) and 0 < len(path) <= 12 and isinstance(path[0], str)
        if not ok_path or not all(isinstance(p, str) or (type(p) is int and p >= 0) for p in path):
            raise CorrectionError(f"corrections: bad path {path!r}")
        if path[0] in ("ctg_rules", "documents"):
            raise CorrectionError(f"corrections: {path[0]} cannot be corrected")
        if not isinstance(value, str | int | float | bool) and value is not None:
            raise CorrectionError(f"corrections: the value at {path!r} must be a scalar")
        out.append((tuple(path), _typed(value)))
    return out


def _typed(value: Any) -> Any:
    """A date typed in the page (ISO text) as a date, so the YAML holds a date, not a string."""
    if isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-":
        with contextlib.suppress(ValueError):
            return date.fromisoformat(value)
    return value


def _documents_view(
    upload: Upload, documents: list[str], corrections: list[tuple[ModelPath, Any]], lang: str
) -> dict[str, Any]:
    """The dossier the documents make (``extract``), corrected; the YAML of the corrections."""
    extracted = runs.extract(upload, lang)
    data = yaml.safe_load(extracted.text) if extracted.exit_code == 0 and extracted.text else None
    if not isinstance(data, dict):
        return {"dossier": None, "yaml": None, "yaml_name": None, "messages": extracted.messages}
    listed = data.pop("documents", None) or documents
    data.pop("ctg_rules", None)
    name = _free_name(upload, OVERLAY)
    over = overlay(data, corrections, listed)
    text = overlay_yaml(over)
    if corrections:
        runs.write(upload.folder / name, text)
        for path, value in corrections:
            assign(data, path, value)
    return {"dossier": _plain(data), "yaml": text, "yaml_name": name, "messages": extracted.messages}


def _yaml_view(upload: Upload, name: str, corrections: list[tuple[ModelPath, Any]]) -> dict[str, Any]:
    """A YAML dossier sent alone: its values, corrected in the request's copy."""
    path = upload.folder / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None  # the check says what is wrong with it
    if not isinstance(data, dict) or "ctg_rules" not in data:
        return {"dossier": None, "yaml": None, "yaml_name": None, "messages": ""}
    text = path.read_text(encoding="utf-8-sig")
    if corrections:
        for where, value in corrections:
            assign(data, where, value)
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        runs.write(path, text)
    shown = {k: v for k, v in data.items() if k != "ctg_rules"}
    return {"dossier": _plain(shown), "yaml": text, "yaml_name": Path(name).name, "messages": ""}


def _free_name(upload: Upload, name: str) -> str:
    stem, suffix = name.rsplit(".", 1)
    k = 0
    while name in upload.files:
        k += 1
        name = f"{stem}-{k}.{suffix}"
    return name


def _plain(data: Any) -> Any:
    """YAML's dates and other values as JSON gives them (dates as ISO text)."""
    return json.loads(json.dumps(data, ensure_ascii=False, default=str))


def assign(data: Any, path: ModelPath, value: Any) -> None:
    """Set the value at ``path``, creating the mappings on the way (not list items)."""
    node = data
    for k, part in enumerate(path[:-1]):
        nxt = path[k + 1]
        if isinstance(node, list):
            if not isinstance(part, int) or part >= len(node):
                raise CorrectionError(f"corrections: no item {part!r} in {list(path[:k])!r}")
            node = node[part]
            continue
        if not isinstance(node, dict) or isinstance(part, int):
            raise CorrectionError(f"corrections: no place {list(path)!r}")
        if node.get(part) is None:
            node[part] = [] if isinstance(nxt, int) else {}
        node = node[part]
    last = path[-1]
    if (isinstance(node, list) and isinstance(last, int) and last < len(node)) or (
        isinstance(node, dict) and isinstance(last, str)
    ):
        node[last] = value
    else:
        raise CorrectionError(f"corrections: no place {list(path)!r}")


def overlay(
    data: dict[str, Any], corrections: list[tuple[ModelPath, Any]], documents: list[str]
) -> dict[str, Any]:
    """The YAML dossier of the corrections: ``documents:`` and the corrected values only.

    A list item is written with the key the assembly matches it by (a deliberation's number, a
    party's or an annex's id) and the items before it as placeholders, so that each correction
    lands on the item it was made on; a list of plain values is written whole.
    """
    out: dict[str, Any] = {"ctg_rules": 1, "documents": list(documents)}
    for path, value in corrections:
        _put(out, data, path, value)
    return out


def _put(out: dict[str, Any], data: Any, path: ModelPath, value: Any) -> None:
    node: Any = out
    base: Any = data
    for k, part in enumerate(path[:-1]):
        nxt = path[k + 1]
        below = _at(base, part)
        if isinstance(part, int):
            node = _item(node, part, base, LIST_KEYS.get(str(path[k - 1])))
        elif isinstance(nxt, int) and isinstance(below, list) and not all(isinstance(v, dict) for v in below):
            whole = list(node.get(part) or below)  # a list of plain values: written whole
            if nxt < len(whole) and k + 2 == len(path):
                whole[nxt] = value
                node[part] = whole
                return
            raise CorrectionError(f"corrections: no place {list(path)!r}")
        else:
            node = node.setdefault(part, [] if isinstance(nxt, int) else {})
        base = below
    if not isinstance(node, dict) or not isinstance(path[-1], str):
        raise CorrectionError(f"corrections: no place {list(path)!r}")
    node[path[-1]] = value


def _at(node: Any, part: str | int) -> Any:
    if isinstance(node, dict) and isinstance(part, str):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and part < len(node):
        return node[part]
    return None


def _item(items: list[Any], index: int, base: Any, key: str | None) -> dict[str, Any]:
    """Item ``index`` of an overlay list, the items before it as placeholders carrying their key."""
    while len(items) <= index:
        original = _at(base, len(items))
        keyed = key and isinstance(original, dict) and original.get(key) is not None
        items.append({key: original[key]} if keyed else {})
    return items[index]  # type: ignore[no-any-return]


def overlay_yaml(data: dict[str, Any]) -> str:
    """The corrections' dossier as YAML (format v1), with a word on what it is."""
    head = (
        "# Corrections faites dans ctg-rules serve : ces valeurs priment sur celles lues dans les documents.\n"
        "# Corrections made in ctg-rules serve: these values win over those read in the documents.\n"
    )
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def labels(data: Any, lang: str) -> dict[str, str]:
    """Every value's and list item's path (as findings give it) -> its name in words."""
    from ..labels import describe
    from ..validation import format_path

    out: dict[str, str] = {}

    def walk(node: Any, path: ModelPath) -> None:
        if path:
            out[format_path(path)] = describe(format_path(path), lang)
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*path, index))

    walk(data, ())
    return out


def add_excerpts(report: dict[str, Any], upload: Upload) -> None:
    """Each finding on a file of the upload gets the text of the line it points at (``excerpt``)."""
    cache: dict[str, Any] = {}
    for finding in report.get("findings", ()):
        if finding.get("excerpt") or not finding.get("file") or not finding.get("line"):
            continue
        text = runs.line_of(upload.folder, finding["file"], finding.get("page"), finding["line"], cache)
        if text:
            finding["excerpt"] = text
