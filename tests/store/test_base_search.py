"""Full-text search on every backend: matching, ranking, snippets, and queries people type."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from manysides.errors import StoreError
from manysides.model import Article
from manysides.store import Store
from manysides.store import sqlite as sqlite_backend

from .databases import BACKENDS, fresh_db

Make = Callable[..., Article]
Corpus = tuple[Store, dict[str, Article]]


@pytest.fixture(scope="module", params=BACKENDS)
def corpus(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, dict[str, Article]]]:
    """One store per backend with four articles, shared by the read-only tests below."""
    articles = {
        "title": Article.create(
            "Talks resumed in Cairo on Monday after a week of strikes.",
            title="Ceasefire talks resume", outlet="AP",
        ),
        "text": Article.create(
            "Officials said the ceasefire was fragile. The U.S. urged restraint.",
            title="Officials urge restraint", outlet="Reuters",
        ),
        "defence": Article.create(
            "Israeli air defence intercepted most of the drones over al-Aqsa, sanctions followed.",
            title="Drones intercepted", outlet="BBC",
        ),
        "other": Article.create(
            "The defence of the air base held. Sanctioned firms were named.",
            title="Base held", outlet="Al Jazeera",
        ),
    }
    folder = tmp_path_factory.mktemp("search")
    with fresh_db(request.param, folder) as db, Store.open(db) as store:
        store.add(articles.values())
        yield store, articles


def _ids(store: Store, query: str) -> list[str]:
    return [hit.id for hit in store.search(query)]


def test_base_search_title_match_ranks_first(corpus: Corpus) -> None:
    store, articles = corpus
    hits = store.search("ceasefire")
    assert [h.id for h in hits] == [articles["title"].id, articles["text"].id]
    assert hits[0].rank > hits[1].rank
    assert hits[0].title == "Ceasefire talks resume" and hits[0].outlet == "AP"


def test_base_search_snippet_marks_match(corpus: Corpus) -> None:
    (hit,) = corpus[0].search("fragile")
    assert "[fragile]" in hit.snippet
    assert "ceasefire was" in hit.snippet


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("U.S.", ["text"]),
        ("u.s. restraint", ["text"]),
        ("al-Aqsa", ["defence"]),
        ('"air defence"', ["defence"]),
        ("defence air", ["defence", "other"]),
        ("drones OR talks", ["defence", "title"]),
        ("defence -drones", ["other"]),
        ('defence -"air defence"', ["other"]),
        ("sanction*", ["defence", "other"]),
        ("nowhere", []),
    ],
)
def test_base_search_query_syntax(corpus: Corpus, query: str, expected: list[str]) -> None:
    store, articles = corpus
    assert sorted(_ids(store, query)) == sorted(articles[k].id for k in expected)


@pytest.mark.parametrize(
    ("query", "finds_drones"),
    [
        ('"drones over', True),  # unterminated phrase
        ("drones)", True),
        ("(drones", True),
        ("drones^", True),
        ("*drones", True),
        ("'drones'", True),
        ("drones OR", True),
        ("OR drones", True),
        ("NEAR(drones", False),  # the phrase "near drones"
        ("AND drones", False),  # "AND" is a word to find, not an operator
        ("drones NOT", False),
        ("title:drones", False),
    ],
)
def test_base_search_raw_syntax_is_plain_text(
    corpus: Corpus, query: str, finds_drones: bool
) -> None:
    store, articles = corpus
    assert _ids(store, query) == ([articles["defence"].id] if finds_drones else [])


@pytest.mark.parametrize("query", ["", "   ", "-drones", "...", "OR", '""'])
def test_base_search_nothing_to_find_is_an_error(corpus: Corpus, query: str) -> None:
    with pytest.raises(StoreError, match="search syntax"):
        corpus[0].search(query)


def test_base_search_limit(corpus: Corpus) -> None:
    assert len(corpus[0].search("the", limit=1)) == 1
    assert len(corpus[0].search("the")) == 3


def test_base_search_follows_updates(store: Store, make_article: Make) -> None:
    changed = make_article("Sanctioned firms were named.", title="Sanctions")
    store.add([changed, make_article("Nothing to see.")])
    changed.title, changed.text = "Harbour reopened", "The harbour reopened to ships."
    store.update([changed])
    assert _ids(store, "harbour") == [changed.id]
    assert _ids(store, "sanctioned") == []


def test_sqlite_search_index_error_is_store_error(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch, make_article: Make
) -> None:
    sqlite_store.add([make_article("Some text.")])
    monkeypatch.setattr(sqlite_backend, "to_fts5", lambda query: "text AND")
    with pytest.raises(StoreError, match=r"fts5: syntax error.*search syntax"):
        sqlite_store.search("text")


def test_sqlite_search_folds_diacritics(sqlite_store: Store, make_article: Make) -> None:
    cafe = make_article("They met at the Café Riche.")
    sqlite_store.add([cafe])
    assert [h.id for h in sqlite_store.search("cafe")] == [cafe.id]
