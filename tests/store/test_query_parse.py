"""The shared search language: parsing and rendering to FTS5."""

from __future__ import annotations

import pytest

from manysides.errors import StoreError
from manysides.store.query import SearchQuery, Term, parse_query, to_fts5


@pytest.mark.parametrize(
    ("query", "fts5"),
    [
        ("drone", '"drone"'),
        ("U.S. sanctions", '"U.S." AND "sanctions"'),
        ('"air  defence" Iran', '"air defence" AND "Iran"'),
        ("Iran OR Israel strike", '("Iran" OR "Israel") AND "strike"'),
        ("strike Iran OR Israel", '"strike" AND ("Iran" OR "Israel")'),
        ("strike -drill -\"live fire\"", '("strike") NOT "drill" NOT "live fire"'),
        ("sanction*", '"sanction"*'),
        ('say"hi', '"say""hi"'),
        ("NEAR(a b) title:x", '"NEAR(a" AND "b)" AND "title:x"'),
        ('"unterminated phrase', '"unterminated phrase"'),
        ("— drone ...", '"drone"'),
        ("OR drone OR", '"drone"'),
    ],
)
def test_query_parse_renders_fts5(query: str, fts5: str) -> None:
    assert to_fts5(parse_query(query)) == fts5


def test_query_parse_structure() -> None:
    assert parse_query("a OR b* -c") == SearchQuery(
        groups=[[Term("a"), Term("b", prefix=True)]], excluded=[Term("c")]
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [("", "no words"), ("?!", "no words"), ("-war", "only excludes"), ('-"a b"', "only excludes")],
)
def test_query_parse_nothing_to_search(query: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        parse_query(query)
