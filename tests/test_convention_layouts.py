"""Conventions written from the examples in the layouts clerks print them in, read back.

Each example dossier's convention is written as text, DOCX (python-docx) or PDF (fpdf2): the
parties as paragraphs ("Entre : ... et ..."), as table rows, under a "Partie | Représentée par |
Qualité" header, or listed before "ENTRE"; the signature blocks as a table read across (labels,
then roles, then names), one block per cell, side-by-side PDF columns, one after the other, or
name first. What is read back must be what the dossier says.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ctg_rules import load
from ctg_rules.extract import extract_path
from ctg_rules.names import compare_names, fold, roles_match
from tests import docgen
from tests.conftest import CLEAN, DEFECTS, SEED

WRITERS = {"txt": docgen.write_text, "docx": docgen.write_docx, "pdf": docgen.write_pdf}
CASES = [
    # (example, format, parties layout, blocks layout, blocks per table row)
    (CLEAN, "docx", "paragraphs", "rows", 2),
    (CLEAN, "docx", "rows", "cells", 2),
    (CLEAN, "pdf", "paragraphs", "columns", 2),
    (CLEAN, "txt", "after", "name-first", 2),
    (DEFECTS, "docx", "columns", "rows", 3),
    (DEFECTS, "pdf", "rows", "sequence", 3),
    (DEFECTS, "txt", "paragraphs", "cells", 3),
    (SEED, "docx", "paragraphs", "rows", 3),
    (SEED, "docx", "rows", "cells", 2),
    (SEED, "pdf", "paragraphs", "columns", 3),
    (SEED, "pdf", "after", "sequence", 3),
    (SEED, "txt", "columns", "name-first", 3),
]


def _words(text: str | None) -> list[str]:
    return [w for w in fold(text or "").split() if w not in {"la", "le", "les", "l", "pour"}]


def _differences(hand: Any, got: dict[str, Any], parties_layout: str) -> list[str]:
    out: list[str] = []
    parties = got.get("parties") or []
    if len(parties) != len(hand.parties):
        return [f"{len(hand.parties)} parties expected, got {[p.get('name') for p in parties]}"]
    ids = {h.id: g["id"] for h, g in zip(hand.parties, parties, strict=True)}
    for h, g in zip(hand.parties, parties, strict=True):
        if _words(h.name) != _words(g.get("name")):
            out.append(f"party {h.name!r} read {g.get('name')!r}")
        reps = g.get("representatives") or []
        wanted = h.representatives[:1] if parties_layout == "columns" else h.representatives
        if len(reps) != len(wanted) or any(
            compare_names(r.name or "", x.get("name") or "") != "exact"
            or not roles_match(r.role, x.get("role"))
            for r, x in zip(wanted, reps, strict=False)
        ):
            out.append(f"representatives of {h.name!r}: {reps}")
    if [v.text for v in hand.visas] != [v.get("text") for v in got.get("visas") or []]:
        out.append(f"visas: {got.get('visas')}")
    if [(a.id, a.title) for a in hand.annexes] != [
        (a.get("id"), a.get("title")) for a in got.get("annexes") or []
    ]:
        out.append(f"annexes: {got.get('annexes')}")
    if [(a.number, _words(a.title)) for a in hand.articles] != [
        (a.get("number"), _words(a.get("title"))) for a in got.get("articles") or []
    ]:
        out.append(f"articles: {[(a.get('number'), a.get('title')) for a in got.get('articles') or []]}")
    out += _signature(hand.signature, got.get("signature") or {}, ids)
    return out


def _signature(hand: Any, got: dict[str, Any], ids: dict[str, str]) -> list[str]:
    out = []
    for key in ("place", "date", "originals"):
        if str(getattr(hand, key)) != str(got.get(key)):
            out.append(f"signature {key}: {got.get(key)!r}")
    blocks = got.get("blocks") or []
    if len(blocks) != len(hand.blocks):
        return [*out, f"{len(hand.blocks)} blocks expected, got {blocks}"]
    for h, g in zip(hand.blocks, blocks, strict=True):
        people = g.get("signatories") or []
        if h.party and ids.get(h.party) != g.get("party"):
            out.append(f"block of {h.party}: party {g.get('party')!r}")
        if len(people) != len(h.signatories) or any(
            compare_names(s.name or "", x.get("name") or "") != "exact"
            or not roles_match(s.role, x.get("role"))
            for s, x in zip(h.signatories, people, strict=False)
        ):
            out.append(f"block of {h.party}: {people}")
    return out


@pytest.mark.parametrize(
    ("example", "fmt", "parties_layout", "blocks_layout", "per_row"),
    CASES,
    ids=[f"{e.stem.split('-')[0]}-{f}-{p}-{b}" for e, f, p, b, _ in CASES],
)
def test_a_written_convention_reads_back(
    tmp_path: Path, example: Path, fmt: str, parties_layout: str, blocks_layout: str, per_row: int
) -> None:
    pytest.importorskip({"docx": "docx", "pdf": "fpdf", "txt": "yaml"}[fmt])
    if fmt == "pdf":
        pytest.importorskip("pypdfium2")
    hand = load(example).convention
    assert hand is not None
    elements = docgen.convention(
        hand, parties_layout=parties_layout, blocks_layout=blocks_layout, per_row=per_row
    )
    path = WRITERS[fmt](tmp_path / f"convention.{fmt}", elements)
    got = extract_path(path).data.get("convention") or {}
    assert _differences(hand, got, parties_layout) == []
