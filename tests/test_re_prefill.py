"""The expressions other modules compile through re, kept by the program (ctg_rules/regex.py
prefill/record): re then returns the very patterns it would compile, and nothing is kept twice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ctg_rules import regex

THEIRS = r"(?P<num>\d+)/(?P<den>\d+)\s*(?:euros?|€)"  # compiled through re, as a library would


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("CTG_RULES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(regex, "_table", None)
    monkeypatch.setattr(regex, "_new", {})
    re.purge()
    yield tmp_path / "cache"
    re.purge()


def test_an_expression_compiled_through_re_is_prefilled_in_the_next_process(fresh: Path) -> None:
    ours = regex.compile(r"\bvu\b", re.I)  # the regex table's: not kept twice
    expected = re.compile(THEIRS, re.I)
    regex.record()
    assert [p.name.split("-")[0] for p in fresh.iterdir()] == ["re"]

    re.purge()  # the next process
    re.compile("x")  # re's cache holds something, as at any start
    regex.prefill()
    assert (str, THEIRS, int(re.I)) in re._cache  # type: ignore[attr-defined]
    assert (str, ours.pattern, int(re.I)) not in re._cache  # type: ignore[attr-defined]
    again = re.compile(THEIRS, re.I)
    assert again is re._cache[(str, THEIRS, int(re.I))]  # type: ignore[attr-defined]
    assert again == expected and again.groupindex == {"num": 1, "den": 2}
    assert again.search("soit 3/4 EUROS").group("num", "den") == ("3", "4")


def test_a_damaged_entry_or_no_cache_leaves_re_alone(fresh: Path, monkeypatch) -> None:
    re.compile(THEIRS)
    regex.record()
    entry = next(fresh.iterdir())
    entry.write_bytes(b"\x00garbage")
    re.purge()
    re.compile("x")
    regex.prefill()
    assert (str, THEIRS, 0) not in re._cache  # type: ignore[attr-defined]
    monkeypatch.setenv("CTG_RULES_CACHE_DIR", "")
    regex.record()
    regex.prefill()
    assert re.compile(THEIRS) == re.compile(THEIRS)
