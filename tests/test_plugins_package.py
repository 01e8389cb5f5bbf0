"""The example third-party plugin, installed for real into a fresh virtual environment.

Installing it makes `ctg-rules rules` and `ctg-rules plugins` list its rules, `check` run them
(the Python ones and the declarative one of its pack), its own test suite pass, and
uninstalling it removes them. No network: the test environment's site-packages give the
dependencies (see test_packaging.py) and both wheels are built without build isolation.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

pytestmark = pytest.mark.slow

PLUGIN_DIR = ROOT / "examples" / "plugins" / "ctg-rules-bonus-territoire"
FIXTURES = PLUGIN_DIR / "tests" / "fixtures"
CODES = ["BTC001", "BTC002", "BTC003"]


def _wheel(source: Path, out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(source)],
        check=True,
    )  # fmt: skip
    name = source.name.replace("-", "_") if source != ROOT else "ctg_rules"
    [built] = out.glob(f"{name}-*.whl")
    return built


class Env:
    """A virtual environment with ctg-rules installed from its wheel."""

    def __init__(self, root: Path) -> None:
        self.root = root
        venv.EnvBuilder(with_pip=False).create(root)
        self.python = root / "bin" / "python"
        site = self.run_python("import sysconfig; print(sysconfig.get_paths()['purelib'])").strip()
        # a path line does not run that directory's .pth files: the editable install stays out
        Path(site, "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    def run_python(self, code: str) -> str:
        return subprocess.run(
            [str(self.python), "-c", code], capture_output=True, text=True, check=True
        ).stdout

    def pip(self, *args: str) -> None:
        subprocess.run([sys.executable, "-m", "pip", "--python", str(self.python), *args, "-q"], check=True)

    def ctg(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.root / "bin" / "ctg-rules"), *args], capture_output=True, text=True, cwd=cwd
        )


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Env:
    wheels = tmp_path_factory.mktemp("wheels")
    environment = Env(tmp_path_factory.mktemp("env") / "venv")
    environment.pip("install", "--no-deps", str(_wheel(ROOT, wheels)), str(_wheel(PLUGIN_DIR, wheels)))
    return environment


def _json(proc: subprocess.CompletedProcess[str]) -> object:
    assert proc.stdout.startswith(("{", "[")), proc.stderr
    return json.loads(proc.stdout)


def test_installed_plugin_is_listed_runs_passes_its_tests_and_uninstalls(env: Env, tmp_path: Path) -> None:
    # listed: its rules in the catalogue, the plugin with its distribution and version
    rules = _json(env.ctg("rules", "--format", "json", cwd=tmp_path))
    mine = [(r["code"], r["plugin"], r["severity"]) for r in rules if r["code"].startswith("BTC")]
    assert mine == [
        ("BTC001", "bonus-territoire", "error"),
        ("BTC002", "bonus-territoire", "warning"),
        ("BTC003", "bonus-territoire", "warning"),
    ]
    listing = env.ctg("plugins", "--format", "json", cwd=tmp_path)
    assert listing.returncode == 0, listing.stdout
    [plugin] = [p for p in _json(listing)["plugins"] if p["name"] == "bonus-territoire"]
    assert (plugin["kind"], plugin["dist"], plugin["version"]) == (
        "package",
        "ctg-rules-bonus-territoire",
        "0.1.0",
    )
    assert plugin["rules"] == CODES and plugin["hooks"] == ["ctg_rules_packs", "ctg_rules_rules"]

    # they fire: each failing fixture gives its finding on the announced line, exit status 1
    fixture = FIXTURES / "BTC001" / "fail_no_equipment_list.yaml"
    checked = env.ctg("check", "--format", "json", "--select", "BTC", str(fixture), cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr
    assert [(f["code"], f["severity"], f["line"]) for f in _json(checked)["findings"]] == [
        ("BTC001", "error", 15)
    ]
    declarative = env.ctg(
        "check", "--format", "json", str(FIXTURES / "BTC003" / "fail_before_2020.yaml"), cwd=tmp_path
    )
    assert [
        (f["code"], f["line"]) for f in _json(declarative)["findings"] if f["code"].startswith("BTC")
    ] == [("BTC003", 5)]
    # the seed keeps its promise of a bonus territoire (annex 5, the intercommunality signs)
    seed = _json(env.ctg("check", "--format", "json", "--select", "BTC", str(SEED), cwd=tmp_path))
    assert seed["findings"] == [] and seed["files"][0]["status"] == "checked"
    # --disable-plugin and --no-plugins leave it out
    for flags in (["--disable-plugin", "bonus-territoire"], ["--no-plugins"]):
        out = _json(env.ctg("rules", "--format", "json", *flags, cwd=tmp_path))
        assert not [r for r in out if r["code"].startswith("BTC")] and any(r["code"] == "VOT001" for r in out)

    # the plugin's own test suite passes against the installed plugin
    suite = subprocess.run(
        [str(env.python), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(PLUGIN_DIR / "tests")],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert suite.returncode == 0, suite.stdout + suite.stderr
    assert "passed" in suite.stdout and "failed" not in suite.stdout

    # uninstalled: gone from the catalogue and the plugin list, and `check` no longer knows BTC
    env.pip("uninstall", "-y", "ctg-rules-bonus-territoire")
    after = _json(env.ctg("rules", "--format", "json", cwd=tmp_path))
    assert not [r for r in after if r["code"].startswith("BTC")] and any(r["code"] == "VOT001" for r in after)
    assert "bonus-territoire" not in env.ctg("plugins", cwd=tmp_path).stdout
    gone = env.ctg("check", "--select", "BTC", str(fixture), cwd=tmp_path)
    assert gone.returncode == 2 and "code ou préfixe de règle inconnu dans --select : BTC" in gone.stderr
