"""Self-made scans: the project's own text PDFs printed to images the way a scanner would.

A page is rendered at 150 or 200 dpi, turned by a degree or so, sprinkled with noise and specks,
saved as a JPEG and wrapped alone in a PDF (no text layer): what a town hall's copier sends.
Reading it back by OCR must give the fields the text layer gives.
"""

from __future__ import annotations

import io
import random
import textwrap
from pathlib import Path
from typing import Any

from tests.test_extract_cli import write_pdf

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def _esc(line: str) -> str:
    raw = line.encode("cp1252", errors="replace").decode("latin-1")
    return raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(path: Path, pages: list[list[tuple[Any, ...]]], size: float = 11) -> Path:
    """A PDF of text lines placed at (x, y) points on A4 pages (Helvetica, WinAnsi), each written in
    the content stream in the order given; (x, y, text, size) gives a line its own font size."""
    objects: list[str] = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        stream = " ".join(
            f"BT /F1 {(own or [size])[0]} Tf {x} {y} Td ({_esc(t)}) Tj ET" for x, y, t, *own in lines
        )
        data = stream.encode("latin-1")
        objects.append(f"<< /Length {len(data)} >>\nstream\n{stream}\nendstream")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {len(objects)} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    return write_pdf(path, objects)


def flowing(
    text: str, *, left: float = 56, width: int = 88, lead: float = 15
) -> list[list[tuple[float, float, str]]]:
    """A text wrapped to ``width`` characters, paginated from the top of each page."""
    pages: list[list[tuple[float, float, str]]] = [[]]
    y = 790.0
    for paragraph in text.split("\n"):
        for line in textwrap.wrap(paragraph, width) or [""]:
            if y < 60:
                pages.append([])
                y = 790.0
            if line:
                pages[-1].append((left, y, line))
            y -= lead
    return pages


#: A municipal template with a margin column (counts, convocation, page number) beside the body.
MARGIN_BODY = """COMPTE RENDU DU CONSEIL MUNICIPAL DE LA COMMUNE DE VALBONNE
Séance du 14 juin 2024
L'an deux mille vingt-quatre le quatorze juin à dix-neuf heures, le Conseil Municipal de la
commune, régulièrement convoqué, s'est réuni au nombre prescrit par la loi, à la mairie,
sous la présidence de Monsieur Paul ROCHE, Maire.
Présents : Paul ROCHE, Anne FABRE, Louis MARTIN, Claire BONNET, Marc GIRAUD,
Julie ROUX, Henri BLANC
Absents excusés : Sophie MOREL (pouvoir à Paul ROCHE), Pierre LAURENT
Secrétaire de séance : Anne FABRE
Délibération n° 2024-21 : Convention territoriale globale avec la CAF
Le conseil municipal approuve la convention et autorise le Maire à la signer.
Vote : POUR : 8 CONTRE : 0 ABSTENTIONS : 0"""
MARGIN = """Nombre de membres
en exercice : 9
présents : 7
votants : 8
Date de la convocation :
7 juin 2024
Page 1/1"""


def margin_layout(voters: int = 8) -> list[list[tuple[float, float, str]]]:
    """One page in the margin template; ``voters`` other than 8 miscounts (7 present, 1 proxy)."""
    page: list[tuple[float, float, str]] = []
    y = 780.0
    for paragraph in MARGIN_BODY.split("\n"):
        for line in textwrap.wrap(paragraph, 66):
            page.append((190, y, line))
            y -= 15
        y -= 7
    y = 560.0
    for line in MARGIN.replace("votants : 8", f"votants : {voters}").split("\n"):
        page.append((40, y, line))
        y -= 15
    return [page]


def documents(folder: Path) -> dict[str, Path]:
    """The text PDFs the scans are made of: three layouts of the extraction fixtures and a margin page."""
    out = {}
    for name in ("commune-compte-rendu", "departement-commission-permanente", "epci-proces-verbal"):
        text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8").replace("**", "")
        out[name] = text_pdf(folder / f"{name}.pdf", flowing(text))
    out["margin-column"] = text_pdf(folder / "margin-column.pdf", margin_layout(), size=10)
    return out


def scan(pdf_path: Path, out: Path, *, dpi: int, angle: float, seed: int) -> Path:
    """``pdf_path`` as a scanner would give it back: an image-only PDF, turned, noisy, JPEG-compressed."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageChops

    rng = random.Random(seed)
    source = pdfium.PdfDocument(str(pdf_path))
    target = pdfium.PdfDocument.new()
    for i in range(len(source)):
        image = source[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
        # grain: uniform noise of +-24 grey levels, from the seed (the same file at every run)
        grain = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height))
        image = ImageChops.add(image, grain.point(lambda v: 104 + v * 48 // 255), 1.0, -128)
        for _ in range(image.width * image.height // 2000):  # dust and toner specks
            image.putpixel((rng.randrange(image.width), rng.randrange(image.height)), rng.choice((0, 90)))
        _add_page(pdfium, target, image)
    target.save(str(out))
    return out


def _add_page(pdfium: Any, pdf: Any, image: Any) -> None:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=70)
    buffer.seek(0)
    page = pdf.new_page(595, 842)
    picture = pdfium.PdfImage.new(pdf)
    picture.load_jpeg(buffer, pages=[page], inline=False, autoclose=False)
    picture.set_matrix(pdfium.PdfMatrix().scale(595, 842))
    page.insert_obj(picture)
    page.gen_content()


def leaves(data: Any, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], Any]:
    """Every scalar of an extracted dossier by its path (the fields compared)."""
    if isinstance(data, dict):
        out: dict[tuple[Any, ...], Any] = {}
        for key, value in data.items():
            out.update(leaves(value, (*path, key)))
        return out
    if isinstance(data, list):
        out = {}
        for i, value in enumerate(data):
            out.update(leaves(value, (*path, i)))
        return out
    return {path: data}
