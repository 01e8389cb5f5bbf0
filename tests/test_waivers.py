"""Inline waivers: parsing, what they waive, how waived findings stay visible, NQA001."""

from __future__ import annotations

import json
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

import ctg_rules
from ctg_rules import Violation, hookimpl, waivers
from tests.test_cli import BAD, run

WAIVED = BAD.replace("declared: {present: 3}", "declared: {present: 3}  # noqa: VOT001 -- late arrival")


def test_parse_codes_reasons_and_positions() -> None:
    text = (
        "# ctg-rules: noqa: VOT001 -- archived\n"
        "a: 1  # noqa: vot001,DAT002  DAT003 -- signed late  # expect: X\n"
        "b: 2 #NOQA:VOT001\n"
        "c: 3  # noqa\n"
        "d: 4  # noqa -- no code\n"
        "e: 5  # ctg-rules: noqa\n"  # whole-file form off the first line: not a waiver
        "f: x#noqa: VOT001\n"  # no space before '#': part of the value
    )
    found = waivers.parse(text)
    assert [(w.line, w.column, w.codes, w.reason, w.whole_file) for w in found] == [
        (1, 1, ("VOT001",), "archived", True),
        (2, 7, ("VOT001", "DAT002", "DAT003"), "signed late", False),
        (3, 6, ("VOT001",), None, False),
        (4, 7, (), None, False),
        (5, 7, (), "no code", False),
    ]


def test_a_waiver_in_any_case_is_found() -> None:
    # The quick look for "noqa" before the comment pattern must not be stricter than the pattern.
    for spelling in ("NoQA", "nOqA", "NOqa", "noQA"):
        [waiver] = waivers.parse(f"a: 1  # {spelling}: VOT001 -- late\n")
        assert (waiver.line, waiver.column, waiver.codes) == (1, 7, ("VOT001",))
    assert waivers.parse("qa: 1\nnoq: 2\n") == []


def test_hash_inside_scalars_is_text() -> None:
    text = (
        "a: 'x # noqa: VOT001'\n"
        'b: "y # noqa: VOT001"  # noqa: VOT001 -- real\n'
        "c: |\n  z # noqa: VOT001\n"
        "d: [p, 'q # noqa: VOT001']\n"
    )
    assert [(w.line, w.column) for w in waivers.parse(text)] == [(2, 24)]
    assert waivers.parse("a: 1\n") == []


def test_waived_finding_stays_visible_and_does_not_fail(write) -> None:
    path = write("a.yaml", WAIVED)
    code, out = run("check", "--format", "json", str(path))
    assert code == 0
    doc = json.loads(out)
    [finding] = doc["findings"]
    assert finding["code"] == "VOT001" and finding["suppressed"] is True
    assert finding["reason"] == "late arrival"
    assert list(finding)[-2:] == ["suppressed", "reason"]  # added at the end: the v1 keys stay first
    assert doc["summary"]["findings"] == 0 and doc["summary"]["suppressed"] == 1
    code, out = run("check", "--lang", "en", str(path))
    assert "(waived: late arrival)" in out.splitlines()[0]
    assert out.splitlines()[-1].endswith("; 1 waived")


def test_disable_noqa_ignores_every_waiver(write) -> None:
    path = write("a.yaml", WAIVED.replace("3}", "3}  # noqa: VOT009"))
    code, out = run("check", "--format", "json", "--disable-noqa", str(path))
    assert code == 1
    [finding] = json.loads(out)["findings"]
    assert "suppressed" not in finding and finding["code"] == "VOT001"


def test_waiver_for_a_rule_that_did_not_run_is_not_judged(write) -> None:
    path = write("a.yaml", WAIVED)
    code, out = run("check", "--format", "json", "--select", "NQA001", str(path))
    assert (code, json.loads(out)["findings"]) == (0, [])
    path.with_name("b.yaml").write_text(WAIVED.replace("{present: 3}", "{present: 2}"), encoding="utf-8")
    code, out = run("check", "--format", "json", "--ignore", "NQA", str(path.with_name("b.yaml")))
    assert (code, json.loads(out)["findings"]) == (0, [])  # NQA001 not selected: stale waiver not reported
    code, out = run("check", "--format", "json", str(path.with_name("b.yaml")))
    assert [(f["code"], f["severity"], f["line"], f["column"]) for f in json.loads(out)["findings"]] == [
        ("NQA001", "warning", 4, 29)
    ]


def test_whole_file_waiver(write) -> None:
    path = write("a.yaml", "# ctg-rules: noqa -- transcribed as printed\n" + BAD)
    code, out = run("check", "--format", "json", str(path))
    [finding] = json.loads(out)["findings"]
    assert code == 0 and finding["suppressed"] and finding["reason"] == "transcribed as printed"


def test_library_reports_waivers_too(write) -> None:
    report = ctg_rules.check(WAIVED)
    [finding] = report.findings
    assert finding.suppressed and report.exit_code == 0
    assert ctg_rules.check(WAIVED, noqa=False).exit_code == 1


def _run_scoped_plugin() -> SimpleNamespace:
    """A run-scoped rule (its findings come at the end of the run), flagging every act number."""

    @ctg_rules.rule("RUN001", title="run-scoped", severity="error", scope="run", collect=lambda d, ctx: 1)
    def every_file(collected):
        for file, _ in collected:
            yield Violation(file=file, line=3, column=13, message="seen in the run")

    return SimpleNamespace(__name__="runscoped", ctg_rules_rules=hookimpl(lambda: [every_file]))


def test_waivers_of_run_scoped_rules_are_judged_at_the_end(write) -> None:
    plugin = _run_scoped_plugin()
    used = write("used.yaml", WAIVED.replace("number: A1", "number: A1  # noqa: RUN001 -- known"))
    stale = write("stale.yaml", WAIVED.replace("declared: {present: 3}", "declared: {present: 2}"))
    stale.write_text(stale.read_text().replace("{present: 2}", "{present: 2}  # noqa: RUN001"))
    report = ctg_rules.check([used, stale], extra_plugins=(plugin,))
    got = sorted((f.file.rsplit("/", 1)[-1], f.code, f.line, f.suppressed) for f in report.findings)
    assert got == [
        ("stale.yaml", "NQA001", 4, False),  # VOT001 waived but absent, decided with the file
        ("stale.yaml", "NQA001", 4, False),  # RUN001 waived on a line it does not flag: decided at the end
        ("stale.yaml", "RUN001", 3, False),
        ("used.yaml", "RUN001", 3, True),
        ("used.yaml", "VOT001", 4, True),
    ]
    messages = sorted(f.message for f in report.findings if f.code == "NQA001")
    assert "RUN001" in messages[0] + messages[1] and "VOT001" in messages[0] + messages[1]


@given(
    st.text(st.sampled_from(list("#noqaNOQA \t\n\r:ctg-rules,VOT001x")), max_size=60)
    | st.sampled_from(["key: 1  #   ctg-rules:\tNoQa: VOT001", "a: '#' # NOQA", "# x\nnoqa"])
)
def test_the_quick_look_never_misses_a_waiver(text: str) -> None:
    # the look for "noqa" after a "#" only spares the pattern where it cannot match
    assert waivers._mentions_noqa(text) or not waivers._NOQA.search(text)


def test_waivers_after_other_comments_block_scalars_and_blank_first_lines() -> None:
    text = (
        "\n"  # a blank first line: lines and columns still count from it
        "# a plain comment first\n"
        "a: 1  # another one\n"
        "b: |\n  text\n# noqa: VOT001 -- right after a block scalar, at column 1\n"
        "c: 2  # ctg-rules: noqa -- off the first line: ignored, the next ones still read\n"
        "d: 3 #noqa: DAT002\n"
        "# and a last comment\n"
    )
    assert [(w.line, w.column, w.codes) for w in waivers.parse(text)] == [
        (6, 1, ("VOT001",)),
        (8, 6, ("DAT002",)),
    ]
    assert [(w.line, w.column) for w in waivers.parse("\n# noqa: VOT001\n")] == [(2, 1)]
    # the only waiver written "#noqa", without a space: the quick look must still see it
    assert [(w.line, w.column) for w in waivers.parse("a: 1 #noqa: VOT001\n")] == [(1, 6)]


def finding(code: str, line: int | None, suppressed: bool = False) -> SimpleNamespace:
    return SimpleNamespace(code=code, line=line, suppressed=suppressed, reason=None)


def test_apply_waives_each_finding_its_waivers_cover_and_no_other() -> None:
    line = waivers.Waiver(1, 7, ("VOT001",), "late")
    whole = waivers.Waiver(1, 1, ("DAT002",), "archived", whole_file=True)
    found = [
        finding("VOT001", 1, suppressed=True),  # already waived: left as it is
        finding(waivers.CODE, 1),  # NQA001 is never waived
        finding("VOT001", 1),
        finding("VOT001", None),  # no line: no line waiver covers it
        finding("DAT002", 5),
        finding("DAT002", 9),
        finding("VOT004", 5),  # not named by the whole-file waiver
    ]
    waivers.apply([line, whole], found)
    assert [(f.suppressed, f.reason) for f in found] == [
        (True, None), (False, None), (True, "late"), (False, None),
        (True, "archived"), (True, "archived"), (False, None),
    ]  # fmt: skip
    assert (line.used, whole.used) == ({"VOT001"}, {"DAT002"})
    everything = waivers.Waiver(1, 1, (), None, whole_file=True)
    nqa = [finding(waivers.CODE, 3), finding("VOT004", 3)]
    waivers.apply([everything], nqa)
    assert [f.suppressed for f in nqa] == [False, True]


def judged(ws: list[waivers.Waiver], *, later: tuple[str, ...] = (), final: bool = False) -> list[tuple]:
    ran, known = ("VOT001", "DAT002", "IDN004"), ("VOT001", "DAT002", "IDN004", "ANX001")
    return [
        (v.key, v.line, v.column, dict(v.args))
        for v in waivers.unused(ws, ran, known, later=later, final=final)
    ]


def test_unused_waivers_are_judged_once_each_at_the_right_pass() -> None:
    ws = [
        waivers.Waiver(2, 7, (), None),  # names no code
        waivers.Waiver(3, 7, ("VOT001", "XYZ999"), None),  # unused, and a code nobody knows
        waivers.Waiver(4, 7, ("IDN004",), None),  # a run-scoped rule: judged at the end
    ]
    assert judged(ws, later=("IDN004",)) == [
        ("no_code", 2, 7, {}),
        ("unknown", 3, 7, {"codes": ["XYZ999"]}),
        ("unused", 3, 7, {"codes": ["VOT001"]}),
    ]
    assert judged(ws, later=("IDN004",), final=True) == [("unused", 4, 7, {"codes": ["IDN004"]})]
    # without run-scoped rules, everything is judged at once
    assert judged(ws)[-1] == ("unused", 4, 7, {"codes": ["IDN004"]})
    # a whole-file waiver that waived nothing: once, when every finding is in
    whole = [waivers.Waiver(1, 1, (), None, whole_file=True)]
    assert judged(whole) == [("file", 1, 1, {})] and judged(whole, final=True) == []
    assert judged(whole, later=("IDN004",)) == [] and judged(whole, later=("IDN004",), final=True) == [
        ("file", 1, 1, {})
    ]
    # a later code that did not run is not waited for
    assert judged([waivers.Waiver(3, 7, ("ANX001",), None)], later=("ANX001",)) == []
