"""What `check` prints beyond the findings: short formats, the summary, runs that check nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ctg_rules.cli import cli
from ctg_rules.report import Summary
from ctg_rules.reporters.text import summary_line
from tests.test_cli import BAD, GOOD

BROKEN = "ctg_rules: 1\ndeliberations: [\n"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_concise_prints_one_line_per_finding_and_no_excerpt(write, cwd: Path) -> None:
    write("a.yaml", BAD)
    code, full = run("check", "a.yaml")
    code_concise, concise = run("check", "--format", "concise", "a.yaml")
    assert code == code_concise == 1
    # the finding, what could not be checked, the summary: the excerpt under the finding left out
    assert concise.splitlines() == [full.splitlines()[0], *full.splitlines()[-2:]]
    assert concise.splitlines()[0] == "a.yaml:4:25 VOT001 [erreur] l'acte déclare 3 présents mais en liste 2"
    assert concise.splitlines()[1].startswith("a.yaml non vérifié : effectifs et listes de présence — ")


def test_quiet_prints_what_could_not_be_read_and_the_summary(write, cwd: Path) -> None:
    write("a.yaml", BAD)
    write("broken.yaml", BROKEN)
    code, out = run("check", "--quiet", "--lang", "en", "a.yaml", "broken.yaml")
    assert code == 2
    lines = out.splitlines()
    assert len(lines) == 2 and "VOT001" not in out
    assert lines[0].startswith("broken.yaml:3:1 cannot load: ")
    assert (
        lines[1]
        == "1 unreadable file; 1 error, 0 warnings, 0 infos in 2 files (1 checked, 1 of them partly, "
        "0 skipped (not dossiers))"
    )


def test_statistics_replace_the_listing(write, cwd: Path) -> None:
    write("a.yaml", BAD)
    write("b.yaml", BAD.replace("number: A1", "number: A2"))
    code, out = run("check", "--statistics", "a.yaml", "b.yaml")
    assert code == 1
    assert out.splitlines() == [
        "    2  VOT001  Un effectif imprimé ne correspond pas aux noms listés",
        "2 erreurs, 0 avertissement, 0 info dans 2 fichiers (2 vérifiés dont 2 en partie, 0 ignoré (pas un dossier))",
    ]
    result = CliRunner().invoke(cli, ["check", "--statistics", "--format", "json", "a.yaml"])
    assert result.exit_code == 2 and "--statistics goes with --format text or concise" in result.stderr


def test_the_summary_leads_with_what_went_wrong() -> None:
    s = Summary(files=5, checked=2, skipped=0, errors=3, plugin_failures=1, suppressed=2)
    s.by_severity.update({"error": 4, "warning": 1})
    assert summary_line(s, "fr") == (
        "3 fichiers illisibles ; 1 extension inutilisable ; 4 erreurs, 1 avertissement, 0 info dans 5 "
        "fichiers (2 vérifiés, 0 ignoré (pas un dossier)) ; 2 dérogations"
    )
    assert summary_line(s, "en") == (
        "3 unreadable files; 1 plugin failed; 4 errors, 1 warning, 0 infos in 5 files (2 checked, "
        "0 skipped (not dossiers)); 2 waived"
    )


def test_a_run_that_checks_nothing_says_why() -> None:
    s = Summary(files=2, skipped=2)
    s.ignored.update({"DOC": 41, "ODT": 1})
    assert summary_line(s, "fr") == (
        "aucun dossier vérifié : 41 DOC ignorés, 1 ODT ignoré (enregistrez-les en PDF ou en DOCX pour "
        "qu'ils soient lus), 2 fichiers YAML qui ne sont pas des dossiers"
    )
    assert summary_line(Summary(), "en") == "no file found"
    assert summary_line(Summary(files=1, errors=1), "en").startswith("1 unreadable file; 0 errors")


def test_a_clean_run_still_says_what_it_checked(write, cwd: Path) -> None:
    write("a.yaml", GOOD)
    code, out = run("check", "a.yaml")
    assert code == 0
    unchecked, summary = out.splitlines()
    assert unchecked.startswith("a.yaml non vérifié : ")  # a YAML dossier says little: not "no error"
    assert summary == (
        "0 erreur, 0 avertissement, 0 info dans 1 fichier (1 vérifié dont 1 en partie, 0 ignoré (pas un dossier))"
    )


def test_extract_writes_to_stdout_with_a_dash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_extract_cli import EPCI

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["extract", str(EPCI), "-o", "-"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("# Dossier extrait de") and "ctg_rules: 1" in result.stdout
    assert list(tmp_path.iterdir()) == []  # no file named "-"


def test_documents_no_reader_takes_are_said_beside_the_findings_too() -> None:
    s = Summary(files=1, checked=1)
    s.ignored.update({"DOC": 2})
    assert summary_line(s, "fr") == (
        "2 DOC ignorés (enregistrez-les en PDF ou en DOCX pour qu'ils soient lus) ; 0 erreur, "
        "0 avertissement, 0 info dans 1 fichier (1 vérifié, 0 ignoré (pas un dossier))"
    )
    assert summary_line(s, "en").startswith("2 DOC files skipped (save them as PDF or DOCX")
