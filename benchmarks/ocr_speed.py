"""OCR speed: pages per second with --jobs 1 and --jobs 2, then the same files again from the cache.

    python benchmarks/ocr_speed.py [FILE_OR_DIR ...] [--jobs 1 2] [--skip-cold]

Without arguments it reads the four real scans of ../shared/corpus/scans (18 pages). Each cold
run starts from an empty cache folder of its own (nothing read before counts); the warm run
reads the same files again with the cache the last cold run filled: once in this process (what
a library user or a long-lived server sees) and once as ``ctg-rules check`` in a new process
(what a clerk who checks the same scan again waits, Python's start included).
Needs ``pip install -e ".[ocr]"`` and Tesseract's French model (README: Scanned documents).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def pdfs(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        out += sorted(path.glob("*.pdf")) if path.is_dir() else [path]
    return out


def read_all(files: list[Path], jobs: int) -> tuple[int, float, float]:
    """Pages read by OCR, seconds taken and CPU seconds spent (all threads), with ``jobs`` threads.

    The CPU time says what a page costs whatever else the machine runs; the wall time, what a user waits.
    """
    from ctg_rules.extract import ocr, read

    ocr.set_jobs(jobs)
    pages = 0
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        source = read(path)
        pages += len({page for page, _ in source.ocr or {}})
    return pages, time.perf_counter() - start, time.process_time() - cpu


def cold(files: list[Path], jobs: int, cache: str) -> None:
    os.environ["CTG_RULES_CACHE_DIR"] = cache
    pages, seconds, cpu = read_all(files, jobs)
    print(
        f"--jobs {jobs}: {pages} pages in {seconds:6.1f} s  {pages / seconds:5.2f} pages/s (cold cache); "
        f"{cpu:6.1f} s of CPU, {pages / cpu:5.2f} pages per CPU second"
    )


def warm(files: list[Path], cache: str) -> None:
    os.environ["CTG_RULES_CACHE_DIR"] = cache
    pages, seconds, _ = read_all(files, 1)
    print(f"cache:   {pages} pages in {seconds:6.3f} s  (same files again, in this process)")
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from ctg_rules.cli import main; main()",
            "check",
            "--exit-zero",
            *map(str, files),
        ],
        env={**os.environ, "CTG_RULES_CACHE_DIR": cache},
        stdout=subprocess.DEVNULL,
        check=False,
    )
    print(
        f"cache:   ctg-rules check of the {len(files)} files in {time.perf_counter() - start:6.3f} s (a new process)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--jobs", nargs="+", type=int, default=[1, 2])
    parser.add_argument(
        "--skip-cold", metavar="CACHE", help="only the warm runs, with this filled cache folder"
    )
    args = parser.parse_args(argv)
    files = pdfs(args.paths or [SHARED / "corpus" / "scans"])
    if not files:
        print("no PDF to read (the shared scans are absent: name files or folders)", file=sys.stderr)
        return 2
    from ctg_rules.extract.ocr import OcrError, require

    try:
        require()
    except OcrError as exc:
        print(exc.render("en"), file=sys.stderr)
        return 2
    print(f"{len(files)} files, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    if args.skip_cold:
        warm(files, args.skip_cold)
        return 0
    with tempfile.TemporaryDirectory(prefix="ctg-ocr-bench-") as top:
        for jobs in args.jobs:
            cache = os.path.join(top, f"jobs{jobs}")
            cold(files, jobs, cache)
        warm(files, cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
