"""Identifier rules (IDN): @CTES identifiers, SIREN/SIRET keys, act numbers across a run."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctg_rules.checks.identifiers import luhn_ok, parse_act_id, siren_problem
from ctg_rules.engine import Engine, Options
from ctg_rules.names import fold, fold_alnum, number_key, org_tokens
from ctg_rules.testing import check_file, check_text, triples

from .conftest import CLEAN, DEFECTS, SEED

# --- the @CTES identifier ----------------------------------------------------------------------


def test_parse_act_id_keeps_the_five_parts() -> None:
    act = parse_act_id(" 048-200069268-20231012-D23_080-DE ")
    assert act is not None
    assert (act.department, act.siren, act.number, act.nature) == ("048", "200069268", "D23_080", "DE")
    assert act.date == date(2023, 10, 12)
    # a number written with dashes stays whole, so that the number (not the shape) is reported
    dashed = parse_act_id("034-213401722-20140424-2014-170-DE")
    assert dashed is not None and dashed.number == "2014-170" and dashed.nature == "DE"
    assert parse_act_id("048-200069268-20231012-DE") is None
    assert parse_act_id("048-200069268-20230229-1-DE").date is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("D23.080", "D23_080", True), ("03-2024", "032024", True), ("d23-080", "D23080", True),
     ("2014 / 170", "0000071277", False), ("2024-7", "2024_07", False)],
)  # fmt: skip
def test_numbers_compare_without_separators(a: str, b: str, same: bool) -> None:
    assert (number_key(a) == number_key(b)) is same


_SEPARATOR = st.sampled_from(["-", "_", ".", "/", " ", " / ", ""])
_PART = st.text("0123456789", min_size=1, max_size=5) | st.sampled_from(["D", "d", "DE", "n°", "Délib"])


@given(st.lists(st.tuples(_PART, _SEPARATOR), min_size=1, max_size=4),
       st.lists(st.tuples(_PART, _SEPARATOR), min_size=1, max_size=4))  # fmt: skip
def test_numbers_are_the_same_exactly_when_their_letters_and_digits_are(
    a: list[tuple[str, str]], b: list[tuple[str, str]]
) -> None:
    # Issue 18, point 10: fold() drops digits ("2025-008" and "2025-012" both fold to ""), so every
    # comparison of numbers, identifiers and numbered texts goes through number_key / fold_alnum.
    left, right = "".join(p + s for p, s in a), "".join(p + s for p, s in b)

    def core(text: str) -> str:
        return "".join(c for c in text.lower().replace("é", "e") if c.isalnum() and c != "°")

    assert (number_key(left) == number_key(right)) is (core(left) == core(right))
    assert (fold_alnum(left).replace(" ", "") == fold_alnum(right).replace(" ", "")) is (
        core(left) == core(right)
    )


@given(st.integers(1900, 2100), st.integers(0, 999), st.integers(0, 999))
def test_act_numbers_differing_only_in_digits_are_two_acts(year: int, n: int, m: int) -> None:
    a, b = f"{year}-{n:03d}", f"{year}-{m:03d}"
    assert fold(a) == fold(b) == ""  # what the rules used to compare
    assert (number_key(a) == number_key(b)) is (n == m)
    assert (org_tokens(f"Syndicat n° {n}") == org_tokens(f"Syndicat n° {m}")) is (n == m)


# --- SIREN and SIRET -------------------------------------------------------------------------


def _check_digit(body: str) -> str:
    """The digit that completes ``body`` into a Luhn-valid number."""
    return next(str(d) for d in range(10) if luhn_ok(body + str(d)))


@given(st.text("0123456789", min_size=8, max_size=8), st.integers(0, 8), st.integers(1, 9))
def test_luhn_accepts_the_right_key_and_catches_any_single_digit_slip(
    body: str, position: int, shift: int
) -> None:
    siren = body + _check_digit(body)
    assert siren_problem(siren) is None
    slipped = siren[:position] + str((int(siren[position]) + shift) % 10) + siren[position + 1 :]
    assert siren_problem(slipped) == "checksum"


def test_siren_and_siret_as_printed() -> None:
    assert siren_problem("200 069 268") is None
    assert siren_problem("20006926800015") is None  # a SIRET of the same body
    assert siren_problem("20006926800012") == "checksum"
    assert siren_problem("2000692") == "format"
    assert siren_problem("20006926A") == "format"
    # La Poste's SIRETs: digit sum a multiple of 5, Luhn or not
    assert not luhn_ok("35600000000001") and siren_problem("35600000000001") is None
    assert siren_problem("35600000000002") == "checksum"


# --- the examples --------------------------------------------------------------------------


def test_examples_have_valid_identifiers() -> None:
    # The seed's 048-200069268-20231012-D23_080-DE is valid and agrees with its act (issue 4).
    codes = ("IDN001", "IDN002", "IDN003", "IDN004")
    for example in (SEED, CLEAN, DEFECTS):
        assert triples(check_file(example, builtins_only=True).findings, codes) == set(), example.name


# --- IDN004 across the files of a run ----------------------------------------------------------

ACT = """\
ctg_rules: 1
deliberations:
  - number: "{number}"
    subject: {subject}
    body: {{name: Ville de Montpellier, siren: "213401722", department: "034"}}
    session: {{date: 2014-04-24}}
    transmission:
      act_id: 034-213401722-20140424-{transaction}-DE
"""


def _run(tmp_path: Path, acts: dict[str, dict[str, str]]) -> list:
    for name, fields in acts.items():
        (tmp_path / name).write_text(ACT.format(**fields), encoding="utf-8")
    engine = Engine(Options(select=("IDN004",), builtins_only=True))
    results = list(engine.run([tmp_path]))
    assert [r.status for r in results] == ["checked"] * len(acts)
    assert all(r.findings == [] for r in results)  # a run-scoped rule reports at the end
    return engine.finish()


def test_one_number_on_three_acts_of_a_session_across_files(tmp_path: Path) -> None:
    late = _run(
        tmp_path,
        {
            "071217.yaml": {"number": "2014/137", "subject": "Désignation au CCAS", "transaction": "0000071217"},
            "071229.yaml": {"number": "2014/137", "subject": "Indemnités des élus", "transaction": "0000071229"},
            "071253.yaml": {"number": "2014 / 137", "subject": "Commission d'appel d'offres", "transaction": "0000071253"},
        },
    )  # fmt: skip
    first = f"{(tmp_path / '071217.yaml').as_posix()}:3"
    assert [(Path(f.file).name, f.line, f.column, f.severity, f.path) for f in late] == [
        ("071229.yaml", 3, 13, "warning", "deliberations[0].number"),
        ("071253.yaml", 3, 13, "warning", "deliberations[0].number"),
    ]
    assert late[0].message == f"le numéro 2014/137 est déjà celui d'un autre acte du même organe ({first})"


def test_one_act_transmitted_twice_across_files(tmp_path: Path) -> None:
    late = _run(
        tmp_path,
        {
            "071277.yaml": {"number": "2014/170", "subject": "Tableau des effectifs", "transaction": "0000071277"},
            "071305.yaml": {"number": "2014/170", "subject": "Tableau des effectifs", "transaction": "0000071305"},
        },
    )  # fmt: skip
    assert [(Path(f.file).name, f.line, f.path) for f in late] == [
        ("071305.yaml", 8, "deliberations[0].transmission.act_id")
    ]
    assert "0000071277-DE" in late[0].message and "0000071305-DE" in late[0].message
    assert "transmis deux fois" in late[0].message


def test_the_same_act_in_two_files_is_not_a_duplicate(tmp_path: Path) -> None:
    same = {"number": "2014/170", "subject": "Tableau des effectifs", "transaction": "0000071277"}
    assert _run(tmp_path, {"dossier.yaml": same, "extrait.yaml": same}) == []


def test_collected_summaries_survive_pickling() -> None:
    # Results may come back from worker processes: what IDN004 keeps must pickle.
    engine = Engine(Options(select=("IDN004",), builtins_only=True))
    result = engine.check_file(SEED)
    assert pickle.loads(pickle.dumps(result.collected)) == result.collected


def test_a_number_ending_with_an_underscore_is_refused_and_a_lower_case_department_agrees() -> None:
    text = (
        "ctg_rules: 1\ndeliberations:\n"
        '  - number: "D23_"\n    transmission: {act_id: 048-200069268-20231012-D23_-DE}\n'
        '  - number: "2024_01"\n    body: {siren: "200069268", department: "2a"}\n'
        "    transmission: {act_id: 02A-200069268-20231012-2024_01-DE}\n"
    )
    found = check_text(text, builtins_only=True, select=("IDN",)).findings
    assert [(f.code, f.line) for f in found] == [("IDN001", 4)]


def test_run_findings_carry_the_position_of_the_document_holding_the_act() -> None:
    from ctg_rules.checks.identifiers import _located, _where

    assert [_where(None, None), _where("d.yaml", None), _where("d.yaml", (4, 3))] == [
        "<dossier>",
        "d.yaml",
        "d.yaml:4",
    ]
    assert _where("d.yaml", (4, 3, 2)) == "d.yaml:p2:4" and _where(None, (4, 3, None)) == "<dossier>:4"
    assert (
        _where("d", (4, 3, None, "pv.pdf")) == "pv.pdf:4"
        and _where("d", (4, 3, 2, "pv.pdf", "x")) == "pv.pdf:p2:4"
    )
    assert _where("d", (4, 3, None, "")) == "d:4"
    v = _located(("deliberations", 1), "k", {"x": 1}, "d.yaml", (4, 3, 2, "pv.pdf", "Délibération n° 12"))
    assert (v.path, v.key, v.args, v.file, v.line, v.column, v.page, v.excerpt) == (
        ("deliberations", 1), "k", {"x": 1}, "pv.pdf", 4, 3, 2, "Délibération n° 12",
    )  # fmt: skip
    v = _located(("deliberations", 1), "k", {}, "d.yaml", (4, 3, 2, None))
    assert (v.file, v.line, v.column, v.page, v.excerpt) == ("d.yaml", 4, 3, 2, None)
    v = _located(("deliberations", 1), "k", {}, "d.yaml", (4,))
    assert (v.file, v.line, v.column, v.page, v.excerpt) == ("d.yaml", 4, None, None, None)
    v = _located(("deliberations", 1), "k", {}, "d.yaml", None)
    assert (v.file, v.line, v.column, v.page, v.excerpt) == ("d.yaml", None, None, None, None)


# --- what IDN003 and IDN004 keep of each act, seen across the files of a run ------------------


def _late(tmp_path: Path, files: dict[str, str], code: str = "IDN004") -> list[tuple[str, int, str, str]]:
    """The run's findings of ``code`` on these dossiers (name: the deliberations' YAML): file,
    line, path and message; none may come before the end of the run."""
    for name, deliberations in files.items():
        (tmp_path / name).write_text("ctg_rules: 1\ndeliberations:\n" + deliberations, encoding="utf-8")
    engine = Engine(Options(select=(code,), builtins_only=True))
    assert [f for r in engine.run([tmp_path]) for f in r.findings if f.code == code] == []
    return [(Path(f.file).name, f.line, f.path, f.message) for f in engine.finish()]


def _places(late: list[tuple[str, int, str, str]]) -> list[tuple[str, int, str]]:
    return [(file, line, path) for file, line, path, _ in late]


def test_acts_known_by_their_authority_s_name_only_are_compared(tmp_path: Path) -> None:
    body = "    body: {{name: {}}}\n"
    late = _late(
        tmp_path,
        {
            # an item with neither number nor identifier comes first: the act after it counts
            "a.yaml": '  - subject: Ordre du jour\n  - number: "2024-05"\n    subject: Budget\n'
            + body.format("Commune de Banassac"),
            "b.yaml": '  - number: "2024-05"\n    subject: Tarifs\n' + body.format("COMMUNE DE BANASSAC"),
            "c.yaml": '  - number: "2024-05"\n    subject: Voirie\n' + body.format("Commune de Chanac"),
            # no authority at all: two acts that may be two councils' are never compared
            "d.yaml": '  - number: "2024-05"\n    subject: Écoles\n',
            "e.yaml": '  - number: "2024-05"\n    subject: Cantine\n',
        },
    )
    other = (tmp_path / "a.yaml").as_posix()
    assert late == [
        (
            "b.yaml",
            3,
            "deliberations[0].number",
            f"le numéro 2024-05 est déjà celui d'un autre acte du même organe ({other}:4)",
        )
    ]


def test_the_year_of_an_act_is_its_session_s_else_its_identifier_s(tmp_path: Path) -> None:
    siren = '    body: {siren: "213401722"}\n'
    late = _late(
        tmp_path,
        {
            # number 12 in December 2023 and in January 2024: two years, two numberings
            "f1.yaml": '  - number: "12"\n    subject: A\n    session: {date: 2023-12-14}\n' + siren,
            "f2.yaml": '  - number: "12"\n    subject: B\n    session: {date: 2024-01-11}\n' + siren,
            # the same without session dates: the identifiers' dates give the years
            "f3.yaml": '  - number: "13"\n    subject: C\n'
            "    transmission: {act_id: 034-213401722-20231214-13-DE}\n",
            "f4.yaml": '  - number: "13"\n    subject: D\n'
            "    transmission: {act_id: 034-213401722-20240111-13-DE}\n",
            # no body: the identifier's SIREN is the authority (one act, two subjects)
            "f5.yaml": '  - number: "7"\n    subject: E\n    transmission: {act_id: 048-200069268-20240111-7-DE}\n',
            "f6.yaml": '  - number: "7"\n    subject: F\n    transmission: {act_id: 048-200069268-20240111-7-DE}\n',
            # no subject: two session dates tell two acts apart
            "f7.yaml": '  - number: "8"\n    session: {date: 2024-03-01}\n' + siren,
            "f8.yaml": '  - number: "8"\n    session: {date: 2024-04-05}\n' + siren,
        },
    )
    assert _places(late) == [
        ("f6.yaml", 3, "deliberations[0].number"),
        ("f8.yaml", 3, "deliberations[0].number"),
    ]


def test_one_act_sent_twice_needs_its_subject_or_its_session_printed_twice(tmp_path: Path) -> None:
    def act(number: str, transaction: str, subject: str = "", session: str = "") -> str:
        return (
            f'  - number: "{number}"\n' + (f"    subject: {subject}\n" if subject else "")
            + (f"    session: {{date: {session}}}\n" if session else "")
            + '    body: {siren: "213401722"}\n'
            + f"    transmission: {{act_id: 034-213401722-20240424-{transaction}-DE}}\n"
        )  # fmt: skip

    late = _late(
        tmp_path,
        {
            # nothing says whether they are one act: no finding
            "g1.yaml": act("21", "0000071001"),
            "g2.yaml": act("21", "0000071002"),
            "g3.yaml": act("22", "0000071003", "Voirie"),
            "g4.yaml": act("22", "0000071004"),
            # the same subject, no session date: one act transmitted twice
            "g5.yaml": act("23", "0000071005", "Voirie"),
            "g6.yaml": act("23", "0000071006", "Voirie"),
            # the same session date, no subject: the same
            "g7.yaml": act("24", "0000071007", session="2024-04-24"),
            "g8.yaml": act("24", "0000071008", session="2024-04-24"),
        },
    )
    assert _places(late) == [
        ("g6.yaml", 6, "deliberations[0].transmission.act_id"),
        ("g8.yaml", 6, "deliberations[0].transmission.act_id"),
    ]
    assert "0000071005-DE" in late[0][3] and "transmis deux fois" in late[0][3]


def test_one_identifier_on_two_acts_is_reported_where_the_second_is(tmp_path: Path) -> None:
    # the second act comes after an item with neither number nor identifier in its file
    acts = [
        '  - number: "31"\n    subject: Voirie\n',
        '  - subject: x\n  - number: "32"\n    subject: Cantine\n',
    ]
    act_id = "    transmission: {act_id: 048-200069268-20240111-31-DE}\n"
    late = _late(tmp_path, {f"h{n}.yaml": act + act_id for n, act in enumerate(acts, 1)})
    assert _places(late) == [("h2.yaml", 6, "deliberations[1].transmission.act_id")]
    assert f"{(tmp_path / 'h1.yaml').as_posix()}:5" in late[0][3]


def test_transaction_numbers_are_said_once_per_authority_found_by_its_identifier(tmp_path: Path) -> None:
    def act(siren: str, number: str | None, transmitted: str, body: str = "") -> str:
        return (
            (f'  - number: "{number}"\n' if number else "  - subject: sans numéro\n") + body
            + f"    transmission: {{act_id: 048-{siren}-20240424-{transmitted}-DE}}\n"
        )  # fmt: skip

    late = _late(
        tmp_path,
        {
            # an authority whose identifiers carry its act numbers: nothing to say
            "t1.yaml": act("213402191", "2024/12", "2024_12", "    body: {name: Ville de Sète}\n"),
            # the act second in its file, its authority known by the identifier's SIREN only
            "t2.yaml": "  - subject: Ordre du jour\n" + act("200069268", "2024/40", "0000091001"),
            "t3.yaml": act("213401722", "2024/41", "0000091002"),
            # no deliberation number to compare: not kept
            "t4.yaml": act("213401722", None, "0000091003"),
            # no authority known at all
            "t5.yaml": act("ABCDEFGHI", "2024/50", "0000091004"),
        },
        "IDN003",
    )
    assert _places(late) == [
        ("t2.yaml", 5, "deliberations[1].transmission.act_id"),
        ("t3.yaml", 4, "deliberations[0].transmission.act_id"),
        ("t5.yaml", 4, "deliberations[0].transmission.act_id"),
    ]
    assert [message.split(" portent")[0] for *_, message in late] == [
        "les identifiants @CTES des actes de 200069268",
        "les identifiants @CTES des actes de 213401722",
        "les identifiants @CTES des actes de ?",
    ]
    assert "(1 acte(s) ; ici 0000091002 pour la délibération 2024/41)" in late[1][3]


def test_an_identifier_writing_the_year_before_the_act_s_number_is_no_transaction_number() -> None:
    from ctg_rules.checks.identifiers import _transaction

    # act 00071 of 2024 written 2024071: its number, not a transmission's sequence
    assert not _transaction(parse_act_id("034-213402191-20240424-2024071-DE"), "00071")
    assert _transaction(parse_act_id("034-213402191-20240424-0000081001-DE"), "00071")


def test_a_run_finding_s_position_may_lack_the_file_or_the_line_s_text() -> None:
    from ctg_rules.checks.identifiers import _located

    v = _located(("deliberations", 1), "k", {}, "d.yaml", (4, 3, 2))
    assert (v.file, v.line, v.column, v.page, v.excerpt) == ("d.yaml", 4, 3, 2, None)
    v = _located(("deliberations", 1), "k", {}, "d.yaml", (4, 3, 2, "pv.pdf"))
    assert (v.file, v.line, v.column, v.page, v.excerpt, v.place) == ("pv.pdf", 4, 3, 2, None, None)
    # a Word document's paragraph
    v = _located(("deliberations", 1), "k", {}, "d.yaml", (4, 3, None, "pv.docx", "x", {"paragraph": 12}))
    assert (v.file, v.page, v.excerpt, v.place) == ("pv.docx", None, "x", {"paragraph": 12})


def test_a_dossier_checked_without_positions_is_still_collected() -> None:
    from ctg_rules.model import Dossier

    dossier = Dossier.model_validate(
        {
            "ctg_rules": 1,
            "deliberations": [{"number": "12", "transmission": {"act_id": "048-200069268-20240111-12-DE"}}],
        }
    )
    result = Engine(Options(select=("IDN004",), builtins_only=True)).check_dossier(dossier)
    assert result.findings == []
    [act] = result.collected["IDN004"]
    assert (act.number, act.number_at, act.act_id_at) == ("12", None, None)


def test_acts_known_by_their_identifier_only_are_compared_by_it(tmp_path: Path) -> None:
    # no number printed: the identifier alone tells one act from another
    act_id = "    transmission: {act_id: 048-200069268-20240111-31-DE}\n"
    late = _late(
        tmp_path, {"i1.yaml": "  - subject: Voirie\n" + act_id, "i2.yaml": "  - subject: Cantine\n" + act_id}
    )
    assert _places(late) == [("i2.yaml", 4, "deliberations[0].transmission.act_id")]
