"""Every rule's failing and passing fixtures: exact code, severity and line.

tests/fixtures/rules/<CODE>/fail_*.yaml must give exactly the findings of <CODE> announced by
their `# expect:` comments; pass_*.yaml must give none of <CODE>.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ctg_rules.engine import Engine, Options, registry
from ctg_rules.model import Convention, Deliberation
from ctg_rules.testing import (
    assert_fixture,
    check_text,
    detail,
    expectations,
    expectations_detailed,
    fixture_id,
    fixture_paths,
)

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
CASES = fixture_paths(FIXTURES)


@pytest.mark.parametrize("path", CASES, ids=fixture_id)
def test_fixture(path: Path) -> None:
    assert_fixture(path, builtins_only=True)


def test_every_expectation_of_the_fixtures_pins_its_column_and_message() -> None:
    # a finding moved to another column or worded with other arguments (the wrong proxy, the
    # wrong annex) must fail its fixture, not only a finding on another line
    loose = [
        f"{path.parent.name}/{path.name}:{line}"
        for path in CASES
        for code, _, line, column, detail in expectations_detailed(path.read_text(encoding="utf-8"))
        if code == path.parent.name and (column is None or detail is None)
    ]
    assert not loose, loose


def test_expectations_read_columns_and_messages_with_commas_and_quotes() -> None:
    text = "a: 1  # expect: VOT001 error @4 present(declared=3, listed=2), PRX001 error\n" + (
        'b: 2  # expect: ANX002 warning @12 gap(missing=["4", "5"], title="a (b), \\"c\\"")\n'
    )
    assert expectations_detailed(text) == {
        ("VOT001", "error", 1, 4, "present(declared=3, listed=2)"),
        ("PRX001", "error", 1, None, None),
        ("ANX002", "warning", 2, 12, 'gap(missing=["4", "5"], title="a (b), \\"c\\"")'),
    }
    assert expectations(text) == {("VOT001", "error", 1), ("PRX001", "error", 1), ("ANX002", "warning", 2)}
    assert (
        detail("gap", {"missing": ["4", "5"], "n": 2, "at": None}) == 'gap(at=null, missing=["4", "5"], n=2)'
    )
    with pytest.raises(ValueError, match="line 1"):
        expectations_detailed("a: 1  # expect: VOT001 error @x\n")


@pytest.mark.parametrize(
    ("expectation", "passes"),
    [
        ("VOT001 error @16 present(declared=4, listed=3)", True),
        ("VOT001 error", True),  # a plugin's fixture may leave them out
        ("VOT001 error @17 present(declared=4, listed=3)", False),
        ("VOT001 error @16 present(declared=4, listed=2)", False),
        ("VOT001 error @16 represented(declared=4, listed=3)", False),
    ],
)
def test_a_wrong_column_or_message_fails_the_fixture(tmp_path: Path, expectation: str, passes: bool) -> None:
    (tmp_path / "VOT001").mkdir()
    fixture = tmp_path / "VOT001" / "fail_x.yaml"
    fixture.write_text(
        "ctg_rules: 1\ndeliberations:\n  - number: A1\n    declared:\n"
        f"      present: 4            # expect: {expectation}\n    present: [A B, C D, E F]\n",
        encoding="utf-8",
    )
    if passes:
        assert_fixture(fixture, builtins_only=True)
    else:
        with pytest.raises(AssertionError, match="expected but not found"):
            assert_fixture(fixture, builtins_only=True)


def test_every_builtin_rule_has_failing_and_passing_fixtures() -> None:
    codes = set(registry(builtins_only=True).rules)
    for code in sorted(codes):
        names = [p.stem for p in (FIXTURES / code).glob("*.yaml")]
        assert any(n.startswith("fail") for n in names), f"{code} has no failing fixture"
        assert any(n.startswith("pass") for n in names), f"{code} has no passing fixture"


# --- every built-in rule's pack entry ----------------------------------------------------------

_DELIBERATION_KEYS = set(Deliberation.model_fields) | {"for"}
_CONVENTION_KEYS = set(Convention.model_fields)


def example_dossier(snippet: str) -> str:
    """A pack example as a whole dossier: written whole, or the inside of one deliberation or of
    the convention (told apart by its keys)."""
    data = yaml.safe_load(snippet) or {}
    if "ctg_rules" in data:
        return snippet
    if {"deliberations", "convention"} & set(data):
        return "ctg_rules: 1\n" + snippet
    body = "".join(f"    {line}\n" for line in snippet.splitlines())
    if set(data) <= _DELIBERATION_KEYS:
        number = "" if "number" in data else "number: X1\n    "
        return "ctg_rules: 1\ndeliberations:\n  - " + number + body.lstrip()
    assert set(data) <= _CONVENTION_KEYS, (
        f"example keys of neither a deliberation nor a convention: {set(data)}"
    )
    return "ctg_rules: 1\nconvention:\n" + "".join(f"  {line}\n" for line in snippet.splitlines())


#: the rules of the law and of the CNAF (NQA001 is about the tool's own waivers: no legal basis,
#: and its examples need the waived rule to run)
BUILTIN_RULES = sorted(
    (r for r in registry(builtins_only=True).rules.values() if r.code != "NQA001"), key=lambda r: r.code
)


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda r: r.code)
def test_pack_entry_is_complete_and_bilingual(rule) -> None:  # type: ignore[no-untyped-def]
    pack = rule.pack
    assert pack is not None and pack.name and pack.severity and pack.reference
    for field in (pack.title, pack.what, pack.why, *pack.messages.values()):
        assert isinstance(field, dict) and field.get("fr") and field.get("en"), rule.code
    assert set(pack.examples) == {"fail", "pass"}


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda r: r.code)
def test_pack_examples_do_what_they_say(rule) -> None:  # type: ignore[no-untyped-def]
    """`ctg-rules explain` and docs/rules.md show these: the failing one fails, the passing one passes."""
    for kind, fires in (("fail", True), ("pass", False)):
        result = check_text(
            example_dossier(rule.pack.examples[kind]), builtins_only=True, select=(rule.code,)
        )
        assert not result.errors, (kind, result.errors)
        assert bool(result.findings) is fires, (kind, [f.message for f in result.findings])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_finding_of_the_fixtures_has_its_own_message(lang: str) -> None:
    """No message key without a template: no finding falls back to its rule's title or leaves a
    {placeholder} unfilled."""
    engine = Engine(Options(builtins_only=True, lang=lang))
    for path in sorted(FIXTURES.glob("*/fail_*.yaml")):
        for f in engine.check_file(path).findings:
            rule = engine.registry.rules[f.code]
            assert f.message != rule.title(lang) and "{" not in f.message, (path.name, f.code, f.message)


def test_the_installed_entry_points_are_those_of_pyproject() -> None:
    """A rule family added to pyproject.toml exists only once the package is reinstalled: say so
    plainly instead of letting its fixtures fail one by one."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    from importlib.metadata import entry_points

    declared = tomllib.loads((FIXTURES.parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = declared["project"]["entry-points"]["ctg_rules"]
    installed = {
        ep.name: ep.value for ep in entry_points(group="ctg_rules") if ep.dist and ep.dist.name == "ctg-rules"
    }
    missing = {name: value for name, value in wanted.items() if installed.get(name) != value}
    assert not missing, f"entry points not installed: {missing}; run: pip install -e '.[test]'"


def _findings_of(code: str, data: dict) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    result = check_text(text, builtins_only=True, select=(code,))
    assert not result.errors, result.errors
    return sorted((f.severity, f.message) for f in result.findings if f.code == code and not f.suppressed)


# rules whose findings name other lines (IDN004), read the YAML's comments (NQA001), or tie a
# deliberation to the convention's parties by its number (ANX004, DAT006, SIG005): stacking
# other deliberations changes what they say
_ACROSS = {"ANX004", "DAT006", "IDN004", "NQA001", "SIG005"}


def _stacked_cases() -> list[tuple[str, Path, Path]]:
    cases = []
    for fail in CASES:
        if not fail.stem.startswith("fail") or fail.parent.name in _ACROSS:
            continue
        for passing in sorted(fail.parent.glob("pass_*.yaml")):
            cases.append((fail.parent.name, fail, passing))
    return [c for c in cases if "deliberations" in yaml.safe_load(c[1].read_text(encoding="utf-8"))]


@pytest.mark.parametrize(("code", "fail", "passing"), _stacked_cases(), ids=lambda v: getattr(v, "stem", v))
def test_a_rule_looks_past_the_deliberations_it_has_nothing_to_say_about(
    code: str, fail: Path, passing: Path
) -> None:
    # A rule that stopped at the first deliberation it skips (nothing printed) or accepts (a
    # passing fixture's) would lose the failing ones after it: they come last here.
    failing = yaml.safe_load(fail.read_text(encoding="utf-8"))
    accepted = yaml.safe_load(passing.read_text(encoding="utf-8")).get("deliberations") or []
    stacked = {**failing, "deliberations": [{"number": "0-empty"}, *accepted, *failing["deliberations"]]}
    alone = _findings_of(code, failing)
    together = _findings_of(code, stacked)
    assert alone and all(together.count(f) >= alone.count(f) for f in alone), (alone, together)
