"""The engine: rule selection, plugin and rule failure isolation, run-scoped rules, messages."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

import ctg_rules
from ctg_rules import Violation, hookimpl, plugins, rule
from ctg_rules.engine import Engine, Options, Registry

DOSSIER = "ctg_rules: 1\ndeliberations:\n  - number: A-1\n    vote: {for: 3, against: 1}\n  - number: A-1\n"


@rule("TST001", title={"fr": "Règle de test", "en": "Test rule"}, severity="warning")
def first_number(dossier):
    yield Violation(("deliberations", 0, "number"), message="literal message")


@rule("TST002", title="Broken rule", severity="error")
def broken(dossier):
    raise ZeroDivisionError("boom")
    yield  # pragma: no cover


@rule(
    "TST003",
    severity="info",
    messages={"default": {"fr": "{n} voix pour le {when}", "en": "{n} votes for on {when}"}},
)
def templated(dossier, params, ctx, lang):
    from datetime import date

    assert ctx.file is None or ctx.file.endswith(".yaml") or ctx.file == "<string>"
    yield Violation(
        ("deliberations", 0, "vote", "for"),
        args={"n": dossier.deliberations[0].vote.for_, "when": date(2023, 10, 12)},
    )


def _collect(dossier, ctx):
    return [
        (d.number, ctx.locate(("deliberations", i, "number"))) for i, d in enumerate(dossier.deliberations)
    ]


@rule("TST004", title="Duplicate numbers across the run", severity="warning", scope="run", collect=_collect)
def duplicates(collected):
    seen = {}
    for file, numbers in collected:
        for number, (line, column) in numbers:
            if number in seen:
                yield Violation(
                    file=file, line=line, column=column, message=f"{number} already used in {seen[number]}"
                )
            else:
                seen[number] = f"{file}:{line}"


PLUGIN = types.SimpleNamespace(
    __name__="test_plugin",
    ctg_rules_rules=hookimpl(lambda: [first_number, broken, templated, duplicates]),
)


def make_engine(**options) -> Engine:
    reg = Registry(builtins_only=True, extra_plugins=[PLUGIN])
    return Engine(Options(**options), reg)


def test_literal_and_templated_messages_in_both_languages() -> None:
    result = make_engine(select=("TST001", "TST003")).check_text(DOSSIER)
    assert [(f.code, f.severity, f.line, f.column, f.path) for f in result.findings] == [
        ("TST001", "warning", 3, 13, "deliberations[0].number"),
        ("TST003", "info", 4, 17, "deliberations[0].vote.for"),
    ]
    assert result.findings[1].message == "3 voix pour le 12/10/2023"
    english = make_engine(select=("TST003",), lang="en").check_text(DOSSIER)
    assert english.findings[0].message == "3 votes for on 2023-10-12"


def test_a_rule_that_raises_is_an_internal_error_finding_and_the_run_goes_on() -> None:
    result = make_engine(select=("TST",)).check_text(DOSSIER)
    codes = [f.code for f in result.findings]
    assert "TST001" in codes and "TST003" in codes
    [internal] = [f for f in result.findings if f.code == "TST002"]
    assert internal.severity == "error" and "ZeroDivisionError: boom" in internal.message
    assert "erreur interne" in internal.message


def test_select_and_ignore_by_code_and_prefix() -> None:
    reg = Registry(builtins_only=True, extra_plugins=[PLUGIN])
    assert reg.select(("TST",), ("TST002",)) == ["TST001", "TST003", "TST004"]
    assert reg.select(None, ("TST", "VOT")) == [c for c in reg.rules if not c.startswith(("TST", "VOT"))]
    assert reg.select(("tst001",)) == ["TST001"]
    assert reg.unknown_codes(("TST", "ZZZ", "ALL", "VOT0")) == ["ZZZ"]


def test_severity_override_from_options() -> None:
    result = make_engine(select=("TST001",), severity={"TST001": "error"}).check_text(DOSSIER)
    assert result.findings[0].severity == "error"


def test_run_scoped_rule_sees_every_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(DOSSIER, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "ctg_rules: 1\ndeliberations:\n  - number: B-2\n  - number: A-1\n", encoding="utf-8"
    )
    engine = make_engine(select=("TST004",))
    results = list(engine.run([tmp_path]))
    assert [r.status for r in results] == ["checked", "checked"]
    late = engine.finish()
    assert [(Path(f.file).name, f.line, f.message.split(" already")[0]) for f in late] == [
        ("a.yaml", 5, "A-1"),
        ("b.yaml", 4, "A-1"),
    ]


def test_a_plugin_that_fails_to_import_is_reported_and_the_others_run(monkeypatch) -> None:
    class BrokenEntryPoint:
        name, value = "broken-plugin", "missing_dependency:plugin"
        dist_name, version = "broken-dist", "0.1"  # as the entry-point list keeps them

        def load(self):
            raise ImportError("No module named 'missing_dependency'")

    real = plugins._entry_points
    monkeypatch.setattr(plugins, "_entry_points", lambda: [*real(), BrokenEntryPoint()])
    reg = Registry()
    [failure] = [f for f in reg.failures if f.name == "broken-plugin"]
    assert "missing_dependency" in failure.error and failure.dist == "broken-dist"
    assert "VOT001" in reg.rules  # the built-in plugins still loaded


def test_a_plugin_hook_that_raises_is_reported_and_the_others_run() -> None:
    bad = types.SimpleNamespace(__name__="bad_plugin", ctg_rules_rules=hookimpl(lambda: 1 / 0))
    reg = Registry(builtins_only=True, extra_plugins=[bad, PLUGIN])
    assert any(f.name == "bad_plugin" and "ZeroDivisionError" in f.error for f in reg.failures)
    assert "TST001" in reg.rules and "VOT001" in reg.rules


def test_colliding_codes_and_malformed_rules_are_reported() -> None:
    clash = types.SimpleNamespace(
        __name__="clash", ctg_rules_rules=hookimpl(lambda: [first_number, "not a rule"])
    )
    reg = Registry(builtins_only=True, extra_plugins=[PLUGIN, clash])
    errors = [f.error for f in reg.failures if f.name == "clash"]
    assert any("TST001 collides" in e for e in errors) and any("is not a rule" in e for e in errors)
    assert reg.rules["TST001"].spec.plugin == "test_plugin"


def test_rule_decorator_validates_its_arguments() -> None:
    with pytest.raises(ValueError, match="does not follow"):
        rule("vot1")
    with pytest.raises(ValueError, match="severity"):
        rule("ABC123", severity="fatal")
    with pytest.raises(ValueError, match="collect"):
        rule("ABC123", scope="run")


def test_non_dossier_yaml_is_skipped_and_bad_version_is_an_error(tmp_path: Path) -> None:
    engine = make_engine()
    assert engine.check_text("name: ci\non: [push]\n").status == "skipped"
    assert engine.check_text("- a\n- b\n").status == "skipped"
    bad = engine.check_text("ctg_rules: 2\n")
    assert bad.status == "error" and (bad.errors[0].line, bad.errors[0].column) == (1, 12)


def test_check_accepts_paths_text_and_dossier_objects(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(DOSSIER, encoding="utf-8")
    by_path = ctg_rules.check(path, select="VOT")
    by_text = ctg_rules.check(DOSSIER, select="VOT")
    dossier = ctg_rules.load(path)
    by_object = ctg_rules.check(dossier, select="VOT")
    assert by_path.ok and by_text.ok and by_object.ok
    [item] = by_path.to_dict()["files"]
    assert (item["path"], item["status"]) == (path.as_posix(), "checked")


def test_load_raises_located_errors(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("ctg_rules: 1\ndeliberations:\n  - numero: 3\n", encoding="utf-8")
    with pytest.raises(ctg_rules.DossierError) as caught:
        ctg_rules.load(path)
    assert caught.value.problems[0].startswith(f"{path.as_posix()}:3:5: ")


def test_importing_the_package_is_cheap() -> None:
    import subprocess
    import sys

    code = (
        "import sys, ctg_rules; print(sorted(m for m in ('pydantic', 'click', 'yaml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_local_rule_file_without_packaging(tmp_path: Path) -> None:
    local = tmp_path / "my_rules.py"
    local.write_text(
        "import ctg_rules\n\n"
        "@ctg_rules.rule('LOC001', title='Local check', severity='warning')\n"
        "def no_subject(dossier):\n"
        "    for i, d in enumerate(dossier.deliberations):\n"
        "        if not d.subject:\n"
        "            yield ctg_rules.Violation(('deliberations', i), message='pas d\\'objet')\n\n"
        "@ctg_rules.hookimpl\n"
        "def ctg_rules_rules():\n"
        "    return [no_subject]\n",
        encoding="utf-8",
    )
    broken = tmp_path / "broken_rules.py"
    broken.write_text("import nothing_here\n", encoding="utf-8")
    reg = Registry(plugin_paths=[str(local), str(broken)])
    assert "LOC001" in reg.rules
    assert [f.name for f in reg.failures if f.name.endswith(".py")] == [str(broken)]
    result = Engine(Options(select=("LOC",)), reg).check_text(DOSSIER)
    assert [(f.code, f.line) for f in result.findings] == [("LOC001", 3), ("LOC001", 5)]


def test_files_under_folders_are_found_sorted_each_once(tmp_path, monkeypatch) -> None:
    from ctg_rules.engine import iter_files

    for name in (
        "b/2.yaml",
        "b/10.yml",
        "a.yaml",
        ".hidden/x.yaml",
        "node_modules/x.yaml",
        "b/.x.yaml",
        "c/n.txt",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("ctg_rules: 1\n")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "a.yaml")  # the same file twice
    (tmp_path / "linked").symlink_to(tmp_path / "b")  # a symlinked folder is not followed
    monkeypatch.chdir(tmp_path)
    found = [p.as_posix() for p in iter_files(["b/2.yaml", ".", "a.yaml"])]
    assert found == ["b/2.yaml", "a.yaml", "b/10.yml"]
    assert [p.name for p in iter_files([tmp_path / "missing.yaml"])] == ["missing.yaml"]


def test_facts_rules_share_are_worked_out_once_per_dossier_check() -> None:
    """The council (who is present, proxies, recusals) is a memo of one rule context: shared by
    the VOT/PRX/REC rules of one check, never by another check (no module-level cache)."""
    from ctg_rules.checks.council import council
    from ctg_rules.engine import RuleContext
    from ctg_rules.model import Dossier

    dossier = Dossier.model_validate(
        {
            "ctg_rules": 1,
            "deliberations": [{"present": ["A B", "C D"], "absent": [{"name": "E F", "proxy_to": "A B"}]}],
        }
    )
    [d] = dossier.deliberations
    first = RuleContext(dossier, None, "fr", None, None)
    found = council(d, first)
    assert council(d, first) is found and found.proxies[0].holder_present == 0
    again = council(d, RuleContext(dossier, None, "fr", None, None))
    assert again is not found and again.proxies == found.proxies
    built = []
    assert (
        first.memo("k", lambda: built.append(1) or "v")
        == first.memo("k", lambda: built.append(1) or "w")
        == "v"
    )
    assert built == [1]
