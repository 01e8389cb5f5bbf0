"""PDFs read ahead in a thread (``check --jobs 1``): the same texts, errors and limits as read in turn."""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctg_rules.cli import cli
from ctg_rules.extract import documents, prefetch
from ctg_rules.extract.budget import LimitError
from ctg_rules.extract.errors import ExtractError
from ctg_rules.loader import DEFAULT_LIMITS

pytest.importorskip("fpdf")
pytest.importorskip("pypdfium2")

from tests.docgen import write_pdf

ACT = [
    "EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL",
    "Séance du 12 mars 2024",
    "Nombre de conseillers en exercice : 15",
    "Présents : M. Jean DURAND, Mme Claire ROBIN, M. Paul FAURE",
    "Objet : Convention territoriale globale",
    "Adopté à l'unanimité",
]


def _reader(log: list[str], fail: dict[str, Exception] | None = None):  # type: ignore[no-untyped-def]
    def read(path: str, limits: object) -> str:
        log.append(path)
        if fail and path in fail:
            raise fail[path]
        return f"text of {path}"

    return read


def _stopped(p: prefetch.Prefetch) -> bool:
    p.close()
    return not p._thread.is_alive()


def test_texts_come_in_the_order_asked_and_errors_in_their_turn() -> None:
    log: list[str] = []
    error = ExtractError("empty")
    p = prefetch.Prefetch([(f"{n}.pdf", DEFAULT_LIMITS) for n in "abc"], _reader(log, {"b.pdf": error}))
    assert p.take("a.pdf", DEFAULT_LIMITS) == (True, "text of a.pdf")
    with pytest.raises(ExtractError) as caught:
        p.take("b.pdf", DEFAULT_LIMITS)
    assert caught.value is error  # its message and place, as read in turn
    assert p.take("c.pdf", DEFAULT_LIMITS) == (True, "text of c.pdf")
    assert log == ["a.pdf", "b.pdf", "c.pdf"]
    assert _stopped(p)


def test_a_document_not_asked_for_is_passed_and_others_read_by_the_caller() -> None:
    log: list[str] = []
    p = prefetch.Prefetch([(f"{n}.pdf", DEFAULT_LIMITS) for n in "abcd"], _reader(log))
    # "a.pdf" came from the run's cache: asking for "b.pdf" passes it, and the thread goes on
    assert p.take("b.pdf", DEFAULT_LIMITS) == (True, "text of b.pdf")
    assert p.take("a.pdf", DEFAULT_LIMITS) == (False, None)  # behind: read by the caller
    assert p.take("z.pdf", DEFAULT_LIMITS) == (False, None)  # never planned
    other = DEFAULT_LIMITS.__class__(**{**vars(DEFAULT_LIMITS), "max_pages": 1})
    assert p.take("c.pdf", other) == (False, None)  # other limits: read by the caller with them
    assert p.take("d.pdf", DEFAULT_LIMITS) == (True, "text of d.pdf")
    assert _stopped(p)


def test_the_thread_reads_only_a_few_documents_ahead() -> None:
    log: list[str] = []
    p = prefetch.Prefetch([(f"{n}.pdf", DEFAULT_LIMITS) for n in range(prefetch.AHEAD + 2)], _reader(log))
    time.sleep(0.2)
    assert len(log) == prefetch.AHEAD  # what waits in memory is bounded
    assert p.take("0.pdf", DEFAULT_LIMITS)[0]
    time.sleep(0.2)
    assert len(log) == prefetch.AHEAD + 1
    assert _stopped(p)


@pytest.mark.parametrize("limit", ["too_slow", "too_much_memory"])
def test_a_shared_limit_is_judged_again_by_the_serial_reading(limit: str) -> None:
    log: list[str] = []
    stopped = LimitError(limit, where="", limit=1, name="max-seconds")
    p = prefetch.Prefetch([(f"{n}.pdf", DEFAULT_LIMITS) for n in "ab"], _reader(log, {"a.pdf": stopped}))
    assert p.take("a.pdf", DEFAULT_LIMITS) == (False, None)  # read again by the caller, alone
    assert not p._thread.is_alive()  # and every later document too: the run is serial from here
    assert p.take("b.pdf", DEFAULT_LIMITS) == (False, None)


def test_other_limits_stop_the_document_as_read_in_turn() -> None:
    log: list[str] = []
    refused = LimitError("page_text", page=1, limit=1, name="max-page-text")
    p = prefetch.Prefetch([("a.pdf", DEFAULT_LIMITS)], _reader(log, {"a.pdf": refused}))
    with pytest.raises(LimitError):
        p.take("a.pdf", DEFAULT_LIMITS)
    assert _stopped(p)


def test_documents_read_hands_out_what_the_thread_read(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "act.pdf", ACT)
    alone = documents.read(pdf)
    p = prefetch.start([(pdf, DEFAULT_LIMITS), (tmp_path / "notes.txt", DEFAULT_LIMITS)])
    assert p is not None and p._jobs == [(str(pdf), DEFAULT_LIMITS)]  # only PDFs
    try:
        assert prefetch.start([(pdf, DEFAULT_LIMITS)]) is None  # one run at a time
        ahead = documents.read(pdf)
    finally:
        prefetch.stop(p)
    assert documents.PREFETCH is None
    assert ahead == alone


def test_pdfium_reads_one_document_at_a_time(tmp_path: Path) -> None:
    pdfs = [write_pdf(tmp_path / f"act{n}.pdf", [*ACT, f"Page {n}"]) for n in range(4)]
    expected = [documents.read(p).text for p in pdfs]
    found: dict[int, str] = {}

    def work(n: int) -> None:
        for _ in range(5):
            found[n] = documents.read(pdfs[n]).text

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [found[n] for n in range(4)] == expected


def test_check_jobs_1_reports_as_without_the_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(3):
        write_pdf(tmp_path / f"act{n}.pdf", [*ACT, f"Délibération n° 2024-0{n}"])
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nnot a pdf at all")
    files = sorted(str(p) for p in tmp_path.glob("*.pdf"))
    args = ["check", "--jobs", "1", "--format", "json", *files]
    made: list[object] = []
    monkeypatch.setattr(
        prefetch, "start", lambda jobs, real=prefetch.start: made.append(real(jobs)) or made[-1]
    )
    monkeypatch.delenv("CTG_RULES_READ_AHEAD", raising=False)
    ahead = CliRunner().invoke(cli, args)
    # on by default, from the command's start (the files are named): the check's own start finds it
    assert made[0] is not None and made[0]._jobs[0][0] == files[0] and made[1:] == [None]
    monkeypatch.setenv("CTG_RULES_READ_AHEAD", "0")
    made.clear()
    serial = CliRunner().invoke(cli, args)
    assert made and not any(made)  # turned off: read in turn
    assert ahead.exit_code == serial.exit_code
    assert json.loads(ahead.output) == json.loads(serial.output)
    broken = next(f for f in json.loads(ahead.output)["files"] if f["path"].endswith("broken.pdf"))
    assert broken["status"] == "error"  # its own located error, in its turn
    assert threading.active_count() == 1


def test_the_switch_interval_is_short_while_the_thread_lives_and_restored_after() -> None:
    before = sys.getswitchinterval()
    p = prefetch.Prefetch([("a.pdf", DEFAULT_LIMITS)], _reader([]))
    assert sys.getswitchinterval() == pytest.approx(min(before, prefetch.SWITCH_INTERVAL))
    p.close()
    assert sys.getswitchinterval() == before


def test_a_folder_is_read_ahead_once_walked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(2):
        write_pdf(tmp_path / f"act{n}.pdf", [*ACT, f"Délibération n° 2024-0{n}"])
    made: list[object] = []
    monkeypatch.setattr(
        prefetch, "start", lambda jobs, real=prefetch.start: made.append(real(jobs)) or made[-1]
    )
    monkeypatch.delenv("CTG_RULES_READ_AHEAD", raising=False)
    result = CliRunner().invoke(cli, ["check", "--jobs", "1", "--format", "json", str(tmp_path)])
    assert len(json.loads(result.output)["files"]) == 2
    assert len(made) == 1 and made[0] is not None  # not before the walk: by the check, after it
    assert threading.active_count() == 1 and documents.PREFETCH is None
