"""The command line: exit statuses, the JSON v1 shape, the catalogue commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctg_rules.cli import cli
from tests.conftest import CLEAN, DEFECTS, SEED

GOOD = "ctg_rules: 1\ndeliberations:\n  - number: A1\n    declared: {present: 2}\n    present: [A B, C D]\n"
BAD = "ctg_rules: 1\ndeliberations:\n  - number: A1\n    declared: {present: 3}\n    present: [A B, C D]\n"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_exit_statuses(write) -> None:
    good, bad = write("good.yaml", GOOD), write("bad.yaml", BAD)
    broken = write("broken.yaml", "ctg_rules: 1\ndeliberations: [\n")
    other = write("ci.yaml", "on: push\n")
    assert run("check", str(good))[0] == 0
    assert run("check", str(other))[0] == 0
    assert run("check", str(bad))[0] == 1
    assert run("check", "--exit-zero", str(bad))[0] == 0
    assert run("check", str(broken))[0] == 2
    assert run("check", "--exit-zero", str(broken), str(bad))[0] == 2
    assert run("check", "--select", "NOPE1", str(good))[0] == 2
    assert run("check", "--format", "nope", str(good))[0] == 2


def test_text_output_points_at_the_line_with_a_caret(write) -> None:
    bad = write("bad.yaml", BAD)
    code, out = run("check", str(bad))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{bad.as_posix()}:4:25 VOT001 [erreur] l'acte déclare 3 présents mais en liste 2"
    assert lines[1].strip() == "declared: {present: 3}"
    assert lines[2].index("^") == 4 + 24
    assert lines[-1].startswith("1 erreur, 0 avertissement, 0 info dans 1 fichier")


def test_json_output_is_one_document_with_the_v1_shape(write) -> None:
    bad, other = write("bad.yaml", BAD), write("ci.yaml", "on: push\n")
    broken = write("broken.yaml", "ctg_rules: 1\nconvention: {title: [\n")
    code, out = run("check", "--format", "json", "--lang", "en", str(bad), str(other), str(broken))
    assert code == 2
    doc = json.loads(out)
    assert list(doc) == ["schema_version", "tool", "findings", "files", "errors", "plugin_errors", "summary"]
    assert doc["schema_version"] == 1 and doc["tool"]["name"] == "ctg-rules"
    [finding] = doc["findings"]
    assert list(finding) == ["code", "severity", "message", "file", "line", "column", "path", "reference"]
    assert finding | {"message": None} == {
        "code": "VOT001", "severity": "error", "message": None, "file": bad.as_posix(), "line": 4,
        "column": 25, "path": "deliberations[0].declared.present", "reference": "CGCT art. L2121-15, L2121-17",
    }  # fmt: skip
    assert finding["message"] == "the act declares 3 present but lists 2"
    assert [f["status"] for f in doc["files"]] == ["checked", "skipped", "error"]
    [error] = doc["errors"]
    assert error["file"] == broken.as_posix() and error["line"] == 3 and error["message"]
    assert doc["summary"]["by_severity"] == {"error": 1, "warning": 0, "info": 0}
    assert doc["summary"]["skipped"] == 1 and doc["summary"]["errors"] == 1


def test_directories_are_walked_in_order_and_hidden_ones_skipped(write, tmp_path: Path) -> None:
    write("b/two.yml", GOOD)
    write("a/one.yaml", GOOD)
    write(".git/x.yaml", BAD)
    write("notes.txt", "not yaml")
    code, out = run("check", "--format", "json", str(tmp_path))
    assert code == 0
    paths = [Path(f["path"]).relative_to(tmp_path).as_posix() for f in json.loads(out)["files"]]
    assert paths == ["a/one.yaml", "b/two.yml"]


def test_output_file_is_written_and_stdout_stays_empty(write, tmp_path: Path) -> None:
    bad = write("bad.yaml", BAD)
    target = tmp_path / "report.json"
    code, out = run("check", "--format", "json", "--output", str(target), str(bad))
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["findings"] == 1


def test_rules_explain_schema_and_version() -> None:
    code, out = run("rules", "--format", "json")
    assert code == 0
    records = {r["code"]: r for r in json.loads(out)}
    assert records["VOT001"]["severity"] == "error" and records["VOT001"]["plugin"] == "votes"
    code, out = run("explain", "vot001", "--lang", "en")
    assert code == 0 and "## What it does" in out and "## Failing example" in out
    code, out = run("explain", "VOT001", "--format", "json")
    assert json.loads(out)["examples"]["fail"]
    assert run("explain", "ZZZ999")[0] == 2
    code, out = run("schema")
    assert json.loads(out)["title"].startswith("ctg-rules dossier")
    code, out = run("--version")
    assert code == 0 and "ctg-rules" in out


@pytest.mark.parametrize("example", [SEED, CLEAN, DEFECTS], ids=lambda p: p.name)
def test_examples_load(example: Path) -> None:
    _code, out = run("check", "--format", "json", str(example))
    [item] = json.loads(out)["files"]
    assert (item["path"], item["status"]) == (example.as_posix(), "checked")
    assert isinstance(item["not_checked"], list)


def test_clean_example_has_no_finding() -> None:
    code, out = run("check", "--format", "json", str(CLEAN))
    assert code == 0 and json.loads(out)["findings"] == []


def test_the_installed_command_runs_without_a_traceback(write) -> None:
    broken = write("broken.yaml", b"ctg_rules: 1\nx: \xff\n")
    proc = subprocess.run(
        [sys.executable, "-m", "ctg_rules.cli", "check", str(broken)], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    assert f"{broken.as_posix()}:2:4" in proc.stdout


def test_the_program_ends_with_its_status_its_whole_report_and_the_exit_handlers_run(
    write, tmp_path: Path
) -> None:
    # the program ends without the interpreter's teardown: what a normal exit does first must be done
    bad = write("bad.yaml", BAD)
    marker = tmp_path / "handler-ran"
    program = (
        "import atexit, sys\n"
        "marker = sys.argv[2]\n"
        "atexit.register(lambda: open(marker, 'w').write('ran'))\n"
        "from ctg_rules.cli import main\n"
        "sys.argv = ['ctg-rules', 'check', '--format', 'json', sys.argv[1]]\n"
        "main()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", program, str(bad), str(marker)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1, proc.stderr
    assert [f["code"] for f in json.loads(proc.stdout)["findings"]] == ["VOT001"]
    assert marker.read_text() == "ran"
