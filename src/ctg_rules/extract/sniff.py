"""What a file really is, from its first bytes: a document is never judged by its extension alone.

A download that failed is an HTML page saved as ``acte.pdf``; a DOCX renamed ``.pdf`` or an old
Word file renamed ``.docx`` happen every week. The reader says what the file looks like and what
to do, instead of "a truncated PDF" or a silent skip.
"""

from __future__ import annotations

import zlib
from functools import partial
from pathlib import Path

from .errors import ExtractError

#: bytes looked at (PDFium itself accepts "%PDF" anywhere in the first kilobyte)
HEAD = 4096

#: kind -> (French, English) description, and what to do with such a file
_KINDS: dict[str, tuple[str, str, str, str]] = {
    "html": (
        "une page HTML (une page web ou d'erreur enregistrée à la place du document)",
        "an HTML page (a web or error page saved instead of the document)",
        "téléchargez de nouveau le document",
        "download the document again",
    ),
    "pdf": ("un PDF", "a PDF", "renommez-le en .pdf", "rename it .pdf"),
    "docx": ("un document Word (DOCX)", "a Word document (DOCX)", "renommez-le en .docx", "rename it .docx"),
    "odt": ("un document OpenDocument (ODT)", "an OpenDocument text (ODT)", "renommez-le en .odt", "rename it .odt"),
    "ole": (
        "un ancien document Word (.doc) ou un document protégé par un mot de passe",
        "an old Word document (.doc) or a password-protected document",
        "enregistrez-le en PDF ou en DOCX sans mot de passe",
        "save it as PDF or DOCX without a password",
    ),
    "rtf": ("un document RTF", "an RTF document", "enregistrez-le en PDF ou en DOCX", "save it as PDF or DOCX"),
    "xlsx": ("un classeur Excel", "an Excel workbook", "joignez l'acte en PDF ou en DOCX", "attach the act as PDF or DOCX"),
    "pptx": ("une présentation PowerPoint", "a PowerPoint presentation", "joignez l'acte en PDF ou en DOCX", "attach the act as PDF or DOCX"),
    "opendocument": ("un fichier OpenDocument qui n'est pas un texte (classeur, présentation...)", "an OpenDocument file that is not a text (spreadsheet, presentation...)", "joignez l'acte en PDF, DOCX ou ODT", "attach the act as PDF, DOCX or ODT"),
    "zip": ("une archive ZIP", "a ZIP archive", "décompressez-la et vérifiez ses documents un à un", "unzip it and check its documents one by one"),
    "image": ("une image", "an image", "enregistrez-la en PDF (numérisation)", "save it as a PDF (a scan)"),
    "xml": ("un fichier XML", "an XML file", "joignez l'acte en PDF ou en DOCX", "attach the act as PDF or DOCX"),
    "text": ("un fichier texte", "a text file", "renommez-le en .txt", "rename it .txt"),
    "binary": ("un fichier binaire d'un format inconnu", "a binary file of an unknown format", "joignez l'acte en PDF ou en DOCX", "attach the act as PDF or DOCX"),
}  # fmt: skip

_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")


def head(path: str | Path) -> bytes:
    """The first bytes of a file."""
    with open(path, "rb") as handle:
        return handle.read(HEAD)


def looks_like(path: str | Path, first: bytes) -> str:
    """The kind a file's bytes say: pdf, docx, odt, ole, rtf, html, xml, image, zip, text, binary..."""
    if first[:5] == b"%PDF-" or b"%PDF-" in first[:1024]:
        return "pdf"
    if first.startswith(b"PK\x03\x04") or first.startswith(b"PK\x05\x06"):
        return zip_kind(path)
    if first.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if first.startswith(b"{\\rtf"):
        return "rtf"
    if first.startswith(_IMAGES):
        return "image"
    start = first.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or (
        start.startswith(b"<") and b"<html" in first[:1024].lower()
    ):
        return "html"
    if start.startswith(b"<?xml") or start.startswith(b"<"):
        return "xml"
    if b"\x00" in first or sum(b < 9 or 13 < b < 32 for b in first) > len(first) // 20:
        return "binary"
    return "text"


def zip_kind(path: str | Path) -> str:
    """What a ZIP holds: a Word, OpenDocument, Excel or PowerPoint document, or anything else."""
    import zipfile  # here: a PDF's reading (which imports this module) opens no archive

    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (
        zipfile.BadZipFile,
        OSError,
        ValueError,
        KeyError,
        RuntimeError,
        NotImplementedError,
        EOFError,
        zlib.error,
    ):
        return "zip"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return "odt" if mimetype.strip() == b"application/vnd.oasis.opendocument.text" else "opendocument"
    folders = {name.split("/", 1)[0].lower() for name in names}
    for folder, kind in (("word", "docx"), ("xl", "xlsx"), ("ppt", "pptx")):
        if folder in folders:
            return kind
    lowered = {name.lower() for name in names}
    return "docx" if "[content_types].xml" in lowered and "word" in str(lowered) else "zip"


def _words(kind: str, part: int, lang: str) -> str:
    return _KINDS[kind][part + (0 if lang == "fr" else 1)]


def mismatch(suffix: str, kind: str) -> ExtractError:
    """ "ce fichier .pdf est une page HTML (...) : téléchargez de nouveau le document"."""
    return ExtractError(
        "mismatch", suffix=suffix, what=partial(_words, kind, 0), todo=partial(_words, kind, 2)
    )
