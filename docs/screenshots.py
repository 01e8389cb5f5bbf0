"""Regenerate the report screenshots of the README (docs/report-*.png) from the defects example.

    python docs/screenshots.py            # needs chromium (or chromium-browser, google-chrome)

The text reports (full and ``--format concise``) are run as a terminal shows them (colours
forced), turned into a page of monospaced text, and photographed by a headless browser; the HTML
report is photographed as it is. Pillow, when installed, reduces the images to a small palette.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLE = "examples/defects-epci-ctg-2024.yaml"
WIDTH = 1280
#: the full text report is long: its first lines and its summary are what a screenshot shows
FULL_LINES = 42
_ANSI = re.compile(r"\x1b\[(\d+)m")
_COLOURS = {"31": "#e06c75", "33": "#e5c07b", "36": "#56b6c2", "1": "bold", "2": "dim"}
_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body{{margin:0;background:#1e2127;color:#d7dae0}}
pre{{margin:0;padding:16px 20px;font:14px/20px "DejaVu Sans Mono",monospace;white-space:pre-wrap;
word-break:break-all}}
.prompt{{color:#98c379}} .bold{{font-weight:bold;color:#fff}} .dim{{color:#8b929e}}
</style></head><body><pre>{body}</pre></body></html>"""


def ctg_rules(*args: str) -> str:
    """What ``ctg-rules`` prints in a terminal (colours on), run from the repository root."""
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "160", "LANG": "fr_FR.UTF-8"}
    env.pop("NO_COLOR", None)
    command = [sys.executable, "-m", "ctg_rules.cli", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False).stdout


def terminal_page(command: str, output: str, keep: int | None = None) -> tuple[str, int]:
    """A page showing ``$ command`` and its output with the terminal's colours, and the lines it
    takes (the first ``keep`` lines and the last one when the output is longer)."""
    lines = output.rstrip("\n").split("\n")
    if keep is not None and len(lines) > keep + 1:
        lines = [*lines[:keep], "\x1b[2m…\x1b[0m", lines[-1]]
    body = [f'<span class="prompt">$</span> {html.escape(command)}']
    for line in lines:
        body.append(_colour(line))
    columns = (WIDTH - 40) // 8.4  # the monospace font's advance at 14px
    rows = sum(max(1, -(-len(_ANSI.sub("", line)) // int(columns))) for line in lines) + 1
    return _PAGE.format(body="\n".join(body)), rows


def _colour(line: str) -> str:
    """A line with ANSI colour codes as HTML spans."""
    out, open_spans = [], 0
    for k, part in enumerate(_ANSI.split(line)):
        if k % 2 == 0:
            out.append(html.escape(part))
        elif part == "0":
            out.append("</span>" * open_spans)
            open_spans = 0
        elif part in _COLOURS:
            style = _COLOURS[part]
            out.append(
                f'<span class="{style}">' if style in ("bold", "dim") else f'<span style="color:{style}">'
            )
            open_spans += 1
    return "".join(out) + "</span>" * open_spans


def browser() -> str:
    found = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
    if found is None:
        raise SystemExit("screenshots need a headless browser: apt-get install chromium")
    return shutil.which(found) or found


def shoot(page: Path, out: Path, height: int, work: Path) -> None:
    """A headless browser's screenshot of ``page``, ``WIDTH`` x ``height``, offline."""
    command = [
        browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        f"--user-data-dir={work / 'profile'}", f"--window-size={WIDTH},{height}",
        f"--screenshot={out}", page.as_uri(),
    ]  # fmt: skip
    subprocess.run(command, capture_output=True, timeout=120, check=True)
    _shrink(out)


def _shrink(path: Path) -> None:
    """A palette of 64 colours: a screenshot of text loses nothing a reader sees, and most of its size."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=64)
    small.save(path, optimize=True)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="ctg-rules-shots-") as folder:
        work = Path(folder)
        for name, args, keep in (
            ("report-text.png", ("check", EXAMPLE), FULL_LINES),
            ("report-concise.png", ("check", "--format", "concise", EXAMPLE), None),
        ):
            page, rows = terminal_page("ctg-rules " + " ".join(args), ctg_rules(*args), keep)
            source = work / (name + ".html")
            source.write_text(page, encoding="utf-8")
            shoot(source, DOCS / name, 32 + 20 * rows + 12, work)
            print(f"docs/{name}")
        report = work / "report.html"
        subprocess.run(
            [sys.executable, "-m", "ctg_rules.cli", "check", "--format", "html", "-o", str(report), EXAMPLE],
            cwd=ROOT, capture_output=True, check=False,
        )  # fmt: skip
        shoot(report, DOCS / "report-html.png", 1500, work)
        print("docs/report-html.png")


if __name__ == "__main__":
    main()
