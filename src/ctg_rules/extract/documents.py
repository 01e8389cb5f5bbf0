"""A document's text, per format: plain text and Markdown, PDF (pypdfium2), DOCX (python-docx).

PDF and DOCX readers are optional extras (``ctg-rules[pdf]``, ``ctg-rules[docx]``), imported only
when such a file is read; a missing one is a plain-language error, never a traceback.
"""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
DOCUMENT_SUFFIXES = (*TEXT_SUFFIXES, ".pdf", ".docx")
MAX_BYTES = 100 * 1024 * 1024
MAX_PAGES = 2000
#: what a DOCX may unpack to (its XML is read whole): real ones stay under a few megabytes
MAX_UNPACKED = 200 * 1024 * 1024
_PDF_ERRORS = {
    3: "pdf_damaged",
    4: "pdf_password",
    5: "pdf_security",
}  # FPDF_ERR_FORMAT, _PASSWORD, _SECURITY

_MESSAGES: dict[str, tuple[str, str]] = {
    "missing_extra": (
        "lire un fichier {kind} demande le paquet {package} : pip install 'ctg-rules[{extra}]'",
        "reading a {kind} file needs the {package} package: pip install 'ctg-rules[{extra}]'",
    ),
    "unreadable": ("fichier illisible : {reason}", "cannot read the file: {reason}"),
    "bad_pdf": (
        "PDF illisible ({reason}) : fichier abîmé ou protégé par un mot de passe ?",
        "cannot read the PDF ({reason}): damaged or password-protected?",
    ),
    "bad_docx": ("DOCX illisible ({reason})", "cannot read the DOCX file ({reason})"),
    "too_large": (
        "document trop volumineux ({size} octets ; limite {limit})",
        "document too large ({size} bytes; limit {limit})",
    ),
    "too_many_pages": (
        "document trop long ({pages} pages ; limite {limit})",
        "document too long ({pages} pages; limit {limit})",
    ),
    "no_text": (
        "aucun texte : document scanné, passez-le d'abord en reconnaissance de caractères (OCR)",
        "no text: scanned document, OCR it first",
    ),
    "pdf_damaged": (
        "PDF tronqué ou abîmé : ce n'est pas un PDF complet (téléchargement interrompu ?)",
        "truncated or damaged PDF: not a complete PDF file (an interrupted download?)",
    ),
    "pdf_password": (
        "PDF protégé par un mot de passe : enregistrez-en une copie sans mot de passe",
        "password-protected PDF: save a copy without the password",
    ),
    "pdf_security": (
        "PDF chiffré d'une manière non prise en charge : enregistrez-en une copie sans protection",
        "PDF encrypted in an unsupported way: save an unprotected copy",
    ),
    "docx_not_zip": (
        "ce fichier .docx n'est pas une archive Word : fichier abîmé, ou autre format renommé en .docx ?",
        "this .docx file is not a Word archive: damaged, or another format renamed .docx?",
    ),
    "docx_ole": (
        "ancien format Word (.doc) ou document protégé par un mot de passe : enregistrez-le en .docx sans mot de passe",
        "old Word format (.doc) or a password-protected document: save it as .docx without a password",
    ),
    "docx_not_word": (
        "archive ZIP qui n'est pas un document Word (il y manque word/document.xml)",
        "a ZIP archive that is not a Word document (word/document.xml is missing)",
    ),
    "docx_too_large": (
        "document Word démesuré une fois décompressé ({size} octets ; limite {limit}) : archive piégée ?",
        "Word document too large once unpacked ({size} bytes; limit {limit}): a zip bomb?",
    ),
    "not_a_file": (
        "ce n'est pas un fichier ordinaire (tube, périphérique...) : il n'est pas lu",
        "not a regular file (pipe, device...): it is not read",
    ),
    "format": (
        "format non pris en charge : {suffix} (formats lus : .txt, .md, .pdf, .docx)",
        "unsupported format: {suffix} (readable formats: .txt, .md, .pdf, .docx)",
    ),
}


class ExtractError(Exception):
    """A document that cannot be read; ``render(lang)`` words it for the user."""

    line: int | None = None
    column: int | None = None

    def __init__(self, message_id: str, **args: object) -> None:
        self.message_id = message_id
        self.args_ = args
        super().__init__(self.render("en"))

    def render(self, lang: str = "fr") -> str:
        fr, en = _MESSAGES[self.message_id]
        return (fr if lang == "fr" else en).format(**self.args_)


@dataclass
class SourceText:
    """The text of a document: ``pages`` when the format has pages (PDF, text with form feeds)."""

    path: str
    kind: str  # text | pdf | docx
    text: str
    pages: list[str] | None = None


def is_document(path: str | Path) -> bool:
    """Is this a file ``check`` extracts a dossier from (rather than a YAML dossier)?"""
    return str(path).lower().endswith(DOCUMENT_SUFFIXES)


def read(path: str | Path) -> SourceText:
    """The text of a .txt/.md, .pdf or .docx file; raise ExtractError."""
    name = Path(path).as_posix()
    suffix = Path(path).suffix.lower()
    try:
        info = Path(path).stat()
    except OSError as exc:
        raise ExtractError("unreadable", reason=exc.strerror or exc) from None
    if not stat.S_ISREG(info.st_mode):  # a named pipe would block the read
        raise ExtractError("not_a_file")
    size = info.st_size
    if size > MAX_BYTES:
        raise ExtractError("too_large", size=size, limit=MAX_BYTES)
    if suffix == ".pdf":
        pages = _pdf_pages(path)
        return SourceText(name, "pdf", "\f".join(pages), pages)
    if suffix == ".docx":
        return SourceText(name, "docx", _docx_text(path))
    if suffix in TEXT_SUFFIXES:
        text = _text(path)
        pages = text.split("\f") if "\f" in text else None
        return SourceText(name, "text", text, pages)
    raise ExtractError("format", suffix=suffix or name)


def _text(path: str | Path) -> str:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ExtractError("unreadable", reason=exc.strerror or exc) from None
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace").lstrip("\ufeff")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # French office software still saves text as Windows-1252
        return raw.decode("cp1252", errors="replace")


def _pdf_pages(path: str | Path) -> list[str]:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise ExtractError("missing_extra", kind="PDF", package="pypdfium2", extra="pdf") from None
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # PdfiumError and friends: damaged, encrypted, not a PDF
        known = _PDF_ERRORS.get(getattr(exc, "err_code", None))  # type: ignore[arg-type]
        if known:
            raise ExtractError(known) from None
        raise ExtractError("bad_pdf", reason=str(exc) or type(exc).__name__) from None
    try:
        if len(pdf) > MAX_PAGES:
            raise ExtractError("too_many_pages", pages=len(pdf), limit=MAX_PAGES)
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            try:
                pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            finally:
                textpage.close()
                page.close()
    except ExtractError:
        raise
    except Exception as exc:
        raise ExtractError("bad_pdf", reason=str(exc) or type(exc).__name__) from None
    finally:
        pdf.close()
    if not any(p.strip() for p in pages):
        raise ExtractError("no_text")
    return pages


def _docx_text(path: str | Path) -> str:
    """Paragraphs and table rows in document order, one per line (cells separated by two spaces)."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise ExtractError("missing_extra", kind="DOCX", package="python-docx", extra="docx") from None
    _check_docx_archive(path)
    try:
        document = docx.Document(str(path))
        lines: list[str] = []
        body = document.element.body
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.extend(Paragraph(child, document).text.split("\n"))
            elif tag == "tbl":
                for row in Table(child, document).rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        text = " ".join(cell.text.split())
                        if text and (not cells or cells[-1] != text):  # merged cells repeat
                            cells.append(text)
                    lines.append("  ".join(cells))
    except Exception as exc:  # zipfile.BadZipFile, KeyError, lxml errors
        raise ExtractError("bad_docx", reason=str(exc) or type(exc).__name__) from None
    return "\n".join(lines)


def _check_docx_archive(path: str | Path) -> None:
    """What python-docx would only say in its own words, or not at all (a zip bomb is read whole)."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE container: Word 97-2003, or an encrypted .docx
        raise ExtractError("docx_ole")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ExtractError("docx_not_zip") from None
    if not any(m.filename == "word/document.xml" for m in members):
        raise ExtractError("docx_not_word")
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED:
        raise ExtractError("docx_too_large", size=unpacked, limit=MAX_UNPACKED)
