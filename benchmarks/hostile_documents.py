"""The hostile documents of issue 22, each checked by a fresh process under 1 GB of address space.

    python benchmarks/hostile_documents.py [--runs 3] [--workdir DIR]

Each case of tests/hostile.py (zip bombs, 196 MB of XML, a million paragraphs, 100 MB of text,
merged and nested tables, Word Online, UTF-16 without BOM, NUL bytes, files that are not what
their extension says) is generated, then `ctg-rules check --format json FILE` runs in a child
whose address space is capped at 1 GB (RLIMIT_AS). Printed as the Markdown table of SECURITY.md:
the wall time of the whole process (start-up included; median of the runs), its peak resident
memory (VmHWM) and how it ended. The bound (issue 22) is 10 s and 1 GB for each: the tests
(tests/test_bounded_reading.py) assert the memory and how each ends, the time is judged here
(exit status 1 when a case is over 10 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


#: the wall-clock bound of each case (issue 22), start-up included
BOUND_SECONDS = 10.0


def main() -> int:
    from tests import hostile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print("| case | file | time (s) | peak memory (MB) | result |")
    print("|---|---|---|---|---|")
    over = []
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        for case, (build, _, _) in {**hostile.CASES, **hostile.BENCH_CASES}.items():
            folder = Path(tmp) / str(abs(hash(case)))
            folder.mkdir()
            path = build(folder)
            runs = [hostile.measured(path, *hostile.OPTIONS.get(case, ())) for _ in range(args.runs)]
            code, report, _, _ = runs[0]
            seconds = statistics.median(r[2] for r in runs)
            peak = max(r[3] for r in runs) / 1024
            ended = (
                hostile.message(report)
                if report["errors"]
                else f"{report['files'][0]['status']} (exit {code})"
            )
            size = path.stat().st_size
            shown = f"{size / (1 << 20):.1f} MB" if size >= 1 << 20 else f"{size / 1024:.1f} KB"
            print(f"| {case} | {shown} | {seconds:.2f} | {peak:.0f} | {ended[:90]} |", flush=True)
            path.unlink()
            if seconds >= BOUND_SECONDS and case in hostile.CASES:
                over.append(case)
    if over:
        print(f"\nover {BOUND_SECONDS:.0f} s: {', '.join(over)}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
