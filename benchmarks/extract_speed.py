"""Extraction speed against reading the PDF: the issue 16 ratio (a benchmark, not a test).

    python benchmarks/extract_speed.py [FILE_OR_DIR ...] [--repeat N] [--phases]

Side by side in one run, on the same PDFs (default: ../shared/corpus/montpellier-2014, 41 PDFs):

- **check**: the whole ``ctg-rules check --jobs 1 --format json`` of the files named on the command
  line, in a process of its own (start-up, reading, extraction, rules, the report);
- **raw**: pypdfium2's raw text reading of the same pages (``get_textpage().get_text_range()`` of
  every page) in one process of its own (start-up included: importing pypdfium2).

Pages per second of each, and the ratio check / raw (target >= 0.65). The runs alternate and the
ratio is the median of each pair's ratio, so a busy machine weighs on both sides alike. The
package's bytecode is compiled first, as installing a wheel does: an editable install run with
``PYTHONDONTWRITEBYTECODE=1`` would otherwise compile a changed module's source at every start.
``--phases`` adds, in this process, the time of reading and of extracting per page (what to profile).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import ctg_rules

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CTG_RULES_SHARED", ROOT.parent / "shared"))
TARGET = 0.65

RAW = """
import sys
import pypdfium2 as pdfium
for name in sys.argv[1:]:
    pdf = pdfium.PdfDocument(name)
    for i in range(len(pdf)):
        page = pdf[i]
        page.get_textpage().get_text_range()
"""


def pdfs(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix.lower() == ".pdf"))
        elif path.suffix.lower() == ".pdf" and path.exists():
            out.append(path)
    return out


def page_count(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    return sum(len(pdfium.PdfDocument(str(f))) for f in files)


def timed(command: list[str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - t0
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command[:4]} failed ({done.returncode}): {done.stderr.decode()[-400:]}")
    return elapsed


def check_command(files: list[Path]) -> list[str]:
    run = "from ctg_rules.cli import main; main()"
    names = [str(f) for f in files]
    return [sys.executable, "-c", run, "check", "--jobs", "1", "--format", "json", *names]


def phases(files: list[Path]) -> None:
    """Reading and extracting apart, in this process (pages per second of each)."""
    from ctg_rules.extract import read
    from ctg_rules.extract.french import extract

    pages, reading, extracting = 0, 0.0, 0.0
    for path in files:
        t0 = time.perf_counter()
        source = read(path)
        t1 = time.perf_counter()
        extract(source.text, source.pages, name=source.path, paged=source.pages is not None)
        extracting += time.perf_counter() - t1
        reading += t1 - t0
        pages += len(source.pages or [1])
    print(f"phases: read {pages / reading:7.1f} p/s  extract {pages / extracting:7.1f} p/s")


def threads(files: list[Path]) -> None:
    """A check in this process: CPU of the main thread (the critical path) and of the reading thread."""
    import contextlib
    import io

    from ctg_rules.cli import main as cli
    from ctg_rules.extract import prefetch

    reader: list[float] = []
    run = prefetch.Prefetch._run

    def timed_run(self: prefetch.Prefetch) -> None:
        try:
            run(self)
        finally:
            reader.append(time.thread_time())

    prefetch.Prefetch._run = timed_run  # type: ignore[method-assign]
    t0, cpu0 = time.perf_counter(), time.thread_time()
    with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):
        cli(["check", "--jobs", "1", "--format", "json", *map(str, files)])
    prefetch.Prefetch._run = run  # type: ignore[method-assign]
    wall, main_cpu = time.perf_counter() - t0, time.thread_time() - cpu0
    print(
        f"in-process check: wall {wall:.3f} s, main thread CPU {main_cpu:.3f} s, reading thread CPU {sum(reader):.3f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--phases", action="store_true")
    args = parser.parse_args(argv)
    files = pdfs(args.paths or [SHARED / "corpus" / "montpellier-2014"])
    if not files:
        print("no PDF to measure (give files or directories)", file=sys.stderr)
        return 2
    pages = page_count(files)
    compileall.compile_dir(str(Path(ctg_rules.__file__).parent), quiet=1)
    raw_cmd = [sys.executable, "-c", RAW, *map(str, files)]
    checks, raws = [], []
    for _ in range(args.repeat):
        raws.append(timed(raw_cmd))
        checks.append(timed(check_command(files)))
    ratio = statistics.median(r / c for r, c in zip(raws, checks, strict=True))
    check, raw = statistics.median(checks), statistics.median(raws)
    print(f"{len(files)} PDFs, {pages} pages, {args.repeat} runs each (medians)")
    print(f"check --jobs 1 : {check:6.2f} s  {pages / check:7.1f} pages/s")
    print(f"pypdfium2 raw  : {raw:6.2f} s  {pages / raw:7.1f} pages/s")
    print(f"ratio          : {ratio:.2f} (target >= {TARGET})")
    if args.phases:
        threads(files)  # first: its imports are counted
        phases(files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
