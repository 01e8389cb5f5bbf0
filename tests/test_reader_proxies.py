"""Proxies and substitutes read from one entry of a list (extract/deliberation/proxies.py), by direct calls.

Who gives their proxy to whom, in both directions ("X donne pouvoir à Y", "Y porteur du pouvoir
de X"), in parentheses or not; who replaces whom; commune headings; "X : absente". Names invented.
"""

from __future__ import annotations

import pytest

from ctg_rules.extract.deliberation import proxies


def _read(entry: str, kind: str = "absent", way: str = "given") -> list[tuple[object, ...]]:
    """Each person of an entry with what it says of them, in a short form."""
    out: list[tuple[object, ...]] = []
    for p in proxies.parse(entry, kind, way):
        said: list[object] = [p.name, p.at]
        if p.proxy_to:
            said.append(("to", p.proxy_to))
        if p.held_from:
            said.append(("holds", p.held_from))
        if p.substitute_for:
            said.append(("replaces", p.substitute_for))
        if p.replaced:
            said.append("replaced")
        if p.mark:
            said.append(("mark", p.mark))
        if p.status:
            said.append(("status", p.status))
        out.append(tuple(said))
    return out


GIVEN_TO = [("Jean DURAND", 0, ("to", "Paul ROBIN"))]


@pytest.mark.parametrize(
    "entry",
    [
        "Jean DURAND a donné pouvoir à Paul ROBIN",
        "Jean DURAND donne pouvoir à Paul ROBIN",
        "Jean DURAND donne procuration à Paul ROBIN",
        "Jean DURAND a donné procuration à M. Paul ROBIN",
        "Jean DURAND ayant donné son pouvoir de vote à Paul ROBIN",
        "Jean DURAND qui a donné pouvoir au profit de Paul ROBIN",
        "Jean DURAND a donné procuration à l'ordre de Paul ROBIN",
        "Jean DURAND avait donné mandat à Paul ROBIN",
        "Jean DURAND, pouvoir à Paul ROBIN",
        "Jean DURAND pouvoir donné à Paul ROBIN",
        "Jean DURAND, représenté par Paul ROBIN",
        "Jean DURAND représentée par Paul ROBIN",
        "Jean DURAND (pouvoir à Paul ROBIN)",
        "Jean DURAND (pouvoir donné à Paul ROBIN)",
        "Jean DURAND (a donné pouvoir à M. Paul ROBIN)",
        "Jean DURAND (qui avait donné sa procuration à Paul ROBIN)",
        "Jean DURAND (représenté par Paul ROBIN)",
        "Jean DURAND (par Paul ROBIN)",
        "Jean DURAND (pouvoir au profit de Paul ROBIN)",
        "Jean DURAND (procuration à l'ordre de Paul ROBIN)",
        "Jean DURAND (délégation de vote à Paul ROBIN)",
        "Jean DURAND -> Paul ROBIN",
        "Jean DURAND → Paul ROBIN",
        "Jean DURAND => Paul ROBIN",
        "Jean DURAND > Paul ROBIN",
    ],
)
def test_the_giver_first(entry: str) -> None:
    assert _read(entry) == GIVEN_TO


@pytest.mark.parametrize("entry", ["Jean DURAND à Paul ROBIN", "Jean DURAND par Paul ROBIN"])
def test_in_a_list_of_proxies_a_and_par_name_the_holder(entry: str) -> None:
    assert _read(entry, "proxy") == GIVEN_TO
    # elsewhere "à" and "par" are no proxy: "Jean DURAND" only, holding or giving nothing
    assert _read(entry, "absent") == [("Jean DURAND", 0)]


def test_pouvoir_de_x_a_y() -> None:
    assert _read("pouvoir de Jean DURAND à Paul ROBIN") == [("Jean DURAND", 11, ("to", "Paul ROBIN"))]
    assert _read("Procuration d'Anne PETIT à Paul ROBIN") == [("Anne PETIT", 14, ("to", "Paul ROBIN"))]


@pytest.mark.parametrize(
    ("entry", "giver"),
    [
        ("Paul ROBIN (pouvoir de Jean DURAND)", ("Jean DURAND", 23)),
        ("Paul ROBIN (pouvoir d'Anne PETIT)", ("Anne PETIT", 22)),
        ("Paul ROBIN (procuration de Jean DURAND)", ("Jean DURAND", 27)),
        ("Paul ROBIN (porteur du pouvoir de Jean DURAND)", ("Jean DURAND", 34)),
        ("Paul ROBIN (porteuse du pouvoir de Mme Anne PETIT)", ("Anne PETIT", 39)),
        ("Paul ROBIN (détenteur du pouvoir de Jean DURAND)", ("Jean DURAND", 36)),
        ("Paul ROBIN (titulaire du pouvoir de Jean DURAND)", ("Jean DURAND", 36)),
        ("Paul ROBIN, porteur du pouvoir de Jean DURAND", ("Jean DURAND", 34)),
        ("Paul ROBIN, détentrice du pouvoir de Jean DURAND", ("Jean DURAND", 37)),
        ("Paul ROBIN porteur des pouvoirs d'Anne PETIT", ("Anne PETIT", 34)),
    ],
)
def test_the_holder_first(entry: str, giver: tuple[str, int]) -> None:
    assert _read(entry, "present") == [("Paul ROBIN", 0, ("holds", [giver]))]


@pytest.mark.parametrize(
    "entry",
    [
        "Paul ROBIN (suppléant de Jean DURAND)",
        "Paul ROBIN (suppléante de Jean DURAND)",
        "Paul ROBIN (en remplacement de Jean DURAND)",
        "Paul ROBIN (remplace Jean DURAND)",
        "Paul ROBIN (remplaçant Jean DURAND)",
        "Paul ROBIN (remplaçante de Jean DURAND)",
        "Paul ROBIN (remplaçante Jean DURAND)",
    ],
)
def test_a_substitute_naming_the_titulaire_in_parentheses(entry: str) -> None:
    assert _read(entry, "present") == [("Paul ROBIN", 0, ("replaces", "Jean DURAND"))]


@pytest.mark.parametrize(
    ("entry", "at"),
    [
        ("Paul ROBIN, suppléant de Jean DURAND", 25),
        ("Paul ROBIN suppléante d'Jean DURAND", 24),
        ("Paul ROBIN, remplaçant Jean DURAND", 23),
        ("Paul ROBIN, remplaçant de Jean DURAND", 26),
        ("Paul ROBIN, remplaçante d'Jean DURAND", 26),
        ("Paul ROBIN en remplacement de Jean DURAND", 30),
    ],
)
def test_a_substitute_then_the_titulaire_replaced(entry: str, at: int) -> None:
    assert _read(entry, "substitute") == [
        ("Paul ROBIN", 0, ("replaces", "Jean DURAND")),
        ("Jean DURAND", at, "replaced"),  # neither present nor counted absent
    ]


@pytest.mark.parametrize(
    "entry",
    [
        "Jean DURAND remplacé par son suppléant Paul ROBIN",
        "Jean DURAND, représenté par son suppléant Paul ROBIN",
        "Jean DURAND remplacée par sa suppléante, Paul ROBIN",
    ],
)
def test_the_titulaire_then_the_substitute(entry: str) -> None:
    assert _read(entry) == [
        ("Jean DURAND", 0, "replaced"),
        ("Paul ROBIN", entry.index("Paul"), ("replaces", "Jean DURAND")),
    ]


def test_statements_run_together_without_separators() -> None:
    entry = "B. VIAL a donné pouvoir à G. GIRAUD C. GRAS a donné pouvoir à S. MOREL"
    assert _read(entry) == [("B. VIAL", 0, ("to", "G. GIRAUD")), ("C. GRAS", 36, ("to", "S. MOREL"))]
    entry = "Paul ROBIN porteur du pouvoir de Jean DURAND Anne PETIT"
    assert _read(entry, "present") == [
        ("Paul ROBIN", 0, ("holds", [("Jean DURAND", 33)])),
        ("Anne PETIT", 45),
    ]


def test_a_verb_without_a_name_on_one_side_pairs_nobody() -> None:
    assert _read("a donné pouvoir à Paul ROBIN") == [("Paul ROBIN", 18)]
    assert _read("Jean DURAND a donné pouvoir à") == [("Jean DURAND", 0)]


@pytest.mark.parametrize(
    ("entry", "mark"),
    [("Jean DURAND (Pr*)", "Pr*3"), ("Jean DURAND (P1)", "P12"), ("Jean DURAND (pr. 2)", "pr.25")],
)
def test_a_proxy_mark_pairs_a_giver_and_a_holder(entry: str, mark: str) -> None:
    assert _read(entry) == [("Jean DURAND", 0, ("mark", mark))]


@pytest.mark.parametrize(
    "entry",
    [
        "Jean DURAND (pas de pouvoir)",
        "Jean DURAND (pouvoir 2)",
        "Jean DURAND (maire)",
        "Jean DURAND (arrivé à 19 h)",
        "Jean DURAND (pouvoir à son voisin)",  # nobody named: no holder
        "Jean DURAND (pouvoir de l'adjoint)",
        "Jean DURAND (suppléant de la commune)",
    ],
)
def test_parentheses_that_say_no_proxy(entry: str) -> None:
    assert _read(entry) == [("Jean DURAND", 0)]


def test_parentheses_speak_of_the_person_just_before_them() -> None:
    entry = "Jean DURAND Anne PETIT (pouvoir à Paul ROBIN)"
    assert _read(entry) == [("Jean DURAND", 0), ("Anne PETIT", 12, ("to", "Paul ROBIN"))]
    # before every name: the first person's
    assert _read("(pouvoir à Paul ROBIN) Jean DURAND") == [("Jean DURAND", 23, ("to", "Paul ROBIN"))]


@pytest.mark.parametrize(
    ("entry", "status"),
    [
        ("Marie DURAND : absente", "absent"),
        ("Marie DURAND : absente non excusée", "absent"),
        ("Marie DURAND : excusée", "absent"),
        ("Marie DURAND : absente, excusée.", "absent"),
        ("Marie DURAND : présente", "present"),
    ],
)
def test_a_name_and_what_they_were(entry: str, status: str) -> None:
    assert proxies.is_status(entry)
    assert _read(entry, "present") == [("Marie DURAND", 0, ("status", status))]


def test_a_commune_heading_is_no_name() -> None:
    assert _read("Cerelles : M. POULLE Guy", "present", "family") == [("POULLE Guy", 14)]
    assert not proxies.is_status("Cerelles : M. POULLE Guy")


@pytest.mark.parametrize(
    ("entry", "commune"),
    [
        ("Cerelles : M. POULLE Guy", "Cerelles"),
        ("- Cerelles : Jean DURAND", "Cerelles"),
        ("Commune d'Aulnay : M. Jean DURAND", "Aulnay"),
        ("Ville de Tours : Mme Anne PETIT", "Tours"),
        ("Commune du Mans : Jean DURAND", "Mans"),
        ("Commune des Ulis : Jean DURAND", "Ulis"),
        ("Commune de l'Isle : Jean DURAND", "Isle"),
        ("Commune de la Riche : Jean DURAND", "Riche"),
        ("Sonzay titulaires : Jean DURAND", "Sonzay"),
        ("Sonzay délégués : Jean DURAND", "Sonzay"),
        ("Sonzay suppléant : Jean DURAND", "Sonzay"),
        ("Aulnay (37) : Jean DURAND", "Aulnay"),
        ("Cerelles: M. POULLE Guy", "Cerelles"),  # no blank before the colon
        ("Xertigny : M. Jean DURAND", "Xertigny"),
        ("Marie DURAND : absente", None),  # a status, not a heading
        ("Aulnay : le conseil", None),  # nobody after it
        ("Jean DURAND", None),
        ("Jean DURAND (pouvoir : Paul ROBIN)", None),
    ],
)
def test_the_commune_an_entry_is_grouped_under(entry: str, commune: str | None) -> None:
    assert proxies.heading(entry) == commune


def test_blank_parens_keeps_the_offsets() -> None:
    text, inside = proxies.blank_parens("Jean (pouvoir à Paul) et (Pr*)")
    assert text == "Jean" + " " * 18 + "et" + " " * 6
    assert inside == [("pouvoir à Paul", 6), ("Pr*", 26)]


def test_nested_parentheses_are_one_statement_about_the_person() -> None:
    # the inner pair says who the holder is, not a second statement about Anne PETIT
    entry = "Anne PETIT (pouvoir à Jean DURAND (adjoint), excusée)"
    assert _read(entry) == [("Anne PETIT", 0, ("to", "Jean DURAND"))]
    text, inside = proxies.blank_parens(entry)
    assert text == "Anne PETIT" + " " * (len(entry) - 10)
    assert inside == [("pouvoir à Jean DURAND " + " " * len("(adjoint)") + ", excusée", 12)]
    # an opener cut off by the reader: the closed pair after it still counts
    assert proxies.blank_parens("Jean (Pr*") == ("Jean (Pr*", [])
    assert proxies.blank_parens("Jean (voir (Pr*)") == ("Jean (voir      ", [("Pr*", 12)])


def test_a_pair_after_nested_parentheses_is_read_too() -> None:
    # the inner pair is skipped as part of the outer one; the pair after them still counts
    entry = "Anne PETIT (excusée (maladie)) (pouvoir à Jean DURAND)"
    assert _read(entry) == [("Anne PETIT", 0, ("to", "Jean DURAND"))]
    text, inside = proxies.blank_parens(entry)
    assert text == "Anne PETIT" + " " * (len(entry) - 10)
    assert inside == [("excusée          ", 12), ("pouvoir à Jean DURAND", 32)]


def test_by_default_prenom_nom_order_and_names_may_wrap_over_lines() -> None:
    found = proxies.parse("Jean DURAND Claire ROBIN", "present")
    assert [(p.name, p.at) for p in found] == [("Jean DURAND", 0), ("Claire ROBIN", 12)]
    # not one entry a line: a line end inside a name goes on with it ("Julien LE" / "GLOU")
    assert [p.name for p in proxies.parse("Jean Durand\nClaire Robin", "present")] == [
        "Jean Durand Claire Robin"
    ]
    found = proxies.parse("Jean Durand\nClaire Robin", "present", line_mode=True)
    assert [(p.name, p.at) for p in found] == [("Jean Durand", 0), ("Claire Robin", 12)]


def test_names_in_nom_prenom_order_around_a_verb() -> None:
    found = proxies.parse("DURAND Jean donne pouvoir à ROBIN Claire", "absent", "family")
    assert [(p.name, p.at, p.proxy_to) for p in found] == [("DURAND Jean", 0, "ROBIN Claire")]
    found = proxies.parse("ROBIN Claire (pouvoir de DURAND Jean)", "present", "family")
    assert [(p.name, p.held_from) for p in found] == [("ROBIN Claire", [("DURAND Jean", 25)])]
    found = proxies.parse("ROBIN Claire (suppléante de DURAND Jean)", "present", "family")
    assert [(p.name, p.substitute_for) for p in found] == [("ROBIN Claire", "DURAND Jean")]
    found = proxies.parse("ROBIN Claire (pouvoir à DURAND Jean)", "absent", "family")
    assert [(p.name, p.proxy_to) for p in found] == [("ROBIN Claire", "DURAND Jean")]
    found = proxies.parse("ROBIN Claire : absente", "present", "family")
    assert [(p.name, p.status) for p in found] == [("ROBIN Claire", "absent")]


def test_a_verb_with_nobody_before_it_then_a_statement() -> None:
    entry = "donne pouvoir à Paul ROBIN Jean DURAND donne pouvoir à Claire ROBIN"
    assert _read(entry) == [("Paul ROBIN", 16), ("Jean DURAND", 27, ("to", "Claire ROBIN"))]
