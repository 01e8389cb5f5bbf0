"""Big councils checked whole, and files read without over-allocating (timings: benchmarks/budgets.py)."""

from __future__ import annotations

import os
from pathlib import Path

from ctg_rules import loader
from ctg_rules.engine import Engine

GIVEN = ("Jean", "Marie", "Anne", "Pierre", "Sophie", "Louis", "Claire", "Marc")


def _surname(i: int) -> str:
    """A distinct surname of letters only (digits are not part of a name once folded)."""
    letters = ""
    i += 26 * 27
    while i:
        i, r = divmod(i, 26)
        letters = chr(65 + r) + letters
    return letters


def _council(members: int) -> str:
    """A deliberation of ``members`` members: a tenth absent, half of those giving a proxy to a
    member whose name is written one letter short (each an approximate lookup in the roster)."""
    names = [f"{_surname(i)} {GIVEN[i % len(GIVEN)]}" for i in range(members)]
    absent_from = members - members // 10
    present, absent = names[:absent_from], names[absent_from:]
    lines = [
        "ctg_rules: 1",
        "deliberations:",
        "  - number: D24.001",
        "    session: {date: 2024-03-14, president: " + present[0] + "}",
        f"    members_in_office: {members}",
        "    present:",
        *[f"      - {n}" for n in present],
        "    absent:",
    ]
    for k, name in enumerate(absent):
        if k % 2:
            lines.append(f"      - {name}")
        else:
            lines.append(f"      - {{name: {name}, proxy_to: {present[k][:-1]}}}")
    lines += ["    recused:", f"      - {present[3][:-1]}", "    vote: {for: 3, against: 0}"]
    return "\n".join(lines) + "\n"


def test_a_thousand_member_council_is_checked_with_every_lookup() -> None:
    # its time, and how it grows with the council, are measured by benchmarks/budgets.py
    result = Engine().check_text(_council(1000))
    assert result.status == "checked"
    assert {"PRX004", "VOT004"} <= {f.code for f in result.findings}  # the lookups did work
    assert sum(f.code == "PRX004" for f in result.findings) == 50  # one per approximate holder


def test_a_file_that_grows_while_it_is_read_is_read_whole(tmp_path: Path, monkeypatch) -> None:
    # The file is read for the size fstat gives (plus one byte); when it holds more, the rest
    # is read too, up to the limit, as if its size had been the limit.
    path = tmp_path / "d.yaml"
    path.write_text("ctg_rules: 1\ndeliberations:\n  - number: A1\n", encoding="utf-8")
    real = os.fstat

    class Smaller:
        def __init__(self, info: os.stat_result) -> None:
            self._info = info
            self.st_size = 5

        def __getattr__(self, name: str) -> object:
            return getattr(self._info, name)

    monkeypatch.setattr(loader.os, "fstat", lambda fd: Smaller(real(fd)))
    assert loader.read(path).data == {"ctg_rules": 1, "deliberations": [{"number": "A1"}]}
    small = loader.Limits(max_bytes=20)
    try:
        loader.read(path, small)
    except loader.LoadError as exc:
        assert exc.message_id == "too_large"
    else:  # pragma: no cover - the assertion is the point
        raise AssertionError("a file over the limit was read")


def test_one_edit_apart_is_an_edit_distance_of_at_most_one() -> None:
    # Checked against rapidfuzz's optimal string alignment and Levenshtein distances on every
    # pair of words of up to four letters over a three-letter alphabet.
    from itertools import product

    from rapidfuzz.distance import OSA, Levenshtein

    from ctg_rules.names import one_edit_apart

    words = ["".join(w) for n in range(5) for w in product("abc", repeat=n)]
    for a in words:
        for b in words:
            assert one_edit_apart(a, b) == (OSA.distance(a, b) <= 1), (a, b)
            assert one_edit_apart(a, b, swaps=False) == (Levenshtein.distance(a, b) <= 1), (a, b)


def test_a_pack_may_still_allow_two_slips() -> None:
    from ctg_rules.names import is_spelling_slip

    assert not is_spelling_slip("canourgue", "canorgu")
    assert is_spelling_slip("canourgue", "canorgu", max_distance=2)
