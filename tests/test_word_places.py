"""Positions people can find (issue 20, point 6): a finding on a Word document names its paragraph
(§12) or table cell and quotes it; a PDF's finding prints its line; a run's finding keeps its page."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from ctg_rules import load
from ctg_rules.engine import Engine, Options
from ctg_rules.extract.wordplaces import blocks, place_label, places
from tests import docgen
from tests.conftest import DEFECTS

pytest.importorskip("docx")


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("word")
    dossier = load(DEFECTS)
    docgen.write_docx(folder / "deliberation.docx", docgen.deliberation(dossier.deliberations[0]))
    docgen.write_docx(folder / "convention.docx", docgen.convention(dossier.convention))
    return folder


def _check(path: Path, *args: str) -> list:
    engine = Engine(Options(builtins_only=True))
    return engine.check_file(path).findings


def _paragraph_number(path: Path, text: str) -> int:
    """The paragraph's number as a person counts in Word: the non-empty paragraphs, from 1."""
    import docx

    written = [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    return written.index(text) + 1


def test_a_finding_in_a_word_paragraph_names_it_and_quotes_it(documents: Path) -> None:
    path = documents / "deliberation.docx"
    [vot001] = [f for f in _check(path) if f.code == "VOT001"]
    assert vot001.place == {"paragraph": _paragraph_number(path, "Présents : 8")}
    assert vot001.excerpt == "Présents : 8"
    assert vot001.to_dict()["place"] == vot001.place  # JSON keeps the line and adds the place


def test_a_finding_in_a_table_names_its_table_row_and_cell(documents: Path) -> None:
    import docx

    path = documents / "convention.docx"
    table = docx.Document(str(path)).tables[0]
    row = next(i for i, r in enumerate(table.rows) if any(c.text == "Roger VIALA" for c in r.cells))
    cell = next(j for j, c in enumerate(table.rows[row].cells) if c.text == "Roger VIALA")
    found = [f for f in _check(path) if f.code == "SIG002" and "Roger VIALA" in f.message]
    assert [f.place for f in found] == [{"table": 1, "row": row + 1, "cell": cell + 1}]
    assert "Roger VIALA" in found[0].excerpt


def test_the_reports_say_the_paragraph_not_the_reader_s_line(documents: Path) -> None:
    from click.testing import CliRunner

    from ctg_rules.cli import cli

    path = documents / "deliberation.docx"
    number = _paragraph_number(path, "Présents : 8")
    text = CliRunner().invoke(cli, ["check", str(path)]).output
    head = next(line for line in text.splitlines() if " VOT001 " in line)
    assert head.startswith(f"{path.as_posix()}:§{number} VOT001 [erreur]")
    assert "    Présents : 8\n" in text
    html = CliRunner().invoke(cli, ["check", "--format", "html", str(path)]).output
    assert f"deliberation.docx, §{number}" in html
    assert '<blockquote class="excerpt">Présents : 8</blockquote>' in html
    sarif = json.loads(CliRunner().invoke(cli, ["check", "--format", "sarif", str(path)]).output)
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "VOT001"]
    assert results[0]["properties"]["place"] == {"paragraph": number}
    assert results[0]["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "Présents : 8"


def test_place_labels_in_both_languages() -> None:
    assert place_label({"paragraph": 12}, "fr") == place_label({"paragraph": 12}, "en") == "§12"
    assert place_label({"table": 2, "row": 3, "cell": 1}, "fr") == "tableau 2, ligne 3, cellule 1"
    assert place_label({"table": 2, "row": 3, "cell": 1}, "en") == "table 2, row 3, cell 1"
    assert place_label(None, "fr") is None


def test_empty_paragraphs_are_not_counted_and_merged_cells_are_one(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Premier")
    document.add_paragraph("")
    document.add_paragraph("Second")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Fusionnée"
    table.cell(0, 2).text = "Droite"
    table.cell(1, 1).text = "Milieu"
    path = tmp_path / "places.docx"
    document.save(str(path))
    found = blocks(path)
    assert [(b.table, b.number, b.text) for b in found] == [
        (None, 1, "Premier"), (None, 2, "Second"), (1, 1, "Fusionnée  Droite"), (1, 2, "Milieu"),
    ]  # fmt: skip
    lines = {(None, 1): "Premier", (None, 2): "", (None, 3): "Second", (None, 4): "Fusionnée  Droite",
             (None, 5): "Milieu"}  # fmt: skip
    where = places(path, lines)
    assert where[3].place("Second", 1) == {"paragraph": 2}
    # the merged cell is one cell, as Word shows it: "Droite" is the row's second
    assert where[4].place(lines[(None, 4)], 12) == {"table": 1, "row": 1, "cell": 2}
    assert where[4].place(lines[(None, 4)], 1) == {"table": 1, "row": 1, "cell": 1}
    assert where[5].place("Milieu", 1) == {"table": 1, "row": 2, "cell": 2}


def test_a_document_that_cannot_be_walked_again_gives_no_place(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>")
    assert places(broken, {(None, 1): "x"}) == {}
    assert places(tmp_path / "missing.docx", {(None, 1): "x"}) == {}


def test_a_pdf_finding_prints_its_line_in_text_and_html(tmp_path: Path) -> None:
    pytest.importorskip("fpdf")
    from click.testing import CliRunner

    from ctg_rules.cli import cli

    path = tmp_path / "deliberation.pdf"
    docgen.write_pdf(path, docgen.deliberation(load(DEFECTS).deliberations[0]))
    [vot001] = [f for f in _check(path) if f.code == "VOT001"]
    assert vot001.page == 1 and vot001.excerpt.strip() == "Présents : 8" and vot001.place is None
    text = CliRunner().invoke(cli, ["check", str(path)]).output
    assert f"{path.as_posix()}:p1:{vot001.line}:{vot001.column} VOT001" in text
    assert "    Présents : 8\n" in text
    html = CliRunner().invoke(cli, ["check", "--format", "html", str(path)]).output
    assert '<blockquote class="excerpt">Présents : 8</blockquote>' in html


def test_a_run_finding_on_word_documents_keeps_the_paragraph(tmp_path: Path) -> None:
    """IDN004 looks across the run's files: its finding still names the paragraph and quotes it."""
    deliberation = load(DEFECTS).deliberations[0]
    for name, subject in (("a.docx", "Approbation de la CTG"), ("b.docx", "Tarifs de la piscine")):
        other = deliberation.model_copy(update={"subject": subject})
        docgen.write_docx(tmp_path / name, docgen.deliberation(other))
    engine = Engine(Options(select=("IDN004",), builtins_only=True))
    assert [f for r in engine.run([tmp_path]) for f in r.findings] == []
    [late] = engine.finish()
    number = _paragraph_number(tmp_path / "b.docx", f"Délibération n° {deliberation.number}")
    assert (Path(late.file).name, late.place, late.excerpt) == (
        "b.docx",
        {"paragraph": number},
        f"Délibération n° {deliberation.number}",
    )


def test_the_main_part_is_the_one_the_content_types_name(tmp_path: Path) -> None:
    """Word Online saves word/document2.xml; the attributes may come in any order."""
    body = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>Vu le CGCT</w:t></w:r></w:p></w:body></w:document>"
    )
    types = (
        '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml'
        '.document.main+xml" PartName="/word/document2.xml"/></Types>'
    )
    path = tmp_path / "online.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("word/document2.xml", body)
    assert [(b.number, b.text) for b in blocks(path)] == [(1, "Vu le CGCT")]
