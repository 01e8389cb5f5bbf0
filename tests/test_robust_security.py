"""What the tool runs: a configuration's `plugins` files are the repository's code; CI can refuse them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctg_rules.cli import cli
from ctg_rules.engine import _REGISTRIES
from tests.conftest import DEFECTS, ROOT

EVIL = """
from pathlib import Path
Path({marker!r}).write_text("ran")
import ctg_rules

@ctg_rules.rule("EVL001", title="evil", severity="error")
def evil(dossier):
    return ()

@ctg_rules.hookimpl
def ctg_rules_rules():
    return [evil]
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A pull request's tree: a dossier and a configuration that runs a file of its own."""
    root = tmp_path / "pr"
    (root / "rules").mkdir(parents=True)
    (root / "rules" / "evil.py").write_text(EVIL.format(marker=str(tmp_path / "ran")), encoding="utf-8")
    (root / ".ctg-rules.yaml").write_text(
        "plugins: [rules/evil.py]\nextend-select: [EVL]\nseverity: {EVL: warning}\n", encoding="utf-8"
    )
    (root / "dossier.yaml").write_bytes(DEFECTS.read_bytes())
    saved = dict(_REGISTRIES)
    _REGISTRIES.clear()  # each test imports the file afresh
    yield root
    _REGISTRIES.clear()
    _REGISTRIES.update(saved)


@pytest.mark.parametrize("flag", ["--no-local-plugins", "--no-plugins"])
def test_ci_can_check_a_pull_request_without_running_its_code(
    repo: Path, monkeypatch: pytest.MonkeyPatch, flag: str
) -> None:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["check", flag, "--format", "json", "dossier.yaml"])
    assert not (repo.parent / "ran").exists()  # the configuration's file was never imported
    assert result.exit_code == 1, result.output  # the built-in rules ran: the defects are found
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert "VOT001" in codes and "EVL001" not in codes


def test_without_the_flag_the_configuration_runs_its_files(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)  # the control: the marker does appear when local files are allowed
    assert CliRunner().invoke(cli, ["check", "dossier.yaml"]).exit_code == 1
    assert (repo.parent / "ran").read_text(encoding="utf-8") == "ran"


def test_security_policy_says_what_is_trusted() -> None:
    policy = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    for words in (
        "--no-local-plugins",
        "plugins",
        "pull_request_target",
        "# noqa",
        "Reporting a vulnerability",
    ):
        assert words in policy
