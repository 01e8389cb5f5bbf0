"""The pre-commit hook, for real: `pre-commit try-repo` on this repository in a throw-away git repo.

It installs the project into pre-commit's own virtual environment (from the package index), so
it is slow; it runs in CI all the same. Without a reachable package index (pre-commit's
environment needs the build backend and the dependencies), it skips and says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_cli import BAD, GOOD

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the project as a git repository"),
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the module: the hook's environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Skip, saying why, when pip cannot fetch what pre-commit's environment installs (the build
    backend and the dependencies): the same resolution, without installing."""
    probe = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--dest", str(tmp_path_factory.mktemp("probe")),
         str(ROOT)],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PIP_DEFAULT_TIMEOUT": "15", "PIP_RETRIES": "0"},
    )  # fmt: skip
    if probe.returncode != 0:
        reason = (probe.stderr.strip().splitlines() or ["no output"])[-1]
        pytest.skip(f"no package index reachable for pre-commit's hook environment ({reason[:200]})")


def try_repo(repo: Path, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", "PRE_COMMIT_COLOR": "never"}
    args = ["--files", *files] if files else ["--all-files"]
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "ctg-rules", "--verbose", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_hook_fails_only_on_the_broken_dossier(tmp_path: Path, home: Path, index: None) -> None:
    pytest.importorskip("pre_commit")
    repo = tmp_path / "dossiers"
    repo.mkdir()
    (repo / "broken.yaml").write_text(BAD, encoding="utf-8")
    (repo / "clean.yml").write_text(GOOD, encoding="utf-8")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yaml").write_text("on: push\njobs: {}\n", encoding="utf-8")
    (repo / "notes.txt").write_text("declared: {present: 3}\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "dossiers")

    every = try_repo(repo, home)
    output = every.stdout + every.stderr
    assert every.returncode == 1, output
    assert "broken.yaml:4:25 VOT001" in output
    assert "clean.yml:" not in output and "ci.yaml:" not in output and "notes.txt" not in output

    others = try_repo(repo, home, "clean.yml", ".github/workflows/ci.yaml", "notes.txt")
    assert others.returncode == 0, others.stdout + others.stderr
    assert "Passed" in others.stdout
