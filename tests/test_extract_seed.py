"""The seed document as text gives the hand-written dossier, and the same findings.

The seed (../shared/seeds/000_71465d78580dc015.txt) is the real reference case; the hand-written
examples/seed-ctg-aubrac-2023.yaml was transcribed from it. Two checks, both independent of
which rules exist at test time:

* field by field: every value of the hand-written dossier is compared with the extracted one
  (names by the shared name resolver, roles loosely, party ids through the parties' order);
* findings: ``check`` on the text and on the YAML report the same (code, severity, path), for
  every built-in rule present; a finding that differs must sit on a field listed below.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from ctg_rules import Engine, Options, load
from ctg_rules.extract import extract_path
from ctg_rules.names import compare_names, fold, roles_match
from tests.conftest import SEED, SHARED

SEED_TEXT = SHARED / "seeds" / "000_71465d78580dc015.txt"
pytestmark = pytest.mark.skipif(not SEED_TEXT.exists(), reason="shared seed not available")

#: Where the extracted dossier differs from the hand-written one, and why that is right.
EXPECTED_DIFFERENCES = {
    # The act prints "Madame Colette RODIER et Monsieur Jérôme JACQUES en tant qu'agents de la
    # CCSS": one plural reason for both. The transcription singularised it; the extractor keeps
    # the printed words (a reason is free text no rule compares).
    "deliberations[0].recused[1].reason": "printed plural 'agents de la CCSS'",
    "deliberations[0].recused[2].reason": "printed plural 'agents de la CCSS'",
}

_PERSON_KEYS = {"name", "proxy_to", "substitute_for", "president", "secretary"}
_ROLE_KEYS = {"role"}
_PARTY_REF_KEYS = {"party"}
_LOOSE_TEXT_KEYS = {"place", "label", "reason", "short_name"}
_STOP = {"de", "du", "des", "la", "le", "les", "l", "d"}


def _loose(text: str) -> list[str]:
    return [t for t in fold(text).split() if t not in _STOP]


def _path(parts: tuple[Any, ...]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _compare(hand: Any, got: Any, path: tuple[Any, ...], ids: dict[str, str], diffs: dict[str, str]) -> None:
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    where = _path(path)
    if isinstance(hand, dict):
        if not isinstance(got, dict):
            diffs[where] = f"expected a mapping, got {got!r}"
            return
        for k, v in hand.items():
            if k == "id" and "parties" in path:
                continue  # ids are the extractor's own; references are compared through them
            _compare(v, got.get(k), (*path, k), ids, diffs)
        return
    if isinstance(hand, list):
        if not isinstance(got, list) or len(got) != len(hand):
            diffs[where] = f"{len(hand)} items expected, got {len(got) if isinstance(got, list) else got!r}"
            return
        for i, (h, g) in enumerate(zip(hand, got, strict=False)):
            _compare(h, g, (*path, i), ids, diffs)
        return
    if isinstance(got, dict) and "name" in got and isinstance(hand, str):
        got = got["name"]  # a bare name and {name: ...} are the same entry
    if isinstance(hand, str) and isinstance(got, dict):
        diffs[where] = f"{hand!r} expected, got {got!r}"
        return
    if (
        key in _PERSON_KEYS
        or (key == "" and isinstance(path[-1], int))
        or (isinstance(path[-1], int) and path[-2] in ("present", "absent", "recused"))
    ):
        ok = got is not None and compare_names(str(got), str(hand)) == "exact"
    elif key in _ROLE_KEYS:
        ok = got is not None and roles_match(str(hand), str(got)) and bool(got)
    elif key in _PARTY_REF_KEYS or path[-2:-1] == ("steering_committee",) or key == "steering_committee":
        ok = ids.get(str(hand)) == got
    elif key in _LOOSE_TEXT_KEYS:
        ok = got is not None and _loose(str(hand)) == _loose(str(got))
    elif key == "text":
        ok = got is not None and " ".join(str(hand).split()) == " ".join(str(got).split())
    else:
        ok = (str(hand) == str(got)) if isinstance(got, str) or isinstance(hand, str) else hand == got
    if not ok:
        diffs[where] = f"{hand!r} expected, got {got!r}"


@pytest.fixture(scope="module")
def extraction():  # type: ignore[no-untyped-def]
    return extract_path(SEED_TEXT)


def _hand() -> dict[str, Any]:
    return load(SEED).model_dump(by_alias=True, exclude_none=True, exclude_defaults=True)


def _extracted(extraction) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from ctg_rules.validation import validate

    checked = validate(extraction.data)
    assert not isinstance(checked, list), checked
    return checked.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True)


def test_extracted_seed_equals_the_hand_written_dossier_field_by_field(extraction) -> None:  # type: ignore[no-untyped-def]
    hand, got = _hand(), _extracted(extraction)
    # party ids are names the extractor makes up: map the hand-written ones through the parties' order
    hand_parties = hand["convention"]["parties"]
    got_parties = got["convention"]["parties"]
    assert len(got_parties) == len(hand_parties) == 9
    ids = {h["id"]: g["id"] for h, g in zip(hand_parties, got_parties, strict=False)}
    diffs: dict[str, str] = {}
    _compare(hand, got, (), ids, diffs)
    assert {k: v for k, v in diffs.items() if k not in EXPECTED_DIFFERENCES} == {}
    assert set(diffs) == set(EXPECTED_DIFFERENCES)


def test_extracted_seed_has_nothing_the_hand_written_one_lacks(extraction) -> None:  # type: ignore[no-untyped-def]
    """Never guessed: the extraction holds no value the transcription lacks."""
    hand, got = _hand(), _extracted(extraction)

    def leaves(node: Any, path: tuple[Any, ...] = ()) -> set[tuple[Any, ...]]:
        if isinstance(node, dict):
            return {p for k, v in node.items() for p in leaves(v, (*path, k))}
        if isinstance(node, list):
            return {p for i, v in enumerate(node) for p in leaves(v, (*path, i))}
        return {path}

    def shape(paths: set[tuple[Any, ...]]) -> set[tuple[Any, ...]]:
        # a bare name and {name: ...} are one entry
        return {p[:-1] if p[-1] == "name" else p for p in paths}

    extra = shape(leaves(got)) - shape(leaves(hand))
    assert {_path(p) for p in extra} == set()


def test_every_extracted_value_points_into_the_seed(extraction) -> None:  # type: ignore[no-untyped-def]
    lines = SEED_TEXT.read_text(encoding="utf-8").splitlines()
    checks = {
        ("deliberations", 0, "number"): "D23.080",
        ("deliberations", 0, "members_in_office"): "En exercice : 34",
        ("deliberations", 0, "declared", "present"): "Présents : 24",
        ("deliberations", 0, "session", "time"): "L'an deux mille vingt-trois,",
        ("deliberations", 0, "transmission", "act_id"): "ID : 048-200069268-20231012-D23_080-DE",
        ("deliberations", 0, "recused", 2): "et Monsieur Jérôme JACQUES",
        ("convention", "signature", "originals"): "En 9 exemplaires.",
        (
            "convention",
            "annexes",
            4,
            "id",
        ): "Annexe 1f : Délibération du conseil municipal de Banassac Canilhac",
    }
    for path, text in checks.items():
        line, column, page = extraction.locate(path)
        assert page is None  # a text file has no pages
        assert text in lines[line - 1], (path, line, lines[line - 1])
    # the value's own column: "34" in "En exercice : 34"
    line, column, _ = extraction.locate(("deliberations", 0, "members_in_office"))
    assert lines[line - 1][column - 1 :].startswith("34")
    # a path into a list points at its first located value
    assert extraction.locate(("deliberations", 0, "present"))[0] == 27


def _triples(result) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(f.code, f.severity, f.path) for f in result.findings}


def test_check_on_the_text_reports_what_check_on_the_yaml_reports() -> None:
    engine = Engine(Options(builtins_only=True))
    on_yaml = engine.check_file(SEED)
    on_text = engine.check_file(SEED_TEXT)
    assert on_yaml.status == on_text.status == "checked", (on_yaml.errors, on_text.errors)
    differing = _triples(on_yaml) ^ _triples(on_text)
    unexplained = {
        t for t in differing if not any(t[2] == p or t[2].startswith(p + ".") for p in EXPECTED_DIFFERENCES)
    }
    assert unexplained == set()
    # every finding on the text points at a page-less line of the text, never at the YAML
    for finding in on_text.findings:
        assert finding.file == SEED_TEXT.as_posix() and finding.line and finding.line >= 1
        assert finding.page is None


def test_the_rules_that_ran_are_every_built_in_rule() -> None:
    engine = Engine(Options(builtins_only=True))
    result = engine.check_file(SEED_TEXT)
    assert set(result.rules) == set(engine.registry.rules)
    assert re.search(r"\.txt$", result.path)
