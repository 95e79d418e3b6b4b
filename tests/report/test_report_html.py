"""The HTML report: hostile input stays inert, a CSP pins its one script, the overview is right."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from datetime import UTC, datetime, timedelta, timezone
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import lxml.html
import pytest

import manysides
from manysides.model import Article, DateSource, Duplicate, IngestFailure, SourceKind
from manysides.report import embed_json, render_report, write_report
from manysides.report.overview import format_datetime

GENERATED = datetime(2025, 9, 14, 10, 30, tzinfo=UTC)
OWN_SCRIPT = (
    resources.files("manysides.report").joinpath("templates", "report.js").read_text("utf-8")
)

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def _elements(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


def _hostile_articles() -> list[Article]:
    evil = Article(
        id='x"><script>alert("id")</script>',
        text=f'{HOSTILE}\n\n</p></article><script>alert(2)</script>\n\n"><svg onload=alert(3)>',
        title=f"</title>{HOSTILE}",
        description="<style>body{display:none}</style>",
        outlet="<img src=x onerror=alert('outlet')>",
        authors=['"><script>alert("author")</script>', "x' onmouseover='alert(4)"],
        url="javascript:alert('url')",
        source="<script>alert('source')</script>/tmp/a.txt",
        language='en" onfocus="alert(5)',
    )
    linked = Article.create(
        "A plain text.",
        url="https://news.example/a?<script>",
        source="x.html",
        duplicate=Duplicate(of=evil.id, kind="near", similarity=0.9),
    )
    return [evil, linked]


def _hostile_page() -> str:
    failures = [IngestFailure(source=HOSTILE, reason="<b onmouseover=alert(6)>bad</b>")]
    extra = {"command": "</script><script>alert(7)</script>", "nested": {"a": "<!--<script>"}}
    return render_report(
        _hostile_articles(),
        failures=failures,
        title=f"{HOSTILE} report",
        generated_at=GENERATED,
        extra=extra,
    )


def test_report_hostile_input_renders_inert() -> None:
    page = _hostile_page()
    parsed = _elements(page)
    executable = [text for attrs, text in parsed.scripts if attrs.get("type") != "application/json"]
    assert executable == [OWN_SCRIPT]
    data_blocks = [
        attrs.get("id") for attrs, _ in parsed.scripts if attrs.get("type") == "application/json"
    ]
    assert data_blocks == ["manysides-extra"]
    handlers = [
        (tag, name) for tag, attrs in parsed.tags for name in attrs if name.startswith("on")
    ]
    assert handlers == []
    assert {tag for tag, _ in parsed.tags} & {
        "img",
        "svg",
        "iframe",
        "object",
        "embed",
        "link",
    } == set()
    assert [tag for tag, _ in parsed.tags].count("style") == 1
    hrefs = [attrs["href"] or "" for _, attrs in parsed.tags if "href" in attrs]
    assert not [h for h in hrefs if not h.startswith(("#", "https://", "http://"))]
    assert "&lt;script&gt;alert" in page


def test_report_hostile_input_inert_for_lxml_too() -> None:
    tree = lxml.html.document_fromstring(_hostile_page())
    scripts = tree.xpath("//script[not(@type='application/json')]")
    assert [s.text for s in scripts] == [OWN_SCRIPT]
    assert tree.xpath("//@*[starts-with(name(), 'on')]") == []
    assert tree.xpath("//img|//svg|//iframe") == []
    title = tree.xpath("//article//h3")[0].text_content()
    assert title.startswith('</title><script>alert("x")</script>')


def test_report_unsafe_urls_are_not_links() -> None:
    tree = lxml.html.document_fromstring(_hostile_page())
    links = tree.xpath("//a[not(starts-with(@href, '#'))]")
    assert [a.get("href") for a in links] == ["https://news.example/a?<script>"]
    assert links[0].get("rel") == "noopener noreferrer nofollow"
    assert "javascript:alert('url')" in tree.xpath("//article")[0].text_content()


def test_report_csp_pins_the_inline_script_by_hash() -> None:
    page = render_report(_hostile_articles(), generated_at=GENERATED)
    tree = lxml.html.document_fromstring(page)
    (meta,) = tree.xpath("//meta[@http-equiv='Content-Security-Policy']")
    policy = dict(part.strip().split(" ", 1) for part in meta.get("content").split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["style-src"] == "'unsafe-inline'"
    assert policy["img-src"] == "data:"
    assert "unsafe-inline" not in policy["script-src"]
    (script,) = tree.xpath("//script[not(@type)]")
    digest = base64.b64encode(hashlib.sha256(script.text.encode("utf-8")).digest()).decode()
    assert policy["script-src"] == f"'sha256-{digest}'"
    head = page.split("</head>")[0]
    assert head.index("Content-Security-Policy") < head.index("<style>")


def test_report_loads_nothing_from_the_network() -> None:
    parsed = _elements(render_report(_hostile_articles(), generated_at=GENERATED))
    assert [attrs for _, attrs in parsed.tags if "src" in attrs or "srcset" in attrs] == []
    assert [tag for tag, _ in parsed.tags if tag in ("link", "base", "form", "iframe")] == []


def test_report_embed_json_cannot_break_out() -> None:
    data = {"a": "</script><script>alert(1)</script>", "b": "<!-- &amp; \u2028", "n": [1, None]}
    block = str(embed_json(data, "x"))
    inner = block.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert "<" not in inner and ">" not in inner
    assert json.loads(inner) == data
    assert block.startswith('<script type="application/json" id="x">')


# --- content -----------------------------------------------------------------------------


def _corpus() -> tuple[list[Article], list[IngestFailure]]:
    tz = timezone(timedelta(hours=1))
    a = Article.create(
        "First article text.\n\nSecond paragraph.",
        title="Protest on Quay Street",
        outlet="Civic Wire",
        authors=["Lena Orsk"],
        language="en",
        published=datetime(2025, 9, 10, 7, 40, tzinfo=tz),
        published_source=DateSource.METADATA,
        source="examples/a.html",
        source_kind=SourceKind.HTML,
    )
    b = Article.create(
        "Opinion text one.",
        title="Tear gas for fishermen",
        outlet="Civic Wire",
        authors=["Nadia Ferrow", "Lena Orsk"],
        published=datetime(2025, 9, 11),
        published_source=DateSource.USER,
    )
    c = Article.create(
        "Untitled words come first in this untitled article which has no title at all and goes on",
        outlet=None,
        published=datetime(2025, 9, 13),
        published_source=DateSource.TEXT,
    )
    d = Article.create(
        "No date, no outlet.",
        title="Undated",
        outlet="  ",
        duplicate=Duplicate(of=a.id, kind="exact"),
    )
    e = Article.create(
        "Near copy.",
        title="Near",
        outlet="Tidewater Gazette",
        duplicate=Duplicate(of="0123456789abcdef", kind="near", similarity=0.8372),
    )
    failures = [
        IngestFailure("feeds/broken.xml", "not well-formed XML (line 3)"),
        IngestFailure("scan.pdf", "no reader for .pdf files"),
    ]
    return [a, b, c, d, e], failures


@pytest.fixture(scope="module")
def report() -> lxml.html.HtmlElement:
    articles, failures = _corpus()
    page = render_report(
        articles,
        failures=failures,
        title="Quay Street",
        generated_at=GENERATED,
        extra={"stages": ["ingest"], "command": "analyze"},
    )
    return lxml.html.document_fromstring(page)


def _counts(report: lxml.html.HtmlElement, list_id: str) -> dict[str, int]:
    items = report.xpath(f"//ul[@id='counts-{list_id}']/li")
    return {
        li.xpath("./span[1]")[0].text_content(): int(li.xpath("./span[2]")[0].text) for li in items
    }


def test_report_header_says_what_and_when(report: lxml.html.HtmlElement) -> None:
    header = report.xpath("//header[@class='masthead']")[0].text_content()
    assert "Quay Street" in header
    assert "Every highlighted passage links to the exact words of its article" in header
    assert f"manysides {manysides.__version__}" in header
    assert "2025-09-14 10:30 UTC" in header
    assert report.xpath("//title")[0].text == "Quay Street"


def test_report_overview_counts_outlets_with_unknown(report: lxml.html.HtmlElement) -> None:
    assert _counts(report, "outlets") == {
        "Civic Wire": 2,
        "unknown outlet": 2,
        "Tidewater Gazette": 1,
    }
    assert _counts(report, "authors") == {"Lena Orsk": 2, "Nadia Ferrow": 1}
    assert _counts(report, "languages") == {"language unknown": 4, "en": 1}
    assert _counts(report, "date-sources") == {
        "date unknown": 2,
        "metadata": 1,
        "text": 1,
        "user": 1,
    }
    cards = [
        c.text_content().split()
        for c in report.xpath("//div[contains(concat(' ', @class, ' '), ' card ')]")
    ]
    assert ["5", "articles"] in cards and ["2", "ingestion", "errors"] in cards


def test_report_overview_date_range_with_provenance(report: lxml.html.HtmlElement) -> None:
    text = " ".join(report.xpath("//dd[@id='date-range']")[0].text_content().split())
    assert text.startswith("2025-09-10 07:40 +01:00 (from metadata) — 2025-09-13 (from the text)")


def test_report_overview_lists_duplicates(report: lxml.html.HtmlElement) -> None:
    rows = [
        " ".join(r.text_content().split())
        for r in report.xpath("//table[@id='duplicate-table']/tbody/tr")
    ]
    assert rows == [
        "Undated · unknown outlet Protest on Quay Street · Civic Wire exact 1.00",
        "Near · Tidewater Gazette 0123456789abcdef (not in this corpus) near 0.84",
    ]
    articles, _ = _corpus()
    links = report.xpath("//table[@id='duplicate-table']/tbody/tr[1]//a/@href")
    assert links == [f"#a-{articles[3].id}", f"#a-{articles[0].id}"]


def test_report_overview_lists_failures(report: lxml.html.HtmlElement) -> None:
    rows = [
        [td.text_content() for td in tr.xpath("td")]
        for tr in report.xpath("//table[@id='failure-table']/tbody/tr")
    ]
    assert rows == [
        ["feeds/broken.xml", "not well-formed XML (line 3)"],
        ["scan.pdf", "no reader for .pdf files"],
    ]


def test_report_extra_shown_and_embedded(report: lxml.html.HtmlElement) -> None:
    (block,) = report.xpath("//script[@id='manysides-extra']")
    assert json.loads(block.text) == {"stages": ["ingest"], "command": "analyze"}
    facts = " ".join(report.xpath("//dl[@class='facts']")[0].text_content().split())
    assert "command analyze" in facts and "stages ingest" in facts
    assert report.xpath("//dd[@class='extra']/code[text()='ingest']")


def test_report_every_article_anchored_and_in_table(report: lxml.html.HtmlElement) -> None:
    articles, _ = _corpus()
    anchors = report.xpath("//article/@id")
    assert anchors == [f"a-{a.id}" for a in articles]
    table_links = report.xpath("//table[@id='article-table']/tbody/tr/td[2]/a/@href")
    assert table_links == [f"#{anchor}" for anchor in anchors]


def test_report_article_metadata_never_invented(report: lxml.html.HtmlElement) -> None:
    articles, _ = _corpus()
    untitled = report.xpath(f"//article[@id='a-{articles[2].id}']")[0]
    heading = untitled.xpath(".//h3")[0].text_content()
    assert (
        heading
        == "(untitled) Untitled words come first in this untitled article which has no title…"
    )
    undated = _meta(report, articles[3])
    assert (undated["Outlet"], undated["Published"], undated["Authors"]) == (
        "unknown outlet",
        "date unknown",
        "none named",
    )
    assert (
        undated["Duplicate"]
        == "exact duplicate of Protest on Quay Street · Civic Wire · similarity 1.00"
    )
    near = _meta(report, articles[4])
    assert (
        near["Duplicate"]
        == "near duplicate of 0123456789abcdef (not in this corpus) · similarity 0.84"
    )
    first = _meta(report, articles[0])
    assert first["Published"] == "2025-09-10 07:40 +01:00 (from metadata)"
    assert first["Id"] == articles[0].id
    assert first["Length"] == "38 characters" == f"{len(articles[0].text)} characters"
    assert first["Source"] == "examples/a.html (html)"
    assert first["Authors"] == "Lena Orsk"


def _meta(report: lxml.html.HtmlElement, article: Article) -> dict[str, str]:
    (dl,) = report.xpath(f"//article[@id='a-{article.id}']//dl[@class='meta']")
    names = [dt.text_content() for dt in dl.xpath("dt")]
    return dict(
        zip(names, (" ".join(dd.text_content().split()) for dd in dl.xpath("dd")), strict=True)
    )


def test_report_article_paragraphs_hold_exact_text(report: lxml.html.HtmlElement) -> None:
    articles, _ = _corpus()
    for article in articles:
        paragraphs = report.xpath(f"//article[@id='a-{article.id}']//div[@class='text']/p")
        assert paragraphs
        for p in paragraphs:
            start, end = int(p.get("data-start")), int(p.get("data-end"))
            assert p.text_content() == article.text[start:end]


def test_report_table_sortable_data_without_js(report: lxml.html.HtmlElement) -> None:
    rows = report.xpath("//table[@id='article-table']/tbody/tr")
    assert len(rows) == 5
    published = [r.xpath("td[5]/@data-sort")[0] for r in rows]
    assert published[0] == "2025-09-10T06:40:00+00:00"
    assert published[3] == "9999"  # undated sorts last
    assert report.xpath("//div[@id='table-tools']/@hidden") == [""]  # shown by the script only


def test_report_empty_corpus() -> None:
    page = render_report([], generated_at=GENERATED)
    tree = lxml.html.document_fromstring(page)
    text = " ".join(tree.text_content().split())
    assert "No articles." in text and "Every input was read." in text
    assert "date unknown for every article" in text


def test_write_report_writes_file(tmp_path: Path) -> None:
    articles, failures = _corpus()
    target = write_report(tmp_path / "r.html", articles, failures=failures, generated_at=GENERATED)
    page = target.read_text("utf-8")
    assert page == render_report(articles, failures=failures, generated_at=GENERATED)
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_report_masthead_is_escaped_in_title() -> None:
    page = render_report([], title="<b>Bold</b> & co", generated_at=GENERATED)
    assert "<title>&lt;b&gt;Bold&lt;/b&gt; &amp; co</title>" in page
    heading = re.search(r"<h1>(.*?)</h1>", page)
    assert heading is not None
    assert html.unescape(heading.group(1)) == "<b>Bold</b> & co"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (datetime(2025, 9, 11), "2025-09-11"),
        (datetime(2025, 9, 11, tzinfo=UTC), "2025-09-11"),
        (datetime(2025, 9, 11, 0, 0, 1, tzinfo=UTC), "2025-09-11 00:00 UTC"),
        (datetime(2025, 9, 11, 7, 5, tzinfo=UTC), "2025-09-11 07:05 UTC"),
        (datetime(2025, 9, 11, tzinfo=timezone(timedelta(hours=-5))), "2025-09-11 00:00 -05:00"),
        (datetime(2025, 9, 11, 18, 30), "2025-09-11 18:30"),
        (None, "date unknown"),
    ],
)
def test_report_format_datetime(value: datetime | None, shown: str) -> None:
    assert format_datetime(value) == shown


def test_write_report_leaves_no_half_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page is written as it renders; a failure part way leaves no file behind."""
    from manysides.report import html as module

    def failing(*args: object, **kwargs: object) -> str:
        raise RuntimeError("cannot render this article")

    monkeypatch.setitem(module._environment().globals, "article_text", failing)
    articles, failures = _corpus()
    with pytest.raises(RuntimeError):
        write_report(tmp_path / "r.html", articles, failures=failures, generated_at=GENERATED)
    assert list(tmp_path.iterdir()) == []
