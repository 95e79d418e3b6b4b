"""Articles from JSON, JSON Lines and CSV/TSV records."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from manysides.ingest import ingest
from manysides.ingest.records import RecordError, parse_published
from manysides.model import Article, DateSource, SourceKind

TEXT = "The harbour reopened on Tuesday after a week of repairs, officials said."
RECORD = {
    "headline": "Harbour Reopens",
    "body": TEXT,
    "link": "https://example.org/harbour",
    "publisher": "Example Times",
    "author": "Ann Lee and Bo Chan",
    "pubdate": "2024-04-14T08:00:00+02:00",
    "lang": "en",
    "id": "ignored",
    "urlToImage": "https://example.org/x.png",
}


def _check(article) -> None:
    assert article.text == TEXT
    assert article.title == "Harbour Reopens"
    assert article.url == "https://example.org/harbour"
    assert article.outlet == "Example Times"
    assert article.authors == ["Ann Lee", "Bo Chan"]
    assert article.published == datetime(2024, 4, 14, 6, tzinfo=UTC)
    assert article.published_source is DateSource.METADATA
    assert article.language == "en"
    assert article.id != "ignored"


@pytest.mark.parametrize(
    "data",
    [RECORD, [RECORD], {"status": "ok", "articles": [RECORD]}],
    ids=["object", "list", "news-api"],
)
def test_records_json_shapes(write, data) -> None:
    path = write("a.json", json.dumps(data))
    (article,) = ingest([path]).articles
    _check(article)
    assert article.source_kind is SourceKind.JSON
    assert article.source == str(path)


def test_records_json_list_numbers_parts_and_reports_bad_items(write) -> None:
    path = write("a.json", json.dumps([RECORD, {"title": "no text"}, 3]))
    result = ingest([path])
    assert [a.source for a in result.articles] == [f"{path}#1"]
    assert [f.source for f in result.failures] == [f"{path}#2", f"{path}#3"]
    expected = "no article text: expected a non-empty field text/body/content"
    assert expected in result.failures[0].reason
    assert "expected a JSON object, got a number" in result.failures[1].reason


def test_records_jsonl_bad_line_is_its_own_failure(write) -> None:
    other = {**RECORD, "body": TEXT.replace("Tuesday", "Friday")}
    lines = [json.dumps(RECORD), "{not json", "", json.dumps(other), json.dumps({"text": ""})]
    path = write("a.jsonl", "\n".join(lines))
    result = ingest([path])
    assert len(result.articles) == 2
    _check(result.articles[0])
    assert result.articles[0].source_kind is SourceKind.JSONL
    assert [f.source for f in result.failures] == [f"{path}:2", f"{path}:5"]
    assert result.failures[0].reason.startswith("not valid JSON")


def test_records_csv_with_header_row(write) -> None:
    header = "title,text,url,source,authors,date,language\n"
    row = f'Harbour Reopens,"{TEXT}",https://example.org/harbour,Example Times,' \
          '"Ann Lee; Bo Chan",14 April 2024,en\n'
    bad = "No Text,,,,,,\n"
    path = write("a.csv", header + row + bad)
    result = ingest([path])
    (article,) = result.articles
    assert article.authors == ["Ann Lee", "Bo Chan"]
    assert article.published == datetime(2024, 4, 14, tzinfo=UTC)
    assert article.source_kind is SourceKind.CSV
    assert [f.source for f in result.failures] == [f"{path}:3"]


def test_records_tsv_and_long_fields(write, config) -> None:
    long_text = "word " * 40_000  # over csv's default 128 KiB field limit
    path = write("a.tsv", f"text\ttitle\n{long_text}\tLong One\n")
    (article,) = ingest([path], config=config).articles
    assert article.title == "Long One"
    assert len(article.text) > 131_072


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("a.csv", "title,url\nA,B\n", "no text column: expected one of text/body/content"),
        ("a.json", "{broken", "not valid JSON"),
        ("a.json", "[]", "the JSON list holds no articles"),
        ("a.json", '{"text": "x", "date": "someday"}', "cannot read the date 'someday'"),
        ("a.jsonl", "\n\n", "the file is empty"),
    ],
)
def test_records_file_level_errors(write, name: str, content: str, reason: str) -> None:
    result = ingest([write(name, content)])
    assert result.articles == []
    assert reason in result.failures[0].reason


def test_records_arguments_fill_missing_fields(write) -> None:
    path = write("a.jsonl", json.dumps({"text": TEXT}))
    given = datetime(2024, 4, 20, tzinfo=UTC)
    (article,) = ingest([path], outlet="Argument Outlet", published=given).articles
    assert (article.outlet, article.published, article.published_source) == (
        "Argument Outlet",
        given,
        DateSource.USER,
    )


def test_records_exported_article_json_reads_back(write) -> None:
    exported = Article.create(TEXT, title="Harbour", source="old/a.txt", authors=["Ann Lee"])
    (article,) = ingest([write("a.json", exported.to_json())]).articles
    assert (article.id, article.title, article.authors) == (exported.id, "Harbour", ["Ann Lee"])
    assert article.outlet is None  # "source" (where it was read from) is not the outlet here


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-04-14", datetime(2024, 4, 14, tzinfo=UTC)),
        ("Sun, 14 Apr 2024 08:00:00 GMT", datetime(2024, 4, 14, 8, tzinfo=UTC)),
        ("14 avril 2024", datetime(2024, 4, 14, tzinfo=UTC)),
        (1713081600, datetime(2024, 4, 14, 8, tzinfo=UTC)),
        (None, None),
        ("", None),
    ],
)
def test_records_parse_published(value, expected) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "April 2024", "soon", True])
def test_records_parse_published_refuses_partial_or_relative(value) -> None:
    with pytest.raises(RecordError, match="give a full date"):
        parse_published(value)
