"""Output formats: what each one shows, and that dossier text cannot break out of any of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ctg_rules.cli import cli
from ctg_rules.reporters.github import command, escape_property
from tests.reporters_helpers import project_with_echo_rule
from tests.test_cli import BAD


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner(env=env).invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- github ------------------------------------------------------------------------------------


def test_github_annotations(write, cwd: Path) -> None:
    write("bad.yaml", BAD.replace("present: [A B, C D]", "present: [A B, C D]\n    x: 1"))
    write("waived.yaml", BAD.replace("{present: 3}", "{present: 3}  # noqa: VOT001 -- late, 8:30"))
    code, out = run("check", "--format", "github", "--lang", "en", "bad.yaml", "waived.yaml")
    lines = out.splitlines()
    assert lines[0].startswith("::error file=bad.yaml,line=6,col=5,title=cannot load::")
    assert lines[1] == (
        "::notice file=waived.yaml,line=4,col=25,title=VOT001 (waived)::"
        "the act declares 3 present but lists 2 (CGCT art. L2121-15, L2121-17) — late, 8:30"
    )
    assert lines[2].startswith("ctg-rules: 0 errors, 0 warnings, 0 infos in 2 files")
    assert code == 2


def test_github_values_cannot_inject_commands(cwd: Path) -> None:
    project_with_echo_rule(cwd)
    code, out = run("check", "--format", "github", ".")
    assert code == 1
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    # one annotation per finding: the subject's line break and '::' stay inside the message
    assert len(annotations) == 2
    echo = next(a for a in annotations if "title=ECH001" in a)
    assert echo.startswith("::warning file=a%2Cb%3Ac.yaml,line=4,col=14,title=ECH001::subject: x%0A::error")
    assert "100%25" in echo
    assert escape_property("a,b:c%\r\n") == "a%2Cb%3Ac%25%0D%0A"
    assert command("notice", "m") == "::notice::m\n"


def test_auto_format_follows_github_actions(write, cwd: Path) -> None:
    write("bad.yaml", BAD)
    _, out = run("check", "--format", "auto", "bad.yaml", env={"GITHUB_ACTIONS": "true"})
    assert out.startswith("::error file=bad.yaml,line=4,col=25,title=VOT001::")
    _, out = run("check", "--format", "auto", "bad.yaml", env={"GITHUB_ACTIONS": ""})
    assert out.startswith("bad.yaml:4:25 VOT001 [erreur]")


# --- text --------------------------------------------------------------------------------------


def test_text_statistics_and_colours(write, cwd: Path) -> None:
    write("a.yaml", BAD)
    write("b.yaml", BAD)
    _, out = run("check", "--statistics", "--lang", "en", ".")
    assert "    2  VOT001  declared-count-mismatch" in out.splitlines()
    assert "\x1b[" not in out  # not a terminal: no colour
    _, out = run("check", "a.yaml", env={"FORCE_COLOR": "1"})
    assert "\x1b[31m" in out
