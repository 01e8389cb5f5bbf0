"""No data loss: inputs are never written, outputs appear whole or not at all, batches go on.

A tree of inputs (dossiers, broken files, documents, a configuration with a local plugin) is
fingerprinted before every command that reads it and compared after.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctg_rules import fileio
from ctg_rules.cli import cli
from tests.conftest import CLEAN, DEFECTS, ROOT, SEED
from tests.test_extract_cli import ACT, EPCI, make_pdf
from tests.test_plugins import LOCAL


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


def fingerprint(root: Path) -> dict[str, tuple[str, int, int]]:
    """Every file and folder under ``root``: content digest, modification time, permissions."""
    out = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        out[path.relative_to(root).as_posix()] = (digest, info.st_mtime_ns, stat.S_IMODE(info.st_mode))
    return out


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "dossiers" / "2024").mkdir(parents=True)
    (root / "rules").mkdir()
    (root / "documents").mkdir()
    (root / "rules" / "local.py").write_text(LOCAL.format(code="LOC001"), encoding="utf-8")
    (root / ".ctg-rules.yaml").write_text(
        "plugins: [rules/local.py]\nlimits: {max-file-size: 1MB}\n", encoding="utf-8"
    )
    for source in (SEED, CLEAN, DEFECTS):
        (root / "dossiers" / source.name).write_bytes(source.read_bytes())
    (root / "dossiers" / "2024" / "crlf.yaml").write_bytes(CLEAN.read_bytes().replace(b"\n", b"\r\n"))
    (root / "dossiers" / "broken.yaml").write_text("ctg_rules: 1\ndeliberations: [\n", encoding="utf-8")
    (root / "dossiers" / "binary.yaml").write_bytes(b"\x00\x01\x02")
    (root / "documents" / "pv.txt").write_bytes(EPCI.read_bytes())
    make_pdf(root / "documents" / "acte.pdf", [ACT])
    (root / "documents" / "truncated.pdf").write_bytes((root / "documents" / "acte.pdf").read_bytes()[:300])
    # old times, so that any write would change them visibly
    for path in root.rglob("*"):
        os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    return root


def test_no_command_writes_to_its_inputs(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = fingerprint(tree)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(tree)
    monkeypatch.setattr(
        sys, "dont_write_bytecode", False
    )  # as on a user's machine (not PYTHONDONTWRITEBYTECODE)
    dossiers = str(tree / "dossiers")
    for fmt in ("text", "json", "sarif", "junit", "github", "markdown", "html"):
        code, _, _ = invoke("check", "--format", fmt, dossiers)
        assert code == 2  # the broken files
        assert invoke("check", "--format", fmt, "-o", str(out / f"report.{fmt}"), dossiers)[0] == 2
    assert invoke("check", "--jobs", "2", "--format", "json", dossiers)[0] == 2
    assert invoke("check", "--statistics", "--lang", "en", ".")[0] == 2
    docs = [str(p) for p in sorted((tree / "documents").iterdir())]
    assert invoke("check", "--format", "json", *docs)[0] == 2  # the truncated PDF
    for doc in docs:
        invoke("extract", doc)
    assert invoke("extract", str(tree / "documents" / "pv.txt"), "-o", str(out / "pv.yaml"))[0] == 0
    assert invoke("config", str(tree / "dossiers" / SEED.name))[0] == 0
    assert invoke("rules")[0] == 0 and invoke("explain", "LOC001")[0] == 0
    assert invoke("plugins", str(tree))[0] == 0
    assert invoke("schema", "-o", str(out / "schema.json"))[0] == 0
    assert fingerprint(tree) == before  # no byte, time or mode changed, no file added (no __pycache__)


def test_an_output_never_replaces_an_input(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = fingerprint(tree)
    seed = tree / "dossiers" / SEED.name
    code, _, err = invoke("check", "-o", str(seed), str(tree / "dossiers"))
    assert code == 2 and "an input of this run" in err
    monkeypatch.chdir(tree / "dossiers")
    # by another name, and the configuration file too
    code, _, err = invoke("check", "-o", f"../dossiers/{SEED.name}", SEED.name)
    assert code == 2 and "an input of this run" in err
    code, _, err = invoke("check", "-o", "../.ctg-rules.yaml", SEED.name)
    assert code == 2 and ".ctg-rules.yaml, an input of this run" in err
    pv = tree / "documents" / "pv.txt"
    code, _, err = invoke("extract", str(pv), "-o", str(pv), "--force")
    assert code == 2 and "c'est le document lu" in err
    assert fingerprint(tree) == before


def test_extract_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "dossier.yaml"
    target.write_text("hand-corrected\n", encoding="utf-8")
    code, _, err = invoke("extract", str(EPCI), "-o", str(target), "--lang", "en")
    assert code == 2 and "already exists (--force to replace it)" in err
    assert target.read_text(encoding="utf-8") == "hand-corrected\n"
    assert invoke("extract", str(EPCI), "-o", str(target), "--force")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# Dossier extrait de")


def test_unwritable_outputs_are_plain_errors(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "out.json"
    for args in (
        ("check", "-o", str(missing), str(CLEAN)),
        ("schema", "-o", str(missing)),
        ("extract", str(EPCI), "-o", str(missing)),
    ):
        code, stdout, stderr = invoke(*args)
        assert code == 2 and "fichier ou dossier introuvable" in stderr, args  # in the run's language
        assert "internal error" not in stderr and "Traceback" not in stdout + stderr
    assert not (tmp_path / "no-such-folder").exists()


# --- atomic writes ---------------------------------------------------------------------------------


def test_every_writer_goes_through_the_atomic_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used = []
    real = fileio.atomic_writer

    def spy(path, **kwargs):
        used.append(Path(path).name)
        return real(path, **kwargs)

    monkeypatch.setattr(fileio, "atomic_writer", spy)
    assert invoke("check", "-o", str(tmp_path / "report.txt"), str(CLEAN))[0] == 0
    assert invoke("extract", str(EPCI), "-o", str(tmp_path / "d.yaml"))[0] == 0
    assert invoke("schema", "-o", str(tmp_path / "schema.json"))[0] == 0
    assert used == ["report.txt", "d.yaml", "schema.json"]


def test_no_module_writes_a_file_by_itself() -> None:
    # Anything that writes must use fileio.atomic_writer; this catches a plain open(..., "w").
    pattern = re.compile(
        r"""open\([^)]*["'][wax]b?\+?["']|\.write_(text|bytes)\(|os\.open\([^)]*O_(WRONLY|RDWR|CREAT)|shutil\.(copy|move)|os\.(replace|rename)\("""
    )
    offenders = []
    for path in sorted((ROOT / "src" / "ctg_rules").rglob("*.py")):
        if path.name == "fileio.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_a_failed_report_leaves_the_previous_one_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "report.json"
    report.write_text('{"previous": true}\n', encoding="utf-8")
    from ctg_rules.reporters import json as json_reporter

    def broken_finish(self, end):
        self.stream.write('{"half": ')
        raise RuntimeError("disk gone")

    monkeypatch.setattr(json_reporter.JsonReporter, "finish", broken_finish)
    result = CliRunner().invoke(cli, ["check", "--format", "json", "-o", str(report), str(CLEAN)])
    assert isinstance(result.exception, RuntimeError)
    assert report.read_text(encoding="utf-8") == '{"previous": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary file left


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.txt"
        with fileio.atomic_writer(fresh) as handle:
            handle.write("x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # not the 0o600 of a temporary file
        private = tmp_path / "private.txt"
        private.write_text("old", encoding="utf-8")
        private.chmod(0o600)
        with fileio.atomic_writer(private) as handle:
            handle.write("new")
        assert stat.S_IMODE(private.stat().st_mode) == 0o600 and private.read_text(encoding="utf-8") == "new"
    finally:
        os.umask(old)


def test_no_overwrite_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src, dst):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)  # FAT, some network shares
    target = tmp_path / "d.yaml"
    with fileio.atomic_writer(target, overwrite=False) as handle:
        handle.write("first")
    with pytest.raises(FileExistsError), fileio.atomic_writer(target, overwrite=False) as handle:
        handle.write("second")
    assert target.read_text(encoding="utf-8") == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.yaml"]


# --- batches ---------------------------------------------------------------------------------------

BROKEN = {
    "b-syntax.yaml": ("ctg_rules: 1\ndeliberations: [\n", 3, "YAML invalide : valeur attendue ici"),
    "b-binary.yaml": (b"\x7fELF\x02\x01\x01\x00\x00", 1, "fichier binaire"),
    "b-latin1.yaml": ("ctg_rules: 1\nsubject: caf\xe9\n".encode("latin-1"), 2, "n'est pas en UTF-8"),
    "b-tab.yaml": ("ctg_rules: 1\ndeliberations:\n\t- number: 1\n", 3, "tabulation"),
    "b-bomb.yaml": (
        "ctg_rules: 1\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        4,
        "trop d'alias",
    ),
    "b-field.yaml": (
        "ctg_rules: 1\ndeliberations:\n  - members_in_office: beaucoup\n",
        3,
        "nombre entier attendu",
    ),
}


@pytest.mark.slow
def test_a_thousand_dossiers_with_a_few_broken(tmp_path: Path) -> None:
    folder = tmp_path / "dossiers"
    clean, defects = CLEAN.read_text(encoding="utf-8"), DEFECTS.read_text(encoding="utf-8")
    for i in range(1000):
        sub = folder / f"lot{i // 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        # each dossier its own act number, so that no cross-file rule ties them together
        text = defects if i % 10 == 0 else clean
        (sub / f"d{i:04d}.yaml").write_text(
            text.replace("ctg_rules: 1", f"ctg_rules: 1\nx-n: {i}", 1), encoding="utf-8"
        )
    for name, (content, _, _) in BROKEN.items():
        path = folder / "lot05" / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    code, stdout, _ = invoke("check", "--format", "json", str(folder))
    doc = json.loads(stdout)
    assert code == 2
    statuses = {Path(f["path"]).name: f["status"] for f in doc["files"]}
    assert len(statuses) == 1000 + len(BROKEN)
    assert sum(s == "checked" for s in statuses.values()) == 1000
    assert {n for n, s in statuses.items() if s == "error"} == set(BROKEN)
    errors = {Path(e["file"]).name: e for e in doc["errors"]}
    for name, (_, line, words) in BROKEN.items():
        assert errors[name]["line"] == line and words in errors[name]["message"], errors[name]
    # the good files' findings are all there: the defects example's, once per copy
    alone = json.loads(invoke("check", "--format", "json", str(DEFECTS))[1])["findings"]
    per_file = sorted(f["code"] for f in alone if f["file"])
    found: dict[str, list[str]] = {}
    for f in doc["findings"]:
        found.setdefault(Path(f["file"]).name, []).append(f["code"])
    assert len(found) == 100 and all(sorted(codes) == per_file for codes in found.values())
    # the text report lists every broken file with its location and says how many
    code, text, _ = invoke("check", str(folder))
    assert code == 2 and "1000 vérifiés" in text and f"{len(BROKEN)} fichiers illisibles ; " in text
    for name, (_, line, _) in BROKEN.items():
        assert f"{name}:{line}:" in text


CRASH = """
import os
import ctg_rules

@ctg_rules.rule("CRS001", title="crash", severity="error")
def crash(dossier):
    if dossier.deliberations and dossier.deliberations[0].number == "CRASH":
        os._exit(139)  # as a segmentation fault in a C library would: no exception, no result
    return ()

@ctg_rules.hookimpl
def ctg_rules_rules():
    return [crash]
"""


def test_a_worker_that_dies_does_not_hang_the_run(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "crash.py").write_text(CRASH, encoding="utf-8")
    (tmp_path / ".ctg-rules.yaml").write_text("plugins: [rules/crash.py]\n", encoding="utf-8")
    for i in range(8):
        number = "CRASH" if i == 3 else f"A{i}"
        (tmp_path / f"d{i}.yaml").write_text(
            f"ctg_rules: 1\ndeliberations:\n  - number: {number}\n", encoding="utf-8"
        )
    proc = subprocess.run(
        [sys.executable, "-m", "ctg_rules.cli", "check", "--jobs", "2", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert "a worker process died" in proc.stderr and "--jobs 1" in proc.stderr


def test_a_bug_met_on_one_file_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ctg_rules import loader

    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (tmp_path / name).write_bytes(CLEAN.read_bytes())
    real = loader.read

    def buggy(path, limits=loader.DEFAULT_LIMITS):
        if Path(path).name == "b.yaml":
            raise IndexError("a bug of ours")
        return real(path, limits)

    monkeypatch.setattr(loader, "read", buggy)
    monkeypatch.delenv("CTG_RULES_DEBUG", raising=False)
    code, stdout, _ = invoke("check", "--jobs", "1", "--format", "json", "--lang", "en", str(tmp_path))
    doc = json.loads(stdout)
    assert code == 2
    assert [f["status"] for f in doc["files"]] == ["checked", "error", "checked"]
    assert (
        doc["errors"][0]["message"]
        == "internal error on this file: IndexError: a bug of ours (CTG_RULES_DEBUG=1)"
    )
