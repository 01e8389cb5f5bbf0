"""The README's report screenshots: present, not blank, and the script that makes them keeps the
terminal's colours and the summary line."""

from __future__ import annotations

import importlib.util
import re

import pytest

from tests.conftest import ROOT

SHOTS = ("report-text.png", "report-concise.png", "report-html.png")


def _script():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "docs" / "screenshots.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_shows_each_report_screenshot() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"\]\(docs/(report-[a-z]+\.png)\)", readme) == list(SHOTS)
    assert "python docs/screenshots.py" in readme


@pytest.mark.parametrize("name", SHOTS)
def test_each_screenshot_is_an_image_of_something(name: str) -> None:
    image_module = pytest.importorskip("PIL.Image")
    with image_module.open(ROOT / "docs" / name) as image:
        assert image.width == 1280 and image.height > 600
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is not None and len(colours) > 8, "a blank image"


def test_the_terminal_page_keeps_colours_and_the_summary() -> None:
    script = _script()
    output = "\n".join(
        [
            f"\x1b[1mfile.yaml:{n}:1\x1b[0m \x1b[1mVOT001\x1b[0m [\x1b[31merreur\x1b[0m] <b>{n}</b>"
            for n in range(50)
        ]
        + ["\x1b[31m50 erreurs\x1b[0m"]
    )
    page, rows = script.terminal_page("ctg-rules check x.yaml", output, keep=10)
    assert '<span style="color:#e06c75">erreur</span>' in page
    assert "&lt;b&gt;9&lt;/b&gt;" in page and "&lt;b&gt;10&lt;/b&gt;" not in page  # escaped, cut
    assert page.rstrip().endswith('<span style="color:#e06c75">50 erreurs</span></pre></body></html>')
    assert rows == 13  # the prompt, ten findings, the ellipsis, the summary
