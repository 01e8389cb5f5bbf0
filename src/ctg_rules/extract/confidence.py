"""How sure the OCR was of each extracted value, and findings that rest on an unsure one.

A value read on an OCR'd page takes the lowest confidence of the words it was read from (its
position in the document and the length it is printed with). A finding whose value was read
under the threshold (``--limit ocr-confidence=80``) is not trusted as an error: it becomes a
warning and says what the OCR was sure of, so that a person checks it on the paper.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from .ocr import OcrSpans
from .positions import Extraction, Path

DEFAULT_THRESHOLD = 80

_NOTE = {
    "fr": "lu par OCR avec une confiance de {conf}% : vérifiez sur le document",
    "en": "read by OCR with {conf}% confidence: check it on the document",
}


def of_values(extraction: Extraction, spans: OcrSpans) -> dict[Path, int]:
    """Model path -> confidence (%) of every value read on an OCR'd page."""
    out: dict[Path, int] = {}
    for path, position in extraction.sources.items():
        words = spans.get((position.page or 1, position.line))
        if not words:
            continue
        first = position.column
        last = first + _printed_length(extraction.get(path))
        confs = [conf for start, end, conf in words if start < last and first < end]
        if not confs:  # a value read between two words (after a label's colon)
            confs = [min(words, key=lambda w: abs(w[0] - first))[2]]
        out[path] = min(confs)
    return out


def _printed_length(value: Any) -> int:
    if isinstance(value, str):
        return max(len(value), 1)
    if isinstance(value, bool):
        return 1
    if isinstance(value, date):
        return len("1er mars 2024")  # printed in figures or words: about as long
    if isinstance(value, int):
        return len(str(value))
    return 1


def resting_on(path: str, confidence: Mapping[str, int]) -> int | None:
    """The lowest confidence among the value at ``path`` (formatted) and, for a list or a mapping, the values in it."""
    exact = confidence.get(path)
    if exact is not None:
        return exact
    if path.count(".") < 1:  # a whole deliberation or convention: not one value's doubt
        return None
    inside = [c for p, c in confidence.items() if p.startswith((f"{path}.", f"{path}["))]
    return min(inside) if inside else None


def downgrade(findings: Iterable[Any], confidence: Mapping[Path, int], threshold: int, lang: str) -> None:
    """Errors resting on a value read under ``threshold`` become warnings that say so (in place)."""
    if not confidence:
        return
    from ..validation import format_path

    by_text = {format_path(p): c for p, c in confidence.items()}
    note = _NOTE.get(lang, _NOTE["en"])
    for finding in findings:
        conf = resting_on(finding.path, by_text)
        if conf is None or conf >= threshold:
            continue
        finding.ocr_confidence = conf
        if finding.severity == "error":
            finding.severity = "warning"
        finding.message = f"{finding.message} ({note.format(conf=conf)})"
