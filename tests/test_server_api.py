"""The HTTP API of ``ctg-rules serve`` (docs/http.md) on a real uvicorn: the same reports as the
command line, and each safety point refused with its status code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ctg_rules.loader import Limits
from tests.conftest import ROOT, SHARED
from tests.web_helpers import Server, private_tmp, serving

from ctg_rules.server.uploads import UploadLimits  # isort: skip

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SEED_TEXT = SHARED / "seeds" / "000_71465d78580dc015.txt"


@pytest.fixture(scope="module")
def temp_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with private_tmp(tmp_path_factory.mktemp("server-tmp")) as folder:
        yield folder


@pytest.fixture(scope="module")
def server(temp_root: Path) -> Iterator[Server]:
    with serving() as running:
        yield running


@pytest.fixture(scope="module")
def strict(temp_root: Path) -> Iterator[Server]:
    """A server with small limits: 3 files, 4 KB a YAML file, 20 KB a request, 60 YAML nodes."""
    limits = UploadLimits(
        max_files=3, max_body=20_000, file=Limits(max_bytes=4_000, max_document_bytes=8_000, max_nodes=60)
    )
    with serving(limits) as running:
        yield running


def cli_json(folder: Path, *args: str) -> tuple[int, str]:
    """`ctg-rules check --format json .` run inside ``folder``, as a user would."""
    done = subprocess.run(
        [sys.executable, "-m", "ctg_rules.cli", "check", "--format", "json", *args, "."],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    return done.returncode, done.stdout


def test_health_and_rules(server: Server) -> None:
    assert server.request("GET", "/healthz").json()["status"] == "ok"
    rules = server.request("GET", "/api/rules?lang=en").json()
    codes = {r["code"] for r in rules}
    assert {"VOT001", "DAT008", "ANX001"} <= codes
    vot = next(r for r in rules if r["code"] == "VOT001")
    assert vot["area_title"] and vot["what_plain"] and vot["reference"].startswith("CGCT")
    french = server.request("GET", "/api/rules").json()
    assert next(r for r in french if r["code"] == "VOT001")["title"] != vot["title"]
    assert server.request("GET", "/api/rules?lang=de").status == 400


def test_check_gives_the_command_line_json_on_examples(
    server: Server, tmp_path: Path, temp_root: Path
) -> None:
    for example in EXAMPLES:
        shutil.copy(example, tmp_path / example.name)
    code, expected = cli_json(tmp_path)
    answer = server.post("/api/check", [(e.name, e.read_bytes()) for e in EXAMPLES])
    assert answer.status == 200
    assert answer.text == expected
    assert answer.headers["x-ctg-rules-exit-code"] == str(code) == "1"
    assert answer.headers["content-type"].startswith("application/json")
    assert not list(temp_root.iterdir()), "the request's folder is deleted after the answer"


def test_check_keeps_sub_folders_and_language(server: Server, tmp_path: Path) -> None:
    (tmp_path / "2024").mkdir()
    defects = ROOT / "examples" / "defects-epci-ctg-2024.yaml"
    shutil.copy(defects, tmp_path / "2024" / "d.yaml")
    _, expected = cli_json(tmp_path, "--lang", "en")
    answer = server.post("/api/check", [("2024/d.yaml", defects.read_bytes())], {"lang": "en"})
    assert answer.text == expected
    [item] = json.loads(expected)["files"]
    assert (item["path"], item["status"]) == ("2024/d.yaml", "checked")


@pytest.mark.skipif(not SEED_TEXT.exists(), reason="shared seed not present")
def test_check_gives_the_command_line_json_on_a_document_folder(server: Server, tmp_path: Path) -> None:
    shutil.copy(SEED_TEXT, tmp_path / "seed.txt")
    _, expected = cli_json(tmp_path)
    answer = server.post("/api/check", [("seed.txt", SEED_TEXT.read_bytes())])
    assert answer.status == 200
    assert answer.text == expected


def test_check_other_formats(server: Server) -> None:
    clean = ROOT / "examples" / "clean-commune-ctg-2024.yaml"
    answer = server.post("/api/check", [(clean.name, clean.read_bytes())], {"format": "html"})
    assert answer.status == 200 and answer.headers["content-type"].startswith("text/html")
    assert "attachment" in answer.headers["content-disposition"]
    assert "<!DOCTYPE html>" in answer.text and clean.name in answer.text
    assert server.post("/api/check", [(clean.name, clean.read_bytes())], {"format": "pdf"}).status == 400


def test_extract_returns_the_dossier_as_yaml(server: Server, tmp_path: Path) -> None:
    text = (ROOT / "tests" / "fixtures").glob("**/*.txt")
    document = next(iter(sorted(text)), None) or SEED_TEXT
    if not document.exists():
        pytest.skip("no text document to extract")
    answer = server.post("/api/extract", [(document.name, document.read_bytes())])
    assert answer.status == 200, answer.text
    assert answer.headers["content-type"].startswith("application/yaml")
    assert "ctg_rules: 1" in answer.text
    empty = server.post("/api/extract", [("notes.txt", "Rien à voir ici.\n".encode())])
    assert empty.status == 422 and "notes.txt" in empty.json()["error"]


# --- safety -----------------------------------------------------------------------------------------


def test_foreign_host_headers_are_refused(server: Server) -> None:
    """DNS rebinding: a page of evil.example resolving its name to 127.0.0.1 sends its own Host."""
    for host in ("evil.example", f"evil.example:{server.port}", f"127.0.0.1:{server.port + 1}", ""):
        answer = server.request("GET", "/healthz", headers={"Host": host})
        assert answer.status == 400, host
    assert server.request("GET", "/healthz", headers={"Host": f"localhost:{server.port}"}).status == 200
    clean = ROOT / "examples" / "clean-commune-ctg-2024.yaml"
    posted = server.post("/api/check", [(clean.name, clean.read_bytes())], headers={"Host": "evil.example"})
    assert posted.status == 400


def test_cross_origin_posts_are_refused(server: Server) -> None:
    clean = ROOT / "examples" / "clean-commune-ctg-2024.yaml"
    files = [(clean.name, clean.read_bytes())]
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": f"http://localhost:{server.port}"},  # another origin than the page's own
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ):
        assert server.post("/api/check", files, headers=headers).status == 403, headers
    same = {"Origin": server.url, "Sec-Fetch-Site": "same-origin"}
    assert server.post("/api/check", files, headers=same).status == 200
    page = server.request("GET", "/")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert "access-control-allow-origin" not in page.headers


def test_uploads_are_limited(strict: Server, temp_root: Path) -> None:
    small = b"ctg_rules: 1\n"
    too_many = strict.post("/api/check", [(f"d{i}.yaml", small) for i in range(4)])
    assert too_many.status == 413 and "3" in too_many.json()["error"]
    big_yaml = strict.post("/api/check", [("big.yaml", b"# " + b"x" * 5_000 + b"\nctg_rules: 1\n")])
    assert big_yaml.status == 413 and "big.yaml" in big_yaml.json()["error"]
    big_body = strict.post(
        "/api/check", [("a.txt", b"x" * 7_000), ("b.txt", b"x" * 7_000), ("c.txt", b"x" * 7_000)]
    )
    assert big_body.status == 413
    assert strict.post("/api/check", [("virus.exe", b"MZ")]).status == 415
    assert strict.post("/api/check", [("macro.py", b"import os")]).status == 415
    assert strict.post("/api/check", []).status == 400
    raw = strict.request("POST", "/api/check", b"{}", {"Content-Type": "application/json"})
    assert raw.status == 415
    assert strict.post("/api/check", [("a.yaml", small)], {"lang": "de"}).status == 400
    assert not list(temp_root.iterdir()), "a refused upload leaves nothing behind"


def test_an_uploaded_configuration_cannot_loosen_limits_nor_run_plugins(
    strict: Server, tmp_path: Path, temp_root: Path
) -> None:
    marker = tmp_path / "plugin-ran"
    plugin = tmp_path / "evil_plugin.py"
    plugin.write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n", encoding="utf-8"
    )
    config = f"plugins: [{plugin.as_posix()}]\nlimits: {{max-nodes: 1000000}}\n".encode()
    dossier = (ROOT / "examples" / "clean-commune-ctg-2024.yaml").read_bytes()[:3_900]
    answer = strict.post("/api/check", [("d.yaml", dossier)], config=(".ctg-rules.yaml", config))
    assert not marker.exists(), "no plugin code from an upload's configuration"
    assert answer.status == 200, answer.text
    report = answer.json()
    assert report["files"][0]["status"] == "error"
    assert any("60" in e["message"] for e in report["errors"]), "the server's node limit holds"


def test_names_cannot_leave_the_private_folder(server: Server, tmp_path: Path, temp_root: Path) -> None:
    clean = (ROOT / "examples" / "clean-commune-ctg-2024.yaml").read_bytes()
    names = ["../../escape.yaml", "/etc/abs.yaml", "..\\..\\win.yaml", "a/./../b.yaml"]
    answer = server.post("/api/check", [(n, clean) for n in names])
    assert answer.status == 200, answer.text
    paths = [f["path"] for f in answer.json()["files"]]
    assert sorted(paths) == ["a/b.yaml", "escape.yaml", "etc/abs.yaml", "win.yaml"]
    assert not (temp_root.parent / "escape.yaml").exists() and not (temp_root / "escape.yaml").exists()
    assert not list(temp_root.iterdir())


def test_review_streams_progress_then_the_result(server: Server) -> None:
    defects = ROOT / "examples" / "defects-epci-ctg-2024.yaml"
    answer = server.post("/api/review", [(defects.name, defects.read_bytes())], {"lang": "en"})
    events = [json.loads(line) for line in answer.text.splitlines()]
    assert events[0]["type"] == "progress" and events[-1]["type"] == "result"
    result = events[-1]
    assert result["report"]["summary"]["by_severity"]["error"] > 0
    assert result["dossier"]["deliberations"][0]["number"]
    assert result["labels"]["deliberations[0].declared.present"]
    located = [f for f in result["report"]["findings"] if f.get("line")]
    assert located and all(f["excerpt"] for f in located)


def test_review_applies_corrections_to_a_yaml_dossier(server: Server) -> None:
    clean = ROOT / "examples" / "clean-commune-ctg-2024.yaml"
    files = [(clean.name, clean.read_bytes())]
    before = json.loads(server.post("/api/review", files).text.splitlines()[-1])
    assert before["report"]["summary"]["by_severity"]["error"] == 0
    corrections = json.dumps([{"path": ["deliberations", 0, "vote", "for"], "value": 2}])
    after = json.loads(server.post("/api/review", files, {"corrections": corrections}).text.splitlines()[-1])
    codes = {f["code"] for f in after["report"]["findings"]}
    assert "VOT004" in codes, "the corrected count no longer adds up"
    assert after["dossier"]["deliberations"][0]["vote"]["for"] == 2
    assert "for: 2" in after["yaml"]
    bad = server.post("/api/review", files, {"corrections": '[{"path": ["documents"], "value": 1}]'})
    assert json.loads(bad.text.splitlines()[-1])["type"] == "error"


def document_folder(tmp: Path) -> Path:
    """The clean example as a clerk holds it: convention.docx, the deliberations as PDF, DOCX, text."""
    docgen = pytest.importorskip("tests.docgen")
    pytest.importorskip("docx")
    pytest.importorskip("fpdf")
    from ctg_rules import load

    dossier = load(ROOT / "examples" / "clean-commune-ctg-2024.yaml")
    assert dossier.convention is not None
    (tmp / "deliberations").mkdir(parents=True)
    docgen.write_docx(tmp / "convention.docx", docgen.convention(dossier.convention, per_row=2))
    writers = (docgen.write_pdf, docgen.write_docx, docgen.write_text)
    for i, d in enumerate(dossier.deliberations):
        writer = writers[i % 3]
        suffix = ("pdf", "docx", "txt")[i % 3]
        writer(tmp / "deliberations" / f"delib-{i + 1}.{suffix}", docgen.deliberation(d))
    return tmp


def test_check_gives_the_command_line_json_on_a_generated_document_folder(
    server: Server, tmp_path: Path
) -> None:
    folder = document_folder(tmp_path / "dossier")
    code, expected = cli_json(folder)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    answer = server.post("/api/check", [(p.relative_to(folder).as_posix(), p.read_bytes()) for p in files])
    assert answer.status == 200
    assert answer.text == expected
    report = json.loads(expected)
    assert report["summary"]["checked"] >= 1 and answer.headers["x-ctg-rules-exit-code"] == str(code)
    extracted = server.post(
        "/api/extract", [(p.relative_to(folder).as_posix(), p.read_bytes()) for p in files]
    )
    assert extracted.status == 200 and "documents:" in extracted.text and "convention.docx" in extracted.text
