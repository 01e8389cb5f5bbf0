"""The plugin host: entry points of real (fake-installed) distributions, local files, API versions.

Distributions are "installed" by writing a ``*.dist-info`` directory and a module under a
temporary directory put on sys.path: importlib.metadata then finds their entry points exactly
as it finds those of a pip-installed package.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from textwrap import dedent

import pluggy
import pytest
from click.testing import CliRunner

from ctg_rules import hookimpl, hookspecs, plugins, rule
from ctg_rules.api import RuleSpec
from ctg_rules.cli import cli
from ctg_rules.engine import _REGISTRIES, Engine, Options, Registry

RULE_MODULE = """
import ctg_rules

@ctg_rules.rule("{code}", title="{title}", severity="warning")
def a_rule(dossier):
    for i, d in enumerate(dossier.deliberations):
        yield ctg_rules.Violation(("deliberations", i, "number"), message="{title}")

@ctg_rules.hookimpl
def ctg_rules_rules():
    return [a_rule]
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Install fake distributions: ``site(dist, version, {ep_name: module_source})``."""
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    added: list[str] = []

    def install(dist: str, version: str, modules: dict[str, str]) -> None:
        info = root / f"{dist.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
        lines = ["[ctg_rules]"]
        for ep_name, source in modules.items():
            module = f"{dist.replace('-', '_')}_{ep_name.replace('-', '_')}"
            (root / f"{module}.py").write_text(dedent(source), encoding="utf-8")
            lines.append(f"{ep_name} = {module}")
            added.append(module)
        (info / "entry_points.txt").write_text("\n".join(lines) + "\n")

    yield install
    for module in added:
        sys.modules.pop(module, None)


def _failures(reg: Registry, name: str) -> list[str]:
    return [f.error for f in reg.failures if f.name == name]


def test_an_installed_plugin_is_named_by_its_entry_point_with_its_distribution(site) -> None:
    site("ctg-rules-caf", "1.2.0", {"caf": RULE_MODULE.format(code="CAF001", title="rule of the CAF")})
    reg = Registry()
    info = reg.host.plugins["caf"]
    assert (info.kind, info.dist, info.version, info.rules) == (
        "package",
        "ctg-rules-caf",
        "1.2.0",
        ["CAF001"],
    )
    assert info.source == "ctg_rules_caf_caf" and info.hooks == ["ctg_rules_rules"]
    assert reg.rules["CAF001"].spec.plugin == "caf" and not reg.failures
    assert "CAF001" not in Registry(builtins_only=True).rules
    assert "CAF001" not in Registry(disabled_plugins=["caf"]).rules


def test_rule_code_collisions_are_reported_at_load_time_through_entry_points(site) -> None:
    site("ctg-rules-one", "1.0", {"one": RULE_MODULE.format(code="VOT001", title="takes a built-in code")})
    site("ctg-rules-two", "1.0", {"two": RULE_MODULE.format(code="ABC001", title="first")})
    site("ctg-rules-zzz", "1.0", {"zzz": RULE_MODULE.format(code="ABC001", title="second")})
    reg = Registry()
    assert _failures(reg, "one") == ["rule code VOT001 collides with the one of plugin 'votes'"]
    assert _failures(reg, "zzz") == ["rule code ABC001 collides with the one of plugin 'two'"]
    # built-ins come first and third parties in name order: the first comer keeps the code
    assert reg.rules["VOT001"].spec.plugin == "votes" and reg.rules["ABC001"].spec.plugin == "two"
    assert reg.host.plugins["one"].rules == [] and reg.host.plugins["two"].rules == ["ABC001"]


def test_malformed_codes_are_refused_whichever_way_they_come(site) -> None:
    # through the decorator: the plugin fails at import, with the reason
    site("ctg-rules-bad", "1.0", {"bad": RULE_MODULE.format(code="vot1", title="x")})
    # through a hand-made RuleSpec: refused when collected
    site(
        "ctg-rules-spec",
        "1.0",
        {
            "spec": """
            import ctg_rules
            from ctg_rules.api import RuleSpec

            @ctg_rules.hookimpl
            def ctg_rules_rules():
                return [RuleSpec("TOOLONG001", lambda dossier: ()), RuleSpec("OK001", lambda dossier: ())]
            """
        },
    )
    reg = Registry()
    [bad] = _failures(reg, "bad")
    assert bad == "ValueError: rule code 'vot1' does not follow [A-Z]{2,5}[0-9]{3}"
    assert "bad" not in reg.host.plugins
    assert _failures(reg, "spec") == ["rule code 'TOOLONG001' is not [A-Z]{2,5}[0-9]{3}"]
    assert "OK001" in reg.rules


def test_two_distributions_claiming_one_plugin_name(site) -> None:
    site("ctg-rules-a", "1.0", {"same": RULE_MODULE.format(code="AAA001", title="a")})
    site("ctg-rules-b", "1.0", {"same": RULE_MODULE.format(code="BBB001", title="b")})
    reg = Registry()
    assert len(_failures(reg, "same")) == 1 and "already named 'same'" in _failures(reg, "same")[0]
    assert ("AAA001" in reg.rules) != ("BBB001" in reg.rules)


# --- plugin API versions --------------------------------------------------------------------


def test_every_hook_says_since_which_api_version_it_exists() -> None:
    specs = [n for n in dir(hookspecs) if n.startswith("ctg_rules_")]
    assert specs
    for name in specs:
        doc = getattr(hookspecs, name).__doc__ or ""
        since = [int(v) for v in __import__("re").findall(r"since API (\d+)", doc)]
        assert since and 1 <= since[0] <= hookspecs.HOOK_API_VERSION, name
        assert name in hookspecs.HOOK_HISTORY[since[0]], name


API1_PLUGIN = """
import ctg_rules

@ctg_rules.rule("OLD001", title="written for plugin API 1", severity="info")
def old(dossier):
    yield ctg_rules.Violation(("ctg_rules",), message="old plugin ran")

@ctg_rules.hookimpl
def ctg_rules_rules():
    return [old]
"""


def test_a_plugin_written_for_api_1_keeps_working_when_hooks_gain_arguments(monkeypatch) -> None:
    # Simulate a later API in which ctg_rules_rules receives the configuration: an API-1
    # implementation, which names no argument, is still called (with nothing).
    later = types.SimpleNamespace(**{k: v for k, v in vars(hookspecs).items() if not k.startswith("__")})
    later.ctg_rules_rules = hookspecs.hookspec(lambda config: None)
    monkeypatch.setattr(plugins, "hookspecs", later)
    module = types.ModuleType("old_plugin")
    exec(API1_PLUGIN, module.__dict__)
    newer = types.SimpleNamespace(
        __name__="newer",
        ctg_rules_rules=hookimpl(lambda config: [rule("NEW001", severity="info")(lambda dossier: ())]),
    )
    host = plugins.load(builtins_only=True, extra=[module, newer])
    got = dict(host.call_each("ctg_rules_rules", config={"lang": "fr"}))
    assert [r.ctg_rule.code for r in got["old_plugin"]] == ["OLD001"]
    assert [r.ctg_rule.code for r in got["newer"]] == ["NEW001"]
    assert not host.failures


def test_a_plugin_written_for_a_newer_api_degrades_gracefully() -> None:
    # It implements a hook this version does not know (pluggy would keep it and never call it),
    # and a known hook asking for an argument this version does not give (pluggy would refuse
    # the whole plugin): the first is a warning, the second a failure, and its rules still run.
    newer = types.SimpleNamespace(
        __name__="from_the_future",
        ctg_rules_fixes=hookimpl(lambda: []),
        ctg_rules_reporters=hookimpl(lambda registry: {"fancy": "x:Y"}),
        ctg_rules_rules=hookimpl(lambda: [rule("FUT001", severity="info")(lambda dossier: ())]),
    )
    reg = Registry(builtins_only=True, extra_plugins=[newer])
    info = reg.host.plugins["from_the_future"]
    assert info.warnings == [
        f"hook ctg_rules_fixes is unknown to ctg-rules plugin API {hookspecs.HOOK_API_VERSION}"
        " (written for a newer ctg-rules?): not used"
    ]
    assert _failures(reg, "from_the_future") == [
        f"hook ctg_rules_reporters asks for registry, which plugin API {hookspecs.HOOK_API_VERSION}"
        " does not provide (written for a newer ctg-rules?): not used"
    ]
    assert info.hooks == ["ctg_rules_rules"] and "FUT001" in reg.rules
    assert "fancy" not in plugins.collect_reporters(reg.host)
    # nothing unverified was left in the manager: pluggy's own check passes
    reg.host.pm.check_pending()


def test_a_failed_registration_leaves_nothing_behind(monkeypatch) -> None:
    def refuse(self, plugin, name=None):  # an older pluggy registers part of a plugin, then raises
        pluggy.PluginManager.register(self, plugin, name)
        raise pluggy.PluginValidationError(plugin, "refused")

    monkeypatch.setattr(plugins._Manager, "register", refuse)
    bad = types.SimpleNamespace(
        __name__="half", ctg_rules_rules=hookimpl(lambda: [RuleSpec("HLF001", print)])
    )
    host = plugins.load(builtins_only=True, extra=[bad])
    assert host.pm.get_plugin("half") is None and "half" not in host.plugins
    assert "HLF001" not in plugins.collect_rules(host)


# --- local files -------------------------------------------------------------------------------

LOCAL = """
import ctg_rules
__version__ = "2024.1"

@ctg_rules.rule("{code}", title="local", severity="warning")
def local(dossier):
    for i, d in enumerate(dossier.deliberations):
        yield ctg_rules.Violation(("deliberations", i, "number"), message="local rule")

@ctg_rules.hookimpl
def ctg_rules_rules():
    return [local]
"""


def test_local_files_naming_disabling_and_packs(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "checks.py", tmp_path / "b" / "checks.py"
    first.write_text(LOCAL.format(code="LOC001"), encoding="utf-8")
    second.write_text(LOCAL.format(code="LOC002"), encoding="utf-8")
    pack = tmp_path / "rules.yaml"
    pack.write_text("rules:\n  LOC003:\n    check: {path: 'deliberations[*].subject', required: true}\n")
    paths = [str(first), str(second), str(pack), str(tmp_path / "missing.py"), str(tmp_path / "gone.yaml")]
    reg = Registry(plugin_paths=paths)
    # two files with one stem are two plugins, named by their paths
    assert reg.host.plugins[str(first)].rules == ["LOC001"] and reg.host.plugins[str(second)].rules == [
        "LOC002"
    ]
    assert reg.host.plugins[str(first)].version == "2024.1" and reg.host.plugins[str(first)].kind == "local"
    # a local .yaml is a rule pack: its declarative rules are the plugin's
    assert reg.host.plugins[str(pack)].rules == ["LOC003"] and reg.rules["LOC003"].spec.plugin == str(pack)
    assert [f.name for f in reg.failures] == [str(tmp_path / "missing.py"), str(tmp_path / "gone.yaml")]
    assert "No such file" in reg.failures[0].error and "no such rule pack" in reg.failures[1].error
    # disabled by path, file name or stem; the built-ins only mode leaves every local file out
    assert "LOC001" not in Registry(plugin_paths=paths[:2], disabled_plugins=[str(first)]).rules
    assert not {"LOC001", "LOC002"} & set(Registry(plugin_paths=paths[:2], disabled_plugins=["checks"]).rules)
    assert "LOC003" not in Registry(plugin_paths=[str(pack)], disabled_plugins=["rules.yaml"]).rules
    only = Registry(builtins_only=True, plugin_paths=paths)
    assert not only.failures and not [c for c in only.rules if c.startswith("LOC")]
    result = Engine(Options(select=("LOC",)), reg).check_text(
        "ctg_rules: 1\ndeliberations:\n  - number: '1'\n"
    )
    assert sorted((f.code, f.line) for f in result.findings) == [("LOC001", 3), ("LOC002", 3), ("LOC003", 3)]


def test_unknown_disabled_names_are_recorded() -> None:
    host = plugins.load(builtins_only=True, disabled=["votes", "vots"])
    assert host.unknown_disabled == ["vots"] and "votes" not in host.plugins


def test_a_broken_pack_is_a_failure_of_the_plugin_that_ships_it(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("rules: [not, a, mapping\n")
    shipper = types.SimpleNamespace(__name__="shipper", ctg_rules_packs=hookimpl(lambda: [str(broken)]))
    reg = Registry(builtins_only=True, extra_plugins=[shipper])
    [error] = _failures(reg, "shipper")
    assert error.startswith(str(broken)) and "VOT001" in reg.rules


# --- the command ---------------------------------------------------------------------------------


@pytest.fixture
def fresh_registries():
    saved = dict(_REGISTRIES)
    _REGISTRIES.clear()
    yield
    _REGISTRIES.clear()
    _REGISTRIES.update(saved)


def test_plugins_command_lists_plugins_rules_and_failures(site, fresh_registries) -> None:
    site("ctg-rules-caf", "1.2.0", {"caf": RULE_MODULE.format(code="CAF001", title="caf")})
    site("ctg-rules-broken", "0.1", {"broken": "import missing_dependency_xyz\n"})
    runner = CliRunner()
    result = runner.invoke(cli, ["plugins"])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0].startswith("ctg-rules ") and lines[0].endswith(f"plugin API {hookspecs.HOOK_API_VERSION}")
    [caf] = [line for line in lines if line.startswith("caf ")]
    assert caf.split() == ["caf", "package", "ctg-rules-caf", "1.2.0", "CAF001"]
    assert any(line.startswith("votes ") and "VOT001" in line for line in lines)
    assert lines[-2:] == [
        "Not loaded / non chargés:",
        "broken (ctg-rules-broken): ModuleNotFoundError: No module named 'missing_dependency_xyz'",
    ]
    doc = json.loads(runner.invoke(cli, ["plugins", "--format", "json"]).output)
    assert list(doc) == ["version", "api_version", "plugins", "failures", "unknown_disabled"]
    assert [f["name"] for f in doc["failures"]] == ["broken"]
    [entry] = [p for p in doc["plugins"] if p["name"] == "caf"]
    assert entry == {
        "name": "caf", "kind": "package", "dist": "ctg-rules-caf", "version": "1.2.0",
        "source": "ctg_rules_caf_caf", "hooks": ["ctg_rules_rules"], "rules": ["CAF001"], "warnings": [],
    }  # fmt: skip
    # --disable-plugin: the broken one left out, exit 0; a misspelt name is reported
    quiet = runner.invoke(cli, ["plugins", "--disable-plugin", "broken", "--disable-plugin", "cfa"])
    assert quiet.exit_code == 0 and "broken" not in quiet.stdout
    assert "--disable-plugin cfa : aucune extension ne porte ce nom" in quiet.stderr
    builtins = json.loads(runner.invoke(cli, ["plugins", "--no-plugins", "--format", "json"]).output)
    assert {p["kind"] for p in builtins["plugins"]} == {"builtin"} and builtins["failures"] == []
    # the other commands take the same options
    assert "CAF001" not in runner.invoke(cli, ["rules", "--disable-plugin", "caf"]).output
    assert runner.invoke(cli, ["explain", "CAF001", "--no-plugins"]).exit_code == 2
    assert runner.invoke(cli, ["explain", "CAF001"]).exit_code == 0


def test_configuration_plugins_end_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    (project / "rules").mkdir(parents=True)
    (project / "dossiers").mkdir()
    (project / "rules" / "mine.py").write_text(LOCAL.format(code="LOC001"), encoding="utf-8")
    (project / "rules" / "broken.py").write_text("import missing_dependency_xyz\n", encoding="utf-8")
    (project / "rules" / "subjects.yaml").write_text(
        "rules:\n  LOC002:\n    severity: error\n"
        "    check: {path: 'deliberations[*].subject', required: true}\n",
        encoding="utf-8",
    )
    (project / ".ctg-rules.yaml").write_text(
        "plugins: [rules/mine.py, rules/subjects.yaml, rules/broken.py]\n", encoding="utf-8"
    )
    dossier = project / "dossiers" / "a.yaml"
    dossier.write_text("ctg_rules: 1\ndeliberations:\n  - number: '1'\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # run from outside the project: paths stay relative to the configuration
    runner = CliRunner()

    result = runner.invoke(cli, ["check", "--format", "json", str(dossier)])
    doc = json.loads(result.stdout)
    assert result.exit_code == 2  # a local file failed: reported, the others ran
    assert sorted((f["code"], f["severity"], f["line"]) for f in doc["findings"]) == [
        ("LOC001", "warning", 3),
        ("LOC002", "error", 3),
    ]
    broken = str((project / "rules" / "broken.py").resolve())
    assert [(e["name"], e["error"]) for e in doc["plugin_errors"]] == [
        (broken, "ModuleNotFoundError: No module named 'missing_dependency_xyz'")
    ]
    assert f"ctg-rules : extension {broken} inutilisée" in result.stderr

    # disabled by stem: the run is clean of plugin errors; findings decide the exit status
    quiet = runner.invoke(cli, ["check", "--disable-plugin", "broken", "--format", "json", str(dossier)])
    assert quiet.exit_code == 1 and json.loads(quiet.stdout)["plugin_errors"] == []

    # `plugins` and `rules` see the configuration found from the path (or the current directory)
    listed = json.loads(runner.invoke(cli, ["plugins", "--format", "json", str(project)]).stdout)
    local = {p["name"]: (p["kind"], p["rules"]) for p in listed["plugins"] if p["kind"] == "local"}
    assert local == {
        str((project / "rules" / "mine.py").resolve()): ("local", ["LOC001"]),
        str((project / "rules" / "subjects.yaml").resolve()): ("local", ["LOC002"]),
    }
    assert [f["name"] for f in listed["failures"]] == [broken]
    monkeypatch.chdir(project / "dossiers")
    codes = [r["code"] for r in json.loads(runner.invoke(cli, ["rules", "--format", "json"]).stdout)]
    assert "LOC001" in codes and "LOC002" in codes
    assert runner.invoke(cli, ["explain", "LOC002"]).exit_code == 0
    # --no-plugins: built-ins only, the configuration's local files too
    assert runner.invoke(cli, ["check", "--no-plugins", str(dossier)]).exit_code == 0


def test_the_guide_examples_work(tmp_path: Path) -> None:
    """docs/plugins.md: the rule in 15 lines and the declarative pack do what the guide shows."""
    import re

    from ctg_rules.testing import expectations, triples
    from tests.conftest import ROOT

    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    blocks = dict(re.findall(r"<!-- file: (\S+) -->\n```\w+\n(.*?)```", guide, flags=re.S))
    assert set(blocks) == {"my_rules.py", "seance.yaml", "declarative.yaml", "declarative-dossier.yaml"}
    assert len([line for line in blocks["my_rules.py"].splitlines() if line.strip()]) <= 15
    for name, text in blocks.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    reg = Registry(
        builtins_only=False, plugin_paths=[str(tmp_path / "my_rules.py"), str(tmp_path / "declarative.yaml")]
    )
    assert not [f for f in reg.failures if str(tmp_path) in f.name]
    for dossier, codes in (("seance.yaml", ("LOZ001",)), ("declarative-dossier.yaml", ("LOZ01",))):
        result = Engine(Options(select=codes), reg).check_file(tmp_path / dossier)
        assert triples(result.findings) == expectations(blocks[dossier]) != set(), dossier
    [finding] = Engine(Options(select=("LOZ001",)), reg).check_file(tmp_path / "seance.yaml").findings
    shown = f"seance.yaml:{finding.line}:{finding.column} {finding.code} [erreur] {finding.message}"
    assert shown in guide


def test_installing_or_removing_a_plugin_is_seen_at_the_next_start(site, tmp_path: Path) -> None:
    # The entry points are cached between runs: the cache must notice what pip changes.
    assert "caf" not in Registry().host.plugins
    site("ctg-rules-caf", "1.2.0", {"caf": RULE_MODULE.format(code="CAF001", title="rule of the CAF")})
    assert Registry().host.plugins["caf"].version == "1.2.0"
    info = next((tmp_path / "site").glob("*.dist-info"))
    (info / "entry_points.txt").write_text("[ctg_rules]\ncaf2 = ctg_rules_caf_caf\n")  # re-installed
    assert "caf2" in Registry().host.plugins and "caf" not in Registry().host.plugins
    for file in info.iterdir():
        file.unlink()
    info.rmdir()  # uninstalled
    assert "caf2" not in Registry().host.plugins


def test_the_entry_points_kept_change_with_the_distributions_not_with_other_files(
    site, tmp_path: Path
) -> None:
    # the key of the entry points kept in the cache: a file made in a folder of the import path
    # (the current folder of `python -c`, a temporary one) must not make every start read them again
    before = plugins._installation()
    (tmp_path / "site" / "notes.txt").write_text("not a distribution\n")
    assert plugins._installation() == before
    site("ctg-rules-caf", "1.2.0", {"caf": RULE_MODULE.format(code="CAF001", title="rule of the CAF")})
    assert plugins._installation() != before
    assert {ep.name for ep in plugins._entry_points()} >= {"caf", "votes"}
