"""Every rule's failing and passing fixtures: exact code, severity and line.

tests/fixtures/rules/<CODE>/fail_*.yaml must give exactly the findings of <CODE> announced by
their `# expect:` comments; pass_*.yaml must give none of <CODE>.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ctg_rules.engine import registry
from ctg_rules.testing import check_fixture

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
CASES = sorted(FIXTURES.glob("*/*.yaml"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture(path: Path) -> None:
    code = path.parent.name
    expected, actual = check_fixture(path, [code], builtins_only=True)
    if path.stem.startswith("fail"):
        assert expected, f"{path.name}: a failing fixture must announce its findings with '# expect:'"
    else:
        assert path.stem.startswith("pass"), f"{path.name}: fixture names start with fail_ or pass_"
        assert not expected, f"{path.name}: a passing fixture announces no finding"
    assert actual == expected


def test_every_builtin_rule_has_failing_and_passing_fixtures() -> None:
    codes = set(registry(builtins_only=True).rules)
    for code in sorted(codes):
        names = [p.stem for p in (FIXTURES / code).glob("*.yaml")]
        assert any(n.startswith("fail") for n in names), f"{code} has no failing fixture"
        assert any(n.startswith("pass") for n in names), f"{code} has no passing fixture"
