"""OCR without the engine's cost: slips mended, layout from word boxes, confidence, cache, messages.

The engine itself reads real and self-made scans in test_ocr_scans.py; here Tesseract's output is
written by hand (or the engine is made to look absent), so these tests run in milliseconds.
"""

from __future__ import annotations

import io
import sys
import threading
from pathlib import Path

import pytest

from ctg_rules.extract import ExtractError, Extraction, Position, extract_path, ocr, scanned
from ctg_rules.extract.confidence import downgrade, of_values
from ctg_rules.extract.ocr import OcrPage, Word
from ctg_rules.extract.ocrlines import page_lines
from ctg_rules.extract.yamlout import to_yaml
from ctg_rules.results import Finding
from tests.test_extract_cli import ACT, make_pdf, run, write_pdf

pytest.importorskip("pypdfium2")


# --- slips ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("2O21", "2021"),
        ("l1", "11"),
        ("1O", "10"),
        ("(2O21),", "(2021),"),
        ("3l/O3/2O24", "3l/O3/2O24"),  # not one number: left as read
        ("Ol", "Ol"),  # no figure: a word, not a number
        ("Le", "Le"),
        ("11", "11"),
        ("I", "I"),
    ],
)
def test_letters_inside_a_number_become_figures(read: str, meant: str) -> None:
    assert ocr.normalise(read) == meant


# --- layout --------------------------------------------------------------------------------------


def line_of(words: list[tuple[int, int, str]], top: int, line: int, conf: int = 90) -> list[Word]:
    """Words given as (left, width, text) on one line of letters 30 pixels high."""
    return [Word(x, top, x + w, top + 30, conf, text, 1, line) for x, w, text in words]


def margin_page() -> OcrPage:
    words: list[Word] = []
    body = [
        "Séance du 11 mars 2021",
        "Présents : Denis JUVIN - Muriel NIGGEL",
        "Absents excusés : Catherine MARTEL",
        "Vote : à l'unanimité",
    ]
    for n, text in enumerate(body):
        x = 700
        spread = []
        for token in text.split():
            spread.append((x, 20 * len(token), token))
            x += 20 * len(token) + 15
        words += line_of(spread, 300 + 60 * n, 10 + n)
    # the margin: a label and its value far right (two Tesseract lines), then more labels
    words += line_of([(180, 60, "en"), (250, 150, "exercice"), (410, 15, ":")], 320, 1)
    words += line_of([(600, 30, "ii")], 322, 2, conf=60)
    words += line_of([(180, 300, "délibération"), (490, 15, ":"), (600, 30, "11")], 380, 3)
    words += line_of([(180, 60, "dont"), (250, 20, "3"), (280, 200, "procurations")], 440, 4)
    return OcrPage(1, 2480, 3508, 300, words)


def test_a_margin_column_is_its_own_block_after_the_body() -> None:
    lines = page_lines(margin_page())
    texts = [line.text for line in lines]
    assert texts == [
        "Séance du 11 mars 2021",
        "Présents : Denis JUVIN - Muriel NIGGEL",
        "Absents excusés : Catherine MARTEL",
        "Vote : à l'unanimité",
        "",
        "en exercice :  11",  # "ii" closing a labelled line is a count; the gap kept as two spaces
        "délibération :  11",
        "dont 3 procurations",
    ]
    # each word keeps where it sits and how sure the engine was
    line = lines[5]
    start, end, conf = line.spans[-1]
    assert line.text[start - 1 : end - 1] == "11" and conf == 60


def test_a_hyphen_at_a_line_end_is_joined_as_pdfium_joins_it_and_dust_is_dropped() -> None:
    words = line_of([(100, 20, "|"), (140, 200, "réuni"), (360, 300, "Neuillé-Pont-")], 100, 1)
    words += line_of([(100, 120, "Pierre,"), (240, 60, "sous"), (320, 10, "‘")], 140, 2)
    words += line_of([(100, 160, "DEL2023_"), (262, 60, "112")], 180, 3)
    lines = page_lines(OcrPage(1, 2480, 3508, 300, words))
    assert [line.text for line in lines] == ["réuni Neuillé-Pont\ufffePierre, sous", "DEL2023_112"]
    assert [s[2] for s in lines[0].spans] == [90, 90, 90, 90]


# --- confidence ----------------------------------------------------------------------------------


def test_each_value_keeps_its_confidence_and_extract_writes_it() -> None:
    extraction = Extraction()
    extraction.put(("deliberations", 0, "members_in_office"), 11, Position(12, 15, 1))
    extraction.put(("deliberations", 0, "session", "secretary"), "Anne FABRE", Position(3, 25, 2))
    spans = {
        (1, 12): [(1, 3, 95), (4, 12, 93), (13, 14, 91), (15, 17, 71)],
        (2, 3): [(1, 11, 96), (12, 14, 97), (15, 21, 88), (22, 23, 90), (25, 29, 85), (30, 35, 64)],
    }
    confidence = of_values(extraction, spans)
    assert confidence == {
        ("deliberations", 0, "members_in_office"): 71,
        ("deliberations", 0, "session", "secretary"): 64,  # the lowest of its words
    }
    extraction.confidence = confidence
    text = to_yaml(extraction)
    assert "members_in_office: 11  # p.1 l.12, OCR 71%" in text
    assert "secretary: Anne FABRE  # p.2 l.3, OCR 64%" in text


def finding(path: str, severity: str = "error") -> Finding:
    return Finding("VOT001", severity, "les votes ne tombent pas juste", "scan.pdf", 3, 1, path)


def test_a_finding_on_a_value_read_under_the_threshold_becomes_a_warning_that_says_so() -> None:
    confidence = {
        ("deliberations", 0, "vote", "for"): 64,
        ("deliberations", 0, "present", 0): 92,
        ("deliberations", 0, "present", 1): 70,
    }
    unsure, sure, listed, whole = (
        finding("deliberations[0].vote.for"),
        finding("deliberations[0].present[0]"),
        finding("deliberations[0].present"),
        finding("deliberations[0]"),
    )
    downgrade([unsure, sure, listed, whole], confidence, 80, "fr")
    assert unsure.severity == "warning" and unsure.ocr_confidence == 64
    assert unsure.message == (
        "les votes ne tombent pas juste (lu par OCR avec une confiance de 64% : vérifiez sur le document)"
    )
    assert unsure.to_dict()["ocr_confidence"] == 64
    assert (sure.severity, sure.ocr_confidence) == ("error", None)
    assert listed.severity == "warning" and listed.ocr_confidence == 70  # the list rests on its names
    assert whole.severity == "error"  # a whole act is not one value's doubt
    info = finding("deliberations[0].vote.for", "info")
    downgrade([info], confidence, 60, "en")
    assert info.severity == "info" and "read by OCR" not in info.message  # 64 >= 60


def test_an_assembled_dossier_downgrades_findings_on_unsure_values_too(write) -> None:
    """Issue 17: a folder's deliberation read by OCR is doubted as it is when checked alone."""
    from ctg_rules import assembly
    from ctg_rules.engine import Engine

    bad = "\n".join([*ACT[:3], "Présents : 4", *ACT[4:]]) + "\n"  # 4 printed, 3 names listed
    first, second = (
        write("a/delib-1.txt", bad),
        write("a/delib-2.txt", bad.replace("12 octobre", "13 octobre")),
    )
    engine = Engine()
    unit = assembly.one_dossier([first, second], host=engine.registry.host)
    before = [f for f in engine.check_file(unit).findings if f.code == "VOT001"]
    assert [(f.severity, f.ocr_confidence) for f in before] == [("error", None), ("error", None)]
    # the second document as if scanned: the OCR was 55% sure of its printed count
    extraction = assembly.read(second, host=engine.registry.host)
    extraction.confidence = {("deliberations", 0, "declared", "present"): 55}
    try:
        after = [f for f in engine.check_file(unit).findings if f.code == "VOT001"]
    finally:
        extraction.confidence = {}
    assert [(Path(f.file).name, f.severity, f.ocr_confidence) for f in after] == [
        ("delib-1.txt", "error", None),
        ("delib-2.txt", "warning", 55),
    ]
    assert after[1].message.endswith("(lu par OCR avec une confiance de 55% : vérifiez sur le document)")


def test_the_threshold_is_a_limit_of_the_configuration(write) -> None:
    from ctg_rules.config import parse_limits

    def err(key: str, message: str, **values: object) -> ValueError:
        return ValueError(message.format(**values))

    assert parse_limits({"ocr-confidence": 64}, err) == {"ocr_confidence": 64}
    with pytest.raises(ValueError, match="at most 100"):
        parse_limits({"ocr-confidence": 101}, err)


# --- what a missing engine says --------------------------------------------------------------------


def image_pdf(path: Path, stamp: str | None = None) -> Path:
    """A page covered by a (blank) scanned image, with an optional stamp in a text layer."""
    text = f" BT /F1 9 Tf 380 810 Td ({stamp}) Tj ET" if stamp else ""
    content = f"q 595 0 0 842 0 0 cm /Im1 Do Q{text}"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
        "/Resources << /XObject << /Im1 5 0 R >> /Font << /F1 6 0 R >> >> >>",
        "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        "/BitsPerComponent 8 /Length 4 >>\nstream\n\xff\xfe\xfd\xff\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    return write_pdf(path, objects)


def test_which_pages_are_read_by_ocr(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    def needs_ocr(path: Path) -> bool:
        pdf = pdfium.PdfDocument(str(path))
        page = pdf[0]  # kept open while PDFium's handle of it is used
        return scanned.needs_ocr(page.raw, page.get_textpage().get_text_range())

    assert not needs_ocr(make_pdf(tmp_path / "text.pdf", [ACT]))
    assert needs_ocr(image_pdf(tmp_path / "scan.pdf"))
    # a stamp's few words over the scan are not the page's text
    assert needs_ocr(image_pdf(tmp_path / "stamped.pdf", "Recu en prefecture le 02/05/2022"))


@pytest.fixture
def no_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tesserocr", None)  # import tesserocr -> ImportError


def test_without_the_extra_the_message_says_what_to_install(tmp_path: Path, no_extra: None) -> None:
    scan = image_pdf(tmp_path / "scan.pdf")
    with pytest.raises(ExtractError) as caught:
        extract_path(scan)
    french = caught.value.render("fr")
    assert "pip install 'ctg-rules[ocr]'" in french
    assert "apt-get install tesseract-ocr tesseract-ocr-fra" in french
    code, _, stderr = run("extract", str(scan), "--lang", "en")
    assert code == 2 and "Traceback" not in stderr
    assert "install the OCR extra (pip install 'ctg-rules[ocr]')" in stderr


def test_without_the_french_model_the_message_names_its_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("tesserocr")
    monkeypatch.setattr(ocr, "tessdata_dir", lambda: None)
    code, stdout, _ = run("check", "--format", "json", str(image_pdf(tmp_path / "scan.pdf")))
    message = __import__("json").loads(stdout)["errors"][0]["message"]
    assert code == 2 and "apt-get install tesseract-ocr-fra" in message and "TESSDATA_PREFIX" in message


def test_a_text_document_with_a_scanned_page_is_read_without_the_engine(
    tmp_path: Path, no_extra: None
) -> None:
    import pypdfium2 as pdfium

    text, scan = make_pdf(tmp_path / "act.pdf", [ACT]), image_pdf(tmp_path / "annex.pdf")
    both = pdfium.PdfDocument(str(text))
    both.import_pages(pdfium.PdfDocument(str(scan)))
    both.save(str(tmp_path / "both.pdf"))
    extraction = extract_path(tmp_path / "both.pdf")
    assert extraction.data["deliberations"][0]["members_in_office"] == 5 and not extraction.confidence


# --- cache, threads, progress ----------------------------------------------------------------------


class FakeEngine:
    """Tesseract replaced: records (page, thread) of each page read; ``pair`` makes pages 1 and 2 meet."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, str]] = []
        self.pair: threading.Barrier | None = None

    def recognise(self, image: object, number: int = 1, dpi: int = 300) -> OcrPage:
        if self.pair is not None and number <= 2:
            self.pair.wait()  # never returns if the two pages are not read at once
        self.calls.append((number, threading.current_thread().name))
        return OcrPage(number, 100, 100, dpi, [Word(1, 1, 50, 20, 88, f"page{number}", 1, 1)])


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    fake = FakeEngine()
    monkeypatch.setattr(ocr, "require", lambda: None)
    monkeypatch.setattr(ocr, "engine_version", lambda: "fake")
    monkeypatch.setattr(ocr, "recognise", fake.recognise)
    return fake


def scans_pdf(tmp_path: Path, pages: int) -> Path:
    import pypdfium2 as pdfium

    one = pdfium.PdfDocument(str(image_pdf(tmp_path / "one.pdf")))
    many = pdfium.PdfDocument.new()
    for _ in range(pages):
        many.import_pages(one)
    many.save(str(tmp_path / "many.pdf"))
    return tmp_path / "many.pdf"


def read(path: Path, jobs: int = 1) -> dict[int, OcrPage]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    return ocr.read_pages(pdf, range(len(pdf)), key=ocr.file_key(path), jobs=jobs, progress=None)


def test_a_page_read_once_is_served_from_the_cache(
    tmp_path: Path, fake_engine: FakeEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CTG_RULES_CACHE_DIR", str(tmp_path / "cache"))
    path = scans_pdf(tmp_path, 3)
    first = read(path)
    assert sorted(n for n, _ in fake_engine.calls) == [1, 2, 3]
    again = read(path)
    assert len(fake_engine.calls) == 3 and again == first  # no page read twice
    copy = tmp_path / "renamed.pdf"
    copy.write_bytes(path.read_bytes())
    read(copy)
    assert len(fake_engine.calls) == 3  # keyed by content, not by name
    monkeypatch.setenv("CTG_RULES_CACHE_DIR", "")  # empty: no cache
    read(path)
    assert len(fake_engine.calls) == 6


def test_pages_are_read_in_parallel_threads_and_come_back_in_order(
    tmp_path: Path, fake_engine: FakeEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CTG_RULES_CACHE_DIR", "")
    fake_engine.pair = threading.Barrier(2, timeout=20)
    pages = read(scans_pdf(tmp_path, 4), jobs=2)
    assert [p.words[0].text for _, p in sorted(pages.items())] == ["page1", "page2", "page3", "page4"]
    assert len({thread for _, thread in fake_engine.calls}) == 2


def test_progress_is_shown_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert ocr._terminal_progress() is None
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    show = ocr._terminal_progress()
    assert show is not None
    show(2, 7)
    show(-1, 7)
    assert terminal.getvalue() == "\rOCR : 2/7 pages\r\x1b[K"


@pytest.mark.parametrize(
    ("read", "meant"),
    [("ii", "11"), ("il", "11"), ("[l", "11"), ("{1", "11"), ("l", "1"), ("(", "("), ("it", "it")],
)
def test_strokes_closing_a_labelled_line_are_ones(read: str, meant: str) -> None:
    words = line_of([(100, 200, "votants"), (320, 15, ":"), (360, 40, read)], 100, 1)
    assert [line.text for line in page_lines(OcrPage(1, 2480, 3508, 300, words))] == [f"votants : {meant}"]


def test_check_gives_the_pages_of_a_scan_the_workers_its_files_leave(
    write, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[int | None] = []
    monkeypatch.setattr(ocr, "set_jobs", told.append)
    dossier = write("d.yaml", "ctg_rules: 1\n")
    run("check", str(dossier))
    assert told == []  # one process: the pages get the default, one thread per core
    run("check", "--jobs", "2", str(dossier))
    assert told == [2]  # one file for two workers: both go to its pages
