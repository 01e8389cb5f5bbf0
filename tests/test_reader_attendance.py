"""Attendance lists (extract/deliberation/attendance.py): who was present, absent, represented, replaced.

Direct calls of the reader on short extracts with invented names: the separators of a list, one
entry a line, counts in a margin column, proxies in both directions, proxy marks, suppléants,
communes, the sentence that ends a list, and where each name is printed.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from ctg_rules.extract.deliberation.attendance import AttendanceReader, _word_before
from ctg_rules.extract.deliberation.base import Item, copy_value, merge
from ctg_rules.extract.deliberation.lexicon import LEXICON
from ctg_rules.extract.positions import Extraction, Source


def _read(text: str) -> tuple[dict[str, Any], Extraction]:
    src, out = Source(text), Extraction()
    AttendanceReader(src, out, 0, len(src.text)).attendance(("d",), 0, len(src.text))
    return out.data.get("d", {}), out


def _lists(text: str) -> dict[str, Any]:
    return _read(text)[0]


def _at(out: Extraction, *path: object) -> tuple[int, int]:
    p = out.sources[("d", *path)]
    return p.line, p.column


FOUR = ["Jean DURAND", "Claire ROBIN", "Paul MARTIN", "Anne PETIT"]


@pytest.mark.parametrize(
    "entries",
    [
        "Jean DURAND, Claire ROBIN, Paul MARTIN, Anne PETIT",
        "Jean DURAND, Claire ROBIN, Paul MARTIN et Anne PETIT.",
        "Jean DURAND ; Claire ROBIN ; Paul MARTIN ; Anne PETIT",
        "Jean DURAND - Claire ROBIN - Paul MARTIN - Anne PETIT",
        "Jean DURAND – Claire ROBIN — Paul MARTIN & Anne PETIT",
        "Jean DURAND / Claire ROBIN / Paul MARTIN / Anne PETIT",
        "• Jean DURAND • Claire ROBIN ▪ Paul MARTIN · Anne PETIT",
        "\nJean DURAND\nClaire ROBIN\nPaul MARTIN\nAnne PETIT",
        "\n- Jean DURAND\n- Claire ROBIN\n– Paul MARTIN\n/ Anne PETIT",
        "Jean DURAND -\nClaire ROBIN -\nPaul MARTIN et\nAnne PETIT",
        "M. Jean DURAND Mme Claire ROBIN M. Paul MARTIN Mme Anne PETIT",  # columns lost their commas
        "Jean DURAND Claire ROBIN Paul MARTIN Anne PETIT",
        "MM. Jean DURAND, Claire ROBIN, Paul MARTIN, Mme Anne PETIT",
    ],
)
def test_the_separators_of_a_list(entries: str) -> None:
    assert _lists(f"Présents : {entries}") == {"present": FOUR}


def test_names_in_nom_prenom_order() -> None:
    assert _lists("Présents : DURAND Jean, ROBIN Claire, MARTIN Paul") == {
        "present": ["DURAND Jean", "ROBIN Claire", "MARTIN Paul"]
    }


def test_present_and_absent_with_their_positions() -> None:
    text = "Présents : Jean DURAND, Claire ROBIN et Paul MARTIN.\nAbsents : Anne PETIT (pouvoir à Jean DURAND), Luc BLANC."
    found, out = _read(text)
    assert found == {
        "present": ["Jean DURAND", "Claire ROBIN", "Paul MARTIN"],
        "absent": [{"name": "Anne PETIT", "proxy_to": "Jean DURAND"}, "Luc BLANC"],
    }
    assert _at(out, "present") == (1, 1) and _at(out, "absent") == (2, 1)
    assert [_at(out, "present", i) for i in range(3)] == [(1, 12), (1, 25), (1, 41)]
    assert [_at(out, "absent", i, "name") for i in range(2)] == [(2, 11), (2, 47)]


def test_a_list_printed_before_the_other() -> None:
    text = "Absents : Anne PETIT\nPrésents : Jean DURAND, Claire ROBIN"
    found, out = _read(text)
    assert found == {"present": ["Jean DURAND", "Claire ROBIN"], "absent": ["Anne PETIT"]}
    assert _at(out, "present") == (2, 1) and _at(out, "absent") == (1, 1)


@pytest.mark.parametrize(
    ("text", "lists"),
    [
        ("Présents : néant\nAbsents : Jean DURAND", {"present": [], "absent": ["Jean DURAND"]}),
        ("Absents : néant\nPrésents : Jean DURAND", {"present": ["Jean DURAND"], "absent": []}),
        ("Absents : 0\nPrésents : Jean DURAND", {"present": ["Jean DURAND"], "absent": []}),
        ("Absents : aucun\nPrésents : Jean DURAND", {"present": ["Jean DURAND"], "absent": []}),
        ("Pouvoirs : sans objet\nPrésents : Jean DURAND", {"present": ["Jean DURAND"], "absent": []}),
        ("Pouvoirs : -\nPrésents : Jean DURAND", {"present": ["Jean DURAND"], "absent": []}),
        ("Présents : Jean DURAND\nAbsents :", {"present": ["Jean DURAND"], "absent": []}),
    ],
)
def test_an_empty_list(text: str, lists: dict[str, Any]) -> None:
    assert _lists(text) == lists


def test_a_count_in_a_margin_column_does_not_end_the_list() -> None:
    text = "Présents : Jean DURAND\nAbsents : 2\nClaire ROBIN, Paul MARTIN"
    assert _lists(text) == {"present": ["Jean DURAND", "Claire ROBIN", "Paul MARTIN"]}
    text = "Présents : Jean DURAND Votants : 12 Claire ROBIN"
    assert _lists(text) == {"present": ["Jean DURAND", "Claire ROBIN"]}  # any count is blanked
    text = "Présents : Jean DURAND Secrétaire : Claire ROBIN"
    assert _lists(text) == {"present": ["Jean DURAND"]}  # a label that is no count ends the list


@pytest.mark.parametrize(
    "entry",
    [
        "Anne PETIT (pouvoir à Jean DURAND)",
        "Anne PETIT, représentée par Jean DURAND",
        "Anne PETIT, ayant donné pouvoir à Jean DURAND",
        "Anne PETIT, a donné pouvoir à Jean DURAND",
        "Anne PETIT, qui a donné procuration à Jean DURAND",
        "Anne PETIT, donne pouvoir à Jean DURAND",
        "Anne PETIT, pouvoir donné à Jean DURAND",
        "Anne PETIT, procuration donnée à Jean DURAND",
    ],
)
def test_the_giver_in_the_absent_s_list(entry: str) -> None:
    text = f"Présents : Jean DURAND, Claire ROBIN\nAbsents : {entry}, Luc BLANC"
    assert _lists(text) == {
        "present": ["Jean DURAND", "Claire ROBIN"],
        "absent": [{"name": "Anne PETIT", "proxy_to": "Jean DURAND"}, "Luc BLANC"],
    }


@pytest.mark.parametrize(
    "entry",
    [
        "Jean DURAND (pouvoir de Anne PETIT)",
        "Jean DURAND, porteur du pouvoir de Anne PETIT",
        "Jean DURAND, porteuse du pouvoir d'Anne PETIT",
    ],
)
def test_the_holder_in_the_present_s_list(entry: str) -> None:
    found, out = _read(f"Présents : {entry}, Claire ROBIN")
    assert found == {
        "present": ["Jean DURAND", "Claire ROBIN"],
        "absent": [{"name": "Anne PETIT", "proxy_to": "Jean DURAND"}],
    }
    assert _at(out, "absent", 0, "name") == (1, 12 + entry.index("Anne"))


def test_a_list_of_proxies() -> None:
    text = "Pouvoirs : Anne PETIT à Jean DURAND, Luc BLANC par Claire ROBIN\nPrésents : Jean DURAND, Claire ROBIN"
    assert _lists(text) == {
        "present": ["Jean DURAND", "Claire ROBIN"],
        "absent": [
            {"name": "Anne PETIT", "proxy_to": "Jean DURAND"},
            {"name": "Luc BLANC", "proxy_to": "Claire ROBIN"},
        ],
    }


def test_a_holder_named_in_the_list_of_proxies_sits_with_the_present() -> None:
    text = "Présents : Jean DURAND, Claire ROBIN\nPouvoirs : Jean DURAND porteur du pouvoir de Anne PETIT, Luc BLANC à Claire ROBIN"
    assert _lists(text) == {
        "present": ["Jean DURAND", "Claire ROBIN"],  # not counted absent for holding a proxy
        "absent": [
            {"name": "Anne PETIT", "proxy_to": "Jean DURAND"},
            {"name": "Luc BLANC", "proxy_to": "Claire ROBIN"},
        ],
    }
    text = "Procurations : Jean DURAND (pouvoir de Anne PETIT)\nPrésents : Jean DURAND, Claire ROBIN"
    found, out = _read(text)
    assert found == {
        "present": ["Jean DURAND", "Claire ROBIN"],
        "absent": [{"name": "Anne PETIT", "proxy_to": "Jean DURAND"}],
    }
    assert _at(out, "absent", 0, "name") == (1, 40) and _at(out, "absent") == (1, 1)


def test_represented_without_their_holders_named() -> None:
    assert _lists("Absents ayant donné pouvoir : Anne PETIT, Luc BLANC") == {
        "absent": [{"name": "Anne PETIT", "proxy": True}, {"name": "Luc BLANC", "proxy": True}]
    }


def test_represented_holders_not_named_with_a_present_or_a_holder_among_them() -> None:
    text = "Absents représentés : Anne PETIT, Marie ROBIN : présente, Jean DURAND (pouvoir de Luc BLANC), Paul MARTIN"
    assert _lists(text) == {
        "present": ["Marie ROBIN"],
        "absent": [
            {"name": "Anne PETIT", "proxy": True},
            {"name": "Luc BLANC", "proxy_to": "Jean DURAND"},
            {"name": "Paul MARTIN", "proxy": True},
        ],
    }


def test_one_proxy_a_line() -> None:
    text = "Absents : Jean DURAND donne procuration à Paul MARTIN\nAnne PETIT a donné pouvoir à Claire ROBIN"
    assert _lists(text) == {
        "absent": [
            {"name": "Jean DURAND", "proxy_to": "Paul MARTIN"},
            {"name": "Anne PETIT", "proxy_to": "Claire ROBIN"},
        ]
    }
    # a name wrapped before its proxy stays one name
    assert _lists("Absents : M. Paul\nDURAND donne pouvoir à Claire ROBIN") == {
        "absent": [{"name": "Paul DURAND", "proxy_to": "Claire ROBIN"}]
    }


def test_proxy_marks_pair_a_giver_and_a_holder() -> None:
    text = (
        "Présents : Jean DURAND (Pr*), Claire ROBIN\nAbsents : Anne PETIT (Pr*), Luc BLANC (P2), Paul MARTIN"
    )
    assert _lists(text) == {
        "present": ["Jean DURAND", "Claire ROBIN"],
        "absent": [
            {"name": "Anne PETIT", "proxy_to": "Jean DURAND"},
            {"name": "Luc BLANC", "proxy": True},  # a mark nobody present carries: a proxy, holder unknown
            "Paul MARTIN",
        ],
    }


def test_a_substitute_with_a_vote_sits_for_the_titulaire() -> None:
    text = (
        "Membres titulaires présents : Jean DURAND\n"
        "Suppléants avec voix délibérative : Paul ROBIN (suppléant de Anne PETIT)\n"
        "Absents : Anne PETIT"
    )
    assert _lists(text) == {
        "present": ["Jean DURAND", {"name": "Paul ROBIN", "substitute_for": "Anne PETIT"}],
        "absent": ["Anne PETIT"],
    }


def test_a_titulaire_replaced_is_neither_present_nor_absent() -> None:
    text = "Présents : Jean DURAND, Anne PETIT remplacée par son suppléant Paul ROBIN, Claire ROBIN"
    assert _lists(text) == {
        "present": ["Jean DURAND", {"name": "Paul ROBIN", "substitute_for": "Anne PETIT"}, "Claire ROBIN"]
    }


def test_a_suppleant_s_list_naming_who_is_already_present() -> None:
    text = "Présents : Jean DURAND, Paul ROBIN\nSuppléants remplaçants : Paul ROBIN (suppléant de Anne PETIT)"
    assert _lists(text) == {
        "present": ["Jean DURAND", {"name": "Paul ROBIN", "substitute_for": "Anne PETIT"}]
    }


def test_a_list_grouped_by_commune() -> None:
    text = "Présents : Cerelles : M. POULLE Guy, Sonzay : LEMAIRE Martine, ROBERT Sylvie\nAbsents : Sonzay : BLANC Luc"
    assert _lists(text) == {
        "present": [
            {"name": "POULLE Guy", "commune": "Cerelles"},
            {"name": "LEMAIRE Martine", "commune": "Sonzay"},
            {"name": "ROBERT Sylvie", "commune": "Sonzay"},  # the heading holds for what follows
        ],
        "absent": [{"name": "BLANC Luc", "commune": "Sonzay"}],
    }


def test_a_status_in_the_entry_routes_the_person() -> None:
    text = "Présents : Jean DURAND, Marie ROBIN : absente, Paul MARTIN"
    assert _lists(text) == {"present": ["Jean DURAND", "Paul MARTIN"], "absent": ["Marie ROBIN"]}
    text = "Absents : Jean DURAND, Marie ROBIN : présente"
    assert _lists(text) == {"present": ["Marie ROBIN"], "absent": ["Jean DURAND"]}


def test_a_name_printed_twice_in_one_list_stays_twice() -> None:
    assert _lists("Présents : Jean DURAND, Jean DURAND") == {"present": ["Jean DURAND", "Jean DURAND"]}


def test_a_roll_printed_again_adds_nobody() -> None:
    text = "Présents : Jean DURAND, Claire ROBIN\nÉtaient présents : Claire ROBIN, Paul MARTIN"
    assert _lists(text) == {"present": ["Jean DURAND", "Claire ROBIN", "Paul MARTIN"]}


def test_absent_named_twice_are_merged() -> None:
    text = "Absents : Anne PETIT\nPouvoirs : Anne PETIT à Jean DURAND\nPrésents : Jean DURAND"
    assert _lists(text) == {
        "present": ["Jean DURAND"],
        "absent": [{"name": "Anne PETIT", "proxy_to": "Jean DURAND"}],
    }


@pytest.mark.parametrize(
    "text",
    [
        "Présents : Jean DURAND, Claire ROBIN. Le conseil municipal a délibéré.",
        "Présents : Jean DURAND, Claire ROBIN.\nDépart de Paul à 21 h.",
        "Présents : Jean DURAND, Claire ROBIN, Majorité",
        "Présents : Jean DURAND (adjoint, délégué), Claire ROBIN",
    ],
)
def test_a_sentence_ends_the_list(text: str) -> None:
    assert _lists(text) == {"present": ["Jean DURAND", "Claire ROBIN"]}


def test_the_entry_a_sentence_starts_with() -> None:
    assert _lists("Présents : C. ROSELLO formant la majorité") == {"present": ["C. ROSELLO"]}
    text = "Présents : Jean DURAND, Claire ROBIN, Paul MARTIN formant la majorité du conseil"
    assert _lists(text) == {"present": ["Jean DURAND", "Claire ROBIN", "Paul MARTIN"]}


def test_a_label_then_a_title_is_no_list() -> None:
    assert _lists("Absents :\nModalités de remboursement des frais") == {"absent": []}


def test_a_spaced_hyphen_inside_a_family_name() -> None:
    assert _lists("Présents : Jean DURAND - MOREL, Claire ROBIN") == {
        "present": ["Jean DURAND-MOREL", "Claire ROBIN"]
    }
    text = "Absents : Jean DURAND - MOREL donne procuration à Paul MARTIN"
    assert _lists(text) == {"absent": [{"name": "Jean DURAND-MOREL", "proxy_to": "Paul MARTIN"}]}
    # the second entry's given name and surname are read from its own start, after the comma
    assert _lists("Présents : Claire ROBIN, Jean DURAND - MOREL") == {
        "present": ["Claire ROBIN", "Jean DURAND-MOREL"]
    }


def test_initials_and_abbreviated_civilities_end_no_entry() -> None:
    assert _lists("Présents : Ph. DURAND. JL. ROBIN, Mme. PETIT") == {
        "present": ["Ph. DURAND", "JL. ROBIN", "PETIT"]
    }
    # initials at the list's first character (no blank after the colon)
    assert _lists("Présents :Ph. DURAND, Jean ROBIN") == {"present": ["Ph. DURAND", "Jean ROBIN"]}


@pytest.mark.parametrize(
    ("text", "end", "word"),
    [
        ("Luc RAY.", 7, "RAY"),  # up to the blank before it
        ("Mme.", 3, "Mme"),  # up to the text's first character
        ("Ph. DURAND", 2, "Ph"),
        ("n° AB_12.", 8, "AB_12"),  # figures and "_" are word characters, as in \w
        ("Jean DURAND (adjoint).", 21, ""),  # a full stop after a parenthesis: no word
    ],
)
def test_the_word_before_a_full_stop(text: str, end: int, word: str) -> None:
    assert _word_before(text, end) == word


def test_first_list_is_where_the_first_label_ends() -> None:
    text = "Le conseil s'est réuni.\nSecrétaire : Jean DURAND\nPrésents : Claire ROBIN"
    src = Source(text)
    reader = AttendanceReader(src, Extraction(), 0, len(src.text))
    assert reader.first_list(0, len(src.text)) == text.index("Claire") - 1
    assert reader.first_list(0, text.index("Présents")) == 0  # no list: the start


# --- what every section reader shares (base.py) ---------------------------------------------------


def _base(text: str, start: int = 0, end: int | None = None) -> AttendanceReader:
    src = Source(text)
    return AttendanceReader(src, Extraction(), start, len(src.text) if end is None else end)


def test_people_written_with_what_their_entry_said() -> None:
    reader = _base("Présents :\nJean DURAND\nClaire ROBIN")
    items = [
        Item("Jean DURAND", 11),
        Item(
            "Claire ROBIN",
            23,
            proxy_to="Jean DURAND",
            substitute_for="Luc BLANC",
            reason="adjointe",
            commune="Sonzay",
        ),
        Item("Anne PETIT", 23, proxy=True),
        Item("Paul MARTIN", 23, proxy=True, proxy_to="Jean DURAND"),  # a holder named: no bare proxy flag
    ]
    reader.put_people(("d", "present"), items, 0)
    out = reader.out
    assert out.data["d"]["present"] == [
        "Jean DURAND",
        {
            "name": "Claire ROBIN",
            "substitute_for": "Luc BLANC",
            "proxy_to": "Jean DURAND",
            "reason": "adjointe",
            "commune": "Sonzay",
        },
        {"name": "Anne PETIT", "proxy": True},
        {"name": "Paul MARTIN", "proxy_to": "Jean DURAND"},
    ]
    assert _at(out, "present") == (1, 1)
    assert [_at(out, "present", i) for i in range(2)] == [(2, 1), (3, 1)]
    assert _at(out, "present", 1, "name") == (3, 1)
    # an empty list is written, at its label
    reader.put_people(("d", "absent"), [], 11)
    assert out.data["d"]["absent"] == [] and _at(out, "absent") == (2, 1)


def test_merge_keeps_the_first_mention_and_combines_what_each_list_said() -> None:
    first = Item("Anne PETIT", 5)
    merged = merge(
        [
            first,
            Item("Jean DURAND", 9),
            Item(
                "PETIT Anne",
                30,
                proxy_to="Jean DURAND",
                proxy=True,
                substitute_for="Luc BLANC",
                reason="malade",
                commune="Sonzay",
            ),
            Item("Anne PETIT", 40, proxy_to="Paul MARTIN", reason="other", commune="Tours"),
        ]
    )
    assert [i.name for i in merged] == ["Anne PETIT", "Jean DURAND"]
    assert merged[0] is first and first.offset == 5
    assert (first.proxy_to, first.proxy, first.substitute_for, first.reason, first.commune) == (
        "Jean DURAND", True, "Luc BLANC", "malade", "Sonzay",
    )  # fmt: skip
    kept = merge(
        [
            Item("Jean DURAND", 0, proxy=True, commune="Aulnay", substitute_for="Luc BLANC"),
            Item("Jean DURAND", 9),
        ]
    )
    assert (kept[0].proxy, kept[0].commune, kept[0].substitute_for) == (True, "Aulnay", "Luc BLANC")


def test_copy_value_copies_nested_lists_and_mappings() -> None:
    value = {"present": [{"name": "Jean DURAND"}], "n": 3}
    copy = copy_value(value)
    assert copy == value
    copy["present"][0]["name"] = "X"
    copy["present"].append("Y")
    assert value == {"present": [{"name": "Jean DURAND"}], "n": 3}


def test_sentence_end() -> None:
    text = "M. Jean DURAND présente le rapport. Le conseil adopte ; fin"
    reader = _base(text)
    assert reader.sentence_end(0) == text.index(". Le")  # not the dot of "M."
    assert reader.sentence_end(text.index("Le conseil")) == text.index(";")
    assert reader.sentence_end(0, 10) == 10  # none within the limit: the limit
    assert _base(text, 0, 20).sentence_end(0) == 20  # nor the reader's end
    assert _base("Mme Anne PETIT\n\nsuite").sentence_end(0) == 14  # a blank line
    assert _base("mot " * 200).sentence_end(0) == 400  # 400 characters at most by default


def test_find_and_finditer_between_the_reader_s_bounds() -> None:
    text = "Présents : A\nAbsents : B\nPrésents : C"  # the readers search the plain text
    reader = _base(text, 5, len(text) - 6)
    m = reader.find(r"^absents")  # a pattern as text: multiline
    assert m is not None and m.start() == 13
    assert reader.find(r"^presents") is None  # one before the reader's start, one after its end
    found = reader.find(re.compile("presents"), 0, len(text))
    assert found is not None and found.start() == 0
    assert [x.start() for x in reader.finditer(r"^\w+ :", 0, len(text))] == [0, 13, 25]
    assert [x.start() for x in reader.finditer(re.compile("s :"))] == [7, 19]
    assert [x.start() for x in reader.finditer("s :", 10)] == [19]
    assert reader.find("absents", 0, 15) is None  # an end of its own, before the reader's
    assert [x.start() for x in reader.finditer("s :", 0, 12)] == [7]


def test_dates_in_keep_full_dates_with_their_offsets() -> None:
    text = "Convoqué le 3 mars 2024, réuni le 12/03/2024 à 18 h, en mars"
    reader = _base(text)
    assert reader.dates_in(0, len(text)) == [(date(2024, 3, 3), 12), (date(2024, 3, 12), 34)]
    assert reader.dates_in(20, len(text)) == [(date(2024, 3, 12), 34)]
    assert reader.dates_in(0, 10) == []
    # a placeholder or an impossible date is no date
    assert _base("Transmis le __/__/2024, reçu le 31/02/2024").dates_in(0, 42) == []


# --- the edges of a list ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lists"),
    [
        # a label ending its line, then a title: the words before it on its line are no entry
        ("Absents :\nAide Sociale, rapport du budget annuel", {"absent": []}),
        (
            "Absents : Jean DURAND, rapport du budget annuel",
            {"absent": ["Jean DURAND"]},
        ),  # the label on its line
        (
            "Absents :\nJean DURAND, Claire ROBIN, rapport du budget annuel",
            {"absent": ["Jean DURAND", "Claire ROBIN"]},
        ),
        ("Absents :\nJean DURAND,\nrapport du budget annuel", {"absent": ["Jean DURAND"]}),
        # the entry a sentence starts with keeps the one before it on its line
        (
            "Absents :\nJean DURAND, Paul MARTIN arrivé en retard après le vote",
            {"absent": ["Jean DURAND", "Paul MARTIN"]},
        ),
        # after a full stop, an entry with a civility goes on
        ("Présents : Jean DURAND. Mme Claire Robin", {"present": ["Jean DURAND", "Claire Robin"]}),
        ("Présents : Jean DURAND. M. Claire Robin", {"present": ["Jean DURAND", "Claire Robin"]}),
        ("Présents : Jean DURAND. M Paul Robin", {"present": ["Jean DURAND", "Paul Robin"]}),  # its dot lost
        # a name on its own line, then a sentence on the next: the name stays
        ("Absents :\nJean DURAND\nLe conseil délibère des finances", {"absent": ["Jean DURAND"]}),
        # a sentence after a full stop or a blank line holds no entry
        (
            "Présents : Jean DURAND, Claire ROBIN. Paul MARTIN arrivé en retard après le vote",
            {"present": ["Jean DURAND", "Claire ROBIN"]},
        ),
        (
            "Présents : Jean DURAND, Claire ROBIN,\n\nPaul MARTIN arrivé en retard après le vote",
            {"present": ["Jean DURAND", "Claire ROBIN"]},
        ),
        # a sentence in the list starts with an entry when it has a surname or after two entries
        (
            "Présents : Jean DURAND, Claire ROBIN, Paul MARTIN arrivé en retard après le vote.",
            {"present": ["Jean DURAND", "Claire ROBIN", "Paul MARTIN"]},
        ),
        (
            "Présents : Jean DURAND, Claire ROBIN, Paul Martin arrivé en retard après le vote",
            {"present": ["Jean DURAND", "Claire ROBIN", "Paul Martin"]},
        ),
        ("Présents : Jean DURAND, Paul Martin arrivé en retard après le vote", {"present": ["Jean DURAND"]}),
        ("Présents : Jean DURAND, Paul arrivé en retard après le vote", {"present": ["Jean DURAND"]}),
        (
            "Présents : Jean DURAND, M Paul Robin arrivé en retard après le vote",
            {"present": ["Jean DURAND", "Paul Robin"]},
        ),  # a civility, with or without its dot
        # up to a gap of blanks: "TIEYRE   Monsieur X a été nommé"
        (
            "Présents : Jean DURAND, Claire ROBIN, Paul MARTIN   Monsieur Luc BLANC est nommé secrétaire",
            {"present": ["Jean DURAND", "Claire ROBIN", "Paul MARTIN"]},
        ),
        # a list without surnames in capitals ends with its full stop: every entry is read
        ("Présents : Jean Durand, Claire Robin.", {"present": ["Jean Durand", "Claire Robin"]}),
        # after a full stop and a line end, a line "X : Y" without a surname ends the list
        (
            "Présents : Jean DURAND, Claire ROBIN.\nArrivée : Paul Martin",
            {"present": ["Jean DURAND", "Claire ROBIN"]},
        ),
        # a word after a full stop without a surname: "Départ de Paul à 21 h."
        ("Présents : Jean DURAND, Luc RAY. Départ de Paul à 21 h.", {"present": ["Jean DURAND", "Luc RAY"]}),
    ],
)
def test_where_a_list_ends(text: str, lists: dict[str, Any]) -> None:
    assert _lists(text) == lists


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Présents : Jean DURAND, Paul", ["Jean DURAND", "Paul"]),  # half full names: nobody dropped
        (
            "Présents : Jean DURAND, Claire ROBIN, Paul, Anne, Luc",
            ["Jean DURAND", "Claire ROBIN", "Paul", "Anne", "Luc"],
        ),
        (
            "Présents : Jean DURAND, Claire ROBIN, Majorité",
            ["Jean DURAND", "Claire ROBIN"],
        ),  # most full: a word alone is none
        (
            "Présents : Jean DURAND, Claire ROBIN, DUPONT",
            ["Jean DURAND", "Claire ROBIN", "DUPONT"],
        ),  # unless a surname
    ],
)
def test_one_word_entries_among_full_names(text: str, names: list[str]) -> None:
    assert _lists(text) == {"present": names}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Présents :\nJean Durand\nClaire Robin", ["Jean Durand", "Claire Robin"]),
        (
            "Présents :\nJean Durand\nClaire Robin, Paul Martin",
            ["Jean Durand", "Claire Robin", "Paul Martin"],
        ),
    ],
)
def test_one_entry_a_line_without_surnames_in_capitals(text: str, names: list[str]) -> None:
    assert _lists(text) == {"present": names}


@pytest.mark.parametrize(
    "text",
    [
        "Présents : Jean DURAND – MOREL, Claire ROBIN",
        "Présents : Jean DURAND — MOREL, Claire ROBIN",
        "Présents : M. Jean DURAND - MOREL, Claire ROBIN",
        "Présents : Jean DURAND -\nMOREL, Claire ROBIN",
        "Présents : Jean DURAND - MOREL 20:15, Claire ROBIN",  # a figure after it: an hour of arrival
        "Présents :Jean DURAND - MOREL, Claire ROBIN",  # the given name at the list's first character
    ],
)
def test_a_double_surname_around_a_spaced_dash(text: str) -> None:
    found, out = _read(text)
    assert found == {"present": ["Jean DURAND-MOREL", "Claire ROBIN"]}
    assert _at(out, "present", 1) == (
        text.count("\n", 0, text.index("Claire")) + 1,
        len(text[: text.index("Claire")].rsplit("\n", 1)[-1]) + 1,
    )


def test_a_spaced_dash_between_entries() -> None:
    assert _lists("Absents : Jean DURAND - MOREL excusée, Claire ROBIN") == {
        "absent": ["Jean DURAND-MOREL", "Claire ROBIN"]
    }
    assert _lists("Présents : ROBIN Claire - DURAND") == {
        "present": ["ROBIN Claire", "DURAND"]
    }  # no given name before
    assert _lists("Présents : Jean DURAND - Claire - Paul") == {"present": ["Jean DURAND", "Claire", "Paul"]}
    # the given name of the entry before is not this one's: "DURAND - MARTIN" are two surnames
    assert _lists("Présents : ROBIN Claire - DURAND - MARTIN") == {
        "present": ["ROBIN Claire", "DURAND", "MARTIN"]
    }


def test_no_blank_after_the_label_s_colon() -> None:
    found, out = _read("Présents :Jean DURAND, Claire ROBIN")
    assert found == {"present": ["Jean DURAND", "Claire ROBIN"]} and _at(out, "present", 0) == (1, 11)


def test_a_comma_inside_parentheses_cuts_no_entry() -> None:
    text = "Absents : Anne PETIT (pouvoir à Jean DURAND, adjoint), Luc BLANC"
    assert _lists(text) == {"absent": [{"name": "Anne PETIT", "proxy_to": "Jean DURAND"}, "Luc BLANC"]}


def test_a_count_blanked_keeps_the_positions_after_it() -> None:
    text = "Présents : Jean DURAND\nAbsents : 2\nClaire ROBIN"
    found, out = _read(text)
    assert found == {"present": ["Jean DURAND", "Claire ROBIN"]} and _at(out, "present", 1) == (3, 1)


def test_sub_headings_inside_a_list() -> None:
    text = "Présents : Jean DURAND\nMesdames : Claire ROBIN\nMessieurs : Paul MARTIN"
    assert _lists(text) == {"present": ["Jean DURAND", "Claire ROBIN", "Paul MARTIN"]}
    assert _lists("Absents : Jean DURAND\nMembres titulaires : Paul MARTIN") == {
        "absent": ["Jean DURAND", "Paul MARTIN"]
    }
    # a sub-heading before any list opens none
    assert _lists("Mesdames : Claire ROBIN\nPrésents : Jean DURAND") == {"present": ["Jean DURAND"]}


def test_a_roll_printed_again_adds_what_it_says_of_someone_already_named() -> None:
    text = "Présents : Jean DURAND, Claire ROBIN\nTitulaires présents : Sonzay : Jean DURAND\nPrésents : Aulnay : Jean DURAND"
    assert _lists(text) == {"present": [{"name": "Jean DURAND", "commune": "Sonzay"}, "Claire ROBIN"]}


def test_the_absent_list_is_where_its_label_is_or_the_proxies_label() -> None:
    found, out = _read("Présents : Jean DURAND\nPouvoirs : Anne PETIT à Jean DURAND")
    assert found["absent"] == [{"name": "Anne PETIT", "proxy_to": "Jean DURAND"}] and _at(out, "absent") == (
        2,
        1,
    )
    found, out = _read("Présents : Jean DURAND\nPouvoirs : Anne PETIT à Jean DURAND\nAbsents : Luc BLANC")
    assert _at(out, "absent") == (3, 1)


@pytest.mark.parametrize(
    ("label", "lists"),
    [
        ("Présents :", {"present": ["Claire ROBIN"]}),
        ("Absents :", {"absent": ["Claire ROBIN"]}),
        ("Pouvoirs :", {"absent": [{"name": "Claire ROBIN", "proxy": True}]}),
        ("Suppléants avec voix délibérative :", {"present": ["Claire ROBIN"]}),
        ("Siégeaient :", {"present": ["Claire ROBIN"]}),  # a plugin's word
    ],
)
def test_the_first_list_of_each_kind(label: str, lists: dict[str, Any]) -> None:
    text = f"Le conseil s'est réuni.\nSecrétaire : Jean DURAND\n{label} Claire ROBIN"
    src = Source(text)
    reader = AttendanceReader(src, Extraction(), 0, len(src.text))
    reader.lexicon = LEXICON.extended({"heads": {"present": "siegeaient"}})
    assert reader.first_list(0, len(src.text)) == text.index("Claire") - 1
    reader.attendance(("d",), 0, len(src.text))
    assert reader.out.data["d"] == lists


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Absents :\nAide Sociale, rapport du budget annuel\nsuite", []),  # a line after the title
        ("Absents : Jean DURAND, rapport du budget annuel\nsuite", ["Jean DURAND"]),
        # two entries on the label's next line, then a sentence: a list, not a title
        ("Absents :\nJean DURAND, Claire ROBIN,retenus par une réunion", ["Jean DURAND", "Claire ROBIN"]),
        # an entry on the label's next line, then a new sentence after its full stop
        ("Absents :\nJean DURAND. Mme PETIT présente le budget annuel", ["Jean DURAND"]),
    ],
)
def test_a_title_and_the_lines_after_it(text: str, absent: list[str]) -> None:
    assert _lists(text) == {"absent": absent}


def test_a_title_after_a_later_label() -> None:
    text = "Présents : Jean DURAND, Claire ROBIN\nAbsents :\nAide Sociale, rapport du budget annuel"
    assert _lists(text) == {"present": ["Jean DURAND", "Claire ROBIN"], "absent": []}


def test_a_name_wrapped_over_two_lines_in_a_list_with_separators() -> None:
    text = "Présents : Jean Durand, Anne Claire\nRobin, Paul Martin"
    assert _lists(text) == {"present": ["Jean Durand", "Anne Claire Robin", "Paul Martin"]}


def test_nested_parentheses_cut_no_entry() -> None:
    found = _lists("Absents : Anne PETIT (pouvoir à Jean DURAND (adjoint), excusée), Luc BLANC")
    assert [e if isinstance(e, str) else e["name"] for e in found["absent"]] == ["Anne PETIT", "Luc BLANC"]


@pytest.mark.parametrize(
    "text",
    [
        # after the inner parentheses close, the comma is still inside the outer ones
        "Absents : Anne PETIT (excusée (maladie), Paul MARTIN suppléant), Luc BLANC",
        # a comma glued to an opening parenthesis: the one inside cuts nothing
        "Absents : Anne PETIT,(excusée, Paul MARTIN suppléant), Luc BLANC",
        # parentheses opened at the list's first character (no blank after the colon)
        "Absents :(excusés, Paul MARTIN suppléant) Anne PETIT, Luc BLANC",
        # two pairs of parentheses: the first as well as the last holds its comma
        "Absents : Anne PETIT (excusée, Paul MARTIN suppléant), Luc BLANC (adjoint)",
    ],
)
def test_a_name_inside_parentheses_after_a_comma_is_no_entry(text: str) -> None:
    assert _lists(text) == {"absent": ["Anne PETIT", "Luc BLANC"]}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Présents : Jean DURAND (maire, Claire ROBIN", ["Jean DURAND", "Claire ROBIN"]),  # its ")" lost
        ("Présents : Jean DURAND (maire (Sonzay), Claire ROBIN", ["Jean DURAND", "Claire ROBIN"]),
        ("Présents : Jean DURAND maire), Claire ROBIN", ["Jean DURAND", "Claire ROBIN"]),  # a ")" alone
    ],
)
def test_a_parenthesis_never_closed_holds_no_entry(text: str, names: list[str]) -> None:
    assert _lists(text) == {"present": names}


def test_the_separators_after_a_dash_ending_a_line() -> None:
    text = "Présents : Jean DURAND -\n• Claire ROBIN, Paul MARTIN : absent, Anne PETIT"
    assert _lists(text) == {
        "present": ["Jean DURAND", "Claire ROBIN", "Anne PETIT"],
        "absent": ["Paul MARTIN"],
    }


def test_a_count_labelled_with_a_plugin_s_word_is_blanked() -> None:
    text = "Présents : Jean DURAND\nSiégeaient : 12\nClaire ROBIN"
    src = Source(text)
    reader = AttendanceReader(src, Extraction(), 0, len(text))
    reader.lexicon = LEXICON.extended({"heads": {"present": "siegeaient"}})
    reader.attendance(("d",), 0, len(text))
    assert reader.out.data["d"] == {"present": ["Jean DURAND", "Claire ROBIN"]}


def test_a_person_and_their_name_share_one_position() -> None:
    """A value's position is made once per offset: the entry and its name point at the same one."""
    from tests.reader_helpers import BASE, reader

    r = reader("Présents : Jean DURAND, Claire ROBIN\n")
    r.attendance(BASE, r.start, r.end)
    for i in range(2):
        assert r.out.sources[(*BASE, "present", i)] is r.out.sources[(*BASE, "present", i, "name")]
    assert r.src.position(3) is r.src.position(3)
    assert str(r.src.position(3)) == "l.1" and r.src.position(3).column == 4
