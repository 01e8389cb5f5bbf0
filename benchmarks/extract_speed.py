"""Extraction speed, in pages per second, for PDF and for text input (a benchmark, not a test).

    python benchmarks/extract_speed.py [FILE_OR_DIR ...] [--repeat N]

Without arguments it measures the shared corpus (../shared/corpus/montpellier-2014, 41 PDFs)
and the seed text (../shared/seeds). A PDF page is a page; a text without form feeds counts
one page per 60 lines (a printed page). Reading the PDF (pypdfium2) and extracting the dossier
are timed apart, so a slow step shows.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
LINES_PER_PAGE = 60


def pages_of(source) -> int:  # type: ignore[no-untyped-def]
    if source.pages is not None:
        return len(source.pages)
    return max(1, -(-source.text.count("\n") // LINES_PER_PAGE))


def measure(files: list[Path], repeat: int) -> None:
    from ctg_rules.extract import read
    from ctg_rules.extract.french import extract

    by_kind: dict[str, list[float]] = {}
    for _ in range(repeat):
        for path in files:
            t0 = time.perf_counter()
            source = read(path)
            t1 = time.perf_counter()
            extract(source.text, source.pages, name=source.path, paged=source.pages is not None)
            t2 = time.perf_counter()
            stats = by_kind.setdefault(source.kind, [0, 0.0, 0.0, 0])
            stats[0] += pages_of(source)
            stats[1] += t1 - t0
            stats[2] += t2 - t1
            stats[3] += 1
    for kind, (pages, reading, extracting, docs) in sorted(by_kind.items()):
        total = reading + extracting
        print(
            f"{kind:5} {int(docs):4d} documents {int(pages):5d} pages  "
            f"read {pages / reading:8.1f} p/s  extract {pages / extracting:8.1f} p/s  "
            f"together {pages / total:8.1f} pages/s"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    paths = args.paths or [
        SHARED / "corpus" / "montpellier-2014",
        SHARED / "seeds" / "000_71465d78580dc015.txt",
    ]
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.iterdir() if p.suffix.lower() in (".pdf", ".txt", ".md", ".docx"))
            )
        elif path.exists():
            files.append(path)
    if not files:
        print("no document to measure (give files or directories)", file=sys.stderr)
        return 2
    measure(files, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
