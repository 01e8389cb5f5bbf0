"""Start fast (issue 20, point 8): a one-dossier check loads only what it uses. The time itself is
measured by benchmarks/run.py (its 'cold' part), not here; these tests keep the heavy modules out."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED

PROBE = """
import sys
sys.argv = ["ctg-rules", "check", sys.argv[1]]
from ctg_rules.cli import main
try:
    main()
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
            [sys.executable, "-c", PROBE, str(seed)], capture_output=True, text=True, env=env, cwd=tmp_path
        )
    lines = done.stderr.strip().splitlines()
    # no PDF/DOCX reader, no scan of the installed distributions, no TOML for a folder without one
    assert lines[-2] == "[]", done.stderr
    # the models a check does not build stay deferred: only the dossier's validator was made
    assert lines[-1] == "MockValSer", done.stderr
