"""Declarative rules: checks written in a rule pack (no Python), their paths, operators and errors."""

from __future__ import annotations

import types
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest

from ctg_rules import hookimpl
from ctg_rules.declarative import DeclarativeError, Step, parse_path, shape
from ctg_rules.engine import Engine, Options, Registry
from ctg_rules.testing import expectations, triples
from tests.conftest import CLEAN, DEFECTS, SEED

# The CTG profile's expectations written declaratively, under codes of our own (the built-in
# ANX006 and DAT004 are Python rules): the required annex kinds and the duration bounds.
PROFILE_PACK = """
area: annexes
rules:
  XMP001:
    name: ctg-duration-bounds
    severity: warning
    title: {fr: Durée de la CTG hors des bornes de la CNAF, en: CTG duration outside the CNAF bounds}
    reference: Lettre AF CNAF du 28/02/2018 ; caf.fr
    parameters:
      # no bounds by default: a profile sets them (a null offset leaves the comparison out)
      min_years: {value: null, description: durée minimale en années}
      max_years: {value: null, description: durée maximale en années}
    messages:
      on_or_after:
        fr: "la CTG dure moins de {min} ans : elle finit le {value}, au plus tôt le {expected} attendu"
        en: "the CTG lasts less than {min} years: it ends on {value}, {expected} at the earliest"
    check:
      path: convention.period.end
      on_or_after: {path: convention.period.start, years: {param: min_years}, days: -1}
      on_or_before: {path: convention.period.start, years: {param: max_years}, days: -1}
  XMP002:
    name: ctg-annex-kinds
    severity: error
    title: {fr: Une annexe attendue manque, en: An expected annex is missing}
    parameters:
      kinds: {value: []}
    check:
      path: "convention.annexes[*].kind"
      contains: {param: kinds}
profiles:
  ctg:
    parameters:
      XMP001: {min_years: 4, max_years: 5}
      XMP002: {kinds: [diagnostic, action-plan, equipment-list, steering-committee]}
"""


def registry_with(pack: str, tmp_path: Path, name: str = "pack.yaml") -> Registry:
    path = tmp_path / name
    path.write_text(dedent(pack), encoding="utf-8")
    plugin = types.SimpleNamespace(__name__="decl", ctg_rules_packs=hookimpl(lambda: [str(path)]))
    return Registry(builtins_only=True, extra_plugins=[plugin])


def findings(
    reg: Registry, dossier: str, lang: str = "fr", codes: tuple[str, ...] = ("XMP",), **options: Any
) -> list:
    result = Engine(Options(select=codes, lang=lang, **options), reg).check_text(dedent(dossier), "d.yaml")
    assert result.status == "checked", result.errors
    return result.findings


def test_paths_are_parsed_and_checked_against_the_model() -> None:
    assert parse_path("deliberations[*].session.date") == (
        Step(key="deliberations"),
        Step(every=True),
        Step(key="session"),
        Step(key="date"),
    )
    assert parse_path("convention.annexes[kind=equipment-list].id")[2] == Step(
        where=("kind", "equipment-list")
    )
    assert parse_path("deliberations[0].vote.for")[1] == Step(index=0)
    for bad in ("", ".a", "a..b", "a.", "a[*", "a b", "a.[*]"):
        with pytest.raises(DeclarativeError):
            parse_path(bad)
    assert shape(parse_path("convention.period.end"), "") == ("date", None)
    assert shape(parse_path("deliberations[*].vote.for"), "") == ("number", None)
    assert shape(parse_path("convention.governance.steering_committee"), "") == ("list", "text")
    assert shape(parse_path("convention.parties[*].representatives"), "") == ("list", "object")
    with pytest.raises(DeclarativeError, match="did you mean 'period'"):
        shape(parse_path("convention.periode.end"), "convention.periode.end")
    with pytest.raises(DeclarativeError, match=r"a list: use \[\*\]"):
        shape(parse_path("convention.annexes.kind"), "convention.annexes.kind")
    with pytest.raises(DeclarativeError, match="applies to a list only"):
        shape(parse_path("convention.period[*]"), "convention.period[*]")
    with pytest.raises(DeclarativeError, match="no key 'sort'"):
        shape(parse_path("convention.annexes[sort=x]"), "convention.annexes[sort=x]")


def test_profile_duration_and_annex_kinds_expressed_declaratively(tmp_path: Path) -> None:
    reg = registry_with(PROFILE_PACK, tmp_path)
    assert not reg.failures and {"XMP001", "XMP002"} <= set(reg.rules)
    assert reg.rules["XMP001"].spec.plugin == "decl" and reg.rules["XMP001"].severity == "warning"
    # the clean example (4 years, every kind) passes; the seed (5 years, every kind) too
    clean = Engine(Options(select=("XMP",)), reg)
    assert clean.check_file(CLEAN).findings == [] and clean.check_file(SEED).findings == []
    # the defects example lacks two annex kinds: one finding each, on the annexes list
    got = [(f.code, f.line, f.message) for f in clean.check_file(DEFECTS).findings]
    assert [(c, m) for c, _, m in got] == [
        ("XMP002", "convention.annexes : aucun élément ne vaut equipment-list"),
        ("XMP002", "convention.annexes : aucun élément ne vaut steering-committee"),
    ]
    line = next(n for n, text in enumerate(DEFECTS.read_text().splitlines(), 1) if text.strip() == "annexes:")
    assert {n for _, n, _ in got} == {line + 1}  # the list's first item: where the value starts


def test_date_bounds_with_offsets_parameters_and_profiles(tmp_path: Path) -> None:
    reg = registry_with(PROFILE_PACK, tmp_path)
    dossier = """\
        ctg_rules: 1
        convention:
          type: {type}
          period: {{start: 2024-01-01, end: {end}}}
        """
    short = findings(reg, dossier.format(type="ctg", end="2026-12-31"), "en")
    assert [(f.code, f.severity, f.line, f.column, f.path) for f in short] == [
        ("XMP001", "warning", 4, 36, "convention.period.end")
    ]
    # the pack's own message for that operator, its {min} left visible: unknown names stay as they are
    assert short[0].message == (
        "the CTG lasts less than {min} years: it ends on 2026-12-31, 2027-12-31 at the earliest"
    )
    # too long: 5 years pass, 6 do not, unless the configuration raises max_years
    assert findings(reg, dossier.format(type="ctg", end="2028-12-31")) == []
    [long] = findings(reg, dossier.format(type="ctg", end="2029-12-31"))
    assert long.message == (
        "convention.period.end : le 31/12/2029 est après le 31/12/2028 (convention.period.start + 5 ans - 1 jour)"
    )
    assert (
        findings(reg, dossier.format(type="ctg", end="2029-12-31"), parameters={"XMP001": {"max_years": 6}})
        == []
    )
    # another type selects no profile: no bounds, no required kinds
    assert findings(reg, dossier.format(type="cej", end="2040-12-31")) == []
    # placeholders and absent dates are not defects for a comparison
    assert findings(reg, dossier.format(type="ctg", end="XX/12/2026")) == []
    assert findings(reg, "ctg_rules: 1\nconvention: {type: ctg, period: {start: 2024-01-01}}\n") == []


OPERATORS_PACK = """
rules:
  XMP010:
    severity: error
    check: {path: "deliberations[*].session.date", required: true}
  XMP011:
    severity: warning
    check: {path: "deliberations[*].body.siren", pattern: '^[0-9]{9}$'}
  XMP012:
    severity: info
    check: {path: "deliberations[*].decision", one_of: [adopted]}
  XMP013:
    check: {path: "deliberations[*].vote.for", minimum: 1, maximum: {param: most}}
    parameters: {most: {value: 30}}
  XMP014:
    check:
      path: "deliberations[*].approves.period.start"
      equals: {path: convention.period.start}
  XMP015:
    check:
      path: "deliberations[*].transmission.sent_on"
      after: {path: "deliberations[*].session.date"}
      before: 2030-01-01
  XMP016:
    messages: {default: {fr: "{path} : le comité ne compte pas {missing}", en: "{path}: {missing} missing"}}
    check: {path: convention.governance.steering_committee, contains: caf}
  XMP017:
    check:
      path: "convention.annexes[kind=deliberation].party"
      required: true
"""

OPERATORS_DOSSIER = """\
ctg_rules: 1
deliberations:
  - number: "1"
    session: {date: XX/10/2023}                            # expect: XMP010 error
    body: {siren: "12345"}                                 # expect: XMP011 warning
    decision: rejected                                     # expect: XMP012 info
    vote: {for: 0}                                         # expect: XMP013 warning
    approves: {period: {start: 2024-02-01}}                # expect: XMP014 warning
    transmission: {sent_on: 2023-10-01}
  - number: "2"                                            # expect: XMP010 error
    body: {siren: "200069268"}
    vote: {for: 31}                                        # expect: XMP013 warning
    approves: {period: {start: 2024-01-01}}
  - number: "3"
    session: {date: 2023-10-12}
    transmission: {sent_on: 2023-10-12}                    # expect: XMP015 warning
  - number: "4"
    session: {date: 2023-10-12}
    transmission: {sent_on: 2031-01-05}                    # expect: XMP015 warning
convention:
  period: {start: 2024-01-01}
  governance: {steering_committee: [cc, dept]}             # expect: XMP016 warning
  annexes:
    - {id: "1", kind: deliberation, party: cc}
    - {id: "2", kind: deliberation}                        # expect: XMP017 warning
    - {id: "3", kind: diagnostic}
"""


def test_every_operator_fires_on_its_line_and_only_there(tmp_path: Path) -> None:
    reg = registry_with(OPERATORS_PACK, tmp_path)
    assert not reg.failures
    found = findings(reg, OPERATORS_DOSSIER)
    assert triples(found) == expectations(OPERATORS_DOSSIER)


def test_default_and_pack_messages_in_both_languages(tmp_path: Path) -> None:
    reg = registry_with(OPERATORS_PACK, tmp_path)
    messages = {
        lang: {(f.code, f.line): f.message for f in findings(reg, OPERATORS_DOSSIER, lang)}
        for lang in ("fr", "en")
    }
    assert (
        messages["fr"][("XMP010", 4)] == "deliberations[0].session.date : valeur à compléter (« XX/10/2023 »)"
    )
    assert messages["en"][("XMP010", 10)] == "deliberations[1].session.date: value missing"
    assert messages["fr"][("XMP011", 5)] == (
        "deliberations[0].body.siren : 12345 ne respecte pas le format attendu (^[0-9]{9}$)"
    )
    assert (
        messages["en"][("XMP012", 6)]
        == "deliberations[0].decision: rejected is not an allowed value (adopted)"
    )
    assert (
        messages["en"][("XMP013", 12)]
        == "deliberations[1].vote.for: 31 is above the maximum 30 (parameter most)"
    )
    assert messages["fr"][("XMP014", 8)] == (
        "deliberations[0].approves.period.start : 01/02/2024 diffère de 01/01/2024 (convention.period.start)"
    )
    assert messages["fr"][("XMP015", 16)] == (
        "deliberations[2].transmission.sent_on : le 12/10/2023 n'est pas postérieur au 12/10/2023"
        " (deliberations[*].session.date)"
    )
    assert (
        messages["en"][("XMP015", 19)]
        == "deliberations[3].transmission.sent_on: 2031-01-05 is not before 2030-01-01"
    )
    assert (
        messages["fr"][("XMP016", 22)]
        == "convention.governance.steering_committee : le comité ne compte pas caf"
    )


def test_operands_are_bound_to_the_same_list_element(tmp_path: Path) -> None:
    # deliberation 0 sent before its own session, deliberation 1 after its own: only 0 is flagged,
    # although 0's date is after 1's session (no cross-pairing)
    reg = registry_with(OPERATORS_PACK, tmp_path)
    dossier = """\
        ctg_rules: 1
        deliberations:
          - {session: {date: 2023-10-12}, transmission: {sent_on: 2023-10-11}}
          - {session: {date: 2023-09-01}, transmission: {sent_on: 2023-09-05}}
        """
    assert [(f.code, f.line) for f in findings(reg, dossier, codes=("XMP015",))] == [("XMP015", 3)]


def test_conditions_bound_or_any(tmp_path: Path) -> None:
    pack = """
    rules:
      XMP020:
        # bound: only the adopted deliberations need a transmission date
        check:
          path: "deliberations[*].transmission.sent_on"
          when: {path: "deliberations[*].decision", equals: adopted}
          required: true
      XMP021:
        # any: when some party is a social-security body (the CAF), a steering committee is required
        check:
          path: convention.governance.steering_committee
          when:
            - {path: "convention.parties[*].kind", equals: social-security}
            - {path: convention.status, one_of: [final]}
          required: true
    """
    reg = registry_with(pack, tmp_path)
    assert not reg.failures
    dossier = """\
        ctg_rules: 1
        deliberations:
          - {{number: "1", decision: adopted}}
          - {{number: "2", decision: rejected}}
          - {{number: "3"}}
        convention:
          status: {status}
          parties: [{{id: cc, kind: epci}}, {{id: caf, kind: social-security}}]
        """
    got = [(f.code, f.line) for f in findings(reg, dossier.format(status="final"))]
    assert got == [("XMP020", 3), ("XMP021", 7)]
    assert [f.code for f in findings(reg, dossier.format(status="draft"))] == ["XMP020"]


def test_absent_parts_are_not_defects_unless_required(tmp_path: Path) -> None:
    reg = registry_with(OPERATORS_PACK, tmp_path)
    assert (
        findings(reg, "ctg_rules: 1\ndeliberations:\n  - {number: '1', session: {date: 2023-10-12}}\n") == []
    )
    assert findings(reg, "ctg_rules: 1\n") == []  # no deliberation, no convention: nothing to check
    # contains on a list the document does not write: nothing; on an empty list: the item is missing
    assert findings(reg, "ctg_rules: 1\nconvention: {title: x}\n", codes=("XMP016",)) == []
    assert findings(reg, "ctg_rules: 1\nconvention: {governance: {}}\n", codes=("XMP016",)) == []
    [empty] = findings(
        reg, "ctg_rules: 1\nconvention: {governance: {steering_committee: []}}\n", codes=("XMP016",)
    )
    assert empty.line == 2


@pytest.mark.parametrize(
    ("check", "error"),
    [
        ("{path: convention.period.end, before_or: 2024-01-01}", "unknown key(s) before_or"),
        ("{path: convention.period.end, on_or_befor: 2024-01-01}", "did you mean 'on_or_before'"),
        ("{path: convention.period.end}", "no operator"),
        ("{path: convention.perod.end, required: true}", "did you mean 'period'"),
        ("{path: convention.title, pattern: '(unclosed'}", "not a regular expression"),
        (
            "{path: convention.period.end, pattern: '^2024'}",
            "pattern does not apply to convention.period.end",
        ),
        ("{path: convention.period.end, before: {param: limit}}", "parameter 'limit' is not declared"),
        ("{path: convention.period.end, before: soon}", "'soon' is not a date"),
        ("{path: convention.title, equals: {path: convention.period.end}}", "holds a date, text expected"),
        ("{path: convention.title, equals: {path: convention.type, days: 2}}", "offsets apply to dates only"),
        (
            "{path: 'deliberations[*].session.date', before: {path: 'convention.annexes[*].date'}}",
            "goes through a list the checked path does not",
        ),
        ("{path: convention.title, contains: x}", "is not a list"),
        ("{path: convention.title, required: 'yes'}", "required: true or false"),
        ("{path: convention.title, one_of: []}", "non-empty list"),
        (
            "{path: convention.title, required: true, when: {path: convention.type, sorted: true}}",
            "unknown operator",
        ),
    ],
)
def test_a_malformed_check_is_a_located_plugin_failure_and_the_others_run(
    tmp_path: Path, check: str, error: str
) -> None:
    pack = f"rules:\n  XMP030:\n    check: {check}\n  XMP031:\n    check: {{path: convention.title, required: true}}\n"
    reg = registry_with(pack, tmp_path)
    [failure] = reg.failures
    assert failure.name == "decl" and "rule XMP030" in failure.error and error in failure.error
    assert "XMP030" not in reg.rules and "XMP031" in reg.rules


def test_a_declarative_code_colliding_with_a_python_rule_is_reported(tmp_path: Path) -> None:
    reg = registry_with("rules:\n  VOT001:\n    check: {path: convention.title, required: true}\n", tmp_path)
    errors = [f.error for f in reg.failures]
    # the pack entry collides twice: with the built-in pack entry, and (had it loaded) with the rule
    assert any("rule VOT001 already defined" in e for e in errors)
    assert reg.rules["VOT001"].spec.plugin == "votes"


def test_a_bad_code_in_a_pack_is_refused(tmp_path: Path) -> None:
    reg = registry_with("rules:\n  vot1:\n    check: {path: convention.title, required: true}\n", tmp_path)
    assert [f.error for f in reg.failures] == ["rule code 'vot1' is not [A-Z]{2,5}[0-9]{3}"]


def test_the_declarative_twins_agree_with_the_builtin_anx006_and_dat004(tmp_path: Path) -> None:
    # XMP001/XMP002 express the CTG profile's duration bounds and required annex kinds: on the
    # examples and on periods around the bounds they find what DAT004 and ANX006 find, where they find it
    reg = registry_with(PROFILE_PACK, tmp_path)
    engine = Engine(Options(select=("XMP", "ANX006", "DAT004")), reg)
    twins = {"XMP001": "DAT004", "XMP002": "ANX006"}
    periods = [(end, f"ctg_rules: 1\nconvention:\n  type: ctg\n  period: {{start: 2024-01-01, end: {end}}}\n")
               for end in ("2026-12-31", "2027-12-30", "2027-12-31", "2028-12-31", "2029-01-01")]  # fmt: skip
    results = [engine.check_file(p) for p in (SEED, CLEAN, DEFECTS)]
    results += [engine.check_text(text, end) for end, text in periods]
    seen = 0
    for result in results:
        found = [f for f in result.findings if f.path.startswith("convention")]
        mine = sorted((twins[f.code], f.severity, f.line, f.column) for f in found if f.code in twins)
        builtin = sorted((f.code, f.severity, f.line, f.column) for f in found if f.code in twins.values())
        assert mine == builtin, result.path
        seen += len(mine)
    assert seen == 5  # defects: two kinds missing; too short, too short by a day, too long by a day


def test_explain_words_a_check_the_pack_does_not_document(tmp_path: Path) -> None:
    from ctg_rules.commands.rules import explain_record

    reg = registry_with(OPERATORS_PACK + PROFILE_PACK.split("rules:", 1)[1].split("profiles:")[0], tmp_path)
    assert not reg.failures
    assert explain_record(reg.rules["XMP015"], "en")["what"] == (
        "Declarative rule: `deliberations[*].transmission.sent_on` is before `2030-01-01`;"
        " is after `deliberations[*].session.date`."
    )
    assert explain_record(reg.rules["XMP001"], "fr")["what"] == (
        "Règle déclarative : `convention.period.end` est au plus tard `convention.period.start`"
        " + le paramètre `max_years` ans - 1 jour ; est au plus tôt `convention.period.start`"
        " + le paramètre `min_years` ans - 1 jour."
    )
    # a pack's own documentation is kept
    documented = registry_with(
        "rules:\n  XMP040:\n    what: {en: Mine.}\n    check: {path: convention.title, required: true}\n",
        tmp_path,
        "d.yaml",
    )
    assert explain_record(documented.rules["XMP040"], "en")["what"] == "Mine."


def test_contains_with_a_condition_on_its_own_list(tmp_path: Path) -> None:
    # "among the annexes actually attached, one is the diagnostic": the condition goes through
    # the list `contains` gathers, so it holds when any of its annexes is attached
    pack = """
    rules:
      XMP050:
        check:
          path: "convention.annexes[*].kind"
          when: {path: "convention.annexes[*].attached", equals: true}
          contains: diagnostic
    """
    reg = registry_with(pack, tmp_path)
    dossier = "ctg_rules: 1\nconvention:\n  annexes:\n    - {{id: '1', kind: {kind}, attached: {attached}}}\n"
    assert [f.line for f in findings(reg, dossier.format(kind="other", attached="true"))] == [4]
    assert findings(reg, dossier.format(kind="other", attached="false")) == []
    assert findings(reg, dossier.format(kind="diagnostic", attached="true")) == []
