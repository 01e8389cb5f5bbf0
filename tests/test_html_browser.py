"""The HTML report in a real headless browser (Debian's chromium): it renders, offline, without errors.

Skipped when no browser is installed (`apt-get install chromium`; .ci/run tries to install it).
"""

from __future__ import annotations

import html
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctg_rules.cli import cli
from tests.conftest import DEFECTS, SEED
from tests.reporters_helpers import project_with_echo_rule

BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
pytestmark = [
    pytest.mark.skipif(BROWSER is None, reason="no headless browser (apt-get install chromium)"),
    pytest.mark.slow,
]
WIDTH, HEIGHT = 1100, 1600


def browse(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Open a page in a fresh headless browser that may not reach the network."""
    command = [
        shutil.which(BROWSER or "") or "",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        f"--window-size={WIDTH},{HEIGHT}",
        *extra,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def console_messages(stderr: str) -> list[str]:
    """What the page logged (script errors, refused loads): the browser reports them as CONSOLE."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def png_rows(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the (filtered) pixel rows of a PNG: enough to tell a blank image."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, idat, width, height, bytes_per_pixel = 8, b"", 0, 0, 4
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
            bytes_per_pixel = {2: 3, 6: 4, 0: 1, 4: 2}.get(body[9], 4)
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    raw = zlib.decompress(idat)
    stride = 1 + width * bytes_per_pixel
    return width, height, [raw[i : i + stride] for i in range(0, len(raw), stride)]


def test_html_report_renders_in_a_headless_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = project_with_echo_rule(tmp_path / "hostile")
    monkeypatch.chdir(tmp_path / "hostile")
    page = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli, ["check", "--format", "html", "-o", str(page), str(SEED), str(DEFECTS), hostile.name]
    )
    assert result.exit_code == 1, result.output

    shot = tmp_path / "report.png"
    proc = browse(page, tmp_path / "profile", f"--screenshot={shot}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert console_messages(proc.stderr) == []  # no script error, no blocked load
    width, height, rows = png_rows(shot)
    assert (width, height) == (WIDTH, HEIGHT)
    assert len(set(rows)) > 100, "the screenshot is (nearly) blank"

    dom = browse(page, tmp_path / "profile2", "--dump-dom")
    assert dom.returncode == 0
    assert "À corriger avant signature</h2>" in dom.stdout
    assert "Communauté de communes Aubrac Lot Causses Tarn" in dom.stdout
    # the dossier's <script> stayed text: the parsed page holds no script element
    assert "<script" not in dom.stdout and "&lt;script&gt;alert(1)&lt;/script&gt;" in dom.stdout


def test_the_console_check_does_catch_a_blocked_load(tmp_path: Path) -> None:
    """The negative control: a page that tries to fetch something is reported."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
        '<img src="http://example.invalid/x.png">',
        encoding="utf-8",
    )
    proc = browse(page, tmp_path / "profile", f"--screenshot={tmp_path / 'bad.png'}")
    assert proc.returncode == 0
    assert any("Content Security Policy" in m for m in console_messages(proc.stderr))


def model_names(text: str) -> list[str]:
    """The model's paths, keys and stored values found in a text (what a person must not read)."""
    from ctg_rules import labels

    table = labels.labels()
    names: set[str] = set()
    for field in table.fields:
        keys = [str(p) for p in labels.segments(field) if isinstance(p, str)]
        names.update(".".join(keys[i:]) for i in range(len(keys) - 1))  # declared.present, session.date
        names.update(k for k in keys if "_" in k)  # proxy_to, convened_on
    names.update(v for values in table.values.values() for v in values if "-" in v)  # equipment-list
    found = [n for n in sorted(names) if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)]
    found += re.findall(r"\w+\[\d+\]", text)  # deliberations[0]
    found += re.findall(r"\b\w+: (?:true|false)\b", text)  # attached: false
    return found


def visible_text(dom: str) -> str:
    """The words of a page a person reads: its title and body, without markup or style sheet."""
    dom = re.sub(r"<style\b.*?</style>|<head\b.*?<title>|</title>.*?</head>", " ", dom, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", dom))


def test_model_names_are_caught_where_they_appear() -> None:
    """The negative control of the next test: the reports' old wording is flagged."""
    old = (
        "Emplacement : dossier.yaml, ligne 23 — deliberations[0].declared.present ; aucune annexe de "
        "type « equipment-list » ; marquée non jointe (attached: false) ; proxy_to"
    )
    assert model_names(old) == [
        "declared.present",
        "equipment-list",
        "proxy_to",
        "deliberations[0]",
        "attached: false",
    ]
    assert model_names("le nombre de présents imprimé (1re délibération) ; ctg-rules 0.1") == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_html_report_names_no_model_path(tmp_path: Path, lang: str) -> None:
    """The defects example's report, as the browser shows it, names fields and values in words."""
    page = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["check", "-f", "html", "--lang", lang, "-o", str(page), str(DEFECTS)])
    assert result.exit_code == 1, result.output
    dom = browse(page, tmp_path / "profile", "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    shown = visible_text(dom.stdout)
    assert (
        "le nombre de présents imprimé" if lang == "fr" else "the printed number of members present"
    ) in shown
    assert ("la liste des équipements" if lang == "fr" else "the list of facilities") in shown
    assert model_names(shown) == []
