"""Determinism: the same inputs give the same bytes, whatever --jobs, the hash seed or the day."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import CLEAN, DEFECTS, SEED
from tests.test_robust_reports import hostile_tree

FORMATS = ("json", "sarif", "junit", "text", "github", "markdown", "html")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = hostile_tree(tmp_path_factory.mktemp("determinism") / "dossiers")
    for i, source in enumerate((SEED, CLEAN, DEFECTS) * 4):
        folder = root / f"lot{i % 3}"
        folder.mkdir(exist_ok=True)
        (folder / f"{i:02d}-{source.name}").write_bytes(source.read_bytes())
    return root


def run(root: Path, fmt: str, jobs: int, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run(
        [sys.executable, "-m", "ctg_rules.cli", "check", "--format", fmt, "--jobs", str(jobs), "."],
        cwd=root,
        env=env,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr[-2000:]  # the broken file
    return proc.stdout


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_same_bytes_whatever_jobs_and_hash_seed(tree: Path, fmt: str) -> None:
    outputs = {
        (jobs, seed): run(tree, fmt, jobs, seed) for jobs, seed in ((1, "1"), (2, "2"), (2, "3"), (1, "4"))
    }
    first = outputs[(1, "1")]
    assert len(first) > 1000
    for key, out in outputs.items():
        assert out == first, f"{fmt}: --jobs {key[0]} with PYTHONHASHSEED={key[1]} differs"
    today = date.today()
    for stamp in (today.isoformat(), today.strftime("%d/%m/%Y"), "timestamp", "startTimeUtc", "endTimeUtc"):
        assert stamp.encode() not in first, f"{fmt} carries a timestamp ({stamp})"
