"""The 41 real deliberations of Montpellier (April 2014), as PDFs: every one extracts, and the
sample below — read page by page in the PDFs — comes out exactly.

Every act of this corpus prints the same parts (checked by reading them): number ("n° 2014 /
155"), subject, session date and time, convocation date, place, chair, the list of members
present, the members who voted by proxy (holder not named), "Le Conseil adopte", the
transmission stamp (sent, received, act id) and "Publiée le". None prints a secretary, counts,
vote figures or a certification date: those must stay out.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.conftest import SHARED

pytest.importorskip("pypdfium2")
from ctg_rules.extract import extract_path

CORPUS = SHARED / "corpus" / "montpellier-2014"
PDFS = sorted(CORPUS.glob("*.pdf")) if CORPUS.exists() else []
pytestmark = pytest.mark.skipif(not PDFS, reason="shared corpus not available")

#: Printed in every act of the corpus (the denominator of the figures).
PRINTED = (
    ("number",), ("subject",), ("body", "name"), ("session", "date"), ("session", "time"),
    ("session", "place"), ("session", "convened_on"), ("session", "president"), ("present",),
    ("absent",), ("decision",), ("transmission", "sent_on"), ("transmission", "received_on"),
    ("transmission", "published_on"), ("transmission", "act_id"),
)  # fmt: skip
#: Printed in none: extracting one would be a guess.
NOT_PRINTED = (
    ("session", "secretary"), ("members_in_office",), ("declared",), ("vote",), ("certified_on",),
)  # fmt: skip

# Read in the PDFs: (act id, number, session, convened, present, proxies, sent, received, published)
SAMPLE = {
    # the installation session: all 65 members present, nobody by proxy; convened "lundi 31 mars 2014"
    "2014-04-05-0000070899.pdf": (
        "034-213401722-20140405-0000070899-DE",
        "2014/131",
        date(2014, 4, 5),
        date(2014, 3, 31),
        65,
        0,
        date(2014, 4, 8),
        date(2014, 4, 8),
        date(2014, 4, 5),
    ),
    # "LEVY-\nRAMEAU" hyphenated across lines; published "25 avril 2014" in words
    "2014-04-24-0000071216.pdf": (
        "034-213401722-20140424-0000071216-DE",
        "2014/155",
        date(2014, 4, 24),
        date(2014, 4, 17),
        62,
        3,
        date(2014, 4, 25),
        date(2014, 4, 25),
        date(2014, 4, 25),
    ),
    # received on 28/04, published on 25/04: as printed
    "2014-04-24-0000071251.pdf": (
        "034-213401722-20140424-0000071251-DE",
        "2014/139",
        date(2014, 4, 24),
        date(2014, 4, 17),
        62,
        3,
        date(2014, 4, 28),
        date(2014, 4, 28),
        date(2014, 4, 25),
    ),
    # convened "17/04/2014" in figures, chair "Philippe Saurel" in small letters
    "2014-04-24-0000071276.pdf": (
        "034-213401722-20140424-0000071276-DE",
        "2014/171",
        date(2014, 4, 24),
        date(2014, 4, 17),
        62,
        3,
        date(2014, 4, 28),
        date(2014, 4, 28),
        date(2014, 4, 25),
    ),
    # the body designates "Suppléant : Pascal KRYZANSKI": a designation, not attendance
    "2014-04-24-0000071285.pdf": (
        "034-213401722-20140424-0000071285-DE",
        "2014/161",
        date(2014, 4, 24),
        date(2014, 4, 17),
        62,
        3,
        date(2014, 4, 28),
        date(2014, 4, 28),
        date(2014, 4, 25),
    ),
    # the stamp of the interleaved column cuts "Pour extrait conforme" from the signature
    "2014-04-24-0000071288.pdf": (
        "034-213401722-20140424-0000071288-DE",
        "2014/167",
        date(2014, 4, 24),
        date(2014, 4, 17),
        62,
        3,
        date(2014, 4, 28),
        date(2014, 4, 28),
        date(2014, 4, 25),
    ),
    # re-sent: two stamps printed (…71277-DE then …71305-DE); the last is kept
    "2014-04-24-0000071305.pdf": (
        "034-213401722-20140424-0000071305-DE",
        "2014/170",
        date(2014, 4, 24),
        date(2014, 4, 17),
        62,
        3,
        date(2014, 4, 28),
        date(2014, 4, 28),
        date(2014, 4, 25),
    ),
}


@pytest.fixture(scope="module")
def extractions():  # type: ignore[no-untyped-def]
    return {pdf.name: extract_path(pdf) for pdf in PDFS}


def test_every_pdf_extracts(extractions) -> None:  # type: ignore[no-untyped-def]
    assert len(extractions) == 41
    for name, extraction in extractions.items():
        assert len(extraction.data["deliberations"]) == 1, name
        d = extraction.data["deliberations"][0]
        # the act id printed on the stamp is the one in the file name
        assert d["transmission"]["act_id"].endswith(name[11:21] + "-DE"), name


@pytest.mark.parametrize("name", sorted(SAMPLE))
def test_sample_verified_by_reading_the_pdfs(extractions, name: str) -> None:  # type: ignore[no-untyped-def]
    act_id, number, session, convened, present, proxies, sent, received, published = SAMPLE[name]
    d = extractions[name].data["deliberations"][0]
    assert d["transmission"]["act_id"] == act_id
    assert d["number"] == number
    assert d["session"]["date"] == session
    assert d["session"]["convened_on"] == convened
    assert len(d["present"]) == present
    assert sum(1 for a in d["absent"] if isinstance(a, dict) and a.get("proxy")) == proxies
    assert len(d["absent"]) == proxies  # "Absents :" is printed empty
    assert d["transmission"]["sent_on"] == sent
    assert d["transmission"]["received_on"] == received
    assert d["transmission"]["published_on"] == published
    assert d["body"] == {
        "name": "Ville de Montpellier",
        "kind": "commune",
        "siren": "213401722",
        "department": "034",
    }
    assert d["decision"] == "adopted"
    for path in NOT_PRINTED:
        node = d
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        assert node is None, (name, path)


def test_pages_and_lines_point_into_the_pdf(extractions) -> None:  # type: ignore[no-untyped-def]
    x = extractions["2014-04-24-0000071216.pdf"]
    assert x.locate(("deliberations", 0, "number"))[::2] == (8, 1)  # "n° 2014 / 155": page 1, line 8
    assert x.locate(("deliberations", 0, "transmission", "published_on"))[2] == 2  # "Publiée le", page 2
    line, column, page = x.locate(("deliberations", 0, "absent", 2))
    assert (page, line) == (1, 27)  # "Stéphanie JANNIN,Bernard TRAVIER,Dominique MARTIN-PRIVAT."
    assert column == len("Stéphanie JANNIN,Bernard TRAVIER,") + 1


def test_figures_found_over_printed(extractions, capsys) -> None:  # type: ignore[no-untyped-def]
    found = expected = 0
    missed: dict[tuple[str, ...], int] = {}
    for extraction in extractions.values():
        d = extraction.data["deliberations"][0]
        for path in PRINTED:
            expected += 1
            node = d
            for part in path:
                node = node.get(part) if isinstance(node, dict) else None
            if node is not None:  # an empty list is found when printed empty ("Absents :")
                found += 1
            else:
                missed[path] = missed.get(path, 0) + 1
    with capsys.disabled():
        print(
            f"\nmontpellier-2014: {found}/{expected} printed fields extracted from {len(extractions)} PDFs; missed: {missed}"
        )
    assert found == expected, missed


def test_text_of_a_pdf_is_read_page_by_page() -> None:
    from ctg_rules.extract import read

    source = read(CORPUS / "2014-04-24-0000071217.pdf")
    assert source.kind == "pdf" and source.pages is not None and len(source.pages) == 4
    assert "n° 2014 / 137" in source.pages[0]
    assert Path(source.path).name == "2014-04-24-0000071217.pdf"
