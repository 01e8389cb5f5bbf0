"""Configuration files: discovery per file, every key, errors that name the typo, `ctg-rules config`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctg_rules.cli import cli
from ctg_rules.config import ConfigError, find, load
from ctg_rules.engine import registry
from tests.test_cli import BAD, GOOD


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def findings(*args: str) -> tuple[int, list[dict]]:
    code, out, _err = run("check", "--format", "json", *args)
    return code, json.loads(out)["findings"]


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_nearest_configuration_applies_to_each_file(write, cwd: Path) -> None:
    write(".ctg-rules.yaml", "lang: en\nseverity: {VOT: warning}\n")
    write("strict/.ctg-rules.yaml", "fail-on: warning\n")
    write("loose/a.yaml", BAD)
    write("strict/b.yaml", BAD)
    code, found = findings(".")
    # the strict folder's own file wins there: its findings are errors again, in French
    assert [(f["file"], f["severity"], f["message"][:11]) for f in found] == [
        ("loose/a.yaml", "warning", "the act dec"),
        ("strict/b.yaml", "error", "l'acte décl"),
    ]
    assert code == 1
    assert findings("loose")[0] == 0  # a warning does not fail by default
    code, found = findings("--fail-on", "error", "strict")
    assert code == 1


def test_fail_on_of_the_configuration_and_its_override(write, cwd: Path) -> None:
    write(".ctg-rules.yaml", "severity: {VOT001: warning}\nfail-on: warning\n")
    write("a.yaml", BAD)
    assert findings("a.yaml")[0] == 1
    assert findings("--fail-on", "error", "a.yaml")[0] == 0
    assert findings("--exit-zero", "a.yaml")[0] == 0


def test_pyproject_table_and_precedence(write, cwd: Path) -> None:
    write("pyproject.toml", '[project]\nname = "x"\n')  # no [tool.ctg-rules]: the search goes on
    assert find(cwd / "a.yaml") is None
    write("pyproject.toml", '[tool.ctg-rules]\nignore = ["VOT001"]\n')
    write("a.yaml", BAD)
    assert find(cwd / "a.yaml") == cwd / "pyproject.toml"
    assert findings("a.yaml") == (0, [])
    write(".ctg-rules.yaml", "lang: en\n")  # in one folder the YAML file wins
    assert find(cwd / "a.yaml") == cwd / ".ctg-rules.yaml"
    assert findings("a.yaml")[1][0]["code"] == "VOT001"


def test_explicit_config_overrides_the_search(write, cwd: Path) -> None:
    write(".ctg-rules.yaml", "ignore: [VOT001]\n")
    other = write("ci/strict.yaml", "select: [VOT001]\nlang: en\n")
    write("a.yaml", BAD)
    assert findings("a.yaml") == (0, [])
    code, found = findings("--config", str(other), "a.yaml")
    assert code == 1 and found[0]["message"].startswith("the act")


def test_command_line_codes_combine_with_the_file(write, cwd: Path) -> None:
    write(".ctg-rules.yaml", "select: [NQA]\nextend-select: [VOT]\n")
    write("a.yaml", BAD)
    assert [f["code"] for f in findings("a.yaml")[1]] == ["VOT001"]
    assert findings("--ignore", "VOT001", "a.yaml") == (0, [])
    assert findings("--select", "NQA001", "a.yaml") == (0, [])  # --select replaces select and extend-select
    assert [f["code"] for f in findings("--select", "NQA001", "--extend-select", "VOT", "a.yaml")[1]] == [
        "VOT001"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("slect: [VOT]\n", ".ctg-rules.yaml:1:1: unknown configuration key 'slect' (did you mean 'select'?)"),
        (
            "lang: en\nignore: [VOTT01]\n",
            ".ctg-rules.yaml:2:1: unknown rule code or prefix in 'ignore': VOTT01 (did you mean VOT001?)",
        ),
        ("select: [VOT, XYZ]\n", "unknown rule code or prefix in 'select': XYZ"),
        ("extend-select: ZZ9\n", "in 'extend-select': ZZ9"),
        ("severity: {QQQ999: info}\n", "in 'severity': QQQ999"),
        ("severity: {VOT001: fatal}\n", "severity of VOT001: 'fatal' is not one of error, warning, info"),
        ("per-file-ignores: {'a/*': [QQQ]}\n", "in 'per-file-ignores': QQQ"),
        ("per-file-ignores: [VOT]\n", "'per-file-ignores' maps a glob to codes"),
        ("profile: ctgg\n", "unknown profile 'ctgg'; known: ctg"),
        ("lang: de\n", "'lang' is 'de'; expected one of fr, en"),
        ("fail-on: fatal\n", "'fail-on' is 'fatal'; expected one of error, warning, info"),
        ("select: {a: 1}\n", "'select' must be a list of rule codes"),
        ("- select\n", "the configuration must be a mapping"),
        ("select: [\n", ".ctg-rules.yaml:2:1: invalid YAML"),
    ],
)
def test_configuration_errors_name_the_culprit(write, cwd: Path, text: str, message: str) -> None:
    write(".ctg-rules.yaml", text)
    write("a.yaml", GOOD)
    code, out, err = run("check", "--lang", "en", "--format", "json", "a.yaml")
    assert code == 2 and out == ""
    assert err.startswith("ctg-rules: configuration error: .ctg-rules.yaml")
    assert message in err
    assert "Traceback" not in err


def test_pyproject_errors_name_the_table(write, cwd: Path) -> None:
    write("pyproject.toml", '[tool.ctg-rules]\nextend_select = ["VOT"]\n')
    write("a.yaml", GOOD)
    code, _out, err = run("check", "--lang", "en", "a.yaml")
    assert code == 2
    assert "pyproject.toml [tool.ctg-rules]: unknown configuration key 'extend_select'" in err
    assert "did you mean 'extend-select'?" in err
    write("pyproject.toml", "[tool.ctg-rules\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load(cwd / "pyproject.toml")


def test_unknown_command_line_code_is_named(write, cwd: Path) -> None:
    write("a.yaml", GOOD)
    code, _out, err = run("check", "--lang", "en", "--ignore", "VOT01X", "a.yaml")
    assert code == 2 and "unknown rule code or prefix in --ignore: VOT01X" in err


def test_per_file_ignores(write, cwd: Path) -> None:
    write(
        ".ctg-rules.yaml",
        "per-file-ignores:\n  archives/: [VOT]\n  'drafts/*-old.yaml': [VOT001]\n  '*-2019.yaml': [ALL]\n",
    )
    for name in ("a.yaml", "x/archives/b.yaml", "drafts/c-old.yaml", "drafts/c-new.yaml", "x/d-2019.yaml"):
        write(name, BAD)
    write("x/drafts/e-old.yaml", BAD)  # `drafts/...` has a slash: relative to the configuration only
    code, out, _ = run("check", "--format", "json", ".")
    assert code == 1
    flagged = sorted({f["file"] for f in json.loads(out)["findings"]})
    assert flagged == ["a.yaml", "drafts/c-new.yaml", "x/drafts/e-old.yaml"]
    # the rules a file was checked with leave out the ignored ones (the JUnit evidence)
    _code, out, _ = run("config", "--format", "json", "x/archives/b.yaml")
    record = json.loads(out)
    assert record["per-file-ignores here"] == ["VOT"] and "VOT001" not in record["rules"]
    assert "NQA001" in record["rules"]


def test_plugins_are_relative_to_the_configuration(write, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        "project/rules/local.py",
        "import ctg_rules\nfrom ctg_rules import Violation\n\nSEEN = []\n\n"
        "@ctg_rules.rule('LOC001', title='local', severity='warning')\n"
        "def no_subject(dossier):\n"
        "    for i, d in enumerate(dossier.deliberations):\n"
        "        if not d.subject:\n"
        "            yield Violation(path=('deliberations', i, 'number'), message='no subject')\n\n"
        "@ctg_rules.hookimpl\ndef ctg_rules_rules():\n    return [no_subject]\n\n"
        "@ctg_rules.hookimpl\ndef ctg_rules_configure(config):\n    SEEN.append(dict(config))\n",
    )
    write(
        "project/.ctg-rules.yaml",
        "plugins: [rules/local.py]\nseverity: {LOC001: error}\nx-local: {strict: true}\n",
    )
    write("project/dossiers/a.yaml", GOOD)
    monkeypatch.chdir(cwd / "project" / "dossiers")  # run from elsewhere: the path stays right
    code, found = findings("a.yaml")
    assert code == 1
    assert [(f["code"], f["severity"], f["line"]) for f in found] == [("LOC001", "error", 3)]
    local = cwd / "project/rules/local.py"
    [module] = [m for m in list(sys.modules.values()) if getattr(m, "__file__", None) == str(local.resolve())]
    seen = module.SEEN
    assert seen[-1]["x-local"] == {"strict": True}
    assert seen[-1]["plugins"] == [str((cwd / "project/rules/local.py").resolve())]
    assert findings("--no-plugins", "a.yaml") == (0, [])  # built-ins only: local rules too are off


def test_config_command_shows_the_effective_configuration(write, cwd: Path) -> None:
    write(".ctg-rules.yaml", "lang: en\nignore: [NQA]\nprofile: ctg\n")
    write("d/a.yaml", GOOD)
    code, out, _ = run("config", "d/a.yaml")
    assert code == 0
    lines = out.splitlines()
    assert lines[:3] == ["# file: d/a.yaml", "# configuration: .ctg-rules.yaml", "select: ALL"]
    assert 'ignore: ["NQA"]' in lines and "lang: en" in lines and "fail-on: error" in lines
    # every installed rule but the ignored NQA ones (the set grows as rule families land)
    running = registry().select(None, ("NQA",))
    assert "VOT001" in running and lines[-1] == f"# rules that run ({len(running)}): {', '.join(running)}"
    code, out, _ = run("config", "--format", "json", "--config", str(write("other.yaml", "select: [NQA]\n")))
    record = json.loads(out)
    assert record["config"].endswith("other.yaml") and record["rules"] == ["NQA001"]
    assert record["settings"]["lang"] == "fr"


def test_without_any_configuration(write, cwd: Path) -> None:
    write("a.yaml", GOOD)
    _code, out, _ = run("config", "--format", "json", "a.yaml")
    record = json.loads(out)
    assert record["config"] is None and record["settings"]["select"] is None


def test_rules_and_explain_know_the_local_rules(write, cwd: Path) -> None:
    write("rules/local.py", LOCAL_RULE)
    write(".ctg-rules.yaml", "plugins: [rules/local.py]\nlang: en\n")
    code, out, _ = run("rules", "--format", "json")
    records = {r["code"]: r for r in json.loads(out)}
    assert code == 0 and records["LOC002"]["title"] == "local rule" and "VOT001" in records
    code, out, _ = run("explain", "LOC002")
    assert code == 0 and out.startswith("LOC002 (local-rule) — local rule")
    write(".ctg-rules.yaml", "lang: klingon\n")
    code, _out, err = run("rules")
    assert code == 2 and "« lang » vaut 'klingon'" in err  # French by default: no language read


LOCAL_RULE = (
    "import ctg_rules\n\n"
    "@ctg_rules.rule('LOC002', title='local rule', severity='info')\n"
    "def local_rule(dossier):\n    return []\n\n"
    "@ctg_rules.hookimpl\ndef ctg_rules_rules():\n    return [local_rule]\n"
)
