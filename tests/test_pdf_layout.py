"""PDF reading order (extract/pdflayout.py): pages whose content stream mixes up the reading order.

Each PDF is written here by a tiny content-stream writer that puts each piece of text at a chosen
place and in a chosen order in the stream, as some generators do: a margin column of counts
interleaved line by line with the body or written after it, two columns interleaved, a vote table
written column by column, a running header and the prefecture's stamp on every page. The names and
the commune are invented.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ctg_rules.extract import extract_path

pdfium = pytest.importorskip("pypdfium2")

from ctg_rules.extract import pdflayout  # noqa: E402
from tests.scans import text_pdf as placed_pdf  # noqa: E402
from tests.test_extract_cli import make_pdf  # noqa: E402

Piece = tuple[float, float, str, float]  # x, y, text, font size (placed_pdf writes them in this order)


TITLE = ["EXTRAIT DU REGISTRE DES DELIBERATIONS", "DU CONSEIL MUNICIPAL DE VILLEBRUNE-SUR-LOIRE"]
MARGIN = [
    "Nombre de conseillers :",
    "en exercice : 19",
    "présents : 15",
    "votants : 17",
    "Convoqué le 24 février 2025",
    "Affiché le 24 février 2025",
]
BODY = [
    "Séance du 3 mars 2025",
    "L'an deux mille vingt-cinq, le trois mars à vingt heures, le conseil municipal",
    "de la commune, dûment convoqué, s'est réuni à la mairie, sous la présidence",
    "de M. Gaston VERNIER, Maire.",
    "Présents : Gaston VERNIER, Irène CHAUVET, Hugo DELMAS, Nadia FERRAND,",
    "Olivier GRANGER, Rose HAMELIN, Victor JOUBERT, Agathe LABBE, Simon MAILLARD,",
    "Léa NOIRET, Bruno PASQUET, Carla RIVIERE, Denis SAUVAGE, Elsa TOURNIER,",
    "Fabien VIDAL.",
    "Absents : Marthe BLONDEL (pouvoir à Gaston VERNIER), Henri COLLIN (pouvoir",
    "à Irène CHAUVET), Justine DAUPHIN, Kevin ESNAULT.",
    "Secrétaire de séance : Irène CHAUVET.",
    "Objet : Adhésion au groupement de commandes pour l'achat d'énergie",
    "Après en avoir délibéré, le conseil municipal, à l'unanimité, APPROUVE",
    "l'adhésion de la commune au groupement de commandes.",
]
PRESENT = [
    "Gaston VERNIER", "Irène CHAUVET", "Hugo DELMAS", "Nadia FERRAND", "Olivier GRANGER", "Rose HAMELIN",
    "Victor JOUBERT", "Agathe LABBE", "Simon MAILLARD", "Léa NOIRET", "Bruno PASQUET", "Carla RIVIERE",
    "Denis SAUVAGE", "Elsa TOURNIER", "Fabien VIDAL",
]  # fmt: skip


def _title() -> list[Piece]:
    return [(150, 790 - 14 * i, line, 11) for i, line in enumerate(TITLE)]


def _body(top: float = 740, leading: float = 14) -> list[Piece]:
    return [(180, top - leading * i, line, 10) for i, line in enumerate(BODY)]


def _margin(top: float = 712, leading: float = 14, size: float = 10) -> list[Piece]:
    return [(40, top - leading * i, line, size) for i, line in enumerate(MARGIN)]


def _interleave(a: list[Piece], b: list[Piece]) -> list[Piece]:
    """Both lists in one stream, top to bottom, as a generator sorting by height writes them."""
    return sorted(a + b, key=lambda p: (-p[1], p[0]))


def _raw(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(pdf))]
    finally:
        pdf.close()


def _deliberation(path: Path) -> dict:  # type: ignore[type-arg]
    [d] = extract_path(path).data["deliberations"]
    return d


def _check_counts_and_attendance(d: dict) -> None:  # type: ignore[type-arg]
    assert d["members_in_office"] == 19
    assert d["declared"] == {"present": 15, "voters": 17}
    assert d["session"]["date"] == date(2025, 3, 3) and d["session"]["convened_on"] == date(2025, 2, 24)
    assert [p if isinstance(p, str) else p["name"] for p in d["present"]] == PRESENT
    assert d["absent"][:2] == [
        {"name": "Marthe BLONDEL", "proxy_to": "Gaston VERNIER"},
        {"name": "Henri COLLIN", "proxy_to": "Irène CHAUVET"},
    ]


def test_margin_of_counts_interleaved_on_the_body_lines_is_its_own_block(tmp_path: Path) -> None:
    # the margin's lines share the body's baselines: PDFium joins each to a body line
    path = placed_pdf(tmp_path / "margin.pdf", [_title() + _interleave(_margin(), _body())])
    assert "votants : 17 Olivier GRANGER" in _raw(path)[0]  # what the readers saw before
    d = _deliberation(path)
    _check_counts_and_attendance(d)
    source = extract_path(path)
    text = "\n".join(line for line in (source.lines or {}).values())
    assert "en exercice : 19\nprésents : 15\nvotants : 17\n" in text  # the margin, as one block


def test_margin_with_its_own_smaller_lines_interleaved_by_height(tmp_path: Path) -> None:
    pieces = _title() + _interleave(_margin(top=716, leading=11, size=8), _body())
    path = placed_pdf(tmp_path / "margin-small.pdf", [pieces])
    assert "Affiché le 24 février 2025 Léa NOIRET" in _raw(path)[0]
    _check_counts_and_attendance(_deliberation(path))


def test_margin_written_after_the_body_comes_before_the_body_beside_it(tmp_path: Path) -> None:
    path = placed_pdf(tmp_path / "margin-last.pdf", [_title() + _body() + _margin()])
    _check_counts_and_attendance(_deliberation(path))
    lines = [line for line in (extract_path(path).lines or {}).values() if line.strip()]
    at = lines.index("Nombre de conseillers :")
    assert lines[at : at + 7] == [*MARGIN, BODY[2]]
    assert lines[:at] == TITLE + BODY[:2]  # the body above the margin stays above it


def test_vote_table_written_column_by_column_reads_as_rows(tmp_path: Path) -> None:
    body = [
        *BODY[:-2],
        "Après en avoir délibéré, le conseil municipal APPROUVE l'adhésion.",
        "Résultat du vote :",
    ]
    pieces = [(180, 740 - 14 * i, line, 10) for i, line in enumerate(body)]
    rows = [("Pour", "13"), ("Contre", "2"), ("Abstentions", "2")]
    y = 740 - 14 * len(body) - 4
    pieces += [(180, y - 14 * i, label, 10) for i, (label, _) in enumerate(rows)]  # the labels' column
    pieces += [(300, y - 14 * i, figure, 10) for i, (_, figure) in enumerate(rows)]  # then the figures'
    path = placed_pdf(
        tmp_path / "votes.pdf", [_title() + _interleave(_margin(), pieces[: len(body)]) + pieces[len(body) :]]
    )
    assert "Pour\nContre\nAbstentions\n13" in _raw(path)[0]
    d = _deliberation(path)
    assert d["vote"] == {"for": 13, "against": 2, "abstentions": 2}
    assert d["members_in_office"] == 19 and d["decision"] == "adopted"
    lines = list((extract_path(path).lines or {}).values())
    assert [line for line in lines if line[:1] in "PCA" and "  " in line] == [
        "Pour  13",
        "Contre  2",
        "Abstentions  2",
    ]


LEFT = ["Présents :", "Gaston VERNIER", "Irène CHAUVET", "Hugo DELMAS", "Nadia FERRAND", "Olivier GRANGER"]
RIGHT = [
    "Absents excusés :",
    "Marthe BLONDEL, pouvoir à Gaston VERNIER",
    "Henri COLLIN, pouvoir à Irène CHAUVET",
]


def test_two_columns_with_their_own_baselines_are_read_one_after_the_other(tmp_path: Path) -> None:
    head = [
        "Séance du 3 mars 2025",
        "Le conseil municipal de la commune s'est réuni sous la présidence de M. Gaston VERNIER, Maire.",
        "Nombre de conseillers en exercice : 7",
    ]
    top = [(60, 740 - 14 * i, line, 10) for i, line in enumerate(head)]
    left = [(60, 690 - 14 * i, line, 10) for i, line in enumerate(LEFT)]
    right = [(320, 697 - 14 * i, line, 10) for i, line in enumerate(RIGHT)]  # half a line higher
    tail = [(60, 590, "Le conseil municipal, à l'unanimité, APPROUVE le règlement intérieur.", 10)]
    path = placed_pdf(tmp_path / "columns.pdf", [_title() + top + _interleave(left, right) + tail])
    assert "Absents excusés : Présents : Marthe BLONDEL" in _raw(path)[0]  # PDFium mixes the two
    d = _deliberation(path)
    assert [p if isinstance(p, str) else p["name"] for p in d["present"]] == LEFT[1:]
    assert d["absent"] == [
        {"name": "Marthe BLONDEL", "proxy_to": "Gaston VERNIER"},
        {"name": "Henri COLLIN", "proxy_to": "Irène CHAUVET"},
    ]


STAMP = [
    "Envoyé en préfecture le 05/03/2025",
    "Reçu en préfecture le 05/03/2025",
    "ID : 045-214500000-20250303-2025_012-DE",
]


def _paged(page: int, lines: list[str]) -> list[Piece]:
    """A page: the running header, the prefecture's stamp, the lines, the footer with its number."""
    pieces: list[Piece] = [(40, 810, "Commune de Villebrune-sur-Loire - séance du 3 mars 2025", 9)]
    pieces += [(60, 760 - 14 * i, line, 10) for i, line in enumerate(lines)]
    pieces.append((270, 30, f"Page {page}/3", 9))
    return pieces + [(400, 790 - 9 * i, line, 7) for i, line in enumerate(STAMP)]  # added last


def test_running_header_and_page_numbers_dropped_stamp_read_once(tmp_path: Path) -> None:
    one = [*TITLE, "Séance du 3 mars 2025", *BODY[1:4], "Nombre de conseillers en exercice : 19"]
    two = [*BODY[4:11], "Présents : 15 - Votants : 17"]
    three = [*BODY[11:], "Fait et délibéré les jour, mois et an susdits."]
    path = placed_pdf(tmp_path / "pages.pdf", [_paged(1, one), _paged(2, two), _paged(3, three)])
    x = extract_path(path)
    [d] = x.data["deliberations"]
    assert d["transmission"]["act_id"] == "045-214500000-20250303-2025_012-DE"
    assert d["transmission"]["sent_on"] == date(2025, 3, 5) and d["transmission"]["received_on"] == date(
        2025, 3, 5
    )
    assert d["members_in_office"] == 19 and d["declared"] == {"present": 15, "voters": 17}
    assert [p if isinstance(p, str) else p["name"] for p in d["present"]] == PRESENT
    lines = [line for line in (x.lines or {}).values()]
    assert not any("Villebrune-sur-Loire - séance" in line for line in lines)
    assert sum(line.startswith("ID : 045-") for line in lines) == 1
    assert not any(line.startswith("Page ") for line in lines)


def _unchanged(path: Path) -> bool:
    """Whether every page's text is PDFium's own, not even copied."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = [pdf[i].get_textpage() for i in range(len(pdf))]
        return all(pdflayout.page_text(t, text) is text for t in pages for text in [t.get_text_range()])
    finally:
        pdf.close()


def test_single_column_page_is_left_as_pdfium_reads_it(tmp_path: Path) -> None:
    lines = [*TITLE, *BODY, "Pour : 17", "Contre : 0"]
    assert _unchanged(make_pdf(tmp_path / "plain.pdf", [lines[:12], lines[12:]]))


def test_layouts_already_in_reading_order_are_left_alone(tmp_path: Path) -> None:
    # a margin column written before the body beside it
    assert _unchanged(placed_pdf(tmp_path / "margin-first.pdf", [_title() + _margin() + _body()]))
    # labels and their values on the same lines, row after row (the values wrap under themselves)
    rows = [("Présents :", "Gaston VERNIER, Irène CHAUVET, Hugo DELMAS, Nadia FERRAND,"),
            ("", "Olivier GRANGER, Rose HAMELIN."), ("Absents :", "Marthe BLONDEL, Henri COLLIN."),
            ("Secrétaire :", "Irène CHAUVET.")]  # fmt: skip
    pieces = [
        p
        for i, (label, value) in enumerate(rows)
        for p in [(60, 700 - 14 * i, label, 10), (150, 700 - 14 * i, value, 10)]
        if p[2]
    ]
    assert _unchanged(placed_pdf(tmp_path / "labels.pdf", [_title() + pieces]))
    # two columns of names written row by row
    names = [(60 + 240 * (k % 2), 700 - 14 * (k // 2), name, 10) for k, name in enumerate(PRESENT)]
    assert _unchanged(placed_pdf(tmp_path / "names.pdf", [_title() + names]))


def test_word_hyphenated_beside_the_margin_joins_its_own_end(tmp_path: Path) -> None:
    body = [
        *BODY[:2],
        "de la commune, dûment convoqué, s'est réuni à la mai-",
        "rie, sous la présidence",
        *BODY[4:],
    ]
    pieces = _title() + _interleave(_margin(), [(180, 740 - 14 * i, line, 10) for i, line in enumerate(body)])
    path = placed_pdf(tmp_path / "hyphen.pdf", [pieces])
    assert "à la mai\ufffeen exercice : 19 rie" in _raw(path)[0]  # PDFium joined it to the margin's line
    lines = list((extract_path(path).lines or {}).values())
    assert "de la commune, dûment convoqué, s'est réuni à la mairie, sous la présidence" in lines
    assert "en exercice : 19" in lines


def test_a_page_of_words_placed_one_by_one_is_left_as_pdfium_reads_it(tmp_path: Path) -> None:
    # 900 pieces: reading their boxes would cost more than the page; the margin stays where it is
    words = [(180 + 40 * (k % 9), 740 - 8 * (k // 9), "mot", 6) for k in range(900)]
    path = placed_pdf(tmp_path / "words.pdf", [_interleave(_margin(), words)])
    pdf = pdfium.PdfDocument(str(path))
    try:
        assert pdflayout._rects(pdf[0].get_textpage()) is None
    finally:
        pdf.close()
    assert _unchanged(path)
