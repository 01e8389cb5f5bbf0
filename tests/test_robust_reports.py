"""Reports are inert: dossier values and file names cannot inject anything into any output format.

The hostile dossier is the defects example with a party and a member renamed to a payload that
tries HTML, Markdown, XML, GitHub workflow commands, terminal escape sequences and bidirectional
overrides at once; the built-in rules quote those names in their messages and the HTML report
shows the parties, so the payload reaches every format through the ordinary code paths.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctg_rules.cli import cli
from ctg_rules.reporters import inert
from tests.conftest import DEFECTS
from tests.test_html_browser import BROWSER, browse

# As written in a YAML double-quoted string (\n, \e, \a and \u202e are YAML escapes).
PAYLOAD_YAML = (
    r"<script>document.body.dataset.pwned=1</script>\n::error file=x.yaml,line=1::injected\r\n"
    r"%0A::warning::pwned @octocat #1 [x](javascript:alert(1)) | a | \e]0;title\a\e[31mRED \u202eevil"
    r" ]]> <!-- &amp; <img src=x onerror=document.body.dataset.pwned=1> `tick` *em* _u_"
)
PAYLOAD = (
    "<script>document.body.dataset.pwned=1</script>\n::error file=x.yaml,line=1::injected\r\n"
    "%0A::warning::pwned @octocat #1 [x](javascript:alert(1)) | a | \x1b]0;title\x07\x1b[31mRED \u202eevil"
    " ]]> <!-- &amp; <img src=x onerror=document.body.dataset.pwned=1> `tick` *em* _u_"
)
#: a file name a pull request could add (no "/" in it, everything else allowed)
HOSTILE_NAME = "::warning file=a::<img src=x onerror=alert(1)> & @team #1 %0A,x.yaml"
FORMATS = ("text", "json", "sarif", "junit", "github", "markdown", "html")


def hostile_tree(root: Path) -> Path:
    """A folder with the hostile dossier, a hostile file name and a broken file with a hostile key."""
    root.mkdir(parents=True, exist_ok=True)
    text = DEFECTS.read_text(encoding="utf-8")
    text = text.replace("name: Commune de Nasbinals", f'name: "Commune {PAYLOAD_YAML}"')
    text = text.replace("{name: FOLCHER Paul,", f'{{name: "FOLCHER {PAYLOAD_YAML}",')
    assert text.count(PAYLOAD_YAML) == 2
    (root / "hostile.yaml").write_text(text, encoding="utf-8")
    (root / HOSTILE_NAME).write_text(DEFECTS.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "broken.yaml").write_text(f'ctg_rules: 1\n"{PAYLOAD_YAML}": 1\n', encoding="utf-8")
    return root


def report(root: Path, fmt: str, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--format", fmt, *extra, str(root)], catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = hostile_tree(tmp_path_factory.mktemp("hostile") / "dossiers")
    out = {}
    for fmt in FORMATS:
        code, out[fmt] = report(root, fmt)
        assert code == 2, (fmt, out[fmt][-2000:])  # the broken file
    return out


def test_the_payload_reaches_every_format(reports: dict[str, str]) -> None:
    # the test is only worth something if the hostile text is really in the reports
    messages = [f["message"] for f in json.loads(reports["json"])["findings"]]
    assert sum(PAYLOAD in m for m in messages) >= 4
    errors = json.loads(reports["json"])["errors"]
    assert any(PAYLOAD in e["message"] for e in errors)


def test_json_and_sarif_carry_the_text_exactly(reports: dict[str, str]) -> None:
    doc = json.loads(reports["json"])
    assert HOSTILE_NAME in {Path(f["path"]).name for f in doc["files"]}
    sarif = json.loads(reports["sarif"])
    texts = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    assert any(PAYLOAD in t for t in texts)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]
    }
    assert all(" " not in u and "<" not in u for u in uris)  # percent-encoded URIs


def test_text_output_is_one_inert_line_per_message(reports: dict[str, str]) -> None:
    out = reports["text"]
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", out)  # no terminal escape, no override
    assert not [line for line in out.splitlines() if line.startswith("::")]  # no workflow command
    assert inert(PAYLOAD) in out  # shown, escaped: \n, \x1b, \u202e


def test_a_file_name_cannot_start_a_workflow_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = hostile_tree(tmp_path / "dossiers")
    monkeypatch.chdir(root)
    code, out = report(Path("."), "text")
    assert code == 2
    assert not [line for line in out.splitlines() if line.startswith("::")]
    assert f"./{HOSTILE_NAME}:" in out


def test_github_annotations_cannot_start_a_command(reports: dict[str, str]) -> None:
    lines = reports["github"].splitlines()
    command = re.compile(r"::(error|warning|notice)( [a-z]+=[^,:\r\n]*(,[a-z]+=[^,:\r\n]*)*)?::[^\r\n]*")
    assert all(command.fullmatch(line) for line in lines[:-1]), lines
    assert lines[-1].startswith("ctg-rules: ")
    doc = json.loads(report_json_of(reports))
    assert len(lines) - 1 == len(doc["findings"]) + len(doc["errors"])  # one annotation each
    # decoded as the runner decodes it, the message is the finding's message
    hostile = next(line for line in lines if "title=PRX001::FOLCHER <script>" in line)
    data = hostile.split("::", 2)[2]
    decoded = data.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
    assert PAYLOAD in decoded
    names = [line for line in lines if "/%3A%3Awarning file=a%3A%3A" in line]
    assert names and all("%2Cx.yaml" in line and "%250A" in line for line in names)


def report_json_of(reports: dict[str, str]) -> str:
    return reports["json"]


def test_junit_is_well_formed_and_holds_only_its_own_elements(reports: dict[str, str]) -> None:
    root = ET.fromstring(reports["junit"].encode("utf-8"))
    tags = {element.tag for element in root.iter()}
    assert tags <= {"testsuites", "testsuite", "testcase", "failure", "error", "skipped", "system-out"}
    texts = [e.get("message", "") + (e.text or "") for e in root.iter()]
    # the payload is there as text, with the characters XML cannot carry replaced
    assert any("<script>document.body.dataset.pwned=1</script>" in t and "]]>" in t for t in texts)
    assert "\x1b" not in reports["junit"]
    assert any(HOSTILE_NAME in (s.get("name") or "") for s in root.iter("testsuite"))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def test_markdown_renders_no_markup_from_the_dossier(reports: dict[str, str]) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(reports["markdown"])
    parsed = parse_html(html)
    tags = {tag for tag, _ in parsed.tags}
    assert tags <= {
        "h1",
        "h2",
        "p",
        "strong",
        "em",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "ul",
        "li",
        "br",
    }
    assert not [a for _, attrs in parsed.tags for a in attrs if a[0] != "style"]  # no href, no src, no on*
    text = "".join(parsed.text)
    assert "<script>document.body.dataset.pwned=1</script>" in text  # shown, as text
    assert "@octocat" not in text and "@\u2060octocat" in text  # nobody is notified
    assert HOSTILE_NAME.replace("@team", "@\u2060team").replace("#1", "#\u20601") in text


def test_html_holds_no_markup_from_the_dossier(reports: dict[str, str]) -> None:
    parsed = parse_html(reports["html"])
    tags = {tag for tag, _ in parsed.tags}
    assert "script" not in tags and "img" not in tags and "a" not in tags
    attributes = {name for _, attrs in parsed.tags for name, _ in attrs}
    assert not [a for a in attributes if a.startswith("on")]
    text = "".join(parsed.text)
    assert "<script>document.body.dataset.pwned=1</script>" in text
    assert "\u202e" not in reports["html"] and "\\u202eevil" in text


@pytest.mark.slow
@pytest.mark.skipif(BROWSER is None, reason="no headless browser (apt-get install chromium)")
def test_the_html_report_stays_inert_in_a_real_browser(reports: dict[str, str], tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(reports["html"], encoding="utf-8")
    proc = browse(page, tmp_path / "profile", "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = parse_html(proc.stdout)  # the DOM after the browser parsed the page (and ran what it would)
    tags = {tag for tag, _ in dom.tags}
    assert tags, "empty DOM"
    assert "script" not in tags and "img" not in tags
    body = next(attrs for tag, attrs in dom.tags if tag == "body")
    assert ("data-pwned", "1") not in body  # nothing ran
    assert "<script>document.body.dataset.pwned=1</script>" in "".join(dom.text)
