"""IDN003 on identifiers that carry a transmission number (issue 20, point 7): said once per run
as information when every act of the authority carries one, a warning on each otherwise."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from ctg_rules.checks.identifiers import _collect_numbers
from ctg_rules.engine import Engine, Options
from ctg_rules.testing import check_text
from tests.conftest import SHARED

ACT = """\
ctg_rules: 1
deliberations:
  - number: "{number}"
    body: {{name: Ville de Sète, siren: "213402191", department: "034"}}
    session: {{date: 2024-04-24}}
    transmission:
      act_id: 034-213402191-20240424-{transmitted}-DE
"""


def _run(tmp_path: Path, acts: dict[str, tuple[str, str]]) -> tuple[list, list]:
    for name, (number, transmitted) in acts.items():
        (tmp_path / name).write_text(ACT.format(number=number, transmitted=transmitted), encoding="utf-8")
    engine = Engine(Options(select=("IDN003",), builtins_only=True))
    per_file = [f for r in engine.run([tmp_path]) for f in r.findings]
    return per_file, engine.finish()


def test_every_act_of_an_authority_with_a_transmission_number_is_said_once(tmp_path: Path) -> None:
    per_file, late = _run(
        tmp_path,
        {"a.yaml": ("2024/12", "0000081001"), "b.yaml": ("2024/13", "0000081002"), "c.yaml": ("2024/14", "0000081007")},
    )  # fmt: skip
    assert per_file == []
    assert [(Path(f.file).name, f.line, f.column, f.severity) for f in late] == [("a.yaml", 7, 15, "info")]
    assert "Ville de Sète" in late[0].message and "3 acte(s)" in late[0].message
    assert late[0].path == "deliberations[0].transmission.act_id"


def test_a_transmission_number_where_the_authority_otherwise_prints_its_act_number_is_warned(
    tmp_path: Path,
) -> None:
    per_file, late = _run(
        tmp_path,
        {"a.yaml": ("2024/12", "2024_12"), "b.yaml": ("2024/13", "0000081002"), "c.yaml": ("2024/14", "0000081007")},
    )  # fmt: skip
    assert per_file == []
    assert [(Path(f.file).name, f.severity) for f in late] == [("b.yaml", "warning"), ("c.yaml", "warning")]
    assert "porte le numéro 0000081002, la délibération est numérotée 2024/13" in late[0].message


def test_a_number_written_another_way_is_still_reported_with_its_dossier() -> None:
    result = check_text(ACT.format(number="D23.083", transmitted="D23_038"), select=("IDN003",))
    assert [(f.severity, f.line) for f in result.findings] == [("warning", 7)]


def test_what_idn003_keeps_for_the_end_of_the_run_pickles() -> None:
    class Ctx:
        def locate(self, path):
            return (7, 15, 1, "doc.pdf", "the line")

    dossier = load_text(ACT.format(number="2024/12", transmitted="0000081001"))
    kept = _collect_numbers(dossier, Ctx())
    assert pickle.loads(pickle.dumps(kept)) == kept and kept[0].at == (7, 15, 1, "doc.pdf", "the line")


def load_text(text: str):
    from ctg_rules import loader
    from ctg_rules.validation import validate

    document = loader.parse(text)
    return validate(document.data, document.locate, "fr")


MONTPELLIER = SHARED / "corpus" / "montpellier-2014"


@pytest.mark.skipif(not MONTPELLIER.is_dir(), reason="shared corpus not available")
def test_montpellier_identifiers_are_said_once_as_information() -> None:
    engine = Engine(Options(select=("IDN003", "IDN004"), builtins_only=True))
    per_file = [f for r in engine.run([MONTPELLIER]) for f in r.findings]
    late = engine.finish()
    idn003 = [f for f in per_file + late if f.code == "IDN003"]
    assert [(f.severity, f.page) for f in idn003] == [("info", 1)]
    assert all(f.page == 1 and f.excerpt for f in late if f.code == "IDN004")  # the page is kept
