"""Start fast (issue 20, point 8): a one-dossier check loads only what it uses. The time itself is
measured by benchmarks/run.py (its 'cold' part), not here; these tests keep the heavy modules out."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED

PROBE = """
import os, sys
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"  # as the program sets it
from ctg_rules.cli import cli
try:
    cli.main(args=["check", sys.argv[1]], prog_name="ctg-rules")  # main() would end the process
except SystemExit:
    pass
heavy = ("ctg_rules.extract", "importlib.metadata", "tomllib", "zipfile", "difflib", "shutil", "json")
print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)
from ctg_rules import model
print(type(model.Party.__pydantic_validator__).__name__, file=sys.stderr)
"""


def test_a_yaml_check_loads_no_extractor_and_builds_no_unused_model(tmp_path: Path) -> None:
    seed = shutil.copy(SEED, tmp_path / "seed.yaml")
    env = {**os.environ, "CTG_RULES_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # the first run fills the cache, the second reads it
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(seed)],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
        )
    lines = done.stderr.strip().splitlines()
    # no PDF/DOCX reader, no scan of the installed distributions, no TOML for a folder without one
    assert lines[-2] == "[]", done.stderr
    # the models a check does not build stay deferred: only the dossier's validator was made
    assert lines[-1] == "MockValSer", done.stderr


def test_the_program_ends_at_once_with_its_status_and_its_whole_output(tmp_path: Path) -> None:
    """cli.leave: no interpreter teardown when nothing waits for the exit, yet every line written
    and the exit status kept (1: findings at the error level)."""
    seed = shutil.copy(SEED, tmp_path / "seed.yaml")
    program = [
        sys.executable,
        "-c",
        "import sys; from ctg_rules.cli import main; sys.argv[0] = 'ctg-rules'; main()",
    ]
    # a program that never ends fails at the timeout (a watchdog, not a time asserted)
    run = functools.partial(subprocess.run, capture_output=True, text=True, cwd=tmp_path, timeout=120)
    done = run([*program, "check", str(seed)])
    assert done.returncode == 1
    assert done.stdout.rstrip().splitlines()[-1].startswith("8 erreurs, 14 avertissements, 3 infos")
    done = run([*program, "check", "--nope"])
    assert done.returncode == 2 and "--nope" in done.stderr
    assert run([*program, "--version"]).stdout.startswith("ctg-rules")


PDF_PROBE = """
import os, sys
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
from ctg_rules.cli import cli
try:
    cli.main(args=["check", "--jobs", "1", "--format", "json", sys.argv[1]], prog_name="ctg-rules")
except SystemExit:
    pass
heavy = ("yaml", "ctg_rules.loader", "ctg_rules.extract.convention.reader", "rapidfuzz", "zipfile",
         "concurrent.futures")
print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)
from ctg_rules import regex
print(len(regex._new), len(regex._table or {}), file=sys.stderr)
"""


def test_a_pdf_deliberation_check_loads_no_yaml_no_convention_reader_and_compiles_nothing(
    tmp_path: Path,
) -> None:
    """A deliberation's PDF needs neither PyYAML nor the convention reader, rapidfuzz, zipfile or OCR's
    threads; from the second process on, its expressions come from the cache (ctg_rules/regex.py)."""
    import pytest

    pytest.importorskip("fpdf")
    pytest.importorskip("pypdfium2")
    from tests.docgen import write_pdf

    pdf = write_pdf(
        tmp_path / "acte.pdf",
        [
            "EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL",
            "Séance du 12 mars 2024",
            "Nombre de conseillers en exercice : 15",
            "Présents : M. Jean DURAND, Mme Claire ROBIN, M. Paul FAURE",
            "Objet : Subvention au comité des fêtes",
            "Adopté à l'unanimité",
        ],
    )
    env = {**os.environ, "CTG_RULES_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.run([sys.executable, "-c", PDF_PROBE, str(pdf)], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    second = runs[1].stderr.strip().splitlines()
    assert second[-2] == "[]", runs[1].stderr
    new, kept = map(int, second[-1].split())
    assert new == 0 and kept > 100, runs[1].stderr
