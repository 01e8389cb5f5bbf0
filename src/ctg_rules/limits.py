"""The limits one file may cost before it is refused: their configuration names and their parsing."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .i18n import N_, unknown_hint


@dataclass(frozen=True)
class Limits:
    """Bounds on what one file may cost (all configurable)."""

    max_bytes: int = 10 * 1024 * 1024
    max_nodes: int = 250_000
    max_aliases: int = 200
    max_depth: int = 100
    #: documents (PDF, DOCX, ODT, text) the dossier is extracted from
    max_document_bytes: int = 100 * 1024 * 1024
    max_pages: int = 2000
    #: characters on one page, and in a whole document (what the extractor is then given)
    max_page_text: int = 100_000
    max_text: int = 3_000_000
    #: what the parts of a DOCX or ODT read may unpack to (bytes produced, not the sizes declared),
    #: and how many times its compressed size one part may unpack to: real ones stay under 50, a
    #: zip bomb reaches 1,000
    max_unpacked: int = 200 * 1024 * 1024
    max_ratio: int = 300
    #: XML elements read in one DOCX or ODT (a page holds a few hundred): about a second's reading
    max_xml_nodes: int = 1_000_000
    #: seconds and memory (growth of the process, bytes) reading one document may take
    max_seconds: int = 60
    max_memory: int = 512 * 1024 * 1024
    #: a finding resting on a value read by OCR with less confidence (%) becomes a warning
    ocr_confidence: int = 80


DEFAULT_LIMITS = Limits()

#: ``limits`` keys -> loader.Limits fields (what one file may cost before it is refused)
LIMIT_KEYS = {
    "max-file-size": "max_bytes",
    "max-nodes": "max_nodes",
    "max-aliases": "max_aliases",
    "max-depth": "max_depth",
    "ocr-confidence": "ocr_confidence",
    # documents (issue 22): what reading one PDF, DOCX, ODT or text may cost
    "max-document-size": "max_document_bytes",
    "max-pages": "max_pages",
    "max-page-text": "max_page_text",
    "max-text": "max_text",
    "max-unpacked-size": "max_unpacked",
    "max-ratio": "max_ratio",
    "max-xml-nodes": "max_xml_nodes",
    "max-seconds": "max_seconds",
    "max-memory": "max_memory",
}
#: the limits that are sizes in bytes: they may say KB or MB
SIZE_FIELDS = frozenset({"max_bytes", "max_document_bytes", "max_unpacked", "max_memory"})
#: the builder recurses per level; above this Python's own stack limit would be the one to speak
MAX_DEPTH_CEILING = 300
_SIZE_UNITS = {
    "": 1,
    "b": 1,
    "o": 1,
    "k": 1024,
    "kb": 1024,
    "ko": 1024,
    "m": 1024**2,
    "mb": 1024**2,
    "mo": 1024**2,
}


def limit_settings(limits: Mapping[str, int]) -> dict[str, int]:
    """Every limit under its configuration name: the defaults with ``limits`` applied."""
    return {key: limits.get(name, getattr(DEFAULT_LIMITS, name)) for key, name in LIMIT_KEYS.items()}


def parse_limits(table: Any, err: Any, key: str = "limits") -> dict[str, int]:
    """``{max-file-size: 20MB, max-nodes: 500000}`` -> loader.Limits fields; sizes take K/M units."""
    if not isinstance(table, Mapping):
        message = N_("'{key}' maps {names} to numbers, e.g. {{max-file-size: 20MB}}")
        raise err(key, message, key=key, names=", ".join(LIMIT_KEYS))
    out: dict[str, int] = {}
    for name, value in table.items():
        field_name = LIMIT_KEYS.get(str(name).replace("_", "-"))
        if field_name is None:
            import difflib  # only to word an error

            hint = difflib.get_close_matches(str(name), LIMIT_KEYS, n=1)
            raise err(key, N_("unknown limit '{name}'{more}"), name=name, more=unknown_hint(hint, LIMIT_KEYS))
        number = value
        if isinstance(value, str):  # "20MB" (a unit for sizes only), or digits from the command line
            match = re.fullmatch(r"\s*(\d+)\s*([kKmM]?[bBoO]?)\s*", value)
            unit = match[2].lower() if match else "?"
            ok = match and (field_name in SIZE_FIELDS or not unit)
            number = int(match[1]) * _SIZE_UNITS[unit] if ok and match else None
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            message = (
                N_("limit {name}: {value} is not a positive whole number (a size may say KB or MB: 20MB)")
                if field_name in SIZE_FIELDS
                else N_("limit {name}: {value} is not a positive whole number")
            )
            raise err(key, message, name=name, value=repr(value))
        if field_name == "ocr_confidence" and number > 100:
            raise err(key, N_("limit {name}: a confidence is a percentage, at most 100"), name=name)
        if field_name == "max_depth" and number > MAX_DEPTH_CEILING:
            message = N_("limit {name}: at most {ceiling} levels (a dossier needs fewer than 10)")
            raise err(key, message, name=name, ceiling=MAX_DEPTH_CEILING)
        out[field_name] = number
    return out
