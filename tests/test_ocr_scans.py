"""Scans read by Tesseract for real: self-made ones against their text layer, and the shared real ones.

Self-made scans (tests/scans.py): the project's own text PDFs rendered at 150-200 dpi, turned by
a degree or so, noisy, JPEG-compressed, with no text layer. Read back by OCR, they must give the
fields their text layer gives (>= 95% of them). The four real scans of ../shared/corpus/scans are
scored against their hand annotations when that folder exists.

OCR costs a second or more a page: pages are cached (the session's cache folder, conftest.py), so
each scan is read once per run whatever the number of tests using it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ctg_rules.extract import extract_path, ocr
from tests import scans
from tests.conftest import SHARED
from tests.test_extract_cli import run

pytest.importorskip("pypdfium2")
pytest.importorskip("PIL")
try:
    ocr.require()
except ocr.OcrError as exc:  # the extra or Tesseract's French model is missing: said, and skipped
    pytest.skip(exc.render("en"), allow_module_level=True)

#: (dpi, degrees, seed) of each self-made scan
SETTINGS = {
    "commune-compte-rendu": (150, 1.2, 1),
    "departement-commission-permanente": (200, -0.8, 2),
    "epci-proces-verbal": (150, -1.5, 3),
    "margin-column": (200, 1.0, 4),
}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each document: its text PDF and its scan."""
    folder = tmp_path_factory.mktemp("scans")
    out = {}
    for name, pdf in scans.documents(folder).items():
        dpi, angle, seed = SETTINGS[name]
        out[name] = (pdf, scans.scan(pdf, folder / f"{name}-scan.pdf", dpi=dpi, angle=angle, seed=seed))
    return out


def compare(text_layer: dict[str, Any], scanned: dict[str, Any]) -> tuple[int, int, list[str]]:
    """Fields equal in both readings, fields in either, and the differences."""
    a, b = scans.leaves(text_layer), scans.leaves(scanned)
    keys = sorted(set(a) | set(b), key=str)
    wrong = [f"{k}: {a.get(k)!r} -> {b.get(k)!r}" for k in keys if a.get(k) != b.get(k)]
    return len(keys) - len(wrong), len(keys), wrong


def test_self_made_scans_read_back_like_their_text_layer(made: dict[str, tuple[Path, Path]]) -> None:
    right = total = 0
    report = [f"{'document':36} {'dpi':>4} {'turn':>5} {'right':>5} / {'of':>3}"]
    for name, (pdf, scan) in made.items():
        text_layer, scanned = extract_path(pdf), extract_path(scan)
        r, n, wrong = compare(text_layer.data, scanned.data)
        dpi, angle, _ = SETTINGS[name]
        report.append(f"{name:36} {dpi:4d} {angle:5.1f} {r:5d} / {n:3d}   " + "; ".join(wrong))
        right, total = right + r, total + n
        # every value read on the scan says where and how surely it was read
        assert scanned.confidence.keys() == scanned.sources.keys()
        assert all(0 <= c <= 100 for c in scanned.confidence.values())
        assert {p.page for p in scanned.sources.values()} <= {1, 2}
    report.append(f"{'overall':47} {right:5d} / {total:3d}  {100 * right / total:.1f}%")
    print("\n".join(report))
    assert right / total >= 0.95, "\n".join(report)


def test_a_scan_is_straightened_by_the_engine(made: dict[str, tuple[Path, Path]]) -> None:
    import pypdfium2 as pdfium

    for name, (_, scan) in made.items():
        page = ocr.read_pages(pdfium.PdfDocument(str(scan)), [0], key=ocr.file_key(scan), jobs=1)[0]
        angle = SETTINGS[name][1]
        # Tesseract's layout analysis finds the skew; the page is turned back by about as much
        assert abs(page.angle + angle) < 0.6, (name, page.angle)


def test_an_upside_down_scan_is_turned_upright(made: dict[str, tuple[Path, Path]], tmp_path: Path) -> None:
    pdf, _ = made["departement-commission-permanente"]
    upside_down = scans.scan(pdf, tmp_path / "upside-down.pdf", dpi=200, angle=180.6, seed=5)
    right, total, wrong = compare(extract_path(pdf).data, extract_path(upside_down).data)
    assert right / total >= 0.95, wrong


def test_check_a_scan_an_unsure_reading_is_a_warning_that_says_so(tmp_path: Path) -> None:
    # 7 present and 1 proxy, 9 voters declared: VOT003 rests on the voters count read by OCR
    pdf = scans.text_pdf(tmp_path / "miscount.pdf", scans.margin_layout(voters=9), size=10)
    scan = scans.scan(pdf, tmp_path / "miscount-scan.pdf", dpi=200, angle=0.7, seed=6)

    def vot003(*limit: str) -> dict[str, Any]:
        _, stdout, _ = run("check", "--format", "json", str(scan), *limit)
        found = [f for f in json.loads(stdout)["findings"] if f["code"] == "VOT003"]
        assert len(found) == 1, stdout
        return found[0]

    trusted = vot003("--limit", "ocr-confidence=1")
    assert trusted["severity"] == "error" and "ocr_confidence" not in trusted
    assert trusted["page"] == 1 and trusted["line"] > 1
    doubted = vot003("--limit", "ocr-confidence=100")
    assert doubted["severity"] == "warning" and doubted["ocr_confidence"] < 100
    assert doubted["message"].endswith(
        f"(lu par OCR avec une confiance de {doubted['ocr_confidence']}% : vérifiez sur le document)"
    )
    code, stdout, _ = run("extract", str(scan))
    assert code == 0 and f"voters: 9  # p.1 l.{trusted['line']}, OCR " in stdout


# --- the real scans -------------------------------------------------------------------------------

REAL = SHARED / "corpus" / "scans"
#: the field accuracy on the four real scans (47/52 measured)
FLOOR = 0.90


@pytest.mark.slow
@pytest.mark.skipif(not (REAL / "expected.json").exists(), reason="shared scans not available")
def test_the_real_scans_field_by_field() -> None:
    scoring = pytest.importorskip("tests.extract_scoring")  # the dev set's scorer, shared
    expected = json.loads((REAL / "expected.json").read_text(encoding="utf-8"))
    score = scoring.Score()
    for name, entry in expected.items():
        extraction = extract_path(REAL / name)
        assert extraction.confidence, name  # read by OCR, every page
        score.add(name, entry["fields"], scoring.observe(extraction.data))
    table = score.table("the four real scans, read by OCR")
    print(table)
    assert score.accuracy >= FLOOR, table
