"""Every rule's failing and passing fixtures: exact code, severity and line.

tests/fixtures/rules/<CODE>/fail_*.yaml must give exactly the findings of <CODE> announced by
their `# expect:` comments; pass_*.yaml must give none of <CODE>.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ctg_rules.engine import registry
from ctg_rules.testing import assert_fixture, fixture_id, fixture_paths

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
CASES = fixture_paths(FIXTURES)


@pytest.mark.parametrize("path", CASES, ids=fixture_id)
def test_fixture(path: Path) -> None:
    assert_fixture(path, builtins_only=True)


def test_every_builtin_rule_has_failing_and_passing_fixtures() -> None:
    codes = set(registry(builtins_only=True).rules)
    for code in sorted(codes):
        names = [p.stem for p in (FIXTURES / code).glob("*.yaml")]
        assert any(n.startswith("fail") for n in names), f"{code} has no failing fixture"
        assert any(n.startswith("pass") for n in names), f"{code} has no passing fixture"
