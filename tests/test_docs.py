"""The documentation says what the tool does: generated pages up to date, README's seed findings real."""

from __future__ import annotations

import re

import pytest

from ctg_rules.commands.rules import catalogue_markdown
from ctg_rules.engine import registry
from ctg_rules.testing import check_file
from tests.conftest import ROOT, SEED


@pytest.mark.parametrize(("page", "lang"), [("rules.md", "fr"), ("rules.en.md", "en")])
def test_rule_catalogue_pages_are_up_to_date(page: str, lang: str) -> None:
    rules = list(registry(builtins_only=True).rules.values())
    written = (ROOT / "docs" / page).read_text(encoding="utf-8")
    flag = "" if lang == "fr" else " --lang en"
    assert written == catalogue_markdown(rules, lang), (
        f"run: ctg-rules rules --format markdown{flag} --no-plugins > docs/{page}"
    )


def test_readme_lists_exactly_what_the_seed_gives() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What ctg-rules finds in the seed dossier", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^seed-ctg-aubrac-2023\.yaml:(\d+):(\d+) ([A-Z]+\d{3}) \[(\w+)\]", section, re.M)
    words = {"erreur": "error", "avertissement": "warning", "info": "info"}
    result = check_file(SEED, builtins_only=True)
    actual = [(str(f.line), str(f.column), f.code, f.severity) for f in result.findings]
    assert [(line, col, code, words[sev]) for line, col, code, sev in listed] == actual
