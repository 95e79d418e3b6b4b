"""Title, subtitle, byline and date inference for plain-text and Markdown files."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from manysides.ingest import ingest
from manysides.ingest.layout import parse_byline
from manysides.model import DateSource, SourceKind

BODY = (
    "Officials said on Sunday that more than 300 drones and missiles were launched overnight.\n\n"
    "Most of them were intercepted, according to the army, which gave no further details."
)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Roe", ["Jane Roe"]),
        ("By  Jane   Roe", ["Jane Roe"]),
        ("By Jane Roe and John Doe", ["Jane Roe", "John Doe"]),
        ("By Ann Lee, Bo Chan and Cy Diaz", ["Ann Lee", "Bo Chan", "Cy Diaz"]),
        ("By Ann Lee, Bo Chan, and Cy Diaz", ["Ann Lee", "Bo Chan", "Cy Diaz"]),
        ("BY ANN LEE & BO CHAN", ["ANN LEE", "BO CHAN"]),
        ("By Ludwig van Beethoven | April 14, 2024", ["Ludwig van Beethoven"]),
        ("By the end of the week the army had withdrawn", None),
        ("By Monday, troops had left the city", None),
        ("Bystanders fled the scene", None),
        ("Written in haste", None),
    ],
)
def test_text_byline_names(line: str, names: list[str] | None) -> None:
    assert parse_byline(line) == names


@pytest.mark.parametrize(
    ("head", "title", "description", "authors"),
    [
        ("Drones Fly Over the City\n\n", "Drones Fly Over the City", None, []),
        (
            "Drones Fly Over the City\n\nA night of alarms ends with few hits\n\nBy Jane Roe\n\n",
            "Drones Fly Over the City",
            "A night of alarms ends with few hits",
            ["Jane Roe"],
        ),
        ("Drones fly over the city\n\nBy Jane Roe and John Doe\n\n", "Drones fly over the city",
         None, ["Jane Roe", "John Doe"]),
        ("By Jane Roe\n\n", None, None, ["Jane Roe"]),
        # a first line that is a sentence, not a headline, is body
        ("Drones flew over the city at night\n\n", None, None, []),
        ("The Stage Was Set Long Ago.\n\n", None, None, []),
    ],
)
def test_text_header_inferred(write, head, title, description, authors) -> None:
    path = write("a.txt", head + BODY)
    (article,) = ingest([path]).articles
    assert (article.title, article.description, article.authors) == (title, description, authors)
    assert article.source_kind is SourceKind.TEXT
    if title:
        assert title not in article.text
    assert article.text.endswith("gave no further details.")


def test_text_title_none_when_first_line_is_long(write) -> None:
    path = write("a.txt", BODY)
    (article,) = ingest([path]).articles
    assert article.title is None
    assert article.text == BODY


def test_text_body_keeps_original_characters(write) -> None:
    body = "“Quoted”—dashes – and ‘apostrophes’ stay; so do  double  spaces.\n\nSecond paragraph."
    path = write("a.txt", "A Headline Here\n\nBy Jane Roe\n\n" + body)
    (article,) = ingest([path]).articles
    assert article.text == body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Big News\n\nBy Jane Roe\n\nApril 14, 2024\n\n" + BODY, datetime(2024, 4, 14, tzinfo=UTC)),
        ("Big News\n\nBy Jane Roe | 14 April 2024\n\n" + BODY, datetime(2024, 4, 14, tzinfo=UTC)),
        ("WASHINGTON, April 14, 2024 — " + BODY, datetime(2024, 4, 14, tzinfo=UTC)),
        ("On April 14, 2024, drones flew. " + BODY, None),  # a date in a sentence is no dateline
        ("The council replied late last night. " + BODY, None),  # relative dates are never resolved
    ],
)
def test_text_dateline(write, text: str, expected: datetime | None) -> None:
    (article,) = ingest([write("a.txt", text)]).articles
    assert article.published == expected
    assert article.published_source is (DateSource.TEXT if expected else DateSource.UNKNOWN)
    assert "April 14, 2024\n" not in article.text


def test_text_published_argument_beats_dateline(write) -> None:
    path = write("a.txt", "WASHINGTON, April 14, 2024 — " + BODY)
    given = datetime(2024, 4, 15)
    (article,) = ingest([path], published=given).articles
    assert article.published == given.replace(tzinfo=UTC)
    assert article.published_source is DateSource.USER


def test_text_outlet_only_from_argument(write) -> None:
    path = write("a.txt", "Articles from The Example Times\n\n" + BODY)
    assert ingest([path]).articles[0].outlet is None
    assert ingest([path], outlet="Example  Times").articles[0].outlet == "Example Times"


def test_markdown_heading_and_front_matter(write) -> None:
    text = (
        "---\ntitle: \"Front Title\"\nauthor: [Jane Roe, \"John Doe\"]\ndate: 2024-04-14\n"
        "outlet: The Example Times\nurl: https://example.org/a\ntags: [x]\n---\n\n"
        "# The Heading\n\nA standfirst in sentence case\n\n" + BODY
    )
    (article,) = ingest([write("a.md", text)]).articles
    assert article.source_kind is SourceKind.MARKDOWN
    assert article.title == "Front Title"
    assert article.description == "A standfirst in sentence case"
    assert article.authors == ["Jane Roe", "John Doe"]
    assert article.outlet == "The Example Times"
    assert article.url == "https://example.org/a"
    assert article.published == datetime(2024, 4, 14, tzinfo=UTC)
    assert article.published_source is DateSource.METADATA
    assert article.text == BODY


def test_markdown_heading_is_title_even_in_sentence_case(write) -> None:
    (article,) = ingest([write("a.md", "# Drones fly over the city\n\n" + BODY)]).articles
    assert article.title == "Drones fly over the city"
    assert not article.text.startswith("#")
