"""`ctg-rules explain`: a rule by its code or its name, a header without repeats, the severity in context."""

from __future__ import annotations

import json

from click.testing import CliRunner

from ctg_rules.cli import cli


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_a_rule_is_found_by_its_name_as_well_as_its_code() -> None:
    by_code = run("explain", "VOT003")
    assert by_code[0] == 0
    assert run("explain", "voters-mismatch") == by_code
    assert run("explain", "Voters_Mismatch") == by_code
    assert run("explain", "vot003") == by_code


def test_an_unknown_rule_is_a_usage_error_in_the_run_language() -> None:
    code, out = run("explain", "no-such-rule")
    assert code == 2 and "règle inconnue « no-such-rule »" in out and "voters-mismatch" in out
    code, out = run("explain", "no-such-rule", "--lang", "en")
    assert code == 2 and "unknown rule 'no-such-rule'" in out


def test_the_header_says_severity_and_area_in_words_without_repeating_them() -> None:
    header = run("explain", "VOT003")[1].splitlines()[1]
    assert header == "Gravité : erreur · Votes, quorum, pouvoirs"
    header = run("explain", "VOT003", "--lang", "en")[1].splitlines()[1]
    assert header == "Severity: error · Votes, quorum, proxies"
    for line in (run("explain", c)[1].splitlines()[1] for c in ("DAT001", "NAM001", "ANX001", "SIG001")):
        words = [w for w in line.replace("·", " ").replace(",", " ").split() if len(w) > 3]
        assert len(words) == len(set(words)), line


def test_explain_shows_the_severity_the_rule_reports_in_context() -> None:
    """REC003 reports an error for a party that is not a local authority, information for one that
    is: explain says both, as the pack documents them, not a bare "error"."""
    header = run("explain", "REC003")[1].splitlines()[1]
    assert header.startswith("Gravité : erreur si l'autre partie n'est pas une collectivité territoriale")
    assert "information si c'est une collectivité" in header
    english = run("explain", "member-acts-for-other-party", "--lang", "en")[1].splitlines()[1]
    assert english.startswith("Severity: error when the other party is not a local authority")
    record = json.loads(run("explain", "REC003", "--format", "json")[1])
    assert record["severity"] == "error"  # the default stays machine-readable
    assert record["severity_note"].startswith("erreur si")
    assert json.loads(run("explain", "VOT003", "--format", "json")[1])["severity_note"] is None
