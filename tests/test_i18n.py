"""One language per run: --help follows the locale, what a run says follows --lang (French by default)."""

from __future__ import annotations

import ast
import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import ctg_rules
from ctg_rules import i18n
from ctg_rules.cli import COMMANDS, cli

SOURCES = Path(i18n.__file__).parent
CATALOGUE = i18n.LOCALE_DIR / "fr" / "LC_MESSAGES"


def msgids() -> list[str]:
    """Every text the code marks for translation: ``_("...")`` (help) and ``N_("...")`` (messages)."""
    found: list[str] = []
    for path in sorted(SOURCES.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append(node.args[0].value)
    return found


def test_every_marked_text_has_its_french() -> None:
    french = gettext.translation(i18n.DOMAIN, i18n.LOCALE_DIR, languages=["fr"])
    untranslated = [m for m in msgids() if french.gettext(m) == m and m.strip() not in ("Options",)]
    assert len(msgids()) > 80 and untranslated == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_the_compiled_catalogue_is_the_po_file(tmp_path: Path) -> None:
    """ctg-rules.mo is what `msgfmt ctg-rules.po` gives: edit the .po, compile, commit both."""
    compiled = tmp_path / "ctg-rules.mo"
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(compiled), str(CATALOGUE / "ctg-rules.po")], check=True
    )
    with open(compiled, "rb") as fresh, open(CATALOGUE / "ctg-rules.mo", "rb") as committed:
        assert gettext.GNUTranslations(fresh)._catalog == gettext.GNUTranslations(committed)._catalog


def help_of(command: str, lang_env: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env["LANG"] = lang_env
    args = [sys.executable, "-m", "ctg_rules.cli", *([command] if command else []), "--help"]
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    return done.stdout


@pytest.mark.slow
@pytest.mark.parametrize("command", ["", *sorted(COMMANDS)])
def test_help_is_complete_in_french_under_a_french_locale(command: str) -> None:
    french = help_of(command, "fr_FR.UTF-8")
    assert "Usage :" in french and "Afficher ce message et quitter." in french
    english_left = [
        m for m in msgids() if len(m) > 20 and " ".join(m.split())[:40] in " ".join(french.split())
    ]
    assert english_left == []
    english = help_of(command, "C.UTF-8")
    assert "Usage:" in english and "Show this message and exit." in english


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stderr


def test_a_configuration_error_follows_the_run_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".ctg-rules.yaml").write_text("selec: [VOT]\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("ctg_rules: 1\n", encoding="utf-8")
    assert run("check", "a.yaml") == (
        2,
        "ctg-rules : erreur de configuration : .ctg-rules.yaml:1:1: clé de configuration inconnue "
        "'selec' (vouliez-vous dire « select » ?)\n",
    )
    assert run("check", "--lang", "en", "a.yaml") == (
        2,
        "ctg-rules: configuration error: .ctg-rules.yaml:1:1: unknown configuration key 'selec' "
        "(did you mean 'select'?)\n",
    )
    (tmp_path / ".ctg-rules.yaml").write_text("select: [VOTT01]\n", encoding="utf-8")
    assert (
        "code ou préfixe de règle inconnu dans 'select' : VOTT01 (vouliez-vous dire VOT001 ?)"
        in run("check", "a.yaml")[1]
    )


def test_what_the_system_refuses_is_said_in_the_run_language(tmp_path: Path) -> None:
    missing = (tmp_path / "absent.yaml").as_posix()
    result = CliRunner().invoke(cli, ["check", "--format", "concise", missing])
    assert (
        f"{missing}:1:1 erreur de lecture: fichier illisible : fichier ou dossier introuvable"
        in result.stdout
    )
    result = CliRunner().invoke(cli, ["check", "--lang", "en", "--format", "concise", missing])
    assert "cannot read the file: no such file or folder" in result.stdout
    code, err = run("check", "-o", str(tmp_path / "no" / "such" / "report.txt"), missing)
    assert code == 2 and err.endswith(": fichier ou dossier introuvable\n") and "impossible d'écrire" in err


def test_the_library_speaks_french_by_default(tmp_path: Path) -> None:
    path = tmp_path / "ci.yaml"
    path.write_text("on: push\n", encoding="utf-8")
    with pytest.raises(ctg_rules.DossierError) as caught:
        ctg_rules.load(path)
    assert "ce n'est pas un dossier" in caught.value.problems[0]
    with pytest.raises(ctg_rules.DossierError) as caught:
        ctg_rules.load(path, lang="en")
    assert "not a dossier" in caught.value.problems[0]
    with pytest.raises(ValueError, match="gravité de VOT001 : 'grave' n'est pas l'une de"):
        ctg_rules.check(path, severity={"VOT001": "grave"})


def test_the_locale_decides_the_help_language(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert i18n.locale_lang() == "en"
    monkeypatch.setenv("LANG", "fr_CA.UTF-8")
    assert i18n.locale_lang() == "fr"
    monkeypatch.setenv("LC_ALL", "C")  # LC_ALL comes before LANG, as gettext reads them
    assert i18n.locale_lang() == "en"
    monkeypatch.setenv("LANGUAGE", "fr:en")
    assert i18n.locale_lang() == "fr"
