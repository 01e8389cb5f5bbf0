"""Which files `check` takes from a folder: .gitignore, exclude and extend-exclude, as ruff does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctg_rules.cli import cli
from ctg_rules.discovery import discover
from tests.conftest import EXAMPLES
from tests.test_cli import GOOD


def checked(*args: str) -> tuple[int, list[str], dict]:
    """Exit status, the files checked or skipped (relative, sorted as reported), the summary."""
    result = CliRunner().invoke(cli, ["check", "--format", "json", *args], catch_exceptions=False)
    doc = json.loads(result.stdout)
    return result.exit_code, [f["path"] for f in doc["files"]], doc["summary"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write) -> Path:
    """A git work tree (its .git folder is all git needs to be recognised) holding four dossiers."""
    (tmp_path / ".git" / "info").mkdir(parents=True)
    for name in ("a.yaml", "build/b.yaml", "drafts/c.yaml", "drafts/keep/d.yaml"):
        write(name, GOOD)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_gitignore_files_are_respected_in_a_repository(repo: Path, write) -> None:
    write(".gitignore", "build/\n")
    write("drafts/.gitignore", "*.yaml\n!keep/*.yaml\n")  # nested, with a negation
    assert checked(".")[1] == ["a.yaml", "drafts/keep/d.yaml"]
    (repo / ".git" / "info" / "exclude").write_text("keep/\n", encoding="utf-8")
    assert checked(".")[1] == ["a.yaml"]
    # a .gitignore above the folder walked applies too, and a file named is always checked
    assert checked("drafts")[1] == []
    assert checked("drafts/c.yaml")[1] == ["drafts/c.yaml"]


def test_gitignore_means_nothing_outside_a_repository(repo: Path, write) -> None:
    (repo / ".git" / "info").rmdir()
    (repo / ".git").rmdir()
    write(".gitignore", "build/\n")
    assert checked(".")[1] == ["a.yaml", "build/b.yaml", "drafts/c.yaml", "drafts/keep/d.yaml"]


def test_exclude_and_extend_exclude_from_the_configuration(repo: Path, write) -> None:
    write(".gitignore", "build/\n")
    write(".ctg-rules.yaml", "extend-exclude: [drafts/keep/, '*.yml']\nrespect-gitignore: false\n")
    write("x.yml", GOOD)
    assert checked(".")[1] == ["a.yaml", "build/b.yaml", "drafts/c.yaml"]
    # `exclude` replaces the default one: hidden folders are walked again
    write(".ctg-rules.yaml", "exclude: [build]\n")
    write(".hidden/e.yaml", GOOD)
    files = [".ctg-rules.yaml", ".hidden/e.yaml", "a.yaml", "drafts/c.yaml", "drafts/keep/d.yaml", "x.yml"]
    assert checked(".")[1] == files  # the configuration too: skipped, it is not a dossier
    # globs with a slash are anchored at the configuration's folder, even walking from below it
    write(".ctg-rules.yaml", "extend-exclude: [drafts/keep]\n")
    assert checked("drafts")[1] == ["drafts/c.yaml"]


def test_a_nested_configuration_excludes_in_its_own_folder(repo: Path, write) -> None:
    write("drafts/pyproject.toml", '[tool.ctg-rules]\nextend-exclude = ["keep/"]\n')
    assert checked(".")[1] == ["a.yaml", "build/b.yaml", "drafts/c.yaml"]


def test_a_folder_named_is_walked_whatever_excludes_it(repo: Path, write) -> None:
    write(".gitignore", "drafts/\n")
    assert checked("drafts")[1] == ["drafts/c.yaml", "drafts/keep/d.yaml"]


def test_a_bad_glob_list_is_a_configuration_error(repo: Path, write) -> None:
    write(".ctg-rules.yaml", "exclude: {a: 1}\n")
    result = CliRunner().invoke(cli, ["check", "."])
    assert result.exit_code == 2
    assert "« exclude » est une liste de motifs, comme dans .gitignore" in result.stderr


def test_documents_in_folders_are_read_and_what_cannot_be_is_said(tmp_path: Path, write) -> None:
    """Issue 17: a folder's documents are checked (a folder holding a convention as one dossier,
    see test_assembly.py); a damaged one is an error, an old Word file is counted and said."""
    for name in ("acte-1.pdf", "acte-2.PDF", "convention.docx", "notes.txt", "ancien.doc"):
        write(f"depot/{name}", "x")
    code, files, summary = checked(str(tmp_path / "depot"))
    assert code == 2 and summary["errors"] == 3  # "x" is no PDF nor Word file
    assert sorted(Path(f).name for f in files) == ["acte-1.pdf", "acte-2.PDF", "convention.docx"]
    assert summary["ignored"] == {"DOC": 1}  # notes.txt holds no act: not a document of the dossier
    found = discover([tmp_path / "depot"])
    assert found.ignored == {"DOC": 1} and len(found.documents) == 4


def test_the_examples_folder_leaves_the_plugin_fixtures_out() -> None:
    files = checked(str(EXAMPLES))[1]  # the plugin's pyproject.toml excludes its fixtures
    assert not [f for f in files if "/tests/fixtures/" in f]
    assert (EXAMPLES / "defects-epci-ctg-2024.yaml").as_posix() in files
    # the fixtures are still there to be checked by name, as the plugin's tests do
    fixtures = EXAMPLES / "plugins" / "ctg-rules-bonus-territoire" / "tests" / "fixtures"
    assert len(list(fixtures.rglob("*.yaml"))) == 9
