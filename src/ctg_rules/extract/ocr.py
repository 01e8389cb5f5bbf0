"""Scanned pages read by Tesseract: rendering, recognition, word boxes with their confidence, cache.

The ``ocr`` extra brings tesserocr, a binding to Tesseract's C++ API whose wheels carry
Tesseract itself; the French model (``fra.traineddata``) comes from the system: Debian's
``tesseract-ocr-fra``, Homebrew's ``tesseract-lang``, the Windows installer's language option.
tesserocr rather than pytesseract: the model is loaded once per thread instead of once per page
(a process and a temporary image each time), pages run in parallel threads since it releases
the GIL while Tesseract works, and word boxes come back without a text format in between.

A page is rendered with pypdfium2 (in the calling thread: PDFium is not thread-safe), turned
upright with Tesseract's orientation detection when it reads badly, deskewed with the angle of
Tesseract's own layout analysis, and recognised; its words are kept on disk in the cache folder
(:mod:`ctg_rules.cache`) under the file's content hash, so that checking the same scan again
runs no OCR at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import regex
from .errors import ExtractError, messages

if TYPE_CHECKING:
    from concurrent.futures import Future

LANG = "fra"
#: the resolution scans are read at, at most (Tesseract reads best at about 300 dpi) and at least
DPI = 300
MIN_DPI = 150
#: a page larger than A3 is rendered at a lower resolution rather than filling the memory
MAX_PIXELS = 36_000_000
#: skew (degrees) above which the page is turned straight before recognition
SKEW_DEGREES = 0.4
#: a page read this badly (mean word confidence) is tried again after orientation detection
POOR_CONFIDENCE = 55
CACHE_KIND = "ocr2"


class OcrError(ExtractError):
    """A scan that cannot be read here: what to install, in the user's language."""

    messages = messages(
        {
            "ocr_missing_extra": (
                "document scanné (pages sans texte) : pour le lire par OCR, installez l'extension OCR "
                "(pip install 'ctg-rules[ocr]') et les données françaises de Tesseract "
                "(Debian/Ubuntu : apt-get install tesseract-ocr tesseract-ocr-fra)",
                "scanned document (pages without text): to read it by OCR, install the OCR extra "
                "(pip install 'ctg-rules[ocr]') and Tesseract's French data "
                "(Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-fra)",
            ),
            "ocr_missing_data": (
                "document scanné (pages sans texte) : les données françaises de Tesseract "
                "(fra.traineddata) sont introuvables ; installez-les (Debian/Ubuntu : apt-get install "
                "tesseract-ocr-fra ; macOS : brew install tesseract-lang) ou indiquez leur dossier "
                "dans TESSDATA_PREFIX",
                "scanned document (pages without text): Tesseract's French data (fra.traineddata) was "
                "not found; install it (Debian/Ubuntu: apt-get install tesseract-ocr-fra; macOS: brew "
                "install tesseract-lang) or name its folder in TESSDATA_PREFIX",
            ),
            "ocr_failed": (
                "OCR impossible sur la page {page} : image illisible par Tesseract ; numérisez de "
                "nouveau cette page, ou joignez le document en PDF texte",
                "OCR failed on page {page}: Tesseract cannot read its image; scan the page again, "
                "or attach the document as a text PDF",
            ),
        }
    )


#: (page, line) -> [(first column, column after the last, confidence %)] of each word, 1-based
OcrSpans = dict[tuple[int, int], list[tuple[int, int, int]]]


@dataclass(frozen=True, slots=True)
class Word:
    """A word as Tesseract read it: its box (pixels of the upright page), confidence and line."""

    left: int
    top: int
    right: int
    bottom: int
    conf: int  # 0-100
    text: str
    block: int  # Tesseract's layout: block number, and line number within the page
    line: int


@dataclass(slots=True)
class OcrPage:
    """One page's words, in the pixels of the page rendered at ``dpi`` and deskewed."""

    number: int  # 1-based
    width: int
    height: int
    dpi: int
    words: list[Word]
    angle: float = 0.0  # degrees turned to straighten the page (quarter turns included)

    def to_data(self) -> str:
        """One line per word, tab-separated: the cache reads a string back far faster than nested lists."""
        head = f"{self.number}\t{self.width}\t{self.height}\t{self.dpi}\t{self.angle}"
        rows = (
            f"{w.left}\t{w.top}\t{w.right}\t{w.bottom}\t{w.conf}\t{w.block}\t{w.line}\t{w.text}"
            for w in self.words
        )
        return "\n".join((head, *rows))

    @classmethod
    def from_data(cls, data: str) -> OcrPage:
        head, *rows = data.split("\n")
        number, width, height, dpi, angle = head.split("\t")
        words = []
        for row in rows:
            left, top, right, bottom, conf, block, line, text = row.split("\t", 7)
            words.append(
                Word(int(left), int(top), int(right), int(bottom), int(conf), text, int(block), int(line))
            )
        return cls(int(number), int(width), int(height), int(dpi), words, float(angle))


# --- the engine ---------------------------------------------------------------------------------

_DATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
    "/opt/local/share/tessdata",
    r"C:\Program Files\Tesseract-OCR\tessdata",
    r"C:\Program Files (x86)\Tesseract-OCR\tessdata",
)
_found_data: list[str | None] = []


def tessdata_dir() -> str | None:
    """The folder holding ``fra.traineddata``: TESSDATA_PREFIX, the usual places, or the tesseract program's."""
    if _found_data:
        return _found_data[0]
    candidates: list[str] = []
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        candidates += [prefix, os.path.join(prefix, "tessdata")]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        candidates.append(os.path.join(local, "Programs", "Tesseract-OCR", "tessdata"))
    candidates += _DATA_DIRS
    found = next((c for c in candidates if os.path.isfile(os.path.join(c, f"{LANG}.traineddata"))), None)
    if found is None:
        found = _program_data_dir()
    _found_data.append(found)
    return found


def _program_data_dir() -> str | None:
    """Where an installed ``tesseract`` program keeps its languages (it says so in --list-langs)."""
    import shutil
    import subprocess  # here: a text PDF's reading (which imports this module) starts no program

    program = shutil.which("tesseract")
    if program is None:
        return None
    try:
        listing = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r'"([^"]+)"', listing)
    if match and os.path.isfile(os.path.join(match.group(1), f"{LANG}.traineddata")):
        return match.group(1).rstrip("/\\")
    return None


def require() -> Any:
    """The tesserocr module once its French data is found; OcrError says what to install."""
    try:
        import tesserocr
    except ImportError:
        raise OcrError("ocr_missing_extra") from None
    if tessdata_dir() is None:
        raise OcrError("ocr_missing_data")
    return tesserocr


def engine_version() -> str:
    """What makes Tesseract read differently (the cache key): its binding's library and the model.

    Found without importing the binding (a tenth of a second), so that a page read before costs
    nothing but the cache's read; a new build or model has another size or date.
    """
    import importlib.util

    spec = importlib.util.find_spec("tesserocr")
    data = tessdata_dir()
    if spec is None or spec.origin is None or data is None:
        require()  # says what is missing
    folder = os.path.dirname(str(spec.origin))  # type: ignore[union-attr]
    binding = [
        os.stat(os.path.join(folder, n))
        for n in sorted(os.listdir(folder))
        if n.endswith((".py", ".so", ".pyd"))
    ]
    model = os.stat(os.path.join(str(data), f"{LANG}.traineddata"))
    return ":".join(f"{s.st_size}-{int(s.st_mtime)}" for s in (*binding, model)) + f":{LANG}"


#: Tesseracts not in use, by kind ("text", "osd"): loading the model costs half a second, so an
#: engine is kept for the next page, whichever thread reads it (one thread at a time uses one)
_IDLE: dict[str, list[Any]] = {"text": [], "osd": []}
_IDLE_LOCK = threading.Lock()


@contextlib.contextmanager
def _engine(kind: str) -> Iterator[Any]:
    """A Tesseract for this thread alone while the block runs; None for "osd" without its model."""
    with _IDLE_LOCK:
        api = _IDLE[kind].pop() if _IDLE[kind] else None
    if api is None:
        api = _new_engine(kind)
    try:
        yield api
    finally:
        if api is not None:
            with _IDLE_LOCK:
                _IDLE[kind].append(api)


def _new_engine(kind: str) -> Any:
    tesserocr = require()
    data = tessdata_dir() or ""
    if kind == "text":
        return tesserocr.PyTessBaseAPI(path=data, lang=LANG, psm=tesserocr.PSM.AUTO)
    if not os.path.isfile(os.path.join(data, "osd.traineddata")):
        return None
    # its own engine: detecting orientation with a text-only model aborts the process
    return tesserocr.PyTessBaseAPI(path=data, lang="osd", psm=tesserocr.PSM.OSD_ONLY)


# --- one page -----------------------------------------------------------------------------------


def recognise(image: Any, number: int = 1, dpi: int = DPI) -> OcrPage:
    """The words of one page image (PIL, grayscale), upright and straight."""
    page = _read_straight(image, number, dpi, 0)
    if _poorly_read(page):
        turn = _quarter_turn(image)
        if turn:
            image = image.rotate(turn, expand=True, fillcolor=255)
            page = _read_straight(image, number, dpi, turn)
    return page


def _read_straight(image: Any, number: int, dpi: int, turned: int) -> OcrPage:
    """Layout analysis first: its skew angle straightens the page before the words are read."""
    with _engine("text") as api:
        api.SetImage(image)
        layout = api.AnalyseLayout()
        angle = 0.0
        if layout is not None:
            skew = math.degrees(layout.Orientation()[3])
            if abs(skew) > SKEW_DEGREES:
                angle = skew
                image = image.rotate(skew, expand=True, fillcolor=255, resample=_bilinear())
                api.SetImage(image)  # the analysis is redone on the straightened page
        api.Recognize()  # reuses the layout analysis when the page was straight already
        words = list(_words(api.GetTSVText(0)))
        api.Clear()  # the page's image and results are not kept with the idle engine
    return OcrPage(number, image.width, image.height, dpi, words, round(turned + angle, 2))


def _bilinear() -> Any:
    from PIL import Image

    return Image.Resampling.BILINEAR


def _poorly_read(page: OcrPage) -> bool:
    if len(page.words) < 5:
        return True
    return sum(w.conf for w in page.words) / len(page.words) < POOR_CONFIDENCE


def _quarter_turn(image: Any) -> int:
    """Degrees (counter-clockwise) that set the page upright, by Tesseract's orientation detection."""
    with _engine("osd") as api:
        if api is None:
            return 0
        api.SetImage(image)
        try:
            found = api.DetectOrientationScript()
        except RuntimeError:  # too little text to tell
            return 0
        finally:
            api.Clear()
    if not found or found.get("orient_conf", 0) < 2:
        return 0
    return int(found["orient_deg"]) % 360


def _words(tsv: str) -> Iterator[Word]:
    """Level-5 rows of Tesseract's TSV: level page block par line word left top width height conf text."""
    lines: dict[tuple[str, str, str], int] = {}
    for row in tsv.split("\n"):
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        text = cells[11].strip()
        if not text:
            continue
        left, top, width, height = (int(c) for c in cells[6:10])
        line = lines.setdefault((cells[2], cells[3], cells[4]), len(lines) + 1)
        conf = max(0, min(100, round(float(cells[10]))))
        yield Word(left, top, left + width, top + height, conf, normalise(text), int(cells[2]), line)


# A token of figures where Tesseract put a letter that looks like one: "2O21", "l1", "1O".
_SLIP_TOKEN = regex.compile(r"(?P<lead>[(«\"']?)(?P<core>[0-9OolI|]*[0-9][0-9OolI|]*)(?P<tail>[.,;:)»\"'%]*)")
_SLIP_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})


def normalise(text: str) -> str:
    """OCR slips mended where the meaning is certain: letters inside a number become figures."""
    match = _SLIP_TOKEN.fullmatch(text)
    if match is None or match.group("core").isdigit():
        return text
    core = match.group("core")
    if len(core) < 2:
        return text
    return match.group("lead") + core.translate(_SLIP_DIGITS) + match.group("tail")


# --- a document ---------------------------------------------------------------------------------


def render(pdf: Any, index: int, dpi: int | None = None) -> tuple[Any, int]:
    """Page ``index`` (0-based) as a grayscale PIL image, and the resolution it got.

    By default a scan is rendered at its own resolution: enlarging a 150 dpi scan blows its grain
    up with its letters, and Tesseract then reads worse (and slower) than at 150.
    """
    page = pdf[index]
    try:
        dpi = dpi or scan_resolution(page)
        width, height = page.get_size()
        pixels = width * height * (dpi / 72) ** 2
        if pixels > MAX_PIXELS:
            dpi = int(dpi * math.sqrt(MAX_PIXELS / pixels))
        bitmap = page.render(scale=dpi / 72, grayscale=True, may_draw_forms=True)
        return bitmap.to_pil(), dpi
    finally:
        page.close()


def scan_resolution(page: Any) -> int:
    """The finest resolution of the page's images (their pixels over their size on the page), within 150-300 dpi.

    A page without an image (text drawn as shapes) is rendered at :data:`DPI`.
    """
    import pypdfium2.raw as pdfium_c

    finest = 0.0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        left, _, right, _ = bounds(obj)
        pixels = (obj.get_px_size() if hasattr(obj, "get_px_size") else obj.get_size())[0]
        if right - left > 1 and pixels > 1:
            finest = max(finest, pixels * 72 / (right - left))
    if not finest:
        return DPI
    return round(min(max(finest, MIN_DPI), DPI))


def file_key(path: str | Path) -> str:
    """The document's content hash: the cache key of its pages whatever its name or place."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_pages(
    pdf: Any,
    indexes: Sequence[int],
    *,
    key: str,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[int, OcrPage]:
    """The OCR of pages ``indexes`` (0-based) of an open pypdfium2 document, from the cache when it has them.

    ``jobs`` threads recognise pages while this one renders the next (default: :func:`default_jobs`).
    """
    from .. import cache

    version = engine_version()
    entry = {i: f"{key}\x00{i}\x00{DPI}\x00{version}".encode() for i in indexes}
    found: dict[int, OcrPage] = {}
    for i in indexes:
        data = cache.load(CACHE_KIND, entry[i])
        if data is not cache.MISSING:
            found[i] = OcrPage.from_data(data)
    todo = [i for i in indexes if i not in found]
    if not todo:
        return found
    require()
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, as_completed, wait

    report = progress or _terminal_progress()
    jobs = max(1, min(jobs or default_jobs(), len(todo)))
    running: dict[Future[OcrPage], int] = {}

    def harvest(futures: Iterable[Future[OcrPage]]) -> None:
        for future in futures:
            i = running.pop(future)
            page = future.result()
            cache.store(CACHE_KIND, entry[i], page.to_data())
            found[i] = page
            if report:
                report(len(found), len(indexes))

    if report:
        report(len(found), len(indexes))  # at once: the first page takes seconds
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="ctg-ocr") as pool:
        for i in todo:
            image, dpi = render(pdf, i)
            running[pool.submit(_recognise_page, image, i + 1, dpi)] = i
            # never more than a page ahead per thread: each rendered page is tens of megabytes
            if len(running) > jobs:
                harvest(wait(running, return_when=FIRST_COMPLETED).done)
        harvest(as_completed(list(running)))
    if report:
        report(-1, len(indexes))
    return found


def _recognise_page(image: Any, number: int, dpi: int) -> OcrPage:
    try:
        return recognise(image, number, dpi)
    except RuntimeError as exc:  # tesserocr's way of saying Tesseract refused the image
        raise OcrError("ocr_failed", page=number).with_detail(exc) from None


_JOBS: list[int] = []


def set_jobs(jobs: int | None) -> None:
    """How many pages of one document are recognised at once (``--jobs``); None: the default."""
    _JOBS[:] = [jobs] if jobs else []


def default_jobs() -> int:
    """``--jobs`` when given, else one thread per core this process may use."""
    if _JOBS:
        return _JOBS[0]
    if hasattr(os, "sched_getaffinity"):  # the cores this process may run on (a container may allow fewer)
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _terminal_progress() -> Callable[[int, int], None] | None:
    """ "OCR : 3/7 pages" on stderr, rewritten in place, when stderr is a terminal (never in a log)."""
    stream = sys.stderr
    if not (getattr(stream, "isatty", None) and stream.isatty()):
        return None

    def show(done: int, total: int) -> None:
        if done < 0:
            stream.write("\r\x1b[K")
        else:
            stream.write(f"\rOCR : {done}/{total} pages")
        stream.flush()

    return show


def bounds(obj: Any) -> tuple[float, float, float, float]:
    """A page object's box in points (left, bottom, right, top): pypdfium2 5 and 4 name it differently."""
    return tuple(obj.get_bounds() if hasattr(obj, "get_bounds") else obj.get_pos())  # type: ignore[return-value]
