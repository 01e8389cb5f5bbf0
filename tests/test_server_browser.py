"""The page of ``ctg-rules serve`` in a real headless browser (Debian's chromium, driven by Playwright).

A clerk drops the seed dossier, reads the verdict and the findings, corrects a value, sees the
dossier checked again, downloads the corrected YAML and the HTML report; then picks a folder of
documents. Screenshots are kept in pytest's temporary folder (``page-*.png``). Nothing but the
server is ever fetched: every other request fails the test. Skipped without chromium or Playwright.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SEED
from tests.web_helpers import Server, serving

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = next(
    (p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).exists()), None
)
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium (apt-get install chromium)"),
    pytest.mark.slow,
]
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
WAIT = 90_000  # ms: the machine is shared; a check takes well under a second alone


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serving() as running:
        yield running


@pytest.fixture(scope="module")
def browser(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, list[str]]]:
    """A fresh headless chromium (its own profile) that may load nothing but the server's pages."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    foreign: list[str] = []
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            accept_downloads=True,
            locale="fr-FR",
            viewport={"width": 1200, "height": 900},
        )

        def route(r: Any) -> None:
            if r.request.url.startswith((server.url + "/", "blob:", "data:")):
                r.continue_()
            else:
                foreign.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        yield context, foreign
        context.close()


@pytest.fixture()
def page(browser: tuple[Any, list[str]], server: Server) -> Iterator[Any]:
    context, foreign = browser
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.goto(server.url + "/")
    yield tab
    tab.close()
    assert not errors, errors
    assert not foreign, f"the page tried to fetch {foreign}"


def drop(page: Any, files: list[tuple[str, bytes]]) -> None:
    """Files dropped on the drop zone, as a clerk drags them from the file manager."""
    payload = [{"name": name, "bytes": list(content)} for name, content in files]
    transfer = page.evaluate_handle(
        """(files) => { const t = new DataTransfer();
            for (const f of files) t.items.add(new File([new Uint8Array(f.bytes)], f.name));
            return t; }""",
        payload,
    )
    page.dispatch_event("#drop", "drop", {"dataTransfer": transfer})


def shoot(page: Any, folder: Path, name: str) -> Path:
    path = folder / f"page-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


def test_drop_the_seed_correct_a_value_and_download(page: Any, tmp_path: Path) -> None:
    page.get_by_text("Déposez les fichiers").wait_for()
    drop(page, [(SEED.name, SEED.read_bytes())])
    verdict = page.locator("#verdict-title")
    verdict.filter(has_text="à corriger avant signature").wait_for(timeout=WAIT)
    errors_before = int(verdict.inner_text().split()[0])
    assert page.locator("article.finding").count() >= errors_before
    assert page.locator("#identity-body").get_by_text("D23.080").first.is_visible()
    first = page.locator("article.finding.error").first
    assert first.locator(".message").inner_text() and first.locator("code").inner_text()
    shoot(page, tmp_path, "seed")

    # a visa's date left as "XX": the finding leads to the value, corrected in place and checked again
    finding = page.locator("article.finding", has_text="annexe 1a").filter(has_text="DAT003").first
    finding.get_by_role("button", name="Corriger cette valeur").click()
    field = page.locator('[data-path="convention.visas[5].date"]')
    assert page.evaluate("document.activeElement.dataset.path") == "convention.visas[5].date"
    assert field.input_value() == "XX"
    field.fill("2023-10-12")
    field.press("Enter")
    page.locator("#verdict-sub").filter(has_text="1 valeur corrigée").wait_for(timeout=WAIT)
    verdict.filter(has_text=f"{errors_before - 1} erreurs").wait_for(timeout=WAIT)
    assert not page.locator("article.finding", has_text="visa de la délibération de l'annexe 1a").count()
    shoot(page, tmp_path, "seed-corrected")

    with page.expect_download() as yaml_download:
        page.get_by_role("button", name="Dossier corrigé (YAML)").click()
    saved = tmp_path / "corrected.yaml"
    yaml_download.value.save_as(saved)
    corrected = saved.read_text(encoding="utf-8")
    assert "date: 2023-10-12" in corrected and "ctg_rules: 1" in corrected

    with page.expect_download() as html_download:
        page.get_by_role("button", name="Rapport (HTML)").click()
    report = tmp_path / "report.html"
    html_download.value.save_as(report)
    text = report.read_text(encoding="utf-8")
    assert "<!DOCTYPE html>" in text and SEED.name in text


def test_english_and_keyboard(page: Any, tmp_path: Path) -> None:
    page.keyboard.press("Tab")  # the skip link first, then the language switch
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "lang"
    page.keyboard.press("Enter")
    page.get_by_text("Drop the files or a folder here").wait_for()
    assert page.evaluate("document.documentElement.lang") == "en"
    clean = ROOT / "examples" / "clean-commune-ctg-2024.yaml"
    drop(page, [(clean.name, clean.read_bytes())])
    page.locator("#verdict-title").filter(has_text="Ready to sign").wait_for(timeout=WAIT)
    assert page.evaluate("document.activeElement.id") == "verdict-title", "focus moves to the verdict"
    for input_ in page.locator("#values-body input").all()[:20]:
        label = page.locator(f'label[for="{input_.get_attribute("id")}"]')
        assert (label.text_content() or "").strip(), "every field has a label"
    shoot(page, tmp_path, "english")


def test_pick_a_folder_of_documents(page: Any, tmp_path: Path) -> None:
    from tests.test_server_api import document_folder

    folder = document_folder(tmp_path / "dossier")
    page.set_input_files("#folder", str(folder))
    page.locator("#chosen-text").filter(has_text="deliberations/delib-1.pdf").wait_for(timeout=WAIT)
    verdict = page.locator("#verdict-title")
    verdict.filter(has_text="signer").wait_for(timeout=WAIT)
    identity = page.locator("#identity-body")
    assert identity.get_by_role("columnheader", name="Délibération d'approbation").is_visible()
    linked = identity.locator("tbody tr td:nth-child(3)", has_text="n° ")
    assert linked.count() >= 1, "a party's deliberation is found among the documents and linked"
    shoot(page, tmp_path, "folder")
