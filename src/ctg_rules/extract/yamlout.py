"""The extracted dossier as YAML a person can read and correct: model order, sources as comments.

PyYAML cannot write comments, so the layout is ours (block style, one value per line, where it
was read as an end-of-line comment, what was not found listed at the top); every scalar is
written by PyYAML's own emitter, so quoting is always right.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import yaml
from pydantic import BaseModel

from .. import regex
from ..model import Dossier
from .positions import Extraction, Path

_CONTROL = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = _CONTROL.sub("", str(value))
    dumped = yaml.safe_dump(text, allow_unicode=True, width=1_000_000, default_flow_style=True)
    dumped = dumped.removesuffix("\n").removesuffix("\n...").strip()
    if (
        dumped[:1].isdigit()
        and not dumped.startswith(("'", '"'))
        and re.fullmatch(r"[0-9][0-9.\-/]*", dumped)
    ):
        return f"'{dumped}'"  # codes such as "048" or "2" stay text for every reader
    return dumped


def _field_order(model: type[BaseModel] | None) -> dict[str, int]:
    if model is None:
        return {}
    return {(info.alias or name): i for i, (name, info) in enumerate(model.model_fields.items())}


def _child_model(model: type[BaseModel] | None, key: str) -> type[BaseModel] | None:
    from ..validation import model_in

    if model is None:
        return None
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return model_in(info.annotation)
    return None


class _Writer:
    def __init__(self, extraction: Extraction) -> None:
        self.x = extraction
        self.out: list[str] = []

    def comment(self, path: Path) -> str:
        position = self.x.sources.get(path)
        if position is None:
            return ""
        conf = self.x.confidence.get(path)
        return f"  # {position}, OCR {conf}%" if conf is not None else f"  # {position}"

    def mapping(
        self,
        data: dict[str, Any],
        model: type[BaseModel] | None,
        path: Path,
        indent: int,
        first: str | None = None,
    ) -> None:
        order = _field_order(model)
        keys = sorted(data, key=lambda k: (order.get(k, 999), k))
        pad = " " * indent
        for n, key in enumerate(keys):
            lead = first if (n == 0 and first is not None) else pad
            self.value(key, data[key], _child_model(model, key), (*path, key), indent, lead)

    def value(
        self, key: str, value: Any, model: type[BaseModel] | None, path: Path, indent: int, lead: str
    ) -> None:
        if isinstance(value, dict):
            if not value:
                self.out.append(f"{lead}{key}: {{}}{self.comment(path)}")
                return
            self.out.append(f"{lead}{key}:{self.comment(path)}")
            self.mapping(value, model, path, indent + 2)
        elif isinstance(value, list):
            if not value:
                self.out.append(f"{lead}{key}: []{self.comment(path)}")
                return
            self.out.append(f"{lead}{key}:")
            for i, item in enumerate(value):
                self.item(item, model, (*path, i), indent + 2)
        elif isinstance(value, str) and "\n" in value:
            self.block(f"{lead}{key}: ", value, path, indent + 2)
        else:
            self.out.append(f"{lead}{key}: {_scalar(value)}{self.comment(path)}")

    def item(self, item: Any, model: type[BaseModel] | None, path: Path, indent: int) -> None:
        pad = " " * indent
        if isinstance(item, dict):
            if not item:
                self.out.append(f"{pad}- {{}}")
                return
            self.mapping(item, model, path, indent + 2, first=f"{pad}- ")
        else:
            self.out.append(f"{pad}- {_scalar(item)}{self.comment(path)}")

    def block(self, head: str, text: str, path: Path, indent: int) -> None:
        text = _CONTROL.sub("", text).replace("\r", "")
        chomp = "" if text.endswith("\n") and not text.endswith("\n\n") else "-"
        body = text.rstrip("\n") if chomp == "-" else text[:-1]
        lines = body.split("\n")
        indicator = "2" if lines and lines[0][:1] == " " else ""
        self.out.append(f"{head}|{indicator}{chomp}{self.comment(path)}")
        pad = " " * indent
        for line in lines:
            self.out.append(f"{pad}{line}".rstrip() if line.strip() else "")


def to_yaml(extraction: Extraction, *, lang: str = "fr", tool: str = "ctg-rules") -> str:
    """The dossier as YAML text: a header, what was not found (as comments), then the data."""
    from .french import field_label

    source = extraction.source_name or "?"
    if lang == "fr":
        head = [
            f"# Dossier extrait de {source} par {tool} : relisez-le et corrigez-le avant de vous y fier.",
            "# Chaque valeur indique en commentaire où elle a été lue (p. page, l. ligne du document).",
        ]
        missing_title = "# Non trouvé dans le document (laissé vide, jamais deviné) :"
    else:
        head = [
            f"# Dossier extracted from {source} by {tool}: review and correct it before relying on it.",
            "# Each value says in a comment where it was read (p. page, l. line of the document).",
        ]
        missing_title = "# Not found in the document (left out, never guessed):"
    if extraction.confidence:
        head.append(
            "# Pages scannées lues par OCR : « OCR 71% » dit la confiance du moteur ; vérifiez les valeurs basses."
            if lang == "fr"
            else "# Scanned pages read by OCR: 'OCR 71%' is the engine's confidence; check the low ones."
        )
    if extraction.missing:
        head.append(missing_title)
        for path in extraction.missing:
            head.append(f"#   - {_format_path(path)} : {field_label(path, lang)}")
    if extraction.notes:
        head.append("# Remarques :" if lang == "fr" else "# Notes:")
        for path, note in extraction.notes:
            head.append(f"#   - {_format_path(path)} : {note}")
    writer = _Writer(extraction)
    writer.out.extend(head)
    data = dict(extraction.data)
    writer.out.append(f"ctg_rules: {data.pop('ctg_rules', 1)}")
    writer.mapping(data, Dossier, (), 0)
    return "\n".join(writer.out) + "\n"


def _format_path(path: Path) -> str:
    from ..validation import format_path

    return format_path(path)
