"""A dossier folder checked cold: a convention and nine deliberations, about 60 pages of PDF.

    python benchmarks/folder_check.py [--runs 7] [--workdir DIR]

The folder holds `convention.pdf` (a CTG between the CAF and nine communes, its articles long
enough to fill about 15 pages) and one deliberation per commune (`deliberations/*.pdf`, about 5
pages each: the act, then the report the council heard). What is timed is the whole process,
`ctg-rules check --format json FOLDER`, as a clerk runs it: start-up, reading the ten PDFs,
extracting, assembling and linking, every built-in rule, the report. Named baseline: the same
dossier as one YAML file (`ctg-rules check dossier.yaml`), what the check costs once the
documents are read. The budget (issue 17) is 1.5 s; the median of the runs is reported.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BUDGET = 1.5
_REPORT = (
    "Le rapporteur rappelle les orientations de la convention territoriale globale, le diagnostic "
    "partagé du territoire et le plan d'actions en faveur des familles, de la petite enfance, de la "
    "jeunesse, de la parentalité et de l'animation de la vie sociale. "
)


def build(workdir: Path) -> tuple[Path, Path]:
    """The folder and the equivalent YAML (from the tests' dossier of communes, nine of them)."""
    from tests import docgen
    from tests.test_assembly import COMMUNES, communes, yaml_of

    while len(COMMUNES) < 9:  # more communes, each with a SIREN of the right checksum
        n = len(COMMUNES)
        COMMUNES.append(
            (f"Commune de Vallon-{n}", _siren(214801000 + 37 * n), f"2024-1{n:02d}", f"DURAND{n} Anne")
        )
    dossier = communes(9)
    folder = workdir / "dossier"
    (folder / "deliberations").mkdir(parents=True, exist_ok=True)
    assert dossier.convention is not None
    for article in dossier.convention.articles:
        article.text = (article.text or "") + "\n" + _REPORT * 80
    docgen.write_pdf(folder / "convention.pdf", docgen.convention(dossier.convention, per_row=3))
    for i, d in enumerate(dossier.deliberations):
        lines = docgen.deliberation(d)
        docgen.write_pdf(folder / "deliberations" / f"delib-{i + 1}.pdf", [*lines, _REPORT * 120])
    return folder, yaml_of(dossier, workdir / "dossier.yaml")


def _siren(base: int) -> str:
    """The first SIREN from ``base`` whose Luhn checksum is right."""
    from ctg_rules.checks.identifiers import siren_problem

    while siren_problem(f"{base:09d}") is not None:
        base += 1
    return f"{base:09d}"


def pages(folder: Path) -> int:
    import pypdfium2 as pdfium

    return sum(len(pdfium.PdfDocument(str(p))) for p in folder.rglob("*.pdf"))


def timed(*args: str) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one ``ctg-rules check`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).parent / "ctg-rules"), "check", "--format", "json", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode == 2:
        raise SystemExit(f"check failed: {done.stderr or done.stdout}")
    json.loads(done.stdout)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ctg-rules-folder-"))
    folder, yaml_file = build(workdir)
    n_pages, documents = pages(folder), len(list(folder.rglob("*.pdf")))
    timed(str(yaml_file))  # bytecode compiled, as after pip install
    folder_runs, yaml_runs = [], []
    for _ in range(args.runs):  # alternated, so that a busy moment weighs on both
        folder_runs.append(timed(str(folder)))
        yaml_runs.append(timed(str(yaml_file)))
    print(
        f"{documents} documents, {n_pages} pages (PDF), {args.runs} cold runs each (median; CPU = user + system)"
    )
    for name, runs in (
        ("folder   ctg-rules check DIR", folder_runs),
        ("baseline ctg-rules check dossier.yaml", yaml_runs),
    ):
        wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        print(f"{name:40} wall {wall:.2f} s  CPU {cpu:.2f} s")
    f_cpu = statistics.median(r[1] for r in folder_runs)
    y_cpu = statistics.median(r[1] for r in yaml_runs)
    verdict = "within" if f_cpu <= BUDGET else "OVER"
    print(f"folder / YAML (CPU) {f_cpu / y_cpu:.2f}x; budget {BUDGET} s: {verdict}")


if __name__ == "__main__":
    main()
