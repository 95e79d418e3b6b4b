"""HTML pages: main text and metadata with trafilatura, dates with htmldate."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from manysides.ingest import ingest
from manysides.model import DateSource, SourceKind

PARAGRAPHS = (
    "<p>Officials said on Sunday that more than 300 drones and missiles were launched overnight, "
    "in an attack that was mostly intercepted by air defences.</p>"
    "<p>“We don't have any information at this time,” a spokesperson said — the situation was "
    "changing by the hour, she added.</p>"
    "<p>A third paragraph gives the extractor enough words to be sure this is an article.</p>"
)


def page(head: str = "", body_extra: str = "") -> str:
    return (
        f"<!doctype html><html lang='en'><head><title>Drones Fly - Daily Planet</title>{head}"
        f"</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>Drones Fly Over the City</h1>{body_extra}{PARAGRAPHS}</article>"
        "<footer>Share this | Subscribe</footer></body></html>"
    )


META = (
    "<meta property='og:site_name' content='The Daily Planet'>"
    "<meta name='author' content='Jane Roe'>"
    "<meta property='og:url' content='https://planet.example/news/drones'>"
    "<meta name='description' content='A night of alarms'>"
    "<meta property='article:published_time' content='2024-04-14T08:00:00Z'>"
)


def test_html_metadata_and_main_text(write) -> None:
    (article,) = ingest([write("a.html", page(META))], outlet="Argument Outlet").articles
    assert article.source_kind is SourceKind.HTML
    assert article.title == "Drones Fly Over the City"
    assert article.outlet == "The Daily Planet"
    assert article.authors == ["Jane Roe"]
    assert article.url == "https://planet.example/news/drones"
    assert article.description == "A night of alarms"
    assert article.published == datetime(2024, 4, 14, tzinfo=UTC)
    assert article.published_source is DateSource.METADATA
    assert article.text.startswith("Officials said on Sunday")
    assert "“We don't have any information at this time,” a spokesperson said —" in article.text
    for boilerplate in ("Home", "Subscribe", "Drones Fly Over the City"):
        assert boilerplate not in article.text


@pytest.mark.parametrize(
    ("outlet", "expected"),
    [(None, None), ("Argument Outlet", "Argument Outlet")],
)
def test_html_outlet_falls_back_to_argument_never_domain(write, outlet, expected) -> None:
    (article,) = ingest([write("a.html", page())], outlet=outlet).articles
    assert article.outlet == expected


@pytest.mark.parametrize(
    ("extra", "how"),
    [
        ("<p class='date'>Published April 14, 2024</p>", DateSource.METADATA),  # date markup
        ("<p>Posted on April 14, 2024 by the news desk.</p>", DateSource.TEXT),  # only in text
    ],
)
def test_html_date_found_by_htmldate(write, extra: str, how: DateSource) -> None:
    html = page(body_extra=extra)
    (article,) = ingest([write("a.html", html)]).articles
    assert article.published == datetime(2024, 4, 14, tzinfo=UTC)
    assert article.published_source is how


def test_html_without_date_uses_argument(write) -> None:
    given = datetime(2024, 4, 20, tzinfo=UTC)
    (article,) = ingest([write("a.html", page())], published=given).articles
    assert (article.published, article.published_source) == (given, DateSource.USER)


@pytest.mark.parametrize(
    "html",
    [
        "<html><body></body></html>",
        "<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>",
        "<html><body><script>render()</script></body></html>",
    ],
)
def test_html_without_text_is_a_failure(write, html: str) -> None:
    result = ingest([write("empty.html", html)])
    assert result.articles == []
    assert result.failures[0].reason.startswith("no article text found")
