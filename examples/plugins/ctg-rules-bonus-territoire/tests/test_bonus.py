"""The plugin's rules on their fixtures, with the fixture helpers of ctg_rules.testing."""

from __future__ import annotations

from pathlib import Path

import ctg_rules_bonus_territoire as plugin
import pytest

from ctg_rules.engine import Registry
from ctg_rules.testing import assert_fixture, check_text, fixture_id, fixture_paths

FIXTURES = Path(__file__).parent / "fixtures"
# The plugin is passed by hand so that the tests also run before it is installed, and see
# only the built-in rules and this plugin, whatever else is installed.
OPTIONS = {"builtins_only": True, "extra_plugins": (plugin,)}


@pytest.mark.parametrize("path", fixture_paths(FIXTURES), ids=fixture_id)
def test_fixture(path: Path) -> None:
    assert_fixture(path, **OPTIONS)


def test_every_rule_has_failing_and_passing_fixtures() -> None:
    registry = Registry(**OPTIONS)
    assert not registry.failures
    codes = sorted(c for c, r in registry.rules.items() if r.spec.plugin == plugin.__name__)
    assert codes == ["BTC001", "BTC002", "BTC003"]
    for code in codes:
        names = [p.stem for p in (FIXTURES / code).glob("*.yaml")]
        assert any(n.startswith("fail") for n in names) and any(n.startswith("pass") for n in names)


def test_messages_name_the_article_in_both_languages() -> None:
    text = (FIXTURES / "BTC001" / "fail_no_equipment_list.yaml").read_text(encoding="utf-8")
    [fr] = check_text(text, select=("BTC001",), **OPTIONS).findings
    [en] = check_text(text, select=("BTC001",), lang="en", **OPTIONS).findings
    assert fr.message.startswith("l'article 12 engage la CAF au « bonus territoire CTG »")
    assert en.message.startswith("article 12 commits the CAF to the « bonus territoire CTG »")
    assert fr.reference == "Circulaire CNAF n° 2020-01 ; caf.fr, « les bonus territoire »"
