"""The compiled expressions kept on disk (ctg_rules/regex.py): the same patterns as re.compile's,
and never in the way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ctg_rules import regex

PATTERN = r"(?P<label>pr[ée]sents?|votants?)\s*:\s*(?P<n>\d+)|^\s*(absents?)\b"


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch) -> Path:
    """An empty cache folder and a process that has read nothing from it yet."""
    monkeypatch.setenv("CTG_RULES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(regex, "_table", None)
    monkeypatch.setattr(regex, "_new", {})
    monkeypatch.setattr(regex, "_used", set())
    return tmp_path / "cache"


def _next_process(monkeypatch) -> None:
    monkeypatch.setattr(regex, "_table", None)
    monkeypatch.setattr(regex, "_new", {})


def test_a_pattern_built_from_the_cache_is_the_one_re_compiles(fresh: Path, monkeypatch) -> None:
    first = regex.compile(PATTERN, re.I | re.M)
    assert first == re.compile(PATTERN, re.I | re.M)
    assert regex._new  # kept for the next process
    regex.save()
    assert [p.name.split("-")[0] for p in fresh.iterdir()] == ["regex"]

    _next_process(monkeypatch)
    again = regex.compile(PATTERN, re.I | re.M)
    assert (PATTERN, int(re.I | re.M)) in (regex._table or {})  # read back, not compiled
    # the opcodes are kept packed (bytes), made a list only when the expression is used
    import _sre

    if _sre.CODESIZE == 4:
        assert type(regex._table[(PATTERN, int(re.I | re.M))][1]) is bytes
    assert not regex._new
    assert again == re.compile(PATTERN, re.I | re.M)
    assert again.groupindex == {"label": 1, "n": 2} and again.groups == 3
    found = again.search("Conseillers\nPRÉSENTS : 23")
    assert found is not None and found.group("label", "n") == ("PRÉSENTS", "23")
    assert again.search("  Absent excusé").group(3) == "Absent"


def test_a_damaged_entry_or_no_cache_only_costs_a_compile(fresh: Path, monkeypatch) -> None:
    regex.compile(PATTERN)
    regex.save()
    _next_process(monkeypatch)
    regex._load()[(PATTERN, 0)] = (0, [999, 1, 2], 2, {}, (None, None, None))  # no valid opcodes
    assert regex.compile(PATTERN) == re.compile(PATTERN)

    monkeypatch.setenv("CTG_RULES_CACHE_DIR", "")  # caching off
    _next_process(monkeypatch)
    assert regex.compile(r"\bvu\b", re.M) == re.compile(r"\bvu\b", re.M)
    regex.save()  # nowhere to write: no error


def test_the_expressions_of_a_process_are_written_at_its_exit(tmp_path: Path) -> None:
    """New entries are saved by an exit handler; a second process reads them back."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "CTG_RULES_CACHE_DIR": str(tmp_path / "cache")}
    probe = (
        "import re, sys; from ctg_rules import regex; regex.compile(sys.argv[1]); "
        "print(len(regex._new), len(regex._table))"
    )
    runs = [
        subprocess.run([sys.executable, "-c", probe, PATTERN], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    assert [r.stdout.split() for r in runs] == [["1", "0"], ["0", "1"]], [r.stderr for r in runs]
