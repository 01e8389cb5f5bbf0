"""The attendance labels (extract/deliberation/labels.py), read by direct calls on short extracts.

Each case is a label a clerk prints ("Étaient présents :", "Absents excusés ayant donné pouvoir :",
"Pouvoirs" alone on its line): what list it opens, where it starts and ends, and whether a number
follows it (a count in a margin column, which does not end the list it interrupts).
"""

from __future__ import annotations

import pytest

from ctg_rules.extract.deliberation import labels
from ctg_rules.extract.deliberation.attendance import AttendanceReader
from ctg_rules.extract.deliberation.lexicon import LEXICON
from ctg_rules.extract.positions import Extraction, Source, plain


def _found(text: str) -> list[tuple[str, str, bool]]:
    """Each label of a text: (kind, the label as printed, followed by a count)."""
    return [
        (lab.kind, text[lab.start : lab.end], lab.count)
        for lab in labels.find(plain(text), text, 0, len(text))
    ]


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Étaient présents :", "present"),
        ("Présents :", "present"),
        ("Présentes :", "present"),
        ("Assistaient à la séance :", "present"),
        ("Absents :", "absent"),
        ("Absents excusés :", "absent"),
        ("Excusés :", "absent"),
        ("Excusé(e)s :", "absent"),
        ("Étaient absent.e.s et excusé.e.s :", "absent"),
        ("Absents et excusés :", "absent"),
        ("Absents non représentés :", "absent"),  # a denied head says nothing of the list
        ("Excusés sans pouvoir :", "absent"),
        ("Pouvoirs :", "proxy"),
        ("Procurations :", "proxy"),
        ("Absents représentés :", "proxy"),
        ("Absents excusés ayant donné pouvoir :", "proxy"),
        ("Mandats :", "proxy"),
        ("Présents ou représentés :", "present"),  # present with proxies: the present's list
        ("Présents et représentés :", "present"),
        ("Suppléants avec voix délibérative :", "substitute"),
        ("Suppléants remplaçants :", "substitute"),
        ("Suppléants :", "stop"),  # without a vote: not members present
        ("Membres titulaires :", "group"),
        ("Mesdames :", "group"),
        ("Secrétaire de séance :", "stop"),
        ("Quorum :", "stop"),
        ("Votants :", "stop"),
    ],
)
def test_label_kind_inline_and_at_a_line_start(label: str, kind: str) -> None:
    # at a line start, then inline after an entry of a flattened paragraph
    assert _found(f"{label} M. Jean DURAND") == [(kind, label, False)]
    assert _found(f"M. Paul ROBIN, {label} M. Jean DURAND") == [(kind, label, False)]
    assert _found(f"Paul ROBIN\n- {label} M. Jean DURAND") == [(kind, label, False)]


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ([], None),
        (["etaient", "la"], None),  # no head word: not a label
        (["presents"], "present"),
        (["absents", "excuses"], "absent"),
        (["absents", "non", "representes"], "absent"),
        (["excuses", "sans", "pouvoir"], "absent"),
        (["non", "representes"], None),  # a denied proxy head alone
        (["pouvoir"], "proxy"),  # the first word: nothing before it denies it
        (["presents", "representes"], "present"),
        (["presents", "absents", "representes"], "proxy"),
        (["suppleants"], "stop"),
        (["suppleants", "avec", "voix"], "substitute"),
        (["suppleants", "votants"], "stop"),  # "votants" is no list of members
        (["suppleants", "presents"], "substitute"),
        (["secretaire", "presents"], "stop"),
        (["titulaires"], "group"),
        (["titulaires", "absents"], "absent"),
        (["titulaires", "presents"], "present"),
    ],
)
def test_kind_of_a_label_s_words(words: list[str], kind: str | None) -> None:
    assert labels.kind_of(words, LEXICON) == kind


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Présents : 24\nM. Jean DURAND", True),
        ("Présents : (24)\nM. Jean DURAND", True),
        ("Présents :   néant", True),
        ("Présents : zéro", True),
        ("Présents : 5 conseillers", True),
        ("Présents : 18 h 30", False),  # a time, not a count
        ("Présents : 18 heures", False),
        ("Présents : 12/03", False),  # a date
        ("Présents : 10.5", False),
        ("Présents : M. Jean DURAND", False),
    ],
)
def test_a_number_after_a_label_is_a_count(text: str, count: bool) -> None:
    assert _found(text) == [("present", "Présents :", count)]


def test_a_count_in_parentheses_before_the_colon_belongs_to_the_label() -> None:
    assert _found("Présents (12) : M. Jean DURAND") == [("present", "Présents (12) :", False)]
    assert _found("Excusés (2): M. Jean DURAND") == [("absent", "Excusés (2):", False)]
    assert _found("Absents représentés (3)  : M. Jean DURAND") == [
        ("proxy", "Absents représentés (3)  :", False)
    ]


def test_labels_of_one_paragraph_in_order_with_their_offsets() -> None:
    text = "Étaient présents : A, B. Absents : C. Secrétaire : D"
    found = labels.find(plain(text), text, 0, len(text))
    assert [(lab.kind, lab.start, lab.end) for lab in found] == [
        ("present", 0, 18),
        ("absent", 25, 34),
        ("stop", 38, 50),
    ]


def test_labels_only_between_the_offsets_given() -> None:
    text = "Présents : A\nAbsents : B\nPouvoirs : C"
    start, end = text.index("Absents"), text.index("Pouvoirs")
    found = labels.find(plain(text), text, start, end)
    assert [(lab.kind, lab.start, lab.end) for lab in found] == [("absent", start, start + 9)]


def test_a_label_alone_on_its_line_ends_at_the_line_end() -> None:
    text = "Présents\nM. Jean DURAND\n• Absents\nM. Paul ROBIN"
    assert _found(text) == [("present", "Présents", False), ("absent", "Absents", False)]
    found = labels.find(plain(text), text, 0, len(text))
    assert [(lab.start, lab.end) for lab in found] == [
        (0, 8),
        (text.index("Absents"), text.index("Absents") + 7),
    ]


@pytest.mark.parametrize("mark", [";", "="])
def test_an_ocr_d_colon_at_a_line_start(mark: str) -> None:
    assert _found(f"Présents {mark} M. Jean DURAND") == [("present", f"Présents {mark}", False)]


def test_a_label_runs_on_to_a_colon_on_the_next_line() -> None:
    text = "Absents ayant voté par procuration en application de l'article L 2121-20 du Code\nGénéral des CT : M. A"
    assert _found(text) == [("proxy", text[: text.index(":") + 1], False)]
    text = "Présents selon la liste\nci-jointe : M. Jean DURAND"
    assert _found(text) == [("present", text[: text.index(":") + 1], False)]


def test_an_article_number_with_its_dot_does_not_end_a_label() -> None:
    text = "Pouvoirs donnés selon l'article L.2121-20 du code : M. Jean DURAND"
    assert _found(text) == [("proxy", text[: text.index(":") + 1], False)]


@pytest.mark.parametrize(
    "text",
    [
        "Présents selon la liste\nci-jointe\nsignée : M. Jean DURAND",  # a colon two lines down
        "Pouvoirs donnés selon la liste.\nci-jointe : M. Jean DURAND",  # a sentence ended first
        "Absents ayant donné pouvoir à Mme X BOURGADE : Paul",  # an entry, not a label
        "Absents ayant donné pouvoir à Jean DURAND : Paul",
        "Présents à la séance selon les feuilles de présence de ce jour",  # no colon at all
    ],
)
def test_words_after_a_head_that_are_not_a_label(text: str) -> None:
    assert _found(text) == []


def test_a_second_head_of_a_kind_starts_an_earlier_label() -> None:
    text = "Suppléants remplaçants : M. X Suppléants : M. Y"
    assert _found(text) == [
        ("substitute", "Suppléants remplaçants :", False),
        ("stop", "Suppléants :", False),
    ]


def test_a_label_read_backwards_stops_at_a_comma_or_a_name() -> None:
    assert _found("le maire, Absents : M. B") == [("absent", "Absents :", False)]
    assert _found("M. Christian BOURA Membres titulaires : M. A") == [
        ("group", "Membres titulaires :", False)
    ]
    # the small words before it are not part of the label
    assert _found("Paul ROBIN et des présents : M. A") == [("present", "présents :", False)]


def test_a_time_before_a_colon_is_no_label() -> None:
    assert _found("Paul ROBIN présents à 18:30 M. A") == []


def test_counts_of_every_list_in_a_margin_column() -> None:
    text = "Excusés : néant\nAbsents : 2\nPrésents : M. A Absents : 3 M. B"
    assert [(k, c) for k, _, c in _found(text)] == [
        ("absent", True),
        ("absent", True),
        ("present", False),
        ("absent", True),
    ]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Paul ROBIN, Présents (12) : M. Jean DURAND", ("present", "Présents (12) :")),  # the count skipped
        ("Paul ROBIN Absents - excusés : M. Jean DURAND", ("absent", "Absents - excusés :")),
        ("Paul ROBIN Absents ou excusés : M. Jean DURAND", ("absent", "Absents ou excusés :")),
        ("Paul ROBIN Absents non excusés : M. Jean DURAND", ("absent", "Absents non excusés :")),
        ("Paul ROBIN Absents et excusés : M. Jean DURAND", ("absent", "Absents et excusés :")),
        # a comma or a full stop before it ends the label
        ("Paul ROBIN présents, absents : M. Jean DURAND", ("absent", "absents :")),
        (
            "Mme Anne PETIT et M. Paul ROBIN étaient absents. Présents : M. Jean DURAND",
            ("present", "Présents :"),
        ),
        # a second head of a kind starts a second label: a table's heads flattened on one line
        (
            "Paul ROBIN Titulaires présents Suppléants présents : M. Jean DURAND",
            ("substitute", "Suppléants présents :"),
        ),
    ],
)
def test_a_label_read_backwards_from_its_colon(text: str, label: tuple[str, str]) -> None:
    assert _found(text) == [(*label, False)]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Absents, représentés : M. Jean DURAND", ("proxy", "Absents, représentés :")),
        ("Présents.\nM. Jean DURAND", ("present", "Présents.")),
        ("Présents ...\nM. Jean DURAND", ("present", "Présents ...")),  # dot leaders
        ("Présents :\nM. Jean DURAND", ("present", "Présents :")),
        (
            "Présents :   \nM. Jean DURAND",
            ("present", "Présents :"),
        ),  # ends at its colon, not the blanks after
        # alone on its line: a colon on a later line is not its own
        ("Présents\nM. Jean DURAND, Paul ROBIN : adjoint", ("present", "Présents")),
        # an OCR'd colon: the first after the label's words
        ("Vu le code ; le conseil\nPrésents ; M. Jean DURAND", ("present", "Présents ;")),
        ("Présents ; M. Jean DURAND ; M. Paul ROBIN", ("present", "Présents ;")),
    ],
)
def test_a_label_at_a_line_start_and_its_end(text: str, label: tuple[str, str]) -> None:
    assert _found(text) == [(*label, False)]


def test_a_colon_too_far_on_the_next_line_is_no_label_s() -> None:
    text = (
        "Présents selon la liste\nci-jointe des membres du conseil municipal ayant signé le registre "
        "des délibérations de la commune et celui des commissions : M. Jean DURAND"
    )
    assert _found(text) == []
    near = "Présents selon la liste\nci-jointe des membres : M. Jean DURAND"
    assert _found(near) == [("present", near[: near.index(":") + 1], False)]


def test_a_count_glued_to_the_colon_inline() -> None:
    assert _found("Jean DURAND Présents :12 M. Paul ROBIN") == [("present", "Présents :", True)]


def test_a_line_cut_by_the_end_offset() -> None:
    text = "Présents : A\nAbsents : B\n"
    found = labels.find(plain(text), text, 0, text.index("Absents") + 3)
    assert [(lab.kind, lab.start, lab.end) for lab in found] == [("present", 0, 10)]


def test_a_plugin_s_label_words() -> None:
    text = "Siégeaient : M. A\nPaul ROBIN, siégeaient : M. B"
    lex = LEXICON.extended({"heads": {"present": "siegeaient"}})
    found = labels.find(plain(text), text, 0, len(text), lex)
    assert [(lab.kind, lab.start, lab.end) for lab in found] == [("present", 0, 12), ("present", 30, 42)]
    assert labels.find(plain(text), text, 0, len(text)) == []  # not the built-in lexicon's


def test_a_label_alone_on_a_line_after_a_blank_first_line() -> None:
    assert _found("\nPrésents\nM. Jean DURAND") == [("present", "Présents", False)]


def test_a_plugin_s_label_alone_on_its_line() -> None:
    text = "Siégeaient\nM. Jean DURAND"
    lex = LEXICON.extended({"heads": {"present": "siegeaient"}})
    assert [(lab.kind, lab.start, lab.end) for lab in labels.find(plain(text), text, 0, len(text), lex)] == [
        ("present", 0, 10)
    ]


# --- the edges of each reach (from the mutation run's survivors) -------------------------------------


def _attendance(text: str) -> dict[str, object]:
    src, out = Source(text), Extraction()
    AttendanceReader(src, out, 0, len(src.text)).attendance(("d",), 0, len(src.text))
    return out.data.get("d", {})


@pytest.mark.parametrize(("blanks", "read_"), [(8, True), (9, False)])
def test_a_count_in_parentheses_at_most_twelve_characters_before_the_colon(blanks: int, read_: bool) -> None:
    label = "Présents (12)" + " " * blanks + ":"
    assert _found(f"Paul ROBIN, {label} M. Jean DURAND") == ([("present", label, False)] if read_ else [])


@pytest.mark.parametrize(("blanks", "read_"), [(10, True), (11, False)])
def test_a_label_read_backwards_starts_at_most_160_characters_before_its_colon(
    blanks: int, read_: bool
) -> None:
    words = "Absents" + " membres élus" * 11  # 150 characters, then blanks up to the colon
    label = words + " " * blanks + ":"
    assert _found(f"Paul ROBIN, {label} M. Jean DURAND") == ([("absent", label, False)] if read_ else [])


@pytest.mark.parametrize(("distance", "read_"), [(120, True), (121, False)])
def test_a_label_runs_on_to_a_colon_at_most_120_characters_after_its_line(distance: int, read_: bool) -> None:
    line = "\nci-jointe des membres du conseil"
    label = "Présents selon la liste" + line + " " * (distance - len(line)) + ":"
    assert label.index(":") - label.index("\n") == distance
    expected = [("present", label, False)] if read_ else []
    assert _found(label + " M. Jean DURAND") == expected


def test_a_label_read_backwards_with_an_apostrophe() -> None:
    label = "Absents ayant donné pouvoir à l'un des membres :"
    assert _found(f"Paul ROBIN, {label} M. Jean DURAND") == [("proxy", label, False)]


def test_a_count_in_parentheses_glued_to_the_colon_inline() -> None:
    # the figure two characters before the colon is the count's, not a time's ("18:30")
    assert _found("Paul ROBIN, Excusés (2): M. Jean DURAND") == [("absent", "Excusés (2):", False)]


def test_a_proxies_label_wrapped_before_its_colon() -> None:
    # alone on its line, then run on to "à :": two labels from one start, the list after the second
    text = "Présents : M. Paul ROUX\nAbsents ayant donné pouvoir\nà : M. Jean DURAND à M. Paul ROUX"
    assert _found(text)[1:] == [
        ("proxy", "Absents ayant donné pouvoir", False),
        ("proxy", "Absents ayant donné pouvoir\nà :", False),
    ]
    assert _attendance(text) == {
        "present": ["Paul ROUX"],
        "absent": [{"name": "Jean DURAND", "proxy_to": "Paul ROUX"}],
    }


def test_a_label_glued_to_the_end_of_an_empty_list_s() -> None:
    text = "Présents :Absents : M. Jean DURAND"
    assert _found(text) == [("present", "Présents :", False), ("absent", "Absents :", False)]
    assert _attendance(text) == {"present": [], "absent": ["Jean DURAND"]}


def test_a_head_word_s_kind_is_the_first_kind_holding_it() -> None:
    """Heads are looked up in one mapping per lexicon: a word two kinds hold is the first kind's
    (lexicon.KINDS order), and a lexicon a plugin extended has its own words, the built-in one not."""
    from ctg_rules.extract.deliberation.lexicon import KINDS

    both = LEXICON.extended({"heads": {"present": "assistants", "group": "assistants"}})
    assert KINDS.index("present") < KINDS.index("group")
    assert both.head("assistants") == "present" and both.known("assistants")
    assert LEXICON.head("assistants") is None and not LEXICON.known("assistants")
    assert LEXICON.head("presents") == "present" and LEXICON.head("absents") == "absent"
    assert labels._word("absent.e.s") == "absentes" and labels._word("excuse(e)s") == "excusees"
