"""The report in a real browser (headless Chromium driven by Playwright).

Runs the real ``analyze`` on the bundled examples plus a hostile article, opens the report
from disk and checks what only a browser can: the page runs with no script error and no
Content-Security-Policy violation, nothing is fetched, article text never runs as code, the
table tools work, and every link into an article lands on a highlighted passage of it.

Skipped when Chromium or Playwright is missing, unless ``MANYSIDES_REQUIRE_BROWSER=1`` (CI sets
it, so there the test cannot silently skip).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from manysides.analyze import analyze, examples_path

pytestmark = pytest.mark.browser

HOSTILE_TEXT = (
    "<script>document.title = 'owned'</script> Harbour council vote\n\n"
    'By Ann Example\n\nThe council voted on Monday. "We will not back down," '
    "the mayor said. <img src=x onerror=\"document.title='owned'\"> The vote passed 7 to 2.\n"
)


def _chromium() -> str | None:
    for name in (os.environ.get("MANYSIDES_CHROMIUM", ""), "chromium", "chromium-browser"):
        if name and (path := shutil.which(name)):
            return path
    return None


def _missing(reason: str) -> None:
    if os.environ.get("MANYSIDES_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (MANYSIDES_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    corpus = root / "corpus"
    shutil.copytree(examples_path(), corpus)
    (corpus / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    result = analyze([corpus], db=root / "r.db", out=root / "report.html")
    assert result.report_path is not None
    return result.report_path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = _chromium()
    if chromium is None:
        _missing("Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - in the lock; kept for installs without dev extras
        _missing("playwright is not installed (pip install -r requirements.lock)")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, report: Path) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    requests: list[str] = []

    def console(message: Any) -> None:
        if message.type in ("error", "warning"):
            problems.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    page.problems = problems
    page.requests = requests
    yield page
    context.close()


def test_browser_report_runs_clean_and_offline(page: Any, report: Path) -> None:
    assert page.title().startswith("manysides")
    assert page.problems == []  # no script error, no CSP violation report
    assert page.requests == [report.as_uri()]  # nothing else is fetched


def test_browser_article_text_never_runs(page: Any) -> None:
    assert page.title() != "owned"
    assert page.evaluate("document.querySelectorAll('article script, article img').length") == 0
    assert "<script>document.title" in page.inner_text("#articles")


def test_browser_article_table_filters_and_sorts(page: Any) -> None:
    rows = page.locator("#article-table tbody tr")
    total = rows.count()
    assert total >= 5
    page.fill("#article-filter", "harbour council")
    visible = page.locator("#article-table tbody tr:not([hidden])")
    assert visible.count() == 1
    assert page.inner_text("#article-count") == f"1 of {total} articles"
    page.fill("#article-filter", "")
    page.click("#article-table thead th:nth-child(7) button")  # Chars
    chars = [int(c.replace(",", "")) for c in page.locator(
        "#article-table tbody tr td:nth-child(7)").all_inner_texts()]
    assert chars == sorted(chars)


def test_browser_every_in_page_link_lands_on_its_target(page: Any) -> None:
    targets = page.evaluate(
        "Array.from(document.querySelectorAll('a[href^=\"#\"]'), a => a.getAttribute('href'))"
    )
    assert targets
    missing = page.evaluate(
        "hrefs => hrefs.filter(h => !document.getElementById(decodeURIComponent(h.slice(1))))",
        targets,
    )
    assert missing == []


def test_browser_event_link_shows_the_highlighted_sentence(page: Any) -> None:
    from playwright.sync_api import expect

    link = page.locator("a.trigger").first
    href = link.get_attribute("href")
    assert href and href.startswith("#")
    link.click()
    target = page.locator(f"[id='{href[1:]}']")
    assert target.evaluate("e => e.tagName") == "MARK"
    expect(target).to_be_in_viewport()  # waits for the jump to finish
