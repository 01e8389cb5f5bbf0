"""Vote, quorum, proxy and recusal rules (VOT, PRX, REC) on the examples, the legal windows,
the pack entries, and a 1,000-member council."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from ctg_rules.checks.votes import threshold
from ctg_rules.engine import Engine, Options, registry
from ctg_rules.model import Dossier
from ctg_rules.testing import check_file, check_text, triples

from .conftest import CLEAN, DEFECTS, SEED

FAMILIES = ("VOT", "PRX", "REC")


def ours(findings):
    return [f for f in findings if f.code.startswith(FAMILIES)]


def line_of(path: Path, text: str) -> int:
    """The line of the first occurrence of ``text`` (examples move as others add defects)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path.name}")


def test_seed_gives_no_error_but_the_approximate_proxy_and_the_communes_signatories() -> None:
    result = check_file(SEED, builtins_only=True, select=FAMILIES)
    assert triples(result.findings) == {
        ("PRX004", "warning", line_of(SEED, "proxy_to: POUGET Valérie")),
        ("REC003", "info", line_of(SEED, "- FERNANDEZ Florence")),  # present, signs for Chanac
        ("REC003", "info", line_of(SEED, "name: RODRIGUES David")),  # voted by proxy, Banassac
        ("REC003", "info", line_of(SEED, "name: POURQUIER Jean-Paul")),  # voted by proxy, Massegros
    }
    by_code = {f.code: f.message for f in result.findings}
    assert "SAGNET-POUGET Valérie" in by_code["PRX004"]
    # the chair of the CCSS withdrew: no error; MALZAC (absent, no proxy) did not take part
    assert not any("ROCHOUX" in f.message or "MALZAC" in f.message for f in result.findings)


def test_clean_example_gives_none_of_these_findings() -> None:
    assert ours(check_file(CLEAN, builtins_only=True).findings) == []


def test_defects_example_findings() -> None:
    found = {(f.code, f.severity, f.line) for f in ours(check_file(DEFECTS, builtins_only=True).findings)}
    declared = line_of(DEFECTS, "declared: {present: 8")
    assert found == {
        ("VOT001", "error", declared),  # 8 present printed, 7 listed; 2 represented, 4 listed
        ("VOT005", "error", line_of(DEFECTS, "- ROUQUETTE André")),  # 6 without PORTAL, interested
        ("VOT003", "error", declared),  # 7 present + 3 proxies = 10, the act says 11
        ("REC002", "error", line_of(DEFECTS, "vote: {for: 8")),  # PORTAL Yvette's proxy counted
        ("PRX001", "error", line_of(DEFECTS, "proxy_to: ARNAL Marc")),
        ("PRX002", "error", line_of(DEFECTS, "name: DELMAS Rose")),
        ("REC003", "info", line_of(DEFECTS, "- MALIGE Jean")),  # mayor of Nasbinals, voted
    }
    # PORTAL Yvette chairs the association but withdrew from the vote: no REC003 error
    assert ("REC003", "error") not in {(c, s) for c, s, _ in found}


def test_messages_state_the_numbers_in_both_languages() -> None:
    text = """
ctg_rules: 1
deliberations:
  - number: D1
    declared: {voters: 29}
    present: [A Anne, B Bruno, C Carla]
    absent: [{name: D Denis, proxy_to: A Anne}]
"""
    (fr,) = check_text(text, builtins_only=True, select=("VOT003",)).findings
    (en,) = check_text(text, builtins_only=True, select=("VOT003",), lang="en").findings
    assert fr.message == "3 présents + 1 pouvoirs = 4 votants, l'acte en déclare 29"
    assert en.message == "3 present + 1 proxies = 4 voters, the act declares 29"


# --- legal windows ---------------------------------------------------------------------------

WINDOWS = [  # (day, proxies per member, quorum, members represented count)
    (date(2020, 3, 23), 1, "> 1/2", False),
    (date(2020, 3, 24), 2, ">= 1/3", False),  # loi 2020-290
    (date(2020, 4, 1), 2, ">= 1/3", False),
    (date(2020, 4, 2), 2, ">= 1/3", True),  # ordonnance 2020-391 (JO of 2 April): present or represented
    (date(2020, 7, 10), 2, ">= 1/3", True),  # end of the first state of emergency
    (date(2020, 7, 11), 2, ">= 1/3", False),  # loi 2020-760
    (date(2020, 8, 30), 2, ">= 1/3", False),
    (date(2020, 8, 31), 1, "> 1/2", False),
    (date(2020, 11, 14), 1, "> 1/2", False),  # loi 2020-1379 is of the 14th, published on the 15th
    (date(2020, 11, 15), 2, ">= 1/3", False),
    (date(2021, 6, 1), 2, ">= 1/3", False),
    (date(2021, 6, 2), 2, ">= 1/3", False),  # loi 2021-689
    (date(2021, 9, 30), 2, ">= 1/3", False),
    (date(2021, 10, 1), 1, "> 1/2", False),
    (date(2021, 11, 10), 1, "> 1/2", False),  # loi 2021-1465 is of the 10th, published on the 11th
    (date(2021, 11, 11), 2, ">= 1/3", False),
    (date(2022, 7, 31), 2, ">= 1/3", False),
    (date(2022, 8, 1), 1, "> 1/2", False),
    (date(2023, 10, 12), 1, "> 1/2", False),
]


@pytest.mark.parametrize(("day", "proxies", "quorum", "represented"), WINDOWS, ids=lambda v: str(v))
def test_health_emergency_windows(day: date, proxies: int, quorum: str, represented: bool) -> None:
    reg = registry(builtins_only=True)
    assert reg.params("PRX002", None).at("proxies_per_member", day) == proxies
    assert reg.params("VOT005", None).at("quorum", day) == quorum
    assert reg.params("VOT008", None).at("quorum", day) == quorum
    assert reg.params("VOT005", None).at("quorum_counts_represented", day) is represented
    assert reg.params("VOT005", None).reference("quorum", day)  # every window cites its law


@pytest.mark.parametrize(
    ("spec", "total", "minimum"),
    [("> 1/2", 34, 18), ("> 1/2", 11, 6), ("> 1/2", 8, 5), (">= 1/3", 34, 12), (">= 1/3", 9, 3),
     (">= 1/3", 15, 5), ("> 1/2", 0, 1)],
)  # fmt: skip
def test_thresholds(spec: str, total: int, minimum: int) -> None:
    assert threshold(spec, total) == minimum


def test_a_configured_parameter_overrides_the_pack() -> None:
    text = """
ctg_rules: 1
deliberations:
  - session: {date: 2024-06-20}
    present: [SOULIER Henri]
    absent: [{name: COSTE Lucien, proxy_to: SOULIER Henri}, {name: DELMAS Rose, proxy_to: SOULIER Henri}]
"""
    assert [f.code for f in check_text(text, builtins_only=True, select=("PRX002",)).findings] == ["PRX002"]
    relaxed = check_text(
        text, builtins_only=True, select=("PRX002",), parameters={"PRX002": {"proxies_per_member": 2}}
    )
    assert relaxed.findings == []


# --- the pack --------------------------------------------------------------------------------


def our_rules():
    return [r for code, r in registry(builtins_only=True).rules.items() if code.startswith(FAMILIES)]


@pytest.mark.parametrize("rule", our_rules(), ids=lambda r: r.code)
def test_pack_entry_is_complete_and_bilingual(rule) -> None:
    pack = rule.pack
    assert pack is not None and pack.name and pack.severity and pack.reference
    for field in (pack.title, pack.what, pack.why, *pack.messages.values()):
        assert isinstance(field, dict) and field.get("fr") and field.get("en"), rule.code
    for spec in pack.parameters.values():
        assert spec.reference and spec.description
        assert all(p.reference and p.start and p.end for p in spec.periods)
    assert set(pack.examples) == {"fail", "pass"}


def _example_dossier(snippet: str) -> str:
    if snippet.startswith(("deliberations:", "convention:")):
        return "ctg_rules: 1\n" + snippet
    body = "".join(f"    {line}\n" for line in snippet.splitlines())
    return "ctg_rules: 1\ndeliberations:\n  - number: X1\n" + body


@pytest.mark.parametrize("rule", our_rules(), ids=lambda r: r.code)
def test_pack_examples_do_what_they_say(rule) -> None:
    """`ctg-rules explain` shows these: the failing one must fail, the passing one pass."""
    for kind, fires in (("fail", True), ("pass", False)):
        text = _example_dossier(rule.pack.examples[kind])
        assert yaml.safe_load(text)["ctg_rules"] == 1
        result = check_text(text, builtins_only=True, select=(rule.code,))
        assert not result.errors, (kind, result.errors)
        assert bool(result.findings) is fires, (kind, [f.message for f in result.findings])


def test_every_message_key_has_a_template() -> None:
    """No finding of the fixtures falls back to the rule's title or leaves a {placeholder}."""
    fixtures = Path(__file__).parent / "fixtures" / "rules"
    for lang in ("fr", "en"):
        engine = Engine(Options(builtins_only=True, select=FAMILIES, lang=lang))
        for path in sorted(fixtures.glob("*/fail_*.yaml")):
            for f in engine.check_file(path).findings:
                rule = engine.registry.rules[f.code]
                assert f.message != rule.title(lang) and "{" not in f.message, (path.name, f.message)


# --- scale -----------------------------------------------------------------------------------


def _word(i: int, stem: str) -> str:
    """A distinct word per number (names are letters: digits would fold away)."""
    letters = ""
    for _ in range(3):
        i, r = divmod(i, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[r]
    return stem + letters


def big_council(size: int = 1000) -> dict:
    """A consistent council: 700 present, 300 absent of whom 250 gave a proxy, 20 recused."""
    names = [f"{_word(i, 'NOM').upper()} {_word(i * 7 + 3, 'Pre')}" for i in range(size)]
    present, absent = names[:700], names[700:]
    givers = absent[:250]
    recused = present[600:620]
    held_by_recused = 0
    absent_entries: list = []
    for k, giver in enumerate(givers):
        holder = present[k]
        absent_entries.append({"name": giver, "proxy_to": " ".join(reversed(holder.split()))})
    absent_entries += absent[250:]
    voters = len(present) + len(givers)
    taking_part = voters - len(recused) - held_by_recused
    parties = [
        {"id": f"p{k}", "name": f"Commune {k}", "kind": "commune",
         "representatives": [{"name": present[k * 7], "role": "Maire"}]}
        for k in range(40)
    ]  # fmt: skip
    return {
        "ctg_rules": 1,
        "deliberations": [
            {
                "number": "BIG",
                "session": {"date": date(2024, 3, 14), "president": present[0]},
                "members_in_office": size,
                "declared": {
                    "present": 700,
                    "represented": 250,
                    "absent": 300,
                    "voters": voters,
                    "quorum": 501,
                    "absolute_majority": threshold("> 1/2", taking_part - 10),
                },
                "present": present,
                "absent": absent_entries,
                "recused": recused,
                "vote": {"for": taking_part - 20, "against": 10, "abstentions": 10},
                "decision": "adopted",
            }
        ],
        "convention": {"parties": parties},
    }


def test_a_thousand_member_council_gives_only_its_recusals() -> None:
    dossier = Dossier.model_validate(big_council())
    engine = Engine(Options(builtins_only=True, select=FAMILIES))
    engine.check_dossier(dossier)  # warm the caches (pack, regexes)
    dossier = Dossier.model_validate(big_council())
    result = engine.check_dossier(dossier)  # its time: benchmarks/budgets.py
    assert {f.code for f in result.findings} == {"REC003"}  # the 40 mayors, nothing else
    assert len(result.findings) == 40 and {f.severity for f in result.findings} == {"info"}


def test_a_threshold_that_is_not_a_fraction_is_refused_by_name() -> None:
    assert (threshold("> 1/2", 15), threshold(">= 1/3", 15), threshold("> 1/2", 0)) == (8, 5, 1)
    with pytest.raises(ValueError, match=r"threshold 'half': expected '> a/b' or '>= a/b'"):
        threshold("half", 15)


def test_a_session_date_unfilled_or_absent_is_read_as_today() -> None:
    # the rules in force now apply (quorum, proxies): never a placeholder passed on as a date
    from ctg_rules.checks.votes import session_date
    from ctg_rules.model import Deliberation

    for session in ({"date": "XX/06/2024"}, {}, None):
        d = Deliberation.model_validate({"number": "1", "session": session})
        assert session_date(d) == date.today()
    dated = Deliberation.model_validate({"number": "1", "session": {"date": "2020-05-20"}})
    assert session_date(dated) == date(2020, 5, 20)
