"""The deliberation reader's own parts called directly: where each item starts and its number, the
subject, the convention it approves (period, who may sign).

Each extract is written for the test (invented numbers, subjects and dates).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.reader_helpers import BASE, reader, where


def numbers(text: str) -> list[tuple[str, str]]:
    """Each item's number and the text its line starts with."""
    r = reader(text)
    return [(num[0], text[start : start + 6]) for start, num in r.items() if num]


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Délibération n° 2024-12 : Budget", "2024-12"),
        ("DELIBERATION N° 2024-12", "2024-12"),
        ("N° 12 : Budget", "12"),
        ("No 12 - Budget", "12"),
        ("Délibération n°12", "12"),
        ("Délibération n° 12.", "12"),
        ("n° de la délibération : 2024/12", "2024/12"),
        ("N° 2024 / 12 - Budget", "2024/12"),
        ("DELIBERATION 2024_015", "2024_015"),
        ("Délibération D2024-015 : Budget", "D2024-015"),
        ("DEL 2024-015", "DEL 2024-015"),
        ("DE-2024-015 : Budget", "DE-2024-015"),
        ("CM2024.15.3", "CM2024.15.3"),
        ("2016-03-004", "2016-03-004"),
        ("2024-03-01 : Budget", "2024-03-01"),
        ("  2024.03.01 – Budget", "2024.03.01"),
    ],
)
def test_an_item_s_number(line: str, number: str) -> None:
    r = reader("Séance du 12 mars 2024\n" + line + "\nObjet : budget\n")
    found = r.items()
    assert [num[0] for _, num in found if num] == [number]
    assert found[0][0] == 23  # the number's line
    assert found[0][1][1] == 23 + line.index(number.split("/")[0])  # the number's own offset


@pytest.mark.parametrize(
    "line",
    [
        "N° abc",  # no figure
        "N° 034-213401722-20240312-12-DE",  # the act's identifier
        "Budget 2024 : vote",
        "Article 12 : le maire",
        "2024 : une année",
    ],
)
def test_no_item_number(line: str) -> None:
    assert reader(line + "\n").items() == []


def test_several_items_and_a_number_printed_twice() -> None:
    text = "2024-03-01 : Budget\n2024-03-02 : Tarifs\n2024-03-01 : Budget (suite)\nN° 2024 / 5\nn° 2024/5\n"
    assert numbers(text) == [("2024-03-01", "2024-0"), ("2024-03-02", "2024-0"), ("2024/5", "N° 202")]
    assert numbers("DEL 2024-015\nDEL2024-015\n") == [("DEL 2024-015", "DEL 20")]


def test_the_act_s_identifier_above_the_number() -> None:
    assert numbers("N° 034-213401722-20240312-12-DE\nDélibération n° 12 : Budget\n") == [("12", "Délibé")]


def test_a_number_on_the_line_after_a_blank_first_line() -> None:
    assert reader("\n2024-03-01 : Budget\n").items() == [(1, ("2024-03-01", 1))]


def test_two_numbered_items_are_not_replaced_by_their_vote_lines() -> None:
    text = "2024-03-01 : Budget\nVote : pour 12\n\n2024-03-02 : Tarifs\nVote : contre 1\n"
    assert [num[0] for _, num in reader(text).items() if num] == ["2024-03-01", "2024-03-02"]


def test_items_closed_by_vote_lines_when_nothing_is_numbered() -> None:
    text = "Séance\n\nBudget\nVote : pour 12\n\nTarifs\nVote : contre 1\n"
    found = reader(text).items()
    assert [num for _, num in found] == [None, None]
    assert [text[s:].strip().split("\n")[0] for s, _ in found] == ["Budget", "Tarifs"]
    # one number and vote lines: still the vote lines
    text = "Séance\nN° 12\n\nBudget\nVote : pour 12\n\nTarifs\nVote : contre 1\n"
    assert [num for _, num in reader(text).items()] == [None, None]


# --- the subject ------------------------------------------------------------------------------------


def subject(text: str, number: tuple[str, int] | None = None) -> tuple[Any, Any]:
    r = reader(text)
    r.subject(BASE, 0, r.end, number)
    value = r.out.get((*BASE, "subject"))
    return value, (where(r, "subject") if value is not None else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Objet : Budget primitif 2024\n", "Budget primitif 2024"),
        ("OBJET : BUDGET PRIMITIF\n", "Budget primitif"),
        ("  Objet: Budget primitif.\n", "Budget primitif"),
        (
            "Objet : Convention avec la CAF\npour la période 2024-2027\nLe conseil\n",
            "Convention avec la CAF pour la période 2024-2027",
        ),
        ("Objet : Convention avec la CAF.\npour la période\n", "Convention avec la CAF"),
        ("Objet : Budget\n\nsuite\n", "Budget"),
        ("Objet : Budget\nvu le code\n", "Budget"),
        ("Objet : Budget\nLe conseil\n", "Budget"),
        ("Objet : Convention\navec la CAF\net la commune\n", "Convention avec la CAF et la commune"),
    ],
)
def test_the_subject_after_objet(text: str, expected: str) -> None:
    assert subject(text)[0] == expected


def test_a_long_subject_takes_no_more_lines() -> None:
    value, _ = subject("Objet : " + "Budget " * 30 + "\nsuite en minuscules\n")
    assert value is not None and not value.endswith("suite en minuscules")


def test_the_subject_s_position() -> None:
    assert subject("Séance\nObjet : Budget primitif 2024\n") == ("Budget primitif 2024", (2, 9))


def test_the_subject_after_the_number() -> None:
    assert subject("2024-03-01 : Budget primitif\n", ("2024-03-01", 0)) == ("Budget primitif", (1, 14))
    assert subject("N° 2024 / 12 - Budget primitif\n", ("2024/12", 3)) == ("Budget primitif", (1, 16))
    assert subject("2024-03-01 – Tarifs.\n", ("2024-03-01", 0)) == ("Tarifs", (1, 14))
    assert subject("2024-03-01 : 12 mars\n", ("2024-03-01", 0)) == (None, None)  # a date, not a subject


def test_an_empty_objet_falls_back_on_the_number() -> None:
    assert subject("Objet :  .\n2024-03-01 : Budget primitif\n", ("2024-03-01", 11))[0] == "Budget primitif"


@pytest.mark.parametrize(
    ("text", "expected", "at"),
    [
        ("Tarifs de la cantine\nMonsieur le Maire rapporte :\n", "Tarifs de la cantine", (1, 1)),
        (
            "Présents : M. X\n\nTarifs de la cantine\npour 2024\n\nMonsieur le Maire rapporte :\n",
            "Tarifs de la cantine pour 2024",
            (3, 1),
        ),
        (
            "Vu le code :\nTarifs de la cantine\nMonsieur le Maire rapporte :\n",
            "Tarifs de la cantine",
            (2, 1),
        ),
        (
            "M. Paul ROUX, Maire\nTarifs de la cantine\nM. le Maire rapporte :\n",
            "Tarifs de la cantine",
            (2, 1),
        ),
        ("a\nb\nc\nd\ne\nf\nM. le Maire rapporte :\n", "c d e f", (3, 1)),  # four lines at most
        ("   Tarifs de la cantine.\nM. le Maire rapporte :\n", "Tarifs de la cantine", (1, 4)),
        ("Présents : M. X\nTarifs\nM. le Maire rapporte :\n", "Tarifs", (2, 1)),
        ("Tarifs, cantine et garderie\nM. le Maire rapporte :\n", "Tarifs, cantine et garderie", (1, 1)),
        ("Attribution du lot X.\nM. le Maire rapporte :\n", "Attribution du lot X", (1, 1)),
    ],
)
def test_the_subject_above_the_report(text: str, expected: str, at: tuple[int, int]) -> None:
    assert subject(text) == (expected, at)


def test_the_subject_above_the_report_of_its_own_item() -> None:
    text = "Budget\nM. le Maire rapporte :\nExposé.\n\nTarifs\nM. le Maire rapporte :\n"
    r = reader(text)
    r.subject(BASE, text.index("Tarifs"), r.end, None)
    assert r.out.get((*BASE, "subject")) == "Tarifs"
    text = "Budget\nDivers\n\nTarifs\nM. le Maire rapporte :\n"
    r = reader(text)
    r.subject(BASE, 0, text.index("Tarifs"), None)
    assert r.out.get((*BASE, "subject")) is None


def test_no_subject() -> None:
    assert subject("Rien\n") == (None, None)
    assert subject("Monsieur le Maire rapporte :\n") == (None, None)
    assert subject("Présents :\nMonsieur le Maire rapporte :\n") == (None, None)


# --- what the deliberation approves ------------------------------------------------------------------


def approves(text: str) -> dict[str, Any] | None:
    r = reader(text)
    r.approves(BASE, 0, r.end)
    return r.out.get((*BASE, "approves"))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (
            "Le conseil approuve la convention territoriale globale pour la période du 1er janvier 2024 au 31 décembre 2027.",
            date(2024, 1, 1),
            date(2027, 12, 31),
        ),
        (
            "APPROUVE la CTG pour la période du 01/01/2024 jusqu'au 31/12/2027.",
            date(2024, 1, 1),
            date(2027, 12, 31),
        ),
        ("ADOPTE le plan pour la période du 01/01/2024 au 31/12/2026.", date(2024, 1, 1), date(2026, 12, 31)),
        (
            "La convention est conclue pour la période du 01/01/2024 au 31/12/2027.",
            date(2024, 1, 1),
            date(2027, 12, 31),
        ),
        ("La convention prend effet à compter du 01/01/2024.", date(2024, 1, 1), None),
        ("Le conseil valide le projet pour la période du 01/01/2024.", date(2024, 1, 1), None),
        (
            "Le conseil autorise la dépense pour la période du 01/01/2024, puis 31/12/2027.",
            date(2024, 1, 1),
            None,
        ),
    ],
)
def test_the_period_approved(text: str, start: date, end: date | None) -> None:
    period = {"start": start} | ({"end": end} if end else {})
    assert approves(text + "\n") == {"period": period}


def test_a_period_left_blank_in_a_draft() -> None:
    assert approves("APPROUVE la convention pour la période du XX/XX/2024 au XX/XX/2027.\n") == {
        "period": {"start": "XX/XX/2024", "end": "XX/XX/2027"}
    }


def test_the_period_s_positions() -> None:
    r = reader("Objet\nAPPROUVE la CTG pour la période du 01/01/2024 au 31/12/2027.\n")
    r.approves(BASE, 0, r.end)
    assert where(r, "approves", "period", "start") == (2, 36)
    assert where(r, "approves", "period", "end") == (2, 50)


@pytest.mark.parametrize(
    "text",
    [
        "Le conseil approuve le budget. La convention est conclue pour la période du 01/01/2024 au 31/12/2027."[
            :30
        ],
        "La convention est conclue pour la période du " + "x" * 40 + " 01/01/2024.",
        "Le conseil approuve le rapport.",
    ],
)
def test_no_period(text: str) -> None:
    assert approves(text + "\n") is None


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Le conseil autorise le Maire à signer la convention.", ["Maire"]),
        (
            "AUTORISE Monsieur le Président et le Vice-Président à signer la convention.",
            ["Président", "Vice-Président"],
        ),
        ("Décide d'autoriser Madame la Maire à signer la convention.", ["Maire"]),
        ("AUTORISE la directrice à signer la convention.", ["Directrice"]),
        ("AUTORISE le directeur à signer la convention.", ["Directeur"]),
        ("AUTORISE M. l'adjoint délégué à signer la convention.", ["Adjoint délégué"]),
        ("AUTORISE Mme la Présidente à signer la convention et ses avenants.", ["Présidente"]),
        ("AUTORISE, le Maire à signer la convention. Le directeur est chargé de l'exécution.", ["Maire"]),
        ("AUTORISE le Maire à signer la convention et le directeur à signer l'avenant.", ["Maire"]),
    ],
)
def test_who_may_sign_the_convention(text: str, roles: list[str]) -> None:
    r = reader(text + "\n")
    r.approves(BASE, 0, r.end)
    assert r.out.get((*BASE, "approves")) == {"authorised_signatories": roles}
    assert where(r, "approves", "authorised_signatories")[0] == 1


@pytest.mark.parametrize(
    "text",
    [
        "AUTORISE le Maire à signer l'avenant.",  # not the convention
        "AUTORISE le Maire, " + "après avis de la commission et du bureau, " * 6 + "à signer la convention.",
        "AUTORISE le Maire à signer "
        + "les pièces et documents afférents au dossier, " * 6
        + "et la convention.",
        "AUTORISE le Maire à signer tout document.",
        "AUTORISE le versement.",
        "AUTORISE le trésorier à signer la convention.",  # no role known
    ],
)
def test_no_signatory(text: str) -> None:
    assert approves(text + "\n") is None


def test_a_date_far_after_au_is_not_the_period_s_end() -> None:
    text = "APPROUVE la convention pour la période du 01/01/2024 au terme fixé par l'avenant numéro deux, le 31/12/2027.\n"
    assert approves(text) == {"period": {"start": date(2024, 1, 1)}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Objet : Budget primitif\nMonsieur le Maire expose le projet.\n", "Budget primitif"),
        ("Objet : Convention du lot X\nsigné avec la commune\n", "Convention du lot X signé avec la commune"),
        ("Objet : Attribution du lot X\n", "Attribution du lot X"),
    ],
)
def test_the_subject_s_lines(text: str, expected: str) -> None:
    assert subject(text)[0] == expected


def test_a_subject_after_its_number_ending_with_a_capital_x() -> None:
    assert subject("2024-03-01 : Attribution du lot X\n", ("2024-03-01", 0))[0] == "Attribution du lot X"


# --- the limits of what the reader looks at, each pinned at its edge -----------------------------------


@pytest.mark.parametrize("number", ["2024-XX", "12-IX"])
def test_an_item_s_number_ending_with_a_capital_x(number: str) -> None:
    # a draft's placeholder, a Roman numeral: the X is the number's, only '.' and ':' are stripped
    assert [num[0] for _, num in reader(f"Séance\nDélibération n° {number} : Budget\n").items() if num] == [
        number
    ]


def test_the_subject_stops_at_the_item_s_end_even_in_lower_case() -> None:
    text = "Objet : Budget primitif\nn° 12 : tarifs de la cantine\n"
    r = reader(text)
    r.subject(BASE, 0, text.index("n° 12"), None)
    assert r.out.get((*BASE, "subject")) == "Budget primitif"


@pytest.mark.parametrize(("length", "continued"), [(199, True), (200, False)])
def test_a_subject_continues_below_a_line_shorter_than_200_characters(length: int, continued: bool) -> None:
    line = ("Budget " * 40)[: length - 1] + "x"
    value, _ = subject("Objet : " + line + "\nsuite en minuscules\n")
    assert value is not None and value.endswith("suite en minuscules") is continued


def test_the_subject_after_the_number_is_looked_for_in_the_item_only() -> None:
    text = "2024-03-01\nLe conseil délibère.\n\n2024-03-01 : Budget primitif\n"
    r = reader(text)
    r.subject(BASE, 0, text.index("\n\n"), ("2024-03-01", 0))
    assert r.out.get((*BASE, "subject")) is None


def _at(head: str, distance: int, thing: str) -> str:
    """``head``, then ``thing`` starting exactly ``distance`` characters after its end (a word between)."""
    return head + " " + "x" * (distance - 2) + " " + thing


@pytest.mark.parametrize(("distance", "roles"), [(191, ["Maire"]), (192, None)])
def test_a_signer_within_200_characters_of_autorise(distance: int, roles: list[str] | None) -> None:
    # ' à signer' ends at the 200th character after 'AUTORISE ' (191) or one past it (192)
    text = _at("AUTORISE le Maire", distance - len("le Maire") + 1, "à signer la convention.\n")
    assert text.index(" à signer") - len("AUTORISE ") == distance
    assert approves(text) == ({"authorised_signatories": roles} if roles else None)


@pytest.mark.parametrize(("distance", "roles"), [(190, ["Maire"]), (191, None)])
def test_the_convention_within_200_characters_of_a_signer(distance: int, roles: list[str] | None) -> None:
    # 'convention' ends at the 200th character from ' à signer' (190) or one past it (191)
    text = _at("AUTORISE le Maire à signer", distance - len(" à signer"), "convention.\n")
    assert text.index("convention") - text.index(" à signer") == distance
    assert approves(text) == ({"authorised_signatories": roles} if roles else None)


@pytest.mark.parametrize(("distance", "found"), [(20, True), (21, False)])
def test_the_period_s_first_date_within_30_characters(distance: int, found: bool) -> None:
    # the date ends at the 30th character after 'du ' (20) or one past it (21)
    head = "APPROUVE la CTG pour la période du "
    text = head + "x" * (distance - 1) + " 01/01/2024 au 31/12/2027.\n"
    assert text.index("01/01") - len(head) == distance
    period = {"start": date(2024, 1, 1), "end": date(2027, 12, 31)}
    assert approves(text) == ({"period": period} if found else None)


@pytest.mark.parametrize(("distance", "end"), [(50, date(2027, 12, 31)), (51, None)])
def test_the_period_s_end_within_60_characters_of_its_start(distance: int, end: date | None) -> None:
    # the end ends at the 60th character from the start's first (50) or one past it (51)
    text = _at("APPROUVE la CTG pour la période du 01/01/2024 au", distance - 13, "31/12/2027.\n")
    assert text.index("31/12") - text.index("01/01") == distance
    assert approves(text) == {"period": {"start": date(2024, 1, 1)} | ({"end": end} if end else {})}


def test_the_period_s_end_is_the_date_after_au() -> None:
    text = "APPROUVE la convention pour la période du 01/01/2024 (ou 15/01/2024) au 31/12/2027.\n"
    assert approves(text) == {"period": {"start": date(2024, 1, 1), "end": date(2027, 12, 31)}}
