"""The page text handle whose short PDFium calls keep the GIL gives what pypdfium2's own gives."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fpdf")
pdfium = pytest.importorskip("pypdfium2")

from ctg_rules.extract.pdfcalls import TextPage, rects  # noqa: E402
from tests.docgen import write_pdf  # noqa: E402

LINES = [
    "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL",
    "Séance du 12 mars 2024 à 18 h 30, salle des fêtes",
    "Présents : M. Jean DURAND, Mme Claire ROBIN, M. Paul FAURE",
    "Votants : 14 — Pour : 12 — Contre : 1 — Abstentions : 1",
]


@pytest.fixture
def textpage(tmp_path: Path):  # type: ignore[no-untyped-def]
    pdf = pdfium.PdfDocument(str(write_pdf(tmp_path / "act.pdf", LINES)))
    page = pdf[0]
    ours = page.get_textpage()
    yield ours, TextPage(ours.raw)
    ours.close()
    page.close()
    pdf.close()


def test_the_text_is_pypdfium2s(textpage) -> None:  # type: ignore[no-untyped-def]
    theirs, held = textpage
    assert held.get_text_range() == theirs.get_text_range()
    assert "Abstentions : 1" in held.get_text_range()
    assert held.count_chars() == theirs.count_chars()


def test_boxes_and_bounded_text_are_pypdfium2s(textpage) -> None:  # type: ignore[no-untyped-def]
    theirs, held = textpage
    for i in (0, 5, theirs.count_chars() - 1):
        assert held.get_charbox(i, loose=True) == theirs.get_charbox(i, loose=True)
    boxes = rects(held.raw, 800)
    assert boxes is not None and len(boxes) == theirs.count_rects()
    assert [b[:4] for b in boxes] == [
        (left, bottom, right, top) for left, bottom, right, top in map(theirs.get_rect, range(len(boxes)))
    ]
    left, bottom, right, top = boxes[-1][:4]
    assert held.get_text_bounded(left, bottom, right, top) == theirs.get_text_bounded(
        left, bottom, right, top
    )
    assert rects(held.raw, len(boxes) - 1) is None  # past the bound: not read


def test_an_empty_page_has_no_text(tmp_path: Path) -> None:
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(200, 200)
    text = page.get_textpage()
    assert TextPage(text.raw).get_text_range() == "" == text.get_text_range()


def test_the_reader_opens_pages_and_finds_pypdfium2s_text(tmp_path: Path) -> None:
    from ctg_rules.extract import pdfcalls
    from ctg_rules.extract.pdf import _page

    path = write_pdf(tmp_path / "act.pdf", LINES)
    document, error = pdfcalls.open_document(path)
    assert error == 0 and document
    try:
        calls = pdfcalls.held()
        assert calls.FPDF_GetPageCount(document) == 1
        text, scan = _page(calls, document, 0)
        assert text == pdfium.PdfDocument(str(path))[0].get_textpage().get_text_range().replace("\r\n", "\n")
        assert not scan
    finally:
        pdfcalls.close_document(document)
    (tmp_path / "not.pdf").write_bytes(b"%PDF-1.4 not really")
    assert pdfcalls.open_document(tmp_path / "not.pdf") == (None, 3)  # FPDF_ERR_FORMAT
    assert pdfcalls.open_document(tmp_path / "missing.pdf") == (None, 2)  # FPDF_ERR_FILE


def test_without_the_wheels_library_file_pypdfium2s_bindings_serve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    from ctg_rules.extract import pdfcalls
    from ctg_rules.extract.pdf import read_pdf
    from ctg_rules.limits import Limits

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pypdfium2_raw" else find_spec(name, *a)
    )
    pdfcalls.held.cache_clear()
    try:
        assert pdfcalls._library() is pdfium.raw
        pages, _ = read_pdf(write_pdf(tmp_path / "act.pdf", LINES), Limits())
        assert "Abstentions : 1" in pages[0]
    finally:
        pdfcalls.held.cache_clear()
