"""Hostile documents for extraction: truncated, encrypted, scanned, fake DOCX, zip bombs, 500 pages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ctg_rules.cli import cli
from ctg_rules.extract import ExtractError, extract_path
from ctg_rules.loader import Limits
from tests.test_extract_cli import ACT, EPCI, make_pdf, write_pdf

pytest.importorskip("pypdfium2")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def refused(path: Path, limits: Limits | None = None) -> ExtractError:
    with pytest.raises(ExtractError) as caught:
        extract_path(path, limits=limits)
    return caught.value


def image_only_pdf(path: Path) -> Path:
    """A page with a drawing and no text layer: what a scanner without OCR produces."""
    drawing = "0 0 1 rg 50 50 400 600 re f"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        f"<< /Length {len(drawing)} >>\nstream\n{drawing}\nendstream",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>",
    ]
    return write_pdf(path, objects)


def test_a_truncated_pdf(tmp_path: Path) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", [ACT]).read_bytes()
    for cut in (20, len(whole) // 3, len(whole) // 2, len(whole) - 40):
        path = tmp_path / f"cut{cut}.pdf"
        path.write_bytes(whole[:cut])
        error = refused(path)
        assert error.message_id == "pdf_damaged", (cut, error.render("en"))
        assert error.render("fr").startswith("PDF tronqué ou abîmé")
        assert error.render("en").startswith("truncated or damaged PDF")
    code, stdout, _ = run("check", "--format", "json", "--lang", "en", str(path))
    doc = json.loads(stdout)
    assert code == 2 and doc["errors"][0]["message"].startswith("truncated or damaged PDF")


def test_an_encrypted_pdf(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    plain = make_pdf(tmp_path / "plain.pdf", [ACT])
    for name, user in (("locked.pdf", "secret"), ("owner-only.pdf", "")):
        writer = pypdf.PdfWriter(clone_from=str(plain))
        writer.encrypt(user_password=user, owner_password="owner", algorithm="RC4-128")
        with open(tmp_path / name, "wb") as handle:
            writer.write(handle)
    error = refused(tmp_path / "locked.pdf")
    assert (
        error.render("fr") == "PDF protégé par un mot de passe : enregistrez-en une copie sans mot de passe"
    )
    assert error.render("en") == "password-protected PDF: save a copy without the password"
    code, _, stderr = run("extract", str(tmp_path / "locked.pdf"))
    assert code == 2 and "protégé par un mot de passe" in stderr and "Traceback" not in stderr
    # only an owner password (restrictions, no password to open): it is read like any PDF
    extraction = extract_path(tmp_path / "owner-only.pdf")
    assert extraction.data["deliberations"][0]["members_in_office"] == 5


def test_a_pdf_without_a_text_layer(tmp_path: Path) -> None:
    path = image_only_pdf(tmp_path / "scan.pdf")
    error = refused(path)
    # read by OCR, which finds nothing in a blue rectangle; or, without the engine, what to install
    assert error.message_id in ("ocr_nothing", "ocr_missing_extra", "ocr_missing_data")
    if error.message_id == "ocr_nothing":
        assert error.render("en") == "no readable text, even by OCR: blank pages or unreadable images"
        assert error.render("fr").startswith("aucun texte lisible, même par OCR")
    code, stdout, _ = run("check", "--format", "json", str(path))
    assert code == 2 and "OCR" in json.loads(stdout)["errors"][0]["message"]


@pytest.mark.parametrize(
    ("content", "message_id", "en"),
    [
        (b"PK\x03\x04 not really a zip", "docx_not_zip", "not a Word archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "docx_ole", "old Word format (.doc)"),
        (b"%PDF-1.4\n", "mismatch", "this .docx file is a PDF: rename it .pdf"),
        (b"", "empty", "empty file (0 bytes)"),
        (None, "docx_not_word", "nor word/document.xml names a document"),
    ],
)
def test_files_that_are_not_docx(tmp_path: Path, content: bytes | None, message_id: str, en: str) -> None:
    pytest.importorskip("docx")
    path = tmp_path / "convention.docx"
    if content is None:  # a real zip, of something else
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("mimetype", "application/epub+zip")
            archive.writestr("OEBPS/content.opf", "<package/>")
    else:
        path.write_bytes(content)
    error = refused(path)
    assert error.message_id == message_id and en in error.render("en") and error.render("fr")
    code, _, stderr = run("extract", "--lang", "en", str(path))
    assert code == 2 and en in stderr


def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + " " * 50_000 + "</w:document>")
    assert path.stat().st_size < 2_000  # 50 kB of XML in under 2 kB of archive
    error = refused(path, Limits(max_unpacked=10_000))  # the real limit is 200 MB
    assert error.message_id == "unpacked" and "zip bomb" in error.render("en")


def test_a_named_pipe_is_not_read(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    fifo = tmp_path / "pv.txt"
    os.mkfifo(fifo)
    assert refused(fifo).message_id == "not_a_file"


def test_broken_documents_do_not_stop_the_others(tmp_path: Path) -> None:
    good = tmp_path / "pv.txt"
    good.write_bytes(EPCI.read_bytes())
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    scan = image_only_pdf(tmp_path / "scan.pdf")
    code, stdout, _ = run("check", "--format", "json", str(broken), str(good), str(scan))
    doc = json.loads(stdout)
    assert code == 2
    assert [(Path(f["path"]).name, f["status"]) for f in doc["files"]] == [
        ("broken.pdf", "error"),
        ("pv.txt", "checked"),
        ("scan.pdf", "error"),
    ]


def recueil_pdf(path: Path) -> Path:
    """A 500-page collection of acts, one deliberation a page."""
    considering = [f"Considérant le point {k} du rapport présenté en séance." for k in range(30)]
    pages = [[ACT[0], f"Délibération n° 2023-{i:03d}", f"Objet : convention numéro {i}", *ACT[1:], *considering] for i in range(500)]  # fmt: skip
    return make_pdf(path, pages)


def cli_child(*args: str) -> subprocess.CompletedProcess[str]:
    """The command in a fresh interpreter: a reading that never ends stops at the timeout."""
    return subprocess.run(
        [sys.executable, "-m", "ctg_rules.cli", *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.slow
def test_a_500_page_pdf_is_read_whole_and_checked(tmp_path: Path) -> None:
    # its time (about 2 s to extract on the reference machine): benchmarks/budgets.py
    path = recueil_pdf(tmp_path / "recueil.pdf")
    extracted = cli_child("extract", "--no-plugins", str(path))
    assert extracted.returncode == 0, extracted.stderr[-2000:]
    assert len(yaml.safe_load(extracted.stdout)["deliberations"]) == 500
    checked = cli_child("check", "--format", "json", str(path))
    assert checked.returncode in (0, 1) and json.loads(checked.stdout)["summary"]["checked"] == 1


def test_too_many_pages_is_a_plain_error(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "long.pdf", [ACT] * 3)
    error = refused(path, Limits(max_pages=2))
    assert error.render("en") == "document too long (3 pages; limit 2)"
