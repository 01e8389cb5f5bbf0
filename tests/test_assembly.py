"""One dossier from many documents: a folder (or `check --dossier`, or a YAML's `documents:`) holding
the convention and each party's deliberation, checked together; findings point at the document
(and page) each value was read in.

Folders are built from examples/: the convention written as DOCX, the deliberations as PDF,
DOCX and text (tests/docgen.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ctg_rules import load
from ctg_rules.cli import cli
from ctg_rules.model import Dossier
from tests import docgen
from tests.conftest import CLEAN

pytest.importorskip("docx")
pytest.importorskip("fpdf")
pytest.importorskip("pypdfium2")

WRITERS: dict[str, Callable[[Path, list[Any]], Path]] = {
    "pdf": docgen.write_pdf,
    "docx": docgen.write_docx,
    "txt": docgen.write_text,
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def folder(tmp: Path, dossier: Dossier, formats: tuple[str, ...] = ("pdf", "docx", "txt")) -> Path:
    """The dossier as a folder: convention.docx, and each deliberation in the next format."""
    (tmp / "deliberations").mkdir(parents=True, exist_ok=True)
    assert dossier.convention is not None
    docgen.write_docx(tmp / "convention.docx", docgen.convention(dossier.convention, per_row=2))
    for i, d in enumerate(dossier.deliberations):
        fmt = formats[i % len(formats)]
        WRITERS[fmt](tmp / "deliberations" / f"delib-{i + 1}.{fmt}", docgen.deliberation(d))
    return tmp


def check(*args: str) -> dict[str, Any]:
    code, stdout, _ = run("check", "--format", "json", "--no-plugins", *args)
    out = json.loads(stdout)
    out["exit"] = code
    return out


def triples(report: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(f["code"], f["severity"], f["path"]) for f in report["findings"]}


# --- dossiers built from the clean example ---------------------------------------------------------

COMMUNES = [  # (name, SIREN with a right checksum, act number, mayor)
    ("Commune de Saint-Martin-du-Causse", "214800997", "2024-015", "MARTIN Claire"),
    ("Commune de Nasbinals", "214801037", "2024-021", "VIALA Pierre"),
    ("Commune de Prinsuéjols", "214801201", "2024-009", "BRUNEL Anne"),
]


def communes(n: int = 3) -> Dossier:
    """The clean example with ``n`` communes, each approving the convention in its own council."""
    clean = load(CLEAN)
    data = clean.model_dump(by_alias=True, exclude_none=True)
    model_delib, model_party = data["deliberations"][0], data["convention"]["parties"][1]
    data["deliberations"], parties = [], [data["convention"]["parties"][0]]
    annexes, blocks = [], [data["convention"]["signature"]["blocks"][0]]
    for k, (name, siren, number, mayor) in enumerate(COMMUNES[:n]):
        d = json.loads(_council(json.dumps(model_delib, default=str, ensure_ascii=False), k, mayor))
        d["number"], d["body"]["name"], d["body"]["siren"] = number, name, siren
        d["transmission"]["act_id"] = f"048-{siren}-20240314-{number.replace('-', '_')}-DE"
        data["deliberations"].append(d)
        pid = "commune" if k == 0 else f"commune{k + 1}"
        reps = [{"name": mayor, "role": "Maire"}]
        parties.append(
            {
                **model_party,
                "id": pid,
                "name": name,
                "siren": siren,
                "deliberation": number,
                "representatives": reps,
            }
        )
        annexes.append(
            {
                "id": f"1{'abcdefghij'[k]}",
                "title": f"Délibération du conseil municipal de {name.split(' de ', 1)[1]} du 14 mars 2024",
                "kind": "deliberation",
                "party": pid,
                "date": "2024-03-14",
                "attached": True,
            }
        )
        blocks.append(
            {
                "party": pid,
                "label": f"La {name}",
                "signatories": [{"name": mayor, "role": "Le Maire"}],
            }
        )
    convention = data["convention"]
    convention["parties"], convention["signature"]["blocks"] = parties, blocks
    convention["annexes"] = annexes + [a for a in convention["annexes"] if a["kind"] != "deliberation"]
    convention["visas"] = [v for v in convention["visas"] if not v.get("party")]
    convention["governance"]["steering_committee"] = [p["id"] for p in parties]
    convention["signature"]["originals"] = len(parties)
    return Dossier.model_validate(data)


def _council(text: str, k: int, mayor: str) -> str:
    """Another commune's council: its mayor in the chair, its own members (surnames made its own)."""
    if k == 0:
        return text
    text = text.replace("MARTIN Claire", "@mayor@")
    text = re.sub(
        r"\b([A-ZÀ-Þ]{2,}(?:-[A-ZÀ-Þ]{2,})*) ([A-ZÀ-Þ][a-zà-ÿ]+)", rf"\1-{'ABCDEFGHIJ'[k - 1]}Z \2", text
    )
    return text.replace("@mayor@", mayor)


def yaml_of(dossier: Dossier, path: Path) -> Path:
    import yaml

    data = dossier.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True, mode="json")
    path.write_text(
        yaml.safe_dump({"ctg_rules": 1, **data}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return path


def test_a_folder_gives_the_findings_of_the_equivalent_yaml(tmp_path: Path) -> None:
    """Three communes: a DOCX convention, deliberations as PDF, DOCX and text."""
    dossier = communes(3)
    docs = folder(tmp_path / "dossier", dossier)
    assert sorted(p.suffix for p in (docs / "deliberations").iterdir()) == [".docx", ".pdf", ".txt"]
    equivalent = check(str(yaml_of(dossier, tmp_path / "equivalent.yaml")))
    report = check(str(docs))
    assert report["summary"]["files"] == 1  # one dossier, not four documents
    assert triples(report) == triples(equivalent)
    assert report["exit"] == equivalent["exit"]


def test_a_clean_folder_exits_0_and_so_does_its_yaml(tmp_path: Path) -> None:
    docs = folder(tmp_path / "dossier", load(CLEAN))
    report = check(str(docs))
    assert (report["exit"], report["findings"], report["errors"]) == (0, [], [])
    assert check(str(CLEAN))["findings"] == []
    code, stdout, stderr = run("check", "--no-plugins", str(docs))
    assert code == 0 and "1 vérifié" in stdout and not stderr


# --- each cross-document finding in the document it is about ---------------------------------------


def _without_second_deliberation(d: Dossier) -> None:
    del d.deliberations[1]  # the second commune's council has not voted yet: no act, no annex
    del d.convention.annexes[1]  # type: ignore[union-attr]


def _stranger(d: Dossier) -> None:
    other = d.deliberations[0].model_copy(deep=True)
    assert other.body is not None and other.transmission is not None
    other.number, other.body.name, other.body.siren = "2024-031", "Commune de Marvejols", "214801169"
    other.transmission.act_id = "048-214801169-20240314-2024_031-DE"
    d.deliberations.append(other)


def _period(d: Dossier) -> None:
    d.deliberations[0].approves.period.end = date(2028, 12, 31)  # type: ignore[union-attr]


def _signed_early(d: Dossier) -> None:
    d.convention.signature.date = date(2024, 3, 15)  # type: ignore[union-attr]


def _annex_date(d: Dossier) -> None:
    annex = d.convention.annexes[0]  # type: ignore[union-attr]
    annex.title = annex.title.replace("14 mars", "12 mars")  # type: ignore[union-attr]


def _misspelt_signatory(d: Dossier) -> None:
    d.convention.signature.blocks[0].signatories[1].name = "DURAND Sophie"  # type: ignore[union-attr]


def _deputy_signs(d: Dossier) -> None:
    d.convention.signature.blocks[1].signatories[0].role = "L'adjoint au Maire"  # type: ignore[union-attr]


def _caf_votes(d: Dossier) -> None:
    d.deliberations[0].present.append(type(d.deliberations[0].present[0])(name="ESTEVE Louis"))
    d.deliberations[0].declared.present += 1  # type: ignore[union-attr,operator]
    d.deliberations[0].declared.voters += 1  # type: ignore[union-attr,operator]
    d.deliberations[0].vote.for_ += 1  # type: ignore[union-attr,operator]


CROSS = [
    ("ANX004", _without_second_deliberation, "convention.docx"),
    ("ANX009", _stranger, "delib-3.txt"),
    ("DAT005", _period, "convention.docx"),
    ("DAT006", _signed_early, "convention.docx"),
    ("DAT008", _annex_date, "convention.docx"),
    ("SIG002", _misspelt_signatory, "convention.docx"),
    ("SIG005", _deputy_signs, "convention.docx"),
    ("REC003", _caf_votes, "delib-1.pdf"),
]


@pytest.mark.parametrize(("code", "plant", "where"), CROSS, ids=[c for c, _, _ in CROSS])
def test_a_cross_document_finding_points_at_its_document(
    tmp_path: Path, code: str, plant: Callable[[Dossier], None], where: str
) -> None:
    dossier = communes(2)
    clean = check("--select", code, str(folder(tmp_path / "clean", dossier)))
    assert clean["findings"] == []
    plant(dossier)
    report = check("--select", code, str(folder(tmp_path / "planted", dossier)))
    assert report["findings"], f"{code} not found"
    for finding in report["findings"]:
        assert finding["code"] == code
        assert finding["file"] == (tmp_path / "planted").as_posix() + "/" + (
            where if where.startswith("convention") else f"deliberations/{where}"
        )
        assert finding["line"] and finding["line"] >= 1


def test_anx001_in_a_yaml_listing_its_documents_points_at_the_yaml(tmp_path: Path) -> None:
    docs = folder(tmp_path / "dossier", load(CLEAN))
    (docs / "dossier.yaml").write_text(
        "ctg_rules: 1\n"
        "documents: [convention.docx, 'deliberations/*.pdf']\n"
        "convention:\n"
        "  annexes:\n"
        "    - {id: 1}\n"
        "    - {id: 2, attached: false}\n",
        encoding="utf-8",
    )
    report = check("--select", "ANX001", str(docs / "dossier.yaml"))
    [finding] = report["findings"]
    assert (finding["file"], finding["line"], finding["path"]) == (
        (docs / "dossier.yaml").as_posix(),
        6,
        "convention.annexes[1].attached",
    )


# --- the ways to name a dossier's documents ----------------------------------------------------------


def test_dossier_flag_makes_the_files_named_one_dossier(tmp_path: Path) -> None:
    docs = folder(tmp_path / "dossier", communes(2), formats=("txt", "docx"))
    files = [
        docs / "convention.docx",
        docs / "deliberations" / "delib-1.txt",
        docs / "deliberations" / "delib-2.docx",
    ]
    separate = check(*map(str, files))
    assert separate["summary"]["files"] == 3
    together = check("--dossier", *map(str, files))
    assert together["summary"]["files"] == 1
    assert triples(together) == triples(check(str(docs)))
    assert check("--dossier", *map(str, files[:2]))["summary"]["files"] == 1


def test_extract_a_folder_writes_the_dossier_whose_check_is_the_folder_s(tmp_path: Path) -> None:
    dossier = communes(3)
    _period(dossier)  # a defect read in a document: the YAML must carry it
    docs = folder(tmp_path / "dossier", dossier)
    on_folder = check(str(docs))
    target = docs / "dossier.yaml"
    code, _, stderr = run("extract", "--verbose", "--no-plugins", str(docs), "-o", str(target))
    assert code == 0, stderr
    assert (
        f"annexe 1a ← {(docs / 'deliberations' / 'delib-1.pdf').as_posix()} (nom « Commune de Saint-Martin-du-Causse »)"
        in stderr
    )
    text = target.read_text(encoding="utf-8")
    assert "documents:\n  - convention.docx\n  - deliberations/delib-1.pdf" in text
    assert "number: '2024-015'  # deliberations/delib-1.pdf p.1 l." in text
    assert "deliberation: '2024-021'  # deliberations/delib-2.docx l." in text  # filled by the link
    on_yaml = check(str(target))
    assert triples(on_yaml) == triples(on_folder) and on_folder["findings"]
    assert check(str(docs))["summary"]["files"] == 1  # the YAML lists the documents: checked through it


def test_a_yaml_s_own_values_win_over_its_documents(tmp_path: Path) -> None:
    dossier = communes(1)
    _period(dossier)  # the act approves 2024-2028: DAT005 on the documents alone
    docs = folder(tmp_path / "dossier", dossier)
    assert check("--select", "DAT005", str(docs))["findings"]
    corrected = docs / "dossier.yaml"
    corrected.write_text(
        "ctg_rules: 1\n"
        "documents: [convention.docx, 'deliberations/*']\n"
        "deliberations:\n"
        "  - number: '2024-015'\n"
        "    approves: {period: {start: 2024-01-01, end: 2027-12-31}}  # misread: corrected here\n",
        encoding="utf-8",
    )
    assert check("--select", "DAT005", str(corrected))["findings"] == []
    others = check(str(corrected))["findings"]  # what the YAML does not say is still read in the documents
    assert others and {f["file"] for f in others} == {(docs / "convention.docx").as_posix()}


def test_a_folder_of_deliberations_without_convention_checks_each_and_compares_them(tmp_path: Path) -> None:
    dossier = communes(2)
    base = tmp_path / "actes"
    base.mkdir()
    docgen.write_text(base / "a.txt", docgen.deliberation(dossier.deliberations[0]))
    twin = dossier.deliberations[1].model_copy(deep=True)
    twin.body = dossier.deliberations[0].body  # the same council, the same act, another subject
    twin.transmission = dossier.deliberations[0].transmission
    twin.number, twin.subject = dossier.deliberations[0].number, "Budget supplémentaire"
    docgen.write_pdf(base / "b.pdf", docgen.deliberation(twin))
    report = check(str(base))
    assert report["summary"]["files"] == 2 and report["summary"]["checked"] == 2
    idn = [f for f in report["findings"] if f["code"] == "IDN004"]
    assert idn and idn[0]["file"] in {(base / "a.txt").as_posix(), (base / "b.pdf").as_posix()}


def test_text_sarif_and_html_reports_show_the_documents(tmp_path: Path) -> None:
    dossier = communes(2)
    _period(dossier)
    docs = folder(tmp_path / "dossier", dossier)
    code, stdout, _ = run("check", "--no-plugins", "--select", "DAT005", str(docs))
    where = f"{(docs / 'convention.docx').as_posix()}:"
    assert code == 1 and where in stdout
    assert "La présente convention est conclue du" in stdout  # the document's line under the finding
    code, stdout, _ = run("check", "--no-plugins", "--format", "sarif", str(docs))
    artifacts = [a["location"]["uri"] for a in json.loads(stdout)["runs"][0]["artifacts"]]
    assert sum(a.endswith((".docx", ".pdf", ".txt")) for a in artifacts) == 3
    code, stdout, _ = run("check", "--no-plugins", "--format", "html", str(docs))
    assert "annexe 1a ← " in stdout and "delib-1.pdf (nom « Commune de Saint-Martin-du-Causse »)" in stdout


def test_a_folder_of_several_conventions_checks_each_on_its_own(tmp_path: Path) -> None:
    base = tmp_path / "conventions"
    base.mkdir()
    for name in ("a.docx", "b.docx"):
        convention = load(CLEAN).convention
        assert convention is not None
        docgen.write_docx(base / name, docgen.convention(convention))
    (base / "notes.md").write_text("Conventions à signer en juin.\n", encoding="utf-8")  # no act: not read
    report = check(str(base))
    assert [Path(f["path"]).name for f in report["files"]] == ["a.docx", "b.docx"]


def test_an_annex_that_is_not_an_act_is_skipped_with_its_reason_not_an_error(tmp_path: Path) -> None:
    from tests.test_extract_cli import make_pdf

    docs = folder(tmp_path / "dossier", communes(2), formats=("txt",))
    lines = ["Diagnostic partagé du territoire", "Le territoire compte 12 000 habitants et 4 crèches."]
    make_pdf(docs / "diagnostic.pdf", [lines])
    report = check(str(docs))
    [item] = report["files"]
    assert (item["status"], report["errors"]) == ("checked", [])
    assert item["documents_skipped"] == [
        {
            "path": (docs / "diagnostic.pdf").as_posix(),
            "reason": "aucune délibération ni convention reconnue (aucune séance, aucune présence, aucune partie lue)",
        }
    ]
    code, stdout, _ = run("check", "--lang", "en", str(docs))
    assert code != 2
    assert (
        f"{(docs / 'diagnostic.pdf').as_posix()} skipped: no deliberation or convention recognised" in stdout
    )
    code, _, stderr = run("extract", str(docs), "-o", "-")
    assert code == 0 and f"{(docs / 'diagnostic.pdf').as_posix()}: ignoré — aucune délibération" in stderr
