"""The on-disk cache of parsed packs: same data as parsing, and never in the way."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from ctg_rules import cache, packs

PACK = """\
rules:
  TST900:
    name: cached
    severity: warning
    title: {fr: Titre, en: Title}
    parameters:
      limit:
        value: 2
        periods:
          - {from: 2020-03-12, to: 2022-07-31, value: 3}
"""


@pytest.fixture
def where(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("CTG_RULES_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _load(path: Path) -> packs.PackRule:
    pack_set = packs.PackSet()
    packs.load_pack(path, pack_set)
    return pack_set.rules["TST900"]


def test_a_pack_read_back_from_the_cache_is_the_pack(tmp_path: Path, where: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK, encoding="utf-8")
    first = _load(path)
    assert len(list(where.iterdir())) == 1
    again = _load(path)
    assert again.raw == first.raw and again.title == {"fr": "Titre", "en": "Title"}
    assert again.parameters["limit"].periods[0].start == date(2020, 3, 12)


def test_an_edited_pack_is_parsed_again(tmp_path: Path, where: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK, encoding="utf-8")
    _load(path)
    path.write_text(PACK.replace("value: 2", "value: 5"), encoding="utf-8")  # same size
    assert _load(path).parameters["limit"].value == 5


def test_a_damaged_entry_or_no_cache_directory_only_costs_a_parse(
    tmp_path: Path, where: Path, monkeypatch
) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK, encoding="utf-8")
    _load(path)
    for entry in where.iterdir():
        entry.write_bytes(b"\x00garbage")
    assert _load(path).name == "cached"
    monkeypatch.setenv("CTG_RULES_CACHE_DIR", str(path))  # a file: no directory can be made there
    assert _load(path).name == "cached"
    monkeypatch.setenv("CTG_RULES_CACHE_DIR", "")  # caching off
    assert cache.directory() is None and _load(path).name == "cached"


def test_dates_and_times_survive_and_odd_values_are_not_cached(where: Path) -> None:
    value = {"a": [date(2024, 2, 29), datetime(2024, 1, 1, 12, 30)], "b": {"c": None, "d": 1.5}}
    cache.store("test", b"x", value)
    assert cache.load("test", b"x") == value
    cache.store("test", b"y", {date(2024, 1, 1): "a date as a key"})
    assert cache.load("test", b"y") is cache.MISSING


# --- the dossier model's core schema (schemacache.py) ----------------------------------------

SCHEMA_PROBE = """
import sys
from ctg_rules import model
from ctg_rules.validation import validate
print(type(model.Dossier.__pydantic_validator__).__name__, model.Dossier.__pydantic_complete__)
data = {"ctg_rules": 1, "deliberations": [{"number": 80, "body": {"siren": 48000123},
        "present": ["A B"], "session": {"date": "XX 2023"}}], "convention": {"parties": [{"id": 1}]}}
d = validate(data, lambda *a, **k: None, "en")
print(d.deliberations[0].number, d.deliberations[0].body.siren, d.deliberations[0].present[0].name,
      d.deliberations[0].session.date, d.convention.parties[0].id)
bad = validate({"ctg_rules": 1, "deliberations": [{"members_in_office": -1, "oops": 1}]}, lambda *a, **k: None, "en")
print(sorted(p.message for p in bad))
print(sorted(d.model_dump(exclude_none=True, exclude_defaults=True)))
print(sorted(model.json_schema()["properties"]))
"""


def _probe(cache_dir: Path) -> list[str]:
    import os
    import subprocess
    import sys

    env = {**os.environ, "CTG_RULES_CACHE_DIR": str(cache_dir)}
    done = subprocess.run(
        [sys.executable, "-c", SCHEMA_PROBE], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def test_the_dossier_validator_read_back_from_the_cache_validates_as_pydantic_builds_it(
    tmp_path: Path,
) -> None:
    """A new process builds no schema: the validator comes from the cache, and validates, reports
    and dumps as the one pydantic builds (the first process, which stores it)."""
    built = _probe(tmp_path / "cache")
    # the model's schema, and the expressions the modules compiled (ctg_rules/regex.py)
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()) == ["model", "regex"]
    cached = _probe(tmp_path / "cache")
    assert built[0] == "SchemaValidator True"  # built by pydantic (model_rebuild)
    assert cached[0] == "SchemaValidator False"  # from the cache: pydantic's generation skipped
    assert built[1:] == cached[1:]
    assert cached[1] == "80 048000123 A B XX 2023 1"


def test_a_damaged_schema_entry_falls_back_to_pydantic(tmp_path: Path) -> None:
    built = _probe(tmp_path / "cache")
    for entry in (tmp_path / "cache").iterdir():
        entry.write_bytes(b"\x00garbage")
    assert _probe(tmp_path / "cache") == built
