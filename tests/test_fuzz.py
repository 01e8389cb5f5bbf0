"""Fuzzing: random and mutated dossiers and documents give a result or a clean error, never an exception.

The budget is bounded so the suite stays fast (``CTG_FUZZ_EXAMPLES``, 120 by default, with a
fixed derandomized sequence in CI); set ``CTG_FUZZ_EXAMPLES=5000`` locally for a long, random run.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctg_rules import loader
from ctg_rules.engine import Engine, FileResult
from ctg_rules.extract import ExtractError, extract_path, extract_text
from ctg_rules.loader import Limits, LoadError
from tests.conftest import CLEAN, DEFECTS, SEED

EXAMPLES = int(os.environ.get("CTG_FUZZ_EXAMPLES", "120"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize="CTG_FUZZ_EXAMPLES" not in os.environ,  # CI: the same examples every run
    # no time limit per example (it failed under load): LIMITS bounds what one example may build,
    # and the loader's bombs are timed in benchmarks/budgets.py
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
DOSSIERS = [p.read_text(encoding="utf-8") for p in (SEED, CLEAN, DEFECTS)]
DOCUMENTS = [
    p.read_text(encoding="utf-8")
    for p in sorted((Path(__file__).parent / "fixtures" / "extract").glob("*.txt"))
]
#: small limits: a mutation that builds a bomb is refused fast
LIMITS = Limits(max_bytes=1_000_000, max_nodes=20_000, max_aliases=50, max_depth=40)
_ENGINE: list[Engine] = []


def engine() -> Engine:
    if not _ENGINE:
        from ctg_rules.engine import Options

        _ENGINE.append(Engine(Options(limits=LIMITS)))
    return _ENGINE[0]


YAML_BITS = [
    *":-[]{},'\"\t\n &*!|>?%@`#\\",
    "\r\n", "---\n", "...\n", "&a ", "*a ", "<<: *a\n", "!!python/object:os.system ", "!!str ", "!!int ",
    "!!timestamp ", "!!float ", "!!bool ", "!!null ", "!!seq ", "!!map ",
    "~", "null", "true", "2023-02-30", "2024-02-29", "XX/10/2023", "-1", "1e999", ".nan", "0x1F", "048",
    "\ufeff", "\x00", "\x1b", "\u2028", "\x85", "é", "\"\\u00e9\"", "'it''s'", "x-note: 1\n",
    "ctg_rules: 2\n", "deliberations:\n", "  - ", "    present: ", "{for: 1, against: 0}", "[]", "{}",
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, originals: list[str], bits: list[str]) -> str:
    """A real file with a few edits: insertions, deletions, duplicated or swapped lines, a cut."""
    text = draw(st.sampled_from(originals))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 5))
        at = draw(st.integers(0, len(text)))
        if kind == 0:
            text = text[:at] + draw(st.sampled_from(bits)) + text[at:]
        elif kind == 1:
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif kind == 2:
            text = text[:at] + draw(st.text(max_size=20)) + text[at:]
        elif kind in (3, 4):
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if kind == 3:
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:
            text = text[:at]
    return text


def assert_clean(result: FileResult) -> None:
    """A result: checked, skipped, or errors located with a message; and no rule crashed."""
    assert result.status in ("checked", "skipped", "error")
    for error in result.errors:
        assert error.message and (error.line is None or error.line >= 1)
    crashed = [
        f.message for f in result.findings if "internal error" in f.message or "erreur interne" in f.message
    ]
    assert crashed == []


# --- the loader -------------------------------------------------------------------------------------


@FUZZ
@given(st.text(max_size=400))
def test_any_text_loads_or_gives_a_located_error(text: str) -> None:
    try:
        document = loader.parse(text, LIMITS)
    except LoadError as exc:
        assert exc.line >= 1 and exc.column >= 1
        assert exc.render("fr") and exc.render("en")
        return
    assert document.text == text


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_give_a_located_error(raw: bytes) -> None:
    try:
        loader.parse(loader.decode(raw, LIMITS), LIMITS)
    except LoadError as exc:
        assert exc.line >= 1 and exc.column >= 1 and exc.render("fr")


@FUZZ
@given(mutated(DOSSIERS, YAML_BITS))
def test_mutated_dossiers_are_checked_or_refused_cleanly(text: str) -> None:
    assert_clean(engine().check_text(text, "fuzz.yaml"))
    assert_clean(engine().check_text(text, "fuzz.yaml"))  # and the same way twice


@FUZZ
@given(st.sampled_from(DOSSIERS), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8))
def test_dossiers_with_flipped_bytes(text: str, flips: list[tuple[int, int]]) -> None:
    raw = bytearray(text.encode("utf-8"))
    for at, value in flips:
        raw[at % len(raw)] = value
    try:
        document = loader.parse(loader.decode(bytes(raw), LIMITS), LIMITS)
    except LoadError:
        return
    assert_clean(engine().check_document(document, "fuzz.yaml"))


# --- the extractor ----------------------------------------------------------------------------------

DOC_BITS = [
    "\n", "\f", " ", ":", "Présents :", "Votants : 12", "En exercice : 0", "pouvoir donné à ", "Absents :",
    "Séance du 31 février 2023", "Séance du XX octobre 2023", "n° ", "Délibération n° 2023-", "Objet :",
    "POUR : ", "CONTRE : ", "ABSTENTION(S) : ", "l'unanimité", "Le Maire,", "SIREN 2", "999999999999",
    "1" * 40, "(", ")", ",", "Mme ", "M. ", "Convention territoriale globale", "du 1er janvier 2024 au",
    "\u00a0", "\t", "é", "\x00", "\ufffd",
]  # fmt: skip


@FUZZ
@given(st.text(max_size=600))
def test_any_text_gives_an_extraction(text: str) -> None:
    extraction = extract_text(text)
    assert isinstance(extraction.data, dict)


@FUZZ
@given(mutated(DOCUMENTS, DOC_BITS))
def test_mutated_documents_give_an_extraction_that_is_checked_cleanly(text: str) -> None:
    from ctg_rules.validation import validate

    extraction = extract_text(text)
    if extraction.empty:
        return
    checked = validate(extraction.data, extraction.locate2, "fr")
    if isinstance(checked, list):  # extracted values the model refuses: located problems, not a crash
        assert all(p.message for p in checked)
        return
    assert_clean(engine().check_dossier(checked, "fuzz.txt", extraction.locate))


@FUZZ
@given(
    st.sampled_from([".pdf", ".docx", ".txt"]),
    st.one_of(
        st.binary(max_size=2000),
        st.builds(lambda b: b"%PDF-1.4\n" + b, st.binary(max_size=2000)),
        st.builds(lambda b: b"PK\x03\x04" + b, st.binary(max_size=2000)),
    ),
)
def test_random_files_named_as_documents(tmp_path_factory, suffix: str, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"document{suffix}"
    path.write_bytes(raw)
    try:
        extract_path(path)
    except ExtractError as exc:
        assert exc.render("fr") and exc.render("en")
    assert_clean(engine().check_file(path))
