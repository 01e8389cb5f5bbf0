"""The dossier model: types, unknown keys, placeholders, located plain-language errors."""

from __future__ import annotations

from datetime import date

import pytest

from ctg_rules import loader
from ctg_rules.dates import Placeholder
from ctg_rules.model import Dossier
from ctg_rules.validation import validate


def problems(text: str, lang: str = "en") -> list[tuple[int | None, int | None, str]]:
    doc = loader.parse(text)
    result = validate(doc.data, doc.locate, lang)
    assert isinstance(result, list), "expected validation problems"
    return [(p.line, p.column, p.message) for p in result]


def test_seed_example_validates(tmp_path) -> None:
    from tests.conftest import SEED

    doc = loader.read(SEED)
    dossier = validate(doc.data, doc.locate)
    assert isinstance(dossier, Dossier)
    d = dossier.deliberations[0]
    assert (len(d.present), len(d.absent), len(d.recused)) == (24, 10, 3)
    assert d.absent[0].proxy_to == "VALENTIN Denis" and d.absent[6].name == "POQUET Pascal"
    assert d.vote.for_ == 27
    annexes = {a.id: a for a in dossier.convention.annexes}
    assert isinstance(annexes["1a"].date, Placeholder) and annexes["1a"].date.year == 2023
    assert annexes["1b"].date == date(2023, 9, 26)
    assert annexes["2"].id == "2"  # a bare 2 in YAML is the annex id "2"
    assert dossier.convention.signature.originals == 9


def test_unknown_key_is_located_and_suggests_the_right_one() -> None:
    text = "ctg_rules: 1\ndeliberations:\n  - number: A1\n    presents: [X Y]\n"
    [(line, column, message)] = problems(text)
    assert (line, column) == (4, 5)
    assert "presents" in message and "did you mean 'present'" in message


def test_unknown_key_in_french() -> None:
    [(_, _, message)] = problems("ctg_rules: 1\nconvention: {titre: X}\n", lang="fr")
    assert "clé inconnue « titre »" in message and "« title »" in message


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("ctg_rules: 1\ndeliberations:\n  - members_in_office: -3\n", 3, 24, "negative"),
        ("ctg_rules: 1\ndeliberations:\n  - members_in_office: trente\n", 3, 24, "whole number"),
        ("ctg_rules: 1\ndeliberations:\n  - decision: adoptée\n", 3, 15, "allowed"),
        ("ctg_rules: 1\ndeliberations:\n  - certified_on: le 19 octobre\n", 3, 19, "placeholder such as XX"),
        ("ctg_rules: 1\ndeliberations:\n  - body: {department: 34}\n", 3, 24, "quotes"),
        ("ctg_rules: 1\ndeliberations:\n  - number: 23.08\n", 3, 13, "quotes"),
        ("ctg_rules: 1\ndeliberations: {number: A}\n", 2, 16, "list"),
        ("ctg_rules: 1\nconvention:\n  annexes: [{title: sans id}]\n", 3, 13, "required field missing: id"),
    ],
)
def test_wrong_types_are_plain_and_located(text: str, line: int, column: int, words: str) -> None:
    found = problems(text)
    assert found, "expected a problem"
    assert found[0][:2] == (line, column)
    assert words in found[0][2]


def test_placeholders_and_dates_in_date_fields() -> None:
    doc = loader.parse(
        "ctg_rules: 1\nconvention:\n  signature: {date: XX XX 2023}\n"
        "  visas: [{date: XX}, {date: '2023-09-26'}, {date: ''}]\n"
    )
    dossier = validate(doc.data, doc.locate)
    assert isinstance(dossier, Dossier)
    visas = dossier.convention.visas
    assert isinstance(dossier.convention.signature.date, Placeholder)
    assert visas[0].date == "XX" and isinstance(visas[0].date, Placeholder)
    assert visas[1].date == date(2023, 9, 26)
    assert isinstance(visas[2].date, Placeholder) and visas[2].date.blank


def test_bare_names_and_mappings_mix_in_member_lists() -> None:
    doc = loader.parse(
        "ctg_rules: 1\ndeliberations:\n  - present: [A B, {name: C D, substitute_for: E F}]\n"
        "    absent: [G H, {name: I J, proxy: true}]\n    recused: [A B]\n"
    )
    dossier = validate(doc.data, doc.locate)
    d = dossier.deliberations[0]
    assert [p.name for p in d.present] == ["A B", "C D"] and d.present[1].substitute_for == "E F"
    assert d.absent[1].proxy is True and d.recused[0].name == "A B"


def test_siren_written_as_a_number_is_accepted_as_text() -> None:
    doc = loader.parse("ctg_rules: 1\ndeliberations:\n  - body: {siren: 200069268}\n")
    assert validate(doc.data, doc.locate).deliberations[0].body.siren == "200069268"


def test_json_schema_is_published_and_up_to_date() -> None:
    import json

    from ctg_rules.model import json_schema
    from tests.conftest import ROOT

    published = json.loads((ROOT / "schema" / "dossier.schema.json").read_text(encoding="utf-8"))
    assert published == json_schema(), "run: ctg-rules schema -o schema/dossier.schema.json"
    assert published["$defs"]["Deliberation"]["patternProperties"] == {"^x-": {}}
