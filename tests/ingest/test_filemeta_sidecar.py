"""Sidecar files: the user's metadata about one file, overriding what the file says."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from manysides.ingest import ingest
from manysides.model import DateSource

TEXT = "A Headline Here\n\nBy Jane Roe\n\nThe harbour reopened on Tuesday, officials said.\n"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "a.txt.meta.json",
            '{"outlet": "Example Times", "url": "https://example.org/a", "published": '
            '"2024-04-14", "title": "Sidecar Title", "authors": ["Ann Lee", "Bo Chan"]}',
        ),
        (
            "a.meta.toml",
            'outlet = "Example Times"\nurl = "https://example.org/a"\npublished = 2024-04-14\n'
            'title = "Sidecar Title"\nauthors = "Ann Lee; Bo Chan"\n',
        ),
    ],
)
def test_sidecar_overrides_file(write, name: str, content: str) -> None:
    path = write("a.txt", TEXT)
    write(name, content)
    (article,) = ingest([path], outlet="Argument Outlet").articles
    assert article.outlet == "Example Times"
    assert article.url == "https://example.org/a"
    assert article.published == datetime(2024, 4, 14, tzinfo=UTC)
    assert article.published_source is DateSource.USER
    assert article.title == "Sidecar Title"
    assert article.authors == ["Ann Lee", "Bo Chan"]


def test_sidecar_title_not_applied_to_several_articles(write) -> None:
    part = "A Headline Here\n\nBy Jane Roe\n\nThe harbour reopened on Tuesday, officials said.\n\n"
    path = write("two.txt", part + part.replace("Tuesday", "Friday").replace("Here", "There"))
    write("two.txt.meta.json", '{"title": "One Title", "outlet": "Example Times"}')
    articles = ingest([path]).articles
    assert [a.title for a in articles] == ["A Headline Here", "A Headline There"]
    assert {a.outlet for a in articles} == {"Example Times"}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"outlett": "X"}', "unknown key 'outlett'; valid keys: authors, description"),
        ('{"published": "someday"}', "cannot read the date 'someday'"),
        ("[1, 2]", "a sidecar file must hold an object/table of fields"),
        ("{broken", "cannot read this sidecar file"),
    ],
)
def test_sidecar_errors_name_the_sidecar(write, content: str, reason: str) -> None:
    path = write("a.txt", TEXT)
    sidecar = write("a.txt.meta.json", content)
    result = ingest([path])
    assert result.articles == []
    (failure,) = result.failures
    assert failure.source == str(sidecar)
    assert reason in failure.reason
