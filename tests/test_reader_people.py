"""People in one entry of an attendance list (extract/deliberation/people.py), by direct calls.

The names are invented. Each case is a way a clerk prints members: civilities (singular, plural,
spelled out), initials, names in "Prénom NOM" or "NOM Prénom" order, names wrapped over two lines,
offices after a name, particles.
"""

from __future__ import annotations

import pytest

from ctg_rules.extract.deliberation import people


@pytest.mark.parametrize(
    ("piece", "names"),
    [
        ("M. Jean DURAND Mme Claire ROBIN", [("Jean DURAND", 3), ("Claire ROBIN", 19)]),
        ("Monsieur Jean DURAND Madame Claire ROBIN", [("Jean DURAND", 9), ("Claire ROBIN", 28)]),
        ("madame Claire ROBIN", [("Claire ROBIN", 7)]),  # spelled out, even in lower case
        ("Mlle Anne PETIT", [("Anne PETIT", 5)]),
        ("Dr Jean DURAND", [("Jean DURAND", 3)]),
        ("Me Jean DURAND", [("Jean DURAND", 3)]),
        # no separator, no civility: the given name after a surname starts the next person
        ("Jean DURAND Claire ROBIN", [("Jean DURAND", 0), ("Claire ROBIN", 12)]),
        ("J. DURAND C. ROBIN", [("J. DURAND", 0), ("C. ROBIN", 10)]),
        ("Ph. DURAND JL. ROBIN J.-P. MARTIN", [("Ph. DURAND", 0), ("JL. ROBIN", 11), ("J.-P. MARTIN", 21)]),
        ("J. P. DURAND", [("J. P. DURAND", 0)]),
        # glued initials and civilities
        ("M.Jacques DURAND", [("Jacques DURAND", 2)]),
        ("C.BUZOS", [("C. BUZOS", 0)]),
        ("J.F.PINONCELY", [("J.F. PINONCELY", 0)]),
        # plural civilities before a group of names
        ("Mmes et MM. Jean DURAND, Claire ROBIN", [("Jean DURAND", 12), ("Claire ROBIN", 25)]),
        ("Mesdames et Messieurs Jean DURAND Claire ROBIN", [("Jean DURAND", 22), ("Claire ROBIN", 34)]),
        ("Mme & M. Jean DURAND", [("Jean DURAND", 9)]),
        # names over two lines: a wrapped surname, a hyphen at a line end
        ("Julien LE\nGLOU", [("Julien LE GLOU", 0)]),
        ("Jean-\nFrançois DURAND", [("Jean-François DURAND", 0)]),
        ("Jean- François DURAND", [("Jean-François DURAND", 0)]),
        # particles, upper or lower case, stay in the name
        ("Jean DE LA FONTAINE", [("Jean DE LA FONTAINE", 0)]),
        ("Jean de la Fontaine", [("Jean de la Fontaine", 0)]),
        ("Paul VAN DER BERG", [("Paul VAN DER BERG", 0)]),
        ("Jean LE GALL", [("Jean LE GALL", 0)]),
        ("Anne d'Arc", [("Anne d'Arc", 0)]),
        ("Jean DURAND de", [("Jean DURAND", 0)]),  # a particle at the end is no part of the name
        # an office or a common word ends a name
        ("M. HUET, Député-Maire", [("HUET", 3)]),
        ("M. Jean DURAND, Député-Maire", [("Jean DURAND", 3)]),
        ("Mme CLABOT déléguée du Coudray", [("CLABOT", 4)]),
        ("Mme Claire ROBIN adjointe au maire", [("Claire ROBIN", 4)]),
        ("Mme Anne PETIT vice-présidente", [("Anne PETIT", 4)]),
        ("Jean DURAND (suite)", [("Jean DURAND", 0)]),
        ("Claire ROBIN.", [("Claire ROBIN", 0)]),
        # "M. le Maire", "Mme la Présidente": the chair, a member named by office
        ("M. le Maire", [("le Maire", 3)]),
        ("Mme la Présidente", [("la Présidente", 4)]),
        ("Jean DURAND Le Maire", [("Jean DURAND", 0), ("Le Maire", 12)]),
        # nobody
        ("", []),
        ("M.", []),
        ("J. P.", []),  # initials alone
        ("jean durand", []),  # no capital: prose
        ("Jean Pierre Paul Louis Marc Henri Luc", []),  # seven words: no name
    ],
)
def test_names_in_prenom_nom_order(piece: str, names: list[tuple[str, int]]) -> None:
    assert people.split(piece, "given") == names


@pytest.mark.parametrize(
    ("piece", "names"),
    [
        ("DURAND Jean ROBIN Claire", [("DURAND Jean", 0), ("ROBIN Claire", 12)]),
        ("DURAND J. ROBIN C.", [("DURAND J.", 0), ("ROBIN C.", 10)]),
        ("M. LE GALL Yves", [("LE GALL Yves", 3)]),
        ("Mme ROBIN Claire M. DURAND Jean", [("ROBIN Claire", 4), ("DURAND Jean", 20)]),
        ("DURAND Jean-Pierre", [("DURAND Jean-Pierre", 0)]),
    ],
)
def test_names_in_nom_prenom_order(piece: str, names: list[tuple[str, int]]) -> None:
    assert people.split(piece, "family") == names


def test_the_order_decides_where_a_person_starts() -> None:
    # the same words read in the two orders
    assert people.split("M. LE GALL Yves", "given") == [("LE GALL", 3), ("Yves", 11)]
    assert people.split("Jean DURAND Claire ROBIN", "family") == [
        ("Jean", 0),
        ("DURAND Claire", 5),
        ("ROBIN", 19),
    ]
    # an upper-case particle ends no surname in "Prénom NOM" order: "LE" / "Gall" is one name
    assert people.split("Yves LE Gall", "given") == [("Yves LE Gall", 0)]


def test_one_entry_per_line_starts_a_person_at_each_line_with_a_complete_name() -> None:
    piece = "Jean DURAND\nClaire ROBIN\nPaul\nMARTIN"
    assert people.split(piece, "given", line_mode=True) == [
        ("Jean DURAND", 0),
        ("Claire ROBIN", 12),
        ("Paul MARTIN", 25),  # "Paul" alone has no surname yet: the next line goes on with it
    ]
    # in "NOM Prénom" order the line end starts the next person too
    assert people.split("DURAND Jean\nROBIN Claire", "family", line_mode=True) == [
        ("DURAND Jean", 0),
        ("ROBIN Claire", 12),
    ]
    # not in line mode: the capitalisation decides ("Julien LE" / "GLOU" goes on)
    assert people.split("Julien LE\nGLOU", "given", line_mode=True) == [("Julien LE GLOU", 0)]


def test_line_mode_without_surnames_in_capitals_needs_two_words() -> None:
    piece = "Jean Durand\nClaire Robin\nPaul"
    assert people.split(piece, "given", line_mode=True) == [
        ("Jean Durand", 0),
        ("Claire Robin", 12),
        ("Paul", 25),
    ]
    assert people.split("Jean\nDurand", "given", line_mode=True) == [("Jean Durand", 0)]


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("M.", "civ"),
        ("Mme", "civ"),
        ("MM.", "civ"),
        ("Mmes", "civ"),
        ("Madame", "civ"),
        ("madame", "civ"),
        ("monsieur", "civ"),
        ("mme", "low"),  # a civility in lower case inside a sentence
        ("me", "low"),
        ("J.", "ini"),
        ("J", "ini"),
        ("Ph.", "ini"),
        ("JL.", "ini"),
        ("J.F.", "ini"),
        ("J.-P.", "ini"),
        ("É.", "ini"),
        ("Jp.", "ini"),
        ("JP", "up"),
        ("DE", "up"),
        ("ABC.", "up"),
        ("A.B.C.D.", "up"),
        ("DURAND", "up"),
        ("ÉLODIE", "up"),
        ("Durand", "cap"),
        ("Élodie", "cap"),
        ("d'Arc", "cap"),
        ("l'Huillier", "cap"),
        ("de", "part"),
        ("van", "part"),
        ("maire", "low"),
        ("3", "other"),
        ("-", "other"),
    ],
)
def test_word_classes(word: str, kind: str) -> None:
    assert people.tokens(word)[0].kind == kind if people.tokens(word) else kind == "other"


def test_tokens_keep_their_offsets_line_ends_and_hyphens() -> None:
    toks = people.tokens("M. Jean  DURAND,\n  (Claire) ROBIN- MARTIN  J.F.PINONCELY")
    assert [(t.text, t.at, t.kind, t.newline) for t in toks] == [
        ("M.", 0, "civ", False),
        ("Jean", 3, "cap", False),
        ("DURAND", 9, "up", False),
        ("Claire", 20, "cap", True),
        ("ROBIN-MARTIN", 28, "up", False),
        ("J.F.", 43, "ini", False),
        ("PINONCELY", 47, "up", False),
    ]
    assert people.tokens("(-) , ") == []
    # a line end before the first word is no line end between two words
    assert [t.newline for t in people.tokens("\nJean\nDURAND")] == [False, True]


@pytest.mark.parametrize(
    ("pieces", "way"),
    [
        (["M. Jean DURAND", "Claire ROBIN", "PETIT Anne"], "given"),
        (["DURAND Jean", "ROBIN Claire", "Anne PETIT"], "family"),
        (["Cerelles : M. POULLE Guy", "Sonzay : LEMAIRE Martine"], "family"),  # after the heading
        (["DURAND", "ROBIN Claire"], "family"),  # one word says nothing
        (["DURAND ROBIN", "Jean Paul"], "given"),  # no mix of cases: nothing said, the usual order
        (["DURAND Jean", "Anne PETIT"], "given"),  # a tie: the usual order
        ([], "given"),
    ],
)
def test_the_order_most_entries_print(pieces: list[str], way: str) -> None:
    assert people.order(pieces) == way


@pytest.mark.parametrize(
    ("piece", "prose"),
    [
        ("Le conseil municipal après en avoir délibéré", True),
        ("En préambule", True),  # one common word, no surname
        ("présentation du PPI", False),  # one common word beside a word in capitals
        ("M. Jean DURAND", False),
        ("Mme Claire ROBIN, adjointe au maire", False),  # office words are no prose
        ("Jean DURAND donne pouvoir à Paul ROBIN", False),  # entry words are no prose
        ("Jean DURAND absent excusé", False),
        ("", False),
    ],
)
def test_a_sentence_is_no_entry(piece: str, prose: bool) -> None:
    assert people.is_prose(piece) is prose


def test_the_first_common_word_of_an_entry() -> None:
    m = people.COMMON_WORD.search("C. ROSELLO, adjoint, formant la majorité")  # offices are skipped
    assert m is not None and (m.group(0), m.start()) == ("majorité", 32)
    found = people.COMMON_WORD.search("Jean DURAND a donné pouvoir à Paul, arrivé en retard")
    assert found is not None and found.group(0) == "arrivé"
    assert people.COMMON_WORD.search("Jean DURAND donne pouvoir") is None


@pytest.mark.parametrize(
    ("piece", "way", "names"),
    [
        ("M. le Maire.", "given", [("le Maire", 3)]),  # the sentence's full stop is no part of the name
        ("DURAND Jean Adjoint.", "family", [("DURAND Jean", 0)]),  # an office with a full stop
        ("Jean DURAND 12", "given", [("Jean DURAND", 0)]),  # a number ends a name
        ("Jean Pierre Marie DE LA FONTAINE", "given", [("Jean Pierre Marie DE LA FONTAINE", 0)]),  # six words
        ("J. de L.", "given", []),  # initials and particles only
        ("Jean DUVAUX", "given", [("Jean DUVAUX", 0)]),
        ("Jean LEROUX.", "given", [("Jean LEROUX", 0)]),
        # civilities in lower case inside a sentence, before a group of names
        (
            "mesdames et messieurs Jean DURAND, Claire ROBIN",
            "given",
            [("Jean DURAND", 22), ("Claire ROBIN", 35)],
        ),
        ("mmes et mm. Jean DURAND", "given", [("Jean DURAND", 12)]),
    ],
)
def test_where_a_name_ends(piece: str, way: str, names: list[tuple[str, int]]) -> None:
    assert people.split(piece, way) == names


@pytest.mark.parametrize(
    ("piece", "names"),
    [
        ("Jean Paul LE\nGLOU", [("Jean Paul LE GLOU", 0)]),  # a line ending on a particle goes on
        ("Jean DURAND\nMARTIN\nClaire ROBIN", [("Jean DURAND", 0), ("MARTIN", 12), ("Claire ROBIN", 19)]),
        ("J. Durand\nC. Robin", [("J. Durand", 0), ("C. Robin", 10)]),  # initials count as words
    ],
)
def test_one_entry_a_line_when_the_name_so_far_is_complete(piece: str, names: list[tuple[str, int]]) -> None:
    assert people.split(piece, "given", line_mode=True) == names


def test_split_by_default_reads_prenom_nom_and_no_entry_a_line() -> None:
    assert people.split("Jean DURAND Claire ROBIN") == [("Jean DURAND", 0), ("Claire ROBIN", 12)]
    assert people.split("Jean Durand\nClaire Robin") == [("Jean Durand Claire Robin", 0)]


@pytest.mark.parametrize(
    ("pieces", "way"),
    [
        (
            ["Jean DURAND", "Claire ROBIN", "Paul MARTIN", "DURAND Jean", "ROBIN Claire"],
            "given",
        ),  # three to two
        (["Sonzay : Titulaires : POULLE Guy"], "family"),  # after the last heading
        (["DURAND J.", "ROBIN C."], "family"),  # an initial is a given name
        (["DURAND ROBIN", "MARTIN LEROY"], "given"),  # surnames only say nothing
        (["Jean Paul", "DURAND Jean"], "family"),  # no surname says nothing
    ],
)
def test_the_order_counted_over_entries(pieces: list[str], way: str) -> None:
    assert people.order(pieces) == way


def test_a_civility_is_no_common_word() -> None:
    assert people.is_prose("présentation par Mme") is False  # a civility: an entry
    assert people.is_prose("présentation par M.") is True  # two letters: too short to tell
