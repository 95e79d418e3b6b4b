"""Splitting a text file that holds several articles, trimming debris tails, and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from manysides.ingest import ingest
from manysides.model import DateSource

FIRST = (
    "Harbour Reopens After Storm\n\n"
    "Ferries return as crews clear the last of the debris\n\n"
    "By Jane Roe\n\n"
    "The harbour reopened on Tuesday after a week of repairs, the port authority said.\n\n"
    "Ferry operators said the first crossings were full.\n\n"
)
SECOND = (
    "Council Approves New Budget\n\n"
    "By Ann Lee, Bo Chan and Cy Diaz\n\n"
    "The city council approved the budget by a narrow vote late on Wednesday.\n\n"
    "Opponents said the plan cut too deeply into libraries.\n"
)


def test_text_split_two_articles(write) -> None:
    path = write("two.txt", FIRST + SECOND)
    result = ingest([path])
    assert not result.failures
    first, second = result.articles
    assert (first.title, first.authors) == ("Harbour Reopens After Storm", ["Jane Roe"])
    assert first.description == "Ferries return as crews clear the last of the debris"
    assert first.text.endswith("the first crossings were full.")
    assert (second.title, second.authors) == (
        "Council Approves New Budget",
        ["Ann Lee", "Bo Chan", "Cy Diaz"],
    )
    assert second.description is None
    assert second.text.startswith("The city council approved")
    assert [a.source for a in result.articles] == [f"{path}#1", f"{path}#2"]


def test_text_section_headings_do_not_split(write) -> None:
    text = FIRST + "WHAT COMES NEXT\n\nThe port expects a busy summer, officials said.\n"
    (article,) = ingest([write("one.txt", text)]).articles
    assert "WHAT COMES NEXT" in article.text


def test_text_split_can_be_turned_off(write, config) -> None:
    config["ingest"]["split_multi_article_text"] = False
    (article,) = ingest([write("two.txt", FIRST + SECOND)], config=config).articles
    assert "Council Approves New Budget" in article.text


@pytest.mark.parametrize(
    "tail",
    [
        "\n\nShare.\nBack to top",
        "\n\nShare\n\nPrint\n\nEmail",
        "\n\nArticles from Somewhere\nand Elsewhere Daily",
    ],
)
def test_text_debris_tail_trimmed(write, tail: str) -> None:
    (article,) = ingest([write("a.txt", FIRST.rstrip() + tail)]).articles
    assert article.text.endswith("the first crossings were full.")


@pytest.mark.parametrize(
    "ending",
    ["\n\nIt was over.", "\n\n“We will rebuild,” she said.", "\n\nThe rest of the story went on."],
)
def test_text_real_last_paragraph_kept(write, ending: str) -> None:
    (article,) = ingest([write("a.txt", FIRST.rstrip() + ending)]).articles
    assert article.text.endswith(ending.strip())


def _seed_articles(seeds: Path):
    result = ingest([seeds])
    assert not result.failures
    return {Path(a.source or "").name: a for a in result.articles}, result


def test_seeds_read_as_five_articles(seeds: Path) -> None:
    by_source, result = _seed_articles(seeds)
    assert len(list(seeds.glob("*.txt"))) == 4
    assert len(result.articles) == 5
    split = sorted(name for name in by_source if "#" in name)
    assert [name.rsplit("#")[1] for name in split] == ["1", "2"]
    first, second = (by_source[name] for name in split)
    assert first.title and first.description and len(first.authors) == 1
    assert second.title and second.description and len(second.authors) == 3
    for author in first.authors + second.authors:
        assert author.split()[0][0].isupper() and not author.lower().startswith("by ")


def test_seeds_have_no_invented_metadata(seeds: Path) -> None:
    _, result = _seed_articles(seeds)
    for article in result.articles:
        assert article.outlet is None
        assert article.published is None
        assert article.published_source is DateSource.UNKNOWN


def test_seeds_untitled_files_have_no_title(seeds: Path) -> None:
    by_source, _ = _seed_articles(seeds)
    untitled = [a for name, a in by_source.items() if "#" not in name]
    assert len(untitled) == 3
    for article in untitled:
        assert article.title is None
        first_line = (seeds / Path(article.source or "").name).read_text("utf-8").split("\n")[0]
        assert article.text.startswith(first_line)


def test_seeds_bodies_are_exact_slices_without_debris(seeds: Path) -> None:
    _, result = _seed_articles(seeds)
    for article in result.articles:
        original = (seeds / Path(article.source or "").name.split("#")[0]).read_text("utf-8")
        assert article.text in original
        last_line = article.text.rstrip().splitlines()[-1]
        assert last_line.endswith((".", "”", "?", "!", '"')), last_line
        if article.title:
            assert article.title not in article.text
