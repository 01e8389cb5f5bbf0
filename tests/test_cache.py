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
