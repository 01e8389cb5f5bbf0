"""Field-by-field accuracy of the extractor on hand-annotated real documents.

``../shared/corpus/deliberations/expected.json`` (and ``../scans/expected.json``) give, per document,
the fields a person read on it (see that folder's README for what each one means). :func:`observe`
turns an extraction into the same fields, :class:`Score` counts the right ones and prints a table.
Run as a script to print the dev set's table: ``python -m tests.extract_scoring [-v] [folder]``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ctg_rules.names import fold, name_tokens

#: The fields annotated, in the order of the table.
FIELDS = (
    "members_in_office",
    "declared.present",
    "declared.voters",
    "present#",
    "proxies#",
    "absent_only#",
    "session.date",
    "session.convened_on",
    "session.president",
    "session.secretary",
    "vote.for",
    "vote.against",
    "vote.abstentions",
    "number",
    "items#",
)


def _get(data: Any, path: str) -> Any:
    for key in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _is_proxy(entry: Any) -> bool:
    return isinstance(entry, dict) and bool(entry.get("proxy_to") or entry.get("proxy"))


def observe(data: dict[str, Any]) -> dict[str, Any]:
    """The annotated fields as the extraction gives them (the first deliberation; None when not read)."""
    deliberations = data.get("deliberations") or []
    first = deliberations[0] if deliberations else {}
    present, absent = first.get("present"), first.get("absent")
    out: dict[str, Any] = {f: _get(first, f) for f in FIELDS if "#" not in f}
    out["present#"] = len(present) if present is not None else None
    absent_known = absent is not None or present is not None
    out["proxies#"] = sum(_is_proxy(a) for a in absent or []) if absent_known else None
    out["absent_only#"] = sum(not _is_proxy(a) for a in absent or []) if absent_known else None
    declared_absent = _get(first, "declared.absent")
    if not out["absent_only#"] and isinstance(declared_absent, int):
        out["absent_only#"] = declared_absent  # "Absents : 6", the six not named (the README's reading)
    out["items#"] = len(deliberations) if deliberations else None
    for key in ("session.date", "session.convened_on"):
        if isinstance(out[key], date):
            out[key] = out[key].isoformat()
    return out


def _same_name(expected: str, got: Any) -> bool:
    return isinstance(got, str) and name_tokens(got) == name_tokens(expected)


def _same_number(expected: str, got: Any) -> bool:
    return isinstance(got, str) and fold(got).replace(" ", "") == fold(expected).replace(" ", "")


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "session.president": _same_name,
    "session.secretary": _same_name,
    "number": _same_number,
}


def same(name: str, expected: Any, got: Any) -> bool:
    """Whether the extraction's value is the annotated one (names by their tokens, numbers without spaces)."""
    return _COMPARE.get(name, lambda a, b: a == b)(expected, got)


@dataclass
class Score:
    """Right fields per field and per document, over the documents added."""

    fields: dict[str, list[int]] = field(default_factory=dict)  # field -> [right, annotated]
    documents: dict[str, tuple[int, int]] = field(default_factory=dict)
    misses: list[tuple[str, str, Any, Any]] = field(default_factory=list)

    def add(self, document: str, expected: dict[str, Any], observed: dict[str, Any]) -> None:
        right = 0
        for name, value in expected.items():
            counts = self.fields.setdefault(name, [0, 0])
            counts[1] += 1
            if same(name, value, observed.get(name)):
                counts[0] += 1
                right += 1
            else:
                self.misses.append((document, name, value, observed.get(name)))
        self.documents[document] = (right, len(expected))

    @property
    def right(self) -> int:
        return sum(r for r, _ in self.fields.values())

    @property
    def total(self) -> int:
        return sum(n for _, n in self.fields.values())

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def documents_right(self) -> int:
        return sum(1 for r, n in self.documents.values() if r == n)

    def table(self, title: str, *, misses: bool = False) -> str:
        order = [f for f in FIELDS if f in self.fields] + sorted(set(self.fields) - set(FIELDS))
        lines = [title, f"  {'field':22} {'right':>5} / {'of':>3}"]
        for name in order:
            r, n = self.fields[name]
            lines.append(f"  {name:22} {r:5d} / {n:3d}  {100 * r / n:5.1f}%")
        lines.append(f"  {'overall':22} {self.right:5d} / {self.total:3d}  {100 * self.accuracy:5.1f}%")
        lines.append(f"  documents fully right: {self.documents_right} / {len(self.documents)}")
        if misses:
            lines += [f"  miss {d}: {f} expected {e!r}, got {g!r}" for d, f, e, g in self.misses]
        return "\n".join(lines)


def score_folder(folder: Path) -> Score:
    """Extract every annotated document of ``folder`` and score it against its ``expected.json``."""
    from ctg_rules.extract import extract_path

    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    score = Score()
    for name, entry in expected.items():
        score.add(name, entry["fields"], observe(extract_path(folder / name).data))
    return score


def main(argv: list[str] | None = None) -> int:
    """Print the table of a folder (default: the shared dev set of deliberations)."""
    from tests.conftest import SHARED

    args = list(sys.argv[1:] if argv is None else argv)
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    folder = Path(args[0]) if args else SHARED / "corpus" / "deliberations"
    if not (folder / "expected.json").exists():
        print(f"no expected.json in {folder}", file=sys.stderr)
        return 2
    print(score_folder(folder).table(f"extraction accuracy on {folder}", misses=verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
