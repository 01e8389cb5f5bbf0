"""`pip install .` gives a working command, with the rule packs inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    [built] = out.glob("ctg_rules-*.whl")
    return built


def test_the_wheel_ships_every_rule_pack(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for pack in sorted((ROOT / "rules").glob("*.yaml")):
        assert f"ctg_rules/_packs/{pack.name}" in names
    entry_points = (
        zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    )
    assert "[ctg_rules]" in entry_points and "votes = ctg_rules.checks.votes" in entry_points


def test_installed_wheel_checks_the_seed_example(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    # the test environment's site-packages give the dependencies (no network needed); a path
    # line in a .pth file does not run that directory's own .pth files, so the editable
    # install of the source tree stays out and the wheel is what gets imported
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    Path(site, "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
        check=True,
    )
    proc = subprocess.run(
        [str(env_dir / "bin" / "ctg-rules"), "check", "--format", "json", str(SEED)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert '"status": "checked"' in proc.stdout
    where = subprocess.run(
        [str(python), "-c", "import ctg_rules.packs as p; print(p.builtin_pack_dir())"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout  # fmt: skip
    assert "_packs" in where and str(env_dir) in where
