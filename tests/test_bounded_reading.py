"""Issue 22: every hostile document ends in a clear result within 10 s and 1 GB, never a silent pass.

Each case is generated here (tests/hostile.py) and checked by a fresh interpreter whose address
space is capped at 1 GB (RLIMIT_AS): a reader that inflated a bomb or built a tree of 196 MB of XML
would die there of MemoryError, which the test would see. The same cases, timed, make the table
of SECURITY.md (benchmarks/hostile_documents.py).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import hostile as h

message = h.message
needs_proc = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")


@needs_proc
@pytest.mark.slow
@pytest.mark.parametrize("case", list(h.CASES))
def test_each_hostile_document_ends_clearly_within_1_gb(tmp_path: Path, case: str) -> None:
    # the 10 s bound of each: benchmarks/hostile_documents.py (a hang ends at the child's timeout)
    build, code, words = h.CASES[case]
    path = build(tmp_path)
    assert path.stat().st_size < 20 << 20 or case == "100 MB of text"
    exit_code, report, _, peak_kb = h.measured(path, *h.OPTIONS.get(case, ()))
    assert peak_kb < 1 << 20, peak_kb  # and the address space never passed 1 GB: no MemoryError
    if words is None:  # read whole: a deliberation found and checked, never "skipped"
        assert exit_code in (0, 1) and report["files"][0]["status"] == "checked", report
    else:
        assert exit_code == code and words in message(report), report
        assert "out of memory" not in message(report) and "heavy" not in message(report)


# --- what is read, and how ----------------------------------------------------------------------


def read_lines(path: Path, **limits: int) -> list[str]:
    from ctg_rules.extract import read
    from ctg_rules.loader import Limits

    return read(path, Limits(**limits)).text.split("\n")


def test_merged_cells_repeat_their_text_and_spanning_cells_are_read_once(tmp_path: Path) -> None:
    body = h.table(
        [
            [h.cell(h.p("Commune de Lyon"), merge="restart"), h.cell(h.p("Maire"), span=2)],
            [h.cell(merge="continue"), h.cell(h.p("Adjoint")), h.cell(h.p("Finances"))],
        ]
    )
    assert read_lines(h.docx(tmp_path / "t.docx", body)) == [
        "Commune de Lyon  Maire",
        "Commune de Lyon  Adjoint  Finances",
    ]


def test_text_inside_nested_tables_and_layout_cells_is_read_line_by_line(tmp_path: Path) -> None:
    lines = read_lines(h.nested_deliberation(tmp_path / "n.docx"))
    assert lines == h.ACT
    # a row of label and value keeps them on one line; a table in one of its cells follows it
    inner = h.table([[h.cell(h.p("Pour")), h.cell(h.p("4"))]])
    body = h.table([[h.cell(h.p("Vote")), h.cell(h.p("à main levée"), inner)]])
    assert read_lines(h.docx(tmp_path / "v.docx", body)) == ["Vote  à main levée", "Pour  4"]


def test_runs_breaks_tabs_and_word_s_alternate_content(tmp_path: Path) -> None:
    body = (
        '<w:p><w:r><w:t>Fait à </w:t></w:r><w:hyperlink><w:r><w:t>Lyon</w:t></w:r></w:hyperlink>'
        '<w:r><w:tab/><w:t>le 3</w:t><w:br/><w:t>mars</w:t><w:br w:type="page"/></w:r>'
        '<w:ins><w:r><w:t> 2024</w:t></w:r></w:ins><w:del><w:r><w:delText>2023</w:delText></w:r></w:del></w:p>'
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        "<mc:Choice>" + h.p("Le maire") + "</mc:Choice><mc:Fallback>" + h.p("Le maire") + "</mc:Fallback>"
        "</mc:AlternateContent>"
    )  # fmt: skip
    assert read_lines(h.docx(tmp_path / "r.docx", body)) == ["Fait à Lyon\tle 3", "mars 2024", "Le maire"]


def test_the_main_part_is_the_one_the_package_names(tmp_path: Path) -> None:
    for declared in (True, False):  # [Content_Types].xml, else the relationships
        path = h.docx(
            tmp_path / f"o{declared}.docx", h.act_xml(), main="word/document2.xml", declared=declared
        )
        assert read_lines(path) == h.ACT


def test_an_odt_is_read_paragraphs_tables_and_all(tmp_path: Path) -> None:
    body = (
        "<text:h>COMMUNE DE SAINT-EXEMPLE</text:h>"
        "<text:p>Séance du<text:s text:c='2'/>12 mars<text:note><text:note-body><text:p>note</text:p>"
        "</text:note-body></text:note> 2024<text:line-break/>à 18 h</text:p>"
        "<table:table><table:table-row><table:table-cell table:number-rows-spanned='2'><text:p>Lyon</text:p>"
        "</table:table-cell><table:table-cell><text:p><text:span>Maire</text:span></text:p></table:table-cell>"
        "</table:table-row><table:table-row><table:covered-table-cell/><table:table-cell><text:p>Adjoint</text:p>"
        "</table:table-cell></table:table-row><table:table-row><table:table-cell><table:table><table:table-row>"
        "<table:table-cell><text:p>Pour 4</text:p></table:table-cell></table:table-row></table:table>"
        "</table:table-cell></table:table-row></table:table>"
    )  # fmt: skip
    assert read_lines(h.odt(tmp_path / "a.odt", body)) == [
        "COMMUNE DE SAINT-EXEMPLE",
        "Séance du  12 mars 2024",
        "à 18 h",
        "Lyon  Maire",
        "Lyon  Adjoint",
        "Pour 4",
    ]


def test_an_odt_deliberation_is_checked_and_found_in_folders(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ctg_rules.cli import cli

    h.odt(tmp_path / "acte.odt", "".join(f"<text:p>{h.esc(line)}</text:p>" for line in h.ACT))
    (tmp_path / "ancien.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    h.docx(tmp_path / "word.doc", h.act_xml())  # a DOCX named .doc, as Word sometimes saves it
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(tmp_path)])
    report = json.loads(result.stdout)
    assert sorted(Path(f["path"]).name for f in report["files"] if f["status"] == "checked") == [
        "acte.odt",
        "word.doc",
    ]
    assert report["summary"]["ignored"] == {"DOC": 1}  # the old Word file: counted and said
    result = CliRunner().invoke(
        cli, ["check", "--lang", "en", "--format", "json", str(tmp_path / "ancien.doc")]
    )
    assert result.exit_code == 2
    assert message(json.loads(result.stdout)) == (
        "old Word format (.doc), which ctg-rules does not read: save it as PDF or DOCX"
    )


# --- plain messages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("xml", "en", "raw"),
    [
        ("<w:p><w:r><w:t>ouvert</w:r></w:p>", "is not valid XML (line 2); open it and save it again", "mismatched tag"),
        ("<w:p><w:r><w:t>&lol;</w:t></w:r></w:p>", "is not valid XML", "undefined entity"),
    ],
)  # fmt: skip
def test_parser_errors_are_one_plain_sentence(tmp_path: Path, xml: str, en: str, raw: str) -> None:
    from click.testing import CliRunner

    from ctg_rules.cli import cli

    path = h.docx(tmp_path / "abime.docx", xml)
    result = CliRunner().invoke(cli, ["check", "--lang", "en", "--format", "json", str(path)])
    text = message(json.loads(result.stdout))
    assert (
        result.exit_code == 2 and en in text and text.startswith("damaged Word document: word/document.xml")
    )
    for leak in (raw, "<string>", "XML_PARSE", "xmlCtxt", "expat"):
        assert leak not in text
    result = CliRunner().invoke(cli, ["check", "--verbose", "--lang", "en", "--format", "json", str(path)])
    assert raw in message(json.loads(result.stdout))  # the parser's own words, for a bug report
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(path)])
    assert message(json.loads(result.stdout)).startswith("document Word abîmé : word/document.xml")


def test_a_dtd_and_its_entities_are_refused_unexpanded(tmp_path: Path) -> None:
    from ctg_rules.extract import ExtractError, read

    laughs = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    path = tmp_path / "lol.docx"
    h.docx(path, h.p("&b;"), prolog=laughs)
    with pytest.raises(ExtractError) as caught:
        read(path)
    assert caught.value.render("en").startswith(
        "Word document refused: word/document.xml declares a DTD or XML entities"
    )


@pytest.mark.parametrize(
    ("name", "content", "en"),
    [
        ("acte.pdf", b"<!DOCTYPE html><html><body>Erreur 404</body></html>", "this .pdf file is an HTML page"),
        ("acte.pdf", b"", "empty file (0 bytes): save or download the document again"),
        ("acte.pdf", b"\x89PNG\r\n\x1a\n" + bytes(64), "this .pdf file is an image: save it as a PDF (a scan)"),
        ("acte.docx", b"%PDF-1.7\n%\xe2\xe3", "this .docx file is a PDF: rename it .pdf"),
        ("acte.txt", b"%PDF-1.7\n%\xe2\xe3", "this .txt file is a PDF: rename it .pdf"),
        ("acte.odt", b"{\\rtf1\\ansi Acte}", "this .odt file is an RTF document: save it as PDF or DOCX"),
    ],
)  # fmt: skip
def test_a_file_that_is_not_what_its_extension_says(
    tmp_path: Path, name: str, content: bytes, en: str
) -> None:
    from ctg_rules.extract import ExtractError, read

    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ExtractError) as caught:
        read(path)
    assert caught.value.render("en").startswith(en)
    assert caught.value.render("fr") != caught.value.render("en")


def test_a_docx_renamed_pdf_is_named(tmp_path: Path) -> None:
    from ctg_rules.extract import ExtractError, read

    path = h.docx(tmp_path / "x.docx", h.act_xml())
    shutil.copy(path, tmp_path / "acte.pdf")
    with pytest.raises(ExtractError) as caught:
        read(tmp_path / "acte.pdf")
    assert caught.value.render("fr") == "ce fichier .pdf est un document Word (DOCX) : renommez-le en .docx"


def test_utf16_without_a_bom_and_nul_bytes_are_read(tmp_path: Path) -> None:
    for big_endian in (False, True):
        assert (
            read_lines(h.utf16_without_bom(tmp_path / f"u{big_endian}.txt", big_endian=big_endian)) == h.ACT
        )
    assert read_lines(h.with_nul_bytes(tmp_path / "nul.txt"))[: len(h.ACT)] == h.ACT
    binary = tmp_path / "binaire.txt"
    binary.write_bytes(bytes(range(1, 32)) * 100)
    from ctg_rules.extract import ExtractError, read

    with pytest.raises(ExtractError, match="binary file of an unknown format"):
        read(binary)


# --- limits -------------------------------------------------------------------------------------


def test_every_limit_is_a_located_plain_error(tmp_path: Path) -> None:
    from ctg_rules.extract import ExtractError, read
    from ctg_rules.loader import Limits

    long = h.docx(tmp_path / "long.docx", h.paragraphs(2000))
    cases = [
        (long, Limits(max_xml_nodes=3000), "reading stopped (paragraph 1,000): more than 3,000 XML elements"),
        (long, Limits(max_text=10_000), "more than 10,000 characters of text"),
        (long, Limits(max_unpacked=50_000), "word/document.xml: more than 50,000 bytes once unpacked"),
        (h.docx(tmp_path / "z.docx", h.blank(3 << 20)), Limits(), "unpacks to more than 300 times its size"),
        (h.big_text(tmp_path / "t.txt", 50_000), Limits(max_text=10_000), "more than 10,000 characters"),
        (h.paged_text(tmp_path / "p.txt"), Limits(max_page_text=100), "page 2: more than 100 characters on one page"),
    ]  # fmt: skip
    for path, limits, en in cases:
        with pytest.raises(ExtractError) as caught:
            read(path, limits)
        assert en in caught.value.render("en"), (path.name, caught.value.render("en"))
        assert "--limit max-" in caught.value.render("en") and "--limit max-" in caught.value.render("fr")


def test_the_time_and_memory_budget() -> None:
    from ctg_rules.extract.budget import Budget, LimitError
    from ctg_rules.loader import Limits

    budget = Budget(Limits(max_seconds=1))
    budget.deadline -= 2  # as if two seconds had passed
    with pytest.raises(LimitError, match="more than 1 seconds"):
        budget.spend()
    budget = Budget(Limits(max_memory=1 << 20))
    ballast = bytearray(32 << 20)  # 32 MB, touched: resident
    for i in range(0, len(ballast), 4096):
        ballast[i] = 1
    with pytest.raises(LimitError) as caught:
        budget.spend(" (page 3)")
    assert caught.value.render("fr").startswith("lecture arrêtée (page 3) : ce document demande plus de 1 Mo")


def test_a_pdf_page_holding_too_much_text(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    from ctg_rules.extract import ExtractError, read
    from ctg_rules.loader import Limits
    from tests.test_extract_cli import ACT, make_pdf

    path = make_pdf(tmp_path / "acte.pdf", [ACT, ACT])
    with pytest.raises(ExtractError) as caught:
        read(path, Limits(max_page_text=50))
    assert caught.value.render("en").startswith("page 1: more than 50 characters on one page")
    assert read(path, Limits(max_page_text=5000)).pages is not None


def test_limits_on_the_command_line_and_in_config(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ctg_rules.cli import cli

    path = h.docx(tmp_path / "long.docx", h.paragraphs(2000))
    result = CliRunner().invoke(cli, ["check", "--lang", "en", "--format", "json", "--limit", "max-xml-nodes=3000", str(path)])  # fmt: skip
    assert result.exit_code == 2 and "more than 3,000 XML elements" in message(json.loads(result.stdout))
    result = CliRunner().invoke(
        cli, ["check", "--limit", "max-memory=2MB", "--limit", "max-seconds=5", str(path)]
    )
    assert result.exit_code in (0, 1, 2) and "--limit" not in result.stderr  # sizes take units
    result = CliRunner().invoke(cli, ["check", "--limit", "max-xml-nodes=2MB", str(path)])
    assert result.exit_code == 2 and "max-xml-nodes" in result.stderr
    (tmp_path / ".ctg-rules.yaml").write_text("limits: {max-text: 1000}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["config", "--format", "json", str(path)])
    assert json.loads(result.stdout)["settings"]["limits"]["max-text"] == 1000


def test_security_policy_states_every_document_limit_and_its_default() -> None:
    from ctg_rules.limits import LIMIT_KEYS, SIZE_FIELDS
    from ctg_rules.loader import DEFAULT_LIMITS

    policy = (Path(__file__).parent.parent / "SECURITY.md").read_text(encoding="utf-8")
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for key, name in list(LIMIT_KEYS.items())[5:]:  # the document limits (issue 22)
        value = getattr(DEFAULT_LIMITS, name)
        shown = f"{value >> 20} MB" if name in SIZE_FIELDS else f"{value:,}"
        assert f"| `{key}` | {shown}" in policy, key
        assert f"  {key}: " in readme, key


RTF = (
    r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times New Roman;}}{\colortbl;\red0\green0\blue0;}"
    r"{\*\generator Word;}{\info{\title Acte}}{\header En-t\'eate}"
    r"\pard COMMUNE DE SAINT-EXEMPLE\par S\'e9ance du 12 mars 2024\par "
    r"D\u233?lib\u233?ration n\'b0 2024-031\line Objet : convention\par"
    r"\trowd\cellx3000\cellx6000 Pr\'e9sents\cell 4\cell\row"
    r"{\field{\*\fldinst HYPERLINK \"x\"}{\fldrslt Vote : pour 4}}\par}"
)


def test_an_rtf_under_a_doc_name_or_its_own_is_read(tmp_path: Path) -> None:
    for name in ("acte.doc", "acte.rtf"):
        (tmp_path / name).write_bytes(RTF.encode("ascii"))
        assert read_lines(tmp_path / name) == [
            "COMMUNE DE SAINT-EXEMPLE",
            "Séance du 12 mars 2024",
            "Délibération n° 2024-031",
            "Objet : convention",
            "Présents  4",
            "Vote : pour 4",
        ]
    from ctg_rules.discovery import discover

    found = discover([tmp_path])
    assert sorted(p.name for p in found.documents) == ["acte.doc", "acte.rtf"] and not found.ignored


def test_a_reader_s_surprise_is_still_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ctg_rules.extract import ExtractError, read, rtf

    def boom(*_: object) -> str:
        raise IndexError("list index out of range")

    monkeypatch.setattr(rtf, "read_rtf", boom)
    (tmp_path / "acte.rtf").write_bytes(RTF.encode("ascii"))
    with pytest.raises(ExtractError) as caught:
        read(tmp_path / "acte.rtf")
    assert caught.value.render("en").startswith(
        "this document (RTF) could not be read: open it and save it as PDF"
    )
    assert "IndexError" not in caught.value.render("en") and "IndexError" in caught.value.render(
        "en", verbose=True
    )


@pytest.mark.parametrize(
    ("build", "en"),
    [
        (lambda d: h.docx(d / "deep.docx", "<w:tbl><w:tr><w:tc>" * 50 + "</w:tc></w:tr></w:tbl>" * 50), "tables nested more than 40 levels deep"),
        (lambda d: h.odt(d / "bomb.odt", "<text:p>" + " " * (3 << 20) + "</text:p>"), "content.xml: unpacks to more than 300 times its size"),
        (lambda d: h.encrypted_odt(d / "secret.odt"), "password-protected OpenDocument document"),
        (lambda d: h.xlsx(d / "budget.docx"), "this .docx file is an Excel workbook"),
        (lambda d: h.future_zip(d / "acte.docx"), "this .docx file is not a Word archive"),
    ],
)  # fmt: skip
def test_other_hostile_archives(tmp_path: Path, build: Callable[[Path], Path], en: str) -> None:
    from ctg_rules.extract import ExtractError, read

    with pytest.raises(ExtractError) as caught:
        read(build(tmp_path))
    assert en in caught.value.render("en")


def test_an_html_page_saved_as_text_is_named_but_markdown_with_html_is_read(tmp_path: Path) -> None:
    from ctg_rules.extract import ExtractError, read

    with pytest.raises(ExtractError, match=r"this \.txt file is an HTML page"):
        read(h.html(tmp_path / "acte.txt"))
    notes = tmp_path / "acte.md"
    notes.write_text("\n".join(h.ACT) + "\n\n<br>\n<html> est cité ici\n", encoding="utf-8")
    assert read(notes).text.startswith(h.ACT[0])


def test_mutated_documents_end_in_the_readers_own_sentences(tmp_path: Path) -> None:
    """Bytes flipped, cut and inserted in a DOCX, an ODT, an RTF and a UTF-16 text: each is read or
    refused by a reader's own message, never by the catch-all (a library's surprise)."""
    import random

    from ctg_rules.extract import ExtractError, read

    seeds = {
        ".docx": h.nested_deliberation(tmp_path / "s.docx").read_bytes(),
        ".odt": h.odt(
            tmp_path / "s.odt", "".join(f"<text:p>{h.esc(x)}</text:p>" for x in h.ACT)
        ).read_bytes(),
        ".rtf": RTF.encode("ascii"),
        ".txt": "\n".join(h.ACT).encode("utf-16-le"),
    }
    rng = random.Random(22)
    outcomes: set[str] = set()
    for n in range(1200):
        suffix = list(seeds)[n % len(seeds)]
        data = bytearray(seeds[suffix])
        for _ in range(rng.randint(1, 12)):
            i = rng.randrange(len(data))
            if rng.random() < 0.7:
                data[i] = rng.randrange(256)
            else:
                del data[i : i + rng.randint(1, 40)]
        path = tmp_path / f"m{n}{suffix}"
        path.write_bytes(bytes(data))
        try:
            read(path)
            outcomes.add("read")
        except ExtractError as exc:
            assert exc.message_id != "reader_failed", (suffix, exc.detail)
            outcomes.add(exc.message_id)
    assert {"read", "bad_archive"} <= outcomes  # the mutations did damage archives, and spare some
