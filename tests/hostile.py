"""Hostile and unusual documents, generated (never committed): zip bombs, huge or odd DOCX and ODT,
merged and nested tables, Word Online's document2.xml, UTF-16 without a BOM, NUL bytes.

Shared by tests/test_bounded_reading.py and benchmarks/hostile_documents.py (the measured table
of SECURITY.md). Big files are written in streaming: generating them costs little memory.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
ROOT = f'<w:document xmlns:w="{W}"><w:body>'
HEAD = DECLARATION + ROOT
TAIL = "</w:body></w:document>"

#: a deliberation extract as a council secretary types it (short, invented)
ACT = [
    "COMMUNE DE SAINT-EXEMPLE",
    "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL",
    "Séance du 12 mars 2024",
    "Délibération n° 2024-031",
    "Objet : convention territoriale globale avec la CAF",
    "Nombre de conseillers en exercice : 5",
    "Présents : 4",
    "Votants : 4",
    "Présents : DUPONT Jean, MARTIN Paul, DURAND Marie, PETIT Luc",
    "Absente : ROUX Eve",
    "Le conseil municipal, après en avoir délibéré, approuve la convention.",
    "Vote : pour 4, contre 0, abstention 0",
    "Fait à Saint-Exemple, le 12 mars 2024",
]


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r></w:p>'


def cell(*blocks: str, merge: str | None = None, span: int = 1) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>" if merge else ""
    )
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(blocks) or '<w:p/>'}</w:tc>"


def table(rows: Iterable[Iterable[str]]) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(r) + "</w:tr>" for r in rows) + "</w:tbl>"


def docx(
    path: Path,
    body: str | Iterable[str],
    main: str = "word/document.xml",
    declared: bool = True,
    prolog: str = "",
) -> Path:
    """A minimal DOCX; ``body`` is XML or chunks of XML streamed into the main part; ``prolog``
    goes between the XML declaration and the root (a DTD)."""
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + (f'<Override PartName="/{main}" ContentType="{MAIN}"/>' if declared else "")
        + "</Types>"
    )
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'officeDocument" Target="{main}"/></Relationships>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        with archive.open(main, "w", force_zip64=True) as part:
            part.write((DECLARATION + prolog + ROOT).encode())
            for chunk in [body] if isinstance(body, str) else body:
                part.write(chunk.encode())
            part.write(TAIL.encode())
    return path


def odt(path: Path, body: str) -> Path:
    """A minimal OpenDocument text: mimetype first and stored, then content.xml."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
    )
    content = f'<?xml version="1.0"?><office:document-content {ns}><office:body><office:text>{body}</office:text></office:body></office:document-content>'  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return path


def encrypted_odt(path: Path) -> Path:
    """What LibreOffice writes with a password: the manifest says content.xml is encrypted."""
    odt(path, "<text:p>chiffré</text:p>")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(
            "META-INF/manifest.xml", "<manifest:manifest><manifest:encryption-data/></manifest:manifest>"
        )
    return path


def future_zip(path: Path) -> Path:
    """A DOCX whose directory asks for a ZIP version no reader knows (zipfile: NotImplementedError)."""
    data = bytearray(docx(path, act_xml()).read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        data[at + 6 : at + 8] = (100).to_bytes(2, "little")  # version needed to extract: 10.0
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def xlsx(path: Path) -> Path:
    """An Excel workbook (what a budget annex is), under any name."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return path


# --- the cases of issue 22 --------------------------------------------------------------------------


def merged_tables(path: Path, tables: int = 40, rows: int = 12) -> Path:
    """Small tables whose first column is one cell merged down every row (python-docx: minutes)."""

    def one(t: int) -> str:
        merge = ["restart"] + ["continue"] * (rows - 1)
        return table([cell(p(f"Commune {t}"), merge=m), cell(p(f"élu {r}"))] for r, m in enumerate(merge))

    return docx(path, [act_xml()] + [one(t) for t in range(tables)])


def long_merged_table(path: Path, rows: int = 3000) -> Path:
    """One table of 3,000 rows under a merged first column (python-docx: recursion depth exceeded)."""
    return docx(
        path,
        [act_xml(), "<w:tbl>"]
        + [f"<w:tr>{cell(p('Annexe'), merge='restart' if r == 0 else 'continue')}{cell(p(f'ligne {r}'))}</w:tr>" for r in range(rows)]
        + ["</w:tbl>"],
    )  # fmt: skip


def nested_deliberation(path: Path) -> Path:
    """The act in a table inside a table, as Word lays out a framed page."""
    inner = table([[cell(*[p(line) for line in ACT])]])
    return docx(path, table([[cell(p("Cadre"), inner)]]).replace(p("Cadre"), ""))


def act_xml() -> str:
    return "".join(p(line) for line in ACT)


def blank(size: int) -> Iterator[str]:
    """``size`` bytes of white space between the body's elements: what a zip bomb inflates to."""
    chunk = " " * (1 << 20)
    for _ in range(size >> 20):
        yield chunk


def big_text(path: Path, size: int) -> Path:
    """A text file of ``size`` bytes: the act again and again."""
    block = ("\n".join(ACT) + "\n").encode() * 1000
    with open(path, "wb") as handle:
        while handle.tell() + len(block) <= size:
            handle.write(block)
        handle.write(block[: size - handle.tell()])
    return path


def paged_text(path: Path) -> Path:
    """Two pages (a form feed between): a short one, then one of 20 lines."""
    path.write_text(ACT[0] + "\f" + "\n".join(ACT[:3] * 7), encoding="utf-8")
    return path


def html(path: Path) -> Path:
    path.write_text("<!DOCTYPE html>\n<html><head><title>404</title></head><body>Introuvable</body></html>\n")
    return path


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def paragraphs(count: int, text: str = "Paragraphe") -> Iterator[str]:
    block = 1000
    for start in range(0, count, block):
        yield "".join(p(f"{text} {i}") for i in range(start, min(start + block, count)))


def formatted_xml(megabytes: int) -> Iterator[str]:
    """About ``megabytes`` MB of paragraphs as Word writes them (style, fonts, size on each run)."""
    run = (
        '<w:p><w:pPr><w:pStyle w:val="Normal"/><w:jc w:val="both"/></w:pPr><w:r><w:rPr>'
        '<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:sz w:val="22"/></w:rPr><w:t xml:space="preserve">'
        "Considérant le point {i} du rapport présenté en séance.</w:t></w:r></w:p>"
    )
    chunk_paragraphs = 4000
    size = len(run.format(i=100000).encode())
    for start in range(0, megabytes * 1024 * 1024 // size, chunk_paragraphs):
        yield "".join(run.format(i=i) for i in range(start, start + chunk_paragraphs))


def lying_zip_bomb(path: Path, unpacked: int = 400 * 1024 * 1024, declared: int = 1000) -> Path:
    """A DOCX whose document.xml inflates to ``unpacked`` bytes while the archive says ``declared``."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = bytearray(deflate.compress(HEAD.encode()))
    blank = b" " * (1024 * 1024)
    for _ in range(unpacked // len(blank)):
        data += deflate.compress(blank)
    data += deflate.compress(TAIL.encode()) + deflate.flush()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/word/document.xml" ContentType="{MAIN}"/></Types>',
        )
    with zipfile.ZipFile(path, "a") as archive:  # the member is written by hand: its sizes lie
        _raw_member(archive, "word/document.xml", bytes(data), declared)
    return path


def _raw_member(archive: zipfile.ZipFile, name: str, data: bytes, declared: int) -> None:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.compress_size = len(data)
    info.file_size = declared
    info.CRC = 0
    info.header_offset = archive.fp.tell()  # type: ignore[union-attr]
    archive.fp.write(info.FileHeader())  # type: ignore[union-attr]
    archive.fp.write(data)  # type: ignore[union-attr]
    archive.start_dir = archive.fp.tell()  # type: ignore[union-attr]
    archive.filelist.append(info)
    archive.NameToInfo[name] = info
    archive._didModify = True


#: the classic entity bomb: ten levels of ten, a billion "lol" once expanded
LAUGHS = (
    "<!DOCTYPE w:document [<!ENTITY l0 'lol'>"
    + "".join(f"<!ENTITY l{i} '{f'&l{i - 1};' * 10}'>" for i in range(1, 10))
    + "]>"
)


def utf16_without_bom(path: Path, lines: list[str] = ACT, big_endian: bool = False) -> Path:
    path.write_bytes("\n".join(lines).encode("utf-16-be" if big_endian else "utf-16-le"))
    return path


def with_nul_bytes(path: Path, lines: list[str] = ACT) -> Path:
    """The act, then the zero bytes a crashed editor or a bad copy leaves."""
    path.write_bytes("\n".join(lines).encode() + b"\n" + b"\x00" * 4096)
    return path


# --- the cases, and a check of one under 1 GB of address space -----------------------------------

GB = 1 << 30
#: the interpreter capped at 1 GB of address space checks the file, then says its own peak (VmHWM)
_CHILD = (
    "import resource, sys\n"
    f"resource.setrlimit(resource.RLIMIT_AS, ({GB}, {GB}))\n"
    "from ctg_rules.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "finally:\n"
    "    hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
    "    print('peak-kb', hwm, file=sys.stderr)\n"
)


def measured(path: Path, *options: str) -> tuple[int, dict, float, int]:
    """Exit code, JSON report, seconds and peak memory (KB) of `check` on ``path`` under 1 GB."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, "check", "--format", "json", "--lang", "en", *options, str(path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    peak = int(proc.stderr.rsplit("peak-kb", 1)[1])
    return proc.returncode, json.loads(proc.stdout), seconds, peak


def message(report: dict) -> str:
    """The one error of a report."""
    [error] = report["errors"]
    return error["message"]


#: case -> (how to build it, exit code, words of the message, or None: the act is checked)
CASES: dict[str, tuple[Callable[[Path], Path], int, str | None]] = {
    "lying zip bomb": (lambda d: lying_zip_bomb(d / "bomb.docx", 300 << 20), 2, "damaged Word archive"),
    "zip bomb": (lambda d: docx(d / "bomb.docx", blank(300 << 20)), 2, "times its size, as a zip bomb does"),
    "196 MB of XML": (lambda d: docx(d / "xml.docx", formatted_xml(196)), 2, "reading stopped (paragraph"),
    "196 MB of XML, max-text raised": (lambda d: docx(d / "xml.docx", formatted_xml(196)), 2, "more than 1,000,000 XML elements"),
    "1,000,000 paragraphs": (lambda d: docx(d / "long.docx", paragraphs(1_000_000)), 2, "reading stopped (paragraph"),
    "100 MB of text": (lambda d: big_text(d / "big.txt", 100_000_000), 2, "more than 3,000,000 characters"),
    "billion laughs": (lambda d: docx(d / "lol.docx", p("&l9;"), prolog=LAUGHS), 2, "declares a DTD or XML entities"),
    "broken XML": (lambda d: docx(d / "broken.docx", "<w:p><w:r>"), 2, "is not valid XML (line"),
    "2.9 MB of acts, the most text accepted": (lambda d: big_text(d / "acts.txt", 2_900_000), 0, None),
    "40 merged tables": (lambda d: merged_tables(d / "tables.docx"), 0, None),
    "3,000-row merged table": (lambda d: long_merged_table(d / "table.docx"), 0, None),
    "nested tables": (lambda d: nested_deliberation(d / "nested.docx"), 0, None),
    "Word Online": (lambda d: docx(d / "online.docx", act_xml(), main="word/document2.xml"), 0, None),
    "UTF-16 without BOM": (lambda d: utf16_without_bom(d / "acte.txt"), 0, None),
    "NUL bytes": (lambda d: with_nul_bytes(d / "acte.txt"), 0, None),
    "HTML as .pdf": (lambda d: html(d / "acte.pdf"), 2, "this .pdf file is an HTML page"),
    "DOCX as .pdf": (lambda d: docx(d / "acte.pdf", act_xml()), 2, "is a Word document (DOCX): rename it .docx"),
    "empty .pdf": (lambda d: empty(d / "acte.pdf"), 2, "empty file (0 bytes)"),
}  # fmt: skip
#: the options a case is checked with (a limit raised, to reach the next one)
OPTIONS = {"196 MB of XML, max-text raised": ("--limit", "max-text=100000000")}
#: measured by the benchmark only: the most a DOCX may hold and still be checked (the reader, Word
#: places and the extractor each take their share; too close to 10 s on a loaded machine to assert)
BENCH_CASES: dict[str, tuple[Callable[[Path], Path], int, str | None]] = {
    "170,000 paragraphs, the most DOCX text accepted": (
        lambda d: docx(d / "long.docx", [act_xml(), *paragraphs(170_000)]),
        0,
        None,
    ),
}
