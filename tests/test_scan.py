"""Scanners give exactly their pattern's ``finditer`` (extract/scan.py), on made-up and real texts."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from ctg_rules.extract import scan
from ctg_rules.extract.positions import plain
from ctg_rules.extract.scan import Scanner, beginnings
from ctg_rules.extract.words import DATES

from .conftest import SHARED

TEXT = plain(
    "Séance du mardi 12 mars 2024 à 18 h 30. Convoqué le 05/03/2024, affiché le 6.3.24 ; "
    "le 1er avril 2024, les 12 03 2024 et XX/XX/2024, __/__/____, ... 2024, le … ?? "
    "deux mille vingt-quatre, exercice 2023, lundi  3 juin 2024, samedi, 31/02/2024, 2024-03-12, "
    "Reçu en préfecture le 14 mars 2024 - ID : 034-213401722-20240312-DEL2024_12-DE, x 2024 xx xxxxxxxxx"
)


def _same(scanner: Scanner, text: str, pos: int, endpos: int) -> None:
    found = [(m.span(), m.groupdict()) for m in scanner.finditer(text, pos, endpos)]
    assert found == [(m.span(), m.groupdict()) for m in scanner.rx.finditer(text, pos, endpos)]


def test_dates_are_found_as_the_pattern_finds_them() -> None:
    assert [m.group(0) for m in DATES.finditer(TEXT)][:3] == ["mardi 12 mars 2024", "05/03/2024", "6.3.24"]
    rng = random.Random(16)
    for _ in range(300):  # any window, as the readers ask for
        a = rng.randrange(len(TEXT))
        _same(DATES, TEXT, a, rng.randrange(a, len(TEXT) + 5))


def test_a_window_cutting_a_day_name_or_a_match() -> None:
    at = TEXT.index("mardi")
    for a, b in [(at + 1, len(TEXT)), (at, at + 3), (at, at + 14), (0, TEXT.index("2024") + 2)]:
        _same(DATES, TEXT, a, b)


def test_random_text_made_of_a_dates_pieces() -> None:
    pieces = [
        "1",
        "2",
        "12",
        "er",
        " ",
        "  ",
        "/",
        ".",
        "-",
        "x",
        "xx",
        "_",
        "…",
        "?",
        "mars",
        "lundi",
        "a",
        "\n",
    ]
    rng = random.Random(5)
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40))) + " 2024"
        _same(DATES, text, 0, len(text))
        _same(DATES, text, rng.randrange(len(text)), len(text))


def test_any_pattern_whose_matches_start_with_its_signs() -> None:
    scanner = Scanner(
        re.compile(r"(?<!\w)(?:n[°o]|numero)\s*\d+|\d+\s*(?:voix|votants)"), r"[\dn]", ("numero",)
    )
    text = "Délibération n° 12, numero 3, 27 votants, 25 voix, non 4, numérotée n°5"
    _same(scanner, plain(text), 0, len(text))
    _same(scanner, plain(text), 14, 40)


def test_a_pattern_led_by_blanks_across_stretches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blank runs before the words, cut anywhere by the stretches and the window: finditer's matches."""
    monkeypatch.setattr(scan, "_STRETCH", 7)
    rx = re.compile(r"(?:^|(?<=[,;:])|(?<=\s\s))[ \t]*(?:pour|abst)\w*\s*:\s*\d+", re.M)
    scanner = scan.scanner(rx)
    assert scanner is not None and scanner.blanks == "\t "
    pieces = ["pour", "abst", "ention", " ", "   ", "\t", ":", " : 3", "12", ",", ";", "\n", "x", "pou"]
    rng = random.Random(7)
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40)))
        _same(scanner, text, 0, len(text))
        a = rng.randrange(len(text) + 1)
        _same(scanner, text, a, rng.randrange(a, len(text) + 2))


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"\bl'an\s+(?:deux\s+mil|mil|[0-9])", ("l'an",)),
        (
            r"(?:nombre\s+de\s+)?(?:membres|elus)\s+en\s+exercice|en\s+exercice",
            ("elus", "en", "memb", "nomb"),
        ),
        (r"^[ \t]*objet\s*:|\bvu\b", (scan.LINE_START, "vu")),  # a line start, wherever its words begin
        (r"a(?:b|c)?d", ("ab", "ac", "ad")),
        (r"le|les\s", ("le",)),  # "le" begins "les": the longer one adds nothing
        (r"[bc]ond|x+y", ("bond", "cond", "x")),
        (r"\d+ voix", None),  # a figure: any of ten, and more in Unicode
        (r"\s*pour", None),  # white space is everywhere
        # blanks first, after assertions: the words that follow them, the blanks remembered
        (r"(?:^|(?<=[,;])|(?<=\d\s))[ \t]*(?:pour|contre)\s*:", (scan.BLANKS + "\t ", "cont", "pour")),
        (r"[ \t]*^pour", None),  # a line start after the blanks: not bounded by words
        (r"(?i)vote", None),  # either case
        (r"(?:pour)?", None),  # may match nothing
        (r".ote", None),
    ],
)
def test_the_words_a_match_begins_with(pattern: str, words: tuple[str, ...] | None) -> None:
    assert beginnings(pattern) == words or (words is None and scan.scanner(re.compile(pattern)) is None)


def _patterns(keep: Callable[[re.Pattern[str]], object] = scan.scanner) -> list[re.Pattern[str]]:
    """The readers' module-level patterns that ``keep`` holds to (default: those with a scanner)."""
    import importlib
    import pkgutil

    from ctg_rules.extract import deliberation

    found = {}
    for info in pkgutil.iter_modules(deliberation.__path__):
        module = importlib.import_module(f"{deliberation.__name__}.{info.name}")
        for value in vars(module).values():
            items = value if isinstance(value, list | tuple) else [value]
            for item in items:
                rx = item[1] if isinstance(item, tuple) and len(item) == 2 else item
                if isinstance(rx, re.Pattern) and keep(rx):
                    found[rx.pattern] = rx
    return list(found.values())


def _texts() -> list[str]:
    texts = [TEXT] + [
        plain(p.read_text(encoding="utf-8")) for p in sorted(Path(__file__).parent.rglob("*.txt"))
    ]
    if (SHARED / "corpus").is_dir():
        texts += [plain(p.read_text(encoding="utf-8")) for p in sorted((SHARED / "corpus").glob("*/*.txt"))]
    return texts


def test_every_scanned_pattern_of_the_readers_finds_what_finditer_finds() -> None:
    patterns = _patterns()
    assert len(patterns) > 30
    rng = random.Random(23)
    for text in _texts():
        for rx in patterns:
            scanner = scan.scanner(rx)
            assert scanner is not None
            _same(scanner, text, 0, len(text))
            a = rng.randrange(len(text) + 1)
            _same(scanner, text, a, rng.randrange(a, len(text) + 2))
            found, expected = scan.search(rx, text, a), rx.search(text, a)
            assert (found and found.span()) == (expected and expected.span())


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="shared corpus not available")
def test_real_documents_texts() -> None:
    texts = sorted((SHARED / "corpus").glob("*/*.txt"))
    assert texts
    for path in texts:
        text = plain(Path(path).read_text(encoding="utf-8"))
        _same(DATES, text, 0, len(text))


def test_plain_gives_what_its_table_gives() -> None:
    from ctg_rules.extract.positions import _PLAIN_TABLE

    assert plain("Séance du 1er AVRIL, l`an — Œuvre") == "seance du 1er avril, l'an - ouvre"
    for code in range(0x80, 0x30000, 3):  # every script's letters, signs and digits
        if not 0xD800 <= code < 0xE000:
            text = f"Ab{chr(code)}Z`é"
            assert plain(text) == text.translate(_PLAIN_TABLE), hex(code)
    assert plain("ΟΔΟΣ İ") == "ΟΔΟΣ İ".translate(_PLAIN_TABLE)  # final sigma, a dotted capital I


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r"\s*,?\s+(?:donnee?|pou?voir)\s+a\b", ("donne", "voir")),  # the rarest part: an alternation
        (r"[^:()]{2,60}:", (":",)),
        (r"(?:ab|abc)d?", ("ab",)),  # a text holding "abc" holds "ab"
        (r"(?:x[ab])+y", ("x",)),  # a repeat at least once holds its part (the first of equal ones)
        (r"(?i)pouvoir", None),  # either case
        (r"(?:pouvoir)?\d", None),  # may hold no letter at all
        (r"pou|", None),  # may match nothing
    ],
)
def test_the_strings_every_match_holds(pattern: str, needed: tuple[str, ...] | None) -> None:
    assert scan.needs(re.compile(pattern)) == needed


def test_a_text_without_the_needed_strings_has_no_match() -> None:
    """Every pattern of the readers: where ``holds_needs`` says no, ``search`` finds nothing."""
    patterns = _patterns(scan.needs)
    assert len(patterns) > 40
    rng = random.Random(3)
    skipped = 0
    for text in _texts():
        for rx in patterns:
            for _ in range(3):
                a = rng.randrange(len(text) + 1)
                b = rng.randrange(a, min(a + 400, len(text)) + 1)
                if not scan.holds_needs(rx, text, a, b):
                    skipped += 1
                    assert rx.search(text, a, b) is None, (rx.pattern, text[a:b])
                    assert scan.search(rx, text, a, b) is None
                    assert list(scan.finditer(rx, text, a, b)) == []
    assert skipped > 100


def test_each_pattern_has_its_own_scanner() -> None:
    """Scanners are kept by the pattern's id: a pattern made after another was dropped gets its own."""
    for n in range(200):
        rx = re.compile(f"mot{n}|autre{n}")
        found = scan.scanner(rx)
        assert found is not None and found.rx is rx
        assert [m.group(0) for m in scan.finditer(rx, f"un mot{n} puis autre{n}")] == [f"mot{n}", f"autre{n}"]
        del rx, found


def test_a_scanner_of_common_words_first_looks_for_a_rarer_one() -> None:
    """ "a la majorite" starts with "a", everywhere: a text without "majorite" is not scanned."""
    rx = re.compile(r"\ba\s+la\s+majorite\b")
    found = scan.scanner(rx)
    assert found is not None and found.words == ("a",) and found.needs == ("majorite",)
    text = plain("adopté a la majorité, a la suite ; a la majorite absolue")
    assert [m.start() for m in found.finditer(text)] == [m.start() for m in rx.finditer(text)] == [7, 35]
    assert list(found.finditer(text, 21, 34)) == [] == list(found.finditer("a la suite, a la fin"))
    assert scan.scanner(re.compile(r"\bvotes?\b")).needs == ()  # its own word is as rare


def test_a_pattern_a_reader_builds_is_built_once() -> None:
    """A reader's pattern written in its code (``self.find(r"...")``) is one object for the whole run:
    its scanner is worked out once, and the scanners kept do not grow with the documents read."""
    from tests.reader_helpers import reader

    assert scan.compiled(r"\bobjet\s*:", re.M) is scan.compiled(r"\bobjet\s*:", re.M)
    text = "Séance du 3 mars 2024.\nSous la présidence de Paul ROUX\nObjet : budget\nLe Maire,\nPaul ROUX\n"
    before = 0
    for n in range(3):
        r = reader(text)
        r.header(("deliberations", 0), r.end)
        r.transmission(("deliberations", 0), r.start, r.end)
        r.decision(("deliberations", 0), r.start, r.end)
        if n == 0:
            before = len(scan._SCANNERS)  # the patterns of the first reading
    assert len(scan._SCANNERS) == before


def test_the_convention_s_start_is_found_by_the_scanner_as_by_re() -> None:
    """Every deliberation is searched for a convention's "Entre :" (convention_start): the scanner
    tries only line starts and the printed "ENTRE", with the same matches as ``re``."""
    from ctg_rules.extract.convention import lexicon as lx

    text = (
        "CONVENTION D'OBJECTIFS entre les parties\n  - Entre :\nEntre d'une part,\n"
        "PRÉAMBULE. ENTRE : La Commune de Rodez\nArticle 2 : ENTRE Le Département\n"
        "Le Maire entre en séance ; ENTRE : la ville\n"
    )
    for rx, where in ((lx.ENTRE, plain(text)), (lx.ENTRE_INLINE, text)):
        assert scan.scanner(rx) is not None
        assert [m.span() for m in scan.finditer(rx, where)] == [m.span() for m in rx.finditer(where)] != []
        for a in range(0, len(where), 7):
            found, expected = scan.search(rx, where, a), rx.search(where, a)
            assert (found and found.span()) == (expected and expected.span())


def test_the_stretches_double(monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole text is listed in a few stretches, each twice the last (each costs a find per word):
    the same matches as ``re`` across their bounds, a first match still found in the first one."""
    monkeypatch.setattr(scan, "_STRETCH", 8)
    rx = re.compile(r"\b(?:vote|pour)\s+\d+")
    scanner = scan.scanner(rx)
    assert scanner is not None
    spans: list[tuple[int, int]] = []
    listed = scanner._starts

    def starts(text: str, pos: int, a: int, b: int, endpos: int) -> list[int]:
        spans.append((a, b))
        return listed(text, pos, a, b, endpos)

    monkeypatch.setattr(scanner, "_starts", starts)
    text = "".join(f"le vote {n} et pour {n} puis vote\n{n} " for n in range(40))
    assert [m.span() for m in scanner.finditer(text)] == [m.span() for m in rx.finditer(text)]
    assert len(spans) <= 9 and spans[0] == (0, 8) and spans[1][1] == 24
    spans.clear()
    assert scanner.search(text).span() == rx.search(text).span()
    assert spans == [(0, 8)] or spans[:2] == [(0, 8), (8, 24)]


@pytest.mark.parametrize(
    ("pattern", "found"),
    [
        (r"\b(\d{2}[\dab])-(\d{9})-(\d{8})-([a-z0-9_]{1,30})-([a-z]{2})\b", ("-", 3)),  # an act's id
        (r"(?<![\d/])\d\d/\d\d", ("/", 2)),  # assertions are no characters
        (r"(?:\d\d|[a-z]{2})\d-", ("-", 3)),  # branches of one width
        (r"-\d+", None),  # at the start: re finds it itself
        (r"\d+-", None),  # after a beginning of any width
        (r"\w \d", None),  # white space is everywhere
        (r"\d{2}", None),  # no character at all
    ],
)
def test_a_character_at_a_fixed_offset_anchors_a_pattern(pattern: str, found: tuple[str, int] | None) -> None:
    assert scan.anchor(pattern) == found
    rx = re.compile(pattern)
    scanner = scan.scanner(rx)
    assert (scanner is not None and scanner.anchor == found) or found is None
    text = plain("Acte 034-213401722-20140424-0000071216-de, 12/03 ab1- cd2-, 5/6 et 12/34/56 x-12 ")
    rng = random.Random(5)
    for _ in range(50):
        a = rng.randrange(len(text) + 1)
        b = rng.randrange(a, len(text) + 2)
        assert [m.span() for m in scan.finditer(rx, text, a, b)] == [
            m.span() for m in rx.finditer(text, a, b)
        ]


def test_the_needed_string_found_is_looked_for_first_next_time() -> None:
    """A text holds one of a pattern's needed strings: that one is tried first for the next text (an
    absent one costs a whole find); what is found does not change."""
    rx = re.compile(r"\ba\s+(?:la\s+majorite|l'unanimite|bulletins\s+secrets)\b")
    found = scan.scanner(rx)
    assert found is not None and set(found.needs) == {"bulletins", "l'unanimite", "majorite"}
    text = "vote a l'unanimite, a la suite"
    assert [m.span() for m in found.finditer(text)] == [m.span() for m in rx.finditer(text)] != []
    assert found.needs[0] == "l'unanimite"
    assert [m.span() for m in found.finditer("a la majorite")] == [(0, 13)]
    assert found.needs[0] == "majorite" and set(found.needs) == {"bulletins", "l'unanimite", "majorite"}
    assert list(found.finditer("a la suite")) == [] and found.needs[0] == "majorite"


def test_patterns_built_from_documents_are_not_kept_for_good(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # a server's process reads acts for months: the patterns built from their words (a body's
    # name, an item's number) must not pile up in memory nor in the on-disk table
    from ctg_rules import cache

    monkeypatch.setenv("CTG_RULES_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(scan, "_LIMIT", 20)
    monkeypatch.setattr(scan, "_SCANNERS", {})
    monkeypatch.setattr(scan, "_table", None)
    monkeypatch.setattr(scan, "_new", {})
    monkeypatch.setattr(scan, "_used", set())
    monkeypatch.setattr(scan, "save", scan.save)  # restored: the atexit handler may point at it
    text = "Délibération n° 2024-17 de la commune de Saint-Exemple"
    for n in range(100):
        rx = re.compile(rf"\bcommune\s+de\s+saint-exemple-{n}\b|n°\s*2024-{n}\b")
        assert [m.span() for m in scan.finditer(rx, plain(text))] == [
            m.span() for m in rx.finditer(plain(text))
        ]
        assert len(scan._SCANNERS) <= 20 and len(scan._new) < 20
    scan.save()
    kept = cache.load("scan", scan._KEY)
    assert isinstance(kept, dict) and len(kept) <= 40  # past the limit: only what the last stretch used
