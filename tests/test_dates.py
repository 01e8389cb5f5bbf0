"""Date rules (DAT) on the examples, clear-day arithmetic, and the date helpers they share."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctg_rules.checks.dates import party_label_in
from ctg_rules.dates import add_years, clear_days_between, fits, parse_placeholder, whole_months
from ctg_rules.model import Party
from ctg_rules.testing import check_file, check_text, triples

from .conftest import CLEAN, DEFECTS, SEED, SHARED

DAT_IDN = [f"DAT00{n}" for n in range(1, 9)] + [f"IDN00{n}" for n in range(1, 5)]


def findings(path, codes=DAT_IDN, **options):
    return triples(check_file(path, builtins_only=True, **options).findings, codes)


# --- the examples --------------------------------------------------------------------------


def test_seed_gives_exactly_these_date_and_identifier_findings() -> None:
    assert findings(SEED) == {
        # The list: DAT003 for every "XX" left in a visa date (annexes 1a, 1b, 1c, 1d, 2)...
        ("DAT003", "error", 152),
        ("DAT003", "error", 156),
        ("DAT003", "error", 160),
        ("DAT003", "error", 164),
        ("DAT003", "error", 168),
        # ...and in an annex date (1a and 1c: "XX 2023")...
        ("DAT003", "error", 171),
        ("DAT003", "error", 173),
        # ...and DAT008 where annex 1a's "XX 2023" can be filled from D23.080 (12/10/2023).
        ("DAT008", "warning", 171),
        # Beyond the list, each one the document's own:
        # - annex 1f (Banassac) is a deliberation printed with no date at all: a missing date
        #   where the dossier needs one (DAT003 covers missing as well as placeholder dates);
        ("DAT003", "error", 175),
        # - the draft's own signature date "Le XX XX 2023": a reminder (warning), per DAT003;
        ("DAT003", "warning", 521),
        # - the visas of 1a, 1b, 1d and 2 say "XX" while the dossier knows the date (D23.080
        #   of 12/10/2023; annexes 1b 26/09, 1d 15/09, 2 26/09/2023): DAT008 gives the value,
        #   as for annex 1a. The visa of 1c has nothing to be filled from (annex 1c is "XX 2023").
        ("DAT008", "warning", 152),
        ("DAT008", "warning", 156),
        ("DAT008", "warning", 164),
        ("DAT008", "warning", 168),
        # No IDN finding: 048-200069268-20231012-D23_080-DE is valid and agrees with the act.
    }


def test_seed_messages_say_what_the_dates_should_be() -> None:
    result = check_file(SEED, builtins_only=True, select=("DAT008",))
    annex_1a = next(f for f in result.findings if f.line == 171)
    assert annex_1a.message == (
        "l'annexe 1a est datée « XX 2023 » : la délibération D23.080 de la communauté de communes "
        "Aubrac Lot Causses Tarn, dans ce dossier, est du 12/10/2023"
    )
    english = check_file(SEED, builtins_only=True, select=("DAT008",), lang="en")
    visa_1d = next(f for f in english.findings if f.line == 164)
    assert visa_1d.message == (
        'the recital of the deliberation of Commune de La Canourgue gives the date "XX": '
        "annex 1d gives 2023-09-15"
    )


def test_clean_example_gives_no_date_or_identifier_finding() -> None:
    assert findings(CLEAN) == set()


def test_defects_example_date_findings() -> None:
    assert findings(DEFECTS) == {
        ("DAT007", "warning", 19),  # convened on 17/06 for 20/06: 2 clear days, an EPCI needs 5
        ("DAT001", "error", 42),  # certified before the session
        ("DAT001", "error", 45),  # received before it was sent
        ("DAT002", "error", 46),  # the identifier is dated 21/06, the session 20/06
        ("DAT005", "error", 55),  # the council approved 2024-2028, the convention says 2024-2027
        ("DAT003", "error", 83),  # visa date "XX/06/2024"
        ("DAT008", "warning", 83),  # ...which the dossier fills: 20/06/2024
        ("DAT006", "error", 96),  # signed on 21/06, the deliberation was sent on 25/06
    }


# --- messages carry the dates involved -----------------------------------------------------

DOSSIER = """\
ctg_rules: 1
deliberations:
  - number: "2024-07"
    body: {kind: commune, population: 4200}
    session: {date: 2024-06-20, convened_on: 2024-06-17}
    transmission: {sent_on: 2024-06-25, act_id: 048-244800777-20240619-2024_07-DE}
convention:
  type: ctg
  period: {start: 2024-01-01, end: 2026-06-30}
  parties: [{id: cc, name: Commune de Nasbinals, deliberation: "2024-07"}]
  signature: {date: 2024-06-21}
"""


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            {
                "DAT002": "l'identifiant 048-244800777-20240619-2024_07-DE porte la date du 19/06/2024, "
                "mais la séance est du 20/06/2024",
                "DAT004": "la convention court du 01/01/2024 au 30/06/2026, soit 30 mois : "
                "moins des 4 ans attendus",
                "DAT006": "convention signée le 21/06/2024, avant la transmission en préfecture de la "
                "délibération 2024-07 de Commune de Nasbinals (envoyée le 25/06/2024) : elle n'était "
                "pas encore exécutoire",
                "DAT007": "convocation du 17/06/2024 pour la séance du 20/06/2024 : 2 jour(s) franc(s), "
                "une commune de 3\u202f500 habitants et plus en exige 5",
            },
        ),
        (
            "en",
            {
                "DAT002": "the identifier 048-244800777-20240619-2024_07-DE carries the date 2024-06-19, "
                "but the session is dated 2024-06-20",
                "DAT004": "the convention runs from 2024-01-01 to 2026-06-30, 30 months: "
                "less than the 4 years expected",
                "DAT006": "convention signed on 2024-06-21, before deliberation 2024-07 of Commune de "
                "Nasbinals was sent to the prefecture (on 2024-06-25): it was not yet enforceable",
                "DAT007": "convened on 2024-06-17 for the session of 2024-06-20: 2 clear day(s), "
                "a commune of 3,500 inhabitants or more needs 5",
            },
        ),
    ],
)
def test_messages_give_the_dates_in_both_languages(lang: str, expected: dict[str, str]) -> None:
    result = check_text(DOSSIER, builtins_only=True, select=tuple(expected), lang=lang)
    assert {f.code: f.message for f in result.findings} == expected


def test_parameters_come_from_the_pack_the_profile_and_the_options() -> None:
    # The ctg profile sets DAT004's bounds; a configuration may override a rule's parameters.
    assert ("DAT004", "warning", 9) in triples(check_text(DOSSIER, builtins_only=True).findings)
    other = DOSSIER.replace("type: ctg", "type: bail")
    assert "DAT004" not in {f.code for f in check_text(other, builtins_only=True).findings}
    relaxed = check_text(
        DOSSIER,
        builtins_only=True,
        select=("DAT004", "DAT007"),
        parameters={"DAT004": {"min_years": 2}, "DAT007": {"large_commune_days": 2}},
    )
    assert relaxed.findings == []


# --- clear days (jours francs) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "meeting", "clear"),
    [
        (date(2024, 6, 17), date(2024, 6, 20), 2),  # the 18th and 19th
        (date(2024, 6, 19), date(2024, 6, 20), 0),  # the day before: no clear day
        (date(2024, 6, 20), date(2024, 6, 20), 0),
        (date(2024, 1, 29), date(2024, 2, 3), 4),  # across a 31-day month end
        (date(2024, 4, 28), date(2024, 5, 2), 3),  # across a 30-day month end
        (date(2023, 2, 24), date(2023, 3, 1), 4),  # 28 February 2023: four clear days
        (date(2024, 2, 24), date(2024, 3, 1), 5),  # 29 February 2024: five
        (date(2100, 2, 24), date(2100, 3, 1), 4),  # 2100 is not a leap year
        (date(2000, 2, 24), date(2000, 3, 1), 5),  # 2000 is
        (date(2023, 12, 27), date(2024, 1, 2), 5),  # across a year end
    ],
)
def test_clear_days_exclude_the_day_of_sending_and_of_the_meeting(sent, meeting, clear) -> None:
    assert clear_days_between(sent, meeting) == clear


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)), st.integers(1, 60))
def test_clear_days_count_the_calendar_days_strictly_between(sent: date, gap: int) -> None:
    meeting = sent + timedelta(days=gap)
    between = [sent + timedelta(days=n) for n in range(1, gap)]
    assert clear_days_between(sent, meeting) == len(between)


@pytest.mark.parametrize(
    ("convened", "session", "kind", "population", "warned"),
    [
        ("2024-02-26", "2024-03-01", "commune", 800, False),  # 27, 28, 29 February: 3 days
        ("2023-02-26", "2023-03-01", "commune", 800, True),  # 27, 28 February: 2 in 2023
        ("2024-02-24", "2024-03-01", "epci", None, False),  # five with the leap day
        ("2023-02-24", "2023-03-01", "epci", None, True),  # four without it
        ("2024-04-26", "2024-05-01", "commune", 3500, True),  # 27 to 30 April: 4 of the 5
        ("2024-04-25", "2024-05-01", "commune", 3500, False),  # 26 to 30 April: 5
    ],
)
def test_convocation_delay_around_month_ends_and_leap_years(
    convened: str, session: str, kind: str, population: int | None, warned: bool
) -> None:
    body = f"{{kind: {kind}" + (f", population: {population}}}" if population else "}")
    text = (
        "ctg_rules: 1\ndeliberations:\n"
        f"  - body: {body}\n    session: {{date: {session}, convened_on: {convened}}}\n"
    )
    result = check_text(text, builtins_only=True, select=("DAT007",))
    assert bool(result.findings) is warned


def test_a_first_meeting_excuses_a_commune_of_unknown_population_at_three_clear_days() -> None:
    # Without urgency, three clear days stay lawful for the first meeting after an election
    # (L2121-7) whatever delay a configuration asks of communes whose population is unknown.
    text = (
        "ctg_rules: 1\ndeliberations:\n  - body: {kind: commune}\n"
        "    session: {date: 2026-03-27, urgency: false, convened_on: 2026-03-23}\n"
    )
    found = check_text(
        text, builtins_only=True, select=("DAT007",), parameters={"DAT007": {"small_commune_days": 4}}
    ).findings
    assert [(f.severity, f.line) for f in found] == [("warning", 4)]
    shorter = text.replace("2026-03-23", "2026-03-24")
    found = check_text(
        shorter, builtins_only=True, select=("DAT007",), parameters={"DAT007": {"small_commune_days": 4}}
    ).findings
    assert [(f.severity, f.line) for f in found] == [("error", 4)]


def test_a_party_is_named_by_its_name_in_english_by_its_short_name_in_french() -> None:
    short = Party(id="cc", short_name="la communauté de communes")
    assert party_label_in(short, "en") == party_label_in(short, "fr") == "la communauté de communes"
    both = Party(id="cc", name="Communauté de communes", short_name="la communauté de communes")
    assert (party_label_in(both, "en"), party_label_in(both, "fr")) == (
        "Communauté de communes",
        "la communauté de communes",
    )
    assert party_label_in(Party(id="cc"), "en") == "cc"
    assert party_label_in(None, "fr", "ghost") == "ghost" and party_label_in(None, "fr") == "?"


# --- date helpers ------------------------------------------------------------------------------


def test_placeholders_fit_the_dates_they_could_become() -> None:
    october = date(2023, 10, 12)
    assert fits(parse_placeholder("XX"), october)
    assert fits(parse_placeholder("XX 2023"), october)
    assert fits(parse_placeholder("XX/10/2023"), october)
    assert fits(parse_placeholder("XX octobre 2023"), october)
    assert not fits(parse_placeholder("XX/06/2023"), october)
    assert not fits(parse_placeholder("XX 2024"), october)


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2024, 1, 1), date(2029, 1, 1), 60),
        (date(2024, 1, 31), date(2024, 2, 29), 1),  # a short month counts at its last day
        (date(2024, 1, 31), date(2024, 2, 28), 0),
        (date(2024, 3, 14), date(2028, 1, 1), 45),
    ],
)
def test_whole_months(start: date, end: date, months: int) -> None:
    assert whole_months(start, end) == months


def test_add_years_falls_back_to_28_february() -> None:
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert add_years(date(2024, 2, 29), 5) == date(2029, 2, 28)


# --- the seed document itself (../shared, when present) -------------------------------------

SEED_TEXT = SHARED / "seeds" / "000_71465d78580dc015.txt"


@pytest.mark.skipif(not SEED_TEXT.exists(), reason="shared seed document not available")
def test_seed_example_dates_are_the_documents_own() -> None:
    # The seed test above relies on the example's dates: check them against the document.
    text = SEED_TEXT.read_text(encoding="utf-8")
    example = SEED.read_text(encoding="utf-8")
    for label, key in (("Envoyé en préfecture", "sent_on"), ("Reçu en préfecture", "received_on")):
        day, month, year = re.search(label + r" le (\d\d)/(\d\d)/(\d{4})", text).groups()
        assert f"{key}: {year}-{month}-{day}" in example
    assert "ID : 048-200069268-20231012-D23_080-DE" in text
    for annex, printed in (("1b", "26 09 2023"), ("1d", "15 09 2023"), ("2", "26 09 2023")):
        assert re.search(rf"Annexe {annex} : .* {printed}", text)
        day, month, year = printed.split()
        assert re.search(rf"id: {annex},.* date: {year}-{month}-{day}\}}", example)
    assert re.search(r"Annexe 1a : .* en date du XX 2023", text)
    assert len(re.findall(r"^Vu la d\S+ .* en date du XX", text, re.MULTILINE)) == 5
    assert "Le XX XX 2023," in text
