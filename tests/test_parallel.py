"""``check --jobs N``: the same report whatever the number of workers, and the default."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctg_rules import parallel
from ctg_rules.cli import cli
from tests.conftest import CLEAN, DEFECTS, SEED

ACT = """\
ctg_rules: 1
deliberations:
  - number: "{number}"
    body: {{name: Ville de Montpellier, siren: "213401722", department: "034"}}
    session: {{date: 2014-04-24}}
    transmission:
      act_id: 034-213401722-20140424-{transaction}-DE{waiver}
"""


def _tree(root: Path) -> Path:
    """Dossiers with findings, a run-scoped rule across files (IDN004, one of them waived), a
    stale waiver of that rule, an unreadable file and a YAML file that is not a dossier."""
    for k in range(4):
        for example in (SEED, CLEAN, DEFECTS):
            shutil.copy(example, root / f"{k}-{example.name}")
    for k, waiver in enumerate(("", "  # noqa: IDN004 -- re-numbered", "", "  # noqa: IDN004")):
        number = "2014/137" if k < 3 else "2014/140"
        text = ACT.format(number=number, waiver=waiver, transaction=f"00000712{k:02d}")
        (root / f"act-{k}.yaml").write_text(text, encoding="utf-8")
    (root / "broken.yaml").write_text("ctg_rules: 1\ndeliberations: [\n", encoding="utf-8")
    (root / "ci.yaml").write_text("on: push\n", encoding="utf-8")
    return root


def _check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_the_report_is_the_same_whatever_the_number_of_workers(tmp_path: Path, fmt: str) -> None:
    root = _tree(tmp_path)
    one = _check("--format", fmt, "--jobs", "1", str(root))
    for jobs in ("2", "3"):
        assert _check("--format", fmt, "--jobs", jobs, str(root)) == one
    assert one[0] == 2  # the broken file
    if fmt == "json":
        report = json.loads(one[1])
        files = [f["path"] for f in report["files"]]
        assert files == sorted(files) and len(files) == 18
        late = [f for f in report["findings"] if f["code"] in ("IDN004", "NQA001")]
        assert [(Path(f["file"]).name, f["code"], f.get("suppressed", False)) for f in late] == [
            ("act-1.yaml", "IDN004", True),
            ("act-2.yaml", "IDN004", False),
            ("act-3.yaml", "NQA001", False),
        ]


def test_the_same_with_the_default_number_of_workers(tmp_path: Path, monkeypatch) -> None:
    root = _tree(tmp_path)
    monkeypatch.setitem(parallel.MANY_FILES, parallel.start_method(), 2)
    monkeypatch.setattr(parallel, "available_cores", lambda: 2)
    assert parallel.default_jobs(18) == 2
    assert _check("--format", "json", str(root)) == _check("--format", "json", "--jobs", "1", str(root))


def test_one_process_for_a_few_files_and_one_worker_per_core_for_many(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "available_cores", lambda: 4)
    assert parallel.default_jobs(1) == 1
    assert parallel.default_jobs(5) == 1
    assert parallel.default_jobs(10_000) == 4
    monkeypatch.setattr(parallel, "available_cores", lambda: 1)
    assert parallel.default_jobs(10_000) == 1


def test_more_workers_than_files(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "seed.yaml")
    assert _check("--format", "json", "--jobs", "8", str(tmp_path)) == _check(
        "--format", "json", "--jobs", "1", str(tmp_path)
    )
