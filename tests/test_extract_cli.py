"""`ctg-rules extract` and `ctg-rules check` on documents: PDF, DOCX and text, plugins, start-up cost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import ctg_rules
from ctg_rules.cli import cli
from ctg_rules.extract import Extraction, Position

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
EPCI = FIXTURES / "epci-proces-verbal.txt"

ACT = [
    "EXTRAIT DU REGISTRE DES DELIBERATIONS",
    "Séance du 12 octobre 2023",
    "En exercice : 5",
    "Présents : 3",
    "Votants : 4",
    "Présents : DUPONT Jean, MARTIN Anne, PETIT Luc",
    "Absents : ROUX Eve (pouvoir donné à DUPONT Jean), BLANC Max",
]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def make_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A small PDF of text lines (Helvetica, WinAnsi), one list of lines per page."""

    def esc(line: str) -> str:
        raw = line.encode("cp1252").decode("latin-1")
        return raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    objects: list[str] = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    font = 3
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        stream = "BT /F1 10 Tf 14 TL 50 800 Td " + " ".join(f"({esc(line)}) Tj T*" for line in lines) + " ET"
        data = stream.encode("latin-1")
        objects.append(f"<< /Length {len(data)} >>\nstream\n{stream}\nendstream")
        content = len(objects)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    return write_pdf(path, objects)


def write_pdf(path: Path, objects: list[str]) -> Path:
    """Objects 1..n (1 the catalog) as a PDF file with its cross-reference table."""
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)
    return path


def test_extract_writes_valid_yaml_with_sources_and_what_was_not_found(tmp_path: Path) -> None:
    out = tmp_path / "dossier.yaml"
    code, stdout, stderr = run("extract", str(EPCI), "-o", str(out), "--verbose")
    assert code == 0 and stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "#   - deliberations[0].transmission.published_on : date de publication" in text
    assert "  - number: DEL2023_112  # l.5" in text
    assert "department: '037'" in text  # a code stays text
    assert "non trouvé: deliberations[0].certified_on" in stderr
    dossier = ctg_rules.load(out)  # valid YAML and a valid dossier a person can edit
    assert dossier.deliberations[0].vote.for_ == 9
    # the YAML holds what the extraction holds
    from ctg_rules.extract import extract_path

    assert (
        ctg_rules.load(out).model_dump()
        == ctg_rules.Dossier.model_validate(extract_path(EPCI).data).model_dump()
    )


def test_extract_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "dossier.yaml"
    out.write_text("mine\n", encoding="utf-8")
    code, _, stderr = run("extract", str(EPCI), "-o", str(out))
    assert code == 2 and "existe déjà" in stderr
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert run("extract", str(EPCI), "-o", str(out), "--force")[0] == 0
    assert out.read_text(encoding="utf-8").startswith("# Dossier extrait de")
    assert [p.name for p in tmp_path.iterdir()] == ["dossier.yaml"]  # no temporary file left


def test_extract_to_stdout_and_bad_inputs(tmp_path: Path) -> None:
    code, stdout, _ = run("extract", str(EPCI), "--lang", "en")
    assert code == 0 and stdout.startswith("# Dossier extracted from")
    notes = tmp_path / "notes.txt"
    notes.write_text("rien à voir\n", encoding="utf-8")
    assert run("extract", str(notes))[0] == 2
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    code, _, stderr = run("extract", str(bad))
    assert code == 2 and "PDF tronqué ou abîmé" in stderr
    other = tmp_path / "x.xls"
    other.write_bytes(b"{\\rtf1 PK}")
    code, _, stderr = run("extract", str(other))
    assert code == 2 and "format non pris en charge" in stderr
    broken = tmp_path / "x.odt"
    broken.write_bytes(b"PK")
    code, _, stderr = run("extract", str(broken))
    assert code == 2 and "n'est pas une archive OpenDocument" in stderr


def test_check_a_pdf_finding_on_its_page(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    lines = list(ACT)
    lines[3] = "Présents : 4"  # prints 4, lists 3
    pdf = make_pdf(tmp_path / "acte.pdf", [["Mairie de Saint-Paul", "Page de garde"], lines])
    code, stdout, _ = run("check", "--format", "json", "--select", "VOT001", str(pdf))
    doc = json.loads(stdout)
    [finding] = doc["findings"]
    assert code == 1
    assert (finding["code"], finding["page"], finding["line"]) == ("VOT001", 2, 4)
    assert finding["path"] == "deliberations[0].declared.present"
    code, stdout, _ = run("check", "--select", "VOT001", str(pdf))
    assert f"{pdf.as_posix()}:p2:4:" in stdout


def test_check_a_docx(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in ACT[:2]:
        document.add_paragraph(line)
    table = document.add_table(rows=3, cols=2)
    for row, (label, value) in zip(
        table.rows, [("En exercice", "5"), ("Présents", "4"), ("Votants", "4")], strict=True
    ):
        row.cells[0].text, row.cells[1].text = label, value
    for line in ACT[5:]:
        document.add_paragraph(line)
    path = tmp_path / "acte.docx"
    document.save(str(path))
    from ctg_rules.extract import extract_path

    x = extract_path(path)
    d = x.data["deliberations"][0]
    assert d["members_in_office"] == 5 and d["declared"] == {"present": 4, "voters": 4}
    assert len(d["present"]) == 3 and d["absent"][0] == {"name": "ROUX Eve", "proxy_to": "DUPONT Jean"}
    assert x.locate(("deliberations", 0, "declared", "present")) == (4, 11, None)  # paragraph 4 (a table row)
    code, stdout, _ = run("check", "--format", "json", "--select", "VOT001", str(path))
    assert code == 1 and json.loads(stdout)["findings"][0]["line"] == 4


def test_missing_extra_is_a_plain_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = make_pdf(tmp_path / "acte.pdf", [ACT])
    from ctg_rules.extract import pdfcalls

    # as if `ctg-rules[pdf]` were not installed: neither pypdfium2 nor the PDFium its wheel ships
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    monkeypatch.setitem(sys.modules, "pypdfium2_raw", None)
    pdfcalls.held.cache_clear()
    try:
        code, _, stderr = run("extract", str(pdf))
        assert code == 2 and "pip install 'ctg-rules[pdf]'" in stderr
        code, stdout, _ = run("check", "--format", "json", str(pdf))
        doc = json.loads(stdout)
        assert code == 2 and "ctg-rules[pdf]" in doc["errors"][0]["message"]
    finally:
        pdfcalls.held.cache_clear()


class VendorLayout:
    """A plugin that knows one vendor's layout and leaves the others to the built-in extractor."""

    __name__ = "vendor-layout"

    @ctg_rules.hookimpl
    def ctg_rules_extract(self, path: Path, text: str, pages: list[str] | None) -> Extraction | None:
        if not text.startswith("VENDOR"):
            return None
        x = Extraction(source_name=str(path))
        x.put(("deliberations", 0, "number"), text.split()[1], Position(1, 8))
        x.put(("deliberations", 0, "declared", "present"), 2, Position(2, 1))
        x.put(("deliberations", 0, "present"), ["A B"], Position(3, 1))
        return x


class Broken:
    __name__ = "broken-extractor"

    @ctg_rules.hookimpl
    def ctg_rules_extract(self, path: Path, text: str, pages: list[str] | None) -> Extraction | None:
        raise RuntimeError("boom")


def test_extraction_is_pluggable_and_a_broken_plugin_does_not_stop_it(tmp_path: Path) -> None:
    vendor = tmp_path / "v.txt"
    vendor.write_text("VENDOR X-12\nPrésents 2\nA B\n", encoding="utf-8")
    engine = ctg_rules.Engine(ctg_rules.Options(builtins_only=True, extra_plugins=(VendorLayout(), Broken())))
    result = engine.check_file(vendor)
    assert [(f.code, f.line) for f in result.findings if f.code == "VOT001"] == [("VOT001", 2)]
    assert any(f.name == "broken-extractor" and "boom" in f.error for f in engine.registry.failures)
    # a layout the plugin does not know goes to the built-in extractor
    assert engine.check_file(EPCI).status == "checked"


def test_import_and_yaml_checks_do_not_load_the_extractors(tmp_path: Path) -> None:
    dossier = tmp_path / "d.yaml"
    dossier.write_text("ctg_rules: 1\ndeliberations: [{number: A1}]\n", encoding="utf-8")
    probe = (
        "import sys, ctg_rules\n"
        f"ctg_rules.check({str(dossier)!r})\n"
        "from ctg_rules.cli import main\n"
        "bad = [m for m in sys.modules if m.startswith(('ctg_rules.extract', 'pypdfium2', 'docx', 'text_to_num'))]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
